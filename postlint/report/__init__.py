"""`postlint report`: one self-contained page (or a short Markdown summary) about a set of drafts.

The package turns the engine's Report (findings, and every draft's facts) into a picture of the
drafts: where they go, for whom, when, and what is left to fix. It is imported only by the
`report` command and the `markdown` output format, never by `postlint check`.

- messages.py  the report's words, from rules/report-messages.yaml
- data.py      the counts the page shows (platforms, personas, objectives, languages, fundraising)
- calendar.py  the calendar heat map: posts per platform and day against the guide's cadence
- charts.py    bar charts and the fundraising gauge
- html.py      the page itself
- write.py     writing a file safely (atomically, never over a draft)
"""
