"""The ``pullmarketing`` command: one click group; each feature adds its own
sub-commands from its folder's ``cli.py``."""

from __future__ import annotations

import sys

import click

from . import __version__
from .cards import cli as cards_cli
from .conversation import cli as conversation_cli
from .crosspost import cli as crosspost_cli
from .gates import cli as gates_cli
from .i18n import cli as i18n_cli
from .keywords import cli as keywords_cli
from .seo import cli as seo_cli
from .sitesetup import check_command, init_command
from .topics import cli as topics_cli
from .watch import cli as watch_cli


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pullmarketing")
def main() -> None:
    """Pull marketing for Pelican blogs: keyword anchors, topic feeds, search
    metadata, white-paper gates and cross-posting."""


main.add_command(init_command)
main.add_command(check_command)
# Each feature owns its sub-commands in its own cli.py.
main.add_command(keywords_cli.keywords)
main.add_command(keywords_cli.audit)
main.add_command(topics_cli.websub)
main.add_command(gates_cli.gates)
main.add_command(crosspost_cli.crosspost)
main.add_command(seo_cli.indexnow)
main.add_command(watch_cli.watch)
main.add_command(cards_cli.cards)
main.add_command(conversation_cli.conversation)
main.add_command(i18n_cli.words)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
