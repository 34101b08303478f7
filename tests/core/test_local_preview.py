"""A blog owner's writing loop (`make html`, `make devserver`, `pelican
--autoreload --listen`): one warning per problem per build, nothing written
outside the output folder, so Pelican's watcher never rebuilds because of us."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pelican_pullmarketing.cli import main
from tests.blogs import BIN, build_blog, copy_blog

TOPICS = {"pipelines": {"title": "Pipelines", "categories": ["Pipelines"]}}
TARGETS = {"devto": {}, "mastodon": {"instance": "https://fosstodon.org"}}


def siteurl_warnings(records) -> list[str]:
    return [
        r.getMessage()
        for r in records
        if r.levelno >= logging.WARNING and "SITEURL" in r.getMessage()
    ]


def test_a_local_build_with_an_empty_siteurl_warns_once(site, caplog):
    site.article("a", category="Pipelines", crosspost="all")
    site.article("b", category="Pipelines")
    with caplog.at_level(logging.INFO):
        site.build(
            SITEURL="",
            PULLMARKETING_TOPICS=TOPICS,
            PULLMARKETING_CROSSPOST_TARGETS=TARGETS,
        )
    warnings = siteurl_warnings(caplog.records)
    assert len(warnings) == 1, warnings
    # The one line says what an empty SITEURL means for each feature.
    for words in ("canonical", "sitemap", "feed", "reader buttons", "cross-posting"):
        assert words in warnings[0], warnings[0]
    feed_ids = [r for r in caplog.records if "localhost" in r.getMessage()]
    assert all(r.levelno < logging.WARNING for r in feed_ids)


@pytest.fixture
def flex_blog(tmp_path) -> Path:
    blog = copy_blog("flex_seo", tmp_path)
    result = CliRunner().invoke(main, ["init", str(blog)])
    assert result.exit_code == 0, result.output
    conf = blog / "pelicanconf.py"
    conf.write_text(
        conf.read_text()
        + f"\nPULLMARKETING_TOPICS = {TOPICS!r}\n"
        + "PULLMARKETING_CROSSPOST_TARGETS = {'devto': {}}\n"
        + "PULLMARKETING_CROSSPOST_DEFAULT = ['all']\n"
        + "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
    )
    return blog


def mtimes_outside(blog: Path, output: Path) -> dict[str, int]:
    return {
        str(p): p.stat().st_mtime_ns
        for p in blog.rglob("*")
        if output not in p.parents and p != output and "__pycache__" not in p.parts
    }


def test_two_builds_touch_nothing_outside_the_output_folder(flex_blog):
    """Nothing but the share-card cache (.cache/, git-ignored), which the
    first build fills and the second leaves as it is."""
    output = flex_blog / "output"
    cache = flex_blog / ".cache"
    before = mtimes_outside(flex_blog, output)
    build_blog(flex_blog)
    after_first = mtimes_outside(flex_blog, output)
    assert {p for p in after_first if not p.startswith(str(cache))} == set(before)
    assert {p: t for p, t in after_first.items() if p in before} == before
    assert any(p.endswith(".png") for p in after_first if p.startswith(str(cache)))
    build_blog(flex_blog)
    assert mtimes_outside(flex_blog, output) == after_first
    assert (output / "crosspost" / "manifest.json").is_file()
    assert (output / "topics" / "pipelines" / "index.html").is_file()


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_autoreload_rebuilds_once_per_change_with_one_warning_each(tmp_path):
    """`pelican --autoreload` on the French blog (`make regenerate`): the first build, then exactly one
    rebuild for one edit (none caused by our own writes), and the plugin's
    warning printed once per build, not repeated by re-registration."""
    blog = copy_blog("french_rst", tmp_path)
    assert CliRunner().invoke(main, ["init", str(blog)]).exit_code == 0
    conf = blog / "settings.py"
    conf.write_text(
        conf.read_text()
        + f"\nPULLMARKETING_TOPICS = {TOPICS!r}\n"
        + f"RECUPERER_IMAGES_MARQUEUR = {str(tmp_path / 'marker')!r}\n"
    )
    log = tmp_path / "autoreload.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [str(BIN / "pelican"), "--autoreload", "content", "-s", "settings.py"],
            cwd=blog,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, COLUMNS="400"),
            start_new_session=True,
        )
    try:

        def done_count() -> int:
            return log.read_text().count("Done: Processed")

        assert _wait_for(lambda: done_count() >= 1), log.read_text()
        time.sleep(3)  # a write of ours would have triggered a rebuild by now
        assert done_count() == 1, log.read_text()
        post = blog / "content" / "billets" / "huile-de-lin.rst"
        post.write_text(post.read_text() + "\nUne ligne de plus.\n")
        assert _wait_for(lambda: done_count() >= 2), log.read_text()
        time.sleep(3)
        text = log.read_text()
        assert done_count() == 2, text
        assert text.count("Modified:") == 1, text
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = log.read_text()
    first, second = text.split("Modified:", 1)
    assert first.count("SITEURL is empty") == 1, first
    assert second.count("SITEURL is empty") == 1, second  # once per build
