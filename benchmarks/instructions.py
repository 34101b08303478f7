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


def count_instructions(site: str, plugins: list[str], keywords_file: str) -> int:
    """Instructions of one build (``benchmarks.build`` in a fresh process)."""
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

    configs = {"plain": ([], "")}
    for count in counts:
        configs[f"keywords ({count} keywords)"] = (
            ["pelican_pullmarketing.keywords"],
            kw_file(count),
        )
    configs["full plugin"] = (["pelican_pullmarketing"], kw_file(MAIN_KEYWORDS))
    for name in available_features():
        if name != "keywords":
            configs[f"{name} alone"] = ([f"pelican_pullmarketing.{name}"], "")

    print(
        f"{args.articles} articles, {len(configs)} builds under callgrind", flush=True
    )
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {
            name: pool.submit(count_instructions, site, plugins, keywords_file)
            for name, (plugins, keywords_file) in configs.items()
        }
        instructions = {name: future.result() for name, future in futures.items()}

    plain = instructions["plain"]
    rows = {
        name: {"instructions": n, "ratio_to_plain": round(n / plain, 4)}
        for name, n in instructions.items()
    }
    print(f"\n{'configuration':30} {'instructions':>16} {'x plain':>8}")
    for name, row in rows.items():
        print(f"{name:30} {row['instructions']:>16,} {row['ratio_to_plain']:>8.3f}")
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
    result = {"articles": args.articles, "builds": rows, "keyword_scaling": scaling}
    with open(os.path.join(args.out, "instructions.json"), "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
