"""`pullmarketing crosspost` sub-commands."""

from __future__ import annotations

import click


@click.group("crosspost")
def crosspost() -> None:
    """Cross-posting copies to other platforms."""
