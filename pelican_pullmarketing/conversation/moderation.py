"""Who is who in a conversation: the entries the owner hid
(``PULLMARKETING_CONVERSATION_HIDE``: reply URLs or author profile URLs) and
the firm's own accounts (the authors of its copies, as each platform reports
them, ``PULLMARKETING_CONVERSATION_ACCOUNTS`` and the site itself)."""

from __future__ import annotations

from collections.abc import Iterable


def url_key(url: str | None) -> str:
    """A URL compared loosely: scheme and host lower-cased, no trailing slash."""
    if not url:
        return ""
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url.rstrip("/")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")


def hide_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(url_key(v) for v in values if v)


def is_hidden(entry: dict, hidden: frozenset[str]) -> bool:
    if not hidden:
        return False
    author = entry.get("author") or {}
    return url_key(entry.get("url")) in hidden or url_key(author.get("url")) in hidden


class FirmAccounts:
    def __init__(self, data: dict, settings: dict):
        accounts = set()
        for record in data.get("articles", {}).values():
            for copy in (record.get("copies") or {}).values():
                if isinstance(copy, dict) and copy.get("account"):
                    accounts.add(url_key(copy["account"]))
        for url in settings.get("PULLMARKETING_CONVERSATION_ACCOUNTS") or ():
            accounts.add(url_key(url))
        accounts.discard("")
        self.accounts = frozenset(accounts)
        siteurl = url_key(settings.get("SITEURL") or "")
        self.site = siteurl + "/" if siteurl.startswith(("http://", "https://")) else ""

    def __contains__(self, author_url: str | None) -> bool:
        key = url_key(author_url)
        if not key:
            return False
        return key in self.accounts or bool(
            self.site and (key + "/").startswith(self.site)
        )
