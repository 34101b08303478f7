"""`pullmarketing gates list`: what the marketer pastes into the provider."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner
from gates_support import PAPER_BYTES

from pelican_pullmarketing.cli import main


def write_site(root, gate: str, secret: str | None = "cli-secret"):
    content = root / "content"
    (content / "papers").mkdir(parents=True)
    (content / "papers" / "guide.pdf").write_bytes(PAPER_BYTES)
    (content / "guide.md").write_text(
        "Title: Heat Pump Guide\nDate: 2024-03-04\nSlug: guide\n"
        "gated_file: papers/guide.pdf\n\nText.\n",
        encoding="utf-8",
    )
    (content / "news.md").write_text(
        "Title: News\nDate: 2024-03-05\n\nNo gate here.\n", encoding="utf-8"
    )
    conf = root / "pelicanconf.py"
    conf.write_text(
        textwrap.dedent(
            f"""\
            PATH = "content"
            SITEURL = "https://example.com/firm"
            SITENAME = "Firm"
            TIMEZONE = "Europe/London"
            PLUGINS = ["pelican_pullmarketing"]
            PULLMARKETING_GATE = {gate}
            PULLMARKETING_PRIVACY_URL = "privacy/"
            """
        )
        + (f'PULLMARKETING_GATE_SECRET = "{secret}"\n' if secret else ""),
        encoding="utf-8",
    )
    return conf


def test_gates_list_prints_urls_delivery_and_provider(tmp_path, site):
    conf = write_site(tmp_path, '{"provider": "kit", "form_id": "42"}')
    result = CliRunner().invoke(main, ["gates", "list", "--settings", str(conf)])
    assert result.exit_code == 0, result.output
    # The same thank-you URL a build of this site writes.
    site.write("papers/guide.pdf", PAPER_BYTES)
    site.article(
        "guide", "Text.", title="Heat Pump Guide", gated_file="papers/guide.pdf"
    )
    out = site.build(
        SITEURL="https://example.com/firm",
        PULLMARKETING_GATE={"provider": "kit", "form_id": "42"},
        PULLMARKETING_PRIVACY_URL="privacy/",
        PULLMARKETING_GATE_SECRET="cli-secret",
    )
    (token,) = [p.name for p in (out / "downloads").iterdir()]
    lines = result.output.splitlines()
    assert "Heat Pump Guide" in lines[0]
    assert any(
        line.split() == ["landing", "page", "https://example.com/firm/guide.html"]
        for line in lines
    )
    assert any(
        line.split()
        == ["thank-you", "page", f"https://example.com/firm/downloads/{token}/"]
        for line in lines
    )
    assert any(line.split()[:2] == ["delivery", "page"] for line in lines)
    assert any(line.split() == ["provider", "kit"] for line in lines)
    assert "News" not in result.output


def test_gates_list_email_delivery_and_missing_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("PULLMARKETING_GATE_SECRET", raising=False)
    conf = write_site(
        tmp_path,
        '{"provider": "buttondown", "username": "firm", "delivery": "email"}',
        secret=None,
    )
    result = CliRunner().invoke(main, ["gates", "list", "--settings", str(conf)])
    assert result.exit_code == 0, result.output
    assert any(
        line.split()[:2] == ["delivery", "email"] for line in result.output.splitlines()
    )
    assert "PULLMARKETING_GATE_SECRET is not set" in result.output


def test_gates_list_reports_a_missing_key(tmp_path):
    conf = write_site(tmp_path, '{"provider": "hubspot", "portal_id": "62515"}')
    result = CliRunner().invoke(main, ["gates", "list", "--settings", str(conf)])
    assert result.exit_code == 1
    assert (
        "PULLMARKETING_GATE['form_guid']: missing key for provider 'hubspot'"
        in result.output
    )


def test_pullmarketing_check_names_the_file_and_the_key_path(tmp_path):
    conf = write_site(tmp_path, '{"provider": "formspree", "from_id": "abc"}')
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 1
    assert (
        f"{conf}: PULLMARKETING_GATE['from_id']: unknown key for provider "
        "'formspree'; did you mean 'form_id'?"
    ) in result.output
    assert "PULLMARKETING_GATE['form_id']: missing key for provider 'formspree'" in (
        result.output
    )
