"""`pullmarketing cards` sub-commands."""

from __future__ import annotations

import logging
import os

import click

from ..errors import PullMarketingError
from ..sitesetup import settings_option

# Titles that try a card's limits, for --samples: long, right-to-left,
# CJK, Greek, Cyrillic, emoji, empty.
SAMPLES = (
    (
        "sample: long title",
        "How we cut a family's heating bill by a third with a heat pump, new radiators, loft insulation and a smart thermostat, and what it cost them in the first winter after the work was done",
    ),
    ("sample: Greek", "Πώς μια αντλία θερμότητας μειώνει τον λογαριασμό θέρμανσης"),
    ("sample: Cyrillic", "Как тепловой насос снижает счёт за отопление"),
    ("sample: Hebrew", "כיצד משאבת חום חוסכת 30% בחשבון החימום"),
    ("sample: Arabic", "كيف تخفض مضخة الحرارة فاتورة التدفئة"),
    ("sample: Japanese", "ヒートポンプで暖房費を三分の一に減らす方法"),
    ("sample: emoji", "🔥 Five heating myths, busted 🚀"),
    ("sample: empty title", ""),
)


@click.group("cards")
def cards() -> None:
    """Share cards."""


def _under(doc, paths: list[str]) -> bool:
    source = os.path.abspath(getattr(doc, "source_path", "") or "")
    for path in paths:
        path = os.path.abspath(path)
        if source == path or source.startswith(os.path.join(path, "")):
            return True
    return False


@cards.command("preview")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@settings_option()
@click.option(
    "-o",
    "--output",
    default="share-cards-preview.png",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The contact sheet (PNG) to write.",
)
@click.option("--columns", default=3, show_default=True, type=click.IntRange(1, 12))
@click.option(
    "--samples",
    is_flag=True,
    help="Add cards for sample titles that try the limits (long, Greek, Cyrillic, Hebrew, Arabic, Japanese, emoji, empty).",
)
def preview(paths, settings_file, output, columns, samples) -> None:
    """Draw the share card of every article and page (or of those under
    PATHS) and write them on one contact sheet. Cards come from the build's
    cache when they are there, and go into it when drawn."""
    from .. import core
    from ..sitesetup import load_site, read_documents
    from . import build
    from .config import card_config
    from .sheet import contact_sheet

    logging.getLogger("pelican").setLevel(logging.ERROR)
    try:
        site = load_site(settings_file)
        config = card_config(site)
        state = build.start(dict(site, PULLMARKETING_SHARE_CARDS="all"), config)
        docs = list(core.documents(read_documents(site)))
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    except SystemExit as exc:  # a build stopped by a receiver (already logged)
        raise click.ClickException(str(exc)) from None
    # The 404 page gets no card in a build either.
    docs = [d for d in docs if getattr(d, "slug", None) != "404"]
    if paths:
        docs = [d for d in docs if _under(d, list(paths))]
    docs.sort(key=lambda d: getattr(d, "relative_source_path", "") or "")
    jobs = [
        (
            str(getattr(d, "relative_source_path", "") or d.source_path),
            build.raw_of_document(d),
        )
        for d in docs
    ]
    if samples:
        jobs += [
            (caption, (title, "Sample", "en", False)) for caption, title in SAMPLES
        ]
    if not jobs:
        raise click.ClickException(
            "no article or page to draw a card for (check PATHS and --settings)"
        )
    images = [(caption, build.card_bytes(state, raw, caption)) for caption, raw in jobs]
    data = contact_sheet(images, columns)
    build.write_bytes(output, data)
    click.echo(
        f"{output}: {len(images)} cards ({state.drawn} drawn, {len(images) - state.drawn} from the cache {state.cache_dir})"
    )
