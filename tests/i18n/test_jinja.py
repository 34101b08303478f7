"""The package's words in templates: in the language of the page, and in
front of translations a site installs itself (i18n_subsites, or Jinja's
i18n extension with a plugin's catalogue), before or after the package,
in Jinja's newstyle or old-style gettext."""

from __future__ import annotations

import gettext
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment

from pelican_pullmarketing import i18n

TEMPLATES = {
    "page.html": (
        "{{ _('Subscribe') }}|{{ _('Read more') }}|"
        "{% trans topic=topic %}Follow {{ topic }} in a feed reader:{% endtrans %}|"
        "{% trans count=n %}{{ count }} article{% pluralize %}{{ count }} articles{% endtrans %}"
    )
}
OURS = {
    "fr": {
        "Subscribe": "S'abonner",
        "Follow %(topic)s in a feed reader:": "Suivre %(topic)s dans un lecteur de flux :",
    }
}


class Theirs(gettext.NullTranslations):
    """A site's own catalogue (its theme's words), in French."""

    def gettext(self, message):
        return {"Read more": "Lire la suite", "Subscribe": "S'inscrire"}.get(
            message, message
        )

    def ngettext(self, singular, plural, n):
        return singular if n == 1 else plural


def env(**kwargs) -> Environment:
    return Environment(loader=DictLoader(TEMPLATES), autoescape=True, **kwargs)


def render(environment, lang="fr", default="en", n=2, topic="Pompes <à> chaleur"):
    doc = SimpleNamespace(lang=lang)
    return environment.get_template("page.html").render(
        article=doc, DEFAULT_LANG=default, n=n, topic=topic
    )


def test_words_follow_the_page_language(catalogues):
    catalogues(OURS)
    environment = env()
    i18n.install(environment)
    assert render(environment, lang="fr") == (
        "S'abonner|Read more|"
        "Suivre Pompes &lt;à&gt; chaleur dans un lecteur de flux :|2 articles"
    )
    assert render(environment, lang="en").startswith("Subscribe|Read more|Follow ")
    # A list page: the site's language.
    page = environment.get_template("page.html").render(
        DEFAULT_LANG="fr", n=1, topic="x"
    )
    assert page.startswith("S'abonner|") and page.endswith("|1 article")


@pytest.mark.parametrize("newstyle", [True, False])
@pytest.mark.parametrize("site_first", [True, False])
def test_the_sites_own_translations_keep_working(catalogues, newstyle, site_first):
    catalogues(OURS)
    environment = env(extensions=["jinja2.ext.i18n"])
    if site_first:  # i18n_subsites listed before the package
        environment.install_gettext_translations(Theirs(), newstyle=newstyle)
        i18n.install(environment)
    else:
        i18n.install(environment)
        environment.install_gettext_translations(Theirs(), newstyle=newstyle)
    assert environment.newstyle_gettext is newstyle
    # Old-style gettext returns text, which autoescape escapes ("'" as
    # &#39;): the same page for a browser.
    out = render(environment, lang="fr").replace("&#39;", "'")
    # Ours first for our words, theirs for the rest.
    assert out.startswith("S'abonner|Lire la suite|Suivre Pompes &lt;à&gt; chaleur")
    # A language the package has no catalogue for: the site's words.
    other = render(environment, lang="it").replace("&#39;", "'")
    assert other.startswith("S'inscrire|Lire la suite|")


def test_install_is_once_per_environment(catalogues):
    catalogues(OURS)
    environment = env()
    i18n.install(environment)
    first = environment.globals["gettext"]
    i18n.install(environment)
    assert environment.globals["gettext"] is first
