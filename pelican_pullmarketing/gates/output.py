"""What a gate changes in the output: the gated file leaves Pelican's static
files (and its `{static}` links point to the landing page instead), and each
gate gets a token folder with its thank-you page and, for page delivery, the
file."""

from __future__ import annotations

import logging
import os
import re
import shutil

from pelican.generators import Generator

from .. import build
from .landing import ROBOTS

logger = logging.getLogger(__name__)


_META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
_ROBOTS_NAME = re.compile(r"""\sname\s*=\s*["']?robots["'\s/>]""", re.I)
_HEAD_OPEN = re.compile(r"<head(?:\s[^>]*)?>", re.I)


class LandingLink:
    """Stands in for the gated file in Pelican's ``static_content``, so an
    author's ``{static}papers/x.pdf`` link resolves to the landing page
    instead of the file's plain path."""

    def __init__(self, landing):
        self._landing = landing
        self.source_path = getattr(landing, "source_path", None)

    @property
    def url(self) -> str:
        return self._landing.url

    def attach_to(self, content) -> None:  # `{attach}` must not move anything
        return None


def exclude_gated_files(static_generator) -> None:
    """Drop gated files from the static files, whether found in STATIC_PATHS
    or through a `{static}` link, and resolve gate covers to their URLs."""
    part = build.current().gates
    gates = part.by_file
    if not gates:
        return
    kept, dropped = [], []
    for sf in static_generator.staticfiles:
        gated = _posix(sf.relative_source_path) in gates
        (dropped if gated else kept).append(sf)
    # Where Pelican would have copied them: a previous build may have left a
    # copy there (when the output folder is not emptied between builds).
    part.stale = sorted({sf.save_as for sf in dropped})
    static_generator.staticfiles = kept
    static_generator.context["staticfiles"] = kept
    static_content = static_generator.context.setdefault("static_content", {})
    for relpath, gate in gates.items():
        for key in [k for k in static_content if _posix(k) == relpath]:
            del static_content[key]
        static_content[relpath] = LandingLink(gate.landing)
        if gate.cover_source:
            cover = static_content.get(gate.cover_source)
            if cover is not None and hasattr(cover, "url"):
                gate.cover = cover.url


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def ensure_noindex(path: str) -> bool:
    """Make sure a written thank-you page carries a robots noindex tag, whatever
    the theme did with the ``robots`` context variable. True if added."""
    with open(path, encoding="utf-8") as fh:
        html = fh.read()
    if any(
        _ROBOTS_NAME.search(tag) and "noindex" in tag.lower()
        for tag in _META_TAG.findall(html)
    ):
        return False
    tag = f'<meta name="robots" content="{ROBOTS}">'
    match = _HEAD_OPEN.search(html)
    html = (
        html[: match.end()] + "\n" + tag + html[match.end() :]
        if match
        else tag + "\n" + html
    )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(html)
    return True


class GatesGenerator(Generator):
    """Writes each gate's thank-you page (and file, for page delivery)."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        part = build.current().gates
        gates = part.by_file
        if not gates:
            return
        for save_as in part.stale:
            stale = os.path.join(self.output_path, save_as)
            if os.path.isfile(stale):
                os.remove(stale)
                logger.warning(
                    "gates: removed %s from the output: a previous build published "
                    "this gated file at its plain path",
                    save_as,
                )
        template = self.get_template("gate_thanks")
        for relpath in sorted(gates):
            gate = gates[relpath]
            writer.write_file(
                gate.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=gate.thank_you_url,
                gate=gate,
                landing=gate.landing,
                robots=ROBOTS,
                page_name=gate.save_as.rsplit(".", 1)[0],
            )
            page = os.path.join(self.output_path, gate.save_as)
            if ensure_noindex(page):
                logger.debug("gates: added the robots noindex tag to %s", gate.save_as)
            if gate.delivery == "page":
                target = os.path.join(self.output_path, gate.file_save_as)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(gate.source_path, target)
                logger.info("gates: copying %s to its token folder", relpath)
