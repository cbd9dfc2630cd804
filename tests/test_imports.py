"""The package's imports: one-way, without a cycle (read from the sources with `ast`)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The package modules `name` imports: `from a.b import c` is module a.b.c where that is a
    module, else a.b; relative imports are resolved against the module's package."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def cycle() -> list[str] | None:
    """One import cycle among the package's modules, or None."""
    graph = {name: sorted(imports(name)) for name in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        stack.append(name)
        for target in graph[name]:
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[name] = 2
        return None

    for name in graph:
        if name not in state and (found := visit(name)):
            return found
    return None


def test_the_package_has_no_import_cycle() -> None:
    found = cycle()
    assert found is None, " → ".join(found or ())


def test_the_import_reader_sees_the_flow() -> None:
    """The graph the cycle test walks is the real one: a few known edges, one way only."""
    assert "pipeline.layouts" in imports("pipeline.extract")
    assert "pipeline.layouts.tables" in imports("pipeline.layouts.online_services.reader")
    assert "pipeline.layouts.portal_2012" in imports("pipeline.layouts")
    assert "pipeline.countries" in imports("pipeline.checks")
    assert "pipeline.countries" in imports("pipeline.ledger")
    assert "pipeline.layouts" in imports("pipeline.checks")
    assert "pipeline.checks" not in imports("pipeline.layouts")
    assert not imports("pipeline.countries")
    assert imports("pipeline.layouts.geometry") <= {
        "pipeline.model",
        "pipeline.parsing",
        "pipeline.layouts.vocabulary",
    }


def test_a_cycle_would_be_found() -> None:
    """The detector on a graph with a cycle (checks → layouts → checks) names it."""
    original = imports
    try:
        globals()["imports"] = lambda name: (
            original(name) | ({"pipeline.checks"} if name == "pipeline.layouts.family" else set())
        )
        found = cycle()
    finally:
        globals()["imports"] = original
    assert found is not None and "pipeline.checks" in found and "pipeline.layouts" in found
