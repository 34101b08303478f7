"""One title format on a site: the theme's when it has one, else
``PULLMARKETING_TITLE_FORMAT``.

A theme's format is learned from the first page whose ``<title>`` is
exactly the page's own title and the site name joined by a separator
("Site – Post", "Post | Site"); Pelican writes articles first, so it is
learned from an article. Pages whose theme title does not follow the format
(a list page titled with the site name only, another separator, a title
another page already has) get one that does; the rest keep the theme's.
"""

from __future__ import annotations

# Separators seen in Pelican themes' titles; a learned one must be one of
# them (a title that merely starts with the site name is not a format).
SEPARATORS = (" | ", " – ", " — ", " - ", " · ", " :: ", ": ", " » ", " / ")
DEFAULT_FORMAT = "{title} | {site}"


class TitleStyle:
    """A title format: ``{title}`` and ``{site}`` around one separator."""

    __slots__ = ("format", "separator", "learned")

    def __init__(self, fmt: str, learned: bool = False):
        self.format = fmt
        self.learned = learned  # from the theme's pages
        inner = fmt.replace("{title}", "\0").replace("{site}", "\0").split("\0")
        self.separator = inner[1] if len(inner) == 3 else " | "

    def title(self, page_title: str, site: str) -> str:
        if not site or not page_title or page_title == site:
            return page_title or site
        return self.format.replace("{title}", page_title).replace("{site}", site)

    def home(self, site: str, subtitle: str) -> str:
        return f"{site}{self.separator}{subtitle}" if subtitle else site


def learn(theme_title: str, page_title: str, site: str) -> TitleStyle | None:
    """The format of ``theme_title`` if it is ``page_title`` and ``site``
    joined by one of the known separators, else None."""
    if not (theme_title and page_title and site) or page_title == site:
        return None
    for first, second, fmt in (
        (site, page_title, "{site}%s{title}"),
        (page_title, site, "{title}%s{site}"),
    ):
        if theme_title.startswith(first) and theme_title.endswith(second):
            middle = theme_title[len(first) : len(theme_title) - len(second)]
            if middle in SEPARATORS:
                return TitleStyle(fmt % middle, learned=True)
    return None


class SiteTitles:
    """The build's title style and the titles already given to pages (no
    two pages may share one). One per build (``SiteLinks.site_tags``)."""

    __slots__ = ("style", "used", "record")

    def __init__(self, fmt: str | None):
        self.style = TitleStyle(fmt or DEFAULT_FORMAT)
        self.used: dict[str, str] = {}  # title -> the page that has it
        # While a page's head is completed for the head cache: each
        # learn_from ("learn", args) and claim ("claim", args, result), in
        # order, so that a cached page can replay them (``cache.py``).
        self.record: list | None = None

    def learn_from(self, theme_title: str, page_title: str, site: str) -> None:
        if self.record is not None:
            self.record.append(("learn", (theme_title, page_title, site), None))
        if not self.style.learned:
            learned = learn(theme_title, page_title, site)
            if learned is not None:
                self.style = learned

    def claim(self, title: str, path: str) -> bool:
        """Note ``title`` as ``path``'s; False when another page has it."""
        owner = self.used.setdefault(title, path)
        if self.record is not None:
            self.record.append(("claim", (title, path), owner == path))
        return owner == path
