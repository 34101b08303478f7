"""`pullmarketing watch fetch` and `pullmarketing watch report`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import sys

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ..console import make_console, print_table
from ..errors import BuildFailed, PullMarketingError
from ..files import dump_json
from ..sitesetup import settings_option
from . import config, store


@click.group("watch")
def watch() -> None:
    """Industry watch: what your industry's feeds say, against your keywords."""


def _load(settings_file: str | None):
    from ..sitesetup import load_site

    site = load_site(settings_file)
    feeds = config.configured_feeds(site)
    if not feeds:
        raise PullMarketingError(
            "no feeds to watch",
            field=config.SETTING,
            value=site.get(config.SETTING),
            expected=f"a list of feed URLs or dicts such as {config.EXAMPLE}",
        )
    return site, feeds


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@watch.command("fetch")
@settings_option()
@click.option(
    "--timeout",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds allowed for one feed, body included.",
)
@click.option(
    "--strict", is_flag=True, help="Exit with status 1 when any feed could not be read."
)
def fetch_command(settings_file, timeout, strict) -> None:
    """Fetch every feed of PULLMARKETING_WATCH into the watch file.

    An unchanged feed costs a 304 (ETag / Last-Modified are kept in the
    file). New items are added once (by id, else link); items older than
    PULLMARKETING_WATCH_KEEP_DAYS are dropped. A feed that fails is named
    and its stored items are kept. The file is written in one step, and
    only when something changed.
    """
    from .fetch import apply_results, fetch_feed, make_client

    out = make_console()
    try:
        site, feeds = _load(settings_file)
        path = store.watch_file(site)
        stored = store.load_store(path)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    now = _now()
    results = []
    with (
        make_client(site, timeout=timeout) as client,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=out,
            transient=True,
            disable=not out.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("fetching feeds", total=len(feeds))
        for feed in feeds:
            progress.update(task, description=f"fetching {escape(feed.name())}")
            results.append(
                fetch_feed(
                    client, feed, stored.feeds.get(feed.url), now=now, timeout=timeout
                )
            )
            progress.advance(task)
    before = {(i.feed, i.id) for i in stored.items}
    summary = apply_results(
        stored, results, keep_days=site["PULLMARKETING_WATCH_KEEP_DAYS"], now=now
    )
    failed = [r for r in results if r.status == "failed"]
    new_ids = {(i.feed, i.id) for i in stored.items} - before
    for result in results:
        name = result.feed.name(getattr(stored.feeds.get(result.feed.url), "title", ""))
        if result.status == "failed":
            continue
        if result.status == "not modified":
            out.print(f"{name}: not modified", markup=False)
            continue
        added = sum(1 for i in result.items if (i.feed, i.id) in new_ids)
        out.print(f"{name}: {len(result.items)} items, {added} new", markup=False)
        if result.moved_to:
            out.print(
                f"{name}: moved permanently to {result.moved_to}; update its url in {config.SETTING}",
                markup=False,
            )
    if summary.changed:
        store.save_store(path, stored)
    out.print(
        f"{path}: {summary.added} new items, {summary.dropped} older than "
        f"{site['PULLMARKETING_WATCH_KEEP_DAYS']} days dropped, {len(stored.items)} stored"
        + ("" if summary.changed else " (unchanged)"),
        markup=False,
    )
    if failed:
        err = make_console(stderr=True)
        err.print(
            f"{len(failed)} of {len(results)} feeds could not be read (their stored items are kept):",
            markup=False,
        )
        for result in failed:
            err.print(
                f"  - {result.feed.name()} ({result.feed.url}): {result.problem}",
                markup=False,
            )
        if strict:
            sys.exit(1)


# --- report ----------------------------------------------------------------------------


def _read_site(site: dict):
    """(document texts, topic words) of the site as the build reads it."""
    from .. import core
    from ..keywords.proposals import document_texts
    from ..sitesetup import read_documents
    from ..topics.model import build_index, configured_specs
    from .report import topic_words

    logging.getLogger("pelican").setLevel(logging.ERROR)
    reading = dict(site, PULLMARKETING_KEYWORDS={}, PULLMARKETING_KEYWORDS_FILE="")
    try:
        generators = read_documents(reading)
    except BuildFailed as exc:
        raise PullMarketingError(f"cannot read the site: {exc}") from None
    articles = list(getattr(generators[0], "articles", ()))
    pages = list(getattr(generators[1], "pages", ()))
    docs = list(core.documents(generators))
    index = build_index(site, configured_specs(site), articles, pages, docs)
    return document_texts(docs), topic_words(index.topics)


def _until(value: str | None) -> dt.datetime:
    if not value:
        return _now()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=dt.timezone.utc)


@watch.command("report")
@settings_option()
@click.option(
    "--since",
    "since_days",
    default=30,
    show_default=True,
    type=click.IntRange(min=1),
    help="Days of the period (compared with the same number of days before it).",
)
@click.option(
    "--until",
    "until",
    metavar="YYYY-MM-DD",
    help="Last day of the period [default: now].",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
)
@click.option(
    "--top",
    default=15,
    show_default=True,
    type=click.IntRange(min=1),
    help="Trending phrases listed.",
)
@click.option(
    "--gaps",
    type=click.Path(dir_okay=False),
    help="Also write the trending phrases and questions no page answers into this content-gap list (the CSV of `keywords import --gaps`; its other rows are kept).",
)
def report_command(settings_file, since_days, until, output_format, top, gaps) -> None:
    """What your industry talks about, against your keywords and pages.

    For each phrase of your keyword catalogue: mentions in the period and the
    change against the period before. Phrases trending in the feeds that your
    catalogue does not have yet. Questions people ask, by nearest topic.
    Trending phrases and questions no page answers are the content gap.
    """
    from ..keywords.catalogue import load_catalogue
    from .language import stopwords_for
    from .report import ReportInput, build_report, feed_names

    end = _until(until)
    out = make_console()
    err = make_console(stderr=True)
    try:
        site, feeds = _load(settings_file)
        path = store.watch_file(site)
        stored = store.load_store(path)
        catalogue = load_catalogue(site)
        with (
            err.status("reading the site", spinner="dots")
            if err.is_terminal
            else _nothing()
        ):
            documents, topics = _read_site(site)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    if not stored.items:
        err.print(
            f"{path} holds no items yet: run `pullmarketing watch fetch` first",
            markup=False,
        )
    words, known = stopwords_for(site.get("DEFAULT_LANG"))
    if not known:
        err.print(
            f"no stop word list for DEFAULT_LANG {site.get('DEFAULT_LANG')!r}: "
            "trending phrases may hold common words",
            markup=False,
        )
    data = ReportInput(
        items=stored.items,
        feeds=feed_names(feeds, stored.feeds),
        feed_topics={f.url: f.topics for f in feeds},
        catalogue=catalogue,
        documents=documents,
        topics=topics,
        stopwords=words,
        lang=site.get("DEFAULT_LANG") or "",
    )
    report = build_report(data, until=end, since_days=since_days, top=top)
    if gaps:
        from ..keywords.gaps import WATCH, write_gap_list

        try:
            write_gap_list(gaps, report.gaps(), WATCH)
        except PullMarketingError as exc:
            raise click.ClickException(str(exc)) from None
    if output_format == "json":
        click.echo(dump_json(report.to_json()), nl=False)
    elif output_format == "csv":
        click.echo(report_csv(report), nl=False)
    else:
        render_text(
            report, out, since_days=since_days, feeds=len(feeds), gaps_file=gaps
        )


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


CSV_COLUMNS = [
    "kind",
    "topic",
    "phrase",
    "mentions",
    "previous",
    "change",
    "answered_by",
    "title",
    "feed",
    "link",
]


def report_csv(report) -> str:
    """One row per catalogue phrase, trending phrase and question, with its
    newest item."""
    from ..text import csv_cell

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)

    def row(kind, topic, phrase, mentions, previous, change, answered, item):
        item = item or {}
        writer.writerow(
            [
                kind,
                topic or "",
                csv_cell(phrase),
                mentions,
                previous,
                change,
                answered or "",
                csv_cell(item.get("title", "")),
                csv_cell(item.get("feed", "")),
                item.get("link", ""),
            ]
        )

    for p in report.phrases:
        row(
            "catalogue",
            "",
            p["phrase"],
            p["mentions"],
            p["previous"],
            p["change"],
            "",
            (p["items"] or [None])[0],
        )
    for t in report.trending:
        row(
            "trending",
            "",
            t["phrase"],
            t["mentions"],
            t["previous"],
            t["change"],
            t["answered_by"],
            t["items"][0],
        )
    for group in report.questions:
        for q in group["questions"]:
            row(
                "question",
                group["topic"],
                q["question"],
                1,
                "",
                "",
                q["answered_by"],
                q,
            )
    return buffer.getvalue()


def _change(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def render_text(
    report, out, *, since_days: int, feeds: int, gaps_file: str | None
) -> None:
    counts = report.counts()
    out.print(
        f"[bold]Industry watch[/bold], {report.period.start:%Y-%m-%d} to {report.period.end:%Y-%m-%d} "
        f"({since_days} days): {counts['items']} items from {feeds} feeds "
        f"({counts['items_before']} in the {since_days} days before)"
    )
    mentioned = [p for p in report.phrases if p["mentions"] or p["previous"]]
    out.print()
    if mentioned:
        print_table(
            out,
            "Your keyword phrases in the industry",
            ("phrase", "items", "before", "change", "newest"),
            (
                (
                    escape(p["phrase"]),
                    str(p["mentions"]),
                    str(p["previous"]),
                    _change(p["change"]),
                    escape(f"{p['items'][0]['title']} ({p['items'][0]['feed']})")
                    if p["items"]
                    else "",
                )
                for p in mentioned
            ),
            right=("items", "before", "change"),
        )
    silent = len(report.phrases) - len(mentioned)
    if report.phrases:
        out.print(
            f"{silent} of {len(report.phrases)} catalogue phrases not mentioned in either period"
        )
    else:
        out.print("No keyword catalogue: every phrase the feeds use counts as new.")
    out.print()
    if report.trending:
        print_table(
            out,
            "Trending phrases your catalogue does not have",
            ("phrase", "items", "feeds", "change", "answered by"),
            (
                (
                    escape(t["phrase"]),
                    str(t["mentions"]),
                    str(t["feeds"]),
                    _change(t["change"]),
                    escape(t["answered_by"])
                    if t["answered_by"]
                    else "[bold]content gap[/bold]",
                )
                for t in report.trending
            ),
            right=("items", "feeds", "change"),
        )
        for t in report.trending:
            example = t["items"][0]
            out.print(
                f"  {t['phrase']}: e.g. {example['title']} ({example['feed']}) {example['link']}",
                markup=False,
            )
    else:
        out.print(
            "No trending phrases (a phrase trends when at least 2 items of the period use it)."
        )
    out.print()
    if report.questions:
        out.print("[bold]Questions people ask[/bold], by nearest topic:")
        for group in report.questions:
            out.print(f"  {group['title']}", markup=False)
            for q in group["questions"]:
                answer = (
                    f"answered by {q['answered_by']}"
                    if q["answered_by"]
                    else "CONTENT GAP"
                )
                out.print(
                    f"    - {q['question']} ({q['feed']}, {q['published'][:10]}): {answer}",
                    markup=False,
                )
    else:
        out.print("No questions in the period.")
    out.print()
    out.print(
        f"Content gap: {counts['gaps']} trending phrases and questions no page answers"
        + (
            f"; written to {gaps_file} (source watch:trending / watch:question)"
            if gaps_file
            else " (--gaps FILE writes them to the gap list)"
        ),
        markup=False,
    )
