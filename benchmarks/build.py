"""One timed Pelican build, run in a fresh process by benchmarks.run so no
build inherits another's caches or signal receivers.

Prints one JSON line: wall-clock and CPU seconds of ``Pelican.run()`` and of
the keyword plugin's receivers, and the process's peak resident memory.
With ``--cache DIR`` the build reads and writes Pelican's content cache in
DIR and keeps the output folder, as a writer's ``make devserver`` or
``pelican --autoreload`` rebuild does. CPU time (this process only) is what the
runner compares: on a machine shared with other work, wall-clock time
measures the neighbours as much as Pelican.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import resource
import sys
import time

KEYWORD_SECONDS = [0.0, 0.0]  # wall, CPU


def _timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            KEYWORD_SECONDS[0] += time.perf_counter() - started
            KEYWORD_SECONDS[1] += time.process_time() - started_cpu

    return wrapper


def bench_settings(
    content: str,
    output: str,
    plugins: list,
    keywords_file: str = "",
    cache: str = "",
    watch_items: int = 0,
    bundled_theme: bool = False,
) -> dict:
    """Pelican's settings for a build of a generated benchmark site (with
    ``cache``: Pelican's content cache on, in that folder; with
    ``bundled_theme``: the package's theme instead of Pelican's default)."""
    from pelican.settings import read_settings

    override = {
        "PATH": content,
        "OUTPUT_PATH": output,
        "PLUGINS": plugins,
        "SITEURL": "https://bench.example",
        "SITENAME": "Bench",
        "TIMEZONE": "UTC",
        "DEFAULT_LANG": "en",
        "ARTICLE_PATHS": ["articles"],
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "DELETE_OUTPUT_DIRECTORY": True,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
    }
    if keywords_file:
        override["PULLMARKETING_KEYWORDS_FILE"] = keywords_file
    if bundled_theme:
        from pelican_pullmarketing import theme_path

        override["THEME"] = theme_path()
    if os.environ.get("BENCH_CARD_CACHE"):  # see benchmarks.run.card_cache
        override["PULLMARKETING_SHARE_CARD_CACHE"] = os.environ["BENCH_CARD_CACHE"]
    if cache:
        override.update(
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            CACHE_PATH=cache,
            DELETE_OUTPUT_DIRECTORY=False,
        )
    if watch_items:
        # The industry watch with hubs on: a watch file of that many items,
        # five on each topic's page.
        from .sitegen import write_watch_file

        path = output.rstrip(os.sep) + "-watch.json"  # beside the output
        override["PULLMARKETING_WATCH"] = write_watch_file(path, watch_items)
        override["PULLMARKETING_WATCH_FILE"] = path
        override["PULLMARKETING_WATCH_ON_HUBS"] = 5
    return read_settings(path=None, override=override)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("--plugin", action="append", default=[])
    parser.add_argument("--keywords-file", default="")
    parser.add_argument("--watch-items", type=int, default=0)
    parser.add_argument("--bundled-theme", action="store_true")
    parser.add_argument(
        "--cache", default="", help="Pelican's content cache folder (warm builds)."
    )
    parser.add_argument(
        "--write-linked",
        default="",
        help="Write the source paths of the documents keyword links point to.",
    )
    parser.add_argument(
        "--fix-urls",
        default="",
        help="Fix the URLs of the documents listed (as the keyword plugin "
        "does for the documents it links to), without adding links.",
    )
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.ERROR)
    from pelican import Pelican

    try:
        from pelican_pullmarketing.keywords import plugin as keyword_plugin
    except ImportError:  # pragma: no cover
        keyword_plugin = None
    linked: list[str] = []
    if keyword_plugin is not None:
        from pelican_pullmarketing.keywords.linker import source_path

        # Receivers are looked up when connect() connects them (``start``
        # when core calls it): wrap first.
        keyword_plugin.start = _timed(keyword_plugin.start)
        keyword_plugin.link_all = _timed(keyword_plugin.link_all)
        # Links are written with their targets' URLs once those are final.
        keyword_plugin.fix_target_urls = _timed(keyword_plugin.fix_target_urls)
        fix_urls = keyword_plugin.fix_urls

        def fix_and_record(docs, **kwargs):
            docs = list(docs)
            linked.extend(source_path(doc) for doc in docs)
            fix_urls(docs, **kwargs)

        keyword_plugin.fix_urls = fix_and_record
    plugins = list(args.plugin)
    if args.fix_urls:
        plugins.append(_url_fixer(args.fix_urls))

    settings = bench_settings(
        args.content,
        args.output,
        plugins,
        args.keywords_file,
        args.cache,
        args.watch_items,
        args.bundled_theme,
    )
    started, started_cpu = time.perf_counter(), time.process_time()
    Pelican(settings).run()
    result = {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - started_cpu,
        "keyword_seconds": KEYWORD_SECONDS[0],
        "keyword_cpu_seconds": KEYWORD_SECONDS[1],
        # Linux reports kilobytes.
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if args.watch_items:
        os.unlink(settings["PULLMARKETING_WATCH_FILE"])
    if args.write_linked:
        with open(args.write_linked, "w", encoding="utf-8") as fh:
            fh.write("".join(f"{path}\n" for path in sorted(linked)))
    print(json.dumps(result))
    return 0


def _url_fixer(listing: str):
    """A plugin (a module object, as PLUGINS accepts) that fixes the URLs of
    the documents listed in ``listing``, at the signal where the keyword
    plugin fixes those of its targets: plain Pelican with that one saving,
    to tell the plugin's own cost from what it spares Pelican."""
    import types

    from pelican import signals
    from pelican_pullmarketing import core
    from pelican_pullmarketing.keywords.linker import source_path
    from pelican_pullmarketing.urls import fix_urls

    with open(listing, encoding="utf-8") as fh:
        wanted = set(fh.read().split())

    def fix(generators) -> None:
        fix_urls(d for d in core.documents(generators) if source_path(d) in wanted)

    module = types.ModuleType("url_fixer")
    module.register = lambda: signals.all_generators_finalized.connect(fix)
    module.fix = fix  # blinker keeps a weak reference to receivers
    return module


if __name__ == "__main__":
    sys.exit(main())
