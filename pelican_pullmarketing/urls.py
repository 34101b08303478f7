"""URL helpers, written once: absolute URLs under SITEURL (sub-paths included),
the site's host, and campaign (UTM) tagging."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.netloc)


def absolute_url(siteurl: str, path: str) -> str:
    """Join ``path`` (relative to the site root, as Pelican's ``*_URL`` settings
    are) to ``siteurl``, keeping a sub-path such as ``https://u.github.io/repo``.

    Returns ``path`` unchanged when it is already absolute. With an empty
    ``siteurl`` the result is root-relative (``/path``).
    """
    if not path:
        return (siteurl.rstrip("/") + "/") if siteurl else "/"
    if is_absolute(path) or path.startswith(("mailto:", "tel:", "data:")):
        return path
    base = (siteurl or "").rstrip("/") + "/"
    if path.startswith("/"):
        # Root-relative to the site, not to the host: keep the sub-path.
        path = path.lstrip("/")
    if not siteurl:
        return "/" + path
    return urljoin(base, path)


def site_host(siteurl: str) -> str:
    """The host of ``siteurl`` (``example.com``), or ``""``."""
    return urlsplit(siteurl or "").hostname or ""


def site_path(siteurl: str) -> str:
    """The path part of ``siteurl`` with a trailing slash (``/repo/`` or ``/``)."""
    path = urlsplit(siteurl or "").path.rstrip("/")
    return path + "/"


def add_query(url: str, params: dict[str, str]) -> str:
    """Add ``params`` to ``url``'s query, keeping existing ones and the fragment.
    Existing keys are not overwritten (an author's own tags win)."""
    if not params:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {k for k, _ in query}
    query += [(k, v) for k, v in params.items() if k not in present and v != ""]
    return urlunsplit(parts._replace(query=urlencode(query)))


def utm_params(template: dict[str, str] | None, **values: str) -> dict[str, str]:
    """Fill ``{placeholders}`` in a UTM template such as
    ``{"utm_source": "feed", "utm_medium": "{format}"}``."""
    if not template:
        return {}
    out = {}
    for key, value in template.items():
        try:
            out[key] = str(value).format(**values)
        except (KeyError, IndexError):
            out[key] = str(value)
    return out
