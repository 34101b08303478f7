"""Site-level commands: ``pullmarketing init`` (add the plugin to an existing
Pelican blog and its GitHub Pages workflow) and ``pullmarketing check``
(validate settings and metadata without building). ``load_site`` is the one
way every sub-command reads a site's settings."""

from __future__ import annotations

import logging
import os
import re
import sys
from dataclasses import dataclass

import click

from . import core, settings
from .errors import PullMarketingError
from .files import write_atomic

BEGIN = "# >>> pelican-pullmarketing >>>"
END = "# <<< pelican-pullmarketing <<<"

PELICANCONF_BLOCK = """{begin}
# Added by `pullmarketing init`; re-running it rewrites only this block.
import pelican_pullmarketing  # noqa: E402

PLUGINS = [p for p in (globals().get("PLUGINS") or []) if p != "pelican_pullmarketing"]
PLUGINS.append("pelican_pullmarketing")
{theme}{end}
"""

PUBLISHCONF_BLOCK = """{begin}
# Added by `pullmarketing init`: the GitHub Pages workflow passes the site's
# address (a project site lives under /REPO/) in the SITEURL environment variable.
import os  # noqa: E402

SITEURL = os.environ.get("SITEURL", SITEURL).rstrip("/")  # noqa: F405
RELATIVE_URLS = False
{end}
"""

WORKFLOW = """# Build the Pelican site and publish it on GitHub Pages.
# Written by `pullmarketing init`. Settings > Pages > Source: "GitHub Actions".
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install
        run: pip install -r requirements.txt
      - name: Build
        run: pelican {content} --output output --settings publishconf.py
        env:
          # https://USER.github.io/REPO for a project site, your domain if set.
          SITEURL: ${{{{ steps.pages.outputs.base_url }}}}
          # Optional: stable secret download links for white-paper gates.
          PULLMARKETING_GATE_SECRET: ${{{{ secrets.PULLMARKETING_GATE_SECRET }}}}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: output

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

PELICAN_REQUIREMENT = "pelican[markdown]>=4.9"
# Until the package is on PyPI, point at its repository instead, e.g.
# `--requirement "pelican-pullmarketing @ git+https://github.com/OWNER/REPO"`.
DEFAULT_REQUIREMENT = "pelican-pullmarketing>=0.1"


def _requirement_name(line: str) -> str:
    return re.split(r"[\[<>=!~;@ ]", line.strip(), maxsplit=1)[0].lower()


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@dataclass
class Change:
    path: str
    action: str  # "created", "updated", "unchanged"
    new_text: str
    old_text: str | None


def _with_block(text: str, block: str) -> str:
    """``text`` with our marked block replaced, or appended when absent."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if pattern.search(text):
        return pattern.sub(lambda _m: block, text, count=1)
    sep = (
        ""
        if not text or text.endswith("\n\n")
        else ("\n" if text.endswith("\n") else "\n\n")
    )
    return text + sep + block


def _content_dir(pelicanconf_text: str) -> str:
    match = re.search(r"^PATH\s*=\s*['\"]([^'\"]+)['\"]", pelicanconf_text, re.M)
    return match.group(1) if match else "content"


def plan_init(
    site_dir: str, *, theme: bool = True, requirement: str = DEFAULT_REQUIREMENT
) -> list[Change]:
    """What ``init`` would write in ``site_dir``, without writing it."""
    conf = os.path.join(site_dir, "pelicanconf.py")
    if not os.path.isfile(conf):
        raise PullMarketingError(
            "no pelicanconf.py here",
            file=site_dir,
            expected="a Pelican site folder (made by pelican-quickstart)",
        )
    changes: list[Change] = []

    def change(path: str, new: str) -> None:
        old = _read(path) if os.path.exists(path) else None
        action = (
            "created" if old is None else ("unchanged" if old == new else "updated")
        )
        changes.append(Change(path, action, new, old))

    conf_text = _read(conf)
    theme_line = "THEME = pelican_pullmarketing.theme_path()\n" if theme else ""
    change(
        conf,
        _with_block(
            conf_text, PELICANCONF_BLOCK.format(begin=BEGIN, end=END, theme=theme_line)
        ),
    )

    publish = os.path.join(site_dir, "publishconf.py")
    if os.path.exists(publish):
        publish_text = _read(publish)
    else:
        publish_text = (
            "# Settings for publishing; `pelican content -s publishconf.py`.\n"
            "import os\nimport sys\n\nsys.path.append(os.curdir)\n"
            "from pelicanconf import *  # noqa: E402,F403\n\n"
            'SITEURL = ""\n'
        )
    change(
        publish,
        _with_block(publish_text, PUBLISHCONF_BLOCK.format(begin=BEGIN, end=END)),
    )

    req = os.path.join(site_dir, "requirements.txt")
    lines = _read(req).splitlines() if os.path.exists(req) else []
    names = {_requirement_name(line) for line in lines if line.strip()}
    for wanted in (PELICAN_REQUIREMENT, requirement):
        if _requirement_name(wanted) not in names:
            lines.append(wanted)
    change(req, "\n".join(lines) + "\n")

    workflow = os.path.join(site_dir, ".github", "workflows", "pages.yml")
    change(workflow, WORKFLOW.format(content=_content_dir(conf_text)))
    return changes


def apply_changes(changes: list[Change]) -> None:
    for ch in changes:
        if ch.action == "unchanged":
            continue
        write_atomic(ch.path, ch.new_text)


@click.command("init")
@click.argument("site_dir", default=".", type=click.Path(file_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--keep-theme",
    is_flag=True,
    help="Keep the site's theme instead of the bundled one.",
)
@click.option(
    "--requirement",
    default=DEFAULT_REQUIREMENT,
    show_default=True,
    help="How requirements.txt names this package (a PyPI version or a "
    "'pelican-pullmarketing @ git+https://...' URL).",
)
def init_command(
    site_dir: str, dry_run: bool, keep_theme: bool, requirement: str
) -> None:
    """Add pelican-pullmarketing to an existing Pelican blog in SITE_DIR.

    Edits pelicanconf.py and publishconf.py (only a marked block, so running it
    again changes nothing), adds requirements.txt entries and writes
    .github/workflows/pages.yml for GitHub Pages.
    """
    try:
        changes = plan_init(site_dir, theme=not keep_theme, requirement=requirement)
    except PullMarketingError as exc:
        raise click.ClickException(str(exc)) from None
    for ch in changes:
        rel = os.path.relpath(ch.path, site_dir)
        verb = (
            {"created": "create", "updated": "update", "unchanged": "unchanged"}[
                ch.action
            ]
            if dry_run
            else ch.action
        )
        click.echo(f"{verb:9} {rel}")
    if dry_run:
        click.echo("dry run: nothing written")
        return
    apply_changes(changes)


# --- reading a site -----------------------------------------------------------


def load_site(settings_file: str | None, *, validate: bool = True) -> dict:
    """Pelican's settings of a site (``pelicanconf.py`` by default), validated.
    Raises ``PullMarketingError`` with the file named on any problem."""
    from pelican.settings import read_settings

    path = settings_file or "pelicanconf.py"
    if not os.path.isfile(path):
        raise PullMarketingError(
            "settings file not found",
            file=path,
            expected="a Pelican settings file such as pelicanconf.py",
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
    if validate:
        settings.validate(site, source=path)
    return site


def read_documents(site: dict) -> list:
    """Read the site's articles and pages as a build would (plugins' reading
    hooks included) and return the generators; nothing is written."""
    import tempfile

    from pelican.generators import ArticlesGenerator, PagesGenerator

    from pelican import Pelican

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


def settings_option(
    help: str = "Pelican settings file of the site.",
    default: str | None = "pelicanconf.py",
):
    """The ``--settings`` option every sub-command that reads a site shares;
    ``default=None`` lets a command run without a settings file."""
    return click.option(
        "--settings",
        "settings_file",
        default=default,
        show_default=True,
        type=click.Path(dir_okay=False),
        help=help,
    )


@click.command("check")
@settings_option()
def check_command(settings_file: str) -> None:
    """Validate the pull-marketing settings and every document's metadata
    without building. Prints one line per problem; exit code 1 if any."""
    logging.getLogger("pelican").setLevel(logging.ERROR)
    try:
        site = load_site(settings_file)
    except PullMarketingError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    problems = core.document_problems(read_documents(site), site)
    for line in problems:
        click.echo(line)
    if problems:
        click.echo(f"{len(problems)} problem(s) found", err=True)
        sys.exit(1)
    click.echo(f"{settings_file}: OK")
