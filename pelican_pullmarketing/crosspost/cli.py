"""`pullmarketing crosspost` sub-commands."""

from __future__ import annotations

import json
import logging
import os
import sys

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ..console import make_console, print_table
from ..errors import PullMarketingError
from ..sitesetup import settings_option
from .publish import SKIPPED, Publisher
from .targets import PLATFORMS

_STYLE = {
    "sent": "green",
    "recovered": "green",
    "unchanged": "dim",
    "manual": "yellow",
    "skipped": "yellow",
    "would send": "cyan",
    "failed": "bold red",
}


@click.group("crosspost")
def crosspost() -> None:
    """Cross-posting copies to other platforms."""


def _defaults(settings_file: str | None) -> tuple[str, str]:
    """(manifest, state) paths from the site's settings, or the usual places."""
    from ..blog.settings_files import default_settings_file
    from ..sitesetup import load_site

    path = settings_file or default_settings_file()
    if settings_file is None and not os.path.isfile(path):
        return os.path.join("output", "crosspost", "manifest.json"), os.path.join(
            "content", "crosspost-state.json"
        )
    logging.getLogger("pelican").setLevel(logging.ERROR)
    site = load_site(path)
    output = site.get("OUTPUT_PATH") or "output"
    manifest = site.get("PULLMARKETING_CROSSPOST_MANIFEST") or "crosspost/manifest.json"
    return os.path.join(output, manifest), site["PULLMARKETING_CROSSPOST_STATE"]


@crosspost.command("publish")
@click.option(
    "--manifest",
    "manifest_path",
    type=click.Path(dir_okay=False),
    help="Manifest written by the build [default: OUTPUT_PATH/crosspost/manifest.json].",
)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False),
    help="State file of published copies [default: PULLMARKETING_CROSSPOST_STATE].",
)
@click.option(
    "--target",
    "targets",
    multiple=True,
    type=click.Choice(sorted(PLATFORMS)),
    help="Only this target (repeatable).",
)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="SOURCE",
    help="Only this document, by source path in the content folder (repeatable).",
)
@click.option(
    "--dry-run", is_flag=True, help="Show what would be sent; no network call."
)
@click.option(
    "--retry-pending",
    is_flag=True,
    help="Post entries a crashed run left pending (check the platform first).",
)
@settings_option(
    "Pelican settings file giving the default paths [default: pelicanconf.py, "
    "or the file the blog's Makefile or tasks.py names]."
)
def publish(
    manifest_path, state_path, targets, only, dry_run, retry_pending, settings_file
) -> None:
    """Publish the copies in the build's manifest that are new (and update
    changed dev.to/Hashnode articles).

    Tokens come from environment variables only: DEVTO_API_KEY, HASHNODE_TOKEN,
    MASTODON_ACCESS_TOKEN, BLUESKY_HANDLE + BLUESKY_APP_PASSWORD,
    LINKEDIN_ACCESS_TOKEN, X_ACCESS_TOKEN. A target without its token is
    skipped. The state file is saved after every post, so an interrupted run
    never posts twice. Exit code 1 if anything failed.
    """
    console = make_console()
    try:
        if not (manifest_path and state_path):
            default_manifest, default_state = _defaults(settings_file)
            manifest_path = manifest_path or default_manifest
            state_path = state_path or default_state
        publisher = Publisher(manifest_path, state_path)
    except PullMarketingError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    steps = publisher.steps(targets, only, retry_pending=retry_pending)
    if not steps:
        console.print("Nothing in the manifest matches.")
        return
    _announce(console, steps, dry_run)
    outcomes = _run_steps(console, publisher, steps, dry_run)
    _print_outcomes(console, outcomes, dry_run)
    if any(o.failed for o in outcomes):
        sys.exit(1)


def _announce(console, steps, dry_run: bool) -> None:
    """The skipped entries; with --dry-run, each payload that would be sent."""
    for step in steps:
        if step.action == "skip":
            console.print(f"[yellow]skip[/] {step.entry['id']}: {step.reason}")
    if dry_run:
        for step in steps:
            if step.action in ("create", "update", "recover"):
                console.print(f"[cyan]would {step.action}[/] {step.entry['id']}")
                console.print_json(
                    json.dumps(step.entry["payload"], ensure_ascii=False)
                )


def _run_steps(console, publisher: Publisher, steps, dry_run: bool) -> list:
    """Every step in order, with a progress bar on a terminal."""
    outcomes = []
    work = [s for s in steps if s.action in ("create", "update", "recover")]
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=dry_run or len(work) < 2 or not console.is_terminal,
    ) as progress:
        task = progress.add_task("publishing", total=len(steps))
        try:
            for step in steps:
                progress.update(task, description=step.entry["id"])
                outcomes.append(publisher.run_step(step, dry_run=dry_run))
                progress.advance(task)
        finally:
            publisher.close()
    return outcomes


def _print_outcomes(console, outcomes, dry_run: bool) -> None:
    rows = []
    for o in outcomes:
        style = _STYLE.get(o.status, "")
        note = (
            o.url
            if o.url and not o.message
            else " ".join(p for p in (o.url, o.message) if p)
        )
        status = f"[{style}]{o.status}[/]" if style else escape(o.status)
        rows.append((escape(o.source), o.target, o.action, status, escape(note)))
    print_table(
        console,
        "Cross-posting" + (" (dry run)" if dry_run else ""),
        ("Source", "Target", "Action", "Result", "URL / note"),
        rows,
    )
    failed = [o for o in outcomes if o.failed]
    skipped = [o for o in outcomes if o.status == SKIPPED]
    console.print(
        f"{len(outcomes)} entries: {len(failed)} failed, {len(skipped)} skipped (no token)"
        + ("; dry run: nothing sent" if dry_run else "")
    )
