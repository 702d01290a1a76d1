"""Markdown output: a short summary for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull request.

Counts by severity and by rule, the drafts by platform and the fundraising share (when the run kept
the facts of every draft, as `postlint report` does), then the first findings as a table. The full
picture is `postlint report`.
"""

from __future__ import annotations

from html import escape

FIRST = 20  # findings listed
TOP_RULES = 10


def cell(text: str) -> str:
    """Text safe in a Markdown table cell: HTML escaped, pipes and line breaks neutralised."""
    return escape(" ".join(str(text).split()), quote=False).replace("|", "&#124;").replace("`", "&#96;")


def render(report, color: bool = False, lang: str | None = None, first: int = FIRST) -> str:
    from postlint.report import data, messages

    lang = lang or report.lang
    view = data.overview(report, lang)

    def t(key, **fields):
        return messages.text(key, lang, **fields)

    title = t("title_for", organization=view.organization) if view.organization else t("title")
    # `check` keeps facts only for the drafts whose checks across drafts need them: counting from a
    # part of the drafts would mislead, so the platform and fundraising parts need all of them.
    complete = bool(view.facts) and len(view.facts) == report.files
    drafts = view.drafts if complete else report.files
    counts = t(
        "md_counts",
        drafts=t("drafts", n=drafts),
        errors=f"{view.severities['error']} {t('severity_error', n=view.severities['error'])}",
        warnings=f"{view.severities['warning']} {t('severity_warning', n=view.severities['warning'])}",
        infos=f"{view.severities['info']} {t('severity_info', n=view.severities['info'])}",
    )
    lines = [f"## {cell(title)}", "", f"**{cell(counts)}**", ""]
    if view.rules:
        lines += [
            f"### {t('md_by_rule')}",
            "",
            f"| {t('column_code')} | {t('column_rule')} | {t('column_findings')} |",
            "|---|---|--:|",
        ]
        lines += [f"| `{code}` | {cell(name)} | {n} |" for code, name, n in view.rules[:TOP_RULES]]
        if len(view.rules) > TOP_RULES:
            lines.append(
                f"| | {t('md_other_rules', n=len(view.rules) - TOP_RULES)} | "
                f"{sum(n for _, _, n in view.rules[TOP_RULES:])} |"
            )
        lines.append("")
    if complete:
        lines += [
            f"### {t('by_platform')}",
            "",
            f"| {t('column_platform')} | {t('column_count')} |",
            "|---|--:|",
        ]
        lines += [f"| {cell(bar.label)} | {bar.count} |" for bar in view.platforms]
        lines.append("")
        fund = view.fundraising
        lines += [f"### {t('fundraising')}", ""]
        if fund.count:
            lines.append(
                cell(
                    t(
                        "fundraising_share",
                        share=messages.percent(fund.share, lang),
                        count=fund.count,
                        total=fund.total,
                        limit=messages.percent(fund.limit, lang),
                    )
                )
            )
            lines.append("")
            lines.append(cell(t("fundraising_over" if fund.over else "fundraising_ok")))
        else:
            lines.append(cell(t("fundraising_none")))
        lines.append("")
    if view.findings:
        shown = view.findings[:first]
        lines += [f"### {t('md_first_findings', n=len(shown))}", ""]
        lines.append(
            f"| {t('column_where')} | {t('column_code')} | {t('column_rule')} | {t('column_severity')} "
            f"| {t('column_message')} |"
        )
        lines.append("|---|---|---|---|---|")
        for f in shown:
            lines.append(
                f"| {cell(f.path)}:{f.line} | `{f.code}` | {cell(f.name)} | "
                f"{cell(t('severity_' + f.severity, n=1))} | {cell(f.message)} |"
            )
        if len(view.findings) > first:
            lines += ["", cell(t("md_more", n=len(view.findings) - first))]
    else:
        lines.append(cell(t("findings_none")))
    return "\n".join(lines) + "\n"
