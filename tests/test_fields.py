"""ledger/fields.py: records validated by pydantic-core, when read and when made."""

import os
import subprocess
import sys
from dataclasses import FrozenInstanceError, replace
from datetime import date
from decimal import Decimal

import pytest

from majorproj.ledger.fields import ValidationError, as_data, field_names, validated
from majorproj.ledger.models import Config, Entry, Issue, Milestones, Project, Targets
from majorproj.ledger.schema import json_schema

PROJECT = {"id": "SZ-001", "name": "某项目", "level": "municipal", "county": "东湖区",
           "sector": "产业", "nature": "continuing", "total_investment": 1000,
           "annual_plan": 200}


def test_a_record_read_converts_as_the_format_says():
    project = validated(Project, {**PROJECT, "milestones": {"started": "2024-03-01"},
                                  "unknown": "ignored"})
    assert project.total_investment == Decimal(1000)
    assert isinstance(project.total_investment, Decimal)
    assert project.milestones == Milestones(started=date(2024, 3, 1))
    assert project.completed_before == Decimal(0) and project.batches == []


def test_every_error_of_a_record_is_given_with_its_place():
    with pytest.raises(ValidationError) as caught:
        validated(Project, {**PROJECT, "total_investment": -5, "level": "city",
                            "milestones": {"started": "2024-02-30"}})
    found = {(tuple(e["loc"]), e["type"]) for e in caught.value.errors()}
    assert (("total_investment",), "E104") in found
    assert (("level",), "literal_error") in found
    assert any(loc[:2] == ("milestones", "started") for loc, _ in found)
    assert len(found) == 3


def test_a_record_made_in_code_is_checked_as_one_read():
    assert Entry(completed_ytd="12.5").completed_ytd == Decimal("12.5")
    with pytest.raises(ValidationError) as caught:
        Issue(category="land", text="x" * 501)
    assert caught.value.errors()[0]["type"] == "string_too_long"
    issue = Issue(category="land", text="征地")
    with pytest.raises(ValidationError):
        replace(issue, category="weather")  # replace makes it anew, and checks it
    with pytest.raises(FrozenInstanceError):
        issue.text = "拆迁"  # type: ignore[misc]


def test_a_month_written_twice_is_refused_before_its_keys_are_read():
    with pytest.raises(ValidationError) as caught:
        validated(Targets, {"overall": {6: 100, "06": 200}})
    assert caught.value.errors()[0]["type"] == "E003"


def test_as_data_leaves_out_what_holds_its_default():
    issue = Issue(category="land", text="征地", deadline=date(2024, 7, 1))
    assert as_data(issue, exclude_defaults=True) == {"category": "land", "text": "征地",
                                                     "deadline": date(2024, 7, 1)}
    assert as_data(issue)["resolved"] is False
    assert field_names(Issue)[:3] == ("key", "category", "text")


def test_the_json_schema_follows_the_fields():
    config = json_schema("config")
    assert config["properties"]["format"] == {"const": 1, "title": "格式版本", "type": "integer"}
    assert config["required"] == ["format", "city", "organ", "year", "counties", "sectors"]
    weight = config["$defs"]["MonthlySettings"]["properties"]["timeliness_weight"]
    assert weight["anyOf"] == [{"maximum": 1.0, "type": "number"}, {"type": "string"}]
    assert weight["default"] == "0"
    progress = json_schema("progress")
    entries = progress["properties"]["entries"]
    assert entries["patternProperties"] == {"^[A-Za-z0-9_-]{1,64}$": {"$ref": "#/$defs/Entry"}}
    issues = progress["$defs"]["Entry"]["properties"]["issues"]
    assert issues["items"] == {"$ref": "#/$defs/Issue"} and issues["type"] == "array"
    assert progress["$defs"]["Issue"]["required"] == ["category", "text"]


def test_a_config_is_a_record_too():
    config = validated(Config, {"format": 1, "city": "某市", "organ": "某市发改委",
                                "year": 2024, "counties": ["东湖区"], "sectors": ["产业"]})
    assert config.thresholds.red_pp == Decimal(30)
    assert replace(config, year=2025).year == 2025


def test_records_compare_hash_copy_and_pickle_by_their_values():
    import copy
    import pickle

    issue = Issue(category="land", text="征地", deadline=date(2024, 7, 1))
    same = Issue(category="land", text="征地", deadline=date(2024, 7, 1))
    assert issue == same and hash(issue) == hash(same) and issue is not same
    assert issue != replace(issue, text="拆迁") and issue != ("land", "征地")
    for again in (pickle.loads(pickle.dumps(issue)), copy.copy(issue), copy.deepcopy(issue)):
        assert again == issue and type(again) is Issue
        with pytest.raises(FrozenInstanceError):
            again.text = "拆迁"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del issue.text  # type: ignore[misc]
    assert repr(Entry(completed_ytd=1)).startswith("Entry(completed_ytd=Decimal('1'), progress=None")


def test_the_json_schema_keeps_the_fields_in_order_and_the_rest_sorted():
    project = json_schema("projects")["$defs"]["Project"]
    assert list(project["properties"]) == list(field_names(Project))
    assert list(project) == ["description", "properties", "required", "title", "type"]
    assert list(project["properties"]["name"]) == ["maxLength", "minLength", "title", "type"]


def test_a_record_says_what_it_holds():
    from majorproj.ledger.fields import record

    with pytest.raises(TypeError, match="Bare needs a docstring"):
        @record
        class Bare:
            value: int = 0

    milestones = json_schema("projects")["$defs"]["Milestones"]
    assert milestones["description"] == "项目节点：开工、投产、达效、竣工日期."


ENGINE = """
import sys
{before}
from majorproj.ledger import fields
python_layer = "pydantic_core.core_schema" in sys.modules
import pydantic_core
print(python_layer, pydantic_core.SchemaValidator is fields.SchemaValidator,
      pydantic_core.ValidationError is fields.ValidationError,
      pydantic_core.PydanticCustomError is fields.PydanticCustomError)
"""
NOT_FOUND = """
import importlib.util
found = importlib.util.find_spec
importlib.util.find_spec = lambda name, package=None: (  # as where the package is not a folder
    None if name == "pydantic_core" else found(name, package))
"""


@pytest.mark.skipif("MUTANT_UNDER_TEST" in os.environ,
                    reason="mutmut's copy of the package imports more")
@pytest.mark.parametrize(("before", "python_layer"), [("", "False"), (NOT_FOUND, "True")])
def test_pydantic_core_is_loaded_without_its_python_layer(before, python_layer):
    """Its compiled module alone (12 ms less at every start), the same classes that
    ``import pydantic_core`` then gives; where it is not found beside its package, the
    package itself is imported."""
    done = subprocess.run([sys.executable, "-c", ENGINE.format(before=before)],
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == [python_layer, "True", "True", "True"]
