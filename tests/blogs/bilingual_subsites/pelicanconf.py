AUTHOR = "Maude Tremblay"
SITENAME = "Mile End Bike Workshop"
SITESUBTITLE = "Repairs and advice for Montréal cyclists"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
TIMEZONE = "America/Toronto"

DEFAULT_LANG = "en"
LOCALE = ("en_CA.UTF-8", "C.UTF-8")
DEFAULT_DATE_FORMAT = "%d %B %Y"

THEME = "themes/atelier"

# French is built as its own site under /fr/ by i18n_subsites. Every article
# and page says its language with `Lang:`; a translation has the same Slug.
PLUGINS = ["i18n_subsites"]
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
I18N_TEMPLATES_LANG = "en"
I18N_SUBSITES = {
    "fr": {
        "SITENAME": "Atelier vélo Mile End",
        "SITESUBTITLE": "Réparations et conseils pour les cyclistes de Montréal",
        "LOCALE": ("fr_CA.UTF-8", "C.UTF-8"),
    }
}

ARTICLE_URL = "{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10

# Uncomment following line if you want document-relative URLs when developing
# RELATIVE_URLS = True
