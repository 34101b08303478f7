"""`pullmarketing websub` sub-commands."""

from __future__ import annotations

import click


@click.group("websub")
def websub() -> None:
    """WebSub: tell the hub which feeds changed."""
