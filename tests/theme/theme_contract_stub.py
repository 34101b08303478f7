"""A stand-in for the plugin's features, built from the cross-feature contracts
only (pm_topics, pm_related, pm_syndication, gate_form/pm_gate, the topic,
subscribe and thank-you pages), so the theme's templates are tested against the
contracts themselves. Loaded as a plugin module: ``PLUGINS=[contract_stub]``.

Article metadata it reads: ``stub_gate: yes`` makes the article a gate landing
page; ``stub_syndication: yes`` gives it two syndicated copies.
"""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup
from pelican.generators import Generator

from pelican import signals

TOPIC_SLUG = "boilers"


def _topic(papers):
    base = f"topics/{TOPIC_SLUG}/"
    feeds = [
        SimpleNamespace(
            format="atom",
            title="Boilers (Atom)",
            url=base + "atom.xml",
            mime="application/atom+xml",
        ),
        SimpleNamespace(
            format="rss",
            title="Boilers (RSS)",
            url=base + "rss.xml",
            mime="application/rss+xml",
        ),
        SimpleNamespace(
            format="json",
            title="Boilers (JSON Feed)",
            url=base + "feed.json",
            mime="application/feed+json",
        ),
    ]
    return SimpleNamespace(
        slug=TOPIC_SLUG,
        title="Boilers",
        description="Servicing, repairs and replacing your boiler.",
        url=base,
        feeds=feeds,
        papers=papers,
    )


GATE_FORM = Markup(
    '<form class="gate-form" method="post" action="/stub-submit">'
    '<p><label for="gate-email">Email address</label>'
    '<input id="gate-email" type="email" name="email" autocomplete="email" required></p>'
    '<p><label><input type="checkbox" name="consent"> Send me the newsletter too</label></p>'
    '<p><button type="submit">Send me the guide</button></p></form>'
)


def _gate(article):
    return SimpleNamespace(
        file_name="boiler-guide.pdf",
        file_type="application/pdf",
        size=1_250_000,
        cover=None,
        button="Send me the guide",
        summary="Twelve pages on choosing, fitting and servicing a boiler.",
        delivery="page",
        thank_you_url=f"downloads/t0ken/{article.slug}/",
    )


def attach(generator):
    articles = sorted(generator.articles, key=lambda a: a.date, reverse=True)
    landings = [a for a in articles if a.metadata.get("stub_gate")]
    for article in landings:
        article.gate_form = GATE_FORM
        article.pm_gate = _gate(article)
    topic = _topic(landings)
    generator.context["pm_stub_topic"] = topic
    for article in articles:
        article.pm_topics = [topic]
        article.pm_related = [a for a in articles if a is not article][:3]
        if article.metadata.get("stub_syndication"):
            article.pm_syndication = [
                SimpleNamespace(name="DEV", url=f"https://dev.to/firm/{article.slug}"),
                SimpleNamespace(
                    name="Mastodon",
                    url=f"https://mastodon.example/@firm/{len(article.slug)}",
                ),
            ]


class StubPagesGenerator(Generator):
    def generate_output(self, writer):
        topic = self.context.get("pm_stub_topic")
        if topic is None:
            return
        articles = sorted(self.context["articles"], key=lambda a: a.date, reverse=True)
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file(
            topic.url + "index.html",
            self.get_template("topic"),
            self.context,
            relative,
            paginated={"articles": articles},
            template_name="topic",
            url=topic.url,
            topic=topic,
            articles=articles,
            page_name=topic.url.rstrip("/"),
        )
        writer.write_file(
            "subscribe/index.html",
            self.get_template("subscribe"),
            self.context,
            relative,
            topics=[topic],
            page_name="subscribe",
        )
        for landing in topic.papers:
            writer.write_file(
                landing.pm_gate.thank_you_url + "index.html",
                self.get_template("gate_thanks"),
                self.context,
                relative,
                gate=landing.pm_gate,
                landing=landing,
                robots="noindex, nofollow",
            )


def get_generators(pelican):
    return StubPagesGenerator


def install_words(generator):
    """The plugin's words, as the plugin installs them on every environment
    (the theme's templates are marked for Jinja's i18n extension)."""
    from pelican_pullmarketing import i18n

    i18n.install(generator.env)


def register():
    signals.article_generator_finalized.connect(attach)
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(install_words)
