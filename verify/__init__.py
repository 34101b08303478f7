"""Verification tooling: audit a built site with the validators the field trusts.

Each check is a plain function over an output folder (and, for the browser
checks, the URL it is served at) that returns a ``CheckResult``; ``audit.py``
builds the sample site, serves it on 127.0.0.1 and runs them all;
``screenshots.py`` renders the theme's README screenshots.
"""
