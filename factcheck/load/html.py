"""Web pages: the main text, title, date and site of an HTML page (trafilatura), without menus, comments or ads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factcheck.errors import InputError
from factcheck.load.records import parse_date, source_of

MAX_BYTES = 64 * 1024 * 1024  # a page larger than this is not an article page
MIN_WORDS = 6  # an article has at least one paragraph this long


@dataclass(frozen=True)
class Page:
    text: str  # the title, a blank line, then the main text
    published: date | None
    source: str | None
    url: str | None


def read_page(html: str, path: str) -> Page:
    """The article in ``html``, or InputError when the page holds no article text."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
    )
    fields = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    text = (fields.get("text") or "").strip()
    if not any(
        len(line.split()) >= MIN_WORDS for line in text.splitlines()
    ):  # menus and link lists are no article
        raise InputError(
            path,
            "no article text in the HTML page",
            hint="is it a menu, a login page or a page built by scripts?",
        )
    title = (fields.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Page(
        text,
        parse_date(fields.get("date")),
        fields.get("sitename") or source_of(fields.get("url")),
        fields.get("url") or None,
    )


def check_size(size: int, path: str) -> None:
    if size > MAX_BYTES:
        raise InputError(
            path, f"HTML page too large ({size / 2**20:,.0f} MB)", hint="save its text as a .txt file"
        )
