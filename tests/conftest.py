"""Shared fixtures and helpers: one run of the whole pipeline on the bundled seeds, reused by every test
that needs it; the repository's paths, every lexicon, a rules copy with an entity added, the gold files'
quote matching."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The held-out corpora of real news, in the order they were built (tests/test_heldout.py checks they are
# all listed here and apart from each other and from benchmarks/data/devcorpus).
HELDOUTS = tuple(
    ROOT / "benchmarks" / "data" / name
    for name in (
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
        "heldout11",
        "heldout12",
        "heldout13",
        "heldout14",
        "heldout15",
        "heldout16",
        "heldout17",
        "heldout18",
        "heldout19",
        "heldout20",
        "heldout21",
        "heldout22",
        "heldout23",
        "heldout24",
        "heldout25",
        "heldout26",
        "heldout27",
        "heldout28",
        "heldout29",
        "heldout30",
        "heldout31",
        "heldout32",
        "heldout33",
        "heldout34",
        "heldout35",
        "heldout36",
        "heldout37",
        "heldout38",
        "heldout39",
        "heldout40",
        "heldout41",
        "heldout42",
        "heldout43",
        "heldout44",
        "heldout45",
        "heldout46",
        "heldout47",
        "heldout48",
        "heldout49",
        "heldout50",
        "heldout51",
    )
)
GOLD_FOUND = pytest.StashKey[dict]()
CACHE_DIR = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def page(tmp_path_factory) -> tuple[Path, str]:
    """The seeds' HTML report as `factcheck run --html` writes it: (its path, its text)."""
    from click.testing import CliRunner

    from factcheck.cli import main

    path = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(main, ["run", "--html", str(path), "--format", "plain"])
    assert result.exit_code == 0, result.output
    return path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def lexicons() -> dict:
    """Every language file's Lexicon, by code (what a run reads documents with)."""
    from factcheck.quantities.lexicon import available_languages, load_lexicon

    return {code: load_lexicon(code) for code in available_languages()}


@pytest.fixture(scope="session")
def seed_result():
    from factcheck import check

    return check([ROOT / "seeds"])


def pytest_configure(config: pytest.Config) -> None:
    config.stash[GOLD_FOUND] = {}
    # the start-up cache of the tests' runs (and their subprocesses) lives in a folder of their own
    if "FACTCHECK_CACHE_DIR" not in os.environ:
        os.environ["FACTCHECK_CACHE_DIR"] = config.stash[CACHE_DIR] = tempfile.mkdtemp(
            prefix="factcheck-cache-"
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(CACHE_DIR, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("FACTCHECK_CACHE_DIR", None)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    found = config.stash.get(GOLD_FOUND, {})
    if found:
        hits = sorted(k for k, v in found.items() if v)
        terminalreporter.write_line(f"gold conflicts found: {len(hits)} of {len(found)} ({', '.join(hits)})")


def articles_folder(folder: Path, articles: dict[str, str], published: str) -> Path:
    """``folder``, made, with one text file per article (its name's first two letters its language) and
    a manifest that dates them all ``published``, each from an outlet of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["file,lang,published,source"]
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        lines.append(f"{name}.txt,{name[:2]},{published},{name} outlet")
    (folder / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def rules_with_entity(tmp: Path, entity: str, entry: dict) -> Path:
    """A copy of the bundled rules in ``tmp/rules`` with one entity added to entities.yaml."""
    import shutil

    import yaml

    rules = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules)
    entities = yaml.safe_load((rules / "entities.yaml").read_text(encoding="utf-8"))
    entities["entities"][entity] = entry
    (rules / "entities.yaml").write_text(yaml.safe_dump(entities, allow_unicode=True), encoding="utf-8")
    return rules


@pytest.fixture
def lang_dir(tmp_path, monkeypatch):
    """A copy of the language files that a test may edit (load_lexicon reads it instead)."""
    from factcheck.quantities import lexicon

    folder = tmp_path / "lang"
    shutil.copytree(lexicon.LANG_DIR, folder)
    monkeypatch.setattr(lexicon, "LANG_DIR", folder)
    lexicon.load_lexicon.cache_clear()
    yield folder
    lexicon.load_lexicon.cache_clear()


def listed(value) -> list:
    """A gold file's field that holds one item or a list of them, as a list."""
    return value if isinstance(value, list) else [value]


def norm(text) -> str:
    """A quote as the gold tests compare it: one kind of apostrophe, spaces collapsed, case folded."""
    return " ".join(str(text).replace("’", "'").split()).casefold()
