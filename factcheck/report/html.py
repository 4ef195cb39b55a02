"""The HTML report: one self-contained page (no network) with the summary, the conflicts with both quotes, the trends and a timeline chart (SVG) per entity and metric."""

from __future__ import annotations

import html
import io
import re
import textwrap
from typing import TYPE_CHECKING, Any

import pandas as pd

from factcheck.engine.explain import Names, day, format_value

if TYPE_CHECKING:
    from factcheck.result import Result

_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
CHARTS_SHOWN = 12  # entity x metric timelines, those with conflicts first
_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
.summary{background:#f5f5f5;padding:.6em 1em;border-radius:6px}
.conflict{border:1px solid #ccc;border-radius:6px;margin:1em 0;padding:.6em 1em}
.conflict h3{margin:.2em 0;font-size:1em}.high{border-left:6px solid #c0392b}.medium{border-left:6px solid #e67e22}.low{border-left:6px solid #f1c40f}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1em}.side{background:#fafafa;padding:.5em;border-radius:4px}
.meta{color:#666;font-size:.9em}.value{font-weight:bold}mark{background:#ffe58a}
blockquote{margin:.3em 0;padding:0}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #eee;text-align:start}
.status{margin:.3em 0}.status-confirmed b{color:#c0392b}.status-dismissed b,.status-reopened b{color:#666}
figure{margin:1.5em 0;padding-top:.6em;border-top:1px solid #eee}figcaption{font-weight:bold;margin-bottom:.3em}
figure svg{max-width:100%;height:auto}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and value != value) else str(value))


def _quote(sentence: str, number: str, lang: str) -> str:
    """The sentence, escaped, with its number highlighted; written right to left where the language is."""
    at = sentence.find(number) if number else -1
    body = (
        _e(sentence)
        if at < 0
        else _e(sentence[:at]) + "<mark>" + _e(number) + "</mark>" + _e(sentence[at + len(number) :])
    )
    return f'<blockquote lang="{_e(lang)}" dir="auto">{body}</blockquote>'


def _side(c: pd.Series, side: str) -> str:
    said = (
        f" · according to {_e(c[f'{side}_attribution'])}" if isinstance(c[f"{side}_attribution"], str) else ""
    )
    return (
        f'<div class="side"><div class="meta">{_e(c[f"{side}_doc"])} · {_e(c[f"{side}_lang"])} · {_e(c[f"{side}_date"])}{said}</div>'
        f"{_quote(c[f'{side}_quote'], c[f'{side}_number_text'], c[f'{side}_lang'])}"
        f'<div class="value">{_e(format_value(c[f"{side}_value"], c[f"{side}_unit"], c[f"{side}_qualifier"]))}</div></div>'
    )


def _status(c: pd.Series) -> str:
    """The triage status of a conflict and its note (runs over a store), or nothing."""
    if "status" not in c:
        return ""
    note = f" — {_e(c['note'])}" if isinstance(c.get("note"), str) and c["note"] else ""
    return f'<p class="status status-{_e(c["status"])}"><b>status: {_e(c["status"])}</b>{note}</p>'


def _conflict(c: pd.Series, names: Names) -> str:
    return (
        f'<section class="conflict {_e(c["severity"])}" id="{_e(c["conflict_id"])}">'
        f"<h3>{_e(c['severity'].upper())} · {_e(c['rule_id'])} {_e(c['rule'])} · {_e(names.entity(c['entity']))} · {_e(names.metric(c['metric']))}"
        f' <span class="meta">{_e(c["conflict_id"])}</span></h3>'
        f'<div class="sides">{_side(c, "a")}{_side(c, "b")}</div><p>{_e(c["explanation"])}</p>{_status(c)}'
        + (f'<p class="meta">Severity: {_e(c["severity_reason"])}.</p>' if c.get("severity_reason") else "")
        + "</section>"
    )


_AXIS_SCALES = ((1e12, " tn"), (1e9, " bn"), (1e6, " M"))
LEGEND_WRAP = 34  # characters: longer source names wrap onto more lines of the legend


def axis_labels(ticks: list[float], unit: str | None) -> list[str]:
    """Tick values as a reader writes them, all in one scale: "2.5 bn", "350 M", "7,500", "-54%";
    as many decimals as the step between ticks needs (never scientific notation, never an offset)."""
    if not ticks:
        return []
    if unit == "percent":
        scale, word, suffix = 1.0, "", "%"
    else:
        top = max(abs(t) for t in ticks)
        scale, word = next(((s, w) for s, w in _AXIS_SCALES if top >= s), (1.0, ""))
        suffix = ""
    scaled = [t / scale for t in ticks]
    decimals = next(  # as few decimals as write every tick exactly (2.5 bn, not 2 bn)
        (d for d in range(7) if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in scaled)), 6
    )
    return [f"{v:,.{decimals}f}{word if v else ''}{suffix}" if v else f"0{suffix}" for v in scaled]


def _formatter(unit: str | None):
    from matplotlib import ticker

    class Scaled(ticker.Formatter):
        ticks: list[float] = []  # noqa: RUF012  (set per axis by set_locs)

        def set_locs(self, locs) -> None:
            self.ticks = [float(t) for t in locs]

        def __call__(self, x: float, pos: int | None = None) -> str:
            return (
                axis_labels(self.ticks, unit)[self.ticks.index(x)]
                if x in self.ticks
                else axis_labels([x], unit)[0]
            )

    return Scaled()


def _days_shown(days: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis: the data's own span with a margin (a week either side of a single day), never
    stretched over years it does not cover."""
    first, last = days.min(), days.max()
    margin = max((last - first) * 0.06, pd.Timedelta(days=7 if first == last else 2))
    return first - margin, last + margin


def _timeline(points: pd.DataFrame, conflicting: set[str], unit: str | None) -> str:
    """Values by date, one colour per source (named in full in a legend below the chart, wrapped),
    the values in a conflict ringed in red: inline SVG, axes in the figure's own units and dates."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt

    with matplotlib.rc_context({"svg.hashsalt": "factcheck", "svg.fonttype": "none", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(7, 2.6))
        for n, (source, group) in enumerate(points.groupby("source", sort=True)):
            ax.scatter(
                group["period_start"],
                group["value"],
                label=textwrap.fill(str(source), LEGEND_WRAP),
                color=f"C{n % 10}",
                zorder=3,
            )
        marked = points[points["assertion_id"].isin(conflicting)]
        ax.scatter(
            marked["period_start"],
            marked["value"],
            s=160,
            facecolors="none",
            edgecolors="#c0392b",
            linewidths=1.5,
            zorder=4,
            label="in a conflict" if len(marked) else None,
        )
        ax.grid(alpha=0.3)
        ax.margins(y=0.18)  # the rings of the highest and lowest values stay inside the frame
        ax.yaxis.set_major_formatter(_formatter(unit))
        if unit and unit != "percent":
            ax.set_ylabel(unit)
        ax.set_xlim(*_days_shown(points["period_start"]))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
        _legend_below(fig, ax)
        out = io.StringIO()
        fig.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    svg = _METADATA.sub("", out.getvalue())  # no RDF block: nothing in the page names another site
    return svg[svg.index("<svg") :]  # inline: no XML prolog or doctype


def _legend_below(fig, ax) -> None:
    """The legend under the chart, in two columns when they fit within the chart's width, else one."""
    handles, labels = ax.get_legend_handles_labels()
    for columns in (min(2, len(labels)), 1):
        legend = ax.legend(
            fontsize=7,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.32),
            ncol=columns,
            frameon=False,
            handles=handles,
            labels=labels,
        )
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        if legend.get_window_extent(renderer).width <= ax.get_window_extent(renderer).width:
            return


def to_html(result: Result) -> str:
    """The whole report as one HTML page: no scripts, fonts or images from elsewhere; all article text escaped."""
    s = result.summary
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>factcheck report</title>',
        f"<style>{_CSS}</style></head><body>",
        "<h1>factcheck report</h1>",
        f'<p class="summary">{_e(s["documents"])} documents, {_e(s["articles"])} articles ({_e(s["repeated_articles"])} repeated), '
        f"{_e(s['sources'])} sources, languages: {_e(s['languages'] or '-')}<br>{_e(s['assertions'])} assertions ({_e(s['mapped'])} mapped) in "
        f"{_e(s['groups'])} entity × metric groups<br><b>{_e(s['conflicts'])} conflicts</b>, {_e(s['trends'])} trends, {_e(s['skipped'])} inputs skipped</p>",
        "<h2>Conflicts</h2>",
    ]
    names = Names.of(result.assertions)
    parts += [_conflict(c, names) for _, c in result.conflicts.iterrows()] or ["<p>No conflicts found.</p>"]
    if not result.trends.empty:
        parts.append(
            "<h2>Trends: the same thing at different dates (not conflicts)</h2><table><tr><th>entity</th><th>metric</th><th>from</th><th>to</th><th>change</th></tr>"
        )
        for _, t in result.trends.iterrows():
            change = f"{t['relative_change']:+.0%}" if t["relative_change"] == t["relative_change"] else ""
            parts.append(
                f"<tr><td>{_e(names.entity(t['entity']))}</td><td>{_e(names.metric(t['metric']))}</td>"
                f"<td>{_e(format_value(t['from_value'], t['unit']))} ({_e(day(t['from_date']))}, {_e(t['from_doc'])})</td>"
                f"<td>{_e(format_value(t['to_value'], t['unit']))} ({_e(day(t['to_date']))}, {_e(t['to_doc'])})</td><td>{_e(change)}</td></tr>"
            )
        parts.append("</table>")
    parts += _charts(result, names)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _charts(result: Result, names: Names) -> list[str]:
    a = result.assertions
    a = a[(a["metric"] != "unmapped") & a["entity"].notna() & a["value"].notna() & ~a["is_repeat"]].copy()
    a["period_start"] = a["period_start"].fillna(a["period_end"])
    a = a[a["period_start"].notna()]
    conflicting = (
        set(result.conflicts["a_assertion_id"]) | set(result.conflicts["b_assertion_id"])
        if not result.conflicts.empty
        else set()
    )
    groups = []
    for (entity, metric, unit), g in a.groupby(["entity", "metric", a["unit"].fillna("")], sort=True):
        if len(g) > 1:
            groups.append((not g["assertion_id"].isin(conflicting).any(), entity, metric, unit, g))
    groups.sort(key=lambda x: x[:4])
    out = ["<h2>Timelines: each value by the date it is about</h2>"] if groups else []
    for _, entity, metric, unit, g in groups[:CHARTS_SHOWN]:
        title = f"{names.entity(entity)} · {names.metric(metric)}" + (f" ({unit})" if unit else "")
        first, last = day(g["period_start"].min()), day(g["period_start"].max())
        dates = first if first == last else f"{first} to {last}"
        out.append(
            f"<figure><figcaption>{_e(title)}, {_e(dates)}</figcaption>"
            f"{_timeline(g, conflicting, unit or None)}</figure>"
        )
    return out
