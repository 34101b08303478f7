"""`make bench`: build a generated site with plain Pelican and with the
plugin, in one run, and print the overhead ratios.

Each build runs in a fresh process (benchmarks/build.py); configurations are
interleaved round by round (alternating order); the median of the rounds is
reported, in CPU seconds of the build process, which a machine busy with
other work disturbs far less than wall-clock time. Builds write to a memory
file system when there is one (see ``output_parent``). Writes
bench/results.json.

Sizes: --articles / BENCH_ARTICLES (default 2000), --keywords /
BENCH_KEYWORDS (default 10,1000,10000), --repeat / BENCH_REPEAT (default 5),
--scaling / BENCH_SCALING (article counts for the per-article time check,
default 500 plus --articles; 8000 takes minutes per build).
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

from . import sitegen

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURES = ("keywords", "topics", "gates", "crosspost", "conversation", "seo")
MAIN_KEYWORDS = 1000


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.replace(" ", "").split(",") if x]


def site_folder(out: str, articles: int, keyword_counts: list[int]) -> str:
    """A generated site, reused while its parameters are unchanged."""
    folder = os.path.join(out, f"site-{articles}")
    stamp = os.path.join(folder, "stamp.json")
    wanted = {"articles": articles, "keywords": sorted(keyword_counts), "version": 3}
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
    sitegen.generate(folder, articles=articles, keyword_counts=keyword_counts)
    with open(stamp, "w", encoding="utf-8") as fh:
        json.dump(wanted, fh)
    print(
        f"generated {articles} articles in {time.perf_counter() - started:.1f} s",
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


def build_once(site: str, plugins: list[str], keywords_file: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="pm-bench-", dir=output_parent()) as output:
        command = [
            sys.executable,
            "-m",
            "benchmarks.build",
            os.path.join(site, "content"),
            output,
        ]
        for plugin in plugins:
            command += ["--plugin", plugin]
        if keywords_file:
            command += ["--keywords-file", keywords_file]
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=1800
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": " / ".join(tail) or f"exit status {done.returncode}"}
    return json.loads(lines[-1])


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
    parser.add_argument("--out", default=os.path.join(ROOT, "bench"))
    args = parser.parse_args(argv)

    keyword_counts = sorted(set(_ints(args.keywords)) | {MAIN_KEYWORDS})
    scaling = (
        _ints(args.scaling)
        if args.scaling
        else [min(500, args.articles), args.articles]
    )
    scaling = sorted(set(scaling))
    os.makedirs(args.out, exist_ok=True)
    compile_sources()
    site = site_folder(args.out, args.articles, keyword_counts)

    def kw_file(count: int, folder: str = site) -> str:
        return os.path.join(folder, f"keywords-{count}.csv")

    configs: dict[str, tuple[list[str], str]] = {"plain": ([], "")}
    for count in keyword_counts:
        configs[f"keywords ({count} keywords)"] = (
            ["pelican_pullmarketing.keywords"],
            kw_file(count),
        )
    features = [] if args.no_features else available_features()
    if not args.no_features:
        configs["full plugin"] = (["pelican_pullmarketing"], kw_file(MAIN_KEYWORDS))
        for name in features:
            if name != "keywords":
                configs[f"{name} alone"] = ([f"pelican_pullmarketing.{name}"], "")

    print(
        f"{args.articles} articles, {len(configs)} configurations x {args.repeat} rounds",
        flush=True,
    )
    runs: dict[str, list[dict]] = {name: [] for name in configs}
    for round_no in range(args.repeat):
        # Alternate the order so a machine getting busier or quieter during
        # the run does not favour the configurations measured first.
        order = list(configs.items())
        for name, (plugins, keywords_file) in (
            order if round_no % 2 == 0 else order[::-1]
        ):
            result = build_once(site, plugins, keywords_file)
            runs[name].append(result)
            shown = (
                f"{result['cpu_seconds']:.2f} s CPU, {result['seconds']:.2f} s wall"
                if "seconds" in result
                else result["error"]
            )
            print(f"  round {round_no + 1}: {name}: {shown}", flush=True)

    builds = {name: summarise(r) for name, r in runs.items()}
    for name, summary in builds.items():
        if "median_seconds" in summary and "median_seconds" in builds["plain"]:
            summary["ratio_to_plain"] = paired_ratio(runs[name], runs["plain"])
            summary["plugin_share_of_plain"] = summary["keyword_share_in_build"]

    # Article scaling: plain and keywords, time per article.
    article_scaling = {}
    for count in scaling:
        folder = (
            site
            if count == args.articles
            else site_folder(args.out, count, [MAIN_KEYWORDS])
        )
        if count == args.articles:
            plain_s = builds["plain"].get("median_seconds")
            kw_s = builds[f"keywords ({MAIN_KEYWORDS} keywords)"].get("median_seconds")
        else:
            plain_s = summarise(
                [build_once(folder, [], "") for _ in range(args.repeat)]
            ).get("median_seconds")
            kw_s = summarise(
                [
                    build_once(
                        folder,
                        ["pelican_pullmarketing.keywords"],
                        kw_file(MAIN_KEYWORDS, folder),
                    )
                    for _ in range(args.repeat)
                ]
            ).get("median_seconds")
        if plain_s and kw_s:
            article_scaling[str(count)] = {
                "plain_ms_per_article": round(1000 * plain_s / count, 3),
                "keywords_ms_per_article": round(1000 * kw_s / count, 3),
                "ratio": round(kw_s / plain_s, 3),
            }

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
        "targets": {
            "keywords_overhead": "< 1.05 x plain Pelican",
            "keywords_10000_vs_10": "< 1.1 x",
            "seo_overhead": "< 1.03 x plain Pelican",
        },
    }
    with open(os.path.join(args.out, "results.json"), "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print_table(results)
    return 0


def print_table(results: dict) -> None:
    print(
        f"\n{results['articles']} articles, median of {results['repeat']} builds "
        "(CPU seconds of the build process; wall-clock for reference)"
    )
    print(
        f"{'configuration':30} {'CPU s':>7} {'x plain':>8} {'in plugin':>10} {'wall s':>8}"
    )
    for name, b in results["builds"].items():
        if "error" in b:
            print(f"{name:30} failed: {b['error'][:70]}")
            continue
        share = (
            f"{100 * b['plugin_share_of_plain']:.1f}%" if b["keyword_seconds"] else ""
        )
        print(
            f"{name:30} {b['median_seconds']:7.2f} {b['ratio_to_plain']:8.3f} "
            f"{share:>10} {b['median_wall_seconds']:8.2f}"
        )
    for label, data in results["keyword_scaling"].items():
        if data:
            print(
                f"\nkeyword scaling, {label.replace('_', ' ')} keywords: "
                f"{data['build_ratio']:.3f} x build time; CPU seconds in the "
                f"plugin: {data['plugin_seconds']}"
            )
    if results["article_scaling"]:
        print("\narticles  plain ms/article  keywords ms/article  ratio")
        for count, data in results["article_scaling"].items():
            print(
                f"{count:>8}  {data['plain_ms_per_article']:16.2f}  "
                f"{data['keywords_ms_per_article']:19.2f}  {data['ratio']:.3f}"
            )
    print(
        "\nx plain: median over rounds of build time / plain Pelican's in the same "
        "round (build-to-build noise on a shared "
        "machine is several %). in plugin: CPU time inside the keyword receivers "
        "/ the rest of the same build. Targets: keywords < 1.05 x plain; 10,000 "
        "keywords < 1.1 x 10 keywords; SEO alone < 1.03 x plain."
    )


if __name__ == "__main__":
    sys.exit(main())
