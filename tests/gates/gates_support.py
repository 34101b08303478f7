"""Gate test helpers: a site with one paper behind a gate, built with Pelican's
`simple` theme plus a two-line override that prints ``gate_form`` the way any
theme would (``{{ article.gate_form }}``)."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

# Distinctive bytes, so a scan of the output finds any copy of the paper.
PAPER_BYTES = (
    b"%PDF-1.4\n% gate-test paper 7f3a9c\n"
    + bytes(range(256))
    + b"\nHeat pumps for homeowners\n%%EOF\n"
)
PAPER_PATH = "papers/guide.pdf"
TOKEN_DIR = re.compile(r"^[0-9a-f]{32}$")

PROVIDER_CONFIGS = {
    "formspree": {"provider": "formspree", "form_id": "xbjnqkzd"},
    "mailchimp": {
        "provider": "mailchimp",
        "action_url": "https://harbour.us21.list-manage.com/subscribe/post?u=4f1b2c3d&id=9a8b7c6d5e",
    },
    "kit": {"provider": "kit", "form_id": "1234567"},
    "buttondown": {"provider": "buttondown", "username": "harbourheating"},
    "hubspot": {
        "provider": "hubspot",
        "portal_id": "62515",
        "form_guid": "78c2891f-ebdd-44c0-bd94-15c012bbbfbf",
    },
    "custom": {
        "provider": "custom",
        "action_url": "https://forms.example.net/submit",
        "email_field": "contact_email",
        "method": "post",
        "honeypot_field": "website",
        "next_field": "redirect_to",
    },
}

OVERRIDE = """{{% extends "!simple/{name}.html" %}}
{{% block content %}}{{{{ super() }}}}
{{% if {var}.gate_form is defined %}}{{{{ {var}.gate_form }}}}{{% endif %}}
{{% endblock %}}
"""


class GatedSite:
    def __init__(self, site):
        self.site = site
        templates = site.root / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        (templates / "article.html").write_text(
            OVERRIDE.format(name="article", var="article"), encoding="utf-8"
        )
        (templates / "page.html").write_text(
            OVERRIDE.format(name="page", var="page"), encoding="utf-8"
        )
        self.templates = templates
        site.write(PAPER_PATH, PAPER_BYTES)

    def landing(self, slug: str = "heat-pump-guide", **meta) -> None:
        meta.setdefault("gated_file", PAPER_PATH)
        meta.setdefault("gate_summary", "Twelve pages on heat pumps for homeowners.")
        self.site.article(
            slug,
            "Our guide explains what a heat pump costs to run.",
            title="Heat Pump Guide",
            **meta,
        )

    def build(
        self,
        provider: str = "formspree",
        gate: dict | None = None,
        secret: str | None = "test-secret",
        **overrides,
    ):
        """Build with a gate; ``secret=None`` leaves PULLMARKETING_GATE_SECRET
        unset (the environment may then supply it)."""
        settings = {
            "PULLMARKETING_GATE": dict(gate or PROVIDER_CONFIGS[provider]),
            "PULLMARKETING_PRIVACY_URL": "privacy/",
            "THEME_TEMPLATES_OVERRIDES": [str(self.templates)],
            "DELETE_OUTPUT_DIRECTORY": True,
        }
        if secret is not None:
            settings["PULLMARKETING_GATE_SECRET"] = secret
        settings.update(overrides)
        return self.site.build(**settings)

    def token_dirs(self, out: Path) -> list[Path]:
        downloads = out / "downloads"
        return sorted(p for p in downloads.iterdir()) if downloads.is_dir() else []

    def form(self, out: Path, relpath: str = "heat-pump-guide.html"):
        soup = BeautifulSoup((out / relpath).read_text(encoding="utf-8"), "lxml")
        forms = soup.find_all("form", class_="pm-gate-form")
        assert len(forms) == 1, f"expected one gate form in {relpath}"
        return forms[0]


def output_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())
