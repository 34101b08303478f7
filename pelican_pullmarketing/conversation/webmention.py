"""Sending webmentions (W3C Recommendation, 12 January 2017, §3.1): for every
external link of a published article, discover the target's endpoint and
notify it once.

Discovery, in the spec's order: the first HTTP ``Link`` header with
``rel="webmention"``, then, for HTML, the first ``<link>`` or ``<a>`` element
with ``rel="webmention"`` in document order; a relative endpoint is resolved
against the page's URL (after redirects), an empty one is the page itself,
the endpoint's query string is kept. Notify: ``POST`` of
``source=<article>&target=<link>`` as a form; any 2xx is a success.

What was sent is remembered in a state file (``webmention-state.json``,
commit it), so a later run sends for new links only; a failure is tried
again next time, a target without an endpoint is not asked again. Bounded
time-outs, at most 1 MB of a page read, and at most one request per host
per second.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx

from ..crosspost.clients.base import USER_AGENT
from ..errors import PullMarketingError
from ..files import read_json, write_json_atomic

VERSION = 1
SENT = "sent"
NO_ENDPOINT = "no endpoint"
FAILED = "failed"
WOULD_SEND = "would send"
MAX_PAGE_BYTES = 1_000_000
HTML_TYPES = ("text/html", "application/xhtml+xml")

_LINK_VALUE = re.compile(r"<([^>]*)>([^<]*)")
_REL_PARAM = re.compile(r';\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))', re.I)


# --- discovery


def endpoint_from_link_headers(values: Iterable[str]) -> str | None:
    """The URL of the first ``Link`` header value whose rel has the
    ``webmention`` token (as written: relative URLs are resolved by the
    caller)."""
    for value in values:
        for match in _LINK_VALUE.finditer(value):
            rel = _REL_PARAM.search(match.group(2))  # this link-value's params
            tokens = (rel.group(1) or rel.group(2) or "").lower().split() if rel else ()
            if "webmention" in tokens:
                return match.group(1).strip()
    return None


class _FirstWebmentionElement(HTMLParser):
    """The ``href`` of the first ``<link>`` or ``<a>`` with rel webmention
    (comments and text are not elements: what they hold never counts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def handle_starttag(self, tag, attrs):
        if self.found is not None or tag not in ("link", "a"):
            return
        values = dict(attrs)
        rels = (values.get("rel") or "").lower().split()
        if "webmention" in rels and "href" in values:
            self.found = (values["href"] or "").strip()

    handle_startendtag = handle_starttag


def endpoint_from_html(markup: str) -> str | None:
    finder = _FirstWebmentionElement()
    try:
        finder.feed(markup)
        finder.close()
    except Exception:  # html.parser is lenient; a broken page has no endpoint
        return finder.found
    return finder.found


@dataclass
class Throttle:
    """At most one request per host per ``interval`` seconds."""

    interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep

    def __post_init__(self):
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        now = self.clock()
        last = self.last.get(host)
        if last is not None and now - last < self.interval:
            self.sleep(self.interval - (now - last))
            now = self.clock()
        self.last[host] = now


def make_client(timeout: float = 10.0) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)),
        headers={"User-Agent": f"{USER_AGENT} Webmention"},
        follow_redirects=True,
        max_redirects=10,
    )


def discover(client: httpx.Client, target: str, throttle: Throttle) -> str | None:
    """The webmention endpoint of ``target``, absolute, or None."""
    throttle.wait(target)
    with client.stream(
        "GET", target, headers={"Accept": "text/html, */*;q=0.5"}
    ) as response:
        if response.status_code >= 400:
            raise httpx.HTTPStatusError(
                f"HTTP {response.status_code} from {target}",
                request=response.request,
                response=response,
            )
        base = str(response.url)
        found = endpoint_from_link_headers(response.headers.get_list("link"))
        if found is not None:
            return urljoin(base, found)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in HTML_TYPES:
            return None
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) >= MAX_PAGE_BYTES:
                break
        markup = bytes(body[:MAX_PAGE_BYTES]).decode(
            response.encoding or "utf-8", "replace"
        )
    found = endpoint_from_html(markup)
    return urljoin(base, found) if found is not None else None


def notify(
    client: httpx.Client, endpoint: str, source: str, target: str, throttle: Throttle
) -> int:
    throttle.wait(endpoint)
    response = client.post(endpoint, data={"source": source, "target": target})
    if not 200 <= response.status_code < 300:
        raise httpx.HTTPStatusError(
            f"HTTP {response.status_code} from the endpoint {endpoint}",
            request=response.request,
            response=response,
        )
    return response.status_code


# --- links of an article


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href.strip())


def external_links(content: str, page_url: str, site_host: str) -> list[str]:
    """Absolute http(s) links of an article's HTML to other hosts, each once,
    in document order, without fragment."""
    finder = _Links()
    finder.feed(content or "")
    out: list[str] = []
    for href in finder.hrefs:
        try:
            url = urljoin(page_url, href).split("#", 1)[0]
            parts = urlsplit(url)
        except ValueError:  # "http://[": urllib refuses it; not a link to ping
            continue
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        if parts.hostname.lower() == site_host or url in out:
            continue
        out.append(url)
    return out


# --- state and sending


def load_state(path: str) -> dict:
    try:
        data = read_json(
            path, what="webmention state file", expected='{"version": 1, "sent": {...}}'
        )
    except FileNotFoundError:
        return {"version": VERSION, "sent": {}}
    if not isinstance(data, dict) or not isinstance(data.get("sent"), dict):
        raise PullMarketingError(
            "invalid webmention state file",
            file=path,
            expected='{"version": 1, "sent": {...}}',
        )
    return data


def save_state(path: str, data: dict) -> None:
    data["version"] = VERSION
    write_json_atomic(path, data, sync=True)


@dataclass
class SendOutcome:
    source: str
    target: str
    status: str
    endpoint: str = ""
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAILED


def pending(state: dict, source: str, targets: list[str]) -> list[str]:
    """Targets of ``source`` not notified yet (failures are tried again)."""
    done = state["sent"].get(source) or {}
    return [
        t
        for t in targets
        if (done.get(t) or {}).get("status") not in (SENT, NO_ENDPOINT)
    ]


def send_all(
    work: list[tuple[str, list[str]]],
    state: dict,
    client: httpx.Client,
    *,
    throttle: Throttle | None = None,
    dry_run: bool = False,
    on_change: Callable[[], None] = lambda: None,
    clock: Callable[[], str] | None = None,
) -> list[SendOutcome]:
    """Discover and notify every (source, targets) pair not done yet;
    ``state`` is updated in place and ``on_change`` called after each."""
    from .fetch import now

    clock = clock or now
    throttle = throttle or Throttle()
    outcomes = []
    for source, targets in work:
        for target in pending(state, source, targets):
            if dry_run:
                outcomes.append(SendOutcome(source, target, WOULD_SEND))
                continue
            outcome = _send_one(client, source, target, throttle)
            record = {"status": outcome.status, "at": clock()}
            if outcome.endpoint:
                record["endpoint"] = outcome.endpoint
            if outcome.message:
                record["note"] = outcome.message
            state["sent"].setdefault(source, {})[target] = record
            on_change()
            outcomes.append(outcome)
    return outcomes


def _send_one(client, source, target, throttle) -> SendOutcome:
    try:
        endpoint = discover(client, target, throttle)
    except (httpx.HTTPError, ValueError) as exc:
        return SendOutcome(
            source,
            target,
            FAILED,
            message=f"discovery: {exc.__class__.__name__}: {exc}",
        )
    if endpoint is None:
        return SendOutcome(source, target, NO_ENDPOINT)
    if urlsplit(endpoint).scheme not in ("http", "https"):
        return SendOutcome(
            source, target, NO_ENDPOINT, message=f"unusable endpoint {endpoint!r}"
        )
    try:
        code = notify(client, endpoint, source, target, throttle)
    except (httpx.HTTPError, ValueError) as exc:
        return SendOutcome(
            source, target, FAILED, endpoint, f"{exc.__class__.__name__}: {exc}"
        )
    return SendOutcome(source, target, SENT, endpoint, f"HTTP {code}")
