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


# Under mutation testing (mutmut), each mutant is tested by the tests that were seen to reach
# the mutated function. mutmut credits a function to the test during whose run it was called,
# so the work of a module-scoped fixture (a report or an export made once per test file) goes
# to the file's first test only, and a mutant there was tried against that one test. While
# mutmut collects its statistics, the functions a wider-scoped fixture calls are credited to
# every test that uses the fixture.
if os.environ.get("MUTANT_UNDER_TEST") == "stats":
    _called_by_fixture: dict[tuple[str, str], set[str]] = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(fixturedef, request):
        if fixturedef.scope == "function":
            yield
            return
        from mutmut.state import state

        outer = state()._stats
        state()._stats = set()
        try:
            yield
        finally:
            called = state()._stats
            _called_by_fixture.setdefault((fixturedef.baseid, fixturedef.argname), set()).update(called)
            outer |= called
            state()._stats = outer

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_teardown(item, nextitem):
        from mutmut.state import state

        names = set(item.fixturenames)
        for (baseid, name), called in _called_by_fixture.items():
            if name in names and item.nodeid.startswith(baseid):
                state()._stats |= called
