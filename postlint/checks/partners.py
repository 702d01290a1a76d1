"""Partners: name them and tag them, with the handle each one has on the platform of the post.

The guide ("Pratiques gagnantes", tips 2 and 8) asks organisations to work in collaboration: tag
the people and organisations they talk about, share their content, and lean on the networks that
already exist (a funder, a coalition, partners) by asking them to share. A partner can only share
what it sees, and it sees the posts that tag it.

The partners come from the strategy file (`partners:` name, aliases, handles per platform,
domains). Names are found in one pass of one compiled pattern per strategy over a folded copy of
the text: lower case, accents dropped, typographic apostrophes made plain, one character for one,
so that every offset in the copy is an offset in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from postlint import platforms
from postlint.draft import Draft
from postlint.findings import Finding

# --- folding: lower case, no accents, plain apostrophes; one character for one -----------------

_APOSTROPHES = "\u2019\u02bc\u2018\u2032\uff07"  # ’ ʼ ‘ ′ ＇


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    base = unicodedata.normalize("NFD", char)[0]  # é -> e, ệ -> e (the first code point)
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _FoldTable(dict):
    """A str.translate table filled on first use, one code point at a time."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """`text` lower-cased, without accents and with plain apostrophes, of the SAME length."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


def _fold_name(name: str) -> str:
    """A partner's name folded for the pattern: NFC first, then any leftover mark dropped."""
    folded = fold(unicodedata.normalize("NFC", name))
    return "".join(c for c in folded if not unicodedata.combining(c))


# --- the pattern of a strategy's partner names ---------------------------------------------------

_MARK_RANGES = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining accents
_MARKS = f"[{_MARK_RANGES}]*"


@dataclass(frozen=True)
class _Names:
    plain: re.Pattern | None
    partner_of_group: tuple[int, ...]  # group number - 1 -> index of the partner
    alternatives: tuple[str, ...]  # folded names, longest first

    @property
    def tolerant(self) -> re.Pattern:
        """The same names, letting combining accents follow any letter (a text not in NFC)."""
        return _tolerant(self.alternatives)


def _compile(alternatives: tuple[str, ...], letter) -> re.Pattern:
    groups = []
    for name in alternatives:
        words = (("".join(letter(c) for c in word)) for word in name.split())
        groups.append("(" + r"\s+".join(words) + ")")
    # not inside a word (a combining accent belongs to the word before), not the part after @ of
    # an e-mail address; longest names first
    return re.compile(r"(?<![\w@" + _MARK_RANGES + r"])(?:" + "|".join(groups) + r")(?!\w)")


@lru_cache(maxsize=32)
def _tolerant(alternatives: tuple[str, ...]) -> re.Pattern:
    return _compile(alternatives, lambda c: re.escape(c) + _MARKS)


@lru_cache(maxsize=32)
def _names(key: tuple[tuple[str, ...], ...]) -> _Names:
    """One compiled pattern for the names and aliases of a strategy's partners.

    `key` holds, per partner, its name then its aliases. A name given twice counts for the first
    partner that has it.
    """
    owner: dict[str, int] = {}
    for index, names in enumerate(key):
        for name in names:
            folded = " ".join(_fold_name(name).split())
            if folded and folded not in owner:
                owner[folded] = index
    alternatives = tuple(sorted(owner, key=lambda n: (-len(n), n)))
    if not alternatives:
        return _Names(None, (), ())
    plain = _compile(alternatives, re.escape)
    return _Names(plain, tuple(owner[n] for n in alternatives), alternatives)


@lru_cache(maxsize=64)
def _matches(text: str, key: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, int, int], ...]:
    """(partner index, start, end) of every partner name in `text`, entities not yet left out."""
    names = _names(key)
    if names.plain is None:
        return ()
    folded = fold(text)
    pattern = names.plain if unicodedata.is_normalized("NFC", text) else names.tolerant
    return tuple(
        (names.partner_of_group[m.lastindex - 1], m.start(), m.end()) for m in pattern.finditer(folded)
    )


# --- the strategy's partners, read once ----------------------------------------------------------


@dataclass(frozen=True)
class _Partner:
    name: str
    names: tuple[str, ...]  # the name, then the aliases
    handles: dict  # platform key -> handle as written (with its @)
    domains: tuple[str, ...]

    def handle_keys(self) -> set[str]:
        return {handle.lower() for handle in self.handles.values()}


def _strings(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def _handle(value) -> str | None:
    if not isinstance(value, str) or not value.strip().lstrip("@"):
        return None
    value = value.strip()
    return value if value.startswith("@") else "@" + value


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def _host(url: str) -> str:
    """The host of a link or a domain, lower case, without `www.`: `centraide.org`."""
    value = _SCHEME.sub("", url.strip().lower())
    host = re.split(r"[/?#]", value, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _settings_key(partners) -> tuple:
    """The strategy's partners as a hashable value (for the cache)."""
    key = []
    for partner in partners if isinstance(partners, list) else []:
        if not isinstance(partner, dict) or not isinstance(partner.get("name"), str):
            continue
        handles = partner.get("handles") if isinstance(partner.get("handles"), dict) else {}
        key.append(
            (
                partner["name"].strip(),
                tuple(_strings(partner.get("aliases"))),
                tuple((str(k), v) for k, v in handles.items() if isinstance(v, str)),
                tuple(_strings(partner.get("domains"))),
            )
        )
    return tuple(key)


@lru_cache(maxsize=32)
def _partners(key: tuple) -> tuple[tuple[_Partner, ...], tuple[tuple[str, ...], ...]]:
    """The partners, their handles keyed by platform (aliases resolved), and the names' key."""
    found = []
    for name, aliases, handles, domains in key:
        resolved = {}
        for platform, value in handles:
            platform_key, handle = platforms.resolve(platform), _handle(value)
            if platform_key and handle and platform_key not in resolved:
                resolved[platform_key] = handle
        hosts = tuple(h for h in (_host(d) for d in domains) if h)
        found.append(_Partner(name, (name, *aliases), resolved, hosts))
    return tuple(found), tuple(p.names for p in found)


# --- what a draft does with the partners ---------------------------------------------------------


@dataclass(frozen=True)
class _Named:
    partner: int
    start: int
    end: int


def _named(draft: Draft, names_key: tuple) -> list[_Named]:
    """Partner names in the text, outside links, hashtags and mentions (and e-mail addresses)."""
    found = _matches(draft.text, names_key)
    if not found:
        return []
    spans = [(e.start, e.end) for group in (draft.urls, draft.hashtags, draft.mentions) for e in group]
    return [
        _Named(partner, start, end)
        for partner, start, end in found
        if not any(s < end and start < e for s, e in spans)
    ]


def _linked(draft: Draft, partner: _Partner) -> bool:
    """The text links to one of the partner's domains (or a subdomain of one)."""
    if not partner.domains:
        return False
    for url in draft.urls:
        host = _host(url.text)
        if any(host == d or host.endswith("." + d) for d in partner.domains):
            return True
    return False


def _tagged(draft: Draft, partner: _Partner) -> bool:
    keys = partner.handle_keys()
    return any(m.text.lower() in keys for m in draft.mentions)


_last: list[tuple] = [(None, None)]  # (the last `partners` list read, what was read from it)


def _load(settings) -> tuple[tuple[_Partner, ...], tuple]:
    """The strategy's partners, read once per strategy: its `partners` list is kept with the result,
    so the identity test is safe (a strategy is not changed while drafts are checked)."""
    raw = getattr(settings, "partners", None)
    if not raw:
        return (), ()
    seen, result = _last[0]
    if seen is not raw:
        result = _partners(_settings_key(raw))
        _last[0] = (raw, result)
    return result


def partners_involved(draft: Draft, settings) -> list[str]:
    """The names of the strategy's partners this draft involves, in the strategy's order.

    A partner is involved when the text names it (its name or an alias, outside links, hashtags and
    mentions), tags it with one of its handles (any platform's), or links to one of its domains.
    Pure: for the strategy checks that count the share of posts that involve a partner.
    """
    if not getattr(settings, "partners", None) or not draft.text:
        return []
    partners, names_key = _load(settings)
    named = {n.partner for n in _named(draft, names_key)}
    return [
        partner.name
        for index, partner in enumerate(partners)
        if index in named or _tagged(draft, partner) or _linked(draft, partner)
    ]


def _platform_list(keys: list[str], ctx) -> str:
    names = [platforms.display_name(k) for k in keys]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ctx.msg("and") + names[-1]


def partner_not_tagged(draft: Draft, ctx) -> Iterator[Finding]:
    """A partner named in the text but not tagged with its handle on the draft's platform.

    Guide, "Pratiques gagnantes", tips 2 and 8: work in collaboration, tag the organisations you
    talk about, and lean on the networks of your partners and funders: a tag is what lets them
    see the post and share it. The name or an alias counts whatever its case and accents, across
    line breaks, after an elided article (l'Accorderie, d’Accorderie), but not inside a link, a
    hashtag or a mention. Quiet when the partner has no handle for the platform (nothing to
    suggest), when it is already tagged with one of its handles (a handle of another platform is
    partner-wrong-handle's finding), or when the post links to one of the partner's domains (the
    link already involves it). One finding per partner and handle, on the first time it is named.
    """
    if not ctx.settings.partners or not draft.platforms:
        return
    partners, names_key = _load(ctx.settings)
    named = _named(draft, names_key)
    if not named:
        return
    first: dict[int, _Named] = {}
    for hit in named:
        first.setdefault(hit.partner, hit)
    for index, hit in sorted(first.items(), key=lambda item: item[1].start):
        partner = partners[index]
        by_handle: dict[str, list[str]] = {}
        for key in draft.platforms:
            handle = partner.handles.get(key)
            if handle:
                by_handle.setdefault(handle, []).append(key)
        if not by_handle or _tagged(draft, partner) or _linked(draft, partner):
            continue
        for handle, keys in by_handle.items():
            yield ctx.at_text(
                "not_tagged",
                hit.start,
                hit.end,
                suggestion=handle,
                partner=partner.name,
                handle=handle,
                platform=_platform_list(keys, ctx),
            )


def partner_wrong_handle(draft: Draft, ctx) -> Iterator[Finding]:
    """A partner tagged with the handle it has on another platform (@CentraideMtl, its X account,
    on Instagram where it is @centraide).

    Guide, "Pratiques gagnantes", tip 2: tag the organisations you work with. A handle that is
    right on one platform may belong to nobody, or to someone else, on another one: the partner
    never sees the post. Only when the partner has a handle for the draft's platform and it is a
    different one (handles compared without regard to case); the right handle is the suggestion.
    """
    if not ctx.settings.partners or not draft.platforms or not draft.mentions:
        return
    partners, _names_key = _load(ctx.settings)
    owners: dict[str, _Partner] = {}
    for partner in partners:
        for handle in partner.handle_keys():
            owners.setdefault(handle, partner)
    for mention in draft.mentions:
        used = mention.text.lower()
        partner = owners.get(used)
        if partner is None:
            continue
        home = [k for k, h in partner.handles.items() if h.lower() == used]
        by_handle: dict[str, list[str]] = {}
        for key in draft.platforms:
            right = partner.handles.get(key)
            if right and right.lower() != used:
                by_handle.setdefault(right, []).append(key)
        for right, keys in by_handle.items():
            yield ctx.at_text(
                "wrong_handle",
                mention.start,
                mention.end,
                suggestion=right,
                partner=partner.name,
                handle=mention.text,
                right=right,
                platform=_platform_list(keys, ctx),
                home=_platform_list(home, ctx),
            )
