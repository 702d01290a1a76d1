"""Where the knowledge (`rules/`) and the shipped schemas are, from a checkout or a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def rules_dir() -> Path:
    """`rules/` ships as `postlint/rules/` in a wheel and stands beside the package in a checkout."""
    for candidate in (_HERE / "rules", _HERE.parent / "rules"):
        if (candidate / "platforms.yaml").is_file():
            return candidate
    raise FileNotFoundError("postlint's rules/ folder is missing from this installation")


def schema_path(name: str) -> Path:
    return _HERE / "schemas" / name


def package_folder(name: str) -> Path | None:
    """The folder of an installed package, found without importing it (importing some costs
    milliseconds of a start for one file's path); None when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec(name)
    return Path(spec.origin).parent if spec is not None and spec.origin else None


def load_lexicon(lang: str, name: str) -> dict:
    """rules/lexicons/<lang>/<name>.yaml, or {} when that language has no such lexicon."""
    relative = f"lexicons/{lang}/{name}.yaml"
    if relative not in _PRELOADED and not (rules_dir() / relative).is_file():
        return {}
    return load_rules_yaml(relative) or {}


# postlint's own YAML files already parsed by an earlier run (the cache's rules snapshot, see
# `postlint.cache.use_rules_snapshot`), and those this process parsed itself: by name under rules/.
_PRELOADED: dict[str, object] = {}
_PARSED: dict[str, object] = {}


def preload(parsed: dict[str, object]) -> None:
    """Take these files' data as parsed (to be called before they are first loaded)."""
    _PRELOADED.update(parsed)


def preloaded() -> dict[str, object]:
    return dict(_PRELOADED)


def parsed_here() -> dict[str, object]:
    """The files of rules/ this process parsed from YAML (not found preloaded), by name."""
    return dict(_PARSED)


@cache
def load_rules_yaml(name: str):
    """Parse one of postlint's own YAML files under rules/ (trusted, but read safely all the same)."""
    if name in _PRELOADED:
        return _PRELOADED[name]
    from postlint import yamlsafe

    text = (rules_dir() / name).read_text(encoding="utf-8")
    data = yamlsafe.load(text, max_nodes=1_000_000, max_depth=64).data
    _PARSED[name] = data
    return data


def use_kept() -> None:
    """Take postlint's own rule files as an earlier run parsed them, from the data folder
    (postlint.table_store), where they are kept under the state of postlint's code and rules: for
    the runs without the result cache, whose snapshot holds them otherwise. Parsing the 68 files
    takes about 45 ms of every start; the first run parses them all, once. Nothing with the data
    folder off."""
    from postlint import table_store

    if table_store.folder() is None:
        return
    from postlint.cache import code_fingerprint

    preload(table_store.kept_value("rules", code_fingerprint(), _parse_all))


def _parse_all() -> dict[str, object]:
    root = rules_dir()
    names = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.yaml"))
    return {name: load_rules_yaml(name) for name in names}
