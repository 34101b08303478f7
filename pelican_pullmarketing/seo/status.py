"""What `pullmarketing check` says about being found: the IndexNow key and
its file, verification tags, the robots.txt policy and where lastmod comes
from."""

from __future__ import annotations

import os

from . import gitdates, indexnow, robots, verification


def found_lines(site: dict) -> list[str]:
    return [_indexnow(site), _verification(site), _robots(site), _lastmod(site)]


def _indexnow(site: dict) -> str:
    key = site.get("PULLMARKETING_INDEXNOW_KEY")
    if not key:
        return "IndexNow: no key (`pullmarketing indexnow key` makes one)"
    source = (
        "from the environment"
        if os.environ.get("PULLMARKETING_INDEXNOW_KEY") == key
        else "in the settings"
    )
    path = os.path.join(
        site.get("OUTPUT_PATH") or "output", indexnow.key_file_name(key)
    )
    written = (
        f"{indexnow.key_file_name(key)} written by the last build"
        if os.path.isfile(path)
        else f"{indexnow.key_file_name(key)} not in {site.get('OUTPUT_PATH')} yet (build the site)"
    )
    return f"IndexNow: key set {source}; {written}"


def _verification(site: dict) -> str:
    codes = site.get("PULLMARKETING_VERIFICATION") or {}
    named = [engine for engine in verification.ENGINES if codes.get(engine)]
    return "verification tags: " + (
        ", ".join(named) + " (home page)" if named else "none"
    )


def _robots(site: dict) -> str:
    policy = site.get("PULLMARKETING_ROBOTS", "allow-all")
    blocked = [agent for agent, paths in robots.policy_rules(policy) if paths]
    label = policy if isinstance(policy, str) else "explicit rules"
    detail = f"; disallowed: {', '.join(blocked)}" if blocked else ""
    return f"robots.txt policy: {label}{detail}"


def _lastmod(site: dict) -> str:
    if not site.get("PULLMARKETING_LASTMOD_FROM_GIT"):
        return "lastmod: modified metadata, else the document's date"
    content = site.get("PATH") or "content"
    top = gitdates._git(content, "rev-parse", "--show-toplevel")
    if top is None:
        return "lastmod: from git asked, but the content is not in a git repository: document dates"
    shallow = gitdates._git(content, "rev-parse", "--is-shallow-repository")
    if (shallow or "").strip() == "true":
        return "lastmod: from git asked, but this is a shallow clone: document dates"
    return "lastmod: modified metadata, else the last commit of the source file"
