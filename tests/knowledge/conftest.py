"""Fixtures shared by the knowledge tests."""
from __future__ import annotations

import pytest

from knowledge.catalog import Exercise, load_catalog


@pytest.fixture(scope="session")
def catalog() -> dict[str, Exercise]:
    """The loaded exercise catalog (cached by load_catalog, so every test sees the same object)."""
    return load_catalog()
