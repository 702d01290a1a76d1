"""`postlint explain RULE`: one page per rule, always with the same outline."""

from __future__ import annotations

from postlint import i18n


def _example(example) -> str:
    if isinstance(example, dict):
        if "draft" in example and example.get("draft"):
            draft = str(example["draft"])
            strategy = example.get("strategy")
            if isinstance(strategy, dict) and strategy:
                import yaml

                written = yaml.safe_dump(
                    strategy, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100
                )
                return f"# postlint.yaml\n{written}\n# {_DRAFT}\n{draft}"
            return draft
        if "bytes" in example:
            return str(example["bytes"])
        return ""
    return str(example or "")


_DRAFT = "draft.md"


def explain_rule(rule, lang: str) -> str:
    def doc(entry) -> str:
        text = i18n.pick(entry, lang) if entry else ""
        return i18n.french_typography(text) if lang == "fr" else text

    out = [
        f"{rule.code} {rule.name}",
        i18n.text("severity_label", lang, severity=i18n.text(f"severity_{rule.severity}", lang)),
        "",
    ]
    sections = [
        ("heading_what", doc(rule.what)),
        ("heading_why", doc(rule.why)),
        ("heading_source", rule.citation(lang)),
    ]
    for key in ("fires", "quiet"):
        example = _example(rule.examples.get(key))
        if example:
            indented = "\n".join("    " + line for line in example.rstrip("\n").split("\n"))
            sections.append((f"heading_{key}", indented))
    settings = [i18n.text("settings_how", lang, name=rule.name)]
    for name, value in rule.params.items():
        settings.append(f"  {name}: {value} — {doc(rule.params_doc.get(name, {}))}")
    for name, text in rule.params_doc.items():
        if name not in rule.params:
            settings.append(f"  {doc(text)}")
    sections.append(("heading_settings", "\n".join(settings)))
    for key, body in sections:
        if body:
            out.extend([i18n.text(key, lang), body, ""])
    return "\n".join(out).rstrip() + "\n"
