"""IndexNow (https://www.indexnow.org/documentation): the key, its file, and
submitting the URLs that changed since the last accepted submission.

Bing, Yandex, Naver, Seznam and Yep take URLs through one shared endpoint and
pass them to each other; Google does not take part. The key is 8 to 128
characters of ``a-z``, ``A-Z``, ``0-9`` and ``-``, served as a UTF-8 text
file ``<key>.txt`` at the host's root; a file elsewhere on the host
(``keyLocation``) covers only the URLs under its folder, which is what a site
served from a sub-path (a GitHub project site) has.

The built output is the source of truth: the sitemap lists the indexable
URLs, each URL's file is hashed, and a small JSON state file keeps the hash
last accepted per URL, so a second submission sends only what changed
(builds are byte-deterministic, so equal bytes mean nothing changed). URLs
that left the sitemap are submitted once more, as the protocol asks for
deleted pages, then forgotten.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..errors import PullMarketingError
from ..files import read_state, write_atomic, write_json_atomic
from ..retry import send_with_retries

if TYPE_CHECKING:  # httpx (27 ms to import) only where a ping is sent
    import httpx

DEFAULT_ENDPOINT = "https://api.indexnow.org/indexnow"
MAX_URLS = 10_000  # per submission (the protocol's limit)
STATE_VERSION = 1
KEY_EXPECTED = (
    "8 to 128 characters of a-z, A-Z, 0-9 and '-' "
    "(`pullmarketing indexnow key` makes one)"
)
_KEY = re.compile(r"[A-Za-z0-9-]{8,128}")
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# What each refusal means (the protocol's table of answers).
REFUSALS = {
    400: "bad request: the submission is not in the protocol's format",
    403: "key not valid: the engine did not find the key file at the site "
    "(deploy the build that wrote it, then submit again)",
    422: "URLs not under the site's host or key location, or a key that does "
    "not match the protocol's form",
}


def is_key(value: object) -> bool:
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


def new_key() -> str:
    """32 hexadecimal characters from the system's random source."""
    return secrets.token_hex(16)


def key_file_name(key: str) -> str:
    return f"{key}.txt"


def key_location(siteurl: str, key: str) -> str | None:
    """The key file's URL when it is not at the host's root, else None (the
    engines look for ``/<key>.txt`` themselves)."""
    parts = urlsplit(siteurl)
    path = parts.path.rstrip("/")
    if not path:
        return None
    return f"{parts.scheme}://{parts.netloc}{path}/{key_file_name(key)}"


def write_key_file(settings: dict) -> None:
    """At the end of a build: ``<key>.txt`` at the output's root, holding
    the key, when PULLMARKETING_INDEXNOW_KEY is set."""
    key = settings.get("PULLMARKETING_INDEXNOW_KEY")
    if key:
        output = settings["OUTPUT_PATH"]
        write_atomic(os.path.join(output, key_file_name(key)), key)


# --- what the build wrote ---------------------------------------------------


@dataclass(frozen=True)
class Page:
    url: str
    sha256: str


def _locs(path: str) -> tuple[list[str], list[str]]:
    """(page URLs, sitemap URLs) listed in one sitemap file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise PullMarketingError(
            f"cannot read the sitemap: {exc}",
            file=path,
            expected="the sitemap.xml the build wrote",
        ) from None
    locs = [(el.text or "").strip() for el in root.iter(f"{_SITEMAP_NS}loc")]
    if root.tag == f"{_SITEMAP_NS}sitemapindex":
        return [], locs
    return locs, []


def output_file(output_dir: str, siteurl: str, url: str) -> str | None:
    """The file in ``output_dir`` that serves ``url`` (a folder URL is its
    ``index.html``), or None when the URL is not under SITEURL."""
    base = siteurl.rstrip("/") + "/"
    if not (url + "/").startswith(base):
        return None
    rel = unquote(url[len(base) :].split("#", 1)[0].split("?", 1)[0])
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    path = os.path.normpath(os.path.join(output_dir, rel))
    if not path.startswith(os.path.normpath(output_dir) + os.sep):
        return None
    return path


def site_pages(output_dir: str, siteurl: str, sitemap_as: str) -> list[Page]:
    """Every URL of the built sitemap (or sitemap index and its parts) with
    the SHA-256 of the file serving it, sorted by URL."""
    start = os.path.join(output_dir, sitemap_as)
    if not os.path.isfile(start):
        raise PullMarketingError(
            "no sitemap in the output folder",
            file=start,
            expected="a site built with SITEURL set (the sitemap lists what to submit)",
        )
    urls, parts = _locs(start)
    for part in parts:
        path = output_file(output_dir, siteurl, part)
        if path and os.path.isfile(path):
            urls += _locs(path)[0]
    pages = {}
    for url in urls:
        path = output_file(output_dir, siteurl, url)
        if path is None or not os.path.isfile(path):
            continue  # not a file of this build (another host, a redirect)
        with open(path, "rb") as fh:
            pages[url] = Page(url, hashlib.sha256(fh.read()).hexdigest())
    return [pages[u] for u in sorted(pages)]


# --- state ------------------------------------------------------------------


def load_state(path: str) -> dict:
    return read_state(
        path,
        key="urls",
        what="the IndexNow state file",
        command="pullmarketing indexnow ping",
        redo="submit every URL again",
    )


def save_state(path: str, state: dict) -> None:
    write_json_atomic(path, state)


# --- submitting ---------------------------------------------------------------


@dataclass
class Batch:
    urls: list[str]
    status: str  # "accepted", "failed", "would submit"
    attempts: int = 0
    detail: str = ""


@dataclass
class Plan:
    changed: list[Page] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def urls(self) -> list[str]:
        return sorted([p.url for p in self.changed] + self.removed)


def plan(pages: list[Page], state: dict, *, force: bool = False) -> Plan:
    """The URLs added or changed since their last accepted submission, and
    those accepted once that the sitemap no longer lists."""
    known = state["urls"]
    result = Plan()
    for page in pages:
        if not force and known.get(page.url) == page.sha256:
            result.unchanged += 1
        else:
            result.changed.append(page)
    listed = {p.url for p in pages}
    result.removed = sorted(url for url in known if url not in listed)
    return result


def _answer(response: httpx.Response) -> str:
    meaning = REFUSALS.get(response.status_code, "")
    body = " ".join(response.text.split())[:200]
    return "; ".join(x for x in (f"HTTP {response.status_code}", meaning, body) if x)


def post(
    client: httpx.Client,
    endpoint: str,
    payload: dict,
    *,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bool, int, str]:
    """POST one submission (retried as ``retry`` says). Returns (accepted,
    attempts, detail): only 200 and 202 are accepted."""
    return send_with_retries(
        lambda: client.post(
            endpoint,
            json=payload,
            headers={"Content-Type": "application/json; charset=utf-8"},
        ),
        accepted=lambda r: r.status_code in (200, 202),
        explain=_answer,
        retries=retries,
        backoff=backoff,
        sleep=sleep,
    )


def submit(
    todo: Plan,
    state: dict,
    *,
    client: httpx.Client,
    endpoint: str,
    siteurl: str,
    key: str,
    dry_run: bool = False,
    retries: int = 3,
    backoff: float = 1.0,
    batch_size: int = MAX_URLS,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Batch]:
    """Submit ``todo`` in batches of at most ``batch_size`` URLs; record in
    ``state`` (in place) exactly the URLs of accepted batches."""
    hashes = {p.url: p.sha256 for p in todo.changed}
    urls = todo.urls
    payload_base = {"host": urlsplit(siteurl).netloc, "key": key}
    location = key_location(siteurl, key)
    if location:
        payload_base["keyLocation"] = location
    batches = []
    for start in range(0, len(urls), batch_size):
        chunk = urls[start : start + batch_size]
        if dry_run:
            batches.append(Batch(chunk, "would submit"))
            continue
        ok, attempts, detail = post(
            client,
            endpoint,
            {**payload_base, "urlList": chunk},
            retries=retries,
            backoff=backoff,
            sleep=sleep,
        )
        if ok:
            for url in chunk:
                if url in hashes:
                    state["urls"][url] = hashes[url]
                else:
                    state["urls"].pop(url, None)  # a removed page, now told
        batches.append(Batch(chunk, "accepted" if ok else "failed", attempts, detail))
    state["version"] = STATE_VERSION
    return batches
