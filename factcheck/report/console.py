"""The terminal report: summary, conflicts with both quotes side by side, trends, consensus, unmapped figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.engine.explain import Names, day, format_value
from factcheck.report.rtl import display, display_lines, has_rtl

if TYPE_CHECKING:
    from factcheck.result import Result

SEVERITY_STYLE = {"high": "bold red", "medium": "bold yellow", "low": "cyan"}
UNMAPPED_SHOWN = 10
CONSENSUS_SHOWN = 30


def _quote(quote: str, number_text: str, width: int | None = None) -> Text:
    """The article's sentence, verbatim, with the number highlighted; with ``width``, right-to-left
    text is wrapped and put in display order for terminals that do not do it themselves."""
    if width is not None and has_rtl(quote):
        lines = display_lines(quote, width)
        text = Text("\n".join(lines), justify="right", no_wrap=True)
        shown = display(number_text) if number_text else ""
        at = text.plain.find(shown) if shown else -1
    else:
        text = Text(quote)
        shown, at = number_text, quote.find(number_text) if number_text else -1
    if at >= 0:
        text.stylize("bold reverse", at, at + len(shown))
    return text


def _paragraph(text: str, width: int | None) -> Text:
    """A line of ours that may hold right-to-left names (an Arabic claimant), in display order."""
    if width is None or not has_rtl(text):
        return Text(text)
    return Text("\n".join(display_lines(text, width)), no_wrap=True)


def _side(row, side: str, width: int | None = None) -> Group:
    head = Text(f"{row[f'{side}_doc']}  ·  {row[f'{side}_lang']}  ·  {row[f'{side}_date']}", style="dim")
    said = row[f"{side}_attribution"]
    value = Text(
        format_value(row[f"{side}_value"], row[f"{side}_unit"], row[f"{side}_qualifier"]), style="bold"
    )
    if isinstance(said, str) and said:
        value.append(f"  (according to {said if width is None else display(said)})", style="italic")
    return Group(head, _quote(str(row[f"{side}_quote"]), str(row[f"{side}_number_text"]), width), value)


def _conflict(
    row, assertions, width: int | None = None, names: Names | None = None, room: int = 120
) -> Panel:
    """One conflict; ``width`` (the console's, when right-to-left text must be laid out by us);
    ``room``: the console's width, so that the title is never cut (what does not fit goes below it)."""
    half = None if width is None else max(20, (width - 8) // 2 - 2)
    table = Table(box=box.SIMPLE, expand=True, show_header=False, padding=(0, 1))
    table.add_column(ratio=1)
    table.add_column(ratio=1)
    table.add_row(_side(row, "a", half), _side(row, "b", half))
    style = SEVERITY_STYLE.get(row["severity"], "")
    names = names or Names({}, {})
    severity = (f" {row['severity'].upper()} ", f"reverse {style}")
    rule = f"  {row['rule_id']} {row['rule']}"
    about = f"  ·  {names.entity(row['entity'])}  ·  {names.metric(row['metric'])}"
    cid = f"  ·  {row['conflict_id']}"
    fits = lambda *parts: cell_len("".join(p if isinstance(p, str) else p[0] for p in parts)) + 6 <= room  # noqa: E731
    if fits(severity, rule, about, cid):
        title, head = Text.assemble(severity, rule + about + cid), None
    elif fits(severity, rule, about):
        title, head = Text.assemble(severity, rule + about), Text(f"conflict {row['conflict_id']}")
    else:  # a narrow box: what the title cannot hold goes on lines of its own, ids whole
        title, head = Text.assemble(severity, rule), Text(about[5:] + cid)
    parts = [table] if head is None else [head, table]
    others = [i for i in str(row["other_assertion_ids"] or "").split() if i]
    if others and row["kind"] == "identity":
        for _, o in assertions[assertions["assertion_id"].isin(others)].iterrows():
            parts.append(
                Text.assemble(
                    ("also: ", "dim"),
                    _quote(o["sentence"], o["number_text"], None if width is None else width - 12),
                )
            )
    elif others:
        parts.append(Text(f"said again in {len(others)} other assertion(s): {' '.join(others)}", style="dim"))
    parts.append(_paragraph(str(row["explanation"]), None if width is None else width - 4))
    if "status" in row and row["status"] != "open":  # triaged (runs over a store)
        note = f": {row['note']}" if isinstance(row.get("note"), str) and row["note"] else ""
        parts.append(Text(f"status: {row['status']}{note}", style="bold"))
    return Panel(Group(*parts), title=title, title_align="left", border_style=style or "none")


def _fitted(title: str, headers: list[str], rows: list[list], width: int):
    """A table whose columns are never narrower than their longest word (an id, a date, a number is
    never cut); where even that does not fit in ``width``, each row as a paragraph of its own."""
    cells = [[c if isinstance(c, Text) else Text(str(c)) for c in row] for row in rows]
    columns = (
        list(zip(*([Text(h) for h in headers], *cells), strict=True))
        if cells
        else [[Text(h)] for h in headers]
    )
    words = [max((cell_len(w) for c in col for w in c.plain.split()), default=1) for col in columns]
    lines = [max((cell_len(line) for c in col for line in c.plain.split("\n")), default=1) for col in columns]
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    room = width - 2 * len(headers) - (len(headers) + 1)  # padding, and the edges and separators
    if sum(words) > room:
        out = [Text(title, style="italic")]
        for row in cells:
            line = Text()
            for h, c in zip(headers, row, strict=True):
                if c.plain:
                    line.append(f"{h}: " if h else "", style="dim")
                    line.append_text(c)
                    line.append("   ")
            out.append(line)
        return Group(*out, Text(""))
    spare, wants = room - sum(words), [b - a for a, b in zip(words, lines, strict=True)]
    widths = list(words)
    for k, i in enumerate(sorted(range(len(wants)), key=wants.__getitem__)):  # the least needy first
        given = min(wants[i], spare // (len(wants) - k))
        widths[i], spare = widths[i] + given, spare - given
    for header, w in zip(headers, widths, strict=True):
        table.add_column(header, width=w)
    for row in cells:
        table.add_row(*row)
    return table


def _consensus(result: Result, console: Console, names: Names) -> None:
    """The values of each entity and metric that more than one value or source speaks to, with the
    number of independent sources behind each; ✓ marks the value most of them back (and, in a run
    over a store, the value the most reliable back, said when it is not the majority's)."""
    c = result.consensus
    if c.empty:
        return
    sizes = c.groupby(["entity", "metric"])["sources"].transform("size")
    shown = c[(sizes > 1) | (c["sources"] > 1)].head(CONSENSUS_SHOWN)
    if shown.empty:
        return
    rows = []
    weighted = "weighted_consensus" in shown  # a run over a store: sources weighed by their reliability
    for _, r in shown.iterrows():
        dates = (
            day(r["first_date"])
            if r["first_date"] == r["last_date"]
            else f"{day(r['first_date'])} to {day(r['last_date'])}"
        )
        rows.append(
            [
                names.entity(r["entity"]),
                names.metric(r["metric"]),
                format_value(r["value"], r["unit"]),
                str(r["sources"]),
                dates,
                "✓" if r["consensus"] else "",
                *(
                    [
                        ("✓" if r["weighted_consensus"] else "")
                        + (" ≠ majority" if r["differs_from_majority"] and r["weighted_consensus"] else "")
                    ]
                    if weighted
                    else []
                ),
            ]
        )
    console.print(
        _fitted(
            "Consensus: each value and the independent sources behind it",
            ["entity", "metric", "value", "sources", "dates", ""] + (["weighted"] if weighted else []),
            rows,
            console.width,
        )
    )


def render(result: Result, console: Console, *, rtl: bool = False) -> None:
    """Print the whole report of ``result`` on ``console``; with ``rtl``, Arabic is shaped and put in
    display order (for terminals that do not lay out right-to-left text themselves)."""
    width = console.width if rtl else None
    s = result.summary
    _summary(s, console)
    names = Names.of(result.assertions)
    if result.conflicts.empty:
        why = f": {s['empty_because']}" if s.get("empty_because") else ""
        console.print(Text(f"No conflicts found{why}.", style="green"))
    for _, row in result.conflicts.iterrows():
        console.print(_conflict(row, result.assertions, width, names, console.width))
    if not result.trends.empty:
        _trends(result.trends, console, names)
    _consensus(result, console, names)
    _unmapped(result, console, rtl)


def _summary(s: dict, console: Console) -> None:
    """The panel of what was read and found, and the undated figures left out."""
    console.print(
        Panel(
            Text.assemble(
                (f"{s['documents']} documents", "bold"),
                f", {s['articles']} articles ({s['repeated_articles']} repeated)",
                f", {s['sources']} sources, languages: {s['languages'] or '-'}\n",
                (f"{s['assertions']} assertions", "bold"),
                f" ({s['mapped']} mapped to a metric) in {s['groups']} entity × metric groups\n",
                (f"{s['conflicts']} conflicts", "bold red" if s["conflicts"] else "bold green"),
                f", {s['trends']} trends, ",
                (f"{s['skipped']} inputs skipped", "yellow" if s["skipped"] else ""),
            ),
            title="factcheck",
            title_align="left",
        )
    )
    if s.get("undated"):
        console.print(
            Text(
                f"{s['undated']} {'figure is' if s['undated'] == 1 else 'figures are'} undated, so compared as if "
                "of the time of the others, one severity level lower: give --published DATE, a manifest with a "
                "published column, or a dateline atop each article.",
                style="yellow",
            )
        )


def _trends(trends, console: Console, names: Names) -> None:
    rows = []
    for _, t in trends.iterrows():
        change = f"{t['relative_change']:+.0%}" if t["relative_change"] == t["relative_change"] else ""
        rows.append(
            [
                names.entity(t["entity"]),
                names.metric(t["metric"]),
                f"{format_value(t['from_value'], t['unit'])}  ({day(t['from_date'])}, {t['from_doc']})",
                f"{format_value(t['to_value'], t['unit'])}  ({day(t['to_date'])}, {t['to_doc']})",
                change,
            ]
        )
    console.print(
        _fitted(
            "Trends: the same thing at different dates (not conflicts)",
            ["entity", "metric", "from", "to", "change"],
            rows,
            console.width,
        )
    )


def _unmapped(result: Result, console: Console, rtl: bool) -> None:
    unmapped = result.unmapped.head(UNMAPPED_SHOWN)
    if unmapped.empty:
        return
    shown = display if rtl else str
    rows = [
        [shown(str(u["head"])), str(u["lang"]), str(u["count"]), shown(str(u["example"]))]
        for _, u in unmapped.iterrows()
    ]
    console.print(
        _fitted(
            "Most frequent unmapped figures (add their words to rules/concepts/)",
            ["counts", "lang", "times", "example"],
            rows,
            console.width,
        )
    )
