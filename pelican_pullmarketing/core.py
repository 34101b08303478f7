"""Plumbing every feature stands on, connected once however many features
load: the build's life (``initialized`` validates the settings once and
starts a ``build.Build``, each feature's ``start`` fills its part;
``finalized`` runs each feature's ``finish`` and drops it), the plugin's
template folder (below the theme's, so themes override it), and the metadata
check that stops a build before anything is written.

Every feature registers the same way: ``core.register(name)`` then its
``plugin.connect()``. A feature's ``plugin`` module may define ``start(build)``,
``check(doc, build)`` (problem lines of one document's metadata) and
``finish(build)``; core calls them, in the order of ``FEATURES``, for the
features the build loads. docs/architecture.md has the whole picture.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from importlib import import_module

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, TemplateNotFound
from markupsafe import Markup, escape

from pelican import signals

from . import (
    FEATURES,
    build,
    i18n,
    metadata,
    settings,
    subsites,
    text,
    theme_path,
    urls,
)
from .errors import InvalidContent, describe, logger, stops_build
from .text import finalize
from .urls import fix_urls

TEMPLATES_PATH = os.path.join(os.path.dirname(__file__), "templates")

# Module names under which Pelican loads the whole package.
_WHOLE_PACKAGE = ("pelican_pullmarketing", "pelican.plugins.pullmarketing")


def features_of(pelican) -> frozenset[str]:
    """The features a Pelican object loaded (its ``plugins``): all of them
    for the package, one for ``pelican_pullmarketing.<feature>``."""
    names: set[str] = set()
    for plugin in getattr(pelican, "plugins", None) or ():
        name = getattr(plugin, "__name__", "")
        if name in _WHOLE_PACKAGE:
            names.update(FEATURES)
        elif name.startswith("pelican_pullmarketing."):
            names.add(name.split(".")[1])
    # Our register() called from another plugin's: every feature.
    return frozenset(names & set(FEATURES)) or frozenset(FEATURES)


def feature_hooks(current: build.Build, hook: str) -> Iterator[Callable]:
    """Each loaded feature's ``plugin.<hook>``, in the order of FEATURES
    (looked up at each call)."""
    for name in FEATURES:
        if name in current.features:
            found = getattr(import_module(f"{__package__}.{name}.plugin"), hook, None)
            if found is not None:
                yield found


def begin_build(pelican, features: frozenset[str]) -> build.Build:
    """A new current build (inside the builds still running: an
    ``i18n_subsites`` subsite runs inside the main site's run), each loaded
    feature's part filled by its ``start``."""
    before = build.running()
    current = build.begin(
        build.Build(settings=pelican.settings, features=features, pelican=pelican)
    )
    for dropped in before:
        if dropped.frozen and dropped not in build.running():
            _unfreeze(dropped)  # it stopped while writing (no ``finalized``)
    subsites.start_subsite(current)
    for start in feature_hooks(current, "start"):
        start(current)
    return current


@stops_build
def start(pelican) -> None:
    """``initialized``: validate the settings (once: the one receiver of this
    signal), then start the build, so a bad setting or keywords file stops
    it before anything is read or written."""
    features = features_of(pelican)
    settings.validate(
        pelican.settings, features=features | settings.ALWAYS_FILLED, warn=False
    )
    begin_build(pelican, features)


@stops_build
def start_run(pelican) -> None:
    """``get_generators``, the first signal of every run (``pelican
    --autoreload`` runs many after one ``initialized``): a fresh build when
    the one started at ``initialized`` has run already; then forget what we
    said before, since Pelican's log filter drops a message it has seen once
    in the process, so each build says its warnings once; then the warnings
    about the site's settings."""
    from pelican.log import LimitFilter

    said = getattr(LimitFilter, "_raised_messages", None)
    if isinstance(said, set):
        said.difference_update(_SAID)
    _SAID.clear()
    _note_our_loggers()
    current = build.current()
    if current is None or current.pelican is not pelican or current.ran:
        current = begin_build(pelican, features_of(pelican))
    current.ran = True
    settings.warn_about_site(pelican.settings)


@stops_build
def finish(pelican) -> None:
    """``finalized``: each feature's ``finish`` (the sitemap, robots.txt),
    then the build is dropped with everything it held."""
    current = build.current()
    if current is None or current.pelican is not pelican:
        return  # never another Pelican's build
    try:
        for finish_feature in feature_hooks(current, "finish"):
            finish_feature(current)
    finally:
        _unfreeze(current)
        build.end()


def freeze_what_was_read(pelican) -> None:
    """``get_writer`` (every document read, nothing written yet): move every
    object the process holds into the cycle collector's frozen generation
    (``gc.freeze``), so the full collections of the writing phase look only
    at what writing makes, not again and again at the documents, settings
    and catalogues that live until the build ends. Undone at ``finalized``
    (and by the next build, after one that stopped). Nothing is collected
    less: an object freed by its last reference is freed as before; only a
    cycle made unreachable before this point waits for the build's end.
    Only when nothing is frozen yet: a site built inside another's run
    (i18n_subsites, in the outer site's ``get_writer``) leaves the outer
    build's freeze to it, and a process that froze objects itself keeps
    them frozen. Returns None: Pelican asks this signal for a writer
    class."""
    current = build.current()
    if current is None or current.pelican is not pelican or current.frozen:
        return
    if hasattr(gc, "freeze") and gc.get_freeze_count() == 0:  # CPython 3.7+
        gc.freeze()
        current.frozen = True


def _unfreeze(current: build.Build) -> None:
    if current.frozen:
        current.frozen = False
        gc.unfreeze()


# The attributes the plugin sets on (nearly) every document, most common
# first, whatever features load: its notes and Pelican's URL overrides
# (``urls.fix_urls``). Each feature's ``plugin.DOCUMENT_ATTRIBUTES`` adds its own.
DOCUMENT_ATTRIBUTES = ("_pullmarketing", "override_url", "override_save_as")


def document_attributes(current: build.Build) -> tuple[str, ...]:
    names = list(DOCUMENT_ATTRIBUTES)
    for name in FEATURES:
        if name in current.features:
            plugin = import_module(f"{__package__}.{name}.plugin")
            names += getattr(plugin, "DOCUMENT_ATTRIBUTES", ())
    return tuple(names)


def reserve_document_attributes(content) -> None:
    """``content_object_init``: the first document of each class makes room
    for the plugin's attributes in all of them (``build.reserve_attributes``:
    no dict of their own for Pelican's documents, about 1.3 KB each)."""
    current = build.current()
    if current is None or type(content) in current.document_classes:
        return
    current.document_classes.add(type(content))
    build.reserve_attributes(content, document_attributes(current))


def add_template_loader(generator) -> None:
    """Put the plugin's templates after the theme's and Pelican's `simple`
    theme in the lookup, and under the `!pullmarketing/` prefix; turn on
    Jinja's autoescape for the templates that are ours (see
    ``configure_escaping``) and the package's words in the page's language
    (``i18n.install``)."""
    env = getattr(generator, "env", None)
    if env is None or getattr(env, "_pullmarketing_loader", False):
        return
    theirs = env.loader
    ours = FileSystemLoader(TEMPLATES_PATH)
    env.loader = ChoiceLoader([theirs, ours, PrefixLoader({"!pullmarketing": ours})])
    env._pullmarketing_loader = True
    configure_escaping(env, theirs, generator.settings)
    i18n.install(env)


def is_bundled_theme(site_settings: dict) -> bool:
    theme = site_settings.get("THEME") or ""
    return bool(theme) and os.path.realpath(theme) == os.path.realpath(theme_path())


def configure_escaping(env, theirs, site_settings: dict) -> None:
    """Autoescape for the bundled theme (every template, the site's
    THEME_TEMPLATES_OVERRIDES included) and for the plugin's own templates
    under any other theme; other themes' templates are left as their
    authors wrote them (Pelican's Jinja does not autoescape). The bundled
    theme also gets ``text.clean`` as Jinja's ``finalize``, so nothing it
    prints holds a character that HTML forbids, and the ``pullmarketing_*``
    text helpers (``text_globals``)."""
    env.globals.update(text_globals(overridden_partials(site_settings)))
    if is_bundled_theme(site_settings):
        env.autoescape = True
        env.finalize = finalize
        # Each build makes its own environment (an autoreload too), and a
        # template's file does not change during one: without this, Jinja
        # asks the file's time at every include and import (50 a page).
        env.auto_reload = False
        env._pullmarketing_template_is_ours = _every_template
        return

    # Jinja asks at every render and include (about 17 a page), so each
    # template's answer is worked out once per environment (looking the
    # template up in the theme reads its file, which cost a quarter of a
    # plain build) and then given by a dict's own lookup, without a Python
    # call.
    ours = _TemplateIsOurs(env, theirs).__getitem__
    env.autoescape = ours
    # Whose words come first in a template (i18n: the package's in its own).
    env._pullmarketing_template_is_ours = ours


class _TemplateIsOurs(dict):
    """Template name -> whether it is one of the plugin's own templates
    (``_plugin_template``), worked out on the first question; None and ""
    (a template made from a string) are not."""

    def __init__(self, env, theirs) -> None:
        super().__init__()
        self.env, self.theirs = env, theirs

    def __missing__(self, name) -> bool:
        answer = bool(name) and _plugin_template(self.env, self.theirs, name)
        if name is not None:
            self[name] = answer
        return answer


def _every_template(name) -> bool:
    return True


def _plugin_template(env, theirs, name: str) -> bool:
    """Whether ``name`` is one of the plugin's own templates (not the theme's)."""
    if name.startswith("!pullmarketing/"):
        return True
    try:
        theirs.get_source(env, name)
    except TemplateNotFound:
        return os.path.isfile(os.path.join(TEMPLATES_PATH, name))
    return False


# The partials of the bundled theme whose macros the plugin's globals stand in
# for, with those globals: a site that overrides one of these files
# (THEME_TEMPLATES_OVERRIDES) keeps its own macros.
STAND_INS = {
    "partials/text.html": ("pullmarketing_text_of", "pullmarketing_cut"),
    "partials/urls.html": ("pullmarketing_site_url", "pullmarketing_menu_key"),
}


def text_globals(overridden: frozenset = frozenset()) -> dict:
    """Jinja globals of the plugin's text helpers: the author's HTML marked
    as markup (the one place it is), its visible text, and text cut as the
    package cuts it (a card's summary); and the stand-ins for the macros of
    the bundled theme's partials the site does not override."""
    found = {
        "pullmarketing_html": text.author_html,
        "pullmarketing_text": text.plain_text,
        "pullmarketing_truncate": text.truncate,
        "pullmarketing_with_pages": with_pages,
    }
    stand_ins = {
        "pullmarketing_text_of": text_of,
        "pullmarketing_cut": cut,
        "pullmarketing_site_url": urls.theme_site_url,
        "pullmarketing_menu_key": urls.theme_menu_key,
    }
    for partial, names in STAND_INS.items():
        if partial not in overridden:
            found.update({name: stand_ins[name] for name in names})
    return found


def overridden_partials(site_settings: dict) -> frozenset:
    """Which of the partials in ``STAND_INS`` the site overrides."""
    folders = site_settings.get("THEME_TEMPLATES_OVERRIDES") or ()
    if isinstance(folders, str):
        folders = (folders,)
    return frozenset(
        partial
        for partial in STAND_INS
        for folder in folders
        if isinstance(folder, str) and os.path.isfile(os.path.join(folder, partial))
    )


# The bundled theme's text macros (partials/text.html, which stay for the
# theme without the plugin) as globals returning what the macros return: a
# macro is a Jinja call, and an import of it on every include compares the
# template's globals again.


def text_of(value) -> Markup:
    """``text_of(value)``: the visible text of the author's HTML, escaped."""
    return escape(finalize(text.plain_text(value)))


def cut(value, limit) -> Markup:
    """``cut(value, limit)``: that text cut at a word boundary, escaped."""
    return escape(finalize(text.truncate(text.plain_text(value), limit)))


def with_pages(pairs) -> frozenset:
    """The categories, tags or authors that have a page: the first items of
    Pelican's ``(name, articles)`` pairs (its ``categories``, ``tags`` and
    ``authors``), as a set, made once per build for every page that asks
    (a list made on each page, searched item by item, cost each article
    page of a site with 1,000 tags about 2 ms)."""
    if not pairs:
        return frozenset()
    return build.template_answer("with_pages", _firsts, pairs)


def _firsts(pairs) -> frozenset:
    return frozenset(pair[0] for pair in pairs)


_DOC_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def documents(generators: Iterable, *, listed_only: bool = False) -> Iterator:
    """Every article and page the generators read (each once), drafts and hidden
    ones included unless ``listed_only``."""
    seen: set[int] = set()
    for gen in generators:
        for attr in _DOC_LISTS:
            for doc in getattr(gen, attr, None) or ():
                if id(doc) in seen:
                    continue
                seen.add(id(doc))
                if listed_only and not metadata.is_listed(doc):
                    continue
                yield doc


def fix_document_urls(generators) -> None:
    """Every document's URL, computed once, where Pelican reads it
    (``urls.fix_urls``), for features that ask for every document's URL:
    Pelican's own lists, feeds and ``{filename}`` links then read it too.
    Connected by such features' ``register()`` (once, however many)."""
    fix_urls(documents(generators), warn=warn_url_mismatch)


def warn_url_mismatch(doc, url: str, served: str) -> None:
    logger.warning(
        "pullmarketing: %s: url %r does not lead to the file written, %r; links, "
        "canonical URL, feeds and sitemap use %r (set `url: %s` in the document, "
        "or make the *_URL and *_SAVE_AS settings agree)",
        getattr(doc, "relative_source_path", None) or getattr(doc, "source_path", "?"),
        url,
        doc.save_as,
        served,
        served,
    )


def document_problems(generators: Iterable, current: build.Build | None) -> list[str]:
    """Problem lines of every document's metadata: the shared fields, then
    each loaded feature's ``check`` (none without a build: a site that does
    not load the plugin)."""
    checks = list(feature_hooks(current, "check")) if current is not None else []
    problems: list[str] = []
    for doc in documents(generators):
        problems += metadata.parsed(doc)[1]
        for check in checks:
            problems += check(doc, current)
    return problems


def _has_template(gen, name: str) -> bool:
    """Whether the generator's environment finds template ``name`` (with one
    of TEMPLATE_EXTENSIONS, as Pelican looks), without compiling it: a
    template compiled now would keep the gettext style of this moment, and
    a site's plugin may install its translations in another one later
    (i18n_subsites does, when the writer is made)."""
    env = getattr(gen, "env", None)
    if env is None or env.loader is None:
        return True
    for ext in gen.settings.get("TEMPLATE_EXTENSIONS") or (".html",):
        try:
            env.loader.get_source(env, name + ext)
            return True
        except TemplateNotFound:
            continue
        except Exception:
            return True  # found, but unreadable: Pelican says so when it renders
    return False


def template_problems(generators: Iterable) -> list[str]:
    """A line for each document whose ``template`` the theme does not have:
    found before anything is written, instead of Pelican stopping half-way
    through writing the site (a blog switched to another theme keeps the
    old theme's template names in its pages)."""
    problems = []
    for gen in generators:
        if not hasattr(gen, "get_template"):
            continue
        known: dict[str, bool] = {}
        for attr in _DOC_LISTS:
            for doc in getattr(gen, attr, None) or ():
                name = getattr(doc, "template", None)
                if not isinstance(name, str) or not name:
                    continue
                if name not in known:
                    known[name] = _has_template(gen, name)
                if not known[name]:
                    theme = os.path.basename(
                        str(gen.settings.get("THEME") or "").rstrip("/")
                    )
                    problems.append(
                        describe(
                            "template not found",
                            file=getattr(doc, "source_path", None),
                            field="template",
                            value=name,
                            expected=f"a template of the theme {theme!r}, or "
                            f"{name}.html in a folder listed in THEME_TEMPLATES_OVERRIDES",
                        )
                    )
    return problems


def report_empty_fields(generators: Iterable) -> None:
    """One INFO line for the whole build naming the empty fields read as
    "not set" (they never stop it)."""
    names: set[str] = set()
    count = 0
    for doc in documents(generators):
        empty = metadata.empty_fields(doc)
        if empty:
            count += 1
            names.update(empty)
    if count:
        logger.info(
            "pullmarketing: empty metadata fields read as not set in %d document(s): %s",
            count,
            ", ".join(sorted(names)),
        )


@stops_build
def check_documents(generators) -> None:
    """``all_generators_finalized``: every document's metadata checked before
    anything is written."""
    current = build.current()
    if current is None:
        return
    generators = list(generators)
    problems = template_problems(generators)
    problems += document_problems(generators, current)
    if problems:
        raise InvalidContent("invalid pull-marketing metadata:", problems)
    report_empty_fields(generators)


class _NoteWhatWasSaid(logging.Filter):
    """Notes every message our loggers let through (``_SAID``), so that the
    next build may say it again."""

    def filter(self, record: logging.LogRecord) -> bool:
        _SAID.add((record.levelno, record.getMessage()))
        return True


# Log memory, not build state: what our loggers said since the last build began.
_SAID: set[tuple[int, str]] = set()
_NOTE = _NoteWhatWasSaid()
_OUR_LOGGERS = ("pelican_pullmarketing", "pelican.plugins.pullmarketing")


def _note_our_loggers() -> None:
    for name, log in list(logging.Logger.manager.loggerDict.items()):
        ours = name.startswith(_OUR_LOGGERS) and isinstance(log, logging.Logger)
        if ours and _NOTE not in log.filters:
            log.addFilter(_NOTE)


def register(name: str) -> None:
    """Connect the shared receivers (once, however many features load) for
    the feature ``name``; the feature then connects its own
    (``plugin.connect()``). Which features a build loads is read from its
    Pelican object at ``initialized`` (``features_of``)."""
    if name not in FEATURES:
        raise ValueError(f"unknown feature {name!r}; expected one of {FEATURES}")
    _note_our_loggers()
    signals.initialized.connect(start)
    signals.get_generators.connect(start_run)
    signals.generator_init.connect(add_template_loader)
    signals.content_object_init.connect(reserve_document_attributes)
    signals.all_generators_finalized.connect(check_documents)
    signals.get_writer.connect(freeze_what_was_read)
    signals.finalized.connect(finish)
