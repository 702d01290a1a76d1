"""Length: the platform's hard limit, and the guide's advice to keep posts brief."""

from __future__ import annotations

from collections.abc import Iterator

from postlint import i18n, platforms
from postlint.counting import Measure, at_most, fast_length, measure
from postlint.draft import Draft
from postlint.findings import Finding


def _limits(key: str, settings) -> list[dict]:
    limits = [dict(limit) for limit in platforms.table()[key].limits]
    override = settings.platform_settings.get(key) or {}
    if "limit" in override and limits:
        limits[0].update(max=override["limit"], status="doc")
    return limits


def _recommendations(key: str, settings) -> list[dict]:
    advice = [dict(entry) for entry in platforms.table()[key].recommended]
    override = settings.platform_settings.get(key) or {}
    for entry in advice:
        if "max" in entry and "recommended" in override:
            entry["max"] = override["recommended"]
        if "max_lines" in entry:
            entry["max_lines"] = override.get("recommended_lines", entry["max_lines"])
            entry["line_width"] = override.get("line_width", entry["line_width"])
    return advice


def _why(m: Measure, ctx) -> str:
    parts = []
    if m.links and m.link_length:
        parts.append(ctx.msg("why_links", n=m.links, size=m.link_length))
    if m.emoji and m.emoji_weight > m.emoji:
        parts.append(ctx.msg("why_emoji", n=m.emoji, weight=m.emoji_weight))
    if m.heavy:
        key = "why_heavy_bytes" if m.unit in ("bytes", "utf16") else "why_heavy"
        parts.append(ctx.msg(key, n=m.heavy))
    return f" ({', '.join(parts)})" if parts else ""


def _over(text: str, limit: dict) -> Measure | None:
    """The measure of `text` when it is over `limit["max"]` in `limit["unit"]`, else None."""
    quick = fast_length(text, limit["unit"], limit)
    if quick is not None and quick <= limit["max"]:
        return None
    bound = at_most(text, limit["unit"], limit) if quick is None else None
    if bound is not None and bound <= limit["max"]:
        return None
    m = measure(text, limit["unit"], limit)
    return m if m.length > limit["max"] else None


def length_limit(draft: Draft, ctx) -> Iterator[Finding]:
    """The text is over the platform's hard limit, counted the way the platform counts.

    Guide: "Pratiques gagnantes", tip 3 (brief content). Limits, units and sources:
    rules/platforms.yaml. Over a documented limit: error; over a reported one: warning.
    """
    for key in draft.platforms:
        for limit in _limits(key, ctx.settings):
            m = _over(draft.text, limit)
            if m is None:
                continue
            unit = i18n.text(f"unit_{limit['unit']}", ctx.lang)
            yield ctx.at_text(
                "over",
                m.cut(limit["max"]) or 0,
                len(draft.text),
                soft=limit.get("status") == "reported",
                count=m.length,
                max=limit["max"],
                unit=unit,
                excess=m.length - limit["max"],
                platform=platforms.display_name(key),
                why=_why(m, ctx),
            )


def _display_lines(text: str, width: int) -> list[tuple[int, int]]:
    """(text offset, number of screen lines) for each non-blank line, wrapping at `width`."""
    result, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            result.append((offset, max(1, -(-len(line.rstrip()) // width))))
        offset += len(line) + 1
    return result


def length_guide(draft: Draft, ctx) -> Iterator[Finding]:
    """The text is longer than the guide advises: Facebook 2 lines, X under 140 characters.

    Guide: "Pratiques gagnantes", tip 3. Snapchat's one line is reported practice.
    """
    for key in draft.platforms:
        name = platforms.display_name(key)
        for advice in _recommendations(key, ctx.settings):
            if "max_lines" in advice:
                yield from _over_lines(draft, ctx, name, advice)
                continue
            m = _over(draft.text, advice)
            if m is None:
                continue
            unit = i18n.text(f"unit_{advice['unit']}", ctx.lang)
            which = "advice_guide" if advice.get("source") == "guide" else "advice_reported"
            yield ctx.at_text(
                "over_chars",
                m.cut(advice["max"]) or 0,
                len(draft.text),
                count=m.length,
                max=advice["max"],
                unit=unit,
                platform=name,
                advice=ctx.msg(which, max=advice["max"], unit=unit),
            )


def _over_lines(draft: Draft, ctx, name: str, advice: dict) -> Iterator[Finding]:
    lines = _display_lines(draft.text, advice["line_width"])
    total = sum(count for _offset, count in lines)
    if total <= advice["max_lines"]:
        return
    seen, start = 0, 0
    for offset, count in lines:
        if seen + count > advice["max_lines"]:
            # the overflow starts inside this line, after the screen lines that still fit
            start = offset + (advice["max_lines"] - seen) * advice["line_width"]
            break
        seen += count
    yield ctx.at_text(
        "over_lines", start, len(draft.text), lines=total, max=advice["max_lines"], platform=name
    )
