"""The Pelican generator of topics: hub pages (paginated like Pelican's
indexes), the subscribe page, the OPML list and every topic feed.

It runs after Pelican's article and page generators (``get_generators``), so
``generate_context`` sees every document and sets ``pm_topics`` / ``pm_related``
before anything is written; ``generate_output`` runs after the static
generator has read its files, so ``{static}`` links in feeds resolve.
"""

from __future__ import annotations

import logging
import os
import re

import markdown
from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url, sanitised_join

from .. import build, i18n, text
from ..urls import absolute_url
from . import feeds
from .model import TopicIndex, build_index, in_feeds

logger = logging.getLogger(__name__)

_DOC_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages")
_INTRASITE = re.compile(
    r"""(?P<pre>(?:href|src)=["'])\{(?P<what>filename|static)\}(?P<path>[^"'#?]+)"""
)
HUB_PAGINATION = 10  # articles per hub page when nothing else says
RENDERERS = {
    "atom": feeds.render_atom,
    "rss": feeds.render_rss,
    "json": feeds.render_json,
}


def _all_documents(context: dict) -> list:
    docs, seen = [], set()
    for key in (*_DOC_LISTS, "draft_pages"):
        for doc in context.get(key) or ():
            for one in (doc, *(getattr(doc, "translations", None) or ())):
                if id(one) not in seen:
                    seen.add(id(one))
                    docs.append(one)
    return docs


class TopicsGenerator(Generator):
    index: TopicIndex

    def generate_context(self) -> None:
        articles = list(self.context.get("articles") or ())
        pages = list(self.context.get("pages") or ())
        specs = build.current().topics.specs
        self.index = build_index(
            self.settings, specs, articles, pages, _all_documents(self.context)
        )
        for topic in self.index.topics:
            topic.intro = self._intro_html(topic, None, warn=False)
        # Themes may list every topic (menus, footers). A category page is
        # the page of its automatic topic, or lists the same articles as a
        # topic's hub (search metadata then gives it the hub's URL as
        # canonical): both find that topic here, by category slug.
        self.context["pm_all_topics"] = self.index.topics
        self.context["pm_category_topics"] = self.index.by_category
        self._say_what_topics_are()
        paginated = self.settings.get("PAGINATED_TEMPLATES") or {}
        if paginated.get("topic") is None:
            # Hubs are paginated even on a site whose lists are not: a hub of
            # a hundred articles is too long a page. A new dict: Pelican's
            # default dict may be shared between builds.
            per_page = (
                self.settings.get("PULLMARKETING_TOPIC_PAGINATION")
                or self.settings.get("DEFAULT_PAGINATION")
                or HUB_PAGINATION
            )
            self.settings["PAGINATED_TEMPLATES"] = {**paginated, "topic": per_page}
        # An empty SITEURL is a local build: the settings warning at the start
        # of the build already says what it means for feeds.
        if not (
            self.settings.get("PULLMARKETING_FEED_ID_AUTHORITY")
            or self.settings.get("SITEURL")
        ):
            logger.info(
                "pullmarketing: feed entry ids use the authority 'localhost'; set "
                "PULLMARKETING_FEED_ID_AUTHORITY to a domain you own so ids never change"
            )

    def _say_what_topics_are(self) -> None:
        """One line when the package chose for the owner."""
        topics = self.index.topics
        automatic = [t for t in topics if not t.save_as]
        if automatic:
            reused = [t for t in automatic if t.feeds and not t.feeds[0].save_as]
            logger.info(
                "pullmarketing: PULLMARKETING_TOPICS is unset: each category is a "
                "topic and its category page is the topic's page; feeds: %s",
                "the blog's own category feeds"
                if reused
                else "topics/{slug}/ (the blog writes no category feeds)",
            )
        for topic in topics:
            if topic.mirrors_category:
                logger.info(
                    "pullmarketing: topic %r lists the same articles as the "
                    "category page %r: that page's canonical URL is the topic's "
                    "page, and only the topic's page is in the sitemap",
                    topic.slug,
                    topic.mirrors_category,
                )

    # --- output ----------------------------------------------------------------------

    def generate_output(self, writer) -> None:
        topics = self.index.topics
        if not topics:
            logger.info(
                "pullmarketing: no topics (no categories, no PULLMARKETING_TOPICS)"
            )
        for topic in topics:
            self._write_hub(writer, topic)
        self._write_subscribe(writer)
        self._write_feeds()
        self._write_opml()

    def _relative_base(self, save_as: str | None) -> str:
        if save_as and self.settings.get("RELATIVE_URLS"):
            return path_to_url(get_relative_path(save_as))
        return self.settings.get("SITEURL") or ""

    def _intro_html(self, topic, save_as: str | None, warn: bool = True) -> Markup:
        if not topic.intro_source:
            return Markup("")
        html = markdown.Markdown(**(self.settings.get("MARKDOWN") or {})).convert(
            topic.intro_source
        )
        base = self._relative_base(save_as)

        def link(m: re.Match) -> str:
            key = "generated_content" if m["what"] == "filename" else "static_content"
            target = (self.context.get(key) or {}).get(m["path"].lstrip("/"))
            if target is None:
                if not warn:  # static files are read later; the hub warns
                    return m.group(0)
                logger.warning(
                    "pullmarketing: PULLMARKETING_TOPICS[%r]['intro']: cannot find %s",
                    topic.slug,
                    m.group(0)[len(m["pre"]) :],
                )
                return m.group(0)
            return f"{m['pre']}{base}/{target.url}"

        return Markup(_INTRASITE.sub(link, html))

    def _write_hub(self, writer, topic) -> None:
        if not topic.save_as:
            return
        # Links in the intro are relative to the hub when RELATIVE_URLS is on.
        topic.intro = self._intro_html(topic, topic.save_as)
        writer.write_file(
            topic.save_as,
            self.get_template("topic"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS"),
            paginated={"articles": topic.articles},
            template_name="topic",
            url=topic.url,
            page_name=topic.page_name,
            topic=topic,
            articles=topic.articles,
            topics=self.index.topics,
        )

    def _write_subscribe(self, writer) -> None:
        save_as = self.settings["PULLMARKETING_SUBSCRIBE_SAVE_AS"]
        if not save_as:
            return
        opml = self.settings["PULLMARKETING_OPML_SAVE_AS"]
        writer.write_file(
            save_as,
            self.get_template("subscribe"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS"),
            url=self.settings["PULLMARKETING_SUBSCRIBE_URL"],
            page_name="subscribe",
            topics=self.index.topics,
            opml_url=opml or None,
        )

    # --- feeds -------------------------------------------------------------------

    def _write_bytes(self, save_as: str, data: bytes) -> None:
        path = sanitised_join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
        logger.info('Writing "%s"', path)

    def _write_feeds(self) -> None:
        settings = self.settings
        siteurl = settings.get("SITEURL") or ""
        listed = [
            a for a in self.context.get("articles") or () if in_feeds(a, settings)
        ]
        first_year = min((a.date.year for a in listed), default=2000)
        fallback = max(
            (feeds.aware(a.date, settings) for a in listed), default=feeds.EPOCH
        )
        max_items = settings.get("PULLMARKETING_FEED_MAX_ITEMS", 50)
        entries: dict[int, feeds.Entry] = {}
        sitename = text.plain_text(settings.get("SITENAME") or "")
        for topic in self.index.topics:
            # A topic that mirrors a category announces the blog's own
            # category feed, which Pelican writes: no entry to make.
            written = [feed for feed in topic.feeds if feed.save_as]
            if not written:
                continue
            docs = topic.articles[:max_items] if max_items else topic.articles
            topic_entries = []
            for doc in docs:
                if id(doc) not in entries:
                    entries[id(doc)] = feeds.make_entry(doc, settings, self.context)
                topic_entries.append(entries[id(doc)])
            for feed in written:
                info = feeds.FeedInfo(
                    id=feeds.topic_feed_id(topic, settings, first_year),
                    title=f"{sitename}: {topic.title}" if sitename else topic.title,
                    subtitle=topic.description,
                    home_url=absolute_url(siteurl, topic.url),
                    self_url=feed.href,
                    author=feeds.site_author(settings),
                    language=settings.get("DEFAULT_LANG") or "",
                    hub=settings.get("PULLMARKETING_WEBSUB_HUB"),
                    updated=feeds.feed_updated(topic_entries, fallback),
                    utm=settings.get("PULLMARKETING_FEED_UTM") or {},
                    topic_slug=topic.slug,
                )
                self._write_bytes(
                    feed.save_as, RENDERERS[feed.format](info, topic_entries)
                )

    def _write_opml(self) -> None:
        save_as = self.settings["PULLMARKETING_OPML_SAVE_AS"]
        if not save_as:
            return
        siteurl = self.settings.get("SITEURL") or ""
        sitename = text.plain_text(self.settings.get("SITENAME") or "")
        outlines = [
            {
                "text": f"{sitename}: {topic.title}" if sitename else topic.title,
                "xmlUrl": topic.feed.href,
                "htmlUrl": absolute_url(siteurl, topic.url),
                "description": topic.description,
            }
            for topic in self.index.topics
            if topic.feed is not None
        ]
        # The list is the site's: in the site's language.
        _ = i18n.gettext_for(self.settings.get("DEFAULT_LANG"))
        # Translators: the title of the OPML file that lists the feed of
        # every topic of the site (a feed reader shows it).
        title = _("{site} topics").format(site=sitename) if sitename else _("Topics")
        self._write_bytes(save_as, feeds.render_opml(title, sitename, outlines))
