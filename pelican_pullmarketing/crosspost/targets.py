"""The platforms a document can be copied to, and which targets a document
asks for.

``PULLMARKETING_CROSSPOST_TARGETS`` and each platform's options are declared
in the settings schema (``settings.CROSSPOST_PLATFORM_OPTIONS``), which checks
them to the leaf (unknown platform, unknown option, missing required option,
wrong type) so a typo stops the build with one clear message instead of a
manifest nobody can publish. Here: what the code needs to know of each
platform beyond its options.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import metadata, urls
from .. import settings as schema
from ..errors import describe

SETTING = "PULLMARKETING_CROSSPOST_TARGETS"
DEFAULT_TEMPLATE = schema.DEFAULT_POST_TEMPLATE
DEFAULT_FOOTER = schema.DEFAULT_FOOTER


@dataclass(frozen=True)
class Platform:
    name: str
    display: str  # shown as "Also published on <display>"
    mode: str  # "api" or "manual"
    kind: str  # "article" (full copy, updated in place) or "post" (short post)
    tokens: tuple[str, ...] = ()  # environment variables holding credentials
    base_env: str | None = None  # environment variable overriding the API base
    api_base: str | None = None


PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform(
            "devto",
            "DEV",
            "api",
            "article",
            tokens=("DEVTO_API_KEY",),
            base_env="DEVTO_API_BASE",
            api_base="https://dev.to",
        ),
        Platform(
            "hashnode",
            "Hashnode",
            "api",
            "article",
            tokens=("HASHNODE_TOKEN",),
            base_env="HASHNODE_API_BASE",
            api_base="https://gql.hashnode.com",
        ),
        Platform(
            "medium",
            "Medium",
            "manual",
            "article",
        ),
        Platform(
            "mastodon",
            "Mastodon",
            "api",
            "post",
            tokens=("MASTODON_ACCESS_TOKEN",),
            base_env="MASTODON_API_BASE",
        ),
        Platform(
            "bluesky",
            "Bluesky",
            "api",
            "post",
            tokens=("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"),
            base_env="BLUESKY_API_BASE",
            api_base="https://bsky.social",
        ),
        Platform(
            "linkedin",
            "LinkedIn",
            "api",
            "post",
            tokens=("LINKEDIN_ACCESS_TOKEN",),
            base_env="LINKEDIN_API_BASE",
            api_base="https://api.linkedin.com",
        ),
        Platform(
            "x",
            "X",
            "api",
            "post",
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
    """The site's targets, by name, from ``PULLMARKETING_CROSSPOST_TARGETS``
    as the schema checks it (options normalised, defaults filled in);
    ``SettingsError`` lists every problem."""
    checked = schema.check_setting(SETTING, settings.get(SETTING) or {})
    return {
        name: Target(name, PLATFORMS[name], checked[name])
        for name in sorted(checked, key=str)
    }


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
    host = urls.host_of(url)
    for known, name in _HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return host.removeprefix("www.") or url
