"""`pullmarketing gates` sub-commands."""

from __future__ import annotations

import click


@click.group("gates")
def gates() -> None:
    """White-paper gates."""
