"""Right-to-left text for terminals that do not lay it out themselves: Arabic letters joined (arabic-reshaper) and each line put in display order (python-bidi)."""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


@lru_cache(maxsize=4096)
def display(line: str) -> str:
    """One line as a terminal must draw it, left to right: Arabic shaped and reordered, the rest as is."""
    if not has_rtl(line):
        return line
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(line))


def display_lines(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` in reading order first, then each line put in display order (a
    paragraph reordered as a whole would put its end on the first line)."""
    return [display(line) for line in textwrap.wrap(text, max(10, width)) or [""]]
