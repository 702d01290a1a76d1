"""The command line: `postlint check`, `postlint report`, `postlint rules`, `postlint explain`.

Exit codes: 0 nothing at or above the fail-on severity, 1 findings, 2 usage, strategy-file or
internal error. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from postlint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# numpy (which spaCy and postlint.similarity import) starts OpenBLAS with a thread per core, and the
# threads poll for work for a while: a tenth of a second of a core during the start-up of a run,
# taken from the workers. postlint does no linear algebra. A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or "NO_COLOR" in os.environ:
        return False
    return sys.stdout.isatty()


def _run_options(command):
    """The options `check` and `report` share: which rules, which strategy file, how many processes."""
    shared = [
        click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names, checks)."),
        click.option("--ignore", multiple=True, help="Leave out these rules."),
        click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Use this strategy file for every draft.",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=0,
            help="Check in this many processes (default 0: one per core). Same report whatever the number.",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            envvar="POSTLINT_NO_CACHE",
            help="Check every draft again, without reading or writing the result cache.",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(path_type=Path, file_okay=False),
            envvar="POSTLINT_CACHE_DIR",
            help="Keep the result cache here (default: .postlint_cache/ beside the strategy file).",
        ),
    ]
    for option in reversed(shared):
        command = option(command)
    return command


def _checked(paths, lang, facts: bool, *, select, ignore, config_path, jobs, no_cache, cache_dir):
    """Check the drafts as `check` and `report` both do; a usage, strategy-file or internal error
    is said in one message and exits 2 (never a traceback)."""
    from postlint import catalogue, config, engine, i18n, pattern_store

    pattern_store.install()  # before spaCy and the others compile their expressions
    select_list, ignore_list = _split(select), _split(ignore)
    options = engine.Options(
        select=select_list or None,
        ignore=ignore_list,
        config=config_path,
        lang=lang,
        jobs=jobs,
        facts=facts,
        cache=not no_cache,
        cache_dir=cache_dir.absolute() if cache_dir else None,
    )
    engine.use_rules_snapshot(list(paths), options)
    message_lang = i18n.choose_language(lang, None)
    for selector in (*select_list, *ignore_list):
        if not catalogue.is_selector(selector):
            hint = catalogue.closest_selector(selector)
            key = "unknown_rule_cli_hint" if hint else "unknown_rule_cli"
            raise click.UsageError(i18n.text(key, message_lang, value=selector, hint=hint or ""))
    try:
        report = engine.check_paths(list(paths), options)
        pattern_store.keep()
    except config.ConfigError as exc:
        shown = os.path.relpath(exc.path) if exc.path else "postlint.yaml"
        for line in exc.lines(i18n.choose_language(lang, exc.language), shown):
            click.echo(line, err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        _internal_error(exc, lang)
    if report.files == 0:
        click.echo(i18n.text("no_files", report.lang, paths=", ".join(paths)), err=True)
    return report


def _keep_rules_snapshot(run: dict) -> None:
    """Keep the rule files parsed while writing the output too (see `postlint.cache`)."""
    if not run["no_cache"]:
        from postlint import cache

        cache.keep_rules_snapshot()


def _write_output(target: Path, text: str, report) -> None:
    """Write `check -o` in one step; never over a draft (a checked one, or any file opening with
    front matter): that is said in one line, exit 2."""
    from postlint import i18n, safe_write

    drafts = set(report.checked)
    try:
        safe_write.write_atomically(target, text, drafts)
    except safe_write.Refused:
        click.echo(i18n.text("output_is_draft", report.lang, path=str(target)), err=True)
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        click.echo(i18n.text("output_not_written", report.lang, path=str(target), detail=detail), err=True)
        sys.exit(EXIT_ERROR)


def _internal_error(exc: Exception, lang: str | None):
    """Say what went wrong in one line and exit 2; POSTLINT_DEBUG=1 shows the traceback."""
    from postlint import i18n

    if os.environ.get("POSTLINT_DEBUG"):
        raise exc
    detail = f"{type(exc).__name__}: {exc}"
    click.echo(i18n.text("internal_error", i18n.choose_language(lang, None), detail=detail), err=True)
    sys.exit(EXIT_ERROR)


def run() -> None:
    """The `postlint` command: `main`, then an exit that leaves the interpreter's memory as it is.

    A run ends with large tables in memory (word forms, word frequencies, spaCy's vocabulary), and
    Python's own exit frees them object by object: 0.2 s of a 10,000-draft run, after everything
    was written. By then every file postlint writes is closed; the standard streams are flushed
    here, and the exit status is the one `main` gave.
    """
    try:
        main()
        status = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            status = done.code or 0
        else:  # sys.exit("message"): the message on stderr, status 1
            sys.stderr.write(f"{done.code}\n")
            status = 1
    from postlint.streams import flush_std_streams

    flush_std_streams()  # a closed pipe (`postlint check | head`) is no error here
    os._exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postlint")
def main() -> None:
    """postlint: check social-media drafts against the guide and your strategy file."""
    from postlint import collector

    collector.collect_less_often()  # a run is one short process that loads large tables


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that makes the exit code 1 (default: the strategy file's fail_on, else warning).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the messages.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output (NO_COLOR is respected).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of the screen.",
)
@_run_options
def check(paths, fmt, fail_on, exit_zero, lang, color, output, **run):
    """Check the drafts in PATHS (files or folders; .md and .markdown)."""
    from postlint.findings import at_least

    paths = paths or (".",)
    # the Markdown summary counts drafts by platform and the fundraising share: it needs the facts
    report = _checked(paths, lang, fmt == "markdown", **run)
    from postlint import output as formats

    colored = _use_color(color) and fmt == "text" and not output
    rendered = formats.render(report, fmt, color=colored)
    if output:
        _write_output(output, rendered, report)
    else:
        click.echo(rendered, nl=False, color=colored)
    _keep_rules_snapshot(run)
    threshold = fail_on or report.fail_on
    failing = any(at_least(f.severity, threshold) for f in report.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report here (default: postlint-report.html; Markdown goes to the screen).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown"]),
    default="html",
    show_default=True,
    help="A full HTML page, or a short Markdown summary (for a CI job summary).",
)
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the report.")
@_run_options
def report(paths, output, fmt, lang, **run):
    """Write a report on the drafts in PATHS: one HTML page (or Markdown) with charts, calendar, findings.

    Exits 0 even when there are findings (it is a report); 2 on a strategy-file or internal error.
    """
    paths = paths or (".",)
    checked = _checked(paths, lang, True, **run)
    try:
        if fmt == "markdown":
            from postlint.output import markdown

            rendered = markdown.render(checked)
        else:
            from postlint.report import html

            rendered = html.render(checked)
    except Exception as exc:  # never a traceback for the user; POSTLINT_DEBUG shows it
        _internal_error(exc, lang)
    _keep_rules_snapshot(run)
    if output is None and fmt == "markdown":
        click.echo(rendered, nl=False)
        sys.exit(EXIT_CLEAN)
    from postlint.report import messages

    target = output or Path("postlint-report.html")
    _write_output(target, rendered, checked)
    click.echo(messages.text("written", checked.lang, path=str(target)), err=True)
    sys.exit(EXIT_CLEAN)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="POSTLINT_CACHE_DIR",
    help="Also remove this cache folder (one given to check --cache-dir).",
)
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the messages.")
def clean(paths, cache_dir, lang):
    """Remove the result cache of the drafts in PATHS (default: the current folder).

    Removes the .postlint_cache/ folder beside the strategy file that applies, those found under
    PATHS, and --cache-dir; only folders postlint made. Drafts are never touched.
    """
    import shutil

    from postlint import cache, i18n

    lang = i18n.choose_language(lang, None)
    paths = paths or (".",)
    folders = cache.folders_to_clean(list(paths), cache_dir)
    if not folders:
        click.echo(i18n.text("cache_none", lang, paths=", ".join(paths)), err=True)
    failed = False
    for folder in folders:
        shown = os.path.relpath(folder) if not os.path.isabs(str(paths[0])) else str(folder)
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            failed = True
            detail = exc.strerror or str(exc)
            click.echo(i18n.text("cache_not_removed", lang, path=shown, detail=detail), err=True)
            continue
        click.echo(i18n.text("cache_removed", lang, path=shown), err=True)
    sys.exit(EXIT_ERROR if failed else EXIT_CLEAN)


@main.command()
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the descriptions.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(lang, fmt):
    """List every rule: code, name, practice, default severity."""
    from postlint import catalogue, i18n

    lang = i18n.choose_language(lang, None)
    all_rules = list(catalogue.rules().values())
    if fmt == "json":
        import json

        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "check": r.check,
                        "severity": r.severity,
                        "enabled": r.enabled,
                        "summary": i18n.pick(r.summary, lang),
                        "citation": r.citation(lang),
                    }
                    for r in all_rules
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    width = max(len(r.name) for r in all_rules)
    for r in all_rules:
        state = "" if r.enabled else " (off)"
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {i18n.pick(r.summary, lang)}{state}")


@main.command()
@click.argument("rule")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language of the explanation.")
def explain(rule, lang):
    """Explain a rule (by code or name): what it checks, why, examples, settings."""
    from postlint import catalogue, i18n
    from postlint.explain import explain_rule

    lang = i18n.choose_language(lang, None)
    found = catalogue.find(rule)
    if found is None:
        hint = catalogue.closest_selector(rule)
        key = "unknown_rule_cli_hint" if hint else "unknown_rule_cli"
        raise click.UsageError(i18n.text(key, lang, value=rule, hint=hint or ""))
    click.echo(explain_rule(found, lang))
