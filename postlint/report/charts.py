"""Bar charts and the fundraising gauge, as HTML and inline SVG with their numbers written out.

A bar chart is a table (a row header, a bar, the count and the share), so that a screen reader,
a printer and a reader who can't tell colours apart all get the numbers.
"""

from __future__ import annotations

from html import escape

from postlint.report import messages


def bar_table(bars, total: int, caption: str, lang: str) -> str:
    """A horizontal bar chart of `bars` (data.Bar), shares taken of `total` drafts."""
    if not bars:
        return f'<p class="muted">{escape(messages.text("nothing_yet", lang))}</p>'
    top = max(bar.count for bar in bars) or 1
    head = (
        f'<thead><tr><th scope="col">{escape(messages.text("column_label", lang))}</th>'
        f'<th scope="col" class="bar-col"><span class="visually-hidden">'
        f"{escape(messages.text('column_count', lang))}</span></th>"
        f'<th scope="col" class="num">{escape(messages.text("column_count", lang))}</th>'
        f'<th scope="col" class="num">{escape(messages.text("column_share", lang))}</th></tr></thead>'
    )
    rows = []
    for bar in bars:
        width = 100 * bar.count / top
        share = messages.percent(bar.count / total, lang) if total else ""
        kind = " none" if not bar.key else ""
        rows.append(
            f'<tr class="bar-row{kind}"><th scope="row">{escape(bar.label)}</th>'
            f'<td class="bar-col"><span class="bar" style="width:{width:.1f}%"></span></td>'
            f'<td class="num">{bar.count}</td><td class="num muted">{escape(share)}</td></tr>'
        )
    body = "".join(rows)
    return f'<table class="bars"><caption>{escape(caption)}</caption>{head}<tbody>{body}</tbody></table>'


def gauge(share: float, limit: float, lang: str) -> str:
    """A horizontal gauge: the share of fundraising drafts, with a mark at the acceptable share."""
    width, height, top, bar = 600, 58, 22, 22
    filled = max(0.0, min(share, 1.0)) * width
    mark = max(0.0, min(limit, 1.0)) * width
    state = "over" if share > limit + 1e-9 else "within"
    label = messages.text(
        "fundraising_gauge", lang, share=messages.percent(share, lang), limit=messages.percent(limit, lang)
    )
    marker = messages.text("fundraising_marker", lang, limit=messages.percent(limit, lang))
    anchor = "end" if limit > 0.75 else "start"
    shift = -4 if anchor == "end" else 4
    return (
        f'<svg class="gauge" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
        f'<rect class="gauge-track" x="0" y="{top}" width="{width}" height="{bar}" rx="4"/>'
        f'<rect class="gauge-fill {state}" x="0" y="{top}" width="{filled:.1f}" height="{bar}" rx="4"/>'
        f'<line class="gauge-mark" x1="{mark:.1f}" x2="{mark:.1f}" y1="{top - 6}" y2="{top + bar + 6}"/>'
        f'<text class="gauge-label" x="{mark + shift:.1f}" y="{top - 9}" text-anchor="{anchor}">'
        f"{escape(marker)}</text>"
        f"</svg>"
    )
