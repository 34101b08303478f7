"""The publisher's state file (``crosspost-state.json`` in the content folder,
meant to be committed): per manifest entry the remote id and URL, the content
hash sent, times and status.

Written atomically (temporary file, fsync, rename) after every change, so a
crash or Ctrl-C leaves either the old or the new file, never half of one.
An entry is marked ``pending`` *before* its request is sent: a rerun then knows
the request may have reached the platform and does not post it blindly again.
"""

from __future__ import annotations

import json
import os
import tempfile

from ..errors import PullMarketingError

VERSION = 1
PUBLISHED = "published"
PENDING = "pending"


def empty() -> dict:
    return {"version": VERSION, "entries": {}}


def load(path: str) -> dict:
    if not path or not os.path.exists(path):
        return empty()
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise PullMarketingError(
            f"cannot read state file: {exc}",
            file=path,
            expected="the JSON written by `pullmarketing crosspost publish`",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise PullMarketingError(
            "invalid state file", file=path, expected='{"version": 1, "entries": {...}}'
        )
    return data


def save(path: str, data: dict) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".crosspost-state-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(data, fh, indent=2, sort_keys=True, ensure_ascii=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def published_urls(data: dict, source: str) -> list[tuple[str, str]]:
    """(target, URL) of the published copies of ``source``."""
    out = []
    for record in data.get("entries", {}).values():
        if (
            isinstance(record, dict)
            and record.get("source") == source
            and record.get("status") == PUBLISHED
            and record.get("url")
        ):
            out.append((record.get("target", ""), record["url"]))
    return out
