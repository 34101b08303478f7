"""Which settings files a blog uses: the one given, else ``pelicanconf.py``,
else the one its ``Makefile`` (``CONFFILE=$(BASEDIR)/settings.py``) or
``tasks.py`` (``SETTINGS_FILE_BASE = "settings.py"``) names; and its
publishing settings (``PUBLISHCONF=...``, ``"settings_publish": ...`` or
``SETTINGS_FILE_PUBLISH``, else ``publishconf.py``)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import PullMarketingError

DEFAULT_BASE = "pelicanconf.py"
DEFAULT_PUBLISH = "publishconf.py"

# Makefile: `CONFFILE=$(BASEDIR)/settings.py` (also `:=`, `?=`, `${BASEDIR}`).
_MAKE_VARIABLE = r"^\s*{name}\s*[:?]?=\s*(?:\$[({{]BASEDIR[)}}]/)?(\S+?\.py)\s*$"
# tasks.py: `SETTINGS_FILE_BASE = "settings.py"`, `"settings_publish": "p.py"`.
_TASKS_VARIABLE = r"""^\s*{name}\s*=\s*['"]([^'"]+\.py)['"]"""
_TASKS_KEY = r"""['"]{name}['"]\s*:\s*['"]([^'"]+\.py)['"]"""


@dataclass(frozen=True)
class SettingsFiles:
    folder: str
    base: str  # relative to folder
    publish: str  # relative to folder; may not exist yet
    source: str  # where the base name came from, for the report

    @property
    def base_path(self) -> str:
        return os.path.join(self.folder, self.base)

    @property
    def publish_path(self) -> str:
        return os.path.join(self.folder, self.publish)

    @property
    def base_module(self) -> str:
        """What ``publishconf.py`` imports: ``pelicanconf`` or ``settings``."""
        return os.path.splitext(os.path.basename(self.base))[0]


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def _first(patterns: list[str], text: str) -> str | None:
    for pattern in patterns:
        match = re.search(pattern, text, re.M)
        if match:
            return match.group(1)
    return None


def named_by_makefile(folder: str, *, publish: bool = False) -> str | None:
    name = "PUBLISHCONF" if publish else "CONFFILE"
    return _first(
        [_MAKE_VARIABLE.format(name=name)], _read(os.path.join(folder, "Makefile"))
    )


def named_by_tasks(folder: str, *, publish: bool = False) -> str | None:
    text = _read(os.path.join(folder, "tasks.py"))
    if publish:
        patterns = [
            _TASKS_VARIABLE.format(name="SETTINGS_FILE_PUBLISH"),
            _TASKS_KEY.format(name="settings_publish"),
        ]
    else:
        patterns = [
            _TASKS_VARIABLE.format(name="SETTINGS_FILE_BASE"),
            _TASKS_KEY.format(name="settings_base"),
        ]
    return _first(patterns, text)


def _inside(folder: str, name: str) -> str:
    """``name`` relative to ``folder`` (a Makefile may give an absolute path)."""
    if os.path.isabs(name):
        return os.path.relpath(name, folder)
    return os.path.normpath(name)


def find_settings_files(folder: str, given: str | None = None) -> SettingsFiles:
    """The blog's settings files, or a ``PullMarketingError`` saying where
    we looked."""
    folder = os.path.abspath(folder)
    if given:
        # Relative to the blog's folder, or to the current one.
        path = os.path.join(folder, given)
        if not os.path.isfile(path) and os.path.isfile(given):
            path = os.path.abspath(given)
        if not os.path.isfile(path):
            raise PullMarketingError(
                "settings file not found",
                file=path,
                expected="a Pelican settings file (--settings)",
            )
        base, source = os.path.relpath(path, folder), "--settings"
    else:
        candidates = [
            (DEFAULT_BASE, ""),
            (named_by_makefile(folder), "the Makefile's CONFFILE"),
            (named_by_tasks(folder), "tasks.py's SETTINGS_FILE_BASE"),
        ]
        found = [
            (_inside(folder, name), source)
            for name, source in candidates
            if name and os.path.isfile(os.path.join(folder, _inside(folder, name)))
        ]
        if not found:
            raise PullMarketingError(
                "no pelicanconf.py here, and no settings file named by a Makefile "
                "(CONFFILE) or tasks.py (SETTINGS_FILE_BASE)",
                file=folder,
                expected="a Pelican site folder, or --settings FILE",
            )
        base, source = found[0]
    publish = (
        named_by_makefile(folder, publish=True)
        or named_by_tasks(folder, publish=True)
        or DEFAULT_PUBLISH
    )
    return SettingsFiles(folder, base, _inside(folder, publish), source)


def default_settings_file(folder: str = os.curdir) -> str:
    """The settings file commands read when ``--settings`` is not given
    (``pelicanconf.py`` when nothing else is found, for the error message)."""
    try:
        base = find_settings_files(folder).base
    except PullMarketingError:
        base = DEFAULT_BASE
    return os.path.normpath(os.path.join(folder, base))
