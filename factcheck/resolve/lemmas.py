"""simplemma's lemmas and dictionaries (it/fr/ar/en, shipped with it), one language at a time, their
answers kept in the user's cache (factcheck/cache.py)."""

from __future__ import annotations

from functools import cache

from factcheck.quantities.lexicon import available_languages


@cache
def _simplemma():  # -> the simplemma module, or None when it is not installed
    """simplemma, imported only when a word was never met before (the import alone takes a few
    hundredths of a second: a run whose words are all in the user's cache does without it)."""
    try:
        import simplemma
    except ImportError:
        return None
    return simplemma


@cache
def lemmatizer(lang: str):
    """simplemma's lemmatiser for one language, or the word itself when simplemma is missing. Its
    answers are kept in the user's cache (factcheck/cache.py): loading a language's dictionary costs
    about half a second, so a run whose words were all met before does not load it."""
    from factcheck import cache as disk

    def lemma(word: str) -> str:
        found = _simplemma()
        return word if found is None else found.lemmatize(word, lang=lang)

    answers = disk.Table(f"lemmas-{lang}", lang, disk.package_version("simplemma"))
    return lambda word: answers.get(word, lambda: lemma(word))


@cache
def is_word(lang: str):
    """Whether simplemma's dictionary of ``lang`` knows a word (False without simplemma); answers
    kept in the user's cache, as the lemmas are."""
    from factcheck import cache as disk

    answers = disk.Table(f"known-{lang}", lang, disk.package_version("simplemma"))
    return lambda word: answers.get(word, lambda: _known(word, lang))


def _known(word: str, lang: str) -> bool:
    """Whether simplemma's dictionary of ``lang`` knows ``word`` (False without simplemma)."""
    found = _simplemma()
    return found is not None and found.is_known(word, lang=lang)


def a_word(name: str) -> bool:
    """Whether a name of one word (folded: lower case) is a word of one of the data's languages, as a town
    may be named ("Police", "Young", "Se", "Cela"): in text, far more often that word than the town. Asked
    of simplemma itself, not through the cache of answers: the gazetteers that ask it are kept whole."""
    arabic = "\u0600" <= name[:1] <= "\u06ff"
    return " " not in name and any(
        _known(name, lang) for lang in available_languages() if (lang == "ar") == arabic
    )
