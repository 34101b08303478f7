"""`make bench-instructions`: the same configurations as `make bench`, measured
in instructions executed (valgrind's callgrind) instead of seconds.

Instruction counts do not depend on what else the machine is doing, so two
runs agree to a fraction of a per cent where CPU-time ratios wander by
several: this is the measure to hold overhead targets against. It is ~60x
slower than a plain build, hence a smaller site (``--articles``, default 500).
Writes bench/instructions.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from .run import (
    MAIN_KEYWORDS,
    ROOT,
    available_features,
    compile_sources,
    site_folder,
)

COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def count_instructions(
    site: str, plugins: list[str], keywords_file: str, extra: tuple = ()
) -> int:
    """Instructions of one build (``benchmarks.build`` in a fresh process);
    ``extra``: more arguments for it."""
    with tempfile.TemporaryDirectory(prefix="pm-bench-") as tmp:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={os.path.join(tmp, 'callgrind.out')}",
            sys.executable,
            "-m",
            "benchmarks.build",
            os.path.join(site, "content"),
            os.path.join(tmp, "output"),
        ]
        for plugin in plugins:
            command += ["--plugin", plugin]
        if keywords_file:
            command += ["--keywords-file", keywords_file]
        command += list(extra)
        # A fixed hash seed: set iteration order, hence instruction counts,
        # is the same from run to run.
        env = dict(os.environ, PYTHONHASHSEED="0")
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
    match = COLLECTED.search(done.stderr)
    if done.returncode or not match:
        tail = " / ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise RuntimeError(f"build with {plugins or 'no plugin'} failed: {tail}")
    return int(match.group(1))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--keywords", default="10,1000,10000")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench"))
    args = parser.parse_args(argv)
    if not shutil.which("valgrind"):
        print("valgrind not found: apt-get install valgrind", file=sys.stderr)
        return 2
    counts = [int(k) for k in args.keywords.split(",") if k.strip()]
    compile_sources()
    site = site_folder(args.out, args.articles, counts)

    def kw_file(count: int) -> str:
        return os.path.join(site, f"keywords-{count}.csv")

    def linked_list(count: int) -> str:
        return os.path.join(args.out, f"linked-{count}.txt")

    configs = {"plain": ([], "", ())}
    for count in counts:
        configs[f"keywords ({count} keywords)"] = (
            ["pelican_pullmarketing.keywords"],
            kw_file(count),
            ("--write-linked", linked_list(count)),
        )
    configs["full plugin"] = (["pelican_pullmarketing"], kw_file(MAIN_KEYWORDS), ())
    for name in available_features():
        if name != "keywords":
            configs[f"{name} alone"] = ([f"pelican_pullmarketing.{name}"], "", ())
    # The keyword plugin fixes the URLs of the documents it links to, which
    # also spares Pelican its own re-formatting of them: plain Pelican with
    # just that saving tells the plugin's own cost apart (second round: the
    # lists come from the keyword builds).
    fixed = {
        f"plain, URLs of {count}-keyword targets fixed": (
            [],
            "",
            ("--fix-urls", linked_list(count)),
        )
        for count in counts
    }

    print(
        f"{args.articles} articles, {len(configs) + len(fixed)} builds under callgrind",
        flush=True,
    )
    instructions = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for batch in (configs, fixed):
            futures = {
                name: pool.submit(count_instructions, site, *config)
                for name, config in batch.items()
            }
            instructions |= {name: future.result() for name, future in futures.items()}

    plain = instructions["plain"]
    rows = {
        name: {"instructions": n, "ratio_to_plain": round(n / plain, 4)}
        for name, n in instructions.items()
    }
    print(f"\n{'configuration':44} {'instructions':>16} {'x plain':>8}")
    for name, row in rows.items():
        print(f"{name:44} {row['instructions']:>16,} {row['ratio_to_plain']:>8.3f}")
    low, high = (
        f"keywords ({min(counts)} keywords)",
        f"keywords ({max(counts)} keywords)",
    )
    scaling = None
    if low in rows and high in rows and low != high:
        scaling = round(instructions[high] / instructions[low], 4)
        print(
            f"\nkeyword scaling, {max(counts)} vs {min(counts)} keywords: {scaling:.3f} x"
        )
    own = {}
    for count in counts:
        spared = plain - instructions[f"plain, URLs of {count}-keyword targets fixed"]
        cost = instructions[f"keywords ({count} keywords)"] - plain + spared
        own[count] = {
            "pelican_work_spared": spared,
            "own_cost_ratio": round(cost / plain, 4),
        }
        added = instructions[f"keywords ({count} keywords)"] / plain - 1
        print(
            f"keywords ({count}): the build {added:+.1%}; the plugin's own work "
            f"{cost / plain:.1%}, less {spared / plain:.1%} of Pelican's work "
            "spared by the fixed target URLs"
        )
    own_scaling = None
    if scaling is not None:
        high_n, low_n = max(counts), min(counts)
        own_scaling = round(
            (instructions[high] + own[high_n]["pelican_work_spared"])
            / (instructions[low] + own[low_n]["pelican_work_spared"]),
            4,
        )
        print(
            f"keyword scaling without the work spared to Pelican: {own_scaling:.3f} x"
        )
    result = {
        "articles": args.articles,
        "builds": rows,
        "keyword_scaling": scaling,
        "keyword_scaling_own_work": own_scaling,
        "keyword_own_cost": own,
    }
    with open(os.path.join(args.out, "instructions.json"), "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
