# Sample site: a small heating and plumbing firm's blog using every feature of
# pelican-pullmarketing. `make demo` builds it and serves it on 127.0.0.1:8000.
import pelican_pullmarketing

AUTHOR = "Harbour Heating"
SITENAME = "Harbour Heating & Plumbing"
SITESUBTITLE = "Heating engineers in Bristol since 1998"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_PAGINATION = 6
RELATIVE_URLS = True

PLUGINS = ["pelican_pullmarketing"]
THEME = pelican_pullmarketing.theme_path()

STATIC_PATHS = ["images", "papers"]
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# Pelican's own feeds: one site-wide Atom feed; topic feeds come from the plugin.
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- keyword anchors: the phrases come from content/keywords.csv, made with
# `pullmarketing keywords import data/google-ads-search-terms.csv`.
PULLMARKETING_MAX_LINKS_PER_ARTICLE = 6

# --- topics and feeds
PULLMARKETING_FEED_ID_AUTHORITY = "harbourheating.example"

# --- search metadata
PULLMARKETING_PUBLISHER = {
    "type": "Organization",
    "name": "Harbour Heating & Plumbing Ltd",
    "url": "https://harbourheating.example/",
    "same_as": [],
}

# --- white-paper gates

# --- cross-posting
