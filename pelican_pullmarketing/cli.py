"""The ``pullmarketing`` command: one click group; each feature adds its own
sub-commands from its folder's ``cli.py``."""

from __future__ import annotations

import sys

import click

from . import __version__
from .sitesetup import check_command, init_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pullmarketing")
def main() -> None:
    """Pull marketing for Pelican blogs: keyword anchors, topic feeds, search
    metadata, white-paper gates and cross-posting."""


main.add_command(init_command)
main.add_command(check_command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
