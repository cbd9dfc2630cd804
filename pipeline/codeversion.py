"""The version of the reading code: what the register's memory of a file is valid for.

It is `__version__` and a digest of every module that decides what a PDF reads as: the modules
`pipeline.reading` imports, directly or through others (found from their source with `ast`,
without importing them), every module below `layouts/` (families are folders, and a new one
must count before anything imports it), and `record.py`, the shape the register remembers.
A changed, added or removed module gives another version, so a fixed reader reads again the
files that needed attention.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from pipeline import __version__

PACKAGE = Path(__file__).resolve().parent
_ROOTS = ("pipeline.reading", "pipeline.record")
_ALWAYS = "layouts"


def reading_code_version(package: Path = PACKAGE) -> str:
    """`__version__` and a digest of the reading modules of `package` (names and bytes)."""
    digest = hashlib.sha256(__version__.encode())
    for path in reading_modules(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"


def reading_modules(package: Path = PACKAGE) -> list[Path]:
    """Every source file of the reading code, sorted by path."""
    roots = [path for root in _ROOTS if (path := _module_file(package, root)) is not None]
    pending = [*roots, *(package / _ALWAYS).rglob("*.py")]
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imported(path, package):
            module = _module_file(package, name)
            if module is not None and module not in seen:
                pending.append(module)
    return sorted(seen)


def _module_file(package: Path, name: str) -> Path | None:
    """The file of `pipeline.…` module `name` below `package`, if it is one of ours."""
    parts = name.split(".")
    if parts[0] != "pipeline":
        return None
    base = package.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported(path: Path, package: Path) -> set[str]:
    """The pipeline modules `path` imports anywhere (top level, functions, TYPE_CHECKING),
    with the packages they sit in."""
    module = _module_name(path, package)
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, path.name == "__init__.py")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {parent for name in names for parent in _with_packages(name)}


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("pipeline", *parts))


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    keep = len(parts) - node.level + (1 if is_package else 0)
    return ".".join([*parts[:keep], *([node.module] if node.module else [])])


def _with_packages(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[: n + 1]) for n in range(len(parts))]
