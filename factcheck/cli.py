"""The command line: parse options, call the library, turn errors into messages and exit codes (in one place)."""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.models import SEVERITIES

EXIT_OK, EXIT_FAIL_ON, EXIT_ERROR = 0, 1, 2


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so that what is still buffered for a closed pipe is dropped
    quietly at exit (the recipe of Python's documentation on SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _errors_to_exit_codes(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The one place where errors become messages on stderr and exit code 2 (no traceback, unless --debug)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            out = fn(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not at exit where it could not be handled
            return out
        except BrokenPipeError:  # the reader went away (`| head`, `less` quit early): not an error
            _stdout_to_devnull()
            sys.exit(EXIT_OK)
        except FactcheckError as exc:
            if _debug():
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # a bug: said in one line; the traceback is for --debug
            if _debug():
                raise
            if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                click.echo(f"error: cannot write the output: {exc.strerror}", err=True)  # a full disk
                sys.exit(EXIT_ERROR)
            click.echo(
                f"error: internal error ({type(exc).__name__}: {exc})\n  hint: run again with factcheck --debug ... "
                "to see where, and please report it",
                err=True,
            )
            sys.exit(EXIT_ERROR)

    return wrapper


def _input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say which inputs to read and how (shared by run, extract and explain)."""
    options = [
        click.option("--lang", help="Language of inputs that have no manifest entry (it, fr, ar, en)."),
        click.option(
            "--include",
            multiple=True,
            metavar="GLOB",
            help="In folders, read only files matching GLOB (repeatable; e.g. '*.html').",
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help="In folders, skip files matching GLOB (repeatable; e.g. 'drafts/*').",
        ),
        click.option(
            "--manifest",
            type=click.Path(dir_okay=False, path_type=Path),
            help="A CSV of per-file metadata (file,lang,published,source) for every input.",
        ),
        click.option(
            "--dayfirst/--monthfirst",
            default=None,
            help="How a manifest's 04/05/2023 reads: 4 May (--dayfirst) or April 5 (--monthfirst); unread otherwise.",
        ),
        click.option(
            "--published",
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) of articles that give none: no manifest date, no dateline.",
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="NAME=COLUMN",
            help="In .jsonl/.csv inputs, the column holding NAME (text, title, date, lang, url, source); found by name otherwise.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _settings(
    lang: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    manifest: Path | None,
    fields: tuple[str, ...],
    dayfirst: bool | None = None,
    **rest: Any,
):
    """The run's Settings from the command's options."""
    from factcheck.errors import UsageError
    from factcheck.load import LoadOptions
    from factcheck.load.records import field_names
    from factcheck.settings import Settings

    pairs = []
    for f in fields:
        name, _, column = f.partition("=")
        if name.strip() not in field_names() or not column.strip():
            raise UsageError(
                f"--field {f!r}: expected NAME=COLUMN", hint=f"NAME is one of {', '.join(field_names())}"
            )
        pairs.append((name.strip(), column.strip()))
    inputs = LoadOptions(tuple(include), tuple(exclude), manifest, tuple(pairs), dayfirst)
    if rest.get("published") is not None:
        from datetime import date

        try:
            rest["published"] = date.fromisoformat(rest["published"])
        except ValueError:
            raise UsageError(
                f"--published {rest['published']!r}: not a date",
                hint="write it as YYYY-MM-DD, e.g. 2024-05-20",
            ) from None
    return Settings(lang=lang, inputs=inputs, debug=_debug(), **rest)


def _rules_folder(given: Path | None) -> Path | None:
    """The rules folder of a command: --rules, else a ``rules/`` of the current folder (as ``factcheck
    init`` writes it; said on stderr), else None for the bundled default."""
    if given is not None:
        return given
    from factcheck.settings import default_rules_dir

    here = Path("rules")
    if (here / "checks").is_dir() and here.resolve() != default_rules_dir().resolve():
        click.echo(f"note: using the rules in {here.resolve()} (found in the current folder)", err=True)
        return here
    return None


def _say_skipped(result) -> None:
    """One line on stderr per input (or part of one) that was not read, naming it and why."""
    for line in _skipped_lines(result):
        click.echo(line, err=True)


def _skipped_lines(result) -> list[str]:
    return [f"{sk.level} {sk.path}: {sk.reason}" for sk in result.skipped]


def _say_stored(db_path: Path, run, *, replayed: bool = False) -> None:
    """One line on stderr: what a run over the store read and recomputed (``replayed``: it wrote the
    report of the run before it again, nothing having changed since)."""
    click.echo(
        f"store {db_path}: run {run.run_id}: read {run.documents_read} new or changed document(s), "
        f"{run.documents_unchanged} unchanged, {run.documents_total} in the store; recomputed "
        f"{run.groups_recomputed} of {run.groups_total} entity × metric groups"
        + (" (factcheck or its rules changed: everything redone)" if run.full_recompute else "")
        + f"; {run.new_conflicts} new conflict(s)"
        + (f"; nothing changed since run {run.run_id - 1}: its report written again" if replayed else ""),
        err=True,
    )


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def _console(fmt: str | None):
    from rich.console import Console

    class PipeFriendlyConsole(Console):
        def on_broken_pipe(self) -> None:  # rich exits 1 there; a closed pipe is handled as by every command
            self.quiet = True
            raise BrokenPipeError

    if _plain(fmt):
        return PipeFriendlyConsole(
            color_system=None,
            force_terminal=False,
            highlight=False,
            width=int(os.environ.get("COLUMNS", 120)),
        )
    return PipeFriendlyConsole(highlight=False)


def _plain(fmt: str | None) -> bool:
    """Whether the report is drawn plain (no colours, no terminal features)."""
    return fmt == "plain" or (fmt is None and bool(os.environ.get("NO_COLOR") or not sys.stdout.isatty()))


PROGRESS_AFTER = 20  # documents: below this a run is too quick for a progress bar


@contextlib.contextmanager
def _progress_bar():
    """A progress bar on stderr while documents are read, for runs over many files (it appears at
    the first report of a run of PROGRESS_AFTER files or more); nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_AFTER:
            return
        if task is None:
            bar.start()
            task = bar.add_task("reading", total=total)
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        bar.stop()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@click.option("--debug", is_flag=True, help="On an unexpected error, stop with its full traceback.")
def main(debug: bool) -> None:
    """Check numbers across news sources and languages.

    \b
    Exit codes: 0 done (conflicts or not), 1 a conflict at or above --fail-on was found,
    2 usage or input error.
    """
    click.get_current_context().call_on_close(_fewer_collections())


# new objects between two runs of the cyclic garbage collector while a command runs (Python's: 700)
COLLECT_AFTER = 50_000


def _fewer_collections() -> Callable[[], None]:
    """Let the cyclic garbage collector run less often while a command runs: a command builds, in a
    second or two, hundreds of thousands of objects that live to its end (modules, tables, parsed
    articles), and walking them every 700 new ones took a tenth of the run on the seeds. Returns what
    puts the previous thresholds back, and what ``_loading`` set aside (commands also run inside a
    test process)."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], COLLECT_AFTER), *previous[1:])

    def restore() -> None:
        gc.unfreeze()
        gc.set_threshold(*previous)

    return restore


@contextlib.contextmanager
def _loading():
    """Around a command's imports, which build only what lives to its end (modules and their tables):
    the collector does not walk them while they are made, and what they made is set aside from its
    later walks (``gc.freeze``, undone when the command ends): 2 to 3 % of a run on the seeds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Rules folder (default: the bundled rules/).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the conflicts to this CSV file.",
)
@click.option(
    "--assertions",
    "assertions_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every assertion to this CSV file.",
)
@_input_options
@click.option("--select", help="Only these rule codes, comma-separated (FC101,FC201).")
@click.option("--ignore", help="Skip these rule codes, comma-separated.")
@click.option(
    "--min-severity", type=click.Choice(SEVERITIES), help="Report only conflicts at or above this severity."
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Exit with code 1 when a conflict at or above this severity is found.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the whole run (assertions, conflicts, trends, consensus) to this JSON file.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report as one self-contained HTML page (conflicts, trends, timeline charts).",
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write an Excel workbook: conflicts, trends, consensus and assertions, one sheet each.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="Start the CSV files with a byte-order mark, so spreadsheet programs read Arabic right.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "plain", "json"]),
    help="Report style (default: rich on a terminal, plain otherwise or with NO_COLOR); json prints the run as JSON.",
)
@click.option(
    "--bidi/--no-bidi",
    default=None,
    help="Shape Arabic and put it in display order (default: on a terminal; --no-bidi for terminals that do it themselves).",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep documents, findings and triage in this store file (DuckDB): reruns read only what changed; "
    "without PATHS, report from the store alone.",
)
@click.option(
    "--all", "show_all", is_flag=True, help="With --db: also report the conflicts triaged as dismissed."
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0.0,
    metavar="SECONDS",
    help="With --db: when another run holds the store, wait up to SECONDS for it (default: exit 2 at once).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run on a Dask cluster: local, local:N (N worker processes here) or tcp://SCHEDULER:8786 "
    "(needs pip install 'factcheck[dask]').",
)
@_errors_to_exit_codes
def run(
    paths,
    rules_dir,
    csv_path,
    assertions_path,
    select,
    ignore,
    min_severity,
    fail_on,
    json_path,
    html_path,
    xlsx_path,
    excel,
    fmt,
    bidi,
    db_path,
    show_all,
    wait,
    dask_address,
    **inputs,
) -> None:
    """Check the figures in PATHS: files (.txt, .md, .html, .jsonl, .csv), folders, or - for standard
    input (default: the bundled seeds/ corpus)."""
    if show_all and db_path is None:
        from factcheck.errors import UsageError

        raise UsageError("--all is for runs over a store", hint="add --db FILE")
    settings = _settings(**inputs, select=_codes(select), ignore=_codes(ignore))  # inputs: _input_options
    rules = _rules_folder(rules_dir)
    files = {
        "csv": csv_path,
        "assertions": assertions_path,
        "json": json_path,
        "html": html_path,
        "xlsx": xlsx_path,
    }
    console = None if fmt == "json" else _console(fmt)
    rtl = sys.stdout.isatty() if bidi is None else bidi
    if db_path is not None and not dask_address:
        severities = _run_store(
            paths, rules, settings, min_severity, (db_path, show_all, wait), files, excel, (fmt, console, rtl)
        )
    else:
        with _loading():
            from factcheck.report import write_exports

        result, _ = _check(paths, rules, settings, min_severity, db_path, show_all, dask_address)
        _say_skipped(result)
        write_exports(result, **files, excel=excel)
        _report(result, console, rtl, capture=False)
        severities = list(result.conflicts["severity"])
    if fail_on and _reaches(severities, fail_on):
        sys.exit(EXIT_FAIL_ON)


def _report(result, console, rtl: bool, *, capture: bool) -> str:
    """Write the report of ``result`` on standard output: JSON when ``console`` is None, else drawn
    on it; with ``capture``, drawn first into the text returned (what a store keeps, see below)."""
    from factcheck.report import render, to_json

    if console is None:
        text = to_json(result)
        click.echo(text, nl=False)
        return text
    if not capture:
        render(result, console, rtl=rtl)
        return ""
    with console.capture() as captured:
        render(result, console, rtl=rtl)
    text = captured.get()
    click.echo(text, nl=False)
    return text


def _run_store(paths, rules, settings, min_severity, store, files, excel, drawn) -> list[str]:
    """``run --db``: when a run would change nothing, the report and exports the store kept from
    its last run, written again without reading anything (store/replay.py); else the run over the
    store, its outputs kept for the next. The severities of the conflicts reported."""
    from factcheck.store import replay

    db_path, show_all, wait = store
    fmt, console, rtl = drawn
    wanted = tuple((kind, path) for kind, path in files.items() if path is not None)
    asked = replay.Asked(_drawn_as(fmt, console, rtl), wanted, excel, min_severity, show_all)
    given = list(paths)
    key = replay.key(given, settings if rules is None else replace(settings, rules_dir=rules), asked)
    done = replay.replay(db_path, given, key, asked, wait) if key is not None else None
    if done is not None:
        from factcheck.atomic import write_atomic

        stored, kept = done
        for line in kept.said:
            click.echo(line, err=True)
        _say_stored(db_path, stored, replayed=True)
        inputs = frozenset(Path(p).resolve() for p in kept.inputs)
        for kind, path in wanted:
            body = kept.outputs[asked.name(kind, path)]
            write_atomic(lambda fh, body=body: fh.write(body), path, inputs, encoding=None)
        click.echo(kept.outputs[asked.names()[0]].decode("utf-8", "surrogatepass"), nl=False)
        return list(kept.severities)
    from factcheck.report import write_exports

    result, stored = _check(paths, rules, settings, min_severity, db_path, show_all, None, wait=wait)
    _say_skipped(result)
    _say_stored(db_path, stored)
    write_exports(result, **files, excel=excel)
    text = _report(result, console, rtl, capture=True)
    severities = list(result.conflicts["severity"])
    if key is not None:
        outputs = {asked.name(kind, path): Path(path).read_bytes() for kind, path in wanted}
        outputs[asked.names()[0]] = text.encode("utf-8", "surrogatepass")
        kept = replay.Report(tuple(_skipped_lines(result)), outputs, result.inputs, tuple(severities))
        replay.keep(db_path, key, stored, kept)
    return severities


def _drawn_as(fmt: str | None, console, rtl: bool) -> str:
    """How the report is drawn on standard output, as what its text depends on ("json", or the
    console's style, width, colours, encoding and direction)."""
    if console is None:
        return "json"
    return (
        f"{'plain' if _plain(fmt) else 'rich'} width={console.width} colors={console.color_system} "
        f"terminal={console.is_terminal} encoding={console.encoding} rtl={rtl}"
    )


def _check(paths, rules_dir, settings, min_severity, db_path, show_all, dask_address, *, wait: float = 0.0):
    """The Result of ``run``: on a Dask cluster, over a store (with what the store run read and
    redid; a store in use waited for ``wait`` seconds), or here (with a progress bar for long runs);
    the store's account is None but for a store."""
    if db_path is not None and dask_address:
        from factcheck.errors import UsageError

        raise UsageError(
            "--db and --dask cannot be used together",
            hint="a store run reads only what changed, on this machine",
        )
    if dask_address:
        from factcheck import distributed

        with distributed.connect(dask_address) as client:
            found = distributed.check(
                paths, client, rules=rules_dir, settings=settings, min_severity=min_severity
            )
            return found, None
    with _progress_bar() as progress:
        if db_path is not None:
            from factcheck.api import check_store

            return check_store(
                db_path,
                paths,
                rules=rules_dir,
                settings=settings,
                min_severity=min_severity,
                every=show_all,
                progress=progress,
                wait=wait,
            )
        from factcheck.api import check

        found = check(paths, rules=rules_dir, settings=settings, min_severity=min_severity, progress=progress)
        return found, None


def _reaches(severities: list[str], severity: str) -> bool:
    """Whether a conflict at or above ``severity`` was found (--fail-on), given those of the conflicts."""
    return any(SEVERITIES.index(s) <= SEVERITIES.index(severity) for s in severities)


@main.command()
@click.argument("text")
@click.option("--lang", required=True, help="Language of TEXT (it, fr, ar, en).")
@_errors_to_exit_codes
def quantities(text: str, lang: str) -> None:
    """Show what the normaliser reads in TEXT (for debugging the language files)."""
    from factcheck.errors import UsageError
    from factcheck.quantities import available_languages, find_quantities

    if lang not in available_languages():
        raise UsageError(
            f"unsupported language {lang!r}", hint=f"supported: {', '.join(available_languages())}"
        )
    for q in find_quantities(text, lang):
        click.echo(
            f"{q.start}:{q.end}\t{q.text!r}\tvalue={q.value:g}\tlower={q.lower}\tupper={q.upper}\tunit={q.unit}\tqualifier={q.qualifier}\tkind={q.kind}"
            + (f"\trole={q.role}" if q.role else "")
            + ("\tAMBIGUOUS" if q.ambiguous else "")
        )


@main.command()
@click.argument("conflict_id")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Rules folder (default: the bundled rules/).",
)
@_input_options
@_errors_to_exit_codes
def explain(
    conflict_id: str, paths, rules_dir, lang, include, exclude, manifest, dayfirst, published, fields
) -> None:
    """Show the full provenance of CONFLICT_ID found in PATHS (default: the bundled seeds/ corpus)."""
    from factcheck.api import check
    from factcheck.report.provenance import provenance

    result = check(
        paths,
        rules=_rules_folder(rules_dir),
        settings=_settings(lang, include, exclude, manifest, fields, dayfirst, published=published),
    )
    _say_skipped(result)
    for line in provenance(result, conflict_id):
        click.echo(line)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this CSV file instead of standard output.",
)
@_input_options
@click.option(
    "--excel", is_flag=True, help="Start the CSV with a byte-order mark (for spreadsheet programs)."
)
@_errors_to_exit_codes
def extract(paths, out_path, lang, include, exclude, manifest, dayfirst, published, fields, excel) -> None:
    """Read PATHS and write their assertions only, as CSV (no rules are run)."""
    from factcheck.api import check
    from factcheck.report import write_assertions
    from factcheck.report.export import assertions_csv

    result = check(
        paths,
        settings=_settings(lang, include, exclude, manifest, fields, dayfirst, published=published),
        assertions_only=True,
    )
    _say_skipped(result)
    if out_path:
        write_assertions(
            result.assertions, out_path, frozenset(Path(p).resolve() for p in result.inputs), excel=excel
        )
    else:
        click.echo(assertions_csv(result.assertions), nl=False)


@main.command()
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@_errors_to_exit_codes
def init(folder: Path) -> None:
    """Copy the default rules into FOLDER/rules (default: the current folder) for a desk to edit.

    factcheck then uses them when run from FOLDER, or anywhere with --rules FOLDER/rules."""
    from factcheck.settings import copy_default_rules

    target = copy_default_rules(folder)
    click.echo(
        f"wrote {target}: edit it, then run factcheck run --rules {target} (or factcheck run in {folder})"
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@_input_options
@_errors_to_exit_codes
def suggest(paths, lang, include, exclude, manifest, dayfirst, published, fields) -> None:
    """Print the YAML that would adopt the metrics and subjects discovered in PATHS into rules/."""
    from factcheck.api import check
    from factcheck.resolve.suggest import suggest_yaml

    result = check(
        paths,
        settings=_settings(lang, include, exclude, manifest, fields, dayfirst, published=published),
        assertions_only=True,
    )
    _say_skipped(result)
    click.echo(suggest_yaml(result.assertions), nl=False)


@main.group()
def rules() -> None:
    """Inspect and validate rule folders."""


@rules.command("list")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Rules folder (default: the bundled rules/).",
)
@_errors_to_exit_codes
def rules_list(rules_dir: Path | None) -> None:
    """List the rule catalogue: code, name, kind and what each rule flags."""
    from factcheck.engine import load_rules
    from factcheck.settings import default_rules_dir

    for rule in load_rules(_rules_folder(rules_dir) or default_rules_dir()):
        click.echo(f"{rule.code}  {rule.name:<22} {rule.kind:<13} {rule.summary}")


@rules.command("check")
@click.argument("rules_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@_errors_to_exit_codes
def rules_check(rules_dir: Path | None) -> None:
    """Validate a rules folder (default: the bundled rules/) and run every rule's example cases."""
    from factcheck.engine import load_rules
    from factcheck.engine.cases import check_case
    from factcheck.errors import Problem, RuleFileError
    from factcheck.quantities.lexicon import available_languages, load_lexicon
    from factcheck.resolve import load_knowledge
    from factcheck.resolve.metric import family_collisions
    from factcheck.settings import default_rules_dir

    folder = _rules_folder(rules_dir) or default_rules_dir()
    kb = load_knowledge(folder)
    loaded = load_rules(folder)
    failures = [
        Problem(r.path, None, f"cases: {c['name']}", msg)
        for r in loaded
        for c in r.cases
        for msg in check_case(r, c)
    ]
    lexicons = [load_lexicon(code) for code in available_languages()]
    failures += [
        Problem(str(folder / "concepts"), None, "distinct", msg) for msg in family_collisions(kb, lexicons)
    ]
    if failures:
        raise RuleFileError(failures)
    click.echo(
        f"{folder}: {len(loaded)} rules, {sum(len(r.cases) for r in loaded)} cases, {len(kb.concepts)} concepts, "
        f"{len(kb.distinct)} families kept apart, all valid"
    )


_DB = click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The store file (made by factcheck run PATHS --db FILE).",
)


@main.command()
@click.argument("conflict_id")
@_DB
@click.option(
    "--status", required=True, type=click.Choice(["confirmed", "dismissed", "open"]), help="The decision."
)
@click.option("--note", help="Why (kept with the decision, shown in reports and exports).")
@click.option("--by", "by", help="Who decided.")
@_errors_to_exit_codes
def triage(conflict_id: str, db_path: Path, status: str, note: str | None, by: str | None) -> None:
    """Record a decision on CONFLICT_ID in the store: confirmed, dismissed (left out of reports until
    its evidence changes) or open again."""
    from factcheck.store.triage import triage as decide

    evidence = decide(db_path, conflict_id, status, note, by)
    click.echo(f"{conflict_id}: {status}" + (f" ({note})" if note else "") + f"  [evidence: {evidence}]")


@main.command()
@click.argument("conflict_id")
@_DB
@_errors_to_exit_codes
def history(conflict_id: str, db_path: Path) -> None:
    """Show the decisions on CONFLICT_ID and what each run found of it, oldest first."""
    from factcheck.store.triage import history as lines

    for line in lines(db_path, conflict_id):
        click.echo(line)


@main.command()
@_DB
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["rich", "plain", "json"]),
    help="Table style, or json (default: rich on a terminal).",
)
@_errors_to_exit_codes
def sources(db_path: Path, fmt: str | None) -> None:
    """How far each source in the store can be trusted: its reliability (truth discovery, see
    factcheck/sources.py), the figures behind it, and how many agree with the other sources."""
    import json

    from factcheck.sources import ALPHA, BETA, MIN_COMPARED, source_reliability
    from factcheck.store.triage import stored_assertions

    found = source_reliability(stored_assertions(db_path))
    rows = found.sources.to_dict("records")
    if fmt == "json":
        doc = {
            "method": "truth discovery (TruthFinder/CRH manner), leave-one-out, Beta prior",
            "parameters": {
                "alpha": ALPHA,
                "beta": BETA,
                "min_compared": MIN_COMPARED,
                "rounds": found.rounds,
            },
            "sources": [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()} for r in rows],
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
        return
    from rich import box
    from rich.table import Table

    table = Table(
        title="Sources: how often their figures agree with the others'",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for col in ("source", "reliability", "figures", "compared", "agree", "disagree"):
        table.add_column(col, justify="left" if col == "source" else "right")
    for r in rows:
        table.add_row(
            str(r["source"]),
            f"{r['reliability']:.2f}" if r["judged"] else f"({r['reliability']:.2f}, too few figures)",
            str(r["figures"]),
            str(r["compared"]),
            str(r["agreements"]),
            str(r["disagreements"]),
        )
    _console(fmt).print(table)
