"""The calendar heat map: how many posts each platform gets each day, against the guide's cadence.

One row per platform that has dated drafts, one cell per day from the first to the last planned
day. A cell's status compares its count with the platform's cadence in rules/platforms.yaml
(`min_per_day`, `max_per_day`): empty, under, within or over; a platform the guide gives no cadence
for shows its posts as planned. The SVG carries the count in each cell and a title per cell, and
the page adds a table of the same numbers, so that colour is never the only signal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from postlint.report import messages

MAX_DAYS = 366  # past a year, the later drafts are counted but not drawn
STATUSES = ("empty", "under", "within", "over", "planned")


@dataclass
class Row:
    """One platform's line of the calendar."""

    key: str
    name: str
    minimum: int | None
    maximum: int | None
    counts: list[int]
    statuses: list[str] = field(default_factory=list)

    def days(self, status: str) -> int:
        return self.statuses.count(status)


@dataclass
class Calendar:
    start: dt.date | None
    days: list[dt.date]
    rows: list[Row]
    dated: int  # drafts with a valid date
    undated: int
    clipped: int  # dated drafts past the last day drawn


def status(count: int, minimum: int | None, maximum: int | None) -> str:
    """A day's status for a platform whose guide cadence is `minimum`..`maximum` posts a day."""
    if count == 0:
        return "empty"
    if minimum is None and maximum is None:
        return "planned"
    if minimum is not None and count < minimum:
        return "under"
    if maximum is not None and count > maximum:
        return "over"
    return "within"


def build(facts) -> Calendar:
    """The calendar of the readable drafts among `facts`."""
    from postlint import platforms

    readable = [f for f in facts if f.readable]
    dated = [(f, f.day) for f in readable if f.day is not None]
    if not dated:
        return Calendar(None, [], [], 0, len(readable), 0)
    start = min(day for _, day in dated)
    end = min(max(day for _, day in dated), start + dt.timedelta(days=MAX_DAYS - 1))
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    order = {key: index for index, key in enumerate(platforms.known())}
    keys = sorted({p for f, _ in dated for p in f.platforms}, key=lambda k: (order.get(k, len(order)), k))
    rows = []
    for key in keys:
        cadence = platforms.facts(key, "cadence")
        row = Row(
            key,
            platforms.display_name(key),
            cadence.get("min_per_day"),
            cadence.get("max_per_day"),
            [0] * len(days),
        )
        rows.append(row)
    index = {row.key: row for row in rows}
    clipped = 0
    for fact, day in dated:
        if day > end:
            clipped += 1
            continue
        for key in fact.platforms:
            index[key].counts[(day - start).days] += 1
    for row in rows:
        row.statuses = [status(n, row.minimum, row.maximum) for n in row.counts]
    return Calendar(start, days, rows, len(dated), len(readable) - len(dated), clipped)


def cadence_text(row: Row, lang: str) -> str:
    """The guide's cadence for a row, in words."""
    low, high = row.minimum, row.maximum
    if low is None and high is None:
        return messages.text("cadence_unknown", lang)
    if high is None:
        return messages.text("cadence_at_least", lang, min=low)
    if low == high:
        return messages.text("cadence_exact", lang, min=low, n=low)
    return messages.text("cadence_range", lang, min=low or 0, max=high)


# --- drawing ------------------------------------------------------------------------------------

LABEL_WIDTH = 92
CELL, GAP = 16, 2
TOP = 34  # month and day numbers above the cells


def svg(calendar: Calendar, lang: str) -> str:
    """The heat map as an inline SVG element (empty string when no draft is dated)."""
    if not calendar.rows:
        return ""
    step = CELL + GAP
    width = LABEL_WIDTH + len(calendar.days) * step
    height = TOP + len(calendar.rows) * step
    title = escape(messages.text("calendar_figure", lang))
    parts = [
        f'<svg class="heatmap" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="heatmap-title">',
        f'<title id="heatmap-title">{title}</title>',
    ]
    names = messages.months(lang)
    for column, day in enumerate(calendar.days):
        x = LABEL_WIDTH + column * step
        weekend = day.weekday() >= 5
        if weekend:
            parts.append(
                f'<rect class="weekend" x="{x - 1}" y="{TOP - 14}" width="{CELL + 2}" '
                f'height="{height - TOP + 14}" rx="3"/>'
            )
        if column == 0 or day.day == 1:
            parts.append(f'<text class="month" x="{x}" y="10">{escape(names[day.month - 1])}</text>')
        parts.append(f'<text class="daynum" x="{x + CELL / 2}" y="{TOP - 4}">{day.day}</text>')
    for line, row in enumerate(calendar.rows):
        y = TOP + line * step
        parts.append(f'<text class="rowname" x="0" y="{y + CELL / 2 + 4}">{escape(row.name)}</text>')
        for column, (count, state) in enumerate(zip(row.counts, row.statuses, strict=False)):
            x = LABEL_WIDTH + column * step
            tip = messages.text(
                "calendar_cell",
                lang,
                platform=row.name,
                day=messages.day(calendar.days[column], lang),
                count=messages.text("calendar_row_count", lang, n=count),
                status=messages.text(f"status_{state}", lang),
            )
            parts.append(
                f'<g class="cell {state}"><title>{escape(tip)}</title>'
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3"/>'
            )
            if count:
                parts.append(f'<text x="{x + CELL / 2}" y="{y + CELL / 2 + 3.5}">{count}</text>')
            parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def legend_swatch(state: str) -> str:
    """A small square in a status's colour, for the legend."""
    return (
        f'<svg class="swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        f'<g class="cell {state}"><rect x="1" y="1" width="14" height="14" rx="3"/></g></svg>'
    )
