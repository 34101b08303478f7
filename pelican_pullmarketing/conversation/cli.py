"""`pullmarketing conversation` sub-commands: fetch, review, send, workflow."""

from __future__ import annotations

import json
import logging
import os
import sys

import click
from rich.markup import escape

from ..console import make_console, print_table
from ..errors import PullMarketingError
from ..sitesetup import settings_option

_STYLE = {
    "ok": "green",
    "gone": "yellow",
    "unavailable": "bold red",
    "would fetch": "cyan",
}


@click.group("conversation")
def conversation() -> None:
    """Replies and reactions from every copy, and webmentions."""


def _site(settings_file: str | None) -> dict:
    from ..sitesetup import load_site

    logging.getLogger("pelican").setLevel(logging.ERROR)
    return load_site(settings_file)


def _fail(exc: PullMarketingError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(1)


@conversation.command("fetch")
@click.option(
    "--dry-run",
    is_flag=True,
    help="List the copies that would be fetched; no network call, nothing written.",
)
@settings_option()
def fetch_command(dry_run: bool, settings_file: str | None) -> None:
    """Fetch the replies, likes and reposts of every copy of every published
    article (cross-posting state file and `syndication` metadata) and the
    webmentions webmention.io received, and merge them into
    PULLMARKETING_CONVERSATION_FILE (commit it).

    Base URLs: MASTODON_API_BASE, BLUESKY_APPVIEW_BASE, DEVTO_API_BASE,
    WEBMENTION_IO_API_BASE. Tokens (optional): MASTODON_ACCESS_TOKEN,
    WEBMENTION_IO_TOKEN. Exit code 1 when a platform failed (what was stored
    for it is kept)."""
    from ..crosspost import state as crosspost_state
    from ..crosspost.targets import parse_targets
    from ..sitesetup import read_documents
    from . import fetch, store

    console = make_console()
    env = dict(os.environ)
    try:
        site = _site(settings_file)
        published = crosspost_state.load(
            site.get("PULLMARKETING_CROSSPOST_STATE") or ""
        )
        targets = parse_targets(site)
        articles = fetch.site_articles(
            read_documents(site), site, published, targets, env
        )
        path = site["PULLMARKETING_CONVERSATION_FILE"]
        data = store.load(path)
    except PullMarketingError as exc:
        _fail(exc)
    http = None if dry_run else fetch.make_http()
    try:
        report = fetch.fetch_all(articles, data, http, env, dry_run=dry_run)
    finally:
        if http is not None:
            http.close()
    if report.changed:
        store.save(path, data)
    rows = []
    for o in report.outcomes:
        style = _STYLE.get(o.status, "")
        rows.append(
            (
                escape(o.source),
                o.platform,
                f"[{style}]{o.status}[/]",
                str(o.new),
                escape(o.url),
                escape(o.message),
            )
        )
    if not rows:
        console.print(
            "No article has a copy to fetch (cross-posting state file, `syndication` metadata, webmention.io)."
        )
    else:
        print_table(
            console,
            "Conversation" + (" (dry run)" if dry_run else ""),
            ("Article", "Platform", "Result", "New", "Copy", "Note"),
            rows,
            right=("New",),
        )
    new = sum(o.new for o in report.outcomes)
    if not dry_run:
        console.print(
            f"{new} new entries; {os.path.relpath(path)} "
            + ("updated" if report.changed else "unchanged"),
            markup=False,
        )
    failed = report.failed_platforms
    if failed:
        click.echo(
            "failed: "
            + ", ".join(failed)
            + " (what was stored for them is kept; run again later)",
            err=True,
        )
        sys.exit(1)


@conversation.command("review")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every unanswered reply, not only those received since the last review.",
)
@click.option(
    "--keep",
    is_flag=True,
    help="Do not record this review (the next one lists the same replies).",
)
@settings_option()
def review_command(
    output_format: str, show_all: bool, keep: bool, settings_file: str | None
) -> None:
    """Replies received since the last review that no account of the firm
    has answered, newest first, with their text and URL. The review time is
    recorded in the conversation file unless --keep."""
    from . import fetch, review, store

    try:
        site = _site(settings_file)
        path = site["PULLMARKETING_CONVERSATION_FILE"]
        data = store.load(path)
    except PullMarketingError as exc:
        _fail(exc)
    since = None if show_all else data.get("reviewed_at")
    waiting = review.unanswered(data, site, since=since)
    if output_format == "json":
        click.echo(
            json.dumps([w.as_json() for w in waiting], ensure_ascii=False, indent=2)
        )
    else:
        console = make_console()
        if not waiting:
            console.print(
                "No reply waits for an answer"
                + (f" since the last review ({since})." if since else "."),
                markup=False,
            )
        for w in waiting:
            item = w.as_json()
            console.print(
                f"{item['published']}  {item['platform']}  {item['author']}  on {w.source}",
                markup=False,
            )
            console.print(f"  {item['url']}", markup=False)
            console.print(f"  {item['text'][:500]}", markup=False)
        if waiting:
            console.print(f"{len(waiting)} replies wait for an answer.", markup=False)
    if not keep and os.path.exists(path):
        data["reviewed_at"] = fetch.now()
        store.save(path, data)


@conversation.command("send")
@click.option(
    "--dry-run",
    is_flag=True,
    help="List the webmentions that would be sent; no network call.",
)
@settings_option(
    "Pelican settings file of the published site (SITEURL set, e.g. publishconf.py) "
    "[default: pelicanconf.py, else the file the blog's Makefile or tasks.py names]."
)
def send_command(dry_run: bool, settings_file: str | None) -> None:
    """Send a webmention for every external link of every published
    article, once: endpoints discovered per the W3C Webmention spec (HTTP
    Link header, then <link>/<a rel="webmention">), at most one request per
    host per second. Remembered in PULLMARKETING_WEBMENTION_STATE (commit it);
    a changed article sends for its new links only. Exit code 1 if any
    failed (they are tried again next time)."""
    from .. import urls
    from ..sitesetup import read_documents
    from . import webmention

    console = make_console()
    try:
        site = _site(settings_file)
        siteurl = site.get("SITEURL") or ""
        if not siteurl.startswith(("http://", "https://")):
            raise PullMarketingError(
                "SITEURL is empty: a webmention names the article's public URL",
                file=settings_file,
                field="SITEURL",
                expected="the published settings, e.g. --settings publishconf.py",
            )
        path = site["PULLMARKETING_WEBMENTION_STATE"]
        state = webmention.load_state(path)
        host = (urls.site_host(siteurl) or "").lower()
        work = []
        for gen in read_documents(site):
            for doc in list(getattr(gen, "articles", None) or ()) + list(
                getattr(gen, "translations", None) or ()
            ):
                if getattr(doc, "status", "published") != "published":
                    continue
                source = urls.absolute_url(siteurl, doc.url)
                work.append(
                    (source, webmention.external_links(doc.content, source, host))
                )
    except PullMarketingError as exc:
        _fail(exc)
    work.sort()
    client = webmention.make_client()
    try:
        outcomes = webmention.send_all(
            work,
            state,
            client,
            dry_run=dry_run,
            on_change=lambda: webmention.save_state(path, state),
        )
    finally:
        client.close()
    style = {
        "sent": "green",
        "no endpoint": "dim",
        "failed": "bold red",
        "would send": "cyan",
    }
    rows = [
        (
            escape(o.source),
            escape(o.target),
            f"[{style[o.status]}]{o.status}[/]",
            escape(o.endpoint),
            escape(o.message),
        )
        for o in outcomes
    ]
    if rows:
        print_table(
            console,
            "Webmentions" + (" (dry run)" if dry_run else ""),
            ("Source", "Target", "Result", "Endpoint", "Note"),
            rows,
        )
    failed = [o for o in outcomes if o.failed]
    console.print(
        f"{len(outcomes)} links to notify: {sum(o.status == 'sent' for o in outcomes)} sent, {len(failed)} failed"
        + ("; dry run: nothing sent" if dry_run else ""),
        markup=False,
    )
    if failed:
        sys.exit(1)


@conversation.command("workflow")
@click.option(
    "--deploy-workflow",
    default="pages.yml",
    show_default=True,
    help="The workflow that builds and deploys the site, dispatched when the files changed.",
)
@click.option(
    "--write",
    is_flag=True,
    help="Write .github/workflows/conversation.yml (else print it).",
)
@settings_option(
    "The published settings the workflow fetches with [default: publishconf.py, else pelicanconf.py]."
)
def workflow_command(
    deploy_workflow: str, write: bool, settings_file: str | None
) -> None:
    """The scheduled GitHub Actions workflow that fetches the conversation
    every six hours, sends webmentions, commits the files that changed and
    rebuilds the site."""
    from ..files import write_atomic
    from . import workflow

    if settings_file is None:
        settings_file = "publishconf.py" if os.path.isfile("publishconf.py") else None
    try:
        site = _site(settings_file)
    except PullMarketingError as exc:
        _fail(exc)
    from ..blog.settings_files import default_settings_file

    publish = os.path.abspath(settings_file or default_settings_file())
    made = workflow.plan(os.path.dirname(publish), site, publish, deploy_workflow)
    if not write:
        click.echo(made.text, nl=False)
        return
    if os.path.exists(made.path):
        with open(made.path, encoding="utf-8") as fh:
            old = fh.read()
        if old == made.text:
            click.echo(f"{made.path}: unchanged")
            return
        if workflow.MARK not in old:
            click.echo(
                f"{made.path}: exists and was not written by this command; "
                "remove it or print the workflow (without --write) and merge by hand",
                err=True,
            )
            sys.exit(1)
    write_atomic(made.path, made.text)
    click.echo(f"{made.path}: written")
