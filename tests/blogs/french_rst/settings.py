#!/usr/bin/env python
# Réglages du carnet (the Makefile's CONFFILE names this file).

AUTHOR = "Camille Martin"
SITENAME = "Carnet d'atelier"
SITESUBTITLE = "Bois, outils et petites réparations"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["billets"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

THEME = "theme/carnet"

# Un plugin maison : récupère les images distantes citées dans les billets.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["recuperer_images"]

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DISPLAY_PAGES_ON_MENU = False
MENUITEMS = (
    ("Accueil", "/"),
    ("Journal de bord", "/journal/"),
    ("À propos", "/about/"),
)

ARTICLE_URL = "{date:%Y}/{slug}.html"
ARTICLE_SAVE_AS = "{date:%Y}/{slug}.html"

# Liens relatifs pendant l'écriture : le site s'ouvre aussi depuis le disque.
RELATIVE_URLS = True
