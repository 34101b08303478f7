"""The platforms a document can be copied to, their options, and which targets a
document asks for.

``PULLMARKETING_CROSSPOST_TARGETS`` is checked here in depth (unknown platform,
unknown option, missing required option, wrong type) so a typo stops the build
with one clear message instead of a manifest nobody can publish.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .. import metadata, text
from ..errors import SettingsError, describe
from ..settings import _bool, _choice

SETTING = "PULLMARKETING_CROSSPOST_TARGETS"
DEFAULT_TEMPLATE = "{title}\n\n{summary}\n\n{url}\n\n{tags}"
DEFAULT_FOOTER = "*First published on [{site}]({url}).*"
PLACEHOLDERS = {"title", "summary", "url", "tags"}


# --- option checkers: value -> normalised value, or ValueError(expected); the
# plain ones (_bool, _choice) are settings.py's.


def _text(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return text.clean(value.strip())


def _url(value):
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ValueError("an absolute URL starting with https://")
    return value.rstrip("/")


def _tags(value):
    if isinstance(value, str):
        value = metadata.parse_list(value)
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, str) for v in value
    ):
        raise ValueError('a list of tags, e.g. ["heating", "bristol"]')
    return [text.field_text(v) for v in value if text.field_text(v)]


def _template(value):
    if not isinstance(value, str):
        raise ValueError("a string with {title}, {summary}, {url}, {tags}")
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
    except ValueError:
        raise ValueError("a template with balanced {braces}") from None
    unknown = names - PLACEHOLDERS
    if unknown:
        raise ValueError(
            "only the placeholders {title}, {summary}, {url}, {tags} "
            f"(unknown: {', '.join(sorted(unknown))})"
        )
    if "url" not in names:
        raise ValueError("a template containing {url}: every copy links back")
    return text.clean(value)


def _footer(value):
    if not isinstance(value, str):
        raise ValueError("a string with {site} and {url}, or an empty string")
    try:
        value.format(site="", url="")
    except (KeyError, IndexError, ValueError):
        raise ValueError("a string using only {site} and {url}") from None
    return text.clean(value)


def _linkedin_urn(value):
    if not isinstance(value, str) or not value.startswith(
        ("urn:li:person:", "urn:li:organization:")
    ):
        raise ValueError("a URN like urn:li:person:abc123 or urn:li:organization:123")
    return value


def _limit(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 100:
        raise ValueError("a whole number >= 100 (your instance's post length)")
    return value


@dataclass(frozen=True)
class Platform:
    name: str
    display: str  # shown as "Also published on <display>"
    mode: str  # "api" or "manual"
    kind: str  # "article" (full copy, updated in place) or "post" (short post)
    options: dict[str, Callable[[Any], Any]]
    defaults: dict[str, Any] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()  # environment variables holding credentials
    base_env: str | None = None  # environment variable overriding the API base
    api_base: str | None = None


_COMMON = {"tags": _tags, "api_base": _url}
_ARTICLE = {**_COMMON, "footer": _footer}
_POST = {**_COMMON, "template": _template}

PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform(
            "devto",
            "DEV",
            "api",
            "article",
            {**_ARTICLE, "series": _text, "published": _bool},
            {"published": True, "footer": DEFAULT_FOOTER},
            tokens=("DEVTO_API_KEY",),
            base_env="DEVTO_API_BASE",
            api_base="https://dev.to",
        ),
        Platform(
            "hashnode",
            "Hashnode",
            "api",
            "article",
            {**_ARTICLE, "publication_id": _text},
            {"footer": DEFAULT_FOOTER},
            required=("publication_id",),
            tokens=("HASHNODE_TOKEN",),
            base_env="HASHNODE_API_BASE",
            api_base="https://gql.hashnode.com",
        ),
        Platform(
            "medium",
            "Medium",
            "manual",
            "article",
            dict(_ARTICLE),
            {"footer": DEFAULT_FOOTER},
        ),
        Platform(
            "mastodon",
            "Mastodon",
            "api",
            "post",
            {
                **_POST,
                "instance": _url,
                "visibility": _choice("public", "unlisted", "private", "direct"),
                "language": _text,
                "limit": _limit,
                # The share card attached as the status's image (Mastodon then
                # shows it instead of the link's preview card): off by default.
                "card_media": _bool,
            },
            {"visibility": "public", "limit": 500, "card_media": False},
            required=("instance",),
            tokens=("MASTODON_ACCESS_TOKEN",),
            base_env="MASTODON_API_BASE",
        ),
        Platform(
            "bluesky",
            "Bluesky",
            "api",
            "post",
            {**_POST, "language": _text},
            tokens=("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"),
            base_env="BLUESKY_API_BASE",
            api_base="https://bsky.social",
        ),
        Platform(
            "linkedin",
            "LinkedIn",
            "api",
            "post",
            {
                **_POST,
                "author": _linkedin_urn,
                "visibility": _choice("PUBLIC", "CONNECTIONS"),
                "version": _text,
            },
            {"visibility": "PUBLIC", "version": "202501"},
            required=("author",),
            tokens=("LINKEDIN_ACCESS_TOKEN",),
            base_env="LINKEDIN_API_BASE",
            api_base="https://api.linkedin.com",
        ),
        Platform(
            "x",
            "X",
            "api",
            "post",
            dict(_POST),
            tokens=("X_ACCESS_TOKEN",),
            base_env="X_API_BASE",
            api_base="https://api.x.com",
        ),
    )
}


@dataclass(frozen=True)
class Target:
    """One configured target: its platform and validated options."""

    name: str
    platform: Platform
    options: dict[str, Any]

    @property
    def api_base(self) -> str | None:
        return (
            self.options.get("api_base")
            or self.options.get("instance")
            or self.platform.api_base
        )


def parse_targets(settings: dict) -> dict[str, Target]:
    """Validated targets of a site, by name; ``SettingsError`` lists every problem."""
    raw = settings.get(SETTING) or {}
    problems: list[str] = []
    targets: dict[str, Target] = {}
    if not isinstance(raw, dict):
        raise SettingsError(
            "invalid value", field=SETTING, value=raw, expected="a dict"
        )
    for name in sorted(raw, key=str):
        options = raw[name]
        where = f"{SETTING}[{name!r}]"
        platform = PLATFORMS.get(name)
        if platform is None:
            close = difflib.get_close_matches(str(name), PLATFORMS, n=1)
            problems.append(
                describe(
                    "unknown target",
                    field=where,
                    expected="one of "
                    + ", ".join(PLATFORMS)
                    + (f" (did you mean {close[0]!r}?)" if close else ""),
                )
            )
            continue
        if options is None:
            options = {}
        if not isinstance(options, dict):
            problems.append(
                describe(
                    "invalid options", field=where, value=options, expected="a dict"
                )
            )
            continue
        clean = dict(platform.defaults)
        for key in sorted(options, key=str):
            check = platform.options.get(key)
            if check is None:
                problems.append(
                    describe(
                        "unknown option",
                        field=f"{where}[{key!r}]",
                        expected="one of " + ", ".join(sorted(platform.options)),
                    )
                )
                continue
            try:
                clean[key] = check(options[key])
            except ValueError as exc:
                problems.append(
                    describe(
                        "invalid option",
                        field=f"{where}[{key!r}]",
                        value=options[key],
                        expected=str(exc),
                    )
                )
        for key in platform.required:
            if key not in options:
                problems.append(
                    describe(
                        "missing option",
                        field=f"{where}[{key!r}]",
                        expected=f"{key} for {platform.display}",
                    )
                )
        targets[name] = Target(name, platform, clean)
    for item in settings.get("PULLMARKETING_CROSSPOST_DEFAULT") or []:
        if item not in ("all", "none") and item not in raw:
            problems.append(
                describe(
                    "unknown target",
                    field="PULLMARKETING_CROSSPOST_DEFAULT",
                    value=item,
                    expected="all, none or a target of " + SETTING,
                )
            )
    if problems:
        raise SettingsError(
            "invalid cross-posting settings:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )
    return targets


def requested(doc, settings: dict) -> list[str]:
    """Target names a document asks for (metadata ``crosspost``, else
    ``PULLMARKETING_CROSSPOST_DEFAULT``), ``all`` expanded, unknown names kept
    so the document check can report them."""
    names = metadata.value(doc, "crosspost")
    if names is None:
        names = settings.get("PULLMARKETING_CROSSPOST_DEFAULT") or ["none"]
    configured = sorted((settings.get(SETTING) or {}).keys(), key=str)
    out: list[str] = []
    for name in names:
        key = name.strip().lower()
        if key == "none":
            continue
        for item in configured if key == "all" else [key]:
            if item not in out:
                out.append(item)
    return out


def check_document(doc, settings: dict) -> list[str]:
    """Document check: every named target must be configured."""
    configured = settings.get(SETTING) or {}
    raw = metadata.value(doc, "crosspost") or []
    lowered = [n.strip().lower() for n in raw]
    problems = []
    if ("all" in lowered or "none" in lowered) and len(lowered) > 1:
        problems.append(
            describe(
                "'all' and 'none' stand alone",
                file=getattr(doc, "source_path", None),
                field="crosspost",
                value=", ".join(raw),
                expected="all, none, or a list of target names",
            )
        )
    for name in requested(doc, settings):
        if name not in configured:
            where = (
                f"configured: {', '.join(sorted(configured))}"
                if configured
                else f"none configured in {SETTING}"
            )
            known = "" if name in PLATFORMS else " (not a known platform)"
            problems.append(
                describe(
                    f"unknown cross-posting target {name!r}{known}",
                    file=getattr(doc, "source_path", None),
                    field="crosspost",
                    value=name,
                    expected=f"a target of {SETTING} ({where})",
                )
            )
    return problems


_HOSTS = {
    "dev.to": "DEV",
    "hashnode.dev": "Hashnode",
    "hashnode.com": "Hashnode",
    "medium.com": "Medium",
    "bsky.app": "Bluesky",
    "linkedin.com": "LinkedIn",
    "x.com": "X",
    "twitter.com": "X",
}


def platform_name(url: str) -> str:
    """Display name for a copy's URL given in metadata (host when unknown)."""
    host = (urlsplit(url).hostname or "").lower()
    for known, name in _HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return host.removeprefix("www.") or url
