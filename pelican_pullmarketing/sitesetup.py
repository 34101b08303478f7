"""Site-level commands: ``pullmarketing init`` (add the plugin to an existing
Pelican blog and its GitHub Pages workflow) and ``pullmarketing check``
(validate settings and metadata without building). ``load_site`` is the one
way every sub-command reads a site's settings."""

from __future__ import annotations

import logging
import os
import sys

import click

from . import build, core, settings
from .blog import init as init_plan
from .blog import pins
from .blog.settings_files import default_settings_file
from .errors import PullMarketingError
from .files import write_atomic


@click.command("init")
@click.argument("site_dir", default=".", type=click.Path(file_okay=False))
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(dir_okay=False),
    help="The blog's settings file [default: pelicanconf.py, else the file its "
    "Makefile's CONFFILE or tasks.py's SETTINGS_FILE_BASE names].",
)
@click.option(
    "--dry-run", is_flag=True, help="Print the diff of every file; write nothing."
)
@click.option(
    "--bundled-theme",
    is_flag=True,
    help="Switch the blog to the package's theme (by default its own is kept).",
)
@click.option(
    "--keep-theme",
    is_flag=True,
    help="Keep the blog's theme: the default; accepted for compatibility.",
)
@click.option(
    "--requirement",
    default=init_plan.DEFAULT_REQUIREMENT,
    show_default=True,
    help="How requirements.txt names this package: the PyPI name, or any pip "
    "requirement such as 'pelican-pullmarketing @ git+https://github.com/OWNER/REPO'.",
)
@click.option(
    "--upgrade-pins",
    is_flag=True,
    help="Update requirements.txt pins that cannot install with this package.",
)
@click.option(
    "--add-workflow",
    is_flag=True,
    help="Write the GitHub Pages workflow even though the blog already deploys "
    "another way (then retire the other deployer).",
)
def init_command(
    site_dir: str,
    settings_file: str | None,
    dry_run: bool,
    bundled_theme: bool,
    keep_theme: bool,
    requirement: str,
    upgrade_pins: bool,
    add_workflow: bool,
) -> None:
    """Add pelican-pullmarketing to an existing Pelican blog in SITE_DIR.

    Edits only a marked block of the settings and publishing settings files
    (running it again changes nothing), adds the package to requirements.txt
    and, when the blog has no deployer yet, writes .github/workflows/pages.yml
    for GitHub Pages on the repository's default branch. The blog's theme is
    kept. Stops, writing nothing, while requirements.txt pins versions that
    cannot install with this package (--upgrade-pins updates them).
    """
    if bundled_theme and keep_theme:
        raise click.UsageError("--bundled-theme and --keep-theme contradict each other")
    options = init_plan.Options(
        settings=settings_file,
        bundled_theme=bundled_theme,
        requirement=requirement,
        upgrade_pins=upgrade_pins,
        add_workflow=add_workflow,
    )
    try:
        plan = init_plan.plan_init(site_dir, options)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    for note in plan.notes:
        click.echo(note)
    if bundled_theme:
        _refuse(
            "the bundled theme lacks templates the blog's content names:",
            bundled_theme_gaps(site_dir, settings_file),
            "nothing written; put those templates in a folder listed in "
            "THEME_TEMPLATES_OVERRIDES (a copy extending the theme's page.html "
            "will do), then run again",
        )
    _refuse(
        "these pins cannot install with pelican-pullmarketing:",
        plan.conflicts,
        "nothing written; run again with --upgrade-pins to update them",
    )
    _list_changes(plan, dry_run)
    if dry_run:
        click.echo("dry run: nothing written")
        return
    apply_changes(plan.changes)


def _refuse(heading: str, problems: list[str], advice: str) -> None:
    """Stop init, writing nothing, when ``problems`` is not empty."""
    if not problems:
        return
    click.echo(heading, err=True)
    for line in problems:
        click.echo(f"  - {line}", err=True)
    click.echo(advice, err=True)
    sys.exit(1)


def _list_changes(plan: init_plan.Plan, dry_run: bool) -> None:
    """One line per file init writes; with --dry-run, each change as a diff."""
    verbs = {"created": "create", "updated": "update", "unchanged": "unchanged"}
    for ch in plan.changes:
        rel = os.path.relpath(ch.path, plan.folder)
        verb = verbs[ch.action] if dry_run else ch.action
        click.echo(f"{verb:9} {rel}")
    if dry_run:
        for ch in plan.changes:
            if ch.action != "unchanged":
                click.echo(ch.diff(plan.folder), nl=False)


def _uses_search_metadata(site: dict) -> bool:
    """Whether the site loads the search-metadata feature (PLUGINS unset:
    Pelican loads every namespace plugin, this package's included)."""
    plugins = site.get("PLUGINS")
    if plugins is None:
        return True
    names = {getattr(p, "__name__", p) for p in plugins}
    return bool(
        names
        & {
            "pelican_pullmarketing",
            "pelican_pullmarketing.seo",
            "pullmarketing",
            "pelican.plugins.pullmarketing",
        }
    )


def bundled_theme_gaps(site_dir: str, settings_file: str | None) -> list[str]:
    """The documents naming a template (``template: worklog``) that the
    bundled theme, with the blog's THEME_TEMPLATES_OVERRIDES, does not have."""
    import pelican_pullmarketing

    from .blog.settings_files import find_settings_files

    path = find_settings_files(site_dir, settings_file).base_path
    site = dict(
        load_site(path, validate=False), THEME=pelican_pullmarketing.theme_path()
    )
    return core.template_problems(read_documents(site))


def apply_changes(changes) -> None:
    for ch in changes:
        if ch.action == "unchanged":
            continue
        write_atomic(ch.path, ch.new_text)


# --- reading a site -----------------------------------------------------------


def load_site(settings_file: str | None, *, validate: bool = True) -> dict:
    """Pelican's settings of a site, validated: ``settings_file``, or the one
    the current folder's blog uses (``pelicanconf.py``, else the file its
    Makefile or tasks.py names). Raises ``PullMarketingError`` with the file
    named on any problem."""
    from pelican.settings import read_settings

    path = settings_file or default_settings_file()
    if not os.path.isfile(path):
        raise PullMarketingError(
            "settings file not found",
            file=path,
            expected="a Pelican settings file such as pelicanconf.py (--settings)",
        )
    folder = os.path.dirname(os.path.abspath(path))
    if folder not in sys.path:
        sys.path.insert(0, folder)  # publishconf.py does `from pelicanconf import *`
    try:
        site = read_settings(path)
    except Exception as exc:  # a settings file is Python: any error can happen
        raise PullMarketingError(
            f"cannot read settings: {exc.__class__.__name__}: {exc}", file=path
        ) from None
    # Pelican leaves these relative to the folder it runs in: the blog's.
    site["THEME_TEMPLATES_OVERRIDES"] = [
        os.path.join(folder, p) for p in site.get("THEME_TEMPLATES_OVERRIDES") or ()
    ]
    if validate:
        settings.validate(site, source=path)
    return site


# Names under which PLUGINS may list this package or its features.
_OUR_PLUGINS = (
    "pelican_pullmarketing",
    "pelican.plugins.pullmarketing",
    "pullmarketing",
)


def _is_ours(plugin) -> bool:
    name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "")
    return any(name == p or name.startswith(p + ".") for p in _OUR_PLUGINS)


def our_plugins(site: dict) -> list:
    """The entries of the site's PLUGINS that are this package or its
    features (all of it when PLUGINS is unset, as Pelican would load it)."""
    listed = site.get("PLUGINS")
    if listed is None:
        return ["pelican_pullmarketing"]
    return [p for p in listed if _is_ours(p)]


def read_documents(site: dict) -> list:
    """Read the site's articles and pages with Pelican's readers and return
    the generators; nothing is written. Only this package's own plugins are
    loaded: the blog's other plugins' receivers (which may download or write
    files) never run outside a build."""
    import tempfile

    from pelican.generators import ArticlesGenerator, PagesGenerator

    from pelican import Pelican

    site = dict(site, PLUGINS=our_plugins(site))
    pelican = Pelican(site)
    context = site.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=site.get("SITEURL", ""),
    )
    generators = []
    with tempfile.TemporaryDirectory() as out:
        for cls in (ArticlesGenerator, PagesGenerator):
            gen = cls(
                context=context,
                settings=site,
                path=pelican.path,
                theme=pelican.theme,
                output_path=out,
            )
            gen.generate_context()
            generators.append(gen)
    return generators


def build_of(generators: list) -> build.Build | None:
    """The build ``read_documents`` started (None when the site loads none
    of our plugins)."""
    current = build.current()
    if (
        current is None
        or not generators
        or current.settings is not generators[0].settings
    ):
        return None
    return current


def settings_option(
    help: str = "Pelican settings file of the site [default: pelicanconf.py, "
    "else the file the blog's Makefile or tasks.py names].",
):
    """The ``--settings`` option every sub-command that reads a site shares;
    without it, ``load_site`` finds the blog's settings file."""
    return click.option(
        "--settings",
        "settings_file",
        default=None,
        type=click.Path(dir_okay=False),
        help=help,
    )


def pin_conflicts(settings_file: str) -> list[str]:
    """The lines of the blog's requirements.txt (beside its settings file)
    that cannot install with this package."""
    folder = os.path.dirname(os.path.abspath(settings_file))
    path = os.path.join(folder, "requirements.txt")
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    return [
        c.describe(path) + " (pullmarketing init --upgrade-pins updates it)"
        for c in pins.conflicts(lines, pins.package_needs())
    ]


@click.command("check")
@settings_option()
def check_command(settings_file: str | None) -> None:
    """Validate the pull-marketing settings and every document's metadata
    without building, and the pins of requirements.txt beside the settings
    file. Prints one line per problem; exit code 1 if any."""
    logging.getLogger("pelican").setLevel(logging.ERROR)
    path = settings_file or default_settings_file()
    try:
        site = load_site(path)
    except PullMarketingError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    generators = read_documents(site)
    problems = core.template_problems(generators)
    problems += core.document_problems(generators, build_of(generators))
    problems += pin_conflicts(path)
    for line in problems:
        click.echo(line)
    from .seo import neighbours

    # Other plugins that write what search metadata writes: notes, not problems.
    for neighbour in neighbours.find(site):
        click.echo(f"note: {neighbour}")
    if _uses_search_metadata(site):
        from .seo import status

        for line in status.found_lines(site):
            click.echo(f"seo: {line}")
    if problems:
        click.echo(f"{len(problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo(f"{path}: OK")
