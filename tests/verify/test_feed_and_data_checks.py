"""Feed and structured-data checks: valid files pass, each defect is named."""

from __future__ import annotations

import json

from verify_support import clean_site, page, write

from verify.feeds import check_feeds
from verify.structured import check_structured_data

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Boilers</title><id>tag:example.com,2024:/topics/boilers/</id>
<updated>2024-03-04T10:00:00+00:00</updated>
<link href="http://127.0.0.1:8000/feeds/boilers.atom.xml" rel="self"/>
<author><name>Harbour</name></author>
<entry><title>Post</title>{entry_id}<updated>2024-03-04T10:00:00+00:00</updated>
<link href="http://127.0.0.1:8000/2024/post/" rel="alternate"/></entry>
</feed>
"""
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Boilers</title><link>http://127.0.0.1:8000/</link>
<description>Boiler posts</description>
<item><title>Post</title><link>http://127.0.0.1:8000/2024/post/</link>{guid}</item>
</channel></rss>
"""
OPML = """<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>Topics</title></head><body>
<outline text="Boilers" type="rss" xmlUrl="http://127.0.0.1:8000/feeds/boilers.atom.xml"/>
</body></opml>
"""


def json_feed(**item) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Boilers",
            "items": [{"content_html": "<p>Hi</p>", **item}],
        }
    )


def feeds(
    folder,
    *,
    entry_id="<id>tag:example.com,2024-03-04:/2024/post/</id>",
    guid='<guid isPermaLink="false">tag:example.com,2024:/post</guid>',
    json_id="tag:x,2024:/p",
):
    item = {"id": json_id} if json_id else {}
    return write(
        folder,
        {
            "feeds/boilers.atom.xml": ATOM.format(entry_id=entry_id),
            "feeds/boilers.rss.xml": RSS.format(guid=guid),
            "feeds/boilers.json": json_feed(**item),
            "feeds/topics.opml": OPML,
        },
    )


def test_valid_atom_rss_json_and_opml_pass(tmp_path):
    res = check_feeds(feeds(tmp_path))

    assert res.ok, res.failures
    assert {kind: len(files) for kind, files in res.data["files"].items()} == {
        "atom": 1,
        "rss": 1,
        "json": 1,
        "opml": 1,
    }


def test_json_feed_is_found_when_version_comes_after_a_long_item_list(tmp_path):
    # Sorted keys put "version" last: a feed must be recognised by its content,
    # not by its first kilobytes.
    items = [
        {"id": f"tag:x,2024:/p{i}", "content_html": "<p>" + "x" * 500 + "</p>"}
        for i in range(20)
    ]
    data = json.dumps(
        {
            "items": items,
            "title": "Boilers",
            "version": "https://jsonfeed.org/version/1.1",
        },
        sort_keys=True,
    )
    folder = write(
        tmp_path, {"topics/boilers/feed.json": data, "other.json": '{"a": 1}'}
    )
    res = check_feeds(folder)
    assert res.data["files"]["json"] == ["topics/boilers/feed.json"]
    assert res.ok, res.failures


def test_feed_entries_without_ids_fail(tmp_path):
    res = check_feeds(feeds(tmp_path, entry_id="", guid="", json_id=None))

    assert any(
        "boilers.atom.xml: entry 1 (Post) has no <id>" in f for f in res.failures
    ), res.failures
    assert any(
        "boilers.rss.xml: item 1 (Post) has no <guid>" in f for f in res.failures
    )
    assert any(
        "boilers.json: item 1" in f and "no string id" in f for f in res.failures
    )


def test_rss_guid_that_is_not_a_url_needs_ispermalink_false(tmp_path):
    res = check_feeds(feeds(tmp_path, guid="<guid>tag:example.com,2024:/post</guid>"))

    assert [f for f in res.failures if "isPermaLink" in f], res.failures


def test_malformed_feed_is_reported_by_the_parsers(tmp_path):
    folder = feeds(tmp_path)
    write(
        folder,
        {
            "feeds/broken.atom.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</feed>'
        },
    )

    res = check_feeds(folder)

    assert any(
        f.startswith("feeds/broken.atom.xml: not well-formed XML") for f in res.failures
    ), res.failures


BLOG_POSTING = {
    "@context": "https://schema.org",
    "@graph": [
        {
            "@type": "BlogPosting",
            "headline": "Post",
            "image": "http://127.0.0.1:8000/images/p.png",
            "datePublished": "2024-03-04T10:00:00+00:00",
            "dateModified": "2024-03-05T10:00:00+00:00",
            "author": [
                {
                    "@type": "Person",
                    "name": "Ann",
                    "url": "http://127.0.0.1:8000/author/ann/",
                }
            ],
            "publisher": {"@id": "http://127.0.0.1:8000/#org"},
            "mainEntityOfPage": "http://127.0.0.1:8000/2024/post/",
        },
        {
            "@type": "Organization",
            "@id": "http://127.0.0.1:8000/#org",
            "name": "Harbour",
        },
        {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": 1,
                    "name": "Home",
                    "item": "http://127.0.0.1:8000/",
                },
                {"@type": "ListItem", "position": 2, "name": "Post"},
            ],
        },
    ],
}


def ld_page(data) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    head = (
        '<meta property="og:type" content="article">\n<script type="application/ld+json">'
        + text
        + "</script>"
    )
    return page("Post", "<p>Text</p>", head=head)


def test_complete_blogposting_and_breadcrumbs_pass(tmp_path):
    res = check_structured_data(write(tmp_path, {"post.html": ld_page(BLOG_POSTING)}))

    assert res.ok, res.failures
    assert (res.data["BlogPosting"], res.data["BreadcrumbList"]) == (1, 1)


def test_invalid_json_ld_fails_with_the_parser_message(tmp_path):
    folder = write(
        tmp_path,
        {"post.html": ld_page('{"@type": "BlogPosting", "headline": "Post",}')},
    )

    res = check_structured_data(folder)

    assert any(
        "post.html: JSON-LD block 1" in f and "does not parse" in f
        for f in res.failures
    ), res.failures


def test_missing_recommended_properties_are_named(tmp_path):
    data = json.loads(json.dumps(BLOG_POSTING))
    post, _, crumbs = data["@graph"]
    del post["image"]
    post["datePublished"] = "2024-03-04"
    post["author"][0].pop("url")
    crumbs["itemListElement"] = crumbs["itemListElement"][:1]

    res = check_structured_data(write(tmp_path, {"post.html": ld_page(data)}))

    text = "\n".join(res.failures)
    assert "BlogPosting has no image" in text
    assert "datePublished '2024-03-04' is not ISO 8601 with a time zone" in text
    assert "author 'Ann' has no url" in text
    assert "BreadcrumbList needs at least two" in text


def test_an_article_page_without_blogposting_fails(tmp_path):
    folder = clean_site(tmp_path)
    write(
        folder,
        {
            "post.html": page(
                "Post", "<p>x</p>", head='<meta property="og:type" content="article">'
            )
        },
    )

    res = check_structured_data(folder)

    assert any(
        "post.html: og:type article but no parseable BlogPosting" in f
        for f in res.failures
    ), res.failures
