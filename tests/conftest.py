"""Fixtures shared by test modules: a fresh register on each backend (register_backends.py),
and, for every test, the program's data folder (the default register) in a temporary folder of
its own: no test reads or writes the real user's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from register_backends import backend, postgres_server, postgres_url

from pipeline.places import ENVIRONMENT

__all__ = ["backend", "data_folder", "postgres_server", "postgres_url"]


def pytest_configure(config: object) -> None:
    config.addinivalue_line(  # type: ignore[attr-defined]
        "markers", "slow: minutes long; runs under CI or with INVOICE_PIPELINE_STRESS=1"
    )


@pytest.fixture(autouse=True)
def data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv(ENVIRONMENT, str(folder))
    return folder
