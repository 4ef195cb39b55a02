"""Which language an article is in: scored on each language file's stopwords."""

from __future__ import annotations

import re

from factcheck.quantities.lexicon import Lexicon, fold

_WORD = re.compile(r"\w+")


def detect_language(text: str, lexicons: dict[str, Lexicon], fallback: str | None) -> str:
    """The language whose stopwords are clearly most frequent; else ``fallback``; else the best guess."""
    words = [fold(w) for w in _WORD.findall(text[:20000])]
    scores = sorted(((sum(w in lex.stopwords for w in words), code) for code, lex in lexicons.items()), reverse=True)
    (best, code), (second, _) = scores[0], scores[1] if len(scores) > 1 else (0, None)
    if fallback in lexicons and not (best >= 8 and best >= 2 * second and code != fallback):
        return fallback
    return code
