"""`make export`: a batch whose files need attention is a finished target, a batch that could
not run fails it, and an INBOX other than the default that does not exist is an error."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "samples" / "bad-line-cent-off.pdf"

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not (ROOT / ".venv" / ".runtime").exists(),
    reason="needs make and the runtime install (make export creates it)",
)


def make_export(tmp_path: Path, inbox: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "make", "-s", "export", f"INBOX={inbox}", f"OUT={tmp_path / 'out'}",
            f"ARGS=--register {tmp_path / 'register.sqlite'} --jobs 1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MAKEFLAGS": ""},
    )  # fmt: skip


def test_a_batch_needing_attention_is_not_a_failed_target(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(BAD, inbox / "Bad.pdf")
    done = make_export(tmp_path, inbox)
    assert done.returncode == 0, done.stderr
    assert "  needing attention:       1" in done.stdout.splitlines()
    assert "Error" not in done.stderr


def test_a_missing_inbox_other_than_the_default_fails_and_is_not_created(tmp_path: Path) -> None:
    done = make_export(tmp_path, tmp_path / "typo")
    assert done.returncode != 0
    assert f"Error: {tmp_path / 'typo'}: no such folder" in done.stderr
    assert not (tmp_path / "typo").exists()
