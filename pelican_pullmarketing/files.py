"""Writing and reading the files the plugin keeps between runs (state files,
keyword catalogues, pages it completes): written in one step, so a crash or
Ctrl-C never leaves half a file; read with errors that name the file."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from .errors import PullMarketingError


def write_atomic(
    path: str, text: str, *, newline: str = "\n", sync: bool = False
) -> None:
    """Replace ``path`` with ``text`` in one step (a temporary file in the same
    folder, then ``os.replace``). An existing file keeps its permissions.
    ``sync`` also flushes to disk first, for state that must survive a crash."""
    mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
    if newline not in ("", "\n"):  # as text mode writes it
        text = text.replace("\n", newline)
    _replace(path, text.encode("utf-8"), mode, sync)


def write_bytes_atomic(path: str, data: bytes, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` in one step, with permissions ``mode``."""
    _replace(path, data, mode, sync=False)


def _replace(path: str, data: bytes, mode: int, sync: bool) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".pm-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def content_cache_file(settings: dict, name: str) -> tuple[str, bool, bool] | None:
    """(path of the file ``name`` in ``CACHE_PATH``, whether to load it,
    whether to save it) as Pelican's content cache settings say; None when
    that cache is off (the package's caches live beside Pelican's)."""
    load = bool(settings.get("LOAD_CONTENT_CACHE"))
    save = bool(settings.get("CACHE_CONTENT"))
    folder = settings.get("CACHE_PATH")
    if not (load or save) or not folder:
        return None
    return os.path.join(str(folder), name), load, save


def dump_json(data: Any) -> str:
    """The one JSON style of files people commit: sorted keys, 2-space indent,
    UTF-8 text as is, a final newline (byte-identical for equal data)."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_json_atomic(path: str, data: Any, *, sync: bool = False) -> None:
    write_atomic(path, dump_json(data), sync=sync)


def read_json(path: str, *, what: str, expected: str) -> Any:
    """Parsed JSON of ``path``. ``FileNotFoundError`` passes through (callers
    decide whether a missing file is empty state or an error); any other
    problem is a ``PullMarketingError`` naming the file and what it should be."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise PullMarketingError(
            f"cannot read {what}: {exc}", file=path, expected=expected
        ) from None


def read_state(path: str, *, key: str, what: str, command: str, redo: str) -> dict:
    """A ping command's JSON state file (``{"version": 1, key: {...}}``), or
    an empty one when there is none yet. ``command`` wrote it; deleting it
    will ``redo`` (e.g. "ping every feed again")."""
    if not os.path.exists(path):
        return {"version": 1, key: {}}
    state = read_json(
        path,
        what=what,
        expected=f"the JSON file written by `{command}` (delete it to {redo})",
    )
    if not isinstance(state, dict) or not isinstance(state.get(key), dict):
        raise PullMarketingError(
            f"unexpected content in {what}",
            file=path,
            expected=f'{{"version": 1, "{key}": {{...}}}} (delete it to {redo})',
        )
    return state
