"""What ``pullmarketing init`` changes in a blog, worked out before anything
is written: a marked block in the settings files, the requirements file
(refused while its pins cannot install with this package, unless asked to
update them), and a GitHub Pages workflow on the repository's default branch
(only where the blog has no deployer yet, unless asked). ``Plan.notes`` says
what was found and chosen, one line each.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field

from packaging.utils import canonicalize_name

from . import deploy, pins
from .settings_files import SettingsFiles, find_settings_files

BEGIN = "# >>> pelican-pullmarketing >>>"
END = "# <<< pelican-pullmarketing <<<"

SETTINGS_BLOCK = """{begin}
# Added by `pullmarketing init`; re-running it rewrites only this block.
import pelican_pullmarketing  # noqa: E402

PLUGINS = [p for p in (globals().get("PLUGINS") or []) if p != "pelican_pullmarketing"]
PLUGINS.append("pelican_pullmarketing")
{theme}{end}
"""

PUBLISH_BLOCK = """{begin}
# Added by `pullmarketing init`: the GitHub Pages workflow passes the site's
# address (a project site lives under /REPO/) in the SITEURL environment variable.
import os  # noqa: E402

SITEURL = os.environ.get("SITEURL", SITEURL).rstrip("/")  # noqa: F405
RELATIVE_URLS = False
{end}
"""

NEW_PUBLISH_FILE = """# Settings for publishing; `pelican content -s {publish}`.
import os
import sys

sys.path.append(os.curdir)
from {module} import *  # noqa: E402,F403

SITEURL = ""
"""

WORKFLOW_NAME = "pages.yml"

WORKFLOW = """# Build the Pelican site and publish it on GitHub Pages.
# Written by `pullmarketing init`. Settings > Pages > Source: "GitHub Actions".
name: Deploy to GitHub Pages

on:
  push:
    branches: [{branch}]
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
    outputs:
      base_url: ${{{{ steps.pages.outputs.base_url }}}}
{defaults}    steps:
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
        run: pelican {content} --output output --settings {publish}
        env:
          # https://USER.github.io/REPO for a project site, your domain if set.
          SITEURL: ${{{{ steps.pages.outputs.base_url }}}}
          # Optional: stable secret download links for white-paper gates.
          PULLMARKETING_GATE_SECRET: ${{{{ secrets.PULLMARKETING_GATE_SECRET }}}}
          # Optional: the IndexNow key (`pullmarketing indexnow key` makes one).
          PULLMARKETING_INDEXNOW_KEY: ${{{{ secrets.PULLMARKETING_INDEXNOW_KEY }}}}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: {output}

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4

  # Once the site is live: tell Bing, Yandex and the other IndexNow engines
  # which pages changed. Does nothing until the PULLMARKETING_INDEXNOW_KEY
  # secret is set; the state of what was sent is kept in the Actions cache.
  indexnow:
    needs: [build, deploy]
    runs-on: ubuntu-latest
{defaults}    env:
      PULLMARKETING_INDEXNOW_KEY: ${{{{ secrets.PULLMARKETING_INDEXNOW_KEY }}}}
      SITEURL: ${{{{ needs.build.outputs.base_url }}}}
    steps:
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        uses: actions/checkout@v4
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        name: Install
        run: pip install -r requirements.txt
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        uses: actions/download-artifact@v4
        with:
          name: github-pages
          path: ${{{{ runner.temp }}}}/pages
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        name: Unpack the published site
        run: mkdir -p "$RUNNER_TEMP/site" && tar -xf "$RUNNER_TEMP/pages/artifact.tar" -C "$RUNNER_TEMP/site"
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        uses: actions/cache@v4
        with:
          path: ${{{{ runner.temp }}}}/indexnow-state.json
          key: indexnow-${{{{ github.run_id }}}}
          restore-keys: indexnow-
      - if: env.PULLMARKETING_INDEXNOW_KEY != ''
        name: Submit changed pages to IndexNow
        run: pullmarketing indexnow ping --output "$RUNNER_TEMP/site" --settings {publish} --state "$RUNNER_TEMP/indexnow-state.json"
"""

PELICAN_REQUIREMENT = "pelican[markdown]>=4.9"
# The PyPI name by default; `--requirement` takes any pip requirement, e.g.
# "pelican-pullmarketing @ git+https://github.com/OWNER/REPO" or a local path.
DEFAULT_REQUIREMENT = "pelican-pullmarketing>=0.1"


@dataclass
class Change:
    path: str
    action: str  # "created", "updated", "unchanged"
    new_text: str
    old_text: str | None

    def diff(self, folder: str) -> str:
        """A unified diff of the change, paths relative to ``folder``."""
        rel = os.path.relpath(self.path, folder)
        return "".join(
            difflib.unified_diff(
                (self.old_text or "").splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile="/dev/null" if self.old_text is None else f"a/{rel}",
                tofile=f"b/{rel}",
            )
        )


@dataclass
class Plan:
    folder: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Pins that cannot install with the package (init stops unless upgrading).
    conflicts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Options:
    settings: str | None = None
    bundled_theme: bool = False
    requirement: str = DEFAULT_REQUIREMENT
    upgrade_pins: bool = False
    add_workflow: bool = False


def _read(path: str) -> str | None:
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def with_block(text: str, block: str) -> str:
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


def _outside_block(text: str) -> str:
    return re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), "", text, flags=re.S)


def _assigned(text: str, name: str) -> str | None:
    """The right-hand side of ``NAME = ...`` at the top level of a settings
    file (outside our block), or None."""
    match = re.search(rf"^{name}\s*=\s*(.+)$", _outside_block(text), re.M)
    return match.group(1).strip() if match else None


def content_folder(settings_text: str) -> str:
    match = re.search(r"^PATH\s*=\s*['\"]([^'\"]+)['\"]", settings_text, re.M)
    return match.group(1) if match else "content"


def _record(plan: Plan, path: str, new: str) -> None:
    old = _read(path)
    action = "created" if old is None else ("unchanged" if old == new else "updated")
    plan.changes.append(Change(path, action, new, old))


def namespace_plugins() -> list[str]:
    """Pelican namespace plugins installed here, other than this package
    (found by name, not imported)."""
    import pkgutil

    import pelican.plugins

    return sorted(
        m.name
        for m in pkgutil.iter_modules(pelican.plugins.__path__, "pelican.plugins.")
        if m.ispkg and m.name != "pelican.plugins.pullmarketing"
    )


def _plan_settings(plan: Plan, files: SettingsFiles, options: Options) -> str:
    text = _read(files.base_path) or ""
    theme = _assigned(text, "THEME")
    theme = theme.strip("'\"") if theme else None
    if options.bundled_theme:
        theme_line = "THEME = pelican_pullmarketing.theme_path()\n"
        plan.notes.append(
            f"theme: the bundled theme replaces {theme or 'Pelican default'}"
            " (--bundled-theme)"
        )
    else:
        theme_line = ""
        plan.notes.append(
            f"theme: kept ({theme or 'Pelican default'}); "
            "--bundled-theme switches to the package's theme"
        )
    if _assigned(text, "PLUGINS") is None:
        others = ", ".join(namespace_plugins()) or "none"
        plan.notes.append(
            f"plugins: PLUGINS was unset in {files.base}, so Pelican loaded every "
            "installed namespace plugin; now it lists pelican_pullmarketing only: "
            f"add those the blog uses (installed here: {others})"
        )
    block = SETTINGS_BLOCK.format(begin=BEGIN, end=END, theme=theme_line)
    _record(plan, files.base_path, with_block(text, block))
    publish = _read(files.publish_path)
    if publish is None:
        publish = NEW_PUBLISH_FILE.format(
            publish=files.publish, module=files.base_module
        )
    _record(
        plan,
        files.publish_path,
        with_block(publish, PUBLISH_BLOCK.format(begin=BEGIN, end=END)),
    )
    return text


def _requirement_key(line: str) -> str | None:
    req = pins.parse_line(line)
    if req is not None:
        return canonicalize_name(req.name)
    # `name @ url` lines parse; bare URLs and paths do not: match by text.
    return None


def _plan_requirements(plan: Plan, folder: str, options: Options) -> None:
    path = os.path.join(folder, "requirements.txt")
    old = _read(path)
    lines = old.splitlines() if old else []
    found = pins.conflicts(lines, pins.package_needs())
    rel = os.path.relpath(path, folder)
    if found and not options.upgrade_pins:
        plan.conflicts += [c.describe(rel) for c in found]
    for conflict in found:
        new = pins.upgraded(conflict)
        if options.upgrade_pins:
            plan.notes.append(f"pins: {rel}: {conflict.line.strip()} -> {new}")
        lines[conflict.line_number - 1] = new
    names = {_requirement_key(line) for line in lines}
    for wanted in (PELICAN_REQUIREMENT, options.requirement):
        key = _requirement_key(wanted)
        if key is None:
            if wanted.strip() not in (line.strip() for line in lines):
                lines.append(wanted)
        elif key not in names:
            lines.append(wanted)
            names.add(key)
    _record(plan, path, "\n".join(lines) + "\n")


def _plan_workflow(
    plan: Plan, files: SettingsFiles, settings_text: str, options: Options
) -> None:
    folder = files.folder
    repo = deploy.repository_root(folder) or folder
    branch, source = deploy.default_branch(folder)
    target = os.path.join(deploy.workflows_folder(repo), WORKFLOW_NAME)
    rel_target = os.path.relpath(target, folder)
    found = deploy.find_deployers(repo, folder)
    ours = os.path.exists(target) and deploy.OUR_MARK in (_read(target) or "")
    if found:
        plan.notes.append("deploy: found " + "; ".join(d.describe() for d in found))
        if not options.add_workflow and not ours:
            plan.notes.append(
                f"deploy: no workflow added, so the blog keeps one deployer "
                f"(--add-workflow writes {rel_target}, deploying on pushes to "
                f"{branch}; then retire the other)"
            )
            return
    blog_in_repo = os.path.relpath(folder, repo)
    subfolder = "" if blog_in_repo == os.curdir else blog_in_repo.replace(os.sep, "/")
    defaults = (
        f"    defaults:\n      run:\n        working-directory: {subfolder}\n"
        if subfolder
        else ""
    )
    text = WORKFLOW.format(
        branch=branch,
        defaults=defaults,
        content=content_folder(settings_text),
        publish=files.publish.replace(os.sep, "/"),
        output=f"{subfolder}/output" if subfolder else "output",
    )
    plan.notes.append(f"deploy: {rel_target} deploys on pushes to {branch} ({source})")
    _record(plan, target, text)


def plan_init(folder: str, options: Options | None = None) -> Plan:
    """What ``init`` would write in the blog at ``folder``, without writing it.
    Raises ``PullMarketingError`` when no settings file is found."""
    options = options or Options()
    files = find_settings_files(folder, options.settings)
    plan = Plan(files.folder)
    named = f" (named by {files.source})" if files.source else ""
    plan.notes.append(f"settings: {files.base}{named}; publishing: {files.publish}")
    settings_text = _plan_settings(plan, files, options)
    _plan_requirements(plan, files.folder, options)
    _plan_workflow(plan, files, settings_text, options)
    return plan
