"""Site-verification meta tags of the search engines and platforms a site
owner proves ownership to (a GitHub project site cannot add DNS records or
files at its domain's root, so the meta tag is the way). Written on the home
page only, in any theme; the setting's shape is
``settings.VERIFICATION``."""

from __future__ import annotations

# Setting key -> the meta tag's name, as each engine's help page gives it.
ENGINES = {
    "google": "google-site-verification",  # Google Search Console
    "bing": "msvalidate.01",  # Bing Webmaster Tools
    "yandex": "yandex-verification",  # Yandex Webmaster
    "pinterest": "p:domain_verify",  # Pinterest claimed website
    "facebook_domain": "facebook-domain-verification",  # Meta Business domain
}
