"""Topic membership, its errors, and what documents carry for themes and
other features (``pm_topics``, ``pm_related``)."""

from __future__ import annotations

import pytest
from topics_support import SITE, TOPICS, write_firm_site

from pelican_pullmarketing.errors import BuildFailed

ARTICLE_PROBE = """{% extends "!simple/article.html" %}{% block content %}
{% for t in article.pm_topics %}TOPIC {{ t.slug }} {{ t.url }} {{ t.title }}|{{ t.description }}
{% for f in t.feeds %}FEED {{ f.format }} {{ f.url }} {{ f.mime }} {{ f.title }}
{% endfor %}{% for p in t.papers %}PAPER {{ p.slug }}
{% endfor %}{% endfor %}{% for r in article.pm_related %}RELATED {{ r.slug }}
{% endfor %}{% endblock %}"""


def probe(site, **settings):
    overrides = site.root / "overrides"
    overrides.mkdir(exist_ok=True)
    (overrides / "article.html").write_text(ARTICLE_PROBE, encoding="utf-8")
    return site.build(THEME_TEMPLATES_OVERRIDES=[str(overrides)], **settings)


def lines(out, name, prefix):
    text = (out / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith(prefix)]


def test_documents_carry_their_topics_and_feeds(site):
    write_firm_site(site)
    out = probe(site, **SITE)
    # Category "Heat pumps" plus `topics: boilers` metadata, in settings order.
    assert lines(out, "grants.html", "TOPIC") == [
        f"TOPIC boilers topics/boilers/ Boilers and servicing|{TOPICS['boilers']['description']}",
        f"TOPIC heat-pumps topics/heat-pumps/ Heat pumps|{TOPICS['heat-pumps']['description']}",
    ]
    assert lines(out, "leaks.html", "FEED") == [
        "FEED atom topics/plumbing/atom.xml application/atom+xml Plumbing (Atom)",
        "FEED rss topics/plumbing/rss.xml application/rss+xml Plumbing (RSS)",
        "FEED json topics/plumbing/feed.json application/feed+json Plumbing (JSON Feed)",
    ]
    # A tag brings the solar article into heat pumps.
    assert [t.split()[1] for t in lines(out, "solar.html", "TOPIC")] == ["heat-pumps"]


def test_related_articles_share_a_topic_newest_first(site):
    write_firm_site(site)
    for n in range(4):
        site.article(f"extra-{n}", date=f"2023-0{n + 1}-01", category="Boilers")
    out = probe(site, **SITE)
    # grants is in boilers and heat pumps: solar (heat pumps, 2024-04-05) and
    # service (boilers, 2024-01-10) first, then the newest extra; never itself,
    # never drafts or hidden articles.
    assert lines(out, "grants.html", "RELATED") == [
        "RELATED solar",
        "RELATED service",
        "RELATED extra-3",
    ]
    assert lines(out, "leaks.html", "RELATED") == []


def test_papers_are_the_gated_landing_documents_of_a_topic(site):
    write_firm_site(site)
    site.write("papers/guide.pdf", b"%PDF-1.4\n")
    site.article(
        "guide",
        "Our free guide.",
        date="2024-02-02",
        category="Boilers",
        gated_file="papers/guide.pdf",
    )
    out = probe(
        site,
        **SITE,
        STATIC_PATHS=["images", "papers"],
        PULLMARKETING_GATE={"provider": "formspree", "form_id": "abc123"},
        PULLMARKETING_GATE_SECRET="s3cret-for-tests",
        PULLMARKETING_PRIVACY_URL="privacy/",
    )
    assert lines(out, "service.html", "PAPER") == ["PAPER guide"]
    assert lines(out, "leaks.html", "PAPER") == []
    hub = (out / "topics/boilers/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.com/guide.html"' in hub


def test_unknown_topic_stops_the_build_naming_file_and_topic(site, quiet_pelican):
    site.article("a", category="Plumbing", topics="plumbing, boilerz")
    with pytest.raises(BuildFailed) as info:
        site.build(**SITE)
    message = str(info.value)
    assert "a.md" in message and "topics" in message and "'boilerz'" in message
    assert "boilers, heat-pumps, plumbing" in message
    assert not (site.output / "topics").exists()


def test_unknown_topic_without_topics_setting_names_the_categories(site, quiet_pelican):
    site.article("a", category="Boilers", topics="Boilers")
    site.article("b", category="Boilers", topics="gardening")
    with pytest.raises(BuildFailed) as info:
        site.build()
    message = str(info.value)
    assert "b.md" in message and "'gardening'" in message
    assert "a.md" not in message


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        ({"Heat Pumps": {"title": "x"}}, "invalid topic slug"),
        ({"heat-pumps": {"titel": "x"}}, "did you mean 'title'"),
        ({"heat-pumps": {"categories": "Heat pumps", "tags": [3]}}, "a list of names"),
        ({"heat-pumps": "Heat pumps"}, "invalid topic"),
    ],
)
def test_invalid_topics_setting_stops_the_build(site, quiet_pelican, topics, expected):
    site.article("a")
    with pytest.raises(BuildFailed) as info:
        site.build(PULLMARKETING_TOPICS=topics)
    assert expected in str(info.value)
    assert "PULLMARKETING_TOPICS" in str(info.value)
    assert not site.output.exists() or not any(site.output.rglob("*.html"))


def test_pullmarketing_check_reports_unknown_topics(site, tmp_path):
    from click.testing import CliRunner

    from pelican_pullmarketing.cli import main

    site.article("a", category="Plumbing", topics="gardening")
    conf = tmp_path / "pelicanconf.py"
    conf.write_text(
        f"PATH = {str(site.content)!r}\nSITEURL = 'https://example.com'\n"
        f"PULLMARKETING_TOPICS = {TOPICS!r}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 1
    assert "unknown topic" in result.output and "'gardening'" in result.output

    site.article("b", category="Plumbing")
    conf.write_text(
        f"PATH = {str(site.content)!r}\nPULLMARKETING_TOPICS = {{'Bad Slug': {{}}}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--settings", str(conf)])
    assert result.exit_code == 1
    # Reported once: by the check, or by the plugin when Pelican starts.
    reported = result.output + str(getattr(result.exception, "error", ""))
    assert reported.count("invalid topic slug") == 1


@pytest.mark.parametrize("theme", ["notmyidea", "simple"])
def test_stock_themes_render_hub_and_subscribe_pages(site, theme):
    write_firm_site(site)
    out = site.build(**SITE, THEME=theme)
    for page in ("topics/plumbing/index.html", "subscribe/index.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "<html" in text and "</html>" in text
        assert 'class="body pm-' in text  # our content inside the theme's layout
    assert "Leaks" in (out / "topics/plumbing/index.html").read_text()
