"""One function per platform: the exact payload of a copy and the checks it
passed. They take plain data (``CopySource``), so tests need no Pelican build.

Every copy links back: articles through their canonical field and a footer link
carrying the campaign (UTM) parameters, short posts through the link in their
text, which shortening never touches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import i18n
from . import shortpost
from .markdown_source import CODE, INLINE_LINK
from .targets import DEFAULT_FOOTER, DEFAULT_TEMPLATE, Target


@dataclass(frozen=True)
class CopySource:
    """What a copy is made of, for one document and one target."""

    source: str  # source path, relative to the content folder
    title: str
    description: str  # plain text, cut near 155 characters
    summary: str  # plain text, uncut (short posts shorten it themselves)
    canonical_url: str  # absolute URL of the original
    link: str  # canonical URL with the target's campaign parameters
    site_name: str = ""
    tags: list[str] = field(default_factory=list)
    image: str | None = None  # absolute URL
    image_path: str | None = None  # the image's path in the output, when local
    markdown: str | None = None  # body with absolute links (None: not Markdown)
    lang: str = ""  # the document's language (else the site's): the copy's words


def check(name: str, ok: bool, detail: str) -> dict:
    return {"name": name, "ok": bool(ok), "detail": detail}


def _absolute_check(url: str) -> dict:
    ok = url.startswith(("https://", "http://"))
    return check(
        "canonical URL is absolute",
        ok,
        url if ok else f"{url!r}: set SITEURL (publishconf.py) before cross-posting",
    )


def _relative_links(markdown: str) -> list[str]:
    prose = CODE.sub("", markdown)
    bad = []
    for m in INLINE_LINK.finditer(prose):
        url = m.group("url")
        if not url.startswith(("http://", "https://", "#", "mailto:", "tel:")):
            bad.append(url)
    return bad


def _article_body(src: CopySource, target: Target) -> tuple[str, list[dict]]:
    checks = []
    if src.markdown is None:
        checks.append(
            check(
                "Markdown source",
                False,
                f"{src.source} is not a Markdown file; {target.platform.display} takes Markdown",
            )
        )
        body = ""
    else:
        body = src.markdown.rstrip("\n")
        bad = _relative_links(body)
        checks.append(
            check(
                "links and images are absolute",
                not bad,
                "all absolute" if not bad else "relative: " + ", ".join(bad),
            )
        )
    footer = target.options.get("footer", "")
    if footer:
        body += "\n\n" + _footer(footer, src)
    body += "\n"
    return body, checks


def _footer(footer: str, src: CopySource) -> str:
    """The line under a copy: the target's ``footer``, or the default one
    in the document's language."""
    site = src.site_name or src.link
    if footer != DEFAULT_FOOTER:
        return footer.format(site=site, url=src.link)
    _ = i18n.gettext_for(src.lang)
    # Translators: the line under a copy of an article on another site
    # (DEV, Hashnode, Medium); {site} is the site's name, linked to the
    # original.
    line = _("First published on {site}.").format(site=f"[{site}]({src.link})")
    return f"*{line}*"  # Markdown: in italics


def _folded_lower(tag: str) -> str:
    folded = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode()
    return folded.lower()


def slug_tag(tag: str) -> str:
    """``Heat pumps`` -> ``heatpumps``; accents folded, ASCII letters and digits."""
    return re.sub(r"[^a-z0-9]", "", _folded_lower(tag))


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def devto(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    body, checks = _article_body(src, target)
    tags = _unique([slug_tag(t) for t in target.options.get("tags", []) + src.tags])
    dropped = tags[4:]
    tags = tags[:4]
    article = {
        "title": src.title,
        "body_markdown": body,
        "published": target.options.get("published", True),
        "canonical_url": src.canonical_url,
        "description": src.description,
        "tags": tags,
    }
    if target.options.get("series"):
        article["series"] = target.options["series"]
    if src.image:
        article["main_image"] = src.image
    checks += [
        _absolute_check(src.canonical_url),
        check(
            "tags: at most 4, lower-case alphanumeric",
            len(tags) <= 4 and all(re.fullmatch(r"[a-z0-9]+", t) for t in tags),
            ", ".join(tags) + (f" (left out: {', '.join(dropped)})" if dropped else ""),
        ),
    ]
    return {"article": article}, checks


def hashnode(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    body, checks = _article_body(src, target)
    names = _unique(target.options.get("tags", []) + src.tags)
    tags = []
    for name in names:
        slug = re.sub(r"[^a-z0-9]+", "-", _folded_lower(name)).strip("-")
        if slug and slug not in [t["slug"] for t in tags]:
            tags.append({"slug": slug, "name": name})
    payload = {
        "title": src.title,
        "subtitle": shortpost.shorten(src.description, 150),
        "contentMarkdown": body,
        "publicationId": target.options.get("publication_id", ""),
        "originalArticleURL": src.canonical_url,
        "tags": tags[:5],
    }
    if src.image:
        payload["coverImageOptions"] = {"coverImageURL": src.image}
    checks += [
        _absolute_check(src.canonical_url),
        check("tags: at most 5", True, ", ".join(t["slug"] for t in tags[:5])),
    ]
    return payload, checks


def medium(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    """Manual: Medium's API is closed to new integrations. Its import tool reads
    the original URL and sets the canonical link itself."""
    body, checks = _article_body(src, target)
    payload = {
        "import_url": src.canonical_url,
        "import_tool": "https://medium.com/p/import",
        "title": src.title,
        "tags": _unique(target.options.get("tags", []) + src.tags)[:5],
        "markdown": body,
        "instructions": (
            "Open the import tool, paste import_url, check the text, add the tags "
            "and publish; then add the copy's URL to the article's `syndication` "
            "metadata."
        ),
    }
    checks.append(_absolute_check(src.canonical_url))
    return payload, checks


def _post(
    src: CopySource,
    target: Target,
    *,
    limit: int,
    measure: Callable[[str], int],
    unit: str,
    escape: Callable[[str], str] = lambda s: s,
) -> tuple[str, list[str], list[dict]]:
    tags = shortpost.hashtags(target.options.get("tags", []) + src.tags)
    text, notes = shortpost.compose(
        target.options.get("template", DEFAULT_TEMPLATE),
        title=src.title,
        summary=src.summary,
        url=src.link,
        tags=tags,
        limit=limit,
        measure=measure,
        escape=escape,
    )
    length = measure(text)
    checks = [
        _absolute_check(src.canonical_url),
        check(
            f"length: at most {limit} {unit}",
            length <= limit,
            f"{length} {unit}" + (f" ({'; '.join(notes)})" if notes else ""),
        ),
        check("full link back kept", src.link in text, src.link),
    ]
    used = [t for t in tags if t in text]
    return text, used, checks


_RASTER_IMAGE = re.compile(r"\.(jpe?g|png|webp|gif)(\?|#|$)", re.I)


def mastodon(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    text, _tags, checks = _post(
        src,
        target,
        limit=target.options.get("limit", 500),
        measure=shortpost.mastodon_length,
        unit="characters (URLs count 23)",
    )
    payload = {"status": text, "visibility": target.options.get("visibility", "public")}
    if target.options.get("language"):
        payload["language"] = target.options["language"]
    # Only when asked: with no media, Mastodon builds the link's preview
    # from the page's og:image (the card) by itself. Uploaded when sent;
    # "media" itself is never sent.
    if (
        target.options.get("card_media")
        and src.image
        and _RASTER_IMAGE.search(src.image)
    ):
        payload["media"] = {
            "url": src.image,
            "path": src.image_path,
            "description": src.title,
        }
    return payload, checks


def bluesky(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    text, tags, checks = _post(
        src,
        target,
        limit=300,
        measure=shortpost.bluesky_length,
        unit="graphemes",
    )
    facets = shortpost.bluesky_facets(text, tags)
    data = text.encode("utf-8")
    spans_ok = all(
        data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8")
        == (f["features"][0].get("uri") or "#" + f["features"][0].get("tag", ""))
        for f in facets
    )
    checks += [
        check(
            "text: at most 3000 UTF-8 bytes", len(data) <= 3000, f"{len(data)} bytes"
        ),
        check(
            "facets: link at its UTF-8 byte offsets",
            spans_ok and any("uri" in f["features"][0] for f in facets),
            f"{len(facets)} facet(s)",
        ),
    ]
    record = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "facets": facets,
        "embed": {
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": src.link,
                "title": src.title,
                "description": src.description,
            },
        },
    }
    if target.options.get("language"):
        record["langs"] = [target.options["language"]]
    thumb = None
    if src.image and _RASTER_IMAGE.search(src.image):
        thumb = {"url": src.image, "path": src.image_path}
    elif src.image:
        checks.append(
            check(
                "card image",
                True,
                f"{src.image}: Bluesky takes JPEG, PNG, WebP or GIF; card without image",
            )
        )
    # createdAt is added when the post is sent, so the manifest stays the same
    # from build to build.
    return {"record": record, "thumb": thumb}, checks


def linkedin(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    text, _tags, checks = _post(
        src,
        target,
        limit=3000,
        measure=shortpost.linkedin_length,
        unit="characters",
        escape=shortpost.escape_linkedin,
    )
    payload = {
        "author": target.options.get("author", ""),
        "commentary": text,
        "visibility": target.options.get("visibility", "PUBLIC"),
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "content": {
            "article": {
                "source": src.link,
                "title": src.title,
                "description": src.description,
            }
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    # LinkedIn's posts API does not read the link's page: the card goes up
    # through its Images API when the post is sent, and its URN becomes the
    # article's thumbnail ("thumb" itself is never sent).
    if src.image and _RASTER_IMAGE.search(src.image):
        payload["thumb"] = {"url": src.image, "path": src.image_path}
    return payload, checks


def x(src: CopySource, target: Target) -> tuple[dict, list[dict]]:
    text, _tags, checks = _post(
        src,
        target,
        limit=280,
        measure=shortpost.x_length,
        unit="characters (URLs count 23)",
    )
    return {"text": text}, checks


BUILDERS: dict[str, Callable[[CopySource, Target], tuple[dict, list[dict]]]] = {
    "devto": devto,
    "hashnode": hashnode,
    "medium": medium,
    "mastodon": mastodon,
    "bluesky": bluesky,
    "linkedin": linkedin,
    "x": x,
}
