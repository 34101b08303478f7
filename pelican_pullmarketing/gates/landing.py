"""From a document's gate metadata to a ``Gate``: the paper, its token folder,
its thank-you page and the form the landing page shows.

Plain functions over documents and settings, so the build (plugin.py) and
``pullmarketing gates list`` compute exactly the same URLs.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from .. import i18n, metadata
from ..errors import ContentError, describe
from ..text import plain_text
from ..urls import absolute_url, is_absolute
from . import providers, tokens

ROBOTS = "noindex, nofollow"

_LINK_PREFIXES = ("{static}", "{attach}", "{filename}")


@dataclass
class Gate:
    """One gated paper. The theme reads it as ``pm_gate``; URLs are
    site-relative like Pelican's, ``thank_you_url`` and ``download_url`` are
    secret (they hold the token)."""

    relpath: str  # path in the content folder, with / separators
    source_path: str
    token: str
    file_name: str
    file_type: str
    size: int | None
    delivery: str
    provider: str
    provider_title: str
    redirect: str  # how the provider learns the thank-you URL
    thank_you_url: str
    download_url: str | None
    button: str
    summary: str | None
    title: str
    landing: Any = field(repr=False)
    cover: str | None = None
    cover_source: str | None = None  # content-relative path when a local file

    @property
    def save_as(self) -> str:
        return self.thank_you_url + "index.html"

    @property
    def file_save_as(self) -> str:
        return self.thank_you_url + self.file_name

    @property
    def landing_url(self) -> str:
        return self.landing.url


def _clean_path(raw: str) -> str:
    for prefix in _LINK_PREFIXES:
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
    return posixpath.normpath(raw.replace("\\", "/").lstrip("/"))


def gated_relpath(doc) -> str | None:
    raw = metadata.value(doc, "gated_file")
    return _clean_path(raw) if raw else None


def _source(doc) -> str:
    return getattr(doc, "source_path", None) or "?"


def document_problems(doc, settings: dict) -> list[str]:
    """Semantic checks of a document's gate metadata (for core's check)."""
    meta = getattr(doc, "metadata", {}) or {}
    if "gated_file" not in meta:
        return _fields_without_gate(doc, meta)
    raw = metadata.value(doc, "gated_file")
    return [
        *_gated_file_problems(doc, raw, settings),
        *_cover_problems(doc, meta.get("gate_cover"), settings),
    ]


def _fields_without_gate(doc, meta: dict) -> list[str]:
    """Gate fields of a document that gates no file."""
    other = [k for k in ("gate_cover", "gate_button", "gate_summary") if k in meta]
    return [
        describe(
            "has no effect without gated_file",
            file=_source(doc),
            field=k,
            value=meta[k],
            expected="gated_file: <path of the paper in the content folder>",
        )
        for k in other
    ]


def _gated_file_problems(doc, raw, settings: dict) -> list[str]:
    """The gated file's path, and the settings a gate needs."""
    problems = []
    if raw and _clean_path(raw).startswith("../"):
        problems.append(
            describe(
                "path leaves the content folder",
                file=_source(doc),
                field="gated_file",
                value=raw,
                expected="a path inside the content folder",
            )
        )
    if settings.get(providers.SETTING) is None:
        problems.append(
            describe(
                "a gated file needs a form provider",
                file=_source(doc),
                field="gated_file",
                value=raw,
                expected="PULLMARKETING_GATE in the settings, e.g. "
                '{"provider": "formspree", "form_id": "..."}',
            )
        )
    if not settings.get("PULLMARKETING_PRIVACY_URL"):
        problems.append(
            describe(
                "the consent checkbox must link to a privacy policy",
                file=_source(doc),
                field="gated_file",
                value=raw,
                expected="PULLMARKETING_PRIVACY_URL in the settings, e.g. 'privacy/'",
            )
        )
    return problems


def _cover_problems(doc, cover, settings: dict) -> list[str]:
    """A cover image that is not an absolute URL must be a file in the
    content folder."""
    if not cover or is_absolute(str(cover).strip()):
        return []
    path = _clean_path(str(cover).strip())
    full = os.path.join(settings.get("PATH") or os.curdir, path)
    if not path.startswith("../") and os.path.isfile(full):
        return []
    return [
        describe(
            "file not found",
            file=_source(doc),
            field="gate_cover",
            value=cover,
            expected="an image in the content folder (path relative to PATH) or an absolute URL",
        )
    ]


def document_lang(doc, settings: dict) -> str:
    """The language of the landing document (its ``lang``, else the site's):
    the form and its button speak it."""
    return getattr(doc, "lang", None) or settings.get("DEFAULT_LANG") or "en"


def default_button(delivery: str, lang: str) -> str:
    """The form's button when the document sets no ``gate_button``."""
    _ = i18n.gettext_for(lang)
    if delivery == "email":
        return _("Email me the guide")
    return _("Download the guide")


def build_gate(doc, settings: dict, provider: providers.Provider) -> Gate | None:
    relpath = gated_relpath(doc)
    if not relpath or relpath.startswith("../"):
        return None
    source = os.path.join(settings.get("PATH") or os.curdir, relpath)
    if not os.path.isfile(source):
        return None  # reported by the metadata check
    delivery = providers.delivery(settings[providers.SETTING])
    token = tokens.token_for(relpath, source, settings.get("PULLMARKETING_GATE_SECRET"))
    downloads = settings["PULLMARKETING_GATE_DOWNLOADS_PATH"].strip("/")
    folder = f"{downloads}/{token}/"
    file_name = posixpath.basename(relpath)
    cover_raw = metadata.value(doc, "gate_cover")
    cover = cover_source = None
    if cover_raw:
        if is_absolute(cover_raw):
            cover = cover_raw
        else:
            cover_source = _clean_path(cover_raw)
            cover = cover_source  # replaced by the static file's URL once known
    return Gate(
        relpath=relpath,
        source_path=source,
        token=token,
        file_name=file_name,
        file_type=mimetypes.guess_type(file_name)[0] or "application/octet-stream",
        size=os.path.getsize(source),
        delivery=delivery,
        provider=provider.name,
        provider_title=provider.title,
        redirect=provider.redirect_instructions(),
        thank_you_url=folder,
        download_url=folder + quote(file_name) if delivery == "page" else None,
        button=metadata.value(doc, "gate_button")
        or default_button(delivery, document_lang(doc, settings)),
        summary=metadata.value(doc, "gate_summary"),
        title=plain_text(getattr(doc, "title", "")) or file_name,
        landing=doc,
        cover=cover,
        cover_source=cover_source,
    )


def collect_gates(docs: Iterable, settings: dict) -> dict[str, Gate]:
    """Gates of ``docs`` keyed by the gated file's path; raises ContentError
    when two documents gate the same file (they would share one token folder)."""
    config = settings.get(providers.SETTING)
    if config is None:
        return {}
    provider = providers.provider_for(config)
    gates: dict[str, Gate] = {}
    for doc in docs:
        gate = build_gate(doc, settings, provider)
        if gate is None:
            continue
        other = gates.get(gate.relpath)
        if other is not None and other.landing is not doc:
            raise ContentError(
                "file is gated by two documents",
                file=_source(doc),
                field="gated_file",
                value=gate.relpath,
                expected=f"one landing document per file (also gated by {_source(other.landing)})",
            )
        gates[gate.relpath] = gate
    return gates


def form_spec(gate: Gate, settings: dict) -> providers.FormSpec:
    provider = providers.provider_for(settings[providers.SETTING])
    siteurl = settings.get("SITEURL", "")
    return provider.form(
        paper=gate.title,
        page_url=absolute_url(siteurl, gate.landing_url),
        page_title=gate.title,
        thank_you=absolute_url(siteurl, gate.thank_you_url),
        # The notification e-mail is the site owner's: the site's language.
        lang=settings.get("DEFAULT_LANG"),
    )


def render_form(gate: Gate, settings: dict, template) -> Markup:
    """The whole form as Markup, from the ``gate_form.html`` template (themes
    may override it), in the landing document's language: the template's
    words are looked up as on the document's own page (``i18n.page_lang``
    reads ``DEFAULT_LANG`` when the context has no document)."""
    privacy = settings.get("PULLMARKETING_PRIVACY_URL") or ""
    html = template.render(
        gate=gate,
        form=form_spec(gate, settings),
        privacy_url=absolute_url(settings.get("SITEURL", ""), privacy),
        form_id="pm-gate-" + (getattr(gate.landing, "slug", "") or "form"),
        SITENAME=settings.get("SITENAME", ""),
        DEFAULT_LANG=document_lang(gate.landing, settings),
    )
    return Markup(html.strip())
