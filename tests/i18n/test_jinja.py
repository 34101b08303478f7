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


@pytest.mark.parametrize("newstyle", [False, True])
def test_words_follow_the_page_language(catalogues, newstyle):
    # The environment's own style is kept (Jinja's default: old style);
    # the words are the same in both (old style prints "'" as &#39;).
    catalogues(OURS)
    environment = env(extensions=["jinja2.ext.i18n"]) if newstyle else env()
    environment.newstyle_gettext = newstyle
    i18n.install(environment)
    assert environment.newstyle_gettext is newstyle

    def page(**kwargs):
        return render(environment, **kwargs).replace("&#39;", "'")

    assert page(lang="fr") == (
        "S'abonner|Read more|"
        "Suivre Pompes &lt;à&gt; chaleur dans un lecteur de flux :|2 articles"
    )
    assert page(lang="en").startswith("Subscribe|Read more|Follow ")
    # A list page: the site's language.
    listing = environment.get_template("page.html").render(
        DEFAULT_LANG="fr", n=1, topic="x"
    )
    assert listing.startswith("S&#39;abonner|" if not newstyle else "S'abonner|")
    assert listing.endswith("|1 article")


def test_a_site_installing_later_in_its_style_gets_its_templates_compiled_again(
    catalogues,
):
    # i18n_subsites installs its translations when the writer is made, after
    # templates may have been compiled: a change of style compiles them anew.
    catalogues(OURS)
    environment = env(extensions=["jinja2.ext.i18n"])
    i18n.install(environment)
    assert render(environment, lang="fr").startswith("S&#39;abonner|")  # compiled
    environment.install_gettext_translations(Theirs(), newstyle=True)
    assert render(environment, lang="fr").startswith("S'abonner|Lire la suite|")
    environment.install_gettext_translations(Theirs(), newstyle=False)
    assert render(environment, lang="fr").startswith("S&#39;abonner|Lire la suite|")


def test_old_style_idioms_of_a_site_keep_working(catalogues):
    # A site's theme written for old-style gettext, its translations
    # installed without naming a style (Jinja's documented call).
    catalogues(OURS)
    environment = Environment(
        loader=DictLoader(
            {"t.html": "{{ _('Page %(n)s')|format(n=2) }} | {{ _('100% natural') }}"}
        ),
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(environment)
    environment.install_gettext_translations(Theirs())
    assert environment.get_template("t.html").render() == "Page 2 | 100% natural"


class WithContext(Theirs):
    def pgettext(self, context, message):
        return f"{context}:{message}"


def test_the_sites_context_aware_gettext_is_passed_through(catalogues):
    catalogues(OURS)
    environment = Environment(
        loader=DictLoader({"t.html": "{{ pgettext('menu', 'Home') }}"}),
        extensions=["jinja2.ext.i18n"],
    )
    i18n.install(environment)
    environment.install_gettext_translations(WithContext(), newstyle=True)
    assert environment.get_template("t.html").render() == "menu:Home"


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


def test_a_third_party_themes_templates_keep_their_own_words_first(catalogues):
    catalogues(OURS)
    environment = Environment(
        loader=DictLoader(
            {n: "{{ _('Subscribe') }}" for n in ("ours.html", "theirs.html")}
        ),
        extensions=["jinja2.ext.i18n"],
    )
    environment._pullmarketing_template_is_ours = lambda name: name == "ours.html"
    i18n.install(environment)
    environment.install_gettext_translations(Theirs(), newstyle=True)
    doc = SimpleNamespace(lang="fr")
    assert environment.get_template("theirs.html").render(article=doc) == "S'inscrire"
    assert environment.get_template("ours.html").render(article=doc) == "S'abonner"
