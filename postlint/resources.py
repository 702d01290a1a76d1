"""Where the knowledge (`rules/`) and the shipped schemas are, from a checkout or a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from postlint import yamlsafe

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


def load_lexicon(lang: str, name: str) -> dict:
    """rules/lexicons/<lang>/<name>.yaml, or {} when that language has no such lexicon."""
    relative = f"lexicons/{lang}/{name}.yaml"
    if not (rules_dir() / relative).is_file():
        return {}
    return load_rules_yaml(relative) or {}


@cache
def load_rules_yaml(name: str):
    """Parse one of postlint's own YAML files under rules/ (trusted, but read safely all the same)."""
    text = (rules_dir() / name).read_text(encoding="utf-8")
    return yamlsafe.load(text, max_nodes=1_000_000, max_depth=64).data
