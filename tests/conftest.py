"""Shared fixtures: one run of the whole pipeline on the bundled seeds, reused by every test that needs it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD_FOUND = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def seed_result():
    from factcheck import check

    return check([ROOT / "seeds"])


def pytest_configure(config: pytest.Config) -> None:
    config.stash[GOLD_FOUND] = {}


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    found = config.stash.get(GOLD_FOUND, {})
    if found:
        hits = sorted(k for k, v in found.items() if v)
        terminalreporter.write_line(f"gold conflicts found: {len(hits)} of {len(found)} ({', '.join(hits)})")
