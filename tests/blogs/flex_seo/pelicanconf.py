AUTHOR = "Priya Natarajan"
SITENAME = "Priya Natarajan"
SITETITLE = "Priya Natarajan"
SITESUBTITLE = "Data engineering notes"
SITEDESCRIPTION = "Notes on data pipelines, Postgres and Python by Priya Natarajan."
SITEURL = "http://localhost:8000"
SITELOGO = "/images/profile.png"
FAVICON = "/images/favicon.ico"

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
TIMEZONE = "America/Toronto"
DEFAULT_LANG = "en"
OG_LOCALE = "en_US"

THEME = "themes/flex"
MAIN_MENU = True
ROBOTS = "index, follow"

PLUGINS = ["pelican.plugins.seo", "sitemap"]
SEO_REPORT = False  # the report is written to the current folder; off in CI
SEO_ENHANCER = True
SEO_ENHANCER_OPEN_GRAPH = True
SEO_ENHANCER_TWITTER_CARDS = True

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.6, "indexes": 0.5, "pages": 0.5},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
}

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

LINKS = (
    ("Résumé", "https://priya.example.dev/cv.pdf"),
    ("Mastodon", "https://fosstodon.org/@priya"),
)
SOCIAL = (
    ("github", "https://github.com/priya-example"),
    ("mastodon", "https://fosstodon.org/@priya"),
    ("rss", "/feeds/all.atom.xml"),
)

DEFAULT_PAGINATION = 5
ARTICLE_URL = "posts/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "posts/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
