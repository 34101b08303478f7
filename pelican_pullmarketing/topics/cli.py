"""`pullmarketing websub` sub-commands."""

from __future__ import annotations

import os
import sys

import click
import httpx
from rich.markup import escape

from ..console import make_console, print_table
from ..errors import PullMarketingError
from ..sitesetup import ping_options
from . import websub as websub_mod


@click.group("websub")
def websub() -> None:
    """WebSub: tell the hub which feeds changed."""


def _state_path(state: str | None, settings_file: str | None) -> str:
    if state:
        return state
    from ..blog.settings_files import default_settings_file

    path = settings_file or default_settings_file()
    if os.path.isfile(path):
        from ..sitesetup import load_site

        return load_site(path)["PULLMARKETING_WEBSUB_STATE"]
    raise PullMarketingError(
        "no state file given and no settings file found",
        file=path,
        expected="--state FILE, or --settings pointing at the site's pelicanconf.py",
    )


@websub.command("ping")
@ping_options(
    state_setting="PULLMARKETING_WEBSUB_STATE",
    settings_help="Site settings; gives PULLMARKETING_WEBSUB_STATE.",
    sends="feed",
    timeout=10.0,
)
@click.option("--hub", help="Hub URL to ping instead of the one each feed announces.")
def ping_command(
    output_dir, settings_file, state, hub, force, dry_run, retries, backoff, timeout
) -> None:
    """Notify the WebSub hub of the feeds in OUTPUT that changed since the last
    ping. Run it after publishing the site. Exit code 1 if a ping failed."""
    console = make_console()
    try:
        state_path = _state_path(state, settings_file)
        feeds = websub_mod.find_feeds(output_dir)
        saved = websub_mod.load_state(state_path)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    if not feeds:
        raise click.ClickException(
            f"{output_dir}: no feed announces a WebSub hub; set "
            "PULLMARKETING_WEBSUB_HUB and build the site first"
        )
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        results = websub_mod.ping(
            feeds,
            saved,
            client=client,
            hub_override=hub,
            force=force,
            dry_run=dry_run,
            retries=retries,
            backoff=backoff,
        )
    if not dry_run:
        websub_mod.save_state(state_path, saved)
    colours = {"pinged": "green", "failed": "red"}
    print_table(
        console,
        "WebSub ping",
        ("feed", "hub", "result", "attempts", "detail"),
        (
            (
                escape(r.feed.url),
                escape(r.hub),
                f"[{colours.get(r.status, 'dim')}]{r.status}[/]",
                str(r.attempts or ""),
                escape(r.detail),
            )
            for r in results
        ),
    )
    counts = {
        s: sum(r.status == s for r in results)
        for s in ("pinged", "unchanged", "failed", "would ping")
    }
    console.print(
        ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        + ("" if dry_run else f"; state saved to {state_path}")
    )
    if counts["failed"]:
        sys.exit(1)
