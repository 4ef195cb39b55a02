"""Safe YAML loading for user-edited files: mappings remember their line, so errors can name it."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path
from typing import Any

from factcheck.cache import parsed
from factcheck.errors import Problem


class Mapping(dict):
    """A YAML mapping that knows the line it starts on (1-based) and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


@cache
def _loader() -> type:  # -> a yaml.SafeLoader whose mappings are Mappings
    """The loader, built (and PyYAML imported) when a file is parsed: a run whose files are all in the
    start-up cache does without PyYAML."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return Loader


def _construct_mapping(loader: Any, node: Any) -> Mapping:  # (yaml.SafeLoader, yaml.MappingNode)
    loader.flatten_mapping(node)
    out = Mapping()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[str(key)] = key_node.start_mark.line + 1
    return out


def load_yaml(path: Path) -> Any:
    """Parse ``path`` with a safe loader; a syntax error becomes a Problem naming the line (the parsed
    file is kept in the start-up cache until it changes)."""
    return parsed(path, _parse, "yaml-lines")


def _parse(path: Path) -> Any:
    import yaml

    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = (
            exc.context_mark or exc.problem_mark
        )  # where the broken construct starts, not where parsing gave up
        what = " ".join(x for x in (exc.context, exc.problem) if x) or str(exc)
        raise YamlProblem(Problem(str(path), mark.line + 1 if mark else None, "syntax", what)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlProblem(Problem(str(path), None, "file", f"cannot read: {exc}")) from None


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def line_of(mapping: Any, key: str | None = None) -> int | None:
    """The line of ``key`` in ``mapping`` (or of the mapping itself), if known."""
    if not isinstance(mapping, Mapping):
        return None
    return mapping.key_lines.get(key, mapping.line) if key is not None else mapping.line


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest known word to a misspelt one, for 'did you mean' hints."""
    hits = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return hits[0] if hits else None
