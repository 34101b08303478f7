"""The scheduled GitHub Actions workflow of the conversation: fetch, send
webmentions, commit the files that changed, and rebuild the site by
dispatching the deploy workflow (a push made with the workflow's own token
starts no other workflow; a ``workflow_dispatch`` does)."""

from __future__ import annotations

import os
from dataclasses import dataclass

NAME = "conversation.yml"
MARK = "Written by `pullmarketing conversation workflow`"

WORKFLOW = """# Every six hours: fetch the replies, likes and reposts of every copy of the
# articles and the webmentions they received, send webmentions for new
# links, commit what changed and rebuild the site.
# Written by `pullmarketing conversation workflow`. See docs/conversation.md.
name: Conversation

on:
  schedule:
    - cron: "17 */6 * * *"
  workflow_dispatch:

permissions:
  contents: write
  actions: write
  pages: read

concurrency:
  group: conversation
  cancel-in-progress: false

jobs:
  fetch:
    runs-on: ubuntu-latest
    timeout-minutes: 30
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
      - name: Fetch the conversation
        id: fetch
        continue-on-error: true
        run: pullmarketing conversation fetch --settings {publish}
        env:
          # The published address, as the deploy workflow builds with it.
          SITEURL: ${{{{ steps.pages.outputs.base_url }}}}
          # Optional: more than 60 Mastodon replies, webmention.io by domain.
          MASTODON_ACCESS_TOKEN: ${{{{ secrets.MASTODON_ACCESS_TOKEN }}}}
          WEBMENTION_IO_TOKEN: ${{{{ secrets.WEBMENTION_IO_TOKEN }}}}
      - name: Send webmentions
        id: send
        continue-on-error: true
        run: pullmarketing conversation send --settings {publish}
        env:
          SITEURL: ${{{{ steps.pages.outputs.base_url }}}}
      - name: Commit the files that changed
        id: commit
        run: |
          for file in {files}; do
            if [ -f "$file" ]; then git add -- "$file"; fi
          done
          if git diff --cached --quiet; then
            echo "changed=false" >> "$GITHUB_OUTPUT"
          else
            git config user.name "github-actions[bot]"
            git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
            git commit -m "Conversation: replies and reactions fetched"
            git push
            echo "changed=true" >> "$GITHUB_OUTPUT"
          fi
      - name: Rebuild the site
        if: steps.commit.outputs.changed == 'true'
        run: gh workflow run {deploy} --ref "$GITHUB_REF_NAME"
        env:
          GH_TOKEN: ${{{{ github.token }}}}
      - name: Say which step failed
        if: steps.fetch.outcome == 'failure' || steps.send.outcome == 'failure'
        run: |
          echo "::error::fetch: ${{{{ steps.fetch.outcome }}}}, send: ${{{{ steps.send.outcome }}}} (the log names the platform; what was stored is kept)"
          exit 1
"""


@dataclass(frozen=True)
class WorkflowPlan:
    path: str  # where the file goes
    text: str


def render(
    *,
    publish: str,
    files: list[str],
    deploy: str = "pages.yml",
    subfolder: str = "",
) -> str:
    """The workflow's text. ``files`` are the committed files the run may
    change, relative to the blog's folder; ``subfolder`` is the blog's
    folder in the repository ("" at its root)."""
    defaults = (
        f"    defaults:\n      run:\n        working-directory: {subfolder}\n"
        if subfolder
        else ""
    )
    return WORKFLOW.format(
        defaults=defaults,
        publish=publish,
        files=" ".join(_shell_word(f) for f in files),
        deploy=deploy,
    )


def _shell_word(value: str) -> str:
    safe = all(c.isalnum() or c in "._-/" for c in value)
    return value if safe else "'" + value.replace("'", "'\\''") + "'"


def plan(blog: str, site: dict, publish: str, deploy: str) -> WorkflowPlan:
    """The workflow for the blog at ``blog`` with settings ``site``."""
    from ..blog import deploy as deployers

    repo = deployers.repository_root(blog) or blog
    rel_blog = os.path.relpath(blog, repo)
    subfolder = "" if rel_blog == os.curdir else rel_blog.replace(os.sep, "/")
    files = [
        os.path.relpath(site[name], blog).replace(os.sep, "/")
        for name in (
            "PULLMARKETING_CONVERSATION_FILE",
            "PULLMARKETING_WEBMENTION_STATE",
        )
        if site.get(name)
    ]
    text = render(
        publish=os.path.relpath(publish, blog).replace(os.sep, "/"),
        files=files,
        deploy=deploy,
        subfolder=subfolder,
    )
    return WorkflowPlan(os.path.join(deployers.workflows_folder(repo), NAME), text)
