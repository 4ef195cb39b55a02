"""The language files: each follows the template, and a broken one gives an error naming what to fix."""

from __future__ import annotations

import shutil

import pytest
import yaml

from factcheck.errors import LanguageDataError
from factcheck.quantities import lexicon
from factcheck.quantities.lexicon import LANG_DIR, available_languages, load_lexicon


def test_languages_are_the_files_present():
    assert available_languages() == tuple(
        sorted(p.stem for p in LANG_DIR.glob("*.yaml") if p.stem != "TEMPLATE")
    )
    assert {"it", "fr", "ar", "en"} <= set(available_languages())


@pytest.mark.parametrize("lang", available_languages())
def test_every_language_file_has_the_template_keys(lang):
    template = yaml.safe_load((LANG_DIR / "TEMPLATE.yaml").read_text(encoding="utf-8"))
    data = yaml.safe_load((LANG_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert set(template) <= set(data), set(template) - set(data)
    load_lexicon(lang)


def test_broken_language_file_is_reported(tmp_path, monkeypatch):
    shutil.copy(LANG_DIR / "it.yaml", tmp_path / "it.yaml")
    text = (tmp_path / "it.yaml").read_text(encoding="utf-8").replace("\nstopwords:", "\nstopwordz:")
    (tmp_path / "it.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LANG_DIR", tmp_path)
    lexicon.load_lexicon.cache_clear()
    try:
        with pytest.raises(LanguageDataError, match="missing key 'stopwords'"):
            load_lexicon("it")
    finally:
        lexicon.load_lexicon.cache_clear()


def test_unknown_language_suggests_the_supported_ones():
    with pytest.raises(LanguageDataError, match="supported languages"):
        load_lexicon("xx")


def test_a_yaml_boolean_where_a_word_belongs_is_named(tmp_path, monkeypatch):
    text = (LANG_DIR / "en.yaml").read_text(encoding="utf-8").replace('"no"]', "no]")
    (tmp_path / "en.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LANG_DIR", tmp_path)
    lexicon.load_lexicon.cache_clear()
    try:
        with pytest.raises(LanguageDataError, match=r"number_words\.pronoun_after\[7\]' is False"):
            load_lexicon("en")
    finally:
        lexicon.load_lexicon.cache_clear()
