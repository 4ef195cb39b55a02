"""The built wheel, installed alone in a fresh virtual environment, works from an empty folder: the bundled
seeds, the default rules and `factcheck init` come with it (no source checkout beside it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT

# what the built wheel is run with: not this checkout (a PYTHONPATH to it would shadow the wheel)
CLEAN = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `factcheck` command of a fresh virtual environment where only the built wheel was installed."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(base / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
        env=CLEAN,
    )
    (wheel,) = (base / "dist").glob("factcheck-*.whl")
    venv.create(base / "venv", with_pip=True)
    bin_dir = base / "venv" / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        env=CLEAN,
    )
    return bin_dir / "factcheck"


def _run(factcheck: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(factcheck), *args], cwd=cwd, env=CLEAN, capture_output=True, text=True)


def _conflicts(path: Path) -> list[tuple]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return sorted((c["conflict_id"], c["rule"], c["entity"], c["metric"]) for c in doc["conflicts"])


def test_the_installed_wheel_checks_the_bundled_seeds_from_an_empty_folder(installed, tmp_path, seed_result):
    done = _run(installed, "run", "--json", "run.json", "--format", "plain", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "7 conflicts" in done.stdout
    # the same conflicts as the checkout's run of the seeds, which tests/test_gold.py holds to the gold
    checkout = sorted(
        zip(
            seed_result.conflicts["conflict_id"],
            seed_result.conflicts["rule"],
            seed_result.conflicts["entity"],
            seed_result.conflicts["metric"],
            strict=True,
        )
    )
    assert _conflicts(tmp_path / "run.json") == checkout


def test_the_installed_wheel_lists_the_catalogue_and_runs_a_desks_copy(installed, tmp_path):
    listed = _run(installed, "rules", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    codes = sorted(line.split()[0] for line in listed.stdout.splitlines())
    assert codes == sorted(p.name.split("-")[0] for p in (ROOT / "rules" / "checks").glob("*.yaml"))
    made = _run(installed, "init", "d", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "d" / "rules" / "checks").is_dir() and (
        tmp_path / "d" / "rules" / "entities.yaml"
    ).is_file()
    mine = _run(
        installed, "run", "--rules", "d/rules", "--json", "mine.json", "--format", "plain", cwd=tmp_path
    )
    default = _run(installed, "run", "--json", "default.json", "--format", "plain", cwd=tmp_path)
    assert mine.returncode == default.returncode == 0, mine.stderr + default.stderr
    assert _conflicts(tmp_path / "mine.json") == _conflicts(tmp_path / "default.json")
