"""--dask: the same run on a LocalCluster of 2 workers writes the same CSV, JSON and assertions files,
byte for byte, as one process (on the seeds and on a generated corpus, several partitions each)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from factcheck import api
from factcheck.cli import main
from factcheck.report import write_assertions, write_conflicts, write_json


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("dask.distributed", reason="the cluster tests need pip install 'factcheck[dask]'")
    from factcheck import distributed

    with distributed.connect("local:2") as c:
        yield c


def _exports(result: api.Result, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    write_conflicts(result.conflicts, folder / "conflicts.csv")
    write_assertions(result.assertions, folder / "assertions.csv")
    write_json(result, folder / "run.json")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _compare(paths: list[Path], client, tmp_path: Path, partition_bytes: int) -> api.Result:
    from factcheck import distributed

    one = api.check(paths)
    many = distributed.check(paths, client, partition_bytes=partition_bytes)
    a, b = _exports(one, tmp_path / "one"), _exports(many, tmp_path / "dask")
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"{name} differs"
    assert one.summary == many.summary
    assert one.consensus.equals(many.consensus)
    return one


def test_the_seeds_on_two_workers_give_the_same_files(client, tmp_path):
    one = _compare([ROOT / "seeds"], client, tmp_path, partition_bytes=20_000)  # one part per file or two
    assert len(one.conflicts) >= 7 and one.summary["repeated_articles"] > 0


def test_a_generated_corpus_on_two_workers_gives_the_same_files(client, tmp_path):
    corpus = _corpus_module()
    docs = corpus.prose(40_000, seed=7)
    docs += [dict(d, name="copy_" + d["name"]) for d in docs[:3]]  # repeats across parts
    folder = corpus.write(tmp_path / "corpus", docs)
    sub = folder / "more"
    corpus.write(sub, corpus.number_dense(8_000, seed=3))
    (sub / docs[0]["name"]).write_text(docs[0]["text"], encoding="utf-8")  # a document id met twice
    one = _compare([folder, ROOT / "seeds"], client, tmp_path, partition_bytes=5_000)
    assert len(one.conflicts) > 7 and len(one.trends) > 0
    assert one.assertions["is_repeat"].any()
    assert any("~2" in d for d in one.assertions["doc_id"])


def test_without_dask_the_option_says_how_to_install_it(monkeypatch):
    for name in [m for m in sys.modules if m == "dask" or m.startswith(("dask.", "distributed"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "dask", None)
    result = CliRunner().invoke(main, ["run", "--dask", "local"])
    assert result.exit_code == 2
    assert "pip install 'factcheck[dask]'" in result.output


def test_a_bad_address_is_a_usage_error():
    pytest.importorskip("dask.distributed", reason="needs pip install 'factcheck[dask]'")
    result = CliRunner().invoke(main, ["run", "--dask", "local:many"])
    assert result.exit_code == 2 and "local:N" in result.output
