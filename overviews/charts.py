"""Server-rendered SVG charts: a horizontal bar chart (optionally grouped) and a monthly column chart.

Each chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>``, with every value
written as text next to its bar, so nothing depends on colour alone. Colours are SVG presentation
attributes, not style attributes, so the page's Content-Security-Policy (no inline styles) holds. The
numbers behind every chart are also on the page as a table and downloadable as CSV. Hidden counts
(see ``suppression.py``) get no bar and show their text ("<3", "skjult").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .suppression import Cell

INK = "#1b1b1b"
AXIS = "#5a6470"
# Bar colours with at least 4.5:1 contrast against white (WCAG 1.4.11 needs 3:1 for graphics).
SERIES_COLOURS = ("#0b4f8a", "#a14a00", "#14612d")
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Series:
    name: str
    cells: list[Cell]


def _short(label: str, limit: int = 38) -> str:
    """Long labels are shortened in the chart; the table next to it has them in full."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" role="img" '
        f'aria-labelledby="{chart_id}-tittel {chart_id}-beskrivelse" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" {FONT}>'
        f'<title id="{chart_id}-tittel">{escape(title)}</title>'
        f'<desc id="{chart_id}-beskrivelse">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _legend(series: list[Series], x: int, y: int) -> list[str]:
    parts = []
    for n, item in enumerate(series):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 11}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{y}" fill="{INK}">{escape(item.name)}</text>')
        x += 30 + 8 * len(item.name)
    return parts


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    width: int = 760,
    label_width: int = 300,
) -> SafeString:
    """Horizontal bars, one group per label and one bar per series in the group."""
    bar, gap = 18, 12
    legend_height = 28 if len(series) > 1 else 0
    group_height = bar * len(series) + gap
    height = legend_height + group_height * len(labels) + 8
    peak = max((c.number or 0 for s in series for c in s.cells), default=0) or 1
    span = width - label_width - 70
    body = _legend(series, label_width, 16) if legend_height else []
    for row, label in enumerate(labels):
        top = legend_height + row * group_height
        middle = top + bar * len(series) / 2 + 4
        body.append(
            f'<text x="{label_width - 8}" y="{middle:.0f}" text-anchor="end" fill="{INK}">{escape(_short(label))}</text>'
        )
        for n, item in enumerate(series):
            cell = item.cells[row]
            length = round(span * (cell.number or 0) / peak)
            y = top + n * bar
            colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
            if length:
                body.append(
                    f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar - 3}" fill="{colour}"/>'
                )
            text = f"{item.name}: {cell}" if len(series) > 1 else str(cell)
            body.append(
                f'<text x="{label_width + length + 6}" y="{y + bar - 6}" fill="{INK}">{escape(text)}</text>'
            )
    body.append(
        f'<line x1="{label_width}" y1="{legend_height}" x2="{label_width}" y2="{height - 8}" stroke="{AXIS}"/>'
    )
    return _svg(chart_id, title, description, width, height, body)


def column_chart(
    *, chart_id: str, title: str, description: str, labels: list[str], cells: list[Cell], width: int = 720
) -> SafeString:
    """Vertical columns, one per label (months), with the value above each column."""
    height, base, top = 240, 200, 24
    slot = (width - 20) / max(len(labels), 1)
    peak = max((c.number or 0 for c in cells), default=0) or 1
    body = [f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{AXIS}"/>']
    for n, (label, cell) in enumerate(zip(labels, cells, strict=True)):
        x = 10 + n * slot
        column = (base - top) * (cell.number or 0) / peak
        centre = x + slot / 2
        if column:
            body.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{base - column:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{column:.1f}" fill="{SERIES_COLOURS[0]}"/>'
            )
        body.append(
            f'<text x="{centre:.1f}" y="{base - column - 6:.1f}" text-anchor="middle" fill="{INK}">{escape(str(cell))}</text>'
        )
        body.append(
            f'<text x="{centre:.1f}" y="{base + 20}" text-anchor="middle" fill="{INK}">{escape(label)}</text>'
        )
    return _svg(chart_id, title, description, width, height, body)
