"""Union-find kept as a dict: which items a run has made one (stories, subjects, claimants)."""

from __future__ import annotations

from typing import Any


def root(parent: dict[Any, Any], x: Any) -> Any:
    """The representative of ``x`` in a union-find kept as a dict (absent: its own)."""
    while parent.get(x, x) != x:
        x = parent[x]
    return x


def union(parent: dict[Any, Any], x: Any, y: Any) -> None:
    """Joins the sets of ``x`` and ``y``; the smaller representative stands for both."""
    rx, ry = root(parent, x), root(parent, y)
    if rx != ry:
        parent[max(rx, ry)] = min(rx, ry)
