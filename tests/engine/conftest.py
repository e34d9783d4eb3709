"""Fixtures for the engine tests."""

import pytest
from engine_helpers import load_vignettes


@pytest.fixture(scope="session")
def vignettes() -> list[dict]:
    return load_vignettes()
