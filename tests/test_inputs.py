"""Bad inputs (tests/inputs/): each gives a clear one-line message, the right exit code and no traceback, and the rest of the run is still checked."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent / "inputs"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
sys.path.insert(0, str(HERE))
from generated import GENERATORS  # noqa: E402

sys.path.remove(str(HERE))
CONTROL = "Acme had 7,300 employees at the end of March 2023, the company said.\n"
# factcheck in a process of its own, which reports its peak memory on stderr: on Linux the high-water
# mark of its own memory (VmHWM); ru_maxrss would count the pytest process it was forked from
RUN = (
    "import resource, sys\nfrom factcheck.cli import main\ntry:\n    main(sys.argv[1:], prog_name='factcheck')\nfinally:\n"
    "    try:\n        peak = int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\n"
    "    except (OSError, IndexError, ValueError):\n        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    print('peak_kb=%d' % peak, file=sys.stderr)\n"
)


def test_every_case_has_an_input_and_every_input_a_case():
    made = {
        p.name for p in HERE.iterdir() if p.name not in ("cases.yaml", "generated.py", "__pycache__")
    } | set(GENERATORS)
    assert made == set(CASES)


def _place(case: str, folder: Path) -> None:
    source = HERE / case
    if source.is_dir():
        shutil.copytree(source, folder / case)
    elif source.is_file():
        shutil.copy(source, folder / case)
    else:
        GENERATORS[case](folder)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_said_and_the_run_goes_on(case, tmp_path):
    expect = CASES[case]
    run = tmp_path / "run"
    run.mkdir()
    (run / "control.txt").write_text(CONTROL, encoding="utf-8")
    _place(case, run)
    out = tmp_path / "assertions.csv"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN,
            "run",
            str(run),
            "--lang",
            "en",
            "--format",
            "plain",
            "--assertions",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == expect.get("exit", 0), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    said = [line for line in proc.stderr.splitlines() if line.startswith("skipped ")]
    messages = expect.get("message") or []
    for message in [messages] if isinstance(messages, str) else messages:
        assert any(message in line and case.split(".")[0] in line for line in said), (
            f"no line says {message!r}: {said}"
        )
    if not messages:
        assert not said, said
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    docs = {r["doc_id"] for r in rows}
    assert "control" in docs, "the good article beside the bad input was not checked"
    assert set(expect.get("found", [])) <= docs, f"missing {set(expect.get('found', [])) - docs}"
    own = {float(r["value"]) for r in rows if r["doc_id"] != "control"}
    assert set(map(float, expect.get("values", []))) <= own, (
        f"figures {expect.get('values')} not among {sorted(own)[:20]}"
    )
    if "max_memory_mb" in expect:
        peak_kb = int(proc.stderr.rsplit("peak_kb=", 1)[1].split()[0])
        assert peak_kb < expect["max_memory_mb"] * 1024, f"peak memory {peak_kb / 1024:.0f} MB"
