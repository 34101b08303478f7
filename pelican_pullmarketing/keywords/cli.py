"""`pullmarketing keywords import` and `pullmarketing audit`."""

from __future__ import annotations

import json
import logging
import os
import sys

import click
from rich.console import Console
from rich.markup import escape

from ..console import make_console, print_table
from ..errors import BuildFailed, PullMarketingError
from ..files import write_atomic
from ..sitesetup import settings_option


def _console(err: bool = False) -> Console:
    return make_console(stderr=err)


def _site_settings(settings_file: str | None, content: str | None) -> dict:
    """The site's settings: from its settings file (``--settings``, or
    ``pelicanconf.py`` when present), else defaults with ``--content``."""
    from .. import settings as schema
    from ..blog.settings_files import default_settings_file
    from ..sitesetup import load_site

    if not settings_file and not content and os.path.isfile(default_settings_file()):
        settings_file = default_settings_file()
    if settings_file:
        site = load_site(settings_file, validate=False)
        if content:
            site["PATH"] = os.path.abspath(content)
        # The import may be what creates the keywords file the settings name.
        catalogue = site.pop("PULLMARKETING_KEYWORDS_FILE", None)
        schema.validate(site, source=settings_file, warn=False)
        if catalogue:
            site["PULLMARKETING_KEYWORDS_FILE"] = os.path.join(site["PATH"], catalogue)
        return site
    if not content:
        raise PullMarketingError(
            "no site to read",
            expected="--content DIR (the content folder) or --settings pelicanconf.py",
        )
    if not os.path.isdir(content):
        raise PullMarketingError("content folder not found", file=content)
    from pelican.settings import read_settings

    site = read_settings(path=None, override={"PATH": os.path.abspath(content)})
    schema.validate(site, warn=False)
    return site


def _read_documents(site: dict) -> list:
    """Every document as the build reads it. Keyword links are left out
    (an empty catalogue), so a half-edited keywords.csv cannot get in the way."""
    from ..sitesetup import read_documents

    logging.getLogger("pelican").setLevel(logging.ERROR)
    reading = dict(site)
    reading["PULLMARKETING_KEYWORDS"] = {}
    reading["PULLMARKETING_KEYWORDS_FILE"] = ""
    try:
        return read_documents(reading)
    except BuildFailed as exc:
        raise PullMarketingError(f"cannot read the site: {exc}") from None


@click.group("keywords")
def keywords() -> None:
    """Keyword catalogue commands."""


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


@keywords.command("import")
@click.argument(
    "exports", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False)
)
@settings_option(
    "Pelican settings of the site [default: pelicanconf.py, or the file the "
    "blog's Makefile or tasks.py names, when present]."
)
@click.option(
    "--content",
    type=click.Path(file_okay=False),
    help="Content folder to match phrases against (overrides PATH).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Keywords CSV to merge into (default: PULLMARKETING_KEYWORDS_FILE, "
    "keywords.csv in the content folder).",
)
@click.option(
    "--min-clicks", default=0.0, show_default=True, help="Ignore rarer phrases."
)
@click.option("--top", type=click.IntRange(min=1), help="Keep the N best phrases.")
@click.option(
    "--gaps",
    type=click.Path(dir_okay=False),
    help="Also write the content gap list as CSV (rows of `watch report --gaps` "
    "in the same file are kept).",
)
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    help="Write the catalogue even when some rows could not be read (they are listed).",
)
@click.option("--dry-run", is_flag=True, help="Show the result; write nothing.")
def import_command(
    exports,
    settings_file,
    content,
    output,
    min_clicks,
    top,
    gaps,
    skip_bad_rows,
    dry_run,
) -> None:
    """Turn ad and search exports into keyword links.

    Reads Google Ads search terms reports (CSV), Keyword Planner exports
    (UTF-16 TSV) and Search Console Queries.csv files (detected from their
    header), ranks the phrases by conversions, then clicks, then impressions,
    proposes an article or page for each (title, focus keywords, text) and
    merges them into the keywords CSV. Rows you edited are never changed.
    Phrases no page covers are listed as the content gap: your writing plan.
    """
    from .. import core
    from .imports import FORMAT_NAMES, combine, rank, read_export
    from .proposals import document_texts, merge, propose_targets

    out = _console()
    try:
        parsed = [read_export(path) for path in exports]
        site = _site_settings(settings_file, content)
        target_file = (
            output
            or site.get("PULLMARKETING_KEYWORDS_FILE")
            or os.path.join(site["PATH"], "keywords.csv")
        )
        docs = document_texts(core.documents(_read_documents(site)))
        terms = rank(combine(parsed), min_clicks=min_clicks, top=top)
        proposals = propose_targets(terms, docs)
        result = merge(target_file, proposals)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None

    _print_exports(out, parsed, FORMAT_NAMES)
    gap_list = _print_proposals(out, terms, proposals)
    _stop_on_bad_rows(
        [p for e in parsed for p in e.problems], target_file, skip_bad_rows
    )
    summary = (
        f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.kept_edited} kept as edited by hand"
    )
    if dry_run:
        out.print(f"\ndry run: {target_file} would get {summary}")
        return
    _write(target_file, result.to_csv())
    if gaps:
        _write_gaps(gaps, gap_list)
    out.print(f"\n{target_file}: {summary}")


def _print_exports(out: Console, parsed, format_names: dict) -> None:
    """One line per export read: its format, rows, phrases and what was
    skipped or unreadable."""
    for export in parsed:
        skipped = ", ".join(f"{n} {what}" for what, n in sorted(export.skipped.items()))
        out.print(
            f"{export.path}: {format_names[export.format]}, {export.rows} rows, "
            f"{len(export.terms)} phrases read"
            + (f"; skipped {skipped}" if skipped else "")
            + (f"; {len(export.problems)} unreadable" if export.problems else "")
        )


def _print_proposals(out: Console, terms, proposals) -> list:
    """The ranked phrases with their proposed targets, then the content gap
    (returned: the proposals without a target)."""
    print_table(
        out,
        f"{len(terms)} phrases, best first",
        ("#", "phrase", "conv.", "clicks", "impr.", "target"),
        (
            (
                str(i),
                escape(p.term.phrase),
                _num(p.term.conversions),
                _num(p.term.clicks),
                _num(p.term.impressions),
                p.target or "[bold]content gap[/bold]",
            )
            for i, p in enumerate(proposals, 1)
        ),
        right=("#", "conv.", "clicks", "impr."),
    )
    gap_list = [p for p in proposals if p.target is None]
    if gap_list:
        out.print(
            f"\n[bold]Content gap[/bold]: {len(gap_list)} phrases customers search "
            "for that no page answers yet (write these):"
        )
        for p in gap_list:
            out.print(
                f"  - {p.term.phrase} ({_num(p.term.clicks)} clicks, "
                f"{_num(p.term.conversions)} conv.)"
                + (f"  [dim]{p.reason}[/dim]" if p.reason else "")
            )
    return gap_list


def _stop_on_bad_rows(problems: list[str], target_file: str, skip: bool) -> None:
    """List the rows that could not be read; exit with status 1 (nothing
    written) unless they are to be skipped."""
    if not problems:
        return
    err = _console(err=True)
    err.print(f"\n{len(problems)} rows could not be read:")
    for line in problems:
        err.print(f"  - {line}", markup=False)
    if not skip:
        err.print(
            f"nothing written to {target_file}; fix the rows or pass --skip-bad-rows"
        )
        sys.exit(1)


def _write_gaps(path: str, gap_list) -> None:
    """The import's rows into the shared content-gap list (``gaps.py``): the
    rows another command wrote there (``watch report --gaps``) are kept."""
    from .gaps import IMPORT, write_gap_list

    try:
        write_gap_list(path, _gap_rows(gap_list), IMPORT)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None


def _gap_rows(gap_list) -> list[dict[str, str]]:
    """The import's rows of the shared content-gap list (``gaps.py``)."""
    from .gaps import SEPARATOR

    return [
        {
            "phrase": p.term.phrase,
            "conversions": _num(p.term.conversions),
            "clicks": _num(p.term.clicks),
            "impressions": _num(p.term.impressions),
            "closest": p.reason,
            "source": SEPARATOR.join(
                sorted(os.path.basename(s) for s in p.term.sources)
            ),
        }
        for p in gap_list
    ]


def _write(path: str, data: str) -> None:
    write_atomic(path, data, newline="")


@click.command("audit")
@settings_option()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--strict", is_flag=True, help="Exit with status 1 when anything is flagged."
)
def audit(settings_file: str, output_format: str, strict: bool) -> None:
    """Check every article and page against its focus keywords, and the
    keyword catalogue against the site: keyphrase placement and density,
    title and description length, word count, inbound keyword links and
    orphans, cannibalisation, unused and conflicting catalogue phrases."""
    from ..sitesetup import load_site, read_documents
    from .audit import audit_site, render_text

    logging.getLogger("pelican").setLevel(logging.ERROR)
    try:
        site = load_site(settings_file)
        try:
            generators = read_documents(site)
        except BuildFailed as exc:
            raise PullMarketingError(f"cannot read the site: {exc}") from None
        report = audit_site(generators, site)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    if output_format == "json":
        click.echo(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        render_text(report, _console())
    if strict and report["summary"]["flags"]:
        sys.exit(1)
