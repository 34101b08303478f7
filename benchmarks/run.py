"""`make bench`: build generated sites with plain Pelican and with the
plugin, in one run, and print the overhead ratios: cold builds of the
synthetic site and of a prose site dense with keyword occurrences, warm
rebuilds (Pelican's content cache on, one article edited, as a writer's
preview rebuilds), time per article at several sizes, and peak memory.

Each build runs in a fresh process (benchmarks/build.py); configurations are
interleaved round by round (alternating order); the median of the rounds is
reported, in CPU seconds of the build process, which a machine busy with
other work disturbs far less than wall-clock time. Builds write to a memory
file system when there is one (see ``output_parent``). Writes
bench/results.json.

Sizes: --articles / BENCH_ARTICLES (default 2000), --keywords /
BENCH_KEYWORDS (default 10,1000,10000), --repeat / BENCH_REPEAT (default 5),
--scaling / BENCH_SCALING (article counts for the per-article time check,
default 500 plus --articles), --large / BENCH_LARGE=1 (adds 20,000
articles, one round: minutes per build, not for CI), --no-prose.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from pelican_pullmarketing import FEATURES as PACKAGE_FEATURES

from . import sitegen

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Every feature alone, but share cards (below).
FEATURES = tuple(name for name in PACKAGE_FEATURES if name != "cards")
# Share cards draw nothing alone (pages ask for theirs while SEO completes
# their head): measured as SEO with cards, against SEO alone.
SEO_CARDS = "seo + cards (cards cached)"
MAIN_KEYWORDS = 1000
WATCH_ITEMS = 5000  # items in the watch file of the "hubs on" configuration
WATCH_HUBS = f"topics + watch, hubs on ({WATCH_ITEMS:,} items)"


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.replace(" ", "").split(",") if x]


def site_folder(
    out: str, articles: int, keyword_counts: list[int], shape: str = "synthetic"
) -> str:
    """A generated site, reused while its parameters are unchanged."""
    suffix = "" if shape == "synthetic" else f"-{shape}"
    folder = os.path.join(out, f"site-{articles}{suffix}")
    stamp = os.path.join(folder, "stamp.json")
    wanted = {"articles": articles, "keywords": sorted(keyword_counts), "version": 4}
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as fh:
            have = json.load(fh)
        if all(
            os.path.exists(os.path.join(folder, f"keywords-{n}.csv"))
            for n in keyword_counts
        ) and {k: have.get(k) for k in ("articles", "version")} == {
            "articles": articles,
            "version": wanted["version"],
        }:
            return folder
    started = time.perf_counter()
    if os.path.isdir(folder):
        import shutil

        shutil.rmtree(folder)
    sitegen.generate(
        folder, articles=articles, keyword_counts=keyword_counts, shape=shape
    )
    with open(stamp, "w", encoding="utf-8") as fh:
        json.dump(wanted, fh)
    print(
        f"generated {articles} {shape} articles in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return folder


def compile_sources() -> None:
    """Byte-compile the package and the benchmark once, up front: where
    Python does not write bytecode itself (PYTHONDONTWRITEBYTECODE), every
    build would otherwise compile the modules it imports and count that."""
    import compileall

    for folder in ("pelican_pullmarketing", "benchmarks"):
        compileall.compile_dir(os.path.join(ROOT, folder), quiet=1)


def available_features() -> list[str]:
    """Features that exist now (others may still be under construction)."""
    found = []
    for name in FEATURES:
        try:
            module = importlib.import_module(f"pelican_pullmarketing.{name}")
        except Exception:  # noqa: BLE001 - a broken feature is reported, not fatal
            continue
        if callable(getattr(module, "register", None)):
            found.append(name)
    return found


def output_parent() -> str | None:
    """Where builds write: a memory file system when the machine has one
    (BENCH_OUTPUT or /dev/shm). CPU time counts the kernel's work of
    deleting and writing the output, which on a disk varies from build to
    build (here 0.8 s of a 2 s build, growing through a run) and would drown
    the differences measured."""
    wanted = os.environ.get("BENCH_OUTPUT") or "/dev/shm"
    if os.path.isdir(wanted) and os.access(wanted, os.W_OK):
        # A 2,000-article build writes about 70 MB; containers often give
        # /dev/shm 64 MB.
        if shutil.disk_usage(wanted).free >= 1 << 30:
            return wanted
        print(
            f"bench: {wanted} has less than 1 GB free; writing builds to the "
            "temporary folder",
            file=sys.stderr,
        )
    elif os.environ.get("BENCH_OUTPUT"):
        print(
            f"bench: BENCH_OUTPUT={wanted} is not a writable folder; writing "
            "builds to the temporary folder",
            file=sys.stderr,
        )
    return None  # the system's temporary folder


def _run_build(
    content: str,
    output: str,
    plugins: list[str],
    keywords_file: str,
    cache: str = "",
    watch_items: int = 0,
    bundled_theme: bool = False,
) -> dict:
    """One build in a fresh process (benchmarks/build.py): its JSON result,
    or {"error": …}. ``watch_items``: the industry watch with hubs on, over
    a watch file of that many items; ``bundled_theme``: the package's theme."""
    command = [sys.executable, "-m", "benchmarks.build", content, output]
    for plugin in plugins:
        command += ["--plugin", plugin]
    if keywords_file:
        command += ["--keywords-file", keywords_file]
    if cache:
        command += ["--cache", cache]
    if watch_items:
        command += ["--watch-items", str(watch_items)]
    if bundled_theme:
        command.append("--bundled-theme")
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=3600
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": " / ".join(tail) or f"exit status {done.returncode}"}
    return json.loads(lines[-1])


def build_once(
    site: str,
    plugins: list[str],
    keywords_file: str,
    watch_items: int = 0,
    bundled_theme: bool = False,
) -> dict:
    """A cold build: no content cache, output folder deleted first."""
    with tempfile.TemporaryDirectory(prefix="pm-bench-", dir=output_parent()) as output:
        return _run_build(
            os.path.join(site, "content"),
            output,
            plugins,
            keywords_file,
            watch_items=watch_items,
            bundled_theme=bundled_theme,
        )


EDITED_ARTICLE = "post-00001.md"


def warm_build(site: str, plugins: list[str], keywords_file: str) -> dict:
    """A writer's rebuild: a first build fills Pelican's content cache (and
    any cache of the plugin's), one article is edited, and the second build,
    the one measured, reads the warm cache and keeps the output folder."""
    with tempfile.TemporaryDirectory(
        prefix="pm-bench-warm-", dir=output_parent()
    ) as tmp:
        content = os.path.join(tmp, "content")
        shutil.copytree(os.path.join(site, "content"), content)
        cache, output = os.path.join(tmp, "cache"), os.path.join(tmp, "output")
        first = _run_build(content, output, plugins, keywords_file, cache)
        if "error" in first:
            return first
        edited = os.path.join(content, "articles", EDITED_ARTICLE)
        with open(edited, "a", encoding="utf-8") as fh:
            fh.write("\nOne more sentence, added between two builds.\n")
        later = os.stat(edited).st_mtime + 5  # a later mtime, whatever the clock
        os.utime(edited, (later, later))
        return _run_build(content, output, plugins, keywords_file, cache)


@dataclass(frozen=True)
class Config:
    """One configuration measured in every round."""

    name: str
    site: str
    plugins: tuple[str, ...]
    keywords_file: str = ""
    warm: bool = False
    reference: str = "plain"  # the configuration its ratio is taken against
    watch_items: int = 0  # the industry watch with hubs on, over this many items

    def build(self) -> dict:
        if self.warm:
            return warm_build(self.site, list(self.plugins), self.keywords_file)
        return build_once(
            self.site, list(self.plugins), self.keywords_file, self.watch_items
        )


def configurations(
    site: str, prose: str | None, keyword_counts: list[int], features: list[str]
) -> list[Config]:
    """Cold builds of the synthetic site (plain, keywords at each size, each
    feature alone, the full plugin, topics with the industry watch's hub
    items, against topics alone); warm rebuilds of it (plain, keywords,
    topics, SEO, full); cold builds of the prose site (plain, keywords, full)."""

    def kw(count: int, folder: str = site) -> str:
        return os.path.join(folder, f"keywords-{count}.csv")

    keywords = ("pelican_pullmarketing.keywords",)
    full = ("pelican_pullmarketing",)
    configs = [Config("plain", site, ())]
    configs += [
        Config(f"keywords ({n} keywords)", site, keywords, kw(n))
        for n in keyword_counts
    ]
    if features:
        configs.append(Config("full plugin", site, full, kw(MAIN_KEYWORDS)))
        configs += [
            Config(f"{name} alone", site, (f"pelican_pullmarketing.{name}",))
            for name in features
            if name != "keywords"
        ]
    if "seo" in features:
        configs.append(
            Config(
                SEO_CARDS,
                site,
                ("pelican_pullmarketing.seo", "pelican_pullmarketing.cards"),
                reference="seo alone",
            )
        )
    if "watch" in features and "topics" in features:
        configs.append(
            Config(
                WATCH_HUBS,
                site,
                ("pelican_pullmarketing.topics", "pelican_pullmarketing.watch"),
                watch_items=WATCH_ITEMS,
                reference="topics alone",
            )
        )
    warm = [
        Config("warm: plain", site, (), warm=True, reference="warm: plain"),
        Config(
            f"warm: keywords ({MAIN_KEYWORDS} keywords)",
            site,
            keywords,
            kw(MAIN_KEYWORDS),
            warm=True,
            reference="warm: plain",
        ),
    ]
    if features:
        warm += [
            Config(
                f"warm: {name} alone",
                site,
                (f"pelican_pullmarketing.{name}",),
                warm=True,
                reference="warm: plain",
            )
            for name in ("topics", "seo")
            if name in features
        ]
        warm.append(
            Config(
                "warm: full plugin",
                site,
                full,
                kw(MAIN_KEYWORDS),
                warm=True,
                reference="warm: plain",
            )
        )
    configs += warm
    if prose:
        configs += [
            Config("prose: plain", prose, (), reference="prose: plain"),
            Config(
                f"prose: keywords ({MAIN_KEYWORDS} keywords)",
                prose,
                keywords,
                kw(MAIN_KEYWORDS, prose),
                reference="prose: plain",
            ),
        ]
        if features:
            configs.append(
                Config(
                    "prose: full plugin",
                    prose,
                    full,
                    kw(MAIN_KEYWORDS, prose),
                    reference="prose: plain",
                )
            )
    return configs


CARD_CACHE_ENV = "BENCH_CARD_CACHE"


def card_cache(out: str) -> str:
    """The share-card cache every build uses (BENCH_CARD_CACHE, which
    benchmarks/build.py passes as PULLMARKETING_SHARE_CARD_CACHE): beside
    the builds' output, as a blog's .cache/ and output/ share a disk; with
    the output on a memory file system and the cache on disk, every card
    would be copied across file systems instead of linked. Filled from the
    benchmark's cache on disk (bench/.cache/share-cards), which
    ``save_card_cache`` brings up to date at the end."""
    disk = os.path.join(out, ".cache", "share-cards")
    folder = os.path.join(
        output_parent() or tempfile.gettempdir(), f"pm-bench-cards-{os.getpid()}"
    )
    if os.path.isdir(disk):
        shutil.copytree(disk, folder, dirs_exist_ok=True)
    os.makedirs(folder, exist_ok=True)
    return folder


def save_card_cache(folder: str, out: str) -> None:
    disk = os.path.join(out, ".cache", "share-cards")
    os.makedirs(disk, exist_ok=True)
    for name in os.listdir(folder):
        if not os.path.exists(os.path.join(disk, name)):
            shutil.copy2(os.path.join(folder, name), disk)
    shutil.rmtree(folder, ignore_errors=True)


def prime_card_cache(configs: list[Config]) -> None:
    """One unmeasured build of each site and set of plugins with cards, so no
    measured build draws a card: as on a blog, where cards are drawn once
    and every later build takes them from the cache (their first drawing is
    measured on its own by benchmarks/cards.py)."""
    done = set()
    for config in configs:
        wants_cards = {"pelican_pullmarketing", "pelican_pullmarketing.cards"}
        key = (config.site, config.plugins)
        if wants_cards & set(config.plugins) and key not in done:
            done.add(key)
            started = time.perf_counter()
            result = build_once(config.site, list(config.plugins), config.keywords_file)
            if "error" in result:
                print(f"  share-card cache: {result['error']}", flush=True)
            print(
                f"share cards of {os.path.basename(config.site)} cached "
                f"({time.perf_counter() - started:.0f} s, not measured)",
                flush=True,
            )


def paired_ratio(runs: list[dict], reference: list[dict]) -> float:
    """Median over rounds of each round's CPU-time ratio: the two builds of a
    round ran minutes apart at most, so a machine whose speed drifts during
    the run moves both alike."""
    return round(
        statistics.median(
            r["cpu_seconds"] / ref["cpu_seconds"]
            for r, ref in zip(runs, reference, strict=True)
        ),
        3,
    )


def summarise(runs: list[dict]) -> dict:
    errors = [r["error"] for r in runs if "error" in r]
    if errors:
        return {"error": errors[0]}

    def median(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 3)

    # CPU seconds of the build process are the measure (see build.py).
    # The plugin's own share is measured inside each build (its CPU time over
    # the rest of the same build), so a machine whose speed drifts between
    # builds does not blur it the way it blurs build-to-build ratios.
    shares = [
        r["keyword_cpu_seconds"] / (r["cpu_seconds"] - r["keyword_cpu_seconds"])
        for r in runs
    ]
    return {
        "median_seconds": median("cpu_seconds"),
        "median_wall_seconds": median("seconds"),
        "runs": [round(r["cpu_seconds"], 3) for r in runs],
        "keyword_seconds": median("keyword_cpu_seconds"),
        "keyword_share_in_build": round(statistics.median(shares), 4),
        "max_rss_mb": round(max(r.get("max_rss_mb", 0.0) for r in runs), 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 2000))
    )
    parser.add_argument(
        "--keywords", default=os.environ.get("BENCH_KEYWORDS", "10,1000,10000")
    )
    parser.add_argument(
        "--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", 5))
    )
    parser.add_argument("--scaling", default=os.environ.get("BENCH_SCALING", ""))
    parser.add_argument(
        "--no-features", action="store_true", help="Only plain vs keywords."
    )
    parser.add_argument(
        "--no-prose", action="store_true", help="Leave out the prose site."
    )
    parser.add_argument(
        "--large",
        action="store_true",
        default=bool(os.environ.get("BENCH_LARGE")),
        help=f"Also build {LARGE:,} articles (plain, keywords, full; one round "
        "each; several minutes per build).",
    )
    parser.add_argument("--out", default=os.path.join(ROOT, "bench"))
    args = parser.parse_args(argv)

    keyword_counts = sorted(set(_ints(args.keywords)) | {MAIN_KEYWORDS})
    scaling = set(_ints(args.scaling)) if args.scaling else {min(500, args.articles)}
    scaling.add(args.articles)
    if args.large:
        scaling.add(LARGE)
    os.makedirs(args.out, exist_ok=True)
    compile_sources()
    site = site_folder(args.out, args.articles, keyword_counts)
    prose = (
        None
        if args.no_prose
        else site_folder(args.out, args.articles, [MAIN_KEYWORDS], "prose")
    )
    features = [] if args.no_features else available_features()
    configs = configurations(site, prose, keyword_counts, features)

    print(
        f"{args.articles} articles, {len(configs)} configurations x {args.repeat} rounds",
        flush=True,
    )
    cards = os.environ[CARD_CACHE_ENV] = card_cache(args.out)
    try:
        prime_card_cache(configs)
        runs = measure(configs, args.repeat)
        builds = {name: summarise(r) for name, r in runs.items()}
        for config in configs:
            summary, reference = builds[config.name], builds.get(config.reference, {})
            if "median_seconds" in summary and "median_seconds" in reference:
                summary["ratio_to_plain"] = paired_ratio(
                    runs[config.name], runs[config.reference]
                )
                summary["memory_ratio_to_plain"] = round(
                    summary["max_rss_mb"] / reference["max_rss_mb"], 3
                )
                summary["plugin_share_of_plain"] = summary["keyword_share_in_build"]
        article_scaling = scale(args, sorted(scaling), site, builds)
    finally:
        save_card_cache(cards, args.out)
    low, high = min(keyword_counts), max(keyword_counts)
    kw_low = builds[f"keywords ({low} keywords)"]
    kw_high = builds[f"keywords ({high} keywords)"]
    keyword_scaling = {}
    if "median_seconds" in kw_low and "median_seconds" in kw_high:
        keyword_scaling = {
            "build_ratio": paired_ratio(
                runs[f"keywords ({high} keywords)"], runs[f"keywords ({low} keywords)"]
            ),
            "plugin_seconds": {
                str(low): kw_low["keyword_seconds"],
                str(high): kw_high["keyword_seconds"],
            },
        }
    results = {
        "articles": args.articles,
        "repeat": args.repeat,
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "output": output_parent() or tempfile.gettempdir(),
        },
        "builds": builds,
        "keyword_scaling": {f"{high}_vs_{low}": keyword_scaling},
        "article_scaling": article_scaling,
        "targets": TARGETS,
    }
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print_table(results)
    return 0


LARGE = 20000
TARGETS = {
    "warm: full plugin": "<= 1.10 x plain Pelican, warm",
    f"warm: keywords ({MAIN_KEYWORDS} keywords)": "<= 1.02 x plain Pelican, warm",
    "full plugin": "<= 1.10 x plain Pelican",
    "prose: full plugin": "<= 1.10 x plain Pelican",
    f"keywords ({MAIN_KEYWORDS} keywords)": "<= 1.03 x plain Pelican",
    "keywords 10000 vs 10": "<= 1.05 x",
    "seo alone": "< 1.03 x plain Pelican",
    "watch alone": "within noise of plain Pelican (no PULLMARKETING_WATCH)",
    WATCH_HUBS: "<= 1.02 x topics alone",
    "per-article time, 500 to the largest size": "within 10 % (plain, full, theme)",
    "peak memory, full plugin at the largest size": "<= 1.2 x plain Pelican",
}


def measure(configs: list[Config], repeat: int) -> dict[str, list[dict]]:
    """Every configuration once per round, the order alternating between
    rounds so a machine getting busier or quieter during the run does not
    favour the configurations measured first."""
    runs: dict[str, list[dict]] = {c.name: [] for c in configs}
    for round_no in range(repeat):
        for config in configs if round_no % 2 == 0 else configs[::-1]:
            result = config.build()
            runs[config.name].append(result)
            shown = (
                f"{result['cpu_seconds']:.2f} s CPU, {result['seconds']:.2f} s wall, "
                f"{result['max_rss_mb']:.0f} MB"
                if "seconds" in result
                else result["error"]
            )
            print(f"  round {round_no + 1}: {config.name}: {shown}", flush=True)
    return runs


def scale(args, sizes: list[int], site: str, builds: dict) -> dict:
    """Time per article and peak memory of plain Pelican, keywords and the
    full plugin at each size (cold builds; the main size's figures come from
    the rounds above; the largest size, behind --large, one round)."""
    full = builds.get("full plugin", {})
    table = {}
    for count in sizes:
        if count == args.articles:
            figures = {
                "plain": builds["plain"],
                "keywords": builds[f"keywords ({MAIN_KEYWORDS} keywords)"],
                "full": full,
            }
        else:
            folder = site_folder(args.out, count, [MAIN_KEYWORDS])
            kw = os.path.join(folder, f"keywords-{MAIN_KEYWORDS}.csv")
            rounds = 1 if count >= LARGE else args.repeat
            print(f"scaling: {count} articles, {rounds} round(s)", flush=True)
            if full:
                prime_card_cache(
                    [Config("full", folder, ("pelican_pullmarketing",), kw)]
                )
            figures = {
                "plain": summarise([build_once(folder, [], "") for _ in range(rounds)]),
                "keywords": summarise(
                    [
                        build_once(folder, ["pelican_pullmarketing.keywords"], kw)
                        for _ in range(rounds)
                    ]
                ),
            }
            if full:
                figures["full"] = summarise(
                    [
                        build_once(folder, ["pelican_pullmarketing"], kw)
                        for _ in range(rounds)
                    ]
                )
        if full:
            # The bundled theme renders far more per page than Pelican's
            # default (cards, menus, byline links): its time per article is
            # the check that no page's work grows with the site.
            folder = site if count == args.articles else folder
            kw = os.path.join(folder, f"keywords-{MAIN_KEYWORDS}.csv")
            rounds = 1 if count >= LARGE else args.repeat
            build_once(folder, ["pelican_pullmarketing"], kw, bundled_theme=True)
            figures["theme"] = summarise(
                [
                    build_once(
                        folder, ["pelican_pullmarketing"], kw, bundled_theme=True
                    )
                    for _ in range(rounds)
                ]
            )
        row = {}
        for name, summary in figures.items():
            if "median_seconds" in summary:
                row[f"{name}_ms_per_article"] = round(
                    1000 * summary["median_seconds"] / count, 3
                )
                row[f"{name}_max_rss_mb"] = summary["max_rss_mb"]
        table[str(count)] = row
    return table


def print_table(results: dict) -> None:
    print(
        f"\n{results['articles']} articles, median of {results['repeat']} builds "
        "(CPU seconds of the build process; wall-clock for reference)"
    )
    print(
        f"{'configuration':34} {'CPU s':>7} {'x plain':>8} {'in kw':>7} "
        f"{'wall s':>7} {'peak MB':>8} {'x mem':>6}"
    )
    for name, b in results["builds"].items():
        if "error" in b:
            print(f"{name:34} failed: {b['error'][:70]}")
            continue
        share = (
            f"{100 * b['plugin_share_of_plain']:.1f}%" if b["keyword_seconds"] else ""
        )
        print(
            f"{name:34} {b['median_seconds']:7.2f} {b.get('ratio_to_plain', 0):8.3f} "
            f"{share:>7} {b['median_wall_seconds']:7.2f} {b['max_rss_mb']:8.0f} "
            f"{b.get('memory_ratio_to_plain', 0):6.2f}"
        )
    for label, data in results["keyword_scaling"].items():
        if data:
            print(
                f"\nkeyword scaling, {label.replace('_', ' ')} keywords: "
                f"{data['build_ratio']:.3f} x build time; CPU seconds in the "
                f"plugin: {data['plugin_seconds']}"
            )
    if results["article_scaling"]:
        names = ("plain", "keywords", "full", "theme")
        print(
            "\narticles  "
            + "  ".join(f"{n + ' ms/art':>15}" for n in names)
            + "  "
            + "  ".join(f"{n + ' MB':>9}" for n in names)
        )
        for count, row in results["article_scaling"].items():
            times = "  ".join(
                f"{row.get(f'{n}_ms_per_article', float('nan')):15.2f}" for n in names
            )
            memory = "  ".join(
                f"{row.get(f'{n}_max_rss_mb', float('nan')):9.0f}" for n in names
            )
            print(f"{count:>8}  {times}  {memory}")
    print(
        "\nx plain: median over rounds of build time / plain Pelican's in the same "
        "round and mode (warm: against plain Pelican's warm rebuild; prose: against "
        "plain Pelican on the prose site; the watch's hub items: against topics "
        "alone). in kw: CPU time inside the keyword "
        "receivers / the rest of the same build. x mem: peak resident memory / "
        "plain Pelican's. theme: the full plugin with the bundled theme (time "
        "per article only: Pelican has no build of that theme to compare with). "
        "Targets:"
    )
    for name, target in results["targets"].items():
        print(f"  {name}: {target}")


if __name__ == "__main__":
    sys.exit(main())
