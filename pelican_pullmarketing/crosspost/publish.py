"""Publishing a manifest, safely and only once.

For each manifest entry, in order: decide (create, update, nothing) from the
state file; skip targets without tokens; send; record the result in the state
file at once (atomically). An entry is marked ``pending`` before its create
request goes out, so after a crash the next run knows the post may exist:
dev.to is searched by canonical URL, Mastodon is re-sent with the same
Idempotency-Key, other platforms wait for ``--retry-pending`` after the owner
has looked. Social posts are never re-posted after an edit; dev.to and
Hashnode articles are updated in place when their content hash changed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from . import manifest as manifest_file
from . import state as state_file
from .clients import CLIENTS, Client, Http, Remote, RemoteError

# Outcome statuses: what happened to one entry in this run.
SENT = "sent"  # created or updated on the platform
RECOVERED = "recovered"  # an interrupted create found on the platform
UNCHANGED = "unchanged"
MANUAL = "manual"
SKIPPED = "skipped"  # no token
WOULD_SEND = "would send"  # dry run
FAILED = "failed"


@dataclass
class Step:
    entry: dict
    action: str  # create, update, recover, nothing, manual, skip, invalid, blocked
    reason: str = ""


@dataclass
class Outcome:
    entry_id: str
    source: str
    target: str
    action: str
    status: str
    url: str = ""
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAILED


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def select(
    entries: Iterable[dict], targets: Iterable[str] = (), only: Iterable[str] = ()
) -> list[dict]:
    """Entries of ``targets`` and of the documents ``only`` names (a source path
    in the content folder; a longer path ending with it, such as
    ``content/articles/x.md``, matches too)."""
    targets = set(targets)
    only = [s.replace(os.sep, "/").removeprefix("./") for s in only]

    def wanted(source: str) -> bool:
        return not only or any(o == source or o.endswith("/" + source) for o in only)

    return [
        e
        for e in entries
        if (not targets or e["target"] in targets) and wanted(e["source"])
    ]


def plan(
    entries: list[dict],
    state: dict,
    env: Mapping[str, str],
    *,
    retry_pending: bool = False,
) -> list[Step]:
    """What to do with each entry; no network."""
    return [_decide(entry, state, env, retry_pending) for entry in entries]


def _decide(
    entry: dict, state: dict, env: Mapping[str, str], retry_pending: bool
) -> Step:
    record = state["entries"].get(entry["id"]) or {}
    status = record.get("status")
    action = "create"
    if status == state_file.PUBLISHED:
        changed = record.get("content_hash") != entry["content_hash"]
        if not changed:
            return Step(entry, "nothing")
        if entry["kind"] != "article" or entry["mode"] != "api":
            return Step(
                entry, "nothing", "edited since; short posts are never re-posted"
            )
        action = "update"
    elif entry.get("known_copies"):
        return Step(entry, "nothing", "listed in `syndication` metadata")
    elif entry["mode"] == "manual":
        return Step(entry, "manual", _manual_text(entry))
    # Checked before updates too: a preview build (empty SITEURL) must never
    # overwrite a good copy.
    if not entry.get("ok", False):
        bad = [f"{c['name']}: {c['detail']}" for c in entry["checks"] if not c["ok"]]
        return Step(entry, "invalid", "; ".join(bad))
    client = CLIENTS.get(entry["target"])
    if client is None:
        return Step(entry, "invalid", f"no client for {entry['target']!r}")
    missing = client.missing_tokens(env)
    if missing:
        return Step(entry, "skip", f"no token: set {' and '.join(missing)} to publish")
    if action == "update":
        return Step(entry, "update", "content changed")
    if status == state_file.PENDING:
        if client.finds_existing or client.resend_is_safe or retry_pending:
            return Step(entry, "recover", "a previous run was interrupted")
        return Step(
            entry,
            "blocked",
            "a previous run stopped while posting this: check "
            f"{entry['platform']}, then run again with --retry-pending "
            "to post it (or add the copy's URL to `syndication`)",
        )
    return Step(entry, "create")


def _manual_text(entry: dict) -> str:
    payload = entry["payload"]
    return f"import {payload.get('import_url', entry['canonical_url'])} at {payload.get('import_tool', entry['platform'])}"


class Publisher:
    def __init__(
        self,
        manifest_path: str,
        state_path: str,
        *,
        env: Mapping[str, str] | None = None,
        http: Http | None = None,
        sleep: Callable[[float], None] | None = None,
    ):
        self.manifest_path = manifest_path
        self.state_path = state_path
        self.env = dict(os.environ if env is None else env)
        self.manifest = manifest_file.read(manifest_path)
        self.state = state_file.load(state_path)
        self._http = http
        self._sleep = sleep
        self._clients: dict[str, Client] = {}

    @property
    def output_root(self) -> str:
        rel = self.manifest.get("path") or ""
        path = os.path.abspath(self.manifest_path)
        depth = len([p for p in rel.split("/") if p]) or 1
        for _ in range(depth):
            path = os.path.dirname(path)
        return path

    @property
    def http(self) -> Http:
        if self._http is None:
            kwargs = {"sleep": self._sleep} if self._sleep else {}
            self._http = Http(**kwargs)
        return self._http

    def client(self, entry: dict) -> Client:
        key = f"{entry['target']} {entry.get('api_base')}"
        if key not in self._clients:
            cls = CLIENTS[entry["target"]]
            self._clients[key] = cls(
                self.http, self.env, entry.get("api_base"), output_root=self.output_root
            )
        return self._clients[key]

    def steps(self, targets=(), only=(), *, retry_pending=False) -> list[Step]:
        entries = select(self.manifest.get("entries", []), targets, only)
        return plan(entries, self.state, self.env, retry_pending=retry_pending)

    # --- running

    def _save(self) -> None:
        state_file.save(self.state_path, self.state)

    def _record(self, entry: dict, remote: Remote, previous: dict) -> None:
        self.state["entries"][entry["id"]] = {
            "source": entry["source"],
            "target": entry["target"],
            "status": state_file.PUBLISHED,
            "remote_id": remote.id,
            "url": remote.url,
            "content_hash": entry["content_hash"],
            "published_at": previous.get("published_at") or now(),
            "updated_at": now(),
        }
        self._save()

    def run_step(self, step: Step, *, dry_run: bool = False) -> Outcome:
        """Carry out one step of the plan and say how it went."""
        record = self.state["entries"].get(step.entry["id"]) or {}
        settled = _without_sending(step, record, dry_run)
        if settled is not None:
            return _outcome(step, *settled)
        client = self.client(step.entry)
        try:
            return _outcome(step, *self._send(step, client, record))
        except RemoteError as exc:
            return _outcome(step, FAILED, message=str(exc))
        except (KeyError, TypeError, ValueError, OSError) as exc:
            # An answer we did not expect: report it and go on with the others
            # (a pending mark stays, so the next run checks before re-posting).
            return _outcome(
                step,
                FAILED,
                message=f"unexpected answer: {exc.__class__.__name__}: {exc}",
            )

    def _send(self, step: Step, client, record: dict) -> tuple[str, str, str]:
        """Update, recover or create the copy: (status, url, message)."""
        entry = step.entry
        if step.action == "update":
            remote = client.update(record["remote_id"], entry)
            self._record(entry, remote, record)
            return SENT, remote.url, "updated in place"
        if step.action == "recover" and client.finds_existing:
            found = client.find_existing(entry)
            if found is not None:
                self._record(entry, found, record)
                return RECOVERED, found.url, "found the interrupted post"
        # Mark before sending: a crash from here on leaves "pending".
        self.state["entries"][entry["id"]] = {
            "source": entry["source"],
            "target": entry["target"],
            "status": state_file.PENDING,
            "content_hash": entry["content_hash"],
            "started_at": now(),
        }
        self._save()
        try:
            remote = client.create(entry)
        except RemoteError as exc:
            if not exc.sent:
                self.state["entries"].pop(entry["id"], None)
                self._save()
            raise
        self._record(entry, remote, {})
        return SENT, remote.url, "posted"

    def close(self) -> None:
        if self._http is not None:
            self._http.close()


def _outcome(
    step: Step, status: str, url: str = "", message: str | None = None
) -> Outcome:
    entry = step.entry
    return Outcome(
        entry["id"],
        entry["source"],
        entry["target"],
        step.action,
        status,
        url,
        step.reason if message is None else message,
    )


def _without_sending(step: Step, record: dict, dry_run: bool) -> tuple | None:
    """(status, url) of a step that sends nothing, else None."""
    if step.action == "nothing":
        known = step.entry.get("known_copies") or [""]
        return UNCHANGED, record.get("url") or known[0]
    if step.action == "manual":
        return MANUAL, ""
    if step.action == "skip":
        return SKIPPED, ""
    if step.action in ("invalid", "blocked"):
        return FAILED, ""
    if dry_run:
        return WOULD_SEND, record.get("url", "")
    return None
