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


def test_names_answer_as_the_set_and_the_dictionary_they_were_built_from(cache_dir):
    places = {
        "roma": ("geo:1", "Rome", "IT"),
        "rome": ("geo:1", "Rome", "IT"),
        "الرباط": ("geo:2", "Rabat", "MA"),
    }
    names = cache.Names(places)
    cache.store("names", names, "k")
    again = cache.load("names", "k")
    for kept in (names, again):
        assert len(kept) == 3
        assert kept["roma"] == kept.get("rome") == ("geo:1", "Rome", "IT") and kept.get("الرباط")[2] == "MA"
        assert "paris" not in kept and kept.get("paris") is None and kept.get("paris", ()) == ()
        assert 1 not in kept
        with pytest.raises(KeyError):
            kept["paris"]
    words = cache.Names(["lampedusa", "bavaria"])
    assert "lampedusa" in words and "bavaria" in words and "Bavaria" not in words and words["bavaria"] == ()
    with pytest.raises(ValueError):
        cache.Names({"x": ("a\x1fb",)})


def test_the_code_hash_follows_the_source_of_the_modules():
    assert cache.code_hash("factcheck.cache") == cache.code_hash("factcheck.cache")
    assert cache.code_hash("factcheck.cache") != cache.code_hash("factcheck.cli")


def test_the_gazetteers_are_kept_and_answer_as_when_built(cache_dir):
    from factcheck.resolve import entity, scope

    built = entity._read_places()
    for read in (entity._places, scope._countries, scope._cities):
        read.cache_clear()
    assert entity._places().get("rome") == built["rome"]
    assert "italy" in scope._countries() and "lampedusa" not in scope._countries()
    assert "marrakesh" in scope._cities() and "nowhere at all" not in scope._cities()
    assert {"places.pickle", "countries.pickle", "cities.pickle"} <= {p.name for p in cache_dir.iterdir()}
    for read in (entity._places, scope._countries, scope._cities):
        read.cache_clear()
    kept = entity._places()  # read back, as the next process would
    assert all(kept.get(name) == entry for name, entry in list(built.items())[::500])


def test_the_grammar_of_a_language_file_is_kept_but_not_given_to_a_lexicon_built_by_hand(cache_dir):
    from dataclasses import replace

    from factcheck.quantities.grammar import grammar

    lex = _fresh("en")
    kept = grammar(lex).percent_after.pattern
    assert (cache_dir / "grammar-en.pickle").exists()
    changed = replace(lex, re_percent=lexicon.alternation(["pc"]))
    assert not lexicon.from_file(changed) and lexicon.from_file(lex)
    assert grammar(changed).percent_after.pattern != kept


def test_package_versions_are_those_importlib_metadata_reads():
    from importlib.metadata import distributions, version

    names = {d.metadata["Name"] for d in distributions()}
    assert len(names) > 10 and cache._dist_info_versions()  # read from the folders' names
    assert {n: cache.package_version(n) for n in names} == {n: version(n) for n in names}
    assert cache.package_version("no-such-package-anywhere") == "?"


def test_a_value_that_cannot_be_pickled_is_not_kept_and_no_error(cache_dir):
    cache.store("unpicklable", lambda: 1, "k")
    assert cache.load("unpicklable", "k") is None
    assert not [p for p in Path(cache_dir).iterdir() if p.suffix == ".tmp"]
