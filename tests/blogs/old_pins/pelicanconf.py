AUTHOR = 'Tom Hughes'
SITENAME = 'Notes from the Allotment'
SITEURL = ""

PATH = "content"

TIMEZONE = 'Europe/London'

DEFAULT_LANG = 'en'

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Blogroll
LINKS = [
    ("RHS allotment advice", "https://www.rhs.org.uk/"),
    ("Pelican", "https://getpelican.com/"),
    ("Python.org", "https://www.python.org/"),
]

# Social widget
SOCIAL = [
    ("mastodon", "https://mastodon.social/@tomhughes"),
]

DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = 40

# Uncomment following line if you want document-relative URLs when developing
# RELATIVE_URLS = True
