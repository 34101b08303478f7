"""The search-metadata feature's page work, measured on its own.

Builds a generated benchmark site once with the SEO feature, recording every
page the feature completes (the HTML the theme rendered and the template
context), then runs the feature's page receivers over the recorded pages
again, round after round, with the build's caches warm (documents' URLs and
descriptions already made). Prints the best round's CPU time per page and a
hash of the pages the receivers produced: two versions of the feature that
print the same hash write the same pages.

    python -m benchmarks.seo_replay [--articles 500] [--rounds 15]

Inside a real build the same work costs more (Pelican's own work between
pages displaces the receivers' code and data from the processor's caches):
``make bench`` measures that; this measures the code.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
import tempfile
import time

from .build import bench_settings
from .run import ROOT, output_parent, site_folder


def record_build(content: str, output: str) -> tuple[object, list]:
    """Build with the SEO feature; return the Pelican object and the
    (html, context) of every page the feature completed."""
    from pelican import Pelican
    from pelican_pullmarketing.seo import plugin

    pages: list = []
    complete = plugin.page_rendered

    def recording(html: str, context) -> str:
        pages.append((html, context))
        return complete(html, context)

    # Each generator's template class looks the receiver up when it is made.
    plugin.page_rendered = recording
    try:
        pelican = Pelican(
            bench_settings(content, output, ["pelican_pullmarketing.seo"])
        )
        pelican.run()
    finally:
        plugin.page_rendered = complete
    return pelican, pages


def replay(pelican, pages: list) -> list[str]:
    """The receivers over every recorded page: head completed as rendered,
    sitemap entry as written (the sitemap itself is not written)."""
    from pelican_pullmarketing import build
    from pelican_pullmarketing.seo import plugin

    current = build.begin(
        build.Build(
            settings=pelican.settings, features=frozenset({"seo"}), pelican=pelican
        )
    )
    out = []
    try:
        plugin.start(current)
        output = current.seo.output
        for html, context in pages:
            out.append(plugin.page_rendered(html, context))
            plugin.page_written(os.path.join(output, context["output_file"]), context)
    finally:
        build.end()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    site = site_folder(args.out, args.articles, [10])
    with tempfile.TemporaryDirectory(prefix="pm-replay-", dir=output_parent()) as out:
        pelican, pages = record_build(os.path.join(site, "content"), out)
        if not pages:
            print("no page was completed: is the SEO feature loaded?", file=sys.stderr)
            return 1
        digest = hashlib.sha256("".join(replay(pelican, pages)).encode()).hexdigest()
        best = float("inf")
        for _ in range(args.rounds):
            started = time.process_time()
            replay(pelican, pages)
            best = min(best, time.process_time() - started)
    print(
        f"{len(pages)} pages, best of {args.rounds} rounds: {best * 1000:.1f} ms CPU, "
        f"{best / len(pages) * 1e6:.1f} µs a page; pages sha256 {digest[:16]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
