"""The HTML report's charts: axes in the figure's own units (no scientific notation), time axes sized
to the data, each caption above its own chart, legends no wider than their chart (measured in
headless Chromium, which also renders the page to PNG)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest

from factcheck.report.html import axis_labels

SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE][+-]?\d|×\s*10|10\^")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _figures(text: str) -> list[tuple[str, str]]:
    """(caption, svg) of each chart, checking that each figure holds one caption, then one chart."""
    figures = re.findall(r"<figure>(.*?)</figure>", text, re.DOTALL)
    out = []
    for fig in figures:
        assert fig.count("<figcaption>") == 1 and fig.count("<svg") == 1
        assert fig.index("<figcaption>") < fig.index("<svg"), "the caption heads its own chart"
        out.append((re.search(r"<figcaption>(.*?)</figcaption>", fig).group(1), fig[fig.index("<svg") :]))
    return out


def _texts(svg: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.DOTALL)
    ]


def test_no_axis_label_is_in_scientific_notation_and_large_values_have_scale_words(page):
    _, text = page
    figures = _figures(text)
    assert len(figures) >= 5
    every = [t for _, svg in figures for t in _texts(svg)]
    assert every, "svg.fonttype none: the chart's words are text"
    assert not [t for t in every if SCIENTIFIC.search(t)]
    by_caption = {caption: _texts(svg) for caption, svg in figures}
    price = next(v for k, v in by_caption.items() if "acquisition price" in k)
    assert any(t.endswith(" bn") for t in price) and "USD" in price
    users = next(v for k, v in by_caption.items() if k.startswith("Twitter · users"))
    assert any(t.endswith(" M") for t in users)
    share = next(v for k, v in by_caption.items() if "fake account share" in k)
    assert any(t.endswith("%") for t in share)


def test_time_axes_are_sized_to_the_data(page):
    _, text = page
    for caption, svg in _figures(text):
        days = [dt.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", caption)]
        first, last = min(days), max(days)
        ticks = [dt.date.fromisoformat(t) for t in _texts(svg) if DAY.match(t)]
        assert len(ticks) >= 2, caption
        slack = max((last - first) * 0.2, dt.timedelta(days=10))
        assert first - slack <= min(ticks) and max(ticks) <= last + slack, (caption, ticks)
    single = next(svg for caption, svg in _figures(text) if "fake account share" in caption)
    assert {t[:7] for t in _texts(single) if DAY.match(t)} <= {"2022-10", "2022-11"}  # one day, not years


@pytest.mark.parametrize(
    "ticks, unit, written",
    [
        ([4.2e10, 4.4e10, 4.6e10], "USD", ["42 bn", "44 bn", "46 bn"]),
        ([0, 2.5e9, 5e9], None, ["0", "2.5 bn", "5.0 bn"]),
        ([2.5e8, 3e8, 3.5e8], None, ["250 M", "300 M", "350 M"]),
        ([2000, 4000, 8000], None, ["2,000", "4,000", "8,000"]),
        ([-60, -57.5, -55], "percent", ["-60.0%", "-57.5%", "-55.0%"]),
        ([0, 0.25, 0.5], None, ["0", "0.25", "0.50"]),
    ],
)
def test_axis_labels_are_written_as_a_reader_writes_them(ticks, unit, written):
    assert axis_labels(ticks, unit) == written


_MEASURE = """<script>
const found = [...document.querySelectorAll("figure")].map((figure) => {
  const svg = figure.querySelector("svg"), caption = figure.querySelector("figcaption");
  const axes = svg.querySelector('g[id^="axes"] > g[id^="patch"]');
  const legend = svg.querySelector('g[id^="legend"]');
  const box = (el) => el.getBoundingClientRect();
  return {
    caption: caption.textContent,
    axes: axes.getBBox().width,
    legend: legend ? legend.getBBox().width : 0,
    captionBottom: box(caption).bottom, svgTop: box(svg).top,
    figureTop: box(figure).top, figureBottom: box(figure).bottom, svgBottom: box(svg).bottom,
  };
});
const out = document.createElement("pre");
out.id = "measured";
out.textContent = JSON.stringify(found);
document.body.appendChild(out);
</script>"""


def _browser() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("Chromium is not installed here; the charts were not rendered in a browser")
    return browser


def _chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_browser(), "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_chromium_renders_the_page_and_legends_fit_their_charts(page, tmp_path):
    path, text = page
    png = tmp_path / "report.png"
    shot = _chromium("--window-size=1100,6000", f"--screenshot={png}", path.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    head = png.read_bytes()[:24]
    assert head.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert (width, height) == (1100, 6000)
    measured = tmp_path / "measured.html"  # a copy with a measuring script: the report itself runs none
    measured.write_text(text.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    dom = _chromium("--window-size=1100,6000", "--dump-dom", measured.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = json.loads(re.search(r'<pre id="measured">(.*?)</pre>', dom.stdout, re.DOTALL).group(1))
    assert len(found) == len(_figures(text))
    for chart in found:
        assert chart["axes"] > 100, chart
        assert 0 < chart["legend"] <= chart["axes"], chart  # no legend wider than its chart
        assert chart["figureTop"] <= chart["captionBottom"] <= chart["svgTop"] + 1, chart  # caption above
        assert chart["svgBottom"] <= chart["figureBottom"] + 1, chart  # the chart inside its own figure
