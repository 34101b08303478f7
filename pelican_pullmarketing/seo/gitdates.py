"""Last-commit dates of the site's sources, for an honest ``lastmod``.

One ``git log`` over the content folder per build (not one per file): its
output lists, newest commit first, each commit's time and the files it
touched; a file's first appearance is its last change. A shallow clone (as
CI checks out by default) knows only its newest commits, which would date
every file to the checkout: then nothing is read, and one warning says so.
"""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import datetime, timezone

logger = logging.getLogger(__name__)

_MARK = "\x1e"  # starts each commit's line: record separator, never in a path


def _git(folder: str, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", folder, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def last_commit_dates(content: str) -> dict[str, datetime]:
    """Absolute path of each file under ``content`` -> the time of the last
    commit that touched it (UTC). Empty, with one warning, when ``content``
    is not in a git work tree or the clone is shallow."""
    top = _git(content, "rev-parse", "--show-toplevel")
    if top is None:
        logger.warning(
            "pullmarketing: PULLMARKETING_LASTMOD_FROM_GIT is on but %s is not in "
            "a git repository; lastmod comes from each document's dates",
            content,
        )
        return {}
    if (_git(content, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        logger.warning(
            "pullmarketing: PULLMARKETING_LASTMOD_FROM_GIT is on but this is a "
            "shallow clone, whose history would date every file to the checkout; "
            "lastmod comes from each document's dates (check out the full "
            "history, e.g. fetch-depth: 0 in actions/checkout)"
        )
        return {}
    top = top.strip()
    log = _git(
        content,
        "-c",
        "core.quotepath=off",
        "log",
        f"--format={_MARK}%ct",
        "--name-only",
        "--no-renames",
        "--",
        ".",
    )
    dates: dict[str, datetime] = {}
    when = None
    for line in (log or "").split("\n"):  # not splitlines(): it splits at \x1e too
        if line.startswith(_MARK):
            when = datetime.fromtimestamp(int(line[1:]), tz=timezone.utc)
        elif line and when is not None:
            path = os.path.normpath(os.path.join(top, line))
            dates.setdefault(path, when)
    return dates


def date_documents(generators) -> None:
    """With PULLMARKETING_LASTMOD_FROM_GIT on: every article and page without
    ``modified`` metadata is dated by the last commit of its source file
    (never earlier than its own date), as Pelican dates one with the
    metadata, so the sitemap, ``article:modified_time``, JSON-LD
    ``dateModified``, feeds and the theme's "updated" line all agree."""
    from .. import core

    settings = generators[0].settings if generators else {}
    if not settings.get("PULLMARKETING_LASTMOD_FROM_GIT"):
        return
    dates = last_commit_dates(settings["PATH"])
    if not dates:
        return
    for doc in core.documents(generators):
        if "modified" in doc.metadata:
            continue
        when = dates.get(os.path.normpath(os.path.abspath(doc.source_path)))
        date = getattr(doc, "date", None)
        if when is None:
            continue
        if date is not None:
            if date.tzinfo is not None:
                when = when.astimezone(date.tzinfo)
            else:
                when = when.replace(tzinfo=None)
            if when <= date:
                continue  # committed before its date: its date stands
        doc.modified = when
        doc.locale_modified = when.strftime(doc.date_format)
