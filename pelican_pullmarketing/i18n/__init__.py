"""Every word the package writes, in the page's language.

The words are gettext messages: the ``.po`` catalogues under ``locale/``
(``<lang>/LC_MESSAGES/pullmarketing.po``, compiled to the ``.mo`` files the
wheel ships; ``make i18n-extract``, ``i18n-update`` and ``i18n-compile`` keep
them in step with the templates and the code, with Babel). Templates, the
bundled theme's and the plugin's own, use them through Jinja's ``i18n``
extension (``{{ _("Subscribe") }}``, ``{% trans %}`` blocks); Python code
through ``gettext_for(lang)``.

The language of a page is its document's ``lang`` (an article, a page, one of
their translations), else the site's ``DEFAULT_LANG`` (each subsite's own
under i18n_subsites). A language without a catalogue gets the words as the
templates write them, in English.

A site's own words (``PULLMARKETING_WORDS``, ``words.py``) come before
every catalogue, in templates and in ``gettext_for``.

A site whose theme has translations of its own (i18n_subsites' ``I18N_*``
settings, or ``JINJA_ENVIRONMENT`` with the i18n extension and translations
a plugin installs) keeps them, whichever installs first: in the bundled
theme's and the plugin's templates a message is looked up in the package's
catalogue for the page's language first, then in the site's; in the site's
own theme, the site's first.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os

from jinja2 import pass_context
from markupsafe import Markup, escape

from .words import WORDS_SETTING, plural_form, replaced, site_words

DOMAIN = "pullmarketing"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
_EXTENSION = "jinja2.ext.InternationalizationExtension"


def normalise(lang: str | None) -> str:
    """``fr-CA`` -> ``fr_CA``, ``EN`` -> ``en``: the form gettext looks for."""
    lang = (lang or "").strip().replace("-", "_")
    if not lang:
        return ""
    head, _, tail = lang.partition("_")
    return f"{head.lower()}_{tail.upper()}" if tail else head.lower()


@functools.cache
def translations(lang: str | None) -> _gettext.NullTranslations:
    """The package's catalogue for ``lang`` (``fr_CA`` falls back to ``fr``),
    or null translations (English) when it has none."""
    code = normalise(lang)
    if not code:
        return _gettext.NullTranslations()
    wanted = [code] if "_" not in code else [code, code.split("_")[0]]
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=wanted, fallback=True)


def gettext_for(lang: str | None):
    """``gettext`` in ``lang``, for the words Python code writes: the site's
    own words first (``PULLMARKETING_WORDS`` of the current build, plain
    text, escaped by the caller for where it goes), then the catalogue."""
    found = translations(lang).gettext
    own = site_words()
    if not own:
        return found

    def gettext(message: str) -> str:
        mine = replaced(own, lang, message)
        return found(message) if mine is None else mine

    return gettext


def page_lang(context) -> str:
    """The language of the page a template is rendering: its document's
    (an article, a page, the white paper of a thank-you page), else the
    site's."""
    for key in ("article", "page", "landing"):
        doc = context.get(key)
        lang = getattr(doc, "lang", None) if doc is not None else None
        if isinstance(lang, str) and lang:
            return lang
    return context.get("DEFAULT_LANG") or "en"


# Scripts written right to left (ISO 15924), as CLDR names them.
_RTL_SCRIPTS = frozenset(
    {
        "Adlm",
        "Arab",
        "Hebr",
        "Mand",
        "Mend",
        "Nkoo",
        "Rohg",
        "Samr",
        "Syrc",
        "Thaa",
        "Yezi",
    }
)


@functools.cache
def text_direction(lang: str | None) -> str:
    """``rtl`` for a language written right to left (Arabic, Hebrew, Persian,
    Urdu...: the likely script of the language in CLDR, through Babel),
    else ``ltr``."""
    from babel.core import get_global

    code = normalise(lang)
    if not code:
        return "ltr"
    likely = get_global("likely_subtags")
    found = likely.get(code) or likely.get(code.split("_")[0]) or ""
    scripts = [part for part in found.split("_") if len(part) == 4]
    return "rtl" if scripts and scripts[0] in _RTL_SCRIPTS else "ltr"


@pass_context
def current_lang(context) -> str:
    """``pullmarketing_lang()`` in templates: the page's language."""
    return page_lang(context)


@pass_context
def page_direction(context) -> str:
    """The direction of the page a template is rendering (its language's)."""
    return text_direction(page_lang(context))


_STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}


def _first_strong(text: str) -> str | None:
    import unicodedata

    for ch in text:
        found = _STRONG.get(unicodedata.bidirectional(ch))
        if found:
            return found
    return None


@pass_context
def isolate(context, value):
    """``value`` (text or markup) in a ``<bdi>`` element when its own
    direction differs from the page's: a Hebrew title inside an English
    sentence, or an English one inside an Arabic sentence, keeps its
    letters and the sentence's punctuation in order. Values of the page's
    direction are returned as they are. Only for element content (never in
    ``<title>`` or an attribute)."""
    if value is None:
        return value
    text = Markup(value).striptags() if hasattr(value, "__html__") else str(value)
    found = _first_strong(text)
    if found is None or found == text_direction(page_lang(context)):
        return value
    return Markup("<bdi>{}</bdi>").format(value)


@functools.lru_cache(maxsize=256)
def language_name(code) -> str:
    """A language's name in that language, as readers look for it in a list
    of languages ("Polski", "Français", "English"), from CLDR; the code
    itself when CLDR does not know it. ``{{ pullmarketing_language_name(
    translation.lang) }}`` in templates."""
    from .dates import babel_locale

    code = "" if code is None else str(code)
    locale = babel_locale(code)
    name = locale.get_display_name(locale) if locale is not None else None
    if not name:
        return code
    return name[:1].upper() + name[1:]


def _ours(lang: str):
    """The package's catalogue for ``lang`` when it has one, else None."""
    found = translations(lang)
    return found if getattr(found, "_catalog", None) else None


def _ours_first(context) -> bool:
    """Whether the package's words come first in the template rendering:
    the bundled theme's and the plugin's own templates (core tells which);
    a third-party theme's templates keep their own translations first."""
    decide = getattr(context.environment, "_pullmarketing_template_is_ours", None)
    return decide is None or decide(context.name)


def _site_words(context) -> dict | None:
    """``PULLMARKETING_WORDS`` for a template: the page's context has the
    site's settings; a template the package renders with a context of its
    own (the gate form) gets the current build's."""
    found = context.get(WORDS_SETTING)
    return found if found is not None else site_words()


class Chain:
    """The gettext callables templates get: the package's words in the
    page's language, then the site's own translations, then the message."""

    def __init__(self):
        self.gettext = None  # the site's, when it installed any
        self.ngettext = None
        self.pgettext = None  # the site's context-aware ones, passed through
        self.npgettext = None

    def make(self):
        theirs = self

        @pass_context
        def gettext(context, message: str) -> str:
            own = _site_words(context)
            if own:
                mine = replaced(own, page_lang(context), message)
                if mine is not None:
                    return escape(mine)  # plain text, wherever it is printed
            site_first = theirs.gettext is not None and not _ours_first(context)
            if site_first:
                # A template of the site's theme: its own words first.
                translated = context.call(theirs.gettext, message)
                if translated != message:
                    return translated
            ours = _ours(page_lang(context))
            if ours is not None and message in ours._catalog:
                return ours.gettext(message)
            if theirs.gettext is not None and not site_first:
                return context.call(theirs.gettext, message)
            return message

        @pass_context
        def ngettext(context, singular: str, plural: str, n: int) -> str:
            own = _site_words(context)
            if own:
                lang = page_lang(context)
                mine = replaced(own, lang, singular)
                if mine is not None:
                    return escape(plural_form(mine, lang, n))
            ours = _ours(page_lang(context))
            if ours is not None and (singular, 0) in ours._catalog:
                return ours.ngettext(singular, plural, n)
            if theirs.ngettext is not None:
                return context.call(theirs.ngettext, singular, plural, n)
            return singular if n == 1 else plural

        gettext._pullmarketing = ngettext._pullmarketing = True
        return gettext, ngettext


def _unwrapped(installed, newstyle: bool):
    """The function Jinja's newstyle wrapper (``_make_new_gettext``) calls:
    the only value its closure holds."""
    if not newstyle or installed is None:
        return installed
    for cell in getattr(installed, "__closure__", None) or ():
        if callable(cell.cell_contents):
            return cell.cell_contents
    return installed


def install(env) -> None:
    """Jinja's i18n extension on ``env`` with the package's words in front of
    whatever translations the site installs, before or after this call; the
    ``pullmarketing_date`` global (dates in their document's language,
    ``dates.py``)."""
    from .dates import pullmarketing_date

    if _EXTENSION not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    extension = env.extensions[_EXTENSION]
    chain = getattr(env, "_pullmarketing_i18n", None)
    if chain is not None:
        return  # installed on this environment already
    chain = env._pullmarketing_i18n = Chain()
    gettext_, ngettext_ = chain.make()
    # The environment's own gettext style (Jinja's default is the old one;
    # a site may have chosen newstyle): the package's templates print the
    # same in both, and a site's templates keep the style they are written
    # for. A site that installs its translations later in another style
    # changes it, and templates compiled before are compiled again.
    style = [bool(getattr(env, "newstyle_gettext", False))]
    installed_style = [None]

    def put() -> None:
        changed = installed_style[0] is not None and installed_style[0] != style[0]
        if changed and env.cache is not None:
            env.cache.clear()  # compiled in the other style: compile again
        installed_style[0] = style[0]
        extension._install_callables(
            gettext_,
            ngettext_,
            newstyle=style[0],
            pgettext=chain.pgettext,
            npgettext=chain.npgettext,
        )

    existing = env.globals.get("gettext")
    if existing is not None and not getattr(existing, "_pullmarketing", False):
        # Installed before us (i18n_subsites listed first): the functions
        # themselves, out of Jinja's newstyle wrappers when so installed.
        style[0] = bool(getattr(env, "newstyle_gettext", False))
        for name in ("gettext", "ngettext", "pgettext", "npgettext"):
            setattr(chain, name, _unwrapped(env.globals.get(name), style[0]))

    def callables_installed(
        gettext, ngettext, newstyle=None, pgettext=None, npgettext=None
    ):
        chain.gettext, chain.ngettext = gettext, ngettext
        chain.pgettext, chain.npgettext = pgettext, npgettext
        if newstyle is not None:  # None keeps the style, as Jinja's does
            style[0] = bool(newstyle)
        put()

    def translations_installed(translations, newstyle=None):
        callables_installed(
            getattr(translations, "gettext", None),
            getattr(translations, "ngettext", None),
            newstyle=newstyle,
            pgettext=getattr(translations, "pgettext", None),
            npgettext=getattr(translations, "npgettext", None),
        )

    def null_installed(newstyle=None):
        callables_installed(None, None, newstyle)

    env.globals["pullmarketing_lang"] = current_lang
    env.globals["pullmarketing_direction"] = page_direction
    env.globals["pullmarketing_isolate"] = isolate
    env.globals["pullmarketing_date"] = pullmarketing_date
    env.globals["pullmarketing_language_name"] = language_name
    env.install_gettext_translations = translations_installed
    env.install_gettext_callables = callables_installed
    env.install_null_translations = null_installed
    put()
