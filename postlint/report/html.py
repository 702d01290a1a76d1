"""The HTML report: one self-contained page (inline style, inline SVG, a few lines of script).

Every text that comes from a draft, a strategy file or a message is escaped. The page has a
`lang` attribute, real table headers, and numbers written beside every colour.
"""

from __future__ import annotations

import os
from html import escape

from postlint import __version__
from postlint.findings import SEVERITIES
from postlint.report import assets, calendar, charts, data, messages

ORDER = tuple(reversed(SEVERITIES))  # error, warning, info
SECTIONS = (
    "summary",
    "platforms",
    "personas",
    "objectives",
    "languages",
    "fundraising",
    "calendar",
    "findings",
)


def render(report, lang: str | None = None) -> str:
    """The whole page for an engine Report checked with facts."""
    view = data.overview(report, lang)
    return page(view)


def page(view: data.Overview) -> str:
    lang = view.lang
    t = _words(lang)
    organization = view.organization or messages.text("no_organization", lang)
    title = messages.text("title_for", lang, organization=organization)
    toc_keys = {
        "summary": "summary",
        "platforms": "by_platform",
        "personas": "by_persona",
        "objectives": "by_objective",
        "languages": "by_language",
        "fundraising": "fundraising",
        "calendar": "calendar",
        "findings": "findings",
    }
    toc = "".join(f'<li><a href="#{key}">{t(word)}</a></li>' for key, word in toc_keys.items())
    body = [
        _summary(view),
        '<div class="grid">',
        _distribution("platforms", "by_platform", view.platforms, view, True),
        _distribution("personas", "by_persona", view.personas, view, True),
        _distribution("objectives", "by_objective", view.objectives, view, False),
        _distribution("languages", "by_language", view.languages, view, False),
        "</div>",
        _fundraising(view),
        _calendar(view),
        _findings(view),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="postlint {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{assets.CSS}</style>\n</head>\n<body>\n"
        f'<header class="top"><div class="wrap"><h1>{escape(title)}</h1>'
        f"<p>{t('intro')}</p></div></header>\n"
        f'<nav class="toc" aria-label="{t("nav")}"><ul>{toc}</ul></nav>\n'
        f'<main class="wrap">\n{"".join(body)}\n</main>\n'
        f'<footer class="wrap">{escape(messages.text("footer", lang, version=__version__))}</footer>\n'
        f"<script>{assets.JS}</script>\n</body>\n</html>\n"
    )


def _open(key: str, heading: str) -> str:
    """The start of a section: its id (the table of contents links to it) and its heading."""
    return f'<section id="{key}" aria-labelledby="{key}-h"><h2 id="{key}-h">{heading}</h2>'


def _words(lang: str):
    """A shorthand: the escaped text of a message key."""
    return lambda key, **fields: escape(messages.text(key, lang, **fields))


def _shown(path: str) -> str:
    """A strategy file's path, relative to the current folder when that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return relative if len(relative) < len(path) else path


def _summary(view: data.Overview) -> str:
    lang = view.lang
    t = _words(lang)
    cards = [
        f'<div class="card"><span class="n">{view.drafts}</span>'
        f'<span class="what">{t("drafts_label", n=view.drafts)}</span></div>'
    ]
    for severity in ORDER:
        n = view.severities.get(severity, 0)
        cards.append(
            f'<div class="card {severity}"><span class="n">{n}</span>'
            f'<span class="what">{t("severity_" + severity, n=n)}</span>'
            f'<span class="help">{t("severity_help_" + severity)}</span></div>'
        )
    cards.append(
        f'<div class="card clean"><span class="n">{view.clean}</span>'
        f'<span class="what">{t("clean_drafts", n=view.clean)}</span></div>'
    )
    notes = []
    if view.unreadable:
        notes.append(t("unreadable", n=view.unreadable))
    if view.strategy_files:
        files = ", ".join(_shown(p) for p in view.strategy_files)
        notes.append(t("strategy_files", n=len(view.strategy_files), files=files))
    else:
        notes.append(t("no_strategy"))
    top = ""
    if view.rules:
        items = "".join(
            f"<li><code>{escape(code)}</code> {escape(name)} — {t('findings_count', n=n)}</li>"
            for code, name, n in view.rules[:10]
        )
        top = f'<h3>{t("top_rules")}</h3><ol class="top-rules">{items}</ol>'
    return (
        _open("summary", t("summary"))
        + f'<div class="cards">{"".join(cards)}</div>{top}'
        + "".join(f'<p class="note">{note}</p>' for note in notes)
        + "</section>\n"
    )


def _distribution(key: str, word: str, bars, view: data.Overview, several: bool) -> str:
    t = _words(view.lang)
    note = f'<p class="note">{t("distribution_note")}</p>' if several else ""
    chart = charts.bar_table(bars, view.drafts, messages.text(word, view.lang), view.lang)
    return f"{_open(key, t(word))}{chart}{note}</section>\n"


def _fundraising(view: data.Overview) -> str:
    lang = view.lang
    t = _words(lang)
    fund = view.fundraising
    parts = [_open("fundraising", t("fundraising"))]
    if not fund.count:
        parts.append(f"<p>{t('fundraising_none')}</p>")
    else:
        parts.append(
            "<p>"
            + t(
                "fundraising_share",
                share=messages.percent(fund.share, lang),
                count=fund.count,
                total=fund.total,
                limit=messages.percent(fund.limit, lang),
            )
            + "</p>"
        )
    parts.append(charts.gauge(fund.share, fund.limit, lang))
    if fund.count:
        state = "over" if fund.over else "within"
        verdict = t("fundraising_over") if fund.over else t("fundraising_ok")
        parts.append(f'<p class="verdict {state}">{verdict}</p>')
        items = "".join(
            f"<li><code>{escape(path)}</code> — {escape(', '.join(reasons))}</li>"
            for path, reasons in fund.drafts
        )
        parts.append(f'<h3>{t("fundraising_list")}</h3><ul class="fund">{items}</ul>')
    parts.append("</section>\n")
    return "".join(parts)


def _calendar(view: data.Overview) -> str:
    lang = view.lang
    t = _words(lang)
    cal = calendar.build(view.facts)
    parts = [_open("calendar", t("calendar"))]
    if not cal.rows:
        parts.append(f"<p>{t('calendar_none')}</p></section>\n")
        return "".join(parts)
    parts.append(
        "<p>"
        + t(
            "calendar_span",
            n=len(cal.days),
            dated=cal.dated,
            start=messages.day(cal.days[0], lang),
            end=messages.day(cal.days[-1], lang),
        )
        + "</p>"
    )
    parts.append(f'<div class="scroll">{calendar.svg(cal, lang)}</div>')
    legend = "".join(
        f"<li>{calendar.legend_swatch(state)}{t('status_' + state)}</li>" for state in calendar.STATUSES
    )
    parts.append(f'<ul class="legend" aria-label="{t("calendar_legend")}">{legend}</ul>')
    head = "".join(
        f'<th scope="col"{" class=num" if i > 1 else ""}>{t(key)}</th>'
        for i, key in enumerate(
            (
                "column_platform",
                "calendar_cadence",
                "column_posts",
                "column_days_empty",
                "column_days_under",
                "column_days_within",
                "column_days_over",
            )
        )
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(row.name)}</th><td>{escape(calendar.cadence_text(row, lang))}</td>'
        f'<td class="num">{sum(row.counts)}</td><td class="num">{row.days("empty")}</td>'
        f'<td class="num">{row.days("under")}</td><td class="num">{row.days("within")}</td>'
        f'<td class="num">{row.days("over")}</td></tr>'
        for row in cal.rows
    )
    parts.append(
        f'<table class="plain"><caption>{t("calendar_table")}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    if cal.undated:
        parts.append(f'<p class="note">{t("calendar_undated", n=cal.undated)}</p>')
    if cal.clipped:
        parts.append(
            f'<p class="note">{t("calendar_clipped", n=cal.clipped, end=messages.day(cal.days[-1], lang))}'
            "</p>"
        )
    parts.append("</section>\n")
    return "".join(parts)


def _findings(view: data.Overview) -> str:
    lang = view.lang
    t = _words(lang)
    parts = [_open("findings", t("findings"))]
    if not view.findings:
        parts.append(f"<p>{t('findings_none')}</p></section>\n")
        return "".join(parts)
    rule_options = "".join(
        f'<option value="{escape(name)}">{escape(code)} {escape(name)} ({n})</option>'
        for code, name, n in sorted(view.rules, key=lambda r: r[0])
    )
    severity_options = "".join(
        f'<option value="{s}">{t("severity_" + s, n=1)} ({view.severities.get(s, 0)})</option>'
        for s in ORDER
        if view.severities.get(s)
    )
    template = escape(messages.text("filter_shown", lang, shown="{shown}", total="{total}"))
    parts.append(
        f'<div class="filters" id="filters" hidden>'
        f'<label for="filter-rule">{t("filter_rule")}<select id="filter-rule">'
        f'<option value="">{t("filter_all")}</option>{rule_options}</select></label>'
        f'<label for="filter-severity">{t("filter_severity")}<select id="filter-severity">'
        f'<option value="">{t("filter_all")}</option>{severity_options}</select></label>'
        f'<output id="filter-count" data-template="{template}" aria-live="polite"></output></div>'
    )
    head = "".join(
        f'<th scope="col">{t(key)}</th>'
        for key in ("column_where", "column_code", "column_rule", "column_severity", "column_message")
    )
    rows = []
    for f in view.findings:
        suggestion = (
            f'<span class="suggestion">{t("suggestion")} {escape(f.suggestion)}</span>'
            if f.suggestion
            else ""
        )
        rows.append(
            f'<tr data-rule="{escape(f.name)}" data-severity="{escape(f.severity)}">'
            f'<td class="where"><code>{escape(f.path)}:{f.line}</code></td>'
            f"<td><code>{escape(f.code)}</code></td><td>{escape(f.name)}</td>"
            f'<td><span class="sev {escape(f.severity)}">{t("severity_" + f.severity, n=1)}</span></td>'
            f"<td>{escape(f.message)}{suggestion}</td></tr>"
        )
    parts.append(
        f'<table class="plain findings"><caption class="visually-hidden">{t("findings")}</caption>'
        '<colgroup><col class="where"><col class="code"><col class="rule"><col class="severity"><col>'
        "</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>\n"
    )
    return "".join(parts)
