"""Portable: no POSIX-only module on any import path, so the package imports on Windows. Every
pipeline module is imported in a fresh interpreter where fcntl, resource, pwd, grp and termios
cannot be imported and signal has no SIGALRM, setitimer or alarm (as on Windows);
`pipeline.__main__`, which runs the command line, only imports `pipeline.cli`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IMPORT_ALL = """
import importlib, json, os, pkgutil, signal, sys
for name in ("fcntl", "resource", "pwd", "grp", "termios"):
    sys.modules[name] = None  # an import of it raises ImportError
for name in ("SIGALRM", "setitimer", "alarm", "ITIMER_REAL"):
    if hasattr(signal, name):
        delattr(signal, name)
import pipeline
failed = {}
for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
    if module.name == "pipeline.__main__":  # runs the command line; it imports pipeline.cli
        continue
    try:
        importlib.import_module(module.name)
    except Exception as exc:
        failed[module.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failed))
"""


def test_every_module_imports_without_posix_only_modules() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout) == {}


def test_the_import_check_notices_a_posix_only_import(tmp_path: Path) -> None:
    """The same check on a package whose module imports fcntl names that module."""
    package = tmp_path / "pipeline"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "locking.py").write_text("import fcntl\n")
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    failed = json.loads(done.stdout)
    assert list(failed) == ["pipeline.locking"]
    assert failed["pipeline.locking"].endswith("import of fcntl halted; None in sys.modules")
