"""Build a Pelican site into a folder and serve it on 127.0.0.1.

The server is bound before the build so the site can be built with its real
address as SITEURL (absolute canonical, feed and sitemap URLs then point at
the server, and the link checks can follow them).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "sample_site"

# Text types worth compressing, as any real host (GitHub Pages, Netlify) does.
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/feed+json",
    "image/svg+xml",
    "application/javascript",
    "application/manifest+json",
)


class BuildError(Exception):
    """Pelican failed; the message carries its output."""


@dataclass
class Build:
    output: Path
    siteurl: str
    log: str


def build_site(
    output: Path,
    siteurl: str,
    *,
    site_dir: Path = SAMPLE_SITE,
    settings: str = "publishconf.py",
) -> Build:
    """Run ``pelican content -s SETTINGS -o OUTPUT`` in ``site_dir`` with SITEURL set.

    A separate process, so the plugin's signal receivers and module state
    never leak between builds (the determinism check builds twice).
    """
    # Random hash seeds per build, so the determinism check catches set order.
    # Wide columns: Pelican logs through rich, which wraps at 80 in a pipe.
    env = dict(os.environ, SITEURL=siteurl, PYTHONHASHSEED="random", COLUMNS="200")
    cmd = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-s",
        settings,
        "-o",
        str(output),
    ]
    proc = subprocess.run(
        cmd, cwd=site_dir, env=env, capture_output=True, text=True, check=False
    )
    log = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise BuildError(
            f"pelican exited {proc.returncode} building {site_dir} with {settings}:\n{log}"
        )
    return Build(output=Path(output), siteurl=siteurl, log=log)


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    """``--site`` and ``--settings``: which site ``build_site`` builds."""
    parser.add_argument(
        "--site",
        type=Path,
        default=SAMPLE_SITE,
        help="site folder (default: sample_site)",
    )
    parser.add_argument(
        "--settings", default="publishconf.py", help="settings file in the site folder"
    )


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files like a real host: index.html for folders, 404.html with 404,
    gzip for text when the client accepts it, feed MIME types."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".atom": "application/atom+xml",
        ".rss": "application/rss+xml",
        ".xml": "application/xml",
        ".json": "application/json",
        ".opml": "text/x-opml",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
        ".js": "application/javascript",
    }

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        body = self._respond()
        if body is not None:
            self.wfile.write(body)

    def do_HEAD(self):
        self._respond()

    def _respond(self) -> bytes | None:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                # Same redirect as SimpleHTTPRequestHandler for folder URLs.
                f = self.send_head()
                if f is not None:
                    f.close()
                return None
            path = os.path.join(path, "index.html")
        status = 200
        if not os.path.isfile(path):
            status, path = 404, os.path.join(self.directory, "404.html")
            if not os.path.isfile(path):
                self.send_error(404)
                return None
        raw = Path(path).read_bytes()
        ctype = self.guess_type(path)
        body = raw
        self.send_response(status)
        self.send_header("Content-Type", _with_charset(ctype))
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(
            COMPRESSIBLE
        ):
            body = gzip.compress(raw, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return body


def _with_charset(ctype: str) -> str:
    if ctype.startswith("text/") or ctype.endswith(
        ("+xml", "/json", "/xml", "javascript")
    ):
        return f"{ctype}; charset=utf-8"
    return ctype


class SiteServer:
    """A threaded static server for ``folder`` on 127.0.0.1 (port 0: any free port).

    Usable as a context manager; ``url`` is ``http://127.0.0.1:PORT`` (no slash).
    The folder may be created or replaced after the server starts.
    """

    def __init__(self, folder: Path, port: int = 0):
        self.folder = Path(folder)
        handler = functools.partial(_StaticHandler, directory=str(self.folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
