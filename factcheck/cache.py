"""The on-disk start-up cache: what every run would otherwise rebuild (parsed YAML, compiled patterns,
lexicons and grammars, unit factors, exchange rates, gazetteers, answers of dateparser, simplemma and
the language detector), kept in the user's cache folder.

Each entry is one pickle file holding its key (the versions, file hashes and hashes of the code it was
built from) and its value; a stale key, a missing file or a corrupt one means "build it again" (never
an error). Writes go to a temporary file renamed into place, so two runs starting at once never read
half a file. ``FACTCHECK_CACHE_DIR`` points the cache elsewhere; set to ``off`` (or empty) it disables
it. Large sets of names are kept as hashes (``Names``), which read back at once.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import re
import sys
import tempfile
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

ENV = "FACTCHECK_CACHE_DIR"
FORMAT = 2  # bump when what is stored changes shape
PATTERN_LIMIT = 5000  # compiled patterns kept; past it the table starts again (inputs may build their own)


def cache_dir() -> Path | None:
    """Where the cache lives: ``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else the
    platform's user cache folder (platformdirs); None when disabled."""
    given = os.environ.get(ENV)
    if given is not None:
        return None if given.strip().lower() in ("", "off", "0", "no") else Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "factcheck"
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs comes with pint
        return Path.home() / ".cache" / "factcheck"
    return Path(user_cache_dir("factcheck", appauthor=False))


@cache
def package_version(name: str) -> str:
    """The installed version of ``name`` (part of every key: an upgrade rebuilds what it produced):
    read from the name of its ``.dist-info`` folder, as installers write it, or else from its metadata
    (importlib.metadata parses it with the email package: a hundredth of a second at start-up)."""
    found = _dist_info_versions().get(_normalised(name))
    if found:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _dist_info_versions() -> dict[str, str]:
    """Distribution name -> version, from the ``NAME-VERSION.dist-info`` folders on sys.path (the
    first one found for a name, as importlib.metadata takes it)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            stem = folder.removesuffix(".dist-info")
            if stem != folder and stem.count("-") == 1:
                name, _, release = stem.partition("-")
                found.setdefault(_normalised(name), release)
    return found


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def code_hash(*modules: str) -> str:
    """A hash of the source of ``modules`` (imported names): part of the key of what their code builds,
    so that an edited checkout rebuilds it (the package's version changes only with a release)."""
    digest = hashlib.sha256()
    for name in modules:
        source = getattr(sys.modules.get(name), "__file__", None)
        digest.update(Path(source).read_bytes() if source else name.encode())
    return digest.hexdigest()


def _key(parts: tuple[Any, ...]) -> str:
    head = (FORMAT, package_version("factcheck"), sys.version_info[:2])
    return hashlib.sha256(repr(head + parts).encode()).hexdigest()


def _file(name: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{name}.pickle"


def load(name: str, *key: Any) -> Any | None:
    """The value stored under ``name`` if it was built from ``key``; None if missing, stale or corrupt."""
    path = _file(name)
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception:  # missing, truncated, garbage, or written by another version: rebuild
        return None
    return value if stored_key == _key(key) else None


def store(name: str, value: Any, *key: Any) -> None:
    """Keep ``value`` under ``name`` for ``key``: written to a temporary file, then renamed into place.
    A cache that cannot be written (read-only home, full disk) is silently skipped, as is a value that
    cannot be pickled (a pattern compiled while a caller had replaced ``re._compile``, as a benchmark does)."""
    path = _file(name)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((_key(key), value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, AttributeError, TypeError):
        return


def memo(name: str, build: Callable[[], Any], *key: Any) -> Any:
    """The stored value for ``key``, or ``build()`` stored for next time."""
    value = load(name, *key)
    if value is None:
        value = build()
        store(name, value, *key)
    return value


def parsed(path: Path, parse: Callable[[Path], Any], kind: str) -> Any:
    """``parse(path)``, kept per file and rebuilt when the file's content changes. ``kind`` names the
    parser (two parsers of one file do not share an entry). Errors from ``parse`` are not kept. Each
    call gets its own copy (read back from the pickled value this process keeps, as from the disk)."""
    try:
        data = path.read_bytes()
    except OSError:
        return parse(path)  # let the parser report it
    return pickle.loads(_parsed_once(parse, kind, path, hashlib.sha256(data).hexdigest(), cache_dir()))


PARSED_KEPT = 256  # parsed files this process keeps (pickled), for a run after the first


@lru_cache(maxsize=PARSED_KEPT)
def _parsed_once(
    parse: Callable[[Path], Any], kind: str, path: Path, digest: str, folder: Path | None
) -> bytes:
    """``parse(path)`` of the file whose content has ``digest``, pickled: read from the user's cache in
    ``folder`` (or parsed and stored there) once per process, not again in each later run."""
    resolved = str(path.resolve())
    name = f"{kind}-{hashlib.sha256(resolved.encode()).hexdigest()[:20]}"
    key = (kind, resolved, digest)
    value = load(name, *key)
    if value is None:
        value = parse(path)
        store(name, value, *key)
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class Names:
    """A large set of strings, or a mapping of strings to tuples of strings, kept for the disk as the
    sorted 64-bit hashes of its keys (and each distinct value once): read back at once where a pickled
    set or dictionary is rebuilt object by object (the 97,000 names of the gazetteer took 80 ms so),
    looked up by bisection. A name not in the set shares a member's hash about once in 10**14 lookups
    at that size (and is then taken for it); of two members that share one, the first is kept."""

    _SEP = "\x1f"

    def __init__(self, names: Iterable[str] | Mapping[str, tuple[str, ...]]) -> None:
        pairs = names.items() if isinstance(names, Mapping) else ((name, ()) for name in names)
        found: dict[int, str] = {}
        for name, value in pairs:
            if any(self._SEP in v for v in value):
                raise ValueError(f"a value of Names holds {self._SEP!r}: {value!r}")
            found.setdefault(self._hash(name), self._SEP.join(value))
        order = sorted(found)
        values = list(dict.fromkeys(found.values()))
        number = {v: k for k, v in enumerate(values)}
        self._hashes = array("Q", order)
        self._which = array("I", [number[found[h]] for h in order])
        self._values = values

    @staticmethod
    def _hash(name: str) -> int:
        return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big")

    def _find(self, name: object) -> int | None:
        if not isinstance(name, str):
            return None
        h = self._hash(name)
        k = bisect_left(self._hashes, h)
        return k if k < len(self._hashes) and self._hashes[k] == h else None

    def __contains__(self, name: object) -> bool:
        return self._find(name) is not None

    def _value(self, k: int) -> tuple[str, ...]:
        joined = self._values[self._which[k]]
        return tuple(joined.split(self._SEP)) if joined else ()

    def get(self, name: str, default: Any = None) -> tuple[str, ...] | Any:
        k = self._find(name)
        return default if k is None else self._value(k)

    def __getitem__(self, name: str) -> tuple[str, ...]:
        k = self._find(name)
        if k is None:
            raise KeyError(name)
        return self._value(k)

    def __len__(self) -> int:
        return len(self._hashes)


TABLE_LIMIT = 50_000  # entries a Table keeps on disk (answers met in many runs; the first ones stay)
_tables: list[Table] = []


class Table:
    """A dictionary of results that outlives the process: read once, written back (by ``session``,
    at the end of a run) when it grew."""

    def __init__(self, name: str, *key: Any) -> None:
        self.name, self.key = name, key
        self._lock = threading.Lock()
        self._data: dict[Any, Any] | None = None
        self._dirty = False
        _tables.append(self)

    def _loaded(self) -> dict[Any, Any]:
        if self._data is None:
            found = load(self.name, *self.key)
            self._data = found if isinstance(found, dict) else {}
        return self._data

    def get(self, item: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            data = self._loaded()
            if item in data:
                return data[item]
        value = compute()
        with self._lock:
            data[item] = value
            self._dirty = True
        return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._loaded())

    def peek(self, item: Any) -> Any | None:
        """The stored result for ``item``, or None."""
        with self._lock:
            return self._loaded().get(item)

    def put(self, item: Any, value: Any) -> Any:
        """Keep ``value`` for ``item`` (written back with the table); returns it."""
        with self._lock:
            self._loaded()[item] = value
            self._dirty = True
        return value

    def flush(self) -> None:
        """Write the table back if it grew since it was read."""
        with self._lock:
            if not self._dirty or self._data is None:
                return
            self._dirty = False
            data = (
                dict(self._data)
                if len(self._data) <= TABLE_LIMIT
                else dict(list(self._data.items())[:TABLE_LIMIT])
            )
        store(self.name, data, *self.key)


def flush() -> None:
    """Write back every table that grew (at the end of a session, and when the process exits)."""
    for table in list(_tables):
        table.flush()


atexit.register(flush)


@contextmanager
def session() -> Iterator[None]:
    """A run's use of the cache: patterns compiled from their stored programs, and what the tables
    learnt written back at the end."""
    try:
        with compiled_patterns():
            yield
    finally:
        flush()


# Compiled regular expressions. Python's re recompiles every pattern in every process (about a second
# for the language files' phrase tries); the compiled program is a list of integers that _sre accepts
# back (and validates) as is, so it is kept here (as an array: read back at once, where a list of
# 600,000 integers took 30 ms to unpickle), keyed by the pattern text and flags.

_patterns_lock = threading.Lock()
_patterns_depth = 0


def _patterns_key() -> tuple[Any, ...]:
    import _sre

    return ("patterns", sys.version, _sre.MAGIC, _sre.CODESIZE)


@lru_cache(maxsize=4)
def _pattern_table(folder: Path) -> dict[tuple[str, int], tuple[Any, ...]]:
    found = load("patterns", *_patterns_key())
    return found if isinstance(found, dict) else {}


def _compiler_parts() -> tuple[Any, Any, Any] | None:
    """re's compiler and parser modules, if this Python's has the shape the cache relies on."""
    try:
        import _sre
        from re import _compiler, _parser

        if callable(_compiler.compile) and callable(_compiler._code) and callable(_sre.compile):
            return _compiler, _parser, _sre
    except (ImportError, AttributeError):
        pass
    return None


@contextmanager
def compiled_patterns() -> Iterator[None]:
    """Within this block, ``re`` compiles a pattern seen in an earlier run from the stored program
    instead of parsing it again; new patterns are stored at the end. Results are the same patterns."""
    global _patterns_depth
    parts, folder = _compiler_parts(), cache_dir()
    if parts is None or folder is None:
        yield
        return
    _compiler, _parser, _sre = parts
    code_type = next(t for t in "HIL" if array(t).itemsize == _sre.CODESIZE)  # kept as one array each
    with _patterns_lock:
        _patterns_depth += 1
        outer = _patterns_depth == 1
        if outer:
            table = _pattern_table(folder)
            new: dict[tuple[str, int], tuple[Any, ...]] = {}
            original = _compiler.compile

            def compile(p: Any, flags: int = 0) -> Any:
                if not isinstance(p, str) or flags & re.DEBUG:  # bytes, or a pattern to print as compiled
                    return original(p, flags)
                hit = table.get((p, flags))
                if hit is not None:
                    try:
                        return _sre.compile(p, hit[0], hit[1].tolist(), *hit[2:])
                    except Exception:  # a stale or damaged program: compile it the usual way
                        pass
                tree = _parser.parse(p, flags)
                code = array(code_type, _compiler._code(tree, flags))
                groupindex = dict(tree.state.groupdict)
                indexgroup: list[str | None] = [None] * tree.state.groups
                for k, i in groupindex.items():
                    indexgroup[i] = k
                args = (flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))
                new[(p, flags)] = args
                return _sre.compile(p, args[0], code.tolist(), *args[2:])

            _compiler.compile = compile
    try:
        yield
    finally:
        with _patterns_lock:
            _patterns_depth -= 1
            if outer:
                _compiler.compile = original
                if new:
                    merged = {**table, **new} if len(table) + len(new) <= PATTERN_LIMIT else dict(new)
                    table.clear()
                    table.update(merged)
                    store("patterns", merged, *_patterns_key())


def stored_patterns() -> dict[tuple[str, int], tuple[Any, ...]] | None:
    """The compiled patterns kept in the user's cache for this Python, as they are on disk (None: none)."""
    return load("patterns", *_patterns_key())


def forget_patterns() -> None:
    """Drop the stored patterns this process has read: the next compile reads them from disk again."""
    _pattern_table.cache_clear()
