# Settings of `make demo`: the site as publishconf.py publishes it, at the
# address the demo serves it on (http://127.0.0.1:8000, or the PORT given to
# make), so the sitemap, the feeds, the feed-reader buttons and the
# cross-posting links are all there and absolute.
import os
import sys

sys.path.append(os.curdir)
from publishconf import *  # noqa: E402,F403

SITEURL = f"http://127.0.0.1:{os.environ.get('DEMO_PORT', '8000')}"
# A published site keeps its gate secret in the environment (a GitHub Actions
# secret, see pelicanconf.py); the demo's thank-you URL needs only to be stable.
PULLMARKETING_GATE_SECRET = "demo-only-not-a-secret"
