"""Share cards in a build: which pages get one, where it is written, and the
cache that makes a second build draw none.

Pages ask while they are rendered (the head renderer, ``page_card``) and the
cross-poster asks for each document it copies (``document_card``); each
answer is the card's URL and size, and a job noted in the build's
``CardsPart`` (``build.current().cards``). The jobs are drawn (or copied from
the cache) once, when Pelican has finished (``write_cards``).

The cache key is a hash of everything a card's pixels depend on: its texts,
the colours, layout, the fonts (name, size and date of each file) and the
logo's bytes, the format, Pillow's version and whether raqm lays text out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from stat import S_ISREG
from urllib.parse import urlsplit

from pelican.contents import Article

from .. import __version__, metadata, text
from ..build import CardsPart, notes_of
from ..files import write_bytes_atomic
from ..seo.images import Image
from . import brand, typeset
from .config import BUNDLED_BOLD, CardConfig
from .draw import HEIGHT, WIDTH, CardText

logger = logging.getLogger(__name__)

VERSION = 1  # of the drawing: a change of look changes every cache key
MODES = ("missing", "all")
CARD_KINDS = ("article", "page", "topic")
DEFAULT_SAVE_AS = "{url}share.png"
DEFAULT_CACHE = ".cache/share-cards"
# Cache files are read-only where that does not stop deleting them (POSIX):
# output cards are hard links to them, and nothing may write one in place.
CACHE_MODE = 0o444 if os.name == "posix" else 0o644


@dataclass(slots=True)
class Job:
    raw: tuple  # (title, label, lang, title is HTML): as given, made text when drawn
    key: str
    source: str  # what the card is for (a source file or a topic), for messages


def cache_folder(settings: dict) -> str:
    """PULLMARKETING_SHARE_CARD_CACHE; a relative path is under the folder
    that holds the content folder (the blog's root, where .gitignore is)."""
    value = (
        settings.get("PULLMARKETING_SHARE_CARD_CACHE", DEFAULT_CACHE) or DEFAULT_CACHE
    )
    if os.path.isabs(value):
        return value
    content = os.path.abspath(settings.get("PATH") or os.curdir)
    return os.path.join(os.path.dirname(content), value)


def _file_stamp(path: str) -> list:
    try:
        st = os.stat(path)
    except OSError:
        return [os.path.basename(path), None]
    return [os.path.basename(path), st.st_size, st.st_mtime_ns]


def _bytes_hash(path: str | None) -> str | None:
    if not path:
        return None
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def fingerprint(config: CardConfig, fmt: str) -> str:
    from PIL import __version__ as pillow

    fonts = [config.font, config.font_regular, *config.fallback_fonts, BUNDLED_BOLD]
    fonts += [p for p in typeset.SYSTEM_FALLBACKS if os.path.isfile(p)]
    data = {
        "v": VERSION,
        "pillow": pillow,
        "raqm": typeset.raqm(),
        "fmt": fmt,
        "colours": sorted(config.colours.items()),
        "layout": config.layout,
        # The bundled fonts change only with the package; others by name,
        # size and date (hashing 20 MB of CJK fonts every build would cost).
        "package": __version__,
        "fonts": [_file_stamp(p) for p in fonts],
        "logo": _bytes_hash(config.logo),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def contact_of(config: CardConfig, settings: dict) -> str:
    if config.telephone:
        return config.telephone
    if not config.show_domain:
        return ""
    publisher = settings.get("PULLMARKETING_PUBLISHER") or {}
    for url in (
        settings.get("SITEURL"),
        publisher.get("url") if isinstance(publisher, dict) else None,
    ):
        if isinstance(url, str) and "://" in url:
            host = urlsplit(url).hostname or ""
            return host.removeprefix("www.")
    return ""


def site_name_of(settings: dict) -> str:
    name = text.plain_text(str(settings.get("SITENAME") or ""))
    return typeset.clean(name or brand.firm_name(settings))


def start(settings: dict, config: CardConfig) -> CardsPart:
    mode = settings.get("PULLMARKETING_SHARE_CARDS", "missing")
    if mode not in MODES:
        mode = None  # cards off; the fediverse creators still apply
    save_as = settings.get("PULLMARKETING_SHARE_CARD_SAVE_AS") or DEFAULT_SAVE_AS
    fmt = "webp" if save_as.lower().endswith(".webp") else "png"
    return CardsPart(
        config=config,
        mode=mode,
        save_as=save_as,
        cache_dir=cache_folder(settings),
        output=os.path.abspath(settings.get("OUTPUT_PATH") or "output"),
        fmt=fmt,
        site_name=site_name_of(settings),
        contact=contact_of(config, settings),
        fingerprint=fingerprint(config, fmt) if mode else "",
        url_suffix=url_suffix(save_as),
    )


def folder_url(url: str) -> str:
    """A page's URL as a folder: ``a/b.html`` -> ``a/b/``, ``a/b/index.html``
    and ``a/b/`` -> ``a/b/``, the home page -> ``""``."""
    url = (url or "").split("?", 1)[0].split("#", 1)[0].lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    elif url.endswith((".html", ".htm")):
        url = url.rsplit(".", 1)[0] + "/"
    if url and not url.endswith("/"):
        url += "/"
    return url


def url_suffix(save_as: str) -> str | None:
    """The literal text after ``{url}`` when ``save_as`` is ``{url}`` and
    text without another field (``{url}share.png``, the default), else None:
    such a path is the folder URL and that text, without ``str.format``."""
    if not save_as.startswith("{url}"):
        return None
    rest = save_as[len("{url}") :]
    return None if "{" in rest or "}" in rest else rest


def card_path(build: CardsPart, url: str, slug: str, lang: str) -> str | None:
    """Where the card is written, relative to the output (None when the
    pattern leads outside it)."""
    suffix = build.url_suffix
    if suffix is not None:
        path = folder_url(url) + suffix
    else:
        try:
            path = build.save_as.format(
                url=folder_url(url), slug=slug or "", lang=lang or ""
            )
        except (KeyError, IndexError, ValueError):
            path = DEFAULT_SAVE_AS.format(url=folder_url(url))
    path = path.lstrip("/")
    if "//" in path or "/." in "/" + path or os.sep != "/":
        # Only then can normpath change it (a "." or ".." segment, "//").
        path = os.path.normpath(path).replace(os.sep, "/")
    if path.startswith("../") or path == "..":
        return None
    return path


def _key(build: CardsPart, raw: tuple) -> str:
    """The cache key: what the card says as given (cleaning the text is left
    to drawing, which a warm build never does) and the look: the hash of
    ``json.dumps([fingerprint, site name, contact, *raw])``. The usual raw
    (three strings and a bool) is encoded by hand, to the same text: the
    build's part of it once, each string with json's own encoder."""
    if len(raw) == 4 and all(type(v) is str for v in raw[:3]) and type(raw[3]) is bool:
        prefix = build.key_prefix
        if not prefix:
            look = json.dumps([build.fingerprint, build.site_name, build.contact])
            prefix = build.key_prefix = look[:-1] + ", "
        text = (
            f"{prefix}{_json_text(raw[0])}, {_json_text(raw[1])}, "
            f"{_json_text(raw[2])}, {'true' if raw[3] else 'false'}]"
        )
    else:
        text = json.dumps([build.fingerprint, build.site_name, build.contact, *raw])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# json.dumps's own string encoder (ensure_ascii, as json.dumps by default).
_json_text = json.encoder.encode_basestring_ascii


def has_own_image(doc) -> bool:
    """An ``image`` in the metadata or the gated paper's cover."""
    if metadata.value(doc, "image"):
        return True
    gate = getattr(doc, "pm_gate", None)
    return bool(getattr(gate, "cover", None))


def raw_of_document(doc) -> tuple:
    """(title as the author wrote it, first topic or the article's category,
    language, True): cheap to take from every page."""
    topics = getattr(doc, "pm_topics", None)
    label = str(getattr(topics[0], "title", "") or "") if topics else ""
    if not label and isinstance(doc, Article) and getattr(doc, "category", None):
        label = str(doc.category)
    lang = getattr(doc, "lang", None) or "en"
    return (str(getattr(doc, "title", "") or ""), label, lang, True)


def card_text(build: CardsPart, raw: tuple) -> CardText:
    """What a card shows, from ``raw``: plain text, emoji left out, the site
    name for an empty title."""
    title, label, lang, is_html = raw
    if is_html:
        title = text.plain_text(title) if title else ""
    return CardText(
        title=typeset.clean(title) or build.site_name,
        label=typeset.clean(text.field_text(label)) if label else "",
        site_name=build.site_name,
        contact=build.contact,
        lang=lang,
    )


def document_text(build: CardsPart, doc) -> CardText:
    return card_text(build, raw_of_document(doc))


def _note(
    build: CardsPart, path: str, raw: tuple, source: str, key: str | None = None
) -> str:
    job = build.jobs.get(path)
    if job is None:
        build.jobs[path] = Job(raw, key or _key(build, raw), source)
    elif job.raw != raw:
        logger.warning(
            "pullmarketing: share cards: %s and %s would both write %s; "
            "PULLMARKETING_SHARE_CARD_SAVE_AS needs {url} or {slug}",
            job.source,
            source,
            path,
        )
    return path


def document_card(build: CardsPart | None, doc) -> str | None:
    """The output path of the document's card, or None when it gets none
    (worked out once per document and URL in a build)."""
    if build is None or build.mode is None:
        return None
    url = getattr(doc, "url", "")
    notes = notes_of(doc)
    known = notes.card
    if known is not None and known[0] is build and known[1] == url:
        return known[2]
    path = _document_card(build, doc, url)
    notes.card = (build, url, path)
    return path


def _document_card(build: CardsPart, doc, url: str) -> str | None:
    if build.mode == "missing" and has_own_image(doc):
        return None
    path = card_path(
        build,
        url,
        getattr(doc, "slug", ""),
        getattr(doc, "lang", ""),
    )
    if path is None:
        return None
    return _note(build, path, raw_of_document(doc), _source_of(doc))


def _source_of(doc) -> str:
    return str(
        getattr(doc, "relative_source_path", None) or getattr(doc, "source_path", "?")
    )


def _topic_raw(info) -> tuple[tuple, str]:
    """(raw, source) of a topic hub's card."""
    source = f"topic {getattr(info.topic, 'slug', info.title)}"
    return (info.title, "", info.lang, False), source


def page_card(build: CardsPart | None, info, has_own: bool):
    """The card of the page ``info`` describes (a ``seo.images.Image``), or
    None: list pages, 404s and thank-you pages get none, nor pages with their
    own image in the "missing" mode."""
    if build is None or build.mode is None or info.kind not in CARD_KINDS:
        return None
    if build.mode == "missing" and has_own:
        return None
    if info.doc is not None:
        path = document_card(build, info.doc)
    elif info.kind == "topic":
        topic = info.topic
        path = card_path(build, info.path, getattr(topic, "slug", ""), info.lang)
        if path is not None:
            _note(build, path, *_topic_raw(info))
    else:
        return None
    if path is None:
        return None
    return Image(path, WIDTH, HEIGHT)


def kept_card(build: CardsPart | None, info, card) -> tuple | None:
    """What the head cache keeps of a page's card (``card``: what
    ``page_card`` gave the page): ``(path, raw, key, fingerprint)``; None
    without a card. The key holds the cards' look (the fonts' dates, the
    logo's bytes: the fingerprint), which a page's head does not depend
    on: replayed under another fingerprint, it is made again."""
    if build is None or build.mode is None or card is None:
        return None
    raw = raw_of_document(info.doc) if info.doc is not None else _topic_raw(info)[0]
    job = build.jobs.get(card.url)
    key = job.key if job is not None and job.raw == raw else _key(build, raw)
    return (card.url, raw, key, build.fingerprint)


def replay_card(build: CardsPart | None, info, kept: tuple | None) -> None:
    """A page whose head came from the head cache: its card job noted again
    from what ``kept_card`` kept (the page's key holds what the path and
    texts are made from), as ``page_card`` would note it, and the document's
    card remembered for the build's later questions (the sitemap, the
    cross-poster). The source its messages name is the document's now."""
    if build is None or build.mode is None or kept is None:
        return
    path, raw, key, fingerprint = kept
    if fingerprint != build.fingerprint:
        key = None  # made again by _note
    doc = info.doc
    if doc is not None:
        _note(build, path, raw, _source_of(doc), key)
        notes_of(doc).card = (build, getattr(doc, "url", ""), path)
    else:
        _note(build, path, raw, _topic_raw(info)[1], key)


def place(cached: str, target: str, link: bool = True) -> bool:
    """Put the cached card at ``target``: nothing to do when it is there
    already (the same file), else a hard link (no bytes copied), else a copy
    (the cache on another file system). Both replace ``target`` in one step;
    cache files are read-only, and cards are only ever replaced, never
    written in place. Returns whether to try a link for the next card:
    not once one failed for another reason than the target being there
    (the cache on another file system, or one without hard links)."""
    if link:
        try:
            os.link(cached, target)  # the usual case: a fresh output folder
            return True
        except FileExistsError:
            if _same_file(cached, target):
                return True
        except OSError:
            link = False
    folder = os.path.dirname(target)
    tmp = os.path.join(folder, f".pm-{os.path.basename(target)}.{os.getpid()}.tmp")
    if link:
        try:
            os.link(cached, tmp)
        except OSError:
            link = False
    if not link:
        shutil.copyfile(cached, tmp)
    os.replace(tmp, target)
    return link


def _same_file(cached: str, target: str) -> bool:
    """Whether ``target`` is the cached file (a link whose file is gone, or
    anything else unreadable there, is not: it is replaced)."""
    try:
        return os.path.samefile(cached, target)
    except OSError:
        return False


def _draw(build: CardsPart, job: Job) -> bytes:
    from .draw import draw_card

    started, started_cpu = time.perf_counter(), time.process_time()
    data, dropped = draw_card(card_text(build, job.raw), build.config, build.fmt)
    build.draw_seconds += time.perf_counter() - started
    build.draw_cpu_seconds += time.process_time() - started_cpu
    build.drawn += 1
    for ch in sorted(dropped):
        logger.warning(
            "pullmarketing: share cards: %s: no font has %r (U+%04X); it is left "
            'out of the card (add a font that has it to PULLMARKETING_SHARE_CARD["fallback_fonts"])',
            job.source,
            ch,
            ord(ch),
        )
    return data


def card_bytes(build: CardsPart, raw: tuple, source: str) -> bytes:
    """A card's bytes from the cache, else drawn (and cached)."""
    job = Job(raw, _key(build, raw), source)
    cached = os.path.join(build.cache_dir, f"{job.key}.{build.fmt}")
    try:
        with open(cached, "rb") as fh:
            data = fh.read()
        build.reused += 1
        return data
    except OSError:
        pass
    data = _draw(build, job)
    with contextlib.suppress(OSError):
        write_bytes_atomic(cached, data, CACHE_MODE)
    return data


def _cached_files(folder: str, most: int) -> tuple[dict[str, int] | None, int | None]:
    """The cache's files (name -> inode), read in one listing, and the
    device they are on; None for the files when the folder holds more than
    ``most`` entries (a cache holding years of old cards: asking for this
    build's cards one by one then costs less than listing all of them)."""
    files: dict[str, int] = {}
    try:
        device = os.stat(folder).st_dev
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= most:
                    return None, device
                if entry.is_file(follow_symlinks=False):
                    files[entry.name] = entry.inode()
    except OSError:
        return {}, None
    return files, device


def _cached_inode(cached: str, device: int | None) -> int | None:
    """The inode of the cache's file at ``cached`` (None when it is not
    there)."""
    try:
        st = os.lstat(cached)
    except OSError:
        return None
    # As the listing: a file of the cache's own device, not a link or folder.
    return st.st_ino if S_ISREG(st.st_mode) and st.st_dev == device else None


def _make_folder(folder: str) -> bool:
    """``os.makedirs(folder, exist_ok=True)`` in one call where the parent
    is there (a page's folder in the output: the usual case); whether the
    folder was made (False: it was there)."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        # As makedirs(exist_ok=True): any error is fine for a folder that is
        # there (some file systems say EACCES or EROFS before EEXIST).
        if not os.path.isdir(folder):
            raise
        return False
    return True


def write_cards(build: CardsPart) -> None:
    """Every card noted: from the cache when there, else drawn and cached."""
    if build.mode is None:
        return
    started = time.perf_counter()
    cache_ok = link = True
    folders: set[str] = set()
    # Listing the cache costs about a third of a stat per entry: list it
    # unless it holds far more files than this build's cards.
    in_cache, device = _cached_files(build.cache_dir, 4 * len(build.jobs) + 64)
    ext = f".{build.fmt}"
    # Paths are "/"-separated; joined by hand where that is the separator
    # (os.path.join costs more than the rest of a kept card's check).
    slash = os.sep == "/"
    out = build.output.rstrip(os.sep) + os.sep if slash else None
    cache_dir = build.cache_dir.rstrip(os.sep) + os.sep if slash else None
    stat, hard_link = os.stat, os.link
    # Learnt from the cards placed so far: whether the output's cards are
    # there already (a rebuild keeping its output: each is checked, nothing
    # written) or not (a fresh output: each is linked at once), and whether
    # their folders are (``{url}share.png`` beside a page's index.html) or
    # not (beside ``slug.html``: each folder is made first).
    kept_output = folders_there = True
    for path, job in sorted(build.jobs.items()):
        name = job.key + ext
        target = out + path if slash else os.path.join(build.output, path)
        cached = cache_dir + name if slash else os.path.join(build.cache_dir, name)
        inode = (
            in_cache.get(name)
            if in_cache is not None
            else _cached_inode(cached, device)
        )
        if inode is not None:
            build.reused += 1
            if kept_output:
                try:
                    st = stat(target)
                except OSError:
                    kept_output = False
                else:
                    if st.st_ino == inode and st.st_dev == device:
                        # The cached file itself: nothing to do.
                        continue
            if not kept_output and folders_there and link:
                try:
                    hard_link(cached, target)
                    continue
                except FileExistsError:
                    kept_output = True
                except FileNotFoundError:
                    folders_there = False
                except OSError:
                    pass  # no links here, say: as below
        folder = os.path.dirname(target)
        if folder not in folders:
            folders_there = not _make_folder(folder)
            folders.add(folder)
        if inode is not None:
            link = place(cached, target, link)
            continue
        data = _draw(build, job)
        write_bytes_atomic(target, data)
        if cache_ok:
            try:
                os.makedirs(build.cache_dir, exist_ok=True)
                write_bytes_atomic(cached, data, CACHE_MODE)
            except OSError as exc:
                cache_ok = False
                logger.warning(
                    "pullmarketing: share cards: cache folder %s is not writable (%s); "
                    "cards are drawn again next build (PULLMARKETING_SHARE_CARD_CACHE)",
                    build.cache_dir,
                    exc.strerror or exc,
                )
    build.write_seconds = time.perf_counter() - started
    if build.jobs:
        each = (
            f", {build.draw_seconds * 1000 / build.drawn:.1f} ms each"
            if build.drawn
            else ""
        )
        logger.info(
            "pullmarketing: share cards: %d drawn%s, %d from the cache (%s)",
            build.drawn,
            each,
            build.reused,
            build.cache_dir,
        )
