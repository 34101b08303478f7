"""The one settings schema: every ``PULLMARKETING_*`` name, its type, default
and meaning, and ``validate()``, which checks a site's settings once at start-up.

A reader learns the plugin's whole surface here. Features read the validated
values straight from Pelican's settings dict (defaults filled in, file paths
made absolute), like any native Pelican setting. In a build, the defaults
filled in are those of the features the site loads (and the bundled
theme's): Pelican copies its settings into the context of every page it
writes, so a site that loads one feature does not carry every other
feature's settings through each page. A feature that reads another's
setting uses ``setting_value()``.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import SettingsError, describe

logger = logging.getLogger(__name__)

PREFIX = "PULLMARKETING_"

# --- value checkers: take a value, return it (normalised) or raise ValueError(expected)


def _str(value):
    if not isinstance(value, str):
        raise ValueError("a string")
    return value


def _nonempty_str(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty string")
    return value


def _url(value):
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ValueError("an absolute URL starting with http:// or https://")
    return value


def _url_or_path(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a URL or a path in the site")
    return value


def _int(minimum: int) -> Callable[[Any], int]:
    def check(value):
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(f"a whole number >= {minimum}")
        return value

    return check


def _bool(value):
    if not isinstance(value, bool):
        raise ValueError("True or False")
    return value


def _choice(*choices: str) -> Callable[[Any], str]:
    def check(value):
        if value not in choices:
            raise ValueError("one of " + ", ".join(repr(c) for c in choices))
        return value

    return check


def _title_format(value):
    if (
        not isinstance(value, str)
        or value.count("{title}") != 1
        or value.count("{site}") != 1
    ):
        raise ValueError(
            'a string with {title} and {site} once each, e.g. "{title} | {site}"'
        )
    return value


def _dict_of_str(value):
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError('a dict of strings, e.g. {"phrase": "{filename}/post.md"}')
    return value


def _dict(value):
    if not isinstance(value, dict):
        raise ValueError("a dict")
    return value


def _list_of_str(value):
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, str) for v in value
    ):
        raise ValueError("a list of strings")
    return list(value)


def _optional(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def wrapped(value):
        return None if value is None else check(value)

    wrapped.__name__ = f"optional_{check.__name__}"
    return wrapped


@dataclass(frozen=True)
class Setting:
    name: str
    check: Callable[[Any], Any]
    default: Any
    doc: str
    feature: str
    # "content": a relative path is resolved against PATH (the content folder).
    path: str | None = None
    # The file must exist when the user set the value (defaults may be absent).
    must_exist: bool = False
    env: str | None = None  # environment variable that supplies the value when unset
    extra: dict = field(default_factory=dict)


def S(name, check, default, doc, feature, **kw) -> Setting:
    return Setting(PREFIX + name, check, default, doc, feature, **kw)


# --- the schema. Order = the README's settings table.
SCHEMA: list[Setting] = [
    # Keyword anchors
    S(
        "KEYWORDS",
        _dict_of_str,
        {},
        "Phrase -> link target: a `{filename}` reference to an article or page, or an absolute URL.",
        "keywords",
    ),
    S(
        "KEYWORDS_FILE",
        _str,
        "keywords.csv",
        "CSV of `keyword,target[,variants]` (variants separated by `|`), merged with `PULLMARKETING_KEYWORDS`; loaded when it exists.",
        "keywords",
        path="content",
        must_exist=True,
    ),
    S(
        "MAX_LINKS_PER_ARTICLE",
        _int(0),
        10,
        "At most this many keyword links in one article or page.",
        "keywords",
    ),
    S(
        "MAX_LINKS_PER_TARGET",
        _int(1),
        1,
        "At most this many keyword links to the same target in one document.",
        "keywords",
    ),
    S(
        "KEYWORD_LINK_CLASS",
        _str,
        "keyword-link",
        "CSS class of the links the plugin adds (empty: no class attribute).",
        "keywords",
    ),
    # Topics and feeds
    S(
        "TOPICS",
        _optional(_dict),
        None,
        'Topics: `{"slug": {"title", "description", "categories", "tags", "intro"}}`. Unset: each category is a topic.',
        "topics",
    ),
    S("TOPIC_URL", _str, "topics/{slug}/", "URL of a topic hub page.", "topics"),
    S(
        "TOPIC_SAVE_AS",
        _str,
        "topics/{slug}/index.html",
        "Where a topic hub page is written.",
        "topics",
    ),
    S(
        "TOPIC_ATOM_SAVE_AS",
        _str,
        "topics/{slug}/atom.xml",
        "Atom feed of a topic (empty string: none).",
        "topics",
    ),
    S(
        "TOPIC_RSS_SAVE_AS",
        _str,
        "topics/{slug}/rss.xml",
        "RSS 2.0 feed of a topic (empty string: none).",
        "topics",
    ),
    S(
        "TOPIC_JSON_SAVE_AS",
        _str,
        "topics/{slug}/feed.json",
        "JSON Feed 1.1 of a topic (empty string: none).",
        "topics",
    ),
    S(
        "TOPIC_PAGINATION",
        _optional(_int(1)),
        None,
        "Articles per page of a topic hub. Unset: `DEFAULT_PAGINATION`, or 10 on a site that does not paginate.",
        "topics",
    ),
    S(
        "SUBSCRIBE_URL",
        _str,
        "subscribe/",
        "URL of the subscribe page (all topics and their feeds).",
        "topics",
    ),
    S(
        "SUBSCRIBE_SAVE_AS",
        _str,
        "subscribe/index.html",
        "Where the subscribe page is written (empty string: none).",
        "topics",
    ),
    S(
        "OPML_SAVE_AS",
        _str,
        "subscribe/topics.opml",
        "OPML 2.0 list of every topic feed (empty string: none).",
        "topics",
    ),
    S(
        "EMAIL_BY_FEED_URL",
        _optional(_str),
        "https://blogtrottr.com/?subscribe={feed}",
        "RSS-to-email service offered on the subscribe page; `{feed}` is the URL-encoded feed (None: not offered).",
        "topics",
    ),
    S(
        "FEED_ID_AUTHORITY",
        _optional(_nonempty_str),
        None,
        "Authority of `tag:` entry ids (a domain you own). Unset: SITEURL's host. Set it before moving the site so ids never change.",
        "topics",
    ),
    S(
        "FEED_UTM",
        _optional(_dict_of_str),
        None,
        'Campaign parameters added to entry links in feeds (never to ids), e.g. `{"utm_source": "feed", "utm_medium": "{format}", "utm_campaign": "{topic}"}`.',
        "topics",
    ),
    S(
        "FEED_MAX_ITEMS",
        _int(1),
        50,
        "At most this many entries, newest first, in each topic feed.",
        "topics",
    ),
    S(
        "WEBSUB_HUB",
        _optional(_url),
        None,
        'WebSub hub URL: adds `rel="hub"` to every feed; `pullmarketing websub ping` notifies it.',
        "topics",
    ),
    S(
        "WEBSUB_STATE",
        _str,
        "websub-state.json",
        "State file of `pullmarketing websub ping` (feeds' last pinged hashes).",
        "topics",
        path="content",
    ),
    # Search metadata
    S(
        "SEO_INJECT",
        _choice("auto", "off"),
        "auto",
        "`auto`: add the missing head tags to every written HTML page of any theme; `off`: only the bundled theme's own head block.",
        "seo",
    ),
    S(
        "DEFAULT_IMAGE",
        _optional(_url_or_path),
        None,
        "Image for Open Graph / Twitter / JSON-LD when a document has no `image` metadata.",
        "seo",
    ),
    S(
        "PUBLISHER",
        _optional(_dict),
        None,
        'Who publishes: `{"type": "Organization"|"Person", "name", "url", "logo", "same_as": [...]}`.',
        "seo",
    ),
    S(
        "TITLE_FORMAT",
        _title_format,
        "{title} | {site}",
        "Page titles (`{title}` and `{site}`) where the theme has no format of its own; a theme's, learned from its article pages, wins.",
        "seo",
    ),
    S(
        "DESCRIPTION_LENGTH",
        _int(50),
        155,
        "Meta descriptions made from summaries are cut at a word boundary near this many characters.",
        "seo",
    ),
    S(
        "TWITTER_SITE",
        _optional(_str),
        None,
        "`twitter:site` handle, e.g. `@firm`.",
        "seo",
    ),
    S(
        "SITEMAP_SAVE_AS",
        _str,
        "sitemap.xml",
        "Sitemap of every indexable URL (empty string: none).",
        "seo",
    ),
    S(
        "ROBOTS_SAVE_AS",
        _str,
        "robots.txt",
        "robots.txt with an absolute `Sitemap:` line (empty string: none).",
        "seo",
    ),
    # Theme
    S(
        "THEME_CSS",
        _list_of_str,
        [],
        "Site stylesheets (URLs or paths in the output) loaded after the theme's `tokens.css`.",
        "theme",
    ),
    S(
        "AUTHORS",
        _dict,
        {},
        'Author box of the bundled theme: `{"Author name": {"role": "...", "bio": "..."}}`.',
        "theme",
    ),
    # White-paper gates
    S(
        "GATE",
        _optional(_dict),
        None,
        'Form provider of white-paper gates: `{"provider": "formspree"|"mailchimp"|"kit"|"buttondown"|"hubspot"|"custom", ..., "delivery": "page"|"email"}`.',
        "gates",
    ),
    S(
        "GATE_SECRET",
        _optional(_nonempty_str),
        None,
        "Secret for download tokens (HMAC). Also read from the environment variable of the same name.",
        "gates",
        env="PULLMARKETING_GATE_SECRET",
    ),
    S(
        "PRIVACY_URL",
        _optional(_url_or_path),
        None,
        "Privacy policy linked next to the marketing-consent checkbox.",
        "gates",
    ),
    S(
        "GATE_DOWNLOADS_PATH",
        _nonempty_str,
        "downloads",
        "Output folder of the token folders that hold gated files and thank-you pages.",
        "gates",
    ),
    # Cross-posting
    S(
        "CROSSPOST_TARGETS",
        _dict,
        {},
        'Platforms and their options: `{"devto": {...}, "hashnode": {"publication_id"}, "medium": {}, "mastodon": {"instance"}, "bluesky": {}, "linkedin": {"author"}, "x": {}}`.',
        "crosspost",
    ),
    S(
        "CROSSPOST_DEFAULT",
        _list_of_str,
        ["none"],
        "Targets of documents without `crosspost` metadata: `none` (opt-in), `all`, or a list of target names.",
        "crosspost",
    ),
    S(
        "CROSSPOST_MANIFEST",
        _str,
        "crosspost/manifest.json",
        "Where the build writes the cross-posting manifest, in the output (empty string: none).",
        "crosspost",
    ),
    S(
        "CROSSPOST_STATE",
        _str,
        "crosspost-state.json",
        "State file of `pullmarketing crosspost publish` (commit it).",
        "crosspost",
        path="content",
    ),
    S(
        "CROSSPOST_UTM",
        _optional(_dict_of_str),
        {
            "utm_source": "{target}",
            "utm_medium": "syndication",
            "utm_campaign": "crosspost",
        },
        "Campaign parameters on every link back from a copy; `{target}` is the platform.",
        "crosspost",
    ),
    # Conversation (replies and reactions from every copy, webmentions)
    S(
        "CONVERSATION_FILE",
        _str,
        "conversation.json",
        "Replies, likes and reposts fetched by `pullmarketing conversation fetch` (commit it); the build reads it, never the network.",
        "conversation",
        path="content",
    ),
    S(
        "CONVERSATION_HIDE",
        _list_of_str,
        [],
        "Reply URLs or author profile URLs left off the page and the JSON-LD (kept in the file).",
        "conversation",
    ),
    S(
        "CONVERSATION_ACCOUNTS",
        _list_of_str,
        [],
        "Profile URLs of the firm besides the authors of its copies: their replies answer a thread in `pullmarketing conversation review`.",
        "conversation",
    ),
    S(
        "WEBMENTION_ENDPOINT",
        _optional(_url),
        None,
        'Webmention receiver (e.g. `https://webmention.io/example.com/webmention`): every page advertises it with `<link rel="webmention">`; webmention.io\'s mentions are fetched.',
        "conversation",
    ),
    S(
        "WEBMENTION_STATE",
        _str,
        "webmention-state.json",
        "State file of `pullmarketing conversation send` (webmentions sent; commit it).",
        "conversation",
        path="content",
    ),
]

BY_NAME: dict[str, Setting] = {s.name: s for s in SCHEMA}

# What an empty SITEURL means for each feature, said in one warning.
_EMPTY_SITEURL_EFFECTS = (
    "canonical and Open Graph URLs and the sitemap are left out, feeds and OPML "
    "use root-relative links without reader buttons or stable entry ids, and "
    "the cross-posting manifest is a preview whose copies cannot link back"
)


def defaults() -> dict[str, Any]:
    return {s.name: copy.deepcopy(s.default) for s in SCHEMA}


def _resolve_path(setting: Setting, value: str, settings: dict) -> str:
    if setting.path == "content" and value and not os.path.isabs(value):
        return os.path.join(settings.get("PATH") or os.curdir, value)
    return value


_VALIDATED = "_PULLMARKETING_VALIDATED"


# Features whose register() ran in this process (``core.register``): a build
# fills in the defaults of these and of the theme (``validate_build``).
LOADED_FEATURES: set[str] = set()
ALWAYS_FILLED = frozenset({"theme"})


def setting_value(settings: dict, name: str) -> Any:
    """A setting's value, or its default where the site's validated settings
    do not carry it (a setting of a feature the site does not load)."""
    if name in settings:
        return settings[name]
    return copy.deepcopy(BY_NAME[name].default)


def validate_build(settings: dict) -> dict:
    """``validate()`` as a build runs it: defaults of the loaded features only;
    the warnings come at the start of each run (``warn_about_site``)."""
    features = LOADED_FEATURES | ALWAYS_FILLED if LOADED_FEATURES else None
    return validate(settings, features=features, warn=False)


def validate(
    settings: dict,
    *,
    source: str | None = None,
    warn: bool = True,
    features: set[str] | frozenset[str] | None = None,
) -> dict:
    """Check every ``PULLMARKETING_*`` value in ``settings``, fill in defaults
    and resolve file paths, in place. Raises ``SettingsError`` listing every
    problem; unknown names get a "did you mean" warning.

    Runs once per settings dict: a second call (a feature loaded alone and
    with the package) returns at once. With ``features``, only the defaults
    of those features are filled in (every value given is still checked).
    """
    if settings.get(_VALIDATED):
        return settings
    problems: list[str] = []
    if warn:
        warn_about_site(settings, source=source)
    for setting in SCHEMA:
        given = setting.name in settings
        if not given and setting.env and os.environ.get(setting.env):
            settings[setting.name] = os.environ[setting.env]
            given = True
        if not given and features is not None and setting.feature not in features:
            continue
        value = settings[setting.name] if given else copy.deepcopy(setting.default)
        try:
            value = setting.check(value)
        except ValueError as exc:
            problems.append(
                describe(
                    "invalid value",
                    file=source,
                    field=setting.name,
                    value=value,
                    expected=str(exc),
                )
            )
            continue
        if setting.path and isinstance(value, str) and value:
            value = _resolve_path(setting, value, settings)
            if given and setting.must_exist and not os.path.exists(value):
                problems.append(
                    describe(
                        "file not found",
                        file=source,
                        field=setting.name,
                        value=value,
                        expected="an existing file (relative paths are resolved against PATH, the content folder)",
                    )
                )
                continue
        settings[setting.name] = value
    if problems:
        raise SettingsError(
            "invalid pull-marketing settings:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )
    settings[_VALIDATED] = True
    return settings


def warn_about_site(settings: dict, *, source: str | None = None) -> None:
    """The warnings about a site's settings, each said once: unknown
    ``PULLMARKETING_*`` names ("did you mean") and an empty ``SITEURL`` (a
    local build; one line for every feature it affects). A build says them
    at the start of every run (``core.start_build``); commands on validating."""
    for name in sorted(k for k in settings if k.startswith(PREFIX)):
        if name not in BY_NAME:
            import difflib  # only for a misspelt name: not imported by every build

            close = difflib.get_close_matches(name, BY_NAME, n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]}?" if close else ""
            logger.warning(
                "%sunknown setting %s%s", f"{source}: " if source else "", name, hint
            )
    if not settings.get("SITEURL"):
        logger.warning(
            "pullmarketing: SITEURL is empty (a local build), so %s; "
            "set SITEURL in publishconf.py for the published site",
            _EMPTY_SITEURL_EFFECTS,
        )
