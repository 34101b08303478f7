"""Write the sample site's watch file, content/watch.json, from the three
invented industry feeds in data/watch/ (a trade magazine's Atom feed, a
competitor's blog and a homeowners' forum), fetched by the same code as
`pullmarketing watch fetch`, with the feeds' addresses answered from those
files instead of the network, on a fixed day (1 December 2026), so the file
is the same on every run.

    python sample_site/make_watch.py [OUT]   (default: content/watch.json)
"""

from __future__ import annotations

import datetime as dt
import os
import sys

import httpx

HERE = os.path.dirname(os.path.abspath(__file__))
DAY = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.timezone.utc)
# Feed address -> (file in data/watch, Content-Type the site would send)
FILES = {
    "https://installermonthly.example/news/feed.atom": (
        "trade-magazine.atom",
        "application/atom+xml",
    ),
    "https://severnheating.example/blog/feed/": (
        "competitor.rss",
        "application/rss+xml; charset=UTF-8",
    ),
    "https://homeownersforum.example/c/heating-plumbing.rss": (
        "homeowners-forum.rss",
        "application/rss+xml",
    ),
}


def answer(request: httpx.Request) -> httpx.Response:
    name, content_type = FILES[str(request.url)]
    with open(os.path.join(HERE, "data", "watch", name), "rb") as fh:
        return httpx.Response(
            200, content=fh.read(), headers={"Content-Type": content_type}
        )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, HERE)
    from pelican_pullmarketing.sitesetup import load_site
    from pelican_pullmarketing.watch import config, fetch, store

    site = load_site(os.path.join(HERE, "pelicanconf.py"))
    site["PATH"] = os.path.join(HERE, "content")
    feeds = config.configured_feeds(site)
    path = argv[0] if argv else os.path.join(HERE, "content", "watch.json")
    stored = store.WatchStore()
    with fetch.make_client(site, transport=httpx.MockTransport(answer)) as client:
        results = fetch.fetch_all(feeds, stored.feeds, client, now=DAY)
    failed = [r for r in results if r.status == "failed"]
    if failed:
        for r in failed:
            print(f"{r.feed.url}: {r.problem}", file=sys.stderr)
        return 1
    fetch.apply_results(
        stored, results, keep_days=site["PULLMARKETING_WATCH_KEEP_DAYS"], now=DAY
    )
    store.save_store(path, stored)
    print(f"{path}: {len(stored.items)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
