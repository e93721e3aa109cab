import os
import shutil
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
SAMPLE = Path(__file__).parent.parent / "data" / "sample"


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory):
    """The cache of parsed files goes to a folder of the test run, never into the home."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def base_ledger(tmp_path: Path) -> Path:
    """A copy of the small valid ledger that the broken-ledger cases start from."""
    root = tmp_path / "ledger"
    shutil.copytree(CASES / "base", root)
    return root
