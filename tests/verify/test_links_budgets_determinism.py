"""Links, page budgets and determinism on hand-made output folders."""

from __future__ import annotations

import os
import shutil

from verify_support import SITE, browser, clean_site, page, served, write  # noqa: F401 - fixtures

from verify.budgets import check_budgets
from verify.determinism import check_determinism
from verify.links import check_links, gated_source_paths
from verify.pages import key_pages

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{site}/</loc></url><url><loc>{site}/{extra}</loc></url>
</urlset>
"""


def test_clean_site_links_resolve(tmp_path):
    folder = clean_site(tmp_path)
    write(
        folder,
        {
            "sitemap.xml": SITEMAP.format(site=SITE, extra="2024/post/"),
            "robots.txt": f"User-agent: *\nSitemap: {SITE}/sitemap.xml\n",
        },
    )

    res = check_links(folder, SITE)

    assert res.ok, res.failures
    assert res.data["checked"] >= 6


def test_broken_links_fragments_and_leftovers_fail(tmp_path):
    folder = clean_site(tmp_path)
    body = '<p><a href="/2024/missing/">gone</a> <a href="/2024/post/#nowhere">frag</a> <a href="{filename}/other.md">raw</a> <a href="https://elsewhere.example/x">out</a></p>'
    write(
        folder,
        {
            "bad.html": page("Bad", body),
            "sitemap.xml": SITEMAP.format(site=SITE, extra="old/"),
        },
    )

    res = check_links(folder, SITE)

    text = "\n".join(res.failures)
    assert "/2024/missing/ -> no file 2024/missing/index.html" in text
    assert "no id='nowhere' in 2024/post/index.html" in text
    assert "unresolved Pelican reference {filename}" in text
    assert "sitemap.xml: http://127.0.0.1:8000/old/ -> no file old/index.html" in text
    assert "elsewhere.example" not in text


def test_gated_file_public_path_is_neither_written_nor_linked(tmp_path):
    content = write(
        tmp_path / "content",
        {
            "articles/guide.md": "Title: Guide\ngated_file: {static}/papers/guide.pdf\n\nText\n"
        },
    )
    folder = clean_site(tmp_path / "out")
    write(
        folder,
        {
            "papers/guide.pdf": b"%PDF-1.4",
            "landing.html": page("Guide", '<p><a href="/papers/guide.pdf">PDF</a></p>'),
        },
    )

    gated = gated_source_paths(content)
    res = check_links(folder, SITE, gated)

    assert gated == ["papers/guide.pdf"]
    assert any(
        "gated file copied to its public path: papers/guide.pdf" in f
        for f in res.failures
    ), res.failures
    assert any(
        f.startswith("landing.html:") and "gated file's public path" in f
        for f in res.failures
    )


def test_key_pages_are_found_from_the_output(tmp_path):
    folder = clean_site(tmp_path)
    form = '<form class="gate-form" action="https://formspree.io/f/x"><input type="hidden" name="_next" value="/downloads/t0k3n/"><label>Email <input name="email"></label></form>'
    write(
        folder,
        {
            "2024/post/index.html": page(
                "Post",
                '<article><time datetime="2024-03-04">4 March</time><p>x</p></article>',
            ),
            "topics/boilers/index.html": page("Boilers", "<p>hub</p>"),
            "subscribe/index.html": page("Subscribe", "<p>feeds</p>"),
            "guide/index.html": page("Guide", form),
            "downloads/t0k3n/index.html": page(
                "Thanks",
                "<p>ok</p>",
                head='<meta name="robots" content="noindex, nofollow">',
            ),
        },
    )

    assert key_pages(folder, SITE) == {
        "home": "index.html",
        "article": "2024/post/index.html",
        "hub": "topics/boilers/index.html",
        "subscribe": "subscribe/index.html",
        "gate": "guide/index.html",
        "thanks": "downloads/t0k3n/index.html",
    }


def test_a_translation_is_a_key_page_when_the_site_has_one(tmp_path):
    folder = clean_site(tmp_path)
    article = '<meta property="og:type" content="article">'
    write(
        folder,
        {
            "2024/post/index.html": page("Post", "<p>x</p>", head=article),
            # Another English article (one with its lang in capitals) and a
            # Polish page that is not an article are not the translation.
            "2024/other/index.html": page("Other", "<p>x</p>", head=article),
            "en/2024/post/index.html": page(
                "Post", "<p>x</p>", head=article, lang="EN"
            ),
            "pl/contact/index.html": page("Kontakt", "<p>x</p>", lang="pl"),
            "pl/2024/post/index.html": page(
                "Wpis", "<p>x</p>", head=article, lang="pl"
            ),
            "pl/2025/later/index.html": page(
                "Później", "<p>x</p>", head=article, lang="pl"
            ),
        },
    )

    found = key_pages(folder, SITE)
    assert found["article"] == "2024/other/index.html"
    assert found["translation"] == "pl/2024/post/index.html"

    # A site in one language has no translation, and is not asked for one.
    shutil.rmtree(folder / "pl")
    assert "translation" not in key_pages(folder, SITE)


def test_budgets_fail_on_heavy_html_and_css(tmp_path):
    folder = clean_site(tmp_path)
    noise = os.urandom(20 * 1024).hex()  # incompressible
    write(
        folder,
        {
            "theme.css": f"/* {noise} */",
            "2024/big/index.html": page("Big", f"<p>{noise}</p>"),
        },
    )

    res = check_budgets(
        folder,
        SITE,
        {"home": "index.html"},
        ["2024/post/index.html", "2024/big/index.html"],
    )

    text = "\n".join(res.failures)
    assert "2024/big/index.html: HTML is" in text and "budget 8 KB" in text
    assert "2024/post/index.html: HTML" not in text
    assert "CSS is" in text and "budget 8 KB" in text


def test_budgets_count_requests_and_other_origins(browser, served):  # noqa: F811 - fixtures from verify_support
    folder, url = served
    clean_site(folder)

    ok = check_budgets(
        folder, url, {"home": "index.html"}, ["2024/post/index.html"], browser
    )

    assert ok.ok, ok.failures
    assert ok.data["requests"]["index.html"] == [url + "/", url + "/theme.css"]

    extra = '<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/b.css"><script src="https://cdn.example/x.js"></script>'
    write(
        folder,
        {
            "a.css": "p{margin:0}",
            "b.css": "p{padding:0}",
            "heavy/index.html": page("Heavy", "<p>x</p>", head=extra),
        },
    )
    bad = check_budgets(
        folder, url, {"heavy": "heavy/index.html"}, ["2024/post/index.html"], browser
    )

    text = "\n".join(bad.failures)
    assert (
        "heavy/index.html: request to another origin: https://cdn.example/x.js" in text
    )
    assert "heavy/index.html (heavy, text only): 5 requests, budget 3" in text


def test_determinism_names_the_differing_file(tmp_path):
    first = clean_site(tmp_path / "a")
    second = tmp_path / "b"
    shutil.copytree(first, second)

    assert check_determinism(first, second).ok

    write(
        second,
        {
            "2024/post/index.html": page("Post", "<p>Built at 10:31</p>"),
            "extra.txt": "x",
        },
    )
    res = check_determinism(first, second)

    assert "only in the second build: extra.txt" in res.failures
    assert any(
        f.startswith("2024/post/index.html differs:") and "Built at 10:31" in f
        for f in res.failures
    ), res.failures


def test_budgets_find_other_origins_in_every_page_and_stylesheet(tmp_path):
    folder = clean_site(tmp_path)
    fonts = '<link rel="preconnect" href="https://fonts.example"><link rel="canonical" href="https://elsewhere.example/">'
    write(
        folder,
        {
            "theme.css": "@import url('https://fonts.example/css?family=X');body{margin:0}",
            "about/index.html": page(
                "About",
                '<img src="https://img.example/team.jpg" alt="Team">',
                head=fonts,
            ),
        },
    )

    res = check_budgets(folder, SITE, {}, ["2024/post/index.html"])

    text = "\n".join(res.failures)
    assert (
        "about/index.html:" in text
        and "loads https://img.example/team.jpg from another origin" in text
    )
    assert "loads https://fonts.example from another origin" in text
    assert (
        "theme.css: loads https://fonts.example/css?family=X from another origin"
        in text
    )
    assert "elsewhere.example" not in text
