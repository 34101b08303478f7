"""Site-verification meta tags of the search engines and platforms a site
owner proves ownership to (a GitHub project site cannot add DNS records or
files at its domain's root, so the meta tag is the way). Written on the home
page only, in any theme."""

from __future__ import annotations

import difflib

# Setting key -> the meta tag's name, as each engine's help page gives it.
ENGINES = {
    "google": "google-site-verification",  # Google Search Console
    "bing": "msvalidate.01",  # Bing Webmaster Tools
    "yandex": "yandex-verification",  # Yandex Webmaster
    "pinterest": "p:domain_verify",  # Pinterest claimed website
    "facebook_domain": "facebook-domain-verification",  # Meta Business domain
}


def check_verification(value):
    """The settings check of PULLMARKETING_VERIFICATION."""
    expected = (
        "a dict of engine -> the code the engine gives, engines among "
        + ", ".join(ENGINES)
    )
    if not isinstance(value, dict):
        raise ValueError(expected)
    for engine, code in value.items():
        if engine not in ENGINES:
            close = difflib.get_close_matches(str(engine), ENGINES, n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"{expected} (got {engine!r}{hint})")
        if not isinstance(code, str) or not code.strip():
            raise ValueError(
                f"{expected}; the code of {engine!r} must be a non-empty string"
            )
    return value
