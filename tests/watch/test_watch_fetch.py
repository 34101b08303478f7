"""`pullmarketing watch fetch` against a loopback server: every feed format,
conditional GET, and every way a feed breaks."""

from __future__ import annotations

import pytest
from watch_support import run, stored, watch_entries, write_settings

from pelican_pullmarketing import settings as schema
from pelican_pullmarketing.errors import InvalidSettings
from pelican_pullmarketing.watch.config import WatchedFeed, configured_feeds

T = "https://heatingtrade.example/news/"
B = "https://bristolboiler.example/blog/"
F = "https://homeownersforum.example/t/"
N = "https://localnews.example/"


def expected_items(url) -> list[dict]:
    rows = [
        (
            "/alerts.json",
            "alert-1",
            "Is the heat pump grant worth it for Bristol homes?",
            N + "heat-pump-grants-bristol",
            "2026-11-29T06:00:00Z",
            "Councillors debate the grant as heat pump noise complaints rise.",
        ),
        (
            "/atom.xml",
            "tag:heatingtrade.example,2026:1001",
            "Heat pump noise rules relaxed for terraced homes",
            T + "heat-pump-noise-rules",
            "2026-11-28T09:00:00Z",
            "Permitted development now allows heat pump noise up to 42 dB at the neighbour's window. Installers welcome the change.",
        ),
        (
            "/forum.rdf",
            F + "501",
            "How loud is an air source heat pump at night?",
            F + "501",
            "2026-11-27T21:15:00Z",
            "Our neighbour worries about heat pump noise. Any real numbers?",
        ),
        (
            "/old-rss",
            B + "smart-thermostat-savings",
            "Smart thermostat savings: our numbers",
            B + "smart-thermostat-savings",
            "2026-11-26T10:00:00Z",
            "A smart thermostat cut gas use by 9% in our customers' homes. Does a smart thermostat work with a heat pump? Mostly.",
        ),
        (
            "/forum.rdf",
            F + "502",
            "Leaking radiator valve",
            F + "502",
            "2026-11-25T18:00:00Z",
            "Why does my radiator valve drip after bleeding? It started last week.",
        ),
        (
            "/forum.rdf",
            F + "503",
            "Smart thermostat with an old combi boiler",
            F + "503",
            "2026-11-24T07:45:00Z",
            "Fitted a smart thermostat myself. Works fine so far.",
        ),
        (
            "/alerts.json",
            "alert-2",
            "Energy firm offers free smart thermostat",
            N + "smart-thermostat-offer",
            "2026-11-23T06:00:00Z",
            "Customers switching this winter get a smart thermostat.",
        ),
        (
            "/old-rss",
            B + "hydrogen-boilers",
            "Hydrogen boilers: what we tell customers",
            B + "hydrogen-boilers",
            "2026-11-21T10:00:00Z",
            "Hydrogen boilers are not coming to Bristol soon. Book a boiler service instead.",
        ),
        (
            "/atom.xml",
            "tag:heatingtrade.example,2026:1002",
            "Hydrogen boilers trial ends early",
            T + "hydrogen-trial-ends",
            "2026-11-20T08:30:00Z",
            "The village trial of hydrogen boilers closes a year early. Boiler service engineers say customers asked about it for months.",
        ),
        (
            "/atom.xml",
            "tag:heatingtrade.example,2026:0990",
            "Boiler Upgrade Scheme grant rises again",
            T + "bus-grant-rises",
            "2026-10-20T08:00:00Z",
            "Heat pump noise and running costs remain the top worries of homeowners, the survey finds.",
        ),
    ]
    keys = ("feed", "id", "title", "link", "published", "summary")
    return [dict(zip(keys, (url(r[0]), *r[1:]), strict=True)) for r in rows]


def expected_feeds(url) -> dict:
    return {
        url("/atom.xml"): {"title": "Heating Trade Weekly", "etag": '"atom-v1"'},
        url("/old-rss"): {
            "title": "Bristol Boiler Co. blog",
            "last_modified": "Sat, 28 Nov 2026 12:00:00 GMT",
            "moved_to": url("/rss2.xml"),
        },
        url("/forum.rdf"): {"title": "Homeowners Forum: Heating"},
        url("/alerts.json"): {"title": "Alerts: heat pump"},
    }


def test_fetch_stores_every_format_and_names_each_broken_feed(site, feed_server):
    settings = write_settings(site, watch_entries(feed_server))
    result = run("watch", "fetch", "--settings", settings, "--timeout", "1")
    assert result.exit_code == 0, result.output
    assert stored(site) == {
        "version": 1,
        "feeds": expected_feeds(feed_server.url),
        "items": expected_items(feed_server.url),
    }
    # the article both the magazine and the competitor carry is stored once
    out = result.stdout
    assert "Heating Trade Weekly: 3 items, 3 new" in out
    assert "Bristol Boiler Co.: 3 items, 2 new" in out
    assert (
        f"Bristol Boiler Co.: moved permanently to {feed_server.url('/rss2.xml')}"
        in out
    )
    assert "10 new items, 0 older than 180 days dropped, 10 stored" in out
    err = result.stderr
    assert "4 of 8 feeds could not be read (their stored items are kept):" in err
    assert (
        f"Slow Trade News ({feed_server.url('/slow.xml')}): timed out after 1 s" in err
    )
    assert "Installer News (" in err and "not a feed (text/html)" in err
    assert "Broken Forum (" in err and "HTTP 500 Internal Server Error" in err
    assert "Huge Feed (" in err and "too large (more than 5,000,000 bytes)" in err
    # a polite client: it says who asks
    agents = {headers.get("User-Agent") for _, headers in feed_server.requests}
    assert agents == {
        "pelican-pullmarketing/0.1.0 (industry watch; +https://harbourheating.example)"
    }


def test_fetching_twice_adds_nothing_and_unchanged_feeds_cost_a_304(site, feed_server):
    settings = write_settings(site, watch_entries(feed_server)[:4])
    assert run("watch", "fetch", "--settings", settings).exit_code == 0
    first = (site.content / "watch.json").read_bytes()
    feed_server.requests.clear()
    again = run("watch", "fetch", "--settings", settings)
    assert again.exit_code == 0, again.output
    assert (site.content / "watch.json").read_bytes() == first
    assert (
        "0 new items, 0 older than 180 days dropped, 10 stored (unchanged)"
        in again.stdout
    )
    asked = {path: headers for path, headers in feed_server.requests}
    assert asked["/atom.xml"]["If-None-Match"] == '"atom-v1"'
    assert asked["/old-rss"]["If-Modified-Since"] == "Sat, 28 Nov 2026 12:00:00 GMT"
    assert asked["/rss2.xml"]["If-Modified-Since"] == "Sat, 28 Nov 2026 12:00:00 GMT"
    assert "If-None-Match" not in asked["/forum.rdf"]
    assert "Heating Trade Weekly: not modified" in again.stdout
    assert "Bristol Boiler Co.: not modified" in again.stdout
    # the forum sends its whole feed again: all three items are known
    assert "Homeowners Forum: Heating: 3 items, 0 new" in again.stdout


def test_a_feed_that_breaks_later_keeps_its_stored_items(site, feed_server):
    settings = write_settings(site, watch_entries(feed_server)[:4])
    assert run("watch", "fetch", "--settings", settings).exit_code == 0
    feed_server.broken.add("/alerts.json")
    result = run("watch", "fetch", "--settings", settings, "--strict")
    assert result.exit_code == 1
    assert "1 of 4 feeds could not be read" in result.stderr
    assert "alerts.json" in result.stderr and "HTTP 500" in result.stderr
    assert stored(site)["items"] == expected_items(feed_server.url)


def test_items_older_than_keep_days_are_dropped_and_never_added(site, feed_server):
    settings = write_settings(
        site, watch_entries(feed_server)[:1], PULLMARKETING_WATCH_KEEP_DAYS=30
    )
    result = run("watch", "fetch", "--settings", settings)
    assert result.exit_code == 0, result.output
    titles = [i["title"] for i in stored(site)["items"]]
    # 20 October is 41 days before 30 November
    assert titles == [
        "Heat pump noise rules relaxed for terraced homes",
        "Hydrogen boilers trial ends early",
    ]


def test_no_feeds_is_a_clear_error(site):
    settings = write_settings(site, [])
    result = run("watch", "fetch", "--settings", settings)
    assert result.exit_code == 1
    assert "PULLMARKETING_WATCH: no feeds to watch" in result.output


def test_a_watch_file_that_is_not_one_is_named_and_left_alone(site, feed_server):
    settings = write_settings(site, watch_entries(feed_server)[:1])
    (site.content / "watch.json").write_text("[1, 2]", encoding="utf-8")
    result = run("watch", "fetch", "--settings", settings)
    assert result.exit_code == 1
    assert "watch.json: not a watch file" in result.output
    assert (site.content / "watch.json").read_text(encoding="utf-8") == "[1, 2]"


def test_every_bad_feed_entry_is_named_at_once():
    """The schema checks every entry to the leaf, and the topics against
    PULLMARKETING_TOPICS, in one pass."""
    with pytest.raises(InvalidSettings) as caught:
        schema.validate(
            {
                "PULLMARKETING_TOPICS": {"heat-pumps": {}, "boilers": {}},
                "PULLMARKETING_WATCH": [
                    "ftp://trade.example/feed",
                    {"url": "https://a.example/feed", "titel": "A"},
                    {
                        "url": "https://b.example/feed",
                        "topics": "boilers",
                        "show": "yes",
                    },
                    "https://a.example/feed",
                    42,
                    {"url": "https://c.example/feed", "topics": ["heat-pump"]},
                ],
            },
            warn=False,
            features={"watch"},
        )
    assert caught.value.problems == [
        "PULLMARKETING_WATCH[0]['url']: invalid value (given 'ftp://trade.example/feed'; expected the feed's absolute URL, starting with http:// or https://)",
        "PULLMARKETING_WATCH[1]['titel']: unknown key; did you mean 'title'? (expected one of 'url', 'title', 'topics', 'show')",
        "PULLMARKETING_WATCH[2]['show']: invalid value (given 'yes'; expected True or False)",
        "PULLMARKETING_WATCH[3]: feed listed twice (given 'https://a.example/feed'; expected each feed once (also [1]))",
        "PULLMARKETING_WATCH[4]: invalid feed (given 42; expected a feed URL or a dict such as "
        '{"url": "https://trade.example/feed", "title": "Trade News", "topics": ["boilers"], "show": True})',
        "PULLMARKETING_WATCH[5]['topics']: unknown topic; did you mean 'heat-pumps'? (given 'heat-pump'; expected a slug of PULLMARKETING_TOPICS: boilers, heat-pumps)",
    ]


def test_a_feed_given_as_its_url_is_read_as_a_dict_of_defaults():
    assert configured_feeds(
        {"PULLMARKETING_WATCH": ["https://trade.example/feed "]}
    ) == [WatchedFeed("https://trade.example/feed", "", (), False)]
