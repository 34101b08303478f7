# Settings for the published site: `pelican content -s publishconf.py`.
# On GitHub Pages the workflow passes the site's address in SITEURL
# (https://USER.github.io/REPO for a project site).
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://harbourheating.example").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Pelican writes feed links relative to SITEURL: only with an absolute SITEURL.
FEED_ALL_ATOM = "feeds/all.atom.xml"
