"""Where the program keeps its own files when the configuration does not say: the user's data
folder, the same whatever the current folder (so two runs from two folders share one register).

`INVOICE_PIPELINE_DATA` names another folder (tests, a shared drive); otherwise
`%LOCALAPPDATA%\\invoice-pipeline` on Windows, `~/Library/Application Support/invoice-pipeline`
on macOS, and `$XDG_DATA_HOME/invoice-pipeline` (default `~/.local/share/invoice-pipeline`)
elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "invoice-pipeline"
ENVIRONMENT = "INVOICE_PIPELINE_DATA"


def data_folder() -> Path:
    """The absolute folder for the program's data (not created here)."""
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return Path(chosen).expanduser().resolve()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return (base / APP).resolve()


def default_register_path() -> Path:
    """The register used when neither `--register` nor the configuration names one."""
    return data_folder() / "register.sqlite"
