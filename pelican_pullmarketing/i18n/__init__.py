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

A site whose theme has translations of its own (i18n_subsites' ``I18N_*``
settings, or ``JINJA_ENVIRONMENT`` with the i18n extension and translations
a plugin installs) keeps them: a message is looked up in the package's
catalogue for the page's language first, then in the site's, whichever
installed them first.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import os

from jinja2 import pass_context
from markupsafe import Markup

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
    """``gettext`` in ``lang``, for the words Python code writes."""
    return translations(lang).gettext


def ngettext_for(lang: str | None):
    return translations(lang).ngettext


def page_lang(context) -> str:
    """The language of the page a template is rendering."""
    for key in ("article", "page"):
        doc = context.get(key)
        lang = getattr(doc, "lang", None) if doc is not None else None
        if isinstance(lang, str) and lang:
            return lang
    return context.get("DEFAULT_LANG") or "en"


@functools.cache
def text_direction(lang: str | None) -> str:
    """``rtl`` for a language written right to left (Arabic, Hebrew, Persian,
    Urdu...: CLDR's character order, through Babel), else ``ltr``."""
    from babel import Locale, UnknownLocaleError

    code = normalise(lang)
    try:
        locale = Locale.parse(code) if code else None
    except (ValueError, UnknownLocaleError):
        locale = None
    order = getattr(locale, "character_order", "") if locale else ""
    return "rtl" if order == "right-to-left" else "ltr"


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


def _ours(lang: str):
    """The package's catalogue for ``lang`` when it has one, else None."""
    found = translations(lang)
    return found if getattr(found, "_catalog", None) else None


class Chain:
    """The gettext callables templates get: the package's words in the
    page's language, then the site's own translations, then the message."""

    def __init__(self):
        self.gettext = None  # the site's, when it installed any
        self.ngettext = None

    def make(self):
        theirs = self

        @pass_context
        def gettext(context, message: str) -> str:
            ours = _ours(page_lang(context))
            if ours is not None and message in ours._catalog:
                return ours.gettext(message)
            if theirs.gettext is not None:
                return context.call(theirs.gettext, message)
            return message

        @pass_context
        def ngettext(context, singular: str, plural: str, n: int) -> str:
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
    whatever translations the site installs, before or after this call."""
    if _EXTENSION not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    extension = env.extensions[_EXTENSION]
    chain = getattr(env, "_pullmarketing_i18n", None)
    if chain is not None:
        return  # installed on this environment already
    chain = env._pullmarketing_i18n = Chain()
    gettext_, ngettext_ = chain.make()
    # Newstyle (Jinja's recommended: variables escaped, %% in messages)
    # unless the site's own translations are installed in the old style.
    style = [True]

    def put() -> None:
        extension._install_callables(gettext_, ngettext_, newstyle=style[0])

    existing = env.globals.get("gettext")
    if existing is not None and not getattr(existing, "_pullmarketing", False):
        # Installed before us (i18n_subsites listed first): the functions
        # themselves, out of Jinja's newstyle wrappers when so installed.
        style[0] = bool(getattr(env, "newstyle_gettext", False))
        chain.gettext = _unwrapped(existing, style[0])
        chain.ngettext = _unwrapped(env.globals.get("ngettext"), style[0])

    def translations_installed(translations, newstyle=None):
        chain.gettext = getattr(translations, "gettext", None)
        chain.ngettext = getattr(translations, "ngettext", None)
        if newstyle is not None:
            style[0] = bool(newstyle)
        put()

    def callables_installed(gettext, ngettext, newstyle=None, *args, **kwargs):
        chain.gettext, chain.ngettext = gettext, ngettext
        if newstyle is not None:
            style[0] = bool(newstyle)
        put()

    def null_installed(newstyle=None):
        chain.gettext = chain.ngettext = None
        if newstyle is not None:
            style[0] = bool(newstyle)
        put()

    env.globals["pullmarketing_direction"] = page_direction
    env.globals["pullmarketing_isolate"] = isolate
    env.install_gettext_translations = translations_installed
    env.install_gettext_callables = callables_installed
    env.install_null_translations = null_installed
    put()
