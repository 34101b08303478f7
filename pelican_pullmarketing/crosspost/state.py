"""The publisher's state file (``crosspost-state.json`` in the content folder,
meant to be committed): per manifest entry the remote id and URL, the content
hash sent, times and status.

Written atomically (temporary file, fsync, rename) after every change, so a
crash or Ctrl-C leaves either the old or the new file, never half of one.
An entry is marked ``pending`` *before* its request is sent: a rerun then knows
the request may have reached the platform and does not post it blindly again.
"""

from __future__ import annotations

import os

from ..errors import PullMarketingError
from ..files import read_json, write_json_atomic

VERSION = 1
PUBLISHED = "published"
PENDING = "pending"


def empty() -> dict:
    return {"version": VERSION, "entries": {}}


def load(path: str) -> dict:
    if not path or not os.path.exists(path):
        return empty()
    data = read_json(
        path,
        what="state file",
        expected="the JSON written by `pullmarketing crosspost publish`",
    )
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise PullMarketingError(
            "invalid state file", file=path, expected='{"version": 1, "entries": {...}}'
        )
    return data


def save(path: str, data: dict) -> None:
    write_json_atomic(path, data, sync=True)


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
