"""The bundled theme prints the author's HTML (title, summary, content) as
HTML and every other value escaped: a code sample in a summary or a category
named like markup never becomes markup. (The whole hostile corpus, with three
themes and every feature, is in tests/hostile/.)"""

from __future__ import annotations

import re

import html5lib
from theme_helpers import theme_settings


def browser_parse(path):
    return html5lib.parse(
        path.read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )


def test_a_code_sample_in_a_summary_stays_text_on_every_list(site):
    site.article(
        "python-repr",
        "Body.",
        title="Printing objects",
        category="Code",
        summary="A sample: `<script>alert(1)</script>` and `<class 'x'>`.",
    )
    out = site.build(
        **theme_settings(
            PULLMARKETING_TOPICS={"code": {"title": "Code", "categories": ["Code"]}}
        )
    )
    for rel in ("index.html", "category/code.html", "topics/code/index.html"):
        root = browser_parse(out / rel)
        assert not root.xpath("//body//script"), rel
        assert not root.xpath("//class"), rel
        summary = "".join(
            root.xpath("//p[contains(@class, 'card__summary')]")[0].itertext()
        )
        assert "<script>alert(1)</script>" in summary, rel
        assert "<class 'x'>" in summary, rel


def test_a_category_named_like_a_comment_does_not_swallow_the_page(site):
    site.article(
        "valves", "About valves.", title="Valves", category="Valves ]]> <!-- a <"
    )
    out = site.build(**theme_settings())
    for rel in ("index.html", "valves.html"):
        root = browser_parse(out / rel)
        # the footer after the menu and the article is still there
        assert root.xpath("//footer[contains(@class, 'site-footer')]//nav"), rel
        menu = " ".join(
            "".join(root.xpath("//nav[@class='site-nav']")[0].itertext()).split()
        )
        assert "Valves ]]> <!-- a <" in menu, rel
    source = (out / "index.html").read_text(encoding="utf-8")
    assert "<!-- a <" not in source
    assert re.search(r"Valves \]\]&gt; &lt;!-- a &lt;", source)


def test_the_authors_html_title_is_markup_and_its_text_goes_to_the_head(site):
    site.article(
        "emphasis", "Body.", title="Why <em>annual</em> servicing &amp; checks"
    )
    out = site.build(**theme_settings(PLUGINS=["pelican_pullmarketing.topics"]))
    root = browser_parse(out / "emphasis.html")
    assert root.xpath("//h1/em")[0].text == "annual"
    assert root.xpath("//title")[0].text.startswith("Why annual servicing & checks")
    crumb = root.xpath("//nav[@class='breadcrumbs']//span[@aria-current]")[0]
    assert crumb.text == "Why annual servicing & checks" and not len(crumb)


def test_only_the_text_macros_decide_what_is_markup():
    from pathlib import Path

    import pelican_pullmarketing
    from pelican_pullmarketing.core import TEMPLATES_PATH

    folders = [
        Path(pelican_pullmarketing.theme_path()) / "templates",
        Path(TEMPLATES_PATH),
    ]
    for folder in folders:
        for path in folder.rglob("*.html"):
            source = path.read_text(encoding="utf-8")
            if path.name == "text.html":
                continue  # the macros: Jinja's filters stand in without the plugin
            assert not re.search(r"\|\s*(safe|striptags)\b", source), path
            assert "autoescape false" not in source, path


def test_each_templates_escaping_is_decided_once_per_environment():
    """Jinja asks at every render whether a template autoescapes; the answer
    (which reads the theme's template file) is worked out once per name,
    not once per page: it cost a quarter of a plain build."""
    from jinja2 import DictLoader, Environment

    from pelican_pullmarketing import core

    class CountingLoader(DictLoader):
        calls = 0

        def get_source(self, environment, template):
            CountingLoader.calls += 1
            return super().get_source(environment, template)

    theirs = CountingLoader({"article.html": "{{ x }}"})
    env = Environment(loader=theirs)
    core.configure_escaping(env, theirs, {"THEME": "notmyidea"})
    answers = [env.autoescape("article.html") for _ in range(50)]
    assert answers == [False] * 50
    assert CountingLoader.calls == 1
