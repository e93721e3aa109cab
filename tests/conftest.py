import shutil
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
SAMPLE = Path(__file__).parent.parent / "data" / "sample"


@pytest.fixture
def base_ledger(tmp_path: Path) -> Path:
    """A copy of the small valid ledger that the broken-ledger cases start from."""
    root = tmp_path / "ledger"
    shutil.copytree(CASES / "base", root)
    return root
