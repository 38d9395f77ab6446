"""Charts drawn on the server as inline SVG (no JavaScript; the CSP forbids inline scripts and styles).

    bar_chart(chart_id, title, description, items) -> Markup
    stacked_bar(chart_id, title, description, items) -> Markup

`items` are (label, value, value_text) triples. Every chart is an image with an accessible name
(role="img", aria-labelledby its <title> and <desc>); the labels and figures are written on it, and
the page puts the same figures in a table next to it. Colours are presentation attributes with a
contrast of at least 4.5:1 against white for the text and 3:1 for the bars.
"""
import textwrap

from flask_babel import get_locale
from markupsafe import Markup, escape

WIDTH = 400
LABEL_SIZE = 14
ROW = 46  # a label line above a bar
LINE = 17  # each further line of a long label
BAR = 18
# Characters of a label line that fit in WIDTH at LABEL_SIZE (about 0.55 em a character, with a margin):
# longer labels wrap on several lines instead of being cut at the edge of the image.
LABEL_CHARS = 46
# Dark enough against white (bars >= 3:1, text on them white >= 4.5:1).
PALETTE = ("#1f4e9c", "#a1331d", "#1b6b3a", "#6a3d9a", "#8a5a00", "#005f73", "#7a2e4d", "#3b3b3b")
TEXT = "#1a1a1a"


def _open(chart_id: str, title: str, description: str, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" id="{escape(chart_id)}" '
            f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
            f'font-family="system-ui, sans-serif" font-size="{LABEL_SIZE}">'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
            f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>')


def bar_chart(chart_id: str, title: str, description: str, items: list[tuple[str, float, str]],
              *, maximum: float | None = None) -> Markup:
    """Horizontal bars, one per item, its label above it and its figure at its end."""
    top = max([maximum or 0] + [value for _label, value, _text in items]) or 1
    labels = [_lines(label) for label, _value, _text in items]
    height = sum(ROW + LINE * (len(lines) - 1) for lines in labels) + 4 if items else ROW + 4
    parts = [_open(chart_id, title, description, height)]
    usable = WIDTH - 110  # room for the figure after the longest bar
    y = 0
    for i, ((_label, value, text), lines) in enumerate(zip(items, labels)):
        width = round(usable * value / top, 1) if value else 0
        colour = PALETTE[i % len(PALETTE)]
        parts.append(_label_text(lines, y + 16))
        y += LINE * (len(lines) - 1)
        parts.append(f'<rect x="0" y="{y + 22}" width="{max(width, 2)}" height="{BAR}" fill="{colour}" rx="2"/>')
        parts.append(f'<text x="{width + 6}" y="{y + 36}" fill="{TEXT}" font-weight="bold">{escape(text)}</text>')
        y += ROW
    parts.append("</svg>")
    return Markup("".join(parts))


def _lines(label: str) -> list[str]:
    """The label cut into lines that fit the chart's width (at word boundaries when it can)."""
    return textwrap.wrap(str(label), LABEL_CHARS, break_on_hyphens=False) or [""]


def _label_text(lines: list[str], y: int) -> str:
    if len(lines) == 1:
        return f'<text x="0" y="{y}" fill="{TEXT}">{escape(lines[0])}</text>'
    spans = "".join(f'<tspan x="0" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>' for n, line in enumerate(lines))
    return f'<text x="0" y="{y}" fill="{TEXT}">{spans}</text>'


def stacked_bar(chart_id: str, title: str, description: str, items: list[tuple[str, float, str]]) -> Markup:
    """One bar split in parts proportional to the values, with a legend (swatch, label, figure) below."""
    total = sum(value for _label, value, _text in items) or 1
    height = 40 + 26 * len(items)
    parts = [_open(chart_id, title, description, height)]
    x = 0.0
    for i, (_label, value, _text) in enumerate(items):
        width = WIDTH * value / total
        if width:
            parts.append(f'<rect x="{round(x, 1)}" y="0" width="{round(width, 1)}" height="28" '
                         f'fill="{PALETTE[i % len(PALETTE)]}" stroke="#ffffff" stroke-width="1"/>')
        x += width
    for i, (label, _value, text) in enumerate(items):
        y = 40 + 26 * i
        parts.append(f'<rect x="0" y="{y}" width="16" height="16" fill="{PALETTE[i % len(PALETTE)]}"/>')
        parts.append(f'<text x="24" y="{y + 13}" fill="{TEXT}">{escape(label)}{_colon()}'
                     f'<tspan font-weight="bold">{escape(text)}</tspan></text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _colon() -> str:
    """The colon before a figure: French puts a space before it, English does not."""
    return " : " if str(get_locale() or "fr").startswith("fr") else ": "
