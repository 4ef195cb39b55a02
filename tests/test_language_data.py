"""The language files: each follows the contract TEMPLATE.yaml documents, and a broken one stops the
load (and `factcheck run`, with exit 2) naming the file, the line and the key path."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factcheck.cli import main
from factcheck.errors import LanguageDataError
from factcheck.quantities.langfile import TEMPLATE, Language, check_template, read_language, sections
from factcheck.quantities.lexicon import LANG_DIR, available_languages, load_lexicon
from factcheck.yamlfile import load_yaml


def test_languages_are_the_files_present():
    assert available_languages() == tuple(
        sorted(p.stem for p in LANG_DIR.glob("*.yaml") if p.stem != "TEMPLATE")
    )
    assert {"it", "fr", "ar", "en"} <= set(available_languages())


@pytest.mark.parametrize("lang", available_languages())
def test_every_shipped_language_file_loads_cleanly(lang):
    language = read_language(LANG_DIR / f"{lang}.yaml")
    assert isinstance(language, Language) and language.code == lang
    assert load_lexicon(lang).data.code == lang


def test_the_template_documents_every_key_and_is_itself_a_language_file(tmp_path):
    check_template()
    copy = tmp_path / "xx.yaml"  # the template's code is xx
    copy.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    assert read_language(copy).code == "xx"


def _node(data, path: str) -> tuple[dict, str]:
    """The mapping at a key path of parsed YAML, and the path written out ("scale_or_unit.*": the
    first entry of that table, "scale_or_unit.m")."""
    written = []
    for part in path.split(".") if path else ():
        part = next(iter(data)) if part == "*" else part
        data = data[part]
        written.append(str(part))
    return data, ".".join(written)


def _section_params() -> list[tuple[str, str]]:
    """(section path, its first key) for every part of TEMPLATE.yaml that has keys of its own."""
    template = load_yaml(TEMPLATE)
    return [(path, next(iter(_node(template, path)[0]))) for path in ["", *sections()]]


def _misspelt(key: str) -> str:
    return key[:-1] + ("x" if key[-1] != "x" else "y")


def _broken_copy(folder, section: str, key: str):
    """A copy of the template (as language xx) with ``key`` of ``section`` misspelt: (file, line, key path)."""
    node, written = _node(load_yaml(TEMPLATE), section)
    line = node.key_lines[key]
    lines = TEMPLATE.read_text(encoding="utf-8").split("\n")
    at = lines[line - 1].index(f"{key}:")
    lines[line - 1] = lines[line - 1][:at] + lines[line - 1][at:].replace(f"{key}:", f"{_misspelt(key)}:", 1)
    copy = folder / "xx.yaml"
    copy.write_text("\n".join(lines), encoding="utf-8")
    return copy, line, f"{written}.{_misspelt(key)}" if written else _misspelt(key)


def test_every_section_of_the_template_is_covered():
    covered = {path for path, _ in _section_params()}
    assert {"", "numbers", "number_words", "dates", "discover", "scale_or_unit.*"} <= covered


@pytest.mark.parametrize(("section", "key"), _section_params(), ids=lambda x: x or "top")
def test_a_misspelt_key_in_any_section_names_file_line_path_and_suggestion(tmp_path, section, key):
    copy, line, where = _broken_copy(tmp_path, section, key)
    with pytest.raises(LanguageDataError) as caught:
        read_language(copy)
    first, *rest = caught.value.problems
    assert (first.file, first.line, first.field, first.message, first.suggestion) == (
        str(copy),
        line,
        where,
        "unknown key",
        key,
    )
    assert all(p.field.rsplit(".", 1)[-1] == key for p in rest), rest  # a required key is also missing
    assert f"{copy}:{line}: {where}: unknown key (did you mean {key}?)" in str(caught.value)


WRONG_TYPES = [  # (what replaces a line of en.yaml, the key path named, what the message says)
    ('  decimal: ["."]', '  decimal: "."', "numbers.decimal", "must be a list, not the word '.'"),
    ("  lakh_grouping: true", '  lakh_grouping: "yes"', "numbers.lakh_grouping", "must be true or false"),
    ("code: en", "code: [en]", "code", "must be a word, not a list"),
    ("  joiners: [and]", "  joiners: {and: 1}", "number_words.joiners", "must be a list, not a mapping"),
]


@pytest.mark.parametrize(("line", "broken", "where", "message"), WRONG_TYPES, ids=[w[2] for w in WRONG_TYPES])
def test_a_value_of_the_wrong_kind_is_named(lang_dir, line, broken, where, message):
    path = lang_dir / "en.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, text in enumerate(lines) if text.split("#")[0].rstrip() == line)
    lines[n] = broken
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LanguageDataError) as caught:
        load_lexicon("en")
    assert f"{path}:{n + 1}: {where}: {message}" in str(caught.value)


def test_a_missing_key_is_named(lang_dir):
    path = lang_dir / "it.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nstopwords:", "\nstopwordz:"), encoding="utf-8"
    )
    with pytest.raises(LanguageDataError) as caught:
        load_lexicon("it")
    assert ": stopwords: missing key" in str(caught.value)
    assert ": stopwordz: unknown key (did you mean stopwords?)" in str(caught.value)


def test_unknown_language_suggests_the_supported_ones():
    with pytest.raises(LanguageDataError, match="supported languages"):
        load_lexicon("xx")


def test_a_yaml_boolean_where_a_word_belongs_is_named(lang_dir):
    path = lang_dir / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"no"]', "no]"), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"number_words\.pronoun_after\[7\]: is False, not a word"):
        load_lexicon("en")


def test_factcheck_run_stops_with_exit_2_on_a_misspelt_nested_key(lang_dir, tmp_path):
    path = lang_dir / "fr.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\n  decimal:" in text
    path.write_text(text.replace("\n  decimal:", "\n  decimel:", 1), encoding="utf-8")
    line = text[: text.index("\n  decimal:")].count("\n") + 2
    article = tmp_path / "article.txt"
    article.write_text("Le chômage a atteint 7,5 % en mars.", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(article), "--lang", "fr"])
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}: numbers.decimel: unknown key (did you mean decimal?)" in result.output


@pytest.mark.parametrize("code", available_languages())
def test_every_named_subgroup_is_a_subgroup_word(code):
    scope = load_lexicon(code).data.scope
    named = {w for words in scope.subgroup_names.values() for w in words}
    assert named <= set(scope.subgroups), sorted(named - set(scope.subgroups))


@pytest.mark.parametrize("code", available_languages())
def test_every_currency_read_is_a_unit_of_its_own(code):
    """Each currency a language reads (its own words, CLDR's names and symbols, the ISO codes) is a unit
    of data/units.txt in a dimension of its own: amounts in two currencies are never converted silently."""
    from factcheck.quantities.units import registry

    ureg = registry()
    codes = {iso for iso, _ in load_lexicon(code).currencies.values()}
    wrong = sorted(c for c in codes if str(ureg.Quantity(1, c).dimensionality) != f"[currency_{c}]")
    assert len(codes) > 150 and not wrong


def test_iso_codes_that_are_words_in_capitals_are_no_sign():
    from factcheck.quantities import find_quantities

    assert [q.kind for q in find_quantities("TOP 10 and ALL 3 of them; 20 Tongan paʻanga", "en")] == [
        "number",
        "number",
        "money",
    ]


def test_every_language_glosses_parties_names_by_the_same_words():
    """A gloss one language gives and another lacks links nothing: each shipped file glosses the same
    words of parties' names ("labour", "green", ...), and no party word is also glossed."""
    glosses = {code: set(load_lexicon(code).data.discover.glosses) for code in available_languages()}
    assert len({frozenset(g) for g in glosses.values()}) == 1, glosses
    for code in available_languages():
        d = load_lexicon(code).data.discover
        glossed = {w.lower() for words in d.glosses.values() for w in words}
        assert d.party_words and not glossed & {w.lower() for w in d.party_words}, code
