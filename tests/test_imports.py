"""The package's modules import one another without a circle: every import counts, at the top of a
module, inside a function or under TYPE_CHECKING (read with ast, nothing is imported)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (``from a import b`` imports module a.b when
    there is one, else a)."""

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
        graph[name] = {t for t in map(known, targets) if t and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of ``graph``, each as the path around it (depth first, in name order)."""
    found: list[list[str]] = []
    state: dict[str, str] = {}  # "open" while on the path, then "done"

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, path)
        path.pop()
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [])
    return found


def test_no_module_of_the_package_imports_itself_in_a_circle():
    assert cycles(import_graph(_modules())) == []


@pytest.mark.parametrize(
    "graph, circle",
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": set(), "c": {"c2"}, "c2": {"c"}}, ["c", "c2", "c"]),
    ],
)
def test_a_circle_is_found(graph, circle):
    assert cycles(graph)[0] == circle


def test_imports_inside_functions_and_for_type_checking_count(tmp_path):
    (tmp_path / "factcheck" / "sub").mkdir(parents=True)
    files = {
        "factcheck/__init__.py": "",
        "factcheck/a.py": "def f():\n    from factcheck.sub import b\n",
        "factcheck/sub/__init__.py": "",
        "factcheck/sub/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import f\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = {m.replace("/", ".").removesuffix(".py").removesuffix(".__init__"): tmp_path / m for m in files}
    graph = import_graph(modules)
    assert graph["factcheck.a"] == {"factcheck.sub.b"} and graph["factcheck.sub.b"] == {"factcheck.a"}
    assert cycles(graph) == [["factcheck.a", "factcheck.sub.b", "factcheck.a"]]
