"""Topics and who belongs to them.

A topic comes from ``PULLMARKETING_TOPICS`` (curated: title, description, intro,
the categories and tags that feed it) or, without that setting, from each
category. A document belongs to a topic when its category or one of its tags is
listed, or when its ``topics`` metadata names it. ``build_index`` turns settings
and documents into ``Topic`` objects the generator, the templates and other
features (``doc.pm_topics``, ``doc.pm_related``) read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import quote

from .. import metadata, text
from ..errors import describe
from ..settings import check_setting, setting_value

SETTING = "PULLMARKETING_TOPICS"

FORMATS = ("atom", "rss", "json")
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
MIME = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
SAVE_AS_SETTING = {
    "atom": "PULLMARKETING_TOPIC_ATOM_SAVE_AS",
    "rss": "PULLMARKETING_TOPIC_RSS_SAVE_AS",
    "json": "PULLMARKETING_TOPIC_JSON_SAVE_AS",
}

# One-click subscribe links of common feed readers; {feed} is the URL-encoded feed.
READERS = (
    ("Feedly", "https://feedly.com/i/subscription/feed/{feed}"),
    ("Inoreader", "https://www.inoreader.com/?add_feed={feed}"),
    ("NewsBlur", "https://www.newsblur.com/?url={feed}"),
    ("The Old Reader", "https://theoldreader.com/feeds/subscribe?url={feed}"),
)


@dataclass(frozen=True)
class TopicSpec:
    """A topic as the settings (or a category) define it."""

    slug: str
    title: str
    description: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    intro: str = ""
    feed_id: str | None = None
    # An automatic topic (PULLMARKETING_TOPICS unset) is a category: its page
    # is the hub, and the blog's category feeds are its feeds when it has any.
    category: object | None = None


@dataclass
class ReaderLink:
    name: str
    url: str


@dataclass
class Feed:
    """One feed file of a topic. ``url`` is site-relative like Pelican's URLs;
    ``href`` is what feed readers get (absolute when SITEURL or FEED_DOMAIN is
    set, else root-relative)."""

    format: str
    title: str
    url: str
    save_as: str
    mime: str
    href: str


@dataclass
class Topic:
    slug: str
    title: str
    description: str
    intro_source: str  # Markdown, from the settings
    url: str
    save_as: str
    page_name: str
    feed_id: str | None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    feeds: list[Feed] = field(default_factory=list)
    articles: list = field(default_factory=list)  # listed, newest first
    pages: list = field(default_factory=list)
    papers: list = field(default_factory=list)
    related: list[Topic] = field(default_factory=list)
    # The slug of the category whose page lists exactly this topic's articles
    # (its canonical URL is then this topic's hub).
    mirrors_category: str | None = None
    readers: list[ReaderLink] = field(default_factory=list)
    email_url: str | None = None
    intro: str = ""  # intro_source rendered to HTML (Markup) by the generator

    @property
    def feed(self) -> Feed | None:
        """The feed offered first (Atom, else RSS, else JSON Feed)."""
        return self.feeds[0] if self.feeds else None

    def __str__(self) -> str:
        return self.title

    def __repr__(self) -> str:
        return f"<Topic {self.slug!r}>"


# --- settings -----------------------------------------------------------------


def parse_topics(raw) -> list[TopicSpec]:
    """The topics of a ``PULLMARKETING_TOPICS`` value, checked by the schema
    (``settings.TOPICS``); raises ``SettingsError`` listing every problem."""
    checked = check_setting(SETTING, raw)
    return [_spec(slug, conf) for slug, conf in checked.items()]


def _spec(slug: str, conf: dict) -> TopicSpec:
    return TopicSpec(
        slug=slug,
        title=conf.get("title") or slug.replace("-", " ").capitalize(),
        description=conf.get("description") or "",
        categories=tuple(conf["categories"]),
        tags=tuple(conf["tags"]),
        intro=conf.get("intro") or "",
        feed_id=conf.get("feed_id") or None,
    )


def configured_specs(settings: dict) -> list[TopicSpec] | None:
    """The topics of ``PULLMARKETING_TOPICS`` (None when unset: categories are
    topics). A build parses them once, at start-up, into
    ``build.Build.topics.specs``."""
    raw = settings.get(SETTING)
    if raw is None:
        return None
    return parse_topics(raw)


def _norm(name) -> str:
    return text.field_text(name).casefold()


def _keys(wrapper) -> set[str]:
    """A category's or tag's name and slug, normalised."""
    return {_norm(wrapper.name), _norm(wrapper.slug)} if wrapper is not None else set()


def category_specs(articles) -> list[TopicSpec]:
    """Without ``PULLMARKETING_TOPICS``: one topic per category of the listed
    articles, by name."""
    seen = {}
    for article in articles:
        cat = getattr(article, "category", None)
        if cat is not None and cat.slug not in seen:
            seen[cat.slug] = TopicSpec(
                slug=cat.slug,
                title=text.field_text(cat.name),
                categories=(cat.name,),
                category=cat,
            )
    return sorted(seen.values(), key=lambda s: (_norm(s.title), s.slug))


class SpecLookup:
    """Which topics a name, a category or a tag selects, normalised once per
    build: a document's topics are then found from its own few names, not
    by comparing it with every topic (documents × topics)."""

    def __init__(self, specs: list[TopicSpec]):
        self.slugs = [spec.slug for spec in specs]
        self.named: dict[str, set[int]] = {}
        self.categories: dict[str, set[int]] = {}
        self.tags: dict[str, set[int]] = {}
        for n, spec in enumerate(specs):
            # A document's `topics:` line names a topic by slug (as given)
            # or by title (normalised).
            self.named.setdefault(spec.slug, set()).add(n)
            self.named.setdefault(_norm(spec.title), set()).add(n)
            for name in spec.categories:
                self.categories.setdefault(_norm(name), set()).add(n)
            for name in spec.tags:
                self.tags.setdefault(_norm(name), set()).add(n)
        # A category's or tag's normalised name and slug, by name and slug:
        # thousands of documents share a few dozen of them.
        self._keys: dict[tuple, set[str]] = {}

    def _keys_of(self, wrapper) -> set[str]:
        if wrapper is None:
            return set()
        given = (str(wrapper.name), str(wrapper.slug))
        keys = self._keys.get(given)
        if keys is None:
            keys = self._keys[given] = _keys(wrapper)
        return keys

    def slugs_of(self, doc) -> list[str]:
        """Slugs of the topics ``doc`` belongs to, in topic order."""
        found: set[int] = set()
        for name in metadata.value(doc, "topics"):
            found |= self.named.get(_norm(name), set())
        for key in self._keys_of(getattr(doc, "category", None)):
            found |= self.categories.get(key, set())
        for tag in getattr(doc, "tags", None) or ():
            for key in self._keys_of(tag):
                found |= self.tags.get(key, set())
        return [self.slugs[n] for n in sorted(found)]


# --- document check ---------------------------------------------------------------


def _source(doc) -> str:
    return getattr(doc, "source_path", None) or getattr(
        doc, "relative_source_path", "?"
    )


def _known_category_names(doc) -> set[str]:
    """Category names and slugs of every article read (category mode)."""
    context = getattr(doc, "_context", None) or {}
    names = set()
    for key in ("articles", "drafts", "hidden_articles"):
        for other in context.get(key) or ():
            names |= _keys(getattr(other, "category", None))
    return names | _keys(getattr(doc, "category", None))


def check_document(doc, specs: list[TopicSpec] | None) -> list[str]:
    """Problems of ``doc``'s ``topics`` metadata: each named topic must exist
    among ``specs`` (``configured_specs``)."""
    named = metadata.value(doc, "topics")
    if not named:
        return []
    if specs is None:
        known = _known_category_names(doc)
        expected = "the name or slug of a category (PULLMARKETING_TOPICS is unset)"
    else:
        known = {s.slug for s in specs} | {_norm(s.title) for s in specs}
        expected = "one of " + ", ".join(s.slug for s in specs)
    return [
        describe(
            "unknown topic",
            file=_source(doc),
            field="topics",
            value=name,
            expected=expected,
        )
        for name in named
        if _norm(name) not in known
    ]


# --- the index ------------------------------------------------------------------


def _feed_href(settings: dict, path: str) -> str:
    from ..urls import absolute_url

    domain = settings.get("FEED_DOMAIN") or settings.get("SITEURL") or ""
    return absolute_url(domain, path)


# Pelican's own category feeds, which an automatic topic offers when the
# blog writes them: (format, file setting, URL setting).
CATEGORY_FEEDS = (
    ("atom", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_ATOM_URL"),
    ("rss", "CATEGORY_FEED_RSS", "CATEGORY_FEED_RSS_URL"),
)


def category_feeds(spec: TopicSpec, settings: dict) -> list[Feed]:
    """The blog's own feeds of the category of an automatic topic (none when
    the blog writes no category feeds): never a second feed of the same
    articles under other ids."""
    feeds = []
    for fmt, save_setting, url_setting in CATEGORY_FEEDS:
        pattern = settings.get(save_setting)
        if not pattern:
            continue
        url = (settings.get(url_setting) or pattern).format(slug=spec.category.slug)
        feeds.append(
            Feed(
                format=fmt,
                title=f"{spec.title} ({FORMAT_NAMES[fmt]})",
                url=url,
                save_as="",  # Pelican writes it
                mime=MIME[fmt],
                href=_feed_href(settings, url),
            )
        )
    return feeds


def make_topic(spec: TopicSpec, settings: dict) -> Topic:
    if spec.category is not None:
        # An automatic topic: the category page is its hub (no second page
        # listing the same articles).
        url, save_as = spec.category.url, ""
    else:
        url = settings["PULLMARKETING_TOPIC_URL"].format(slug=spec.slug)
        save_as = settings["PULLMARKETING_TOPIC_SAVE_AS"].format(slug=spec.slug)
    topic = Topic(
        slug=spec.slug,
        title=spec.title,
        description=spec.description,
        intro_source=spec.intro,
        url=url,
        save_as=save_as,
        page_name=os.path.splitext(url)[0],
        feed_id=spec.feed_id,
        categories=spec.categories,
        tags=spec.tags,
    )
    if spec.category is not None:
        topic.feeds = category_feeds(spec, settings)
    if not topic.feeds:
        for fmt in FORMATS:
            feed_as = settings[SAVE_AS_SETTING[fmt]]
            if not feed_as:
                continue
            feed_as = feed_as.format(slug=spec.slug)
            topic.feeds.append(
                Feed(
                    format=fmt,
                    title=f"{spec.title} ({FORMAT_NAMES[fmt]})",
                    url=feed_as,
                    save_as=feed_as,
                    mime=MIME[fmt],
                    href=_feed_href(settings, feed_as),
                )
            )
    feed = topic.feed
    if feed is not None and feed.href.startswith(("http://", "https://")):
        encoded = quote(feed.href, safe="")
        topic.readers = [
            ReaderLink(name, pattern.format(feed=encoded)) for name, pattern in READERS
        ]
        email = settings.get("PULLMARKETING_EMAIL_BY_FEED_URL")
        if email:
            topic.email_url = email.replace("{feed}", encoded)
    return topic


def newest_first(doc) -> tuple:
    date = getattr(doc, "date", None)
    stamp = date.timestamp() if date is not None else 0.0
    return (-stamp, getattr(doc, "relative_source_path", "") or "")


def in_feeds(doc, settings: dict) -> bool:
    """Listed, indexable and not a gated download's thank-you page."""
    if not metadata.is_listed(doc):
        return False
    if "noindex" in (metadata.value(doc, "robots") or ""):
        return False
    downloads = (
        setting_value(settings, "PULLMARKETING_GATE_DOWNLOADS_PATH") or ""
    ).strip("/")
    save_as = (getattr(doc, "save_as", "") or "").lstrip("/")
    return not (downloads and save_as.startswith(downloads + "/"))


@dataclass
class TopicIndex:
    topics: list[Topic]
    by_slug: dict[str, Topic]
    # category slug -> the automatic topic that is the category, or the topic
    # whose hub lists exactly the category's articles
    by_category: dict[str, Topic] = field(default_factory=dict)


def build_index(
    settings: dict,
    specs: list[TopicSpec] | None,
    articles: list,
    pages: list,
    all_documents: list,
) -> TopicIndex:
    """Topics (``specs``, or the categories when None) with their listed
    articles, pages and papers; ``pm_topics`` and ``pm_related`` set on every
    document in ``all_documents``."""
    feedable = {id(d) for d in (*articles, *pages) if in_feeds(d, settings)}
    if specs is None:
        specs = category_specs(a for a in articles if id(a) in feedable)
    topics = [make_topic(spec, settings) for spec in specs]
    by_slug = {t.slug: t for t in topics}

    article_ids = {id(d) for d in articles}
    lookup = SpecLookup(specs)
    for doc in all_documents:
        slugs = lookup.slugs_of(doc)
        doc.pm_topics = [by_slug[s] for s in slugs]
        if id(doc) not in feedable:
            continue
        for topic in doc.pm_topics:
            if id(doc) in article_ids:
                topic.articles.append(doc)
            else:
                topic.pages.append(doc)
            if metadata.value(doc, "gated_file"):
                topic.papers.append(doc)

    for topic in topics:
        topic.articles.sort(key=newest_first)
        topic.papers.sort(key=newest_first)
        topic.related = _related_topics(topic, topics)
    _find_mirrors(topics, articles)
    by_category = {t.slug: t for t in topics if not t.save_as and t.categories}
    by_category.update({t.mirrors_category: t for t in topics if t.mirrors_category})

    for doc in all_documents:
        doc.pm_related = _related_articles(doc)
    return TopicIndex(topics, by_slug, by_category)


def _find_mirrors(topics: list[Topic], articles: list) -> None:
    """Note each topic with a hub page whose articles are exactly those a
    category page lists: two pages with the same list must not compete, and
    the hub (curated: intro, description, feeds) is the one search engines
    get (``Topic.mirrors_category``)."""
    listed: dict[str, set[int]] = {}
    for article in articles:
        category = getattr(article, "category", None)
        if category is not None and metadata.is_listed(article):
            listed.setdefault(category.slug, set()).add(id(article))
    if not listed:
        return
    by_members = {frozenset(ids): slug for slug, ids in listed.items()}
    for topic in topics:
        if topic.save_as and topic.articles:
            members = frozenset(id(a) for a in topic.articles)
            topic.mirrors_category = by_members.get(members)


def _related_topics(topic: Topic, topics: list[Topic]) -> list[Topic]:
    """Other topics sharing articles with ``topic``, most shared first."""
    mine = {id(a) for a in topic.articles}
    scored = []
    for order, other in enumerate(topics):
        if other is topic:
            continue
        shared = len(mine & {id(a) for a in other.articles})
        if shared:
            scored.append((-shared, order, other))
    return [other for _, _, other in sorted(scored, key=lambda s: s[:2])]


def _related_articles(doc, limit: int = 3) -> list:
    """Up to ``limit`` listed articles sharing a topic with ``doc``, newest first."""
    seen = {id(doc)}
    candidates = []
    for topic in getattr(doc, "pm_topics", ()):
        # topic.articles is sorted newest first: its head is enough.
        for article in topic.articles[: limit + 1]:
            if id(article) not in seen:
                seen.add(id(article))
                candidates.append(article)
    candidates.sort(key=newest_first)
    return candidates[:limit]
