"""Download tokens: the unguessable folder name that holds a gated file and its
thank-you page.

With a secret the token is an HMAC of the file's path, so the URL the marketer
pasted into the provider's redirect setting survives every rebuild and every
edit of the file. Without a secret the only stable input we have that nobody
can guess from the site is the file itself, so the token is a hash of its bytes
and changes whenever the file changes.
"""

from __future__ import annotations

import hashlib
import hmac

# 128 bits: far beyond guessing, short enough for a URL.
TOKEN_BYTES = 16


def path_token(secret: str, relpath: str) -> str:
    """HMAC-SHA256(secret, path in the content folder), hex, 128 bits."""
    digest = hmac.new(
        secret.encode("utf-8"), relpath.encode("utf-8"), hashlib.sha256
    ).digest()
    return digest[:TOKEN_BYTES].hex()


def content_token(data: bytes) -> str:
    """SHA-256 of the file's bytes (domain-separated), hex, 128 bits."""
    digest = hashlib.sha256(b"pullmarketing-gate\0" + data).digest()
    return digest[:TOKEN_BYTES].hex()


def token_for(relpath: str, source_path: str, secret: str | None) -> str:
    if secret:
        return path_token(secret, relpath)
    with open(source_path, "rb") as fh:
        return content_token(fh.read())
