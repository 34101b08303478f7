"""What share cards cost: milliseconds per card drawn (cold cache), and a
warm build (every card in the cache) against the same build with cards off,
and with cards off but a default image on every page (the same image tags in
every head: what the cards themselves cost).

    python -m benchmarks.cards [--articles 500] [--repeat 5] [--out bench/cards]

Each build runs in a fresh process on the synthetic site of ``make bench``
with the full plugin; CPU times, medians over the rounds, the order of the
configurations alternating from round to round.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from .build import bench_settings
from .run import ROOT, output_parent
from .sitegen import generate


def one_build(content: str, cards: str, cache: str) -> dict:
    """One build in this process: CPU seconds and the cards' counters."""
    import logging

    from pelican import Pelican
    from pelican_pullmarketing import build

    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="pm-cards-", dir=output_parent()) as out:
        settings = bench_settings(content, out, ["pelican_pullmarketing"])
        settings["PULLMARKETING_SHARE_CARDS"] = "missing" if cards == "on" else None
        if cards == "default":
            # Cards off, every page sharing one image: the same image tags in
            # every head as with cards, without the cards.
            settings["PULLMARKETING_DEFAULT_IMAGE"] = "https://bench.example/share.png"
        settings["PULLMARKETING_SHARE_CARD_CACHE"] = cache
        started = time.process_time()
        Pelican(settings).run()
        cpu = time.process_time() - started
    report = build.last_report()
    counters = {
        key.removeprefix("cards_"): value
        for key, value in report.items()
        if key.startswith("cards_")
    }
    return {"cpu_seconds": cpu, **counters}


def run_one(content: str, cards: str, cache: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.cards", "--one", content, cards, cache],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise SystemExit(f"build failed: {done.stderr.strip()[-500:]}")
    return json.loads(lines[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "cards"))
    parser.add_argument("--one", nargs=3, metavar=("CONTENT", "CARDS", "CACHE"))
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_build(*args.one)))
        return 0

    site = os.path.join(args.out, f"site-{args.articles}")
    content = os.path.join(site, "content")
    if not os.path.isdir(content):
        generate(site, articles=args.articles, keyword_counts=[10])
    # The cache on the output's file system, as a blog's .cache/ and output/
    # are: cached cards are then hard-linked, not copied.
    warm = tempfile.mkdtemp(prefix="pm-cards-warm-", dir=output_parent())
    run_one(content, "on", warm)  # fills the warm cache
    cold, off, default, on = [], [], [], []
    for round_no in range(args.repeat):
        order = [("off", off), ("default", default), ("on", on)]
        for name, runs in order if round_no % 2 == 0 else order[::-1]:
            runs.append(run_one(content, name, warm))
        fresh = tempfile.mkdtemp(prefix="pm-cards-cache-", dir=output_parent())
        try:
            cold.append(run_one(content, "on", fresh))
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    shutil.rmtree(warm, ignore_errors=True)

    def median(runs, key):
        return statistics.median(r[key] for r in runs)

    per_card = statistics.median(
        r["draw_cpu_seconds"] / r["drawn"] * 1000 for r in cold if r.get("drawn")
    )
    per_card_wall = statistics.median(
        r["draw_seconds"] / r["drawn"] * 1000 for r in cold if r.get("drawn")
    )
    result = {
        "articles": args.articles,
        "rounds": args.repeat,
        "cards_per_build": cold[0].get("drawn"),
        "cold_ms_per_card_cpu": round(per_card, 2),
        "cold_ms_per_card_wall": round(per_card_wall, 2),
        "warm_cards_drawn": max(r.get("drawn", 0) for r in on),
        "cards_off_cpu_s": round(median(off, "cpu_seconds"), 3),
        "cards_off_default_image_cpu_s": round(median(default, "cpu_seconds"), 3),
        "cards_on_warm_cpu_s": round(median(on, "cpu_seconds"), 3),
        "cards_on_cold_cpu_s": round(median(cold, "cpu_seconds"), 3),
        "warm_ratio": round(median(on, "cpu_seconds") / median(off, "cpu_seconds"), 4),
        "warm_ratio_to_default_image": round(
            median(on, "cpu_seconds") / median(default, "cpu_seconds"), 4
        ),
        "warm_card_write_s": round(median(on, "write_seconds"), 4),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
