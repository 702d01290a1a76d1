"""Find, load and validate the strategy file (`postlint.yaml` or `.postlint.yaml`).

The nearest strategy file walking up from each checked file applies to it; `--config` forces one;
with none, a built-in default applies (every platform, no personas, no partners). A strategy file is
validated against `postlint/schemas/strategy.schema.json`; every problem is reported at once with
its line, key path and what was expected, and the run stops (exit 2) before any draft is checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from postlint import catalogue, i18n, languages, platforms, schema

if TYPE_CHECKING:
    from postlint import yamlsafe

CONFIG_NAMES = ("postlint.yaml", ".postlint.yaml")
STRATEGY_SCHEMA = "strategy.schema.json"


@dataclass
class ConfigProblem:
    line: int | None  # 1-based
    message: dict  # {"fr": ..., "en": ...}


class ConfigError(Exception):
    """A strategy file that can't be used; `problems` lists all that is wrong with it."""

    def __init__(self, path: Path, problems: list[ConfigProblem], language: str | None = None):
        super().__init__(str(path))
        self.path = path
        self.problems = problems
        self.language = language

    def lines(self, lang: str, shown: str) -> list[str]:
        out = [i18n.text("config_invalid", lang, path=shown, n=len(self.problems))]
        for problem in self.problems:
            where = f"{shown}:{problem.line}" if problem.line else shown
            out.append(f"{where}: {i18n.pick(problem.message, lang)}")
        return out


@dataclass
class RuleSetting:
    enabled: bool = True
    severity: str | None = None  # None: the rule's own default
    params: dict = field(default_factory=dict)


@dataclass
class Settings:
    path: Path | None
    root: Path
    organization: str | None = None
    language: str | None = None
    platforms: list[str] = field(default_factory=platforms.known)
    objectives: list[dict] = field(default_factory=list)
    personas: dict = field(default_factory=dict)
    partners: list[dict] = field(default_factory=list)
    platform_settings: dict = field(default_factory=dict)
    rule_settings: dict[str, RuleSetting] = field(default_factory=dict)  # by rule name
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    exclude: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)  # top-level key -> its 1-based line in the file

    def rule(self, name: str) -> RuleSetting:
        return self.rule_settings.get(name) or RuleSetting()


def default_settings(root: Path) -> Settings:
    return Settings(path=None, root=root)


def find_config(start: Path) -> Path | None:
    """The nearest strategy file in `start` (a folder) or one of its parents."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            try:
                if candidate.is_file():
                    return candidate
            except OSError:  # a name too long, a folder we may not enter: look further up
                continue
    return None


def _problem(doc: yamlsafe.YamlDocument | None, path: tuple, message: dict) -> ConfigProblem:
    line = doc.line_of(path) if doc is not None else None
    return ConfigProblem(line + 1 if line is not None else None, message)


def _both(key: str, **fields) -> dict:
    return {lang: i18n.text(key, lang, **fields) for lang in i18n.LANGUAGES}


# Strategy files found valid, by a hash of their text: their data and the line of each top-level
# key. Those of earlier runs come from the cache's snapshot (`postlint.cache.use_rules_snapshot`,
# keyed by postlint's code, so a new validation rule sees every file again): a strategy file that
# did not change is not parsed or validated again.
KNOWN_VALID: dict[str, dict] = {}
FOUND_VALID: dict[str, dict] = {}


def load_settings(path: Path) -> Settings:
    """Read and validate one strategy file; raise ConfigError listing every problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ConfigError(
            path, [ConfigProblem(None, _both("config_unreadable", path=str(path), reason=reason))]
        ) from None
    text_key = _text_key(text)
    known = KNOWN_VALID.get(text_key)
    if _usable_memo(known):
        settings = _settings_from(known["data"], path)
        settings.key_lines = known["lines"]
        return settings
    settings = _validated(path, text)
    FOUND_VALID[text_key] = {"data": settings.raw, "lines": settings.key_lines}
    return settings


def _usable_memo(known) -> bool:
    return isinstance(known, dict) and all(isinstance(known.get(part), dict) for part in ("data", "lines"))


def _text_key(text: str) -> str:
    from postlint.cache import digest

    return digest(text.encode("utf-8", "surrogatepass"))


def _validated(path: Path, text: str) -> Settings:
    from postlint import yamlsafe

    try:
        doc = yamlsafe.load(text, max_nodes=200_000, max_depth=40)
    except yamlsafe.YamlProblem as problem:
        message = _both("config_yaml", path=path.name, line=problem.line + 1, detail=problem.detail)
        raise ConfigError(path, [ConfigProblem(problem.line + 1, message)]) from None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(path, [ConfigProblem(1, _both("config_not_mapping", path=path.name))])
    problems = []
    for found in schema.validate(data, STRATEGY_SCHEMA, suggest=languages.suggest):
        line = doc.key_line_of(found.path) if found.key_problem else doc.line_of(found.path)
        problems.append(ConfigProblem((line or 0) + 1, found.message))
    problems.extend(_semantic_problems(data, doc))
    problems.sort(key=lambda p: p.line or 0)
    language = data.get("language") if isinstance(data.get("language"), str) else None
    if problems:
        raise ConfigError(path, problems, language)
    settings = _settings_from(data, path)
    settings.key_lines = {key: (doc.key_line_of((key,)) or 0) + 1 for key in data}
    return settings


def _semantic_problems(data: dict, doc: yamlsafe.YamlDocument) -> list[ConfigProblem]:
    """What the schema can't say: platform names, language codes, rule selectors."""
    problems = []

    def check_platform(where: tuple, name: str) -> None:
        if platforms.resolve(name) is None:
            hint = platforms.closest(name)
            key = "unknown_platform_config_hint" if hint else "unknown_platform_config"
            problems.append(
                _problem(
                    doc,
                    where,
                    _both(
                        key,
                        path=schema.dotted(where),
                        value=name,
                        hint=hint or "",
                        known=", ".join(platforms.known()),
                    ),
                )
            )

    def check_language(where: tuple, code: str) -> None:
        if not languages.is_known(code):
            hint = languages.suggest("language", code)
            problems.append(_problem(doc, where, languages.unknown_message(schema.dotted(where), code, hint)))

    def check_selector(where: tuple, value: str) -> None:
        if not catalogue.is_selector(value):
            hint = catalogue.closest_selector(value)
            key = "unknown_selector_hint" if hint else "unknown_selector"
            problems.append(
                _problem(doc, where, _both(key, path=schema.dotted(where), value=value, hint=hint or ""))
            )

    def strings(value) -> list[tuple[int, str]]:
        """(index, text) of the text items of a list; the schema reports the rest."""
        items = value if isinstance(value, list) else []
        return [(i, item) for i, item in enumerate(items) if isinstance(item, str)]

    def mapping(value) -> dict:
        return value if isinstance(value, dict) else {}

    for i, name in strings(data.get("platforms")):
        check_platform(("platforms", i), name)
    for name in mapping(data.get("platform_settings")):
        check_platform(("platform_settings", name), str(name))
    language = data.get("language")
    if isinstance(language, str) and languages.looks_like_code(language):
        check_language(("language",), language)
    for persona_id, persona in mapping(data.get("personas")).items():
        for i, code in strings(mapping(persona).get("languages")):
            if languages.looks_like_code(code):
                check_language(("personas", persona_id, "languages", i), code)
    for key in ("select", "ignore"):
        for i, value in strings(data.get(key)):
            check_selector((key, i), value)
    for name in mapping(data.get("rules")):
        check_selector(("rules", name), str(name))
    return problems


def _rule_setting(value) -> RuleSetting:
    if value is False or value == "off":
        return RuleSetting(enabled=False)
    if value is True or value == "on":
        return RuleSetting()
    if isinstance(value, str):
        return RuleSetting(severity=value)
    params = {k: v for k, v in value.items() if k not in ("severity", "enabled")}
    severity = value.get("severity")
    enabled = value.get("enabled", True) and severity != "off"
    return RuleSetting(enabled=enabled, severity=None if severity == "off" else severity, params=params)


def _settings_from(data: dict, path: Path) -> Settings:
    settings = Settings(path=path, root=path.parent, raw=data)
    settings.organization = data.get("organization")
    settings.language = data.get("language")
    if data.get("platforms"):
        settings.platforms = list(dict.fromkeys(platforms.resolve(p) for p in data["platforms"]))
    settings.objectives = data.get("objectives") or []
    settings.personas = data.get("personas") or {}
    settings.partners = data.get("partners") or []
    settings.platform_settings = {
        platforms.resolve(k): v for k, v in (data.get("platform_settings") or {}).items()
    }
    for selector, value in (data.get("rules") or {}).items():
        setting = _rule_setting(value)
        for rule in catalogue.rules().values():
            if catalogue.matches(selector, rule):
                settings.rule_settings[rule.name] = setting
    settings.select = data.get("select") or None
    settings.ignore = data.get("ignore") or []
    settings.fail_on = data.get("fail_on", "warning")
    settings.exclude = data.get("exclude") or []
    return settings
