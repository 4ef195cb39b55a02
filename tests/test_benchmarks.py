"""The benchmark scripts still run (on a small input; their figures are read by people, not asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_rules_scale_runs_and_ends_with_its_result_line():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "rules_scale.py"),
            "--assertions",
            "3000",
            "--groups",
            "300",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT ")
    result = json.loads(last[len("RESULT ") :])
    assert result["assertions"] == 3000 and result["conflicts"] > 0 and result["trends"] > 0


def test_adversarial_finds_the_patterns_of_every_stage_and_ends_with_its_result_line():
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "adversarial.py"), "--size", "3000"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    last = run.stdout.strip().splitlines()[-1]
    result = json.loads(last[len("RESULT ") :])
    assert (
        result["patterns"] > 150
    )  # the language files' phrase lists, the numerals, dates, segmenter and resolver
    for module in (
        "factcheck.quantities.grammar",
        "factcheck.quantities.words",
        "factcheck.resolve.dates",
        "factcheck.resolve.attribution",
        "factcheck.segment.articles",
    ):
        assert result["by_module"].get(module), module


def test_pipeline_runs_and_ends_with_its_result_line():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "pipeline.py"),
            "--repeat",
            "1",
            "--prose-mb",
            "0.03",
            "--dense-mb",
            "0.01",
            "--numbers",
            "300",
            "--line-mb",
            "0.003",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1][len("RESULT ") :])
    assert result["chars"] > 10_000 and result["assertions"] > 50 and result["conflicts"] > 0
    for case in ("prose", "dense", "numbers", "line"):  # each generated input was read and timed
        found = result["cases"][case]
        assert found["chars"] > 1_000 and found["assertions"] > 0 and found["chars_per_s"] > 0, found
    assert result["cases"]["prose"]["repeated_articles"] == 0  # varied enough: no near repeats


def _result(script: str, *args: str) -> dict:
    """The RESULT line of ``benchmarks/script`` run with ``args`` (it must end well)."""
    command = [sys.executable, str(ROOT / "benchmarks" / script), *args]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT ")
    return json.loads(last[len("RESULT ") :])


def test_startup_runs_and_ends_with_its_result_line():
    result = _result("startup.py", "--repeat", "1", "--cold", "1")
    assert result["same_output"] is True  # a run from the user's cache writes what a cold one does
    assert 0 < result["python_s"] < result["pandas_s"] and result["warm_s"] < result["cold_s"]
