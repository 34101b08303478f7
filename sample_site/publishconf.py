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

# IndexNow (Bing, Yandex, Naver, Seznam, Yep): the build writes the key file;
# `pullmarketing indexnow ping --output output --settings publishconf.py`
# submits what changed after each deploy. A key is public (it is served at
# /<key>.txt); the workflow takes it from a repository secret of this name.
PULLMARKETING_INDEXNOW_KEY = os.environ.get(
    "PULLMARKETING_INDEXNOW_KEY", "5d1c0b3f9e8a47f2b6c4d2e1a0f9b8c7"
)
