"""Bytes to text: byte-order marks, UTF-8 and UTF-16, then the legacy encodings of news sites (charset-normalizer); binary files refused."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError

BLOCK = 4 * 1024 * 1024  # bytes read at a time: a larger file is streamed in parts of about this size
LEGACY = ("cp1252", "cp1256", "iso8859_6")  # Windows-1252 (Western), Windows-1256 and ISO-8859-6 (Arabic)
_NAMES = {"cp1252": "Windows-1252", "cp1256": "Windows-1256", "iso8859_6": "ISO-8859-6"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = {  # formats that are not text, by their first bytes
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"SQLite format 3": "an SQLite database",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_CONTROLS = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # the characters of _CONTROLS


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" / "utf-16-be" when the NUL bytes fall on one side of each pair, as in UTF-16 text
    of a Latin script written without a byte-order mark."""
    even, odd = head[0::2], head[1::2]
    if not odd:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff(head: bytes, path: str) -> str:
    """The encoding of a file from its first bytes, or InputError naming why it is not text."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise InputError(
                path,
                f"binary file ({what}), not text",
                hint="convert it to text, HTML, CSV or JSON Lines first",
            )
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise InputError(path, "binary file, not text")
        return utf16
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a character cut by the end of the block
    from charset_normalizer import from_bytes

    best = from_bytes(head, cp_isolation=list(LEGACY)).best()
    if best is None:
        raise InputError(
            path,
            "undecodable bytes: not UTF-8, UTF-16, " + ", ".join(_NAMES.values()),
            hint="save the file as UTF-8",
        )
    return best.encoding


def newlines(text: str) -> str:
    """Windows and old Mac line ends as "\\n"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked(text: str, path: str) -> str:
    if len(_CONTROL.findall(text, 0, 65536)) > 0.01 * min(len(text), 65536):
        raise InputError(path, "binary file, not text (control characters)")
    return text


def decode(data: bytes, path: str) -> str:
    """Bytes of a whole input as text (newlines normalised), or InputError saying why they are not text."""
    encoding = sniff(data[:BLOCK], path)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"undecodable bytes: not {encoding} throughout (bad byte at offset {exc.start})",
            hint="save the file as UTF-8",
        ) from None
    return newlines(_checked(text, path))


def stream(fh: BinaryIO, path: str, block: int = BLOCK) -> Iterator[str]:
    """The text of a file in parts of about ``block`` bytes, each cut after a paragraph (else a line,
    else a space): a file of any size is read in bounded memory. Bytes that do not decode in the
    encoding found at the start are replaced (U+FFFD)."""
    head = fh.read(block)
    decoder = codecs.getincrementaldecoder(sniff(head, path))(errors="replace")
    carry, data, first = "", head, True
    while data:
        text = decoder.decode(data)
        if first:
            text, first = _checked(text, path), False
        text = carry + text
        held = (
            "\r" if text.endswith("\r") else ""
        )  # a "\r\n" the block's end may have cut: one line end, not two
        text = newlines(text[: len(text) - len(held)])
        cut = text.rfind("\n\n")
        if cut < len(text) // 2:
            cut = max(text.rfind("\n"), text.rfind(" ") if "\n" not in text else -1)
        part, carry = (
            (text[: cut + 1], text[cut + 1 :] + held) if cut > 0 else (text, held)
        )  # no space at all: cut anywhere
        if part:
            yield part
        data = fh.read(block)
    rest = newlines(carry + decoder.decode(b"", final=True))
    if rest:
        yield rest


def read_text(path: Path) -> str:
    """A whole (small) file's text."""
    return decode(path.read_bytes(), str(path))
