"""Every test keeps the program's data folder (the default register) in its own temporary
folder: no test reads or writes the real user's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.places import ENVIRONMENT


@pytest.fixture(autouse=True)
def data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv(ENVIRONMENT, str(folder))
    return folder
