from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.support import sqlite_copy


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated embedded database of this test's own."""
    return sqlite_copy(sqlite_template, tmp_path / "db")
