from __future__ import annotations

from pathlib import Path

from pelican_pullmarketing import metadata, readme, settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_tables_match_the_schema():
    text = README.read_text(encoding="utf-8")
    assert readme.render(text) == text, "run: python -m pelican_pullmarketing.readme"


def test_readme_names_every_setting_and_metadata_field():
    text = README.read_text(encoding="utf-8")
    for s in settings.SCHEMA:
        assert f"`{s.name}`" in text
    for name in metadata.FIELDS:
        assert f"`{name}`" in text


def test_readme_has_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text
    assert "make test" in text


def test_readme_command_block_names_every_init_and_check_option():
    from pelican_pullmarketing.sitesetup import check_command, init_command

    text = README.read_text(encoding="utf-8")
    block = text[
        text.index("pullmarketing init [") : text.index("pullmarketing keywords")
    ]
    for command in (init_command, check_command):
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--") and option != "--help":
                    assert option in block, option


def test_readme_settings_table_has_every_nested_key_with_its_meaning():
    text = README.read_text(encoding="utf-8")
    rows = text.splitlines()
    for s in settings.SCHEMA:
        for path, key, required in settings.nested_keys(s.check):
            start = f"| `{s.name}{path}` | {'required' if required else ''}"
            assert any(
                row.startswith(start) and readme._cell(key.doc) in row for row in rows
            ), s.name + path
