"""`pullmarketing keywords` sub-commands."""

from __future__ import annotations

import click


@click.group("keywords")
def keywords() -> None:
    """Keyword catalogue commands."""


@click.command("audit")
def audit() -> None:
    """Audit the built site's documents against their focus keywords."""
    raise click.ClickException("not implemented yet")
