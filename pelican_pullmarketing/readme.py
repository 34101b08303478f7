"""Keeps README.md's reference tables true: the settings and metadata tables
are generated from the one schema (``settings.SCHEMA``, down to every key of
the dict settings, and ``metadata.FIELDS``).

``python -m pelican_pullmarketing.readme`` rewrites them in place; a test fails
when README.md is out of date.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from . import metadata, settings

FEATURE_TITLES = {
    "keywords": "Keyword anchors",
    "topics": "Topics and feeds",
    "seo": "Search metadata",
    "business": "The firm",
    "theme": "Theme",
    "words": "Words",
    "gates": "White-paper gates",
    "crosspost": "Cross-posting",
    "conversation": "Conversation",
    "watch": "Industry watch",
    "cards": "Share cards",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(value) -> str:
    if value is None:
        return "`None`"
    return "`" + json.dumps(value, ensure_ascii=False).replace("|", "\\|") + "`"


def settings_table() -> str:
    rows = ["| Setting | Default | Meaning |", "| --- | --- | --- |"]
    feature = None
    for s in settings.SCHEMA:
        if s.feature != feature:
            feature = s.feature
            rows.append(f"| **{FEATURE_TITLES.get(feature, feature)}** | | |")
        doc = s.doc + (
            " Relative paths are resolved against `PATH`."
            if s.path == "content"
            else ""
        )
        rows.append(f"| `{s.name}` | {_default(s.default)} | {_cell(doc)} |")
        rows += _nested_rows(s)
    return "\n".join(rows)


def _nested_rows(s) -> list[str]:
    """A row for every key below a dict setting, from the schema's checkers."""
    rows = []
    for path, key, required in settings.nested_keys(s.check):
        default = "required" if required else _default(key.default)
        if key.default is None and not required:
            default = "unset"
        rows.append(f"| `{s.name}{path}` | {default} | {_cell(key.doc)} |")
    return rows


def metadata_table() -> str:
    rows = ["| Field | Feature | Meaning |", "| --- | --- | --- |"]
    for name, f in metadata.FIELDS.items():
        rows.append(
            f"| `{name}` | {FEATURE_TITLES.get(f.feature, f.feature)} | {_cell(f.doc)} |"
        )
    return "\n".join(rows)


SECTIONS = {"settings": settings_table, "metadata": metadata_table}


def render(readme: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S
        )
        readme = pattern.sub(
            lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), readme
        )
    return readme


def main(path: str = "README.md") -> int:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        file.write_text(new, encoding="utf-8")
        print(f"{path}: tables updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
