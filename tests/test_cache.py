"""The start-up cache: rebuilt when what it was built from changes, ignored when damaged, written whole."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from factcheck import cache
from factcheck.quantities import lexicon


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV, str(folder))
    return folder


def _fresh(code: str) -> lexicon.Lexicon:
    lexicon.load_lexicon.cache_clear()
    return lexicon.load_lexicon(code)


def test_a_language_file_that_changes_is_read_again(cache_dir, lang_dir):
    before = _fresh("it")
    assert list(cache_dir.glob("yaml-*.pickle")), "the parsed language file was not kept"
    assert _fresh("it").name == before.name  # from the cache
    path = lang_dir / "it.yaml"
    text = path.read_text(encoding="utf-8")
    assert re.search(r"^name: .+$", text, re.M)
    path.write_text(re.sub(r"^name: .+$", "name: Italiano modificato", text, flags=re.M), encoding="utf-8")
    assert _fresh("it").name == "Italiano modificato"


def test_a_corrupt_cache_is_ignored_and_rebuilt(cache_dir, lang_dir):
    expected = _fresh("fr")
    with cache.compiled_patterns():
        re.compile("(?P<a>x)+y # a pattern of this test", re.IGNORECASE)
    files = list(cache_dir.glob("*.pickle"))
    assert files
    for f in files:
        f.write_bytes(b"\x80\x05garbage" + f.read_bytes()[:7])
    again = _fresh("fr")
    assert again.name == expected.name and again.scales == expected.scales
    with cache.compiled_patterns():
        p = re.compile("(?P<a>x)+y # another pattern of this test", re.IGNORECASE)
    assert p.match("XXy # another pattern of this test").group("a") == "X"
    assert cache.stored_patterns() is not None  # rewritten whole


def test_stored_patterns_behave_as_compiled_ones(cache_dir):
    source = r"(?:(?<![^\W\d_])(?P<n>\d{1,3}(?:[.,]\d{3})*)\s*(?P<u>miliardi|milliards|مليار)(?!\w))"
    with cache.compiled_patterns():
        re.purge()
        first = re.compile(source, re.IGNORECASE)
    stored = cache.stored_patterns()
    assert (source, re.IGNORECASE.value) in stored
    cache.forget_patterns()
    with cache.compiled_patterns():
        re.purge()
        second = re.compile(source, re.IGNORECASE)
    assert second is not first
    assert second.flags == first.flags and second.groupindex == first.groupindex
    text = "1.500 Miliardi, 3 milliards et 7 مليار"
    assert [m.groupdict() for m in second.finditer(text)] == [m.groupdict() for m in first.finditer(text)]


def test_a_stale_key_is_a_miss(cache_dir):
    cache.store("thing", {"a": 1}, "v1")
    assert cache.load("thing", "v1") == {"a": 1}
    assert cache.load("thing", "v2") is None


def test_writers_at_once_leave_a_whole_file(cache_dir):
    big = {i: "x" * 100 for i in range(20000)}

    def write(n: int) -> None:
        for _ in range(5):
            cache.store("shared", {**big, "n": n}, "k")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    value = cache.load("shared", "k")
    assert value is not None and len(value) == 20001
    assert not [p for p in Path(cache_dir).iterdir() if p.suffix == ".tmp"]


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cache_dir() is None
    cache.store("nothing", 1, "k")
    assert cache.load("nothing", "k") is None
    with cache.compiled_patterns():
        assert re.compile("a+b").match("aab")


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "factcheck"


def test_a_table_is_written_back_at_the_end_of_a_session_and_read_by_the_next_process(cache_dir):
    calls = []
    table = cache.Table("answers", "v1")
    with cache.session():
        assert table.get(("x", 1), lambda: calls.append(1) or 42) == 42
        assert table.get(("x", 1), lambda: calls.append(1) or 0) == 42
        assert not (cache_dir / "answers.pickle").exists()  # written once, at the end
    assert (cache_dir / "answers.pickle").exists() and calls == [1]
    again = cache.Table("answers", "v1")  # as a new process would
    assert again.get(("x", 1), lambda: 0) == 42
    assert cache.Table("answers", "v2").get(("x", 1), lambda: 7) == 7  # another key: rebuilt
