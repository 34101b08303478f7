# Sample site: a small heating and plumbing firm's blog using every feature of
# pelican-pullmarketing. These are the settings for writing (relative URLs, no
# SITEURL: the build says what that leaves out); publishconf.py adds the
# published address, and `make demo` builds with democonf.py, the published
# settings at http://127.0.0.1:8000, and serves the result there.
import pelican_pullmarketing

AUTHOR = "Harbour Heating"
SITENAME = "Harbour Heating & Plumbing"
SITESUBTITLE = "Heating engineers in Bristol since 1998"
SITEURL = ""
PATH = "content"
OUTPUT_PATH = "output"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
# Open Graph says where the readers are: a Bristol firm writes British English,
# and Polish for the city's Polish-speaking customers.
PULLMARKETING_OG_LOCALES = {"en": "en_GB", "pl": "pl_PL"}
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Polish dates in figures (7.10.2024), not with English month names.
DATE_FORMATS = {"pl": "%-d.%m.%Y"}
# The firm's voice where the package's default words are neutral (any
# sentence: `pullmarketing words` lists them).
PULLMARKETING_WORDS = {"Browse by topic": "How we can help"}
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
# Translations (`Lang: pl` and the original's `Slug:`, in content/articles/pl/
# and content/pages/pl/) under /pl/, in the same style; each is paired with
# its original by slug (Pelican's ARTICLE_TRANSLATION_ID), and both link to
# each other (the theme's "Also in" line, hreflang alternates).
ARTICLE_LANG_URL = "{lang}/{date:%Y}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{date:%Y}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"

# Pelican's own feeds: one site-wide Atom feed, written when publishing
# (publishconf.py); topic feeds come from the plugin.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- keyword anchors: the phrases come from content/keywords.csv, made with
# `pullmarketing keywords import data/google-ads-search-terms.csv`; a few rows
# were then edited by hand (variants such as "air source heat pump", one
# re-targeted row), and later imports keep those rows as they are.
PULLMARKETING_MAX_LINKS_PER_ARTICLE = 6
PULLMARKETING_MAX_LINKS_PER_TARGET = 1

# --- topics and feeds: one hub page and Atom / RSS / JSON feed per topic, so a
# customer follows only what interests them (see docs/topics.md).
PULLMARKETING_FEED_ID_AUTHORITY = "harbourheating.example"
PULLMARKETING_TOPICS = {
    "boilers": {
        "title": "Boilers and servicing",
        "description": "Servicing, repairs and replacing gas boilers in Bristol: "
        "what a Gas Safe engineer checks, what it costs and when a new boiler pays.",
        "categories": ["Boilers"],
        "tags": ["servicing", "gas safety"],
        "intro": "A boiler that is serviced once a year lasts longer, burns less gas "
        "and keeps its warranty. Start with [what an annual service covers]"
        "({filename}articles/boiler-service-bristol.md), then read our "
        "[honest prices for a new boiler]({filename}articles/new-boiler-cost.md) "
        "before you get quotes.",
        "image": "images/boiler-cost.svg",
        "call_to_action": {"text": "Book a boiler service", "url": "contact/"},
    },
    "heat-pumps": {
        "title": "Heat pumps and renewables",
        "description": "Air source heat pumps for Bristol homes: real running costs, "
        "the £7,500 Boiler Upgrade Scheme grant, noise and older houses.",
        "categories": ["Heat pumps"],
        "tags": ["heat pumps", "renewables"],
        "intro": "Thinking of replacing a gas boiler with a heat pump? The grant "
        "covers much of the cost: see [how the Boiler Upgrade Scheme works]"
        "({filename}articles/boiler-upgrade-scheme.md), then compare "
        "[what our customers really pay to run one]"
        "({filename}articles/heat-pump-running-costs.md).",
        "image": "images/heat-pump.svg",
        "call_to_action": {
            "text": "Book a free heat pump survey",
            "url": "contact/",
            "lead": "We check your house, radiators and grant eligibility, free.",
        },
    },
    "plumbing": {
        "title": "Plumbing and bathrooms",
        "description": "Leaks, burst pipes, water pressure and bathroom renovations: "
        "what you can fix yourself and when to call a plumber.",
        "categories": ["Plumbing"],
        "tags": ["bathrooms"],
        "intro": "Water where it should not be? Read [what to do before the plumber "
        "arrives]({filename}articles/burst-pipe.md). Planning a new bathroom? "
        "Here is [a realistic cost breakdown]"
        "({filename}articles/bathroom-renovation-cost.md).",
        "image": "images/bathroom.svg",
        "call_to_action": {"text": "Ask for a plumber", "url": "contact/"},
    },
}
PULLMARKETING_FEED_UTM = {
    "utm_source": "feed",
    "utm_medium": "{format}",
    "utm_campaign": "{topic}",
}
# Google's public WebSub hub: after publishing, `pullmarketing websub ping
# --output output --settings publishconf.py` tells readers at once.
PULLMARKETING_WEBSUB_HUB = "https://pubsubhubbub.appspot.com/"

# --- industry watch: the feeds of the firm's trade (see docs/watch.md).
# `pullmarketing watch fetch` (weekly, by the scheduled workflow) stores their
# items in content/watch.json; `pullmarketing watch report` compares them with
# the keyword catalogue and the articles. The magazine and the forum may show
# their newest items on the hubs of their topics; the competitor is watched,
# never shown. (The committed watch.json was made by make_watch.py from the
# invented feeds in data/watch/.)
PULLMARKETING_WATCH = [
    {
        "url": "https://installermonthly.example/news/feed.atom",
        "title": "Heating Installer Monthly",
        "topics": ["heat-pumps", "boilers"],
        "show": True,
    },
    {
        "url": "https://severnheating.example/blog/feed/",
        "title": "Severn Heating (competitor)",
        "topics": ["boilers", "heat-pumps"],
    },
    {
        "url": "https://homeownersforum.example/c/heating-plumbing.rss",
        "title": "Homeowners Forum",
        "topics": ["heat-pumps", "plumbing"],
        "show": True,
    },
]
PULLMARKETING_WATCH_ON_HUBS = 3

# --- search metadata
# Share picture (1200x630) for pages without their own raster `Image:`.
PULLMARKETING_DEFAULT_IMAGE = "images/share.png"

# --- the firm: one setting for the header, the footer's name, address and
# phone (an h-card), the contact and 404 pages, the calls to action and the
# LocalBusiness JSON-LD that local search reads (see docs/business.md).
PULLMARKETING_BUSINESS = {
    "name": "Harbour Heating & Plumbing Ltd",
    "type": "HVACBusiness",
    "telephone": "0117 496 0472",
    "email": "hello@harbourheating.example",
    "address": {
        "street": "Unit 4, Feeder Road, St Philips",
        "locality": "Bristol",
        "postcode": "BS2 0TB",
        "country": "GB",
    },
    "geo": {"latitude": 51.4492, "longitude": -2.5737},
    "area_served": ["Bristol", "Keynsham", "Portishead", "Nailsea", "Thornbury"],
    "opening_hours": ["Mo-Fr 08:00-17:30", "Sa 09:00-12:00"],
    "price_range": "££",
    "logo": "images/logo.png",
    "same_as": [
        "https://www.linkedin.com/company/harbour-heating-bristol/",
        "https://mastodon.social/@harbourheating",
    ],
    "call_to_action": {"text": "Book a free survey", "url": "contact/"},
    "accreditations": [
        {
            "name": "Gas Safe Register",
            "number": "512345",
            "url": "https://www.gassaferegister.co.uk/",
        },
        {
            "name": "MCS certified installer",
            "number": "NAP-51234",
            "url": "https://mcscertified.com/",
        },
    ],
}
# Being found: the codes Google Search Console and Bing Webmaster Tools give
# (meta tags on the home page), and a robots.txt that lets search and answer
# engines read but not training-only crawlers (docs/seo.md says what each
# policy costs).
PULLMARKETING_VERIFICATION = {
    "google": "harbour-heating-demo-google-code",
    "bing": "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
}
PULLMARKETING_ROBOTS = "search-only"

# --- theme: the bundled pullmarketing theme (THEME above); see
# themes/pullmarketing/README.md. It reads Pelican's common theme settings:
# the logo in the header (an SVG, sharp at any size; the PNG above is for
# search engines) and the firm's profiles in the footer (each link with
# rel="me", which verifies the Mastodon profile).
SITELOGO = "images/logo.svg"
SITELOGO_SIZE = 44
SOCIAL = (
    ("Mastodon", "https://mastodon.social/@harbourheating"),
    ("LinkedIn", "https://www.linkedin.com/company/harbour-heating-bristol/"),
)
SOCIAL_WIDGET_NAME = "Follow us"
# The author box under each article:
PULLMARKETING_AUTHORS = {
    "Harbour Heating": {
        "role": "Gas Safe registered and MCS-certified heating engineers, Bristol",
        "bio": "Eleven engineers and plumbers in St Philips, servicing, repairing and "
        "fitting boilers and heat pumps across Bristol since 1998.",
    },
}

# --- white-paper gates: pages/heat-pump-guide.md offers papers/heat-pump-guide.pdf
# for an email address. `pullmarketing gates list --settings publishconf.py`
# prints the thank-you URL. For stable download URLs set the secret in the
# environment (a GitHub Actions secret), never in this file:
#   export PULLMARKETING_GATE_SECRET=...
PULLMARKETING_GATE = {
    "provider": "formspree",
    "form_id": "xwpkqzvo",
    "delivery": "page",
}
PULLMARKETING_PRIVACY_URL = "privacy/"

# --- cross-posting
# Articles opt in with `Crosspost: devto, mastodon` (or `all`). Every build
# writes output/crosspost/manifest.json; `pullmarketing crosspost publish
# --settings publishconf.py` posts what is new (tokens from the environment) and
# records it in content/crosspost-state.json (commit that file).
PULLMARKETING_CROSSPOST_TARGETS = {
    "devto": {"tags": ["heating"], "series": "Home heating explained"},
    "hashnode": {"publication_id": "65f0c0ffee0000000000beef", "tags": ["heating"]},
    "medium": {"tags": ["Heating", "Home Improvement"]},
    "mastodon": {
        "instance": "https://mastodon.social",
        "tags": ["Bristol"],
        "template": "{title}\n\n{summary}\n\n{url}\n\n{tags}",
    },
    "bluesky": {"template": "{title}: {summary}\n\n{url}", "language": "en"},
    "linkedin": {
        "author": "urn:li:organization:1234567",
        "template": "{title}\n\n{summary}\n\nRead the guide: {url}\n\n{tags}",
    },
    "x": {"template": "{title} {url} {tags}", "tags": ["Bristol"]},
}
PULLMARKETING_CROSSPOST_DEFAULT = ["none"]  # opt-in, article by article
PULLMARKETING_CROSSPOST_UTM = {
    "utm_source": "{target}",
    "utm_medium": "syndication",
    "utm_campaign": "crosspost",
}

# --- conversation: `pullmarketing conversation fetch --settings publishconf.py`
# (the scheduled workflow written by `pullmarketing conversation workflow`)
# brings the replies, likes and reposts of every copy and the webmentions
# into content/conversation.json (commit it); articles show them, and
# `pullmarketing conversation review` lists the replies still waiting for an
# answer. A spammer's replies stay in the file but not on the site:
PULLMARKETING_CONVERSATION_HIDE = ["https://boilerdeals.example/@cheapboilers"]
PULLMARKETING_WEBMENTION_ENDPOINT = (
    "https://webmention.io/harbourheating.example/webmention"
)
