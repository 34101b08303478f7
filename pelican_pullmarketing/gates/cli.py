"""`pullmarketing gates` sub-commands."""

from __future__ import annotations

import logging

import click
from rich.markup import escape

from .. import core
from ..console import make_console
from ..errors import PullMarketingError
from ..sitesetup import settings_option
from ..urls import absolute_url
from . import landing, providers


@click.group("gates")
def gates() -> None:
    """White-paper gates."""


@gates.command("list")
@settings_option(
    "Pelican settings file of the site (use publishconf.py for the published URLs)."
)
def list_gates(settings_file: str | None) -> None:
    """Print each gate: landing page, thank-you page, delivery mode, provider.

    The thank-you URL is what goes into the provider's "redirect after
    submit" setting. It is secret: anyone who has it can download the paper.
    """
    from ..blog.settings_files import default_settings_file
    from ..sitesetup import load_site, read_documents

    settings_file = settings_file or default_settings_file()

    logging.getLogger("pelican").setLevel(logging.ERROR)
    try:
        site = load_site(settings_file)
        config = site.get(providers.SETTING)
        if config is None:
            click.echo(f"{settings_file}: PULLMARKETING_GATE is not set: no gates")
            return
        providers.provider_for(config)
        found = landing.collect_gates(core.documents(read_documents(site)), site)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    except SystemExit as exc:  # a build stopped by a receiver (already logged)
        raise click.ClickException(str(exc)) from None

    console = make_console()  # URLs stay on one line
    if not found:
        console.print(f"{escape(settings_file)}: no document has gated_file metadata")
        return
    siteurl = site.get("SITEURL", "")
    for relpath in sorted(found):
        gate = found[relpath]
        console.print(f"[bold]{escape(gate.title)}[/bold]  ({escape(relpath)})")
        rows = [
            ("landing page", absolute_url(siteurl, gate.landing_url)),
            ("thank-you page", absolute_url(siteurl, gate.thank_you_url)),
            ("delivery", _delivery(gate)),
            ("provider", gate.provider),
            ("redirect", gate.redirect),
        ]
        for label, value in rows:
            console.print(f"  {label:<15} {escape(value)}")
    if not site.get("PULLMARKETING_GATE_SECRET"):
        console.print(
            "[yellow]PULLMARKETING_GATE_SECRET is not set: these thank-you URLs "
            "change whenever a paper's file changes.[/yellow]"
        )
    if not siteurl:
        console.print(
            "[yellow]SITEURL is empty: URLs are root-relative; use "
            "--settings publishconf.py for the published addresses.[/yellow]"
        )


def _delivery(gate: landing.Gate) -> str:
    if gate.delivery == "email":
        return "email (the file is not published; the provider sends it)"
    return f"page (file at {gate.download_url})"
