"""Frozen run settings: where the rules live, which language to assume; passed explicitly, never global."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

from factcheck.errors import UsageError
from factcheck.load import LoadOptions

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    """A folder shipped with factcheck: package data of an installed wheel (``factcheck/_bundled/NAME``,
    put there by setup.py's build step), else the top-level folder of a source checkout or an
    editable install."""
    packaged = Path(str(files("factcheck") / "_bundled" / name))
    return packaged if packaged.is_dir() else PROJECT_ROOT / name


def default_rules_dir() -> Path:
    """The default rules folder: the bundled ``rules/`` (``factcheck init`` copies it for a desk to edit)."""
    return _bundled("rules")


def default_corpus() -> Path:
    """The bundled seeds/ corpus that ``factcheck run`` reads when given no paths."""
    return _bundled("seeds")


def copy_default_rules(folder: Path) -> Path:
    """Copy the default rules into ``folder/rules`` and return that path; never over an existing one.
    The copy is made beside it and renamed into place, so an interrupted copy leaves nothing."""
    target = folder / "rules"
    if target.exists():
        raise UsageError(
            f"{target} already exists", hint="remove it, or name another folder: factcheck init DIR"
        )
    folder.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".rules-", dir=folder))
    try:
        shutil.copytree(default_rules_dir(), partial, dirs_exist_ok=True)
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target


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
    published: date | None = (
        None  # the publication date of articles that give none (no manifest date, no dateline)
    )
    # the middle day the run's manifests give (set by api.prepare): a month written with no year in an
    # article with no date of its own is the one nearest it ("en janvier")
    years_from: date | None = None
    discover: bool = True  # link metric phrases across languages with the shipped model (factcheck[discover])
    debug: bool = (
        False  # let an unexpected error stop the run with its traceback, instead of skipping the document
    )
