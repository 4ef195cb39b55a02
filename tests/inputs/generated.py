"""Bad inputs too large or too odd to keep in the repository, made on demand: one function per case, named after it.

Each takes the folder of a run and puts the case's input in it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ARTICLE = "Hooli had {n:,} employees at the end of {month} 2023, the company said.\n\n"
WORDS = "report company office market city council board policy plan growth budget committee region".split()


def file_of_200_mb(folder: Path) -> None:
    """200 MB: an article, then blank lines and spaces, then another article at the very end."""
    with (folder / "file-of-200-mb.txt").open("w", encoding="utf-8") as fh:
        fh.write(ARTICLE.format(n=3100, month="May"))
        pad = (" " * 1023 + "\n") * 1024  # 1 MB
        for _ in range(200):
            fh.write(pad)
        fh.write(ARTICLE.format(n=2900, month="June"))


def one_10_mb_line(folder: Path) -> None:
    """10 MB of words on one line, with no full stop, and a claim at its very end."""
    rng = random.Random(7)
    words = " ".join(rng.choice(WORDS) for _ in range(1_400_000))[:10_000_000]
    (folder / "one-10-mb-line.txt").write_text(words + " " + ARTICLE.format(n=2500, month="July").strip(), encoding="utf-8")


def unreadable_file(folder: Path) -> None:
    """A file whose bytes cannot be read: on Linux a link to /proc/self/mem, which fails at its first
    byte even for root; elsewhere a file without read permission."""
    path = folder / "unreadable-file.txt"
    if sys.platform.startswith("linux") and Path("/proc/self/mem").exists():
        path.symlink_to("/proc/self/mem")
    else:
        path.write_text(ARTICLE.format(n=1, month="May"), encoding="utf-8")
        path.chmod(0)


def symlink_loop(folder: Path) -> None:
    """A link that points to itself, and a folder with a link back to its parent."""
    (folder / "symlink-loop.txt").symlink_to("symlink-loop.txt")
    (folder / "symlink-loop").mkdir()
    (folder / "symlink-loop" / "up").symlink_to("..", target_is_directory=True)


def folder_of_10000_small_files(folder: Path) -> None:
    """10,000 short notes, each with a figure of its own."""
    sub = folder / "folder-of-10000-small-files"
    sub.mkdir()
    rng = random.Random(3)
    for i in range(10_000):
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        (sub / f"note-{i:05d}.txt").write_text(f"Note {i}: the {words} met {i % 50 + 2} times in 2023.\n", encoding="utf-8")


GENERATORS = {f.__name__.replace("_", "-"): f for f in (file_of_200_mb, one_10_mb_line, unreadable_file, symlink_loop,
                                                          folder_of_10000_small_files)}
