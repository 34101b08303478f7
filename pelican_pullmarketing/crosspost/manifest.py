"""The cross-posting manifest: one entry per document x target with the exact
payload, its content hash and the checks it passed. Written by every build;
read by ``pullmarketing crosspost publish``.

Deterministic: entries sorted by source path then target, keys sorted, no
timestamps, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from urllib.parse import unquote

from .. import metadata, text, urls
from ..files import dump_json, read_json
from ..settings import setting_value
from . import markdown_source, payloads
from .targets import Target, platform_name, requested

logger = logging.getLogger(__name__)

VERSION = 1
# Target options the publisher needs besides the payload (never secrets).
_CLIENT_OPTIONS = ("version",)


def content_hash(payload: dict) -> str:
    data = json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def _image(doc, settings: dict, siteurl: str) -> tuple[str | None, str | None]:
    """(absolute URL, path in the output when it is the site's own file):
    the document's image, else its share card (first with cards "all"), else
    the default image."""
    from ..cards import hooks as cards

    card = cards.document_card(doc)
    if card is not None:
        return urls.absolute_url(siteurl, card), card
    raw = metadata.value(doc, "image") or setting_value(
        settings, "PULLMARKETING_DEFAULT_IMAGE"
    )
    if not raw:
        return None, None
    if raw.startswith(("{", "|")):
        raw = markdown_source.resolve_reference(doc, raw, siteurl)
    url = urls.absolute_url(siteurl, raw)
    prefix = (siteurl or "").rstrip("/") + "/"
    path = unquote(url[len(prefix) :]) if siteurl and url.startswith(prefix) else None
    return url, path


def copy_source(doc, settings: dict, target: Target) -> payloads.CopySource:
    siteurl = settings.get("SITEURL") or ""
    doc_url = urls.absolute_url(siteurl, getattr(doc, "url", ""))
    canonical = metadata.value(doc, "canonical") or doc_url
    utm = urls.utm_params(
        settings.get("PULLMARKETING_CROSSPOST_UTM"), target=target.name
    )
    link = urls.add_query(doc_url, utm)
    markdown = None
    if markdown_source.is_markdown(doc):
        resolve = markdown_source.make_link_resolver(doc, siteurl, doc_url, utm)
        markdown = text.clean(
            markdown_source.absolutize_markdown(markdown_source.read_body(doc), resolve)
        )
    image, image_path = _image(doc, settings, siteurl)
    # The description is plain text, the summary the author's HTML.
    summary = text.description(doc, _UNCUT)
    tags = (text.field_text(t.name) for t in getattr(doc, "tags", None) or [])
    return payloads.CopySource(
        source=markdown_source.relative_source(doc, settings),
        title=text.plain_text(getattr(doc, "title", "") or ""),
        description=text.description(doc, text.DESCRIPTION_LENGTH),
        summary=summary,
        canonical_url=canonical,
        link=link,
        site_name=text.plain_text(settings.get("SITENAME") or "")
        or urls.site_host(siteurl),
        tags=[t for t in tags if t],
        image=image,
        image_path=image_path,
        markdown=markdown,
        lang=getattr(doc, "lang", None) or settings.get("DEFAULT_LANG") or "",
    )


# A description "cut" at this length is the whole text: short posts shorten
# it themselves, to what each platform takes.
_UNCUT = 1_000_000


def entry(
    src: payloads.CopySource, target: Target, known_copies: list[str] = ()
) -> dict:
    payload, checks = payloads.BUILDERS[target.name](src, target)
    return {
        "id": f"{src.source}#{target.name}",
        "source": src.source,
        "target": target.name,
        "platform": target.platform.display,
        "kind": target.platform.kind,
        # Copies on this platform the author listed in `syndication` metadata
        # (how manual copies such as Medium's are recorded).
        "known_copies": list(known_copies),
        "mode": target.platform.mode,
        "api_base": target.api_base if target.platform.mode == "api" else None,
        "client_options": {
            k: target.options[k] for k in _CLIENT_OPTIONS if k in target.options
        },
        "canonical_url": src.canonical_url,
        "link": src.link,
        "content_hash": content_hash(payload),
        "payload": payload,
        "checks": checks,
        "ok": all(c["ok"] for c in checks),
    }


def build_entries(docs, settings: dict, targets: dict[str, Target]) -> list[dict]:
    entries = []
    for doc in docs:
        for name in requested(doc, settings):
            if name in targets:  # unknown names are reported by the document check
                target = targets[name]
                known = [
                    url
                    for url in metadata.value(doc, "syndication")
                    if platform_name(url) == target.platform.display
                ]
                entries.append(entry(copy_source(doc, settings, target), target, known))
    entries.sort(key=lambda e: (e["source"], e["target"]))
    return entries


def render(entries: list[dict], settings: dict) -> str:
    manifest = {
        "generator": "pelican-pullmarketing",
        "version": VERSION,
        "site_url": settings.get("SITEURL") or "",
        # Where the manifest sits in the output: the publisher finds the
        # output folder (and local card images) from it.
        "path": settings.get("PULLMARKETING_CROSSPOST_MANIFEST") or "",
        "entries": entries,
    }
    return dump_json(manifest)


def write(path: str, content: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(content)


def read(path: str) -> dict:
    """A manifest written by a build; ``PullMarketingError`` when unusable."""
    from ..errors import PullMarketingError

    try:
        data = read_json(path, what="manifest", expected="JSON written by a build")
    except FileNotFoundError:
        raise PullMarketingError(
            "manifest not found",
            file=path,
            expected="the crosspost/manifest.json of a build (run pelican first)",
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise PullMarketingError(
            "unsupported manifest",
            file=path,
            value=data.get("version") if isinstance(data, dict) else None,
            expected=f"version {VERSION}",
        )
    return data
