"""The platform table, loaded from rules/platforms.yaml, and platform-name resolution."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

from postlint.resources import load_rules_yaml


@dataclass(frozen=True)
class Platform:
    key: str
    name: str
    aliases: tuple[str, ...]
    limits: tuple[dict, ...]
    recommended: tuple[dict, ...]
    facts: dict


@cache
def table() -> dict[str, Platform]:
    raw = load_rules_yaml("platforms.yaml")["platforms"]
    result = {}
    for key, entry in raw.items():
        length = entry.get("length") or {}
        result[key] = Platform(
            key=key,
            name=entry.get("name", key),
            aliases=tuple(str(a).lower() for a in entry.get("aliases") or ()),
            limits=tuple(length.get("limits") or ()),
            recommended=tuple(length.get("recommended") or ()),
            facts=entry,
        )
    return result


@cache
def _names() -> dict[str, str]:
    names = {}
    for key, platform in table().items():
        names[key] = key
        names[platform.name.lower()] = key
        for alias in platform.aliases:
            names[alias] = key
    return names


def resolve(name: object) -> str | None:
    """The platform key for a name or alias, case-insensitive (`Twitter` -> `x`), or None."""
    if not isinstance(name, str):
        return None
    return _names().get(name.strip().lower())


def closest(name: str) -> str | None:
    """The known platform whose name or alias is nearest to `name`, for a 'did you mean'."""
    match = difflib.get_close_matches(name.strip().lower(), list(_names()), n=1, cutoff=0.6)
    return _names()[match[0]] if match else None


def known() -> list[str]:
    return list(table())


def display_name(key: str) -> str:
    platform = table().get(key)
    return platform.name if platform else key


def facts(key: str, section: str) -> dict:
    """A copy of one section of a platform's facts (`images`, `alt`, `hashtags`, `fold`...)."""
    platform = table().get(key)
    value = platform.facts.get(section) if platform else None
    return dict(value) if isinstance(value, dict) else {}
