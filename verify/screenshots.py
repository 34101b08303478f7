"""`make screenshots`: screenshots of every key page, from a fresh sample-site build.

Builds ``sample_site`` with publishconf.py into a temporary folder, serves it
on 127.0.0.1 and renders home, an article, a topic hub, the subscribe page,
the gate landing page and its thank-you page at phone (390 px) and desktop
(1280 px) widths in light and dark schemes into
``build/screenshots/<page>-<width>-<scheme>.png`` (nothing tracked changes);
``--update`` writes them over the theme README's, in
``themes/pullmarketing/screenshots/``. PNGs are cut at a maximum height and
reduced to a 256-colour palette, which keeps each one small enough to commit.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from verify.browser import BrowserMissing, chromium, viewport
from verify.pages import key_pages, page_url
from verify.site import ROOT, BuildError, SiteServer, add_site_arguments, build_site

PAGES = ("home", "article", "hub", "subscribe", "gate", "thanks")
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
MAX_HEIGHT = {390: 2400, 1280: 1800}
DEFAULT_DEST = ROOT / "build" / "screenshots"
README_DEST = ROOT / "themes" / "pullmarketing" / "screenshots"


def optimise_png(png: bytes) -> bytes:
    """Palette PNG (256 colours, no dithering): a third of the size, text stays crisp."""
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=256, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue() if out.tell() < len(png) else png


def take_screenshots(
    browser, base_url: str, pages: dict[str, str], dest: Path
) -> list[Path]:
    """Write every page x width x scheme screenshot; return the files written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for width in WIDTHS:
        for scheme in SCHEMES:
            context = browser.new_context(color_scheme=scheme, **viewport(width))
            page = context.new_page()
            for name in PAGES:
                if name not in pages:
                    continue
                page.goto(base_url + page_url(pages[name]), wait_until="load")
                # Scroll through the page so lazy images load, then back up.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
                page.evaluate("window.scrollTo(0, 0)")
                height = page.evaluate("document.documentElement.scrollHeight")
                clip = {
                    "x": 0,
                    "y": 0,
                    "width": width,
                    "height": min(height, MAX_HEIGHT[width]),
                }
                png = page.screenshot(full_page=True, clip=clip, animations="disabled")
                path = dest / f"{name}-{width}-{scheme}.png"
                path.write_bytes(optimise_png(png))
                written.append(path)
            context.close()
    return written


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m verify.screenshots", description=__doc__.split("\n")[0]
    )
    add_site_arguments(parser)
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--dest",
        type=Path,
        default=DEFAULT_DEST,
        help="where the PNGs go (default: build/screenshots)",
    )
    where.add_argument(
        "--update",
        action="store_const",
        dest="dest",
        const=README_DEST,
        help="refresh the theme README's screenshots (themes/pullmarketing/screenshots)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)

    with tempfile.TemporaryDirectory(prefix="pm-shots-") as tmp:
        output = Path(tmp) / "output"
        with SiteServer(output) as server:
            try:
                build_site(
                    output, server.url, site_dir=args.site, settings=args.settings
                )
            except BuildError as exc:
                print(exc, file=sys.stderr)
                return 1
            pages = key_pages(output, server.url)
            try:
                with chromium() as browser:
                    written = take_screenshots(browser, server.url, pages, args.dest)
            except BrowserMissing as exc:
                print(exc, file=sys.stderr)
                return 1
    for path in written:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size / 1024:.0f} KB"
        )
    missing = [name for name in PAGES if name not in pages]
    if missing:
        print(
            "No screenshot of: "
            + ", ".join(missing)
            + " (page not found in the build: "
            "home is index.html, an article has og:type article or BlogPosting JSON-LD, "
            "a hub is topics/<slug>/index.html, the subscribe page is subscribe/, "
            "the gate landing page has a <form>, its thank-you page is noindex)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
