"""Frozen run settings: where the rules live, which language to assume; passed explicitly, never global."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from factcheck.load import LoadOptions

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_rules_dir() -> Path:
    """The rules/ folder shipped beside the package (a source checkout or an editable install)."""
    return PROJECT_ROOT / "rules"


def default_corpus() -> Path:
    """The bundled seeds/ corpus that ``factcheck run`` reads when given no paths."""
    return PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Settings:
    """Everything a run may be told; built once by the caller and handed down the pipeline."""

    rules_dir: Path = field(default_factory=default_rules_dir)
    lang: str | None = None  # force this language for every input with no manifest language
    select: tuple[str, ...] = ()  # rule codes to run (empty: all)
    ignore: tuple[str, ...] = ()  # rule codes to skip
    inputs: LoadOptions = field(
        default_factory=LoadOptions
    )  # which files to read and how (globs, manifest, record fields)
    discover: bool = True  # link metric phrases across languages with the shipped model (factcheck[discover])
    debug: bool = (
        False  # let an unexpected error stop the run with its traceback, instead of skipping the document
    )
