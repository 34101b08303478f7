"""`pullmarketing indexnow` sub-commands."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click
import httpx
from rich.markup import escape

from ..console import make_console, print_table
from ..errors import PullMarketingError
from ..sitesetup import settings_option
from . import indexnow as indexnow_mod


@click.group("indexnow")
def indexnow() -> None:
    """IndexNow: tell Bing, Yandex, Naver, Seznam and Yep which URLs changed."""


@indexnow.command("key")
def key_command() -> None:
    """Print a new key: set it as PULLMARKETING_INDEXNOW_KEY (a repository
    secret of that name for the GitHub Pages workflow)."""
    click.echo(indexnow_mod.new_key())


def _site(settings_file: str | None) -> dict:
    from ..sitesetup import load_site

    return load_site(settings_file)


@indexnow.command("ping")
@click.option(
    "--output",
    "output_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="The built site (Pelican's OUTPUT_PATH), built with SITEURL set.",
)
@settings_option(
    "Site settings: SITEURL, PULLMARKETING_INDEXNOW_KEY, _ENDPOINT, _STATE."
)
@click.option(
    "--state",
    type=click.Path(dir_okay=False),
    help="State file (default: PULLMARKETING_INDEXNOW_STATE of the settings).",
)
@click.option("--force", is_flag=True, help="Submit every URL, changed or not.")
@click.option(
    "--dry-run", is_flag=True, help="Show what would be submitted; send nothing."
)
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 10))
@click.option(
    "--backoff",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds before the first retry; doubled each time (a Retry-After wins).",
)
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1))
def ping_command(
    output_dir, settings_file, state, force, dry_run, retries, backoff, timeout
) -> None:
    """Submit the URLs of the built site's sitemap that were added or changed
    since the last accepted submission (and those that left it). Run it
    after the site is deployed: the engines fetch the key file from the
    live site. Exit code 1 if a submission was refused."""
    console = make_console()
    try:
        job = _ping_job(output_dir, settings_file, state)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    todo = indexnow_mod.plan(job.pages, job.saved, force=force)
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        batches = indexnow_mod.submit(
            todo,
            job.saved,
            client=client,
            endpoint=job.endpoint,
            siteurl=job.siteurl,
            key=job.key,
            dry_run=dry_run,
            retries=retries,
            backoff=backoff,
        )
    if not dry_run and batches:
        indexnow_mod.save_state(job.state_path, job.saved)
    failed = _report(console, batches, todo, dry_run, job.state_path)
    if failed:
        sys.exit(1)


@dataclass
class _PingJob:
    key: str
    siteurl: str
    endpoint: str
    state_path: str
    pages: list
    saved: dict


def _ping_job(
    output_dir: str, settings_file: str | None, state: str | None
) -> _PingJob:
    """What a ping needs, each part checked: the key, an absolute SITEURL,
    the key file the build wrote, the sitemap's pages and the saved state."""
    site = _site(settings_file)
    key = site.get("PULLMARKETING_INDEXNOW_KEY")
    siteurl = (site.get("SITEURL") or "").rstrip("/")
    if not key:
        raise PullMarketingError(
            "no IndexNow key",
            field="PULLMARKETING_INDEXNOW_KEY",
            expected="the key in the settings or the environment "
            "(`pullmarketing indexnow key` makes one)",
        )
    if not siteurl.startswith(("http://", "https://")):
        raise PullMarketingError(
            "SITEURL is not an absolute URL",
            field="SITEURL",
            value=siteurl,
            expected="the published site's address, e.g. https://example.com "
            "(use the publishing settings: --settings publishconf.py)",
        )
    key_file = os.path.join(output_dir, indexnow_mod.key_file_name(key))
    if not os.path.isfile(key_file):
        raise PullMarketingError(
            "the build wrote no key file",
            file=key_file,
            expected="a site built with PULLMARKETING_INDEXNOW_KEY set",
        )
    state_path = state or site["PULLMARKETING_INDEXNOW_STATE"]
    sitemap_as = site.get("PULLMARKETING_SITEMAP_SAVE_AS") or "sitemap.xml"
    return _PingJob(
        key=key,
        siteurl=siteurl,
        endpoint=site["PULLMARKETING_INDEXNOW_ENDPOINT"],
        state_path=state_path,
        pages=indexnow_mod.site_pages(output_dir, siteurl, sitemap_as),
        saved=indexnow_mod.load_state(state_path),
    )


def _report(console, batches, todo, dry_run: bool, state_path: str) -> int:
    """One table row per batch and a summary line; the number of URLs refused."""
    colours = {"accepted": "green", "failed": "red"}
    print_table(
        console,
        "IndexNow",
        ("URLs", "first URL", "result", "attempts", "detail"),
        (
            (
                str(len(b.urls)),
                escape(b.urls[0]),
                f"[{colours.get(b.status, 'dim')}]{b.status}[/]",
                str(b.attempts or ""),
                escape(b.detail),
            )
            for b in batches
        ),
    )
    sent = sum(len(b.urls) for b in batches if b.status == "accepted")
    failed = sum(len(b.urls) for b in batches if b.status == "failed")
    summary = (
        f"{len(todo.changed)} changed, {len(todo.removed)} removed, "
        f"{todo.unchanged} unchanged"
    )
    if dry_run:
        console.print(f"{summary}; dry run: nothing sent")
    else:
        console.print(
            f"{summary}; {sent} accepted, {failed} refused"
            + (f"; state saved to {state_path}" if batches else "")
        )
    return failed
