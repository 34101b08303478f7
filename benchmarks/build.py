"""One timed Pelican build, run in a fresh process by benchmarks.run so no
build inherits another's caches or signal receivers.

Prints one JSON line: wall-clock and CPU seconds of ``Pelican.run()`` and of
the keyword plugin's receivers. CPU time (this process only) is what the
runner compares: on a machine shared with other work, wall-clock time
measures the neighbours as much as Pelican.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("--plugin", action="append", default=[])
    parser.add_argument("--keywords-file", default="")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.ERROR)
    from pelican.settings import read_settings

    from pelican import Pelican

    try:
        from pelican_pullmarketing.keywords import plugin as keyword_plugin
    except ImportError:  # pragma: no cover
        keyword_plugin = None
    if keyword_plugin is not None:
        # Receivers are looked up when register() connects them: wrap first.
        keyword_plugin.load_at_start = _timed(keyword_plugin.load_at_start)
        keyword_plugin.link_all = _timed(keyword_plugin.link_all)

    override = {
        "PATH": args.content,
        "OUTPUT_PATH": args.output,
        "PLUGINS": args.plugin,
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
    if args.keywords_file:
        override["PULLMARKETING_KEYWORDS_FILE"] = args.keywords_file
    settings = read_settings(path=None, override=override)
    started, started_cpu = time.perf_counter(), time.process_time()
    Pelican(settings).run()
    result = {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - started_cpu,
        "keyword_seconds": KEYWORD_SECONDS[0],
        "keyword_cpu_seconds": KEYWORD_SECONDS[1],
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
