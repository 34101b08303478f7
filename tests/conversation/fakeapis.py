"""Loopback fakes of the four APIs the conversation is fetched from, answering
with the shapes their documentation gives (Mastodon's Status and Context
entities, Bluesky's threadViewPost, Forem's comments with ``children``,
webmention.io's JF2 feed), on one threaded HTTP server at 127.0.0.1.

``fail(path_prefix, mode)`` makes the next request(s) under a path fail:
``"500"``, ``"429:<seconds>"`` (with Retry-After), ``"404"``, ``"hang:<s>"``
(answers after that many seconds: longer than the client's time-out). No
test touches the internet."""

from __future__ import annotations

import copy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MASTODON_ID = "1001"
FIRM_MASTODON = "https://mastodon.example/@harbour"
BSKY_DID = "did:plc:firm123"
BSKY_RKEY = "3kfirmpost1"
DEV_ID = 42
ARTICLE_URL = "https://example.com/2024/boiler-service/"

HOSTILE_HTML = (
    '<p onmouseover="steal()">Nice <script>alert(1)</script>'
    '<a href="javascript:alert(2)">click</a> <img src="https://tracker.example/p.gif">'
    '<a href="https://spam.example/" target="_blank" style="color:red">spam</a>'
    '<iframe src="https://evil.example/"></iframe></p>'
)


def _account(acct: str, name: str, url: str) -> dict:
    return {
        "id": acct,
        "username": acct.split("@")[0],
        "acct": acct,
        "display_name": name,
        "url": url,
        "avatar": f"https://files.example/{acct}.png",
        "avatar_static": f"https://files.example/{acct}.png",
    }


def _status(sid, parent, account, content, created, visibility="public", **counts):
    host = (
        "mastodon.example"
        if "@" not in account["acct"]
        else account["acct"].split("@")[1]
    )
    user = account["username"]
    return {
        "id": sid,
        "in_reply_to_id": parent,
        "created_at": created,
        "uri": f"https://{host}/users/{user}/statuses/{sid}",
        "url": f"https://{host}/@{user}/{sid}",
        "content": content,
        "visibility": visibility,
        "replies_count": counts.get("replies", 0),
        "reblogs_count": counts.get("reblogs", 0),
        "favourites_count": counts.get("favourites", 0),
        "account": account,
    }


FIRM = _account("harbour", "Harbour Heating", FIRM_MASTODON)
ALICE = _account("alice@social.example", "Alice Moss", "https://social.example/@alice")
BOB = _account("bob@social.example", "Bob Reed", "https://social.example/@bob")
MALLORY = _account("mallory@evil.example", "<b>Mallory</b>", "javascript:alert(3)")


def mastodon_data() -> dict:
    return {
        "status": _status(
            MASTODON_ID,
            None,
            FIRM,
            "<p>How often should a boiler be serviced?</p>",
            "2024-03-04T10:05:00.000Z",
            replies=4,
            reblogs=2,
            favourites=7,
        ),
        "descendants": [
            _status(
                "2001",
                MASTODON_ID,
                ALICE,
                '<p>Does the service cover the flue? <a href="https://example.com/x">x</a></p>',
                "2024-03-04T11:00:00.000Z",
                favourites=1,
            ),
            _status(
                "2002",
                "2001",
                FIRM,
                "<p>Yes: the flue and the seals are checked every time.</p>",
                "2024-03-04T12:00:00.000Z",
                visibility="unlisted",  # the firm's own answer, unlisted
            ),
            _status(
                "2003",
                MASTODON_ID,
                BOB,
                "<p>My engineer never turned up!</p>",
                "2024-03-05T09:00:00.000Z",
            ),
            _status(
                "2004",
                MASTODON_ID,
                BOB,
                "<p>a private aside</p>",
                "2024-03-05T09:30:00.000Z",
                visibility="direct",
            ),
            _status(
                "2006",
                MASTODON_ID,
                ALICE,
                "<p>an unlisted aside</p>",
                "2024-03-05T09:40:00.000Z",
                visibility="unlisted",
            ),
            _status(
                "2005", MASTODON_ID, MALLORY, HOSTILE_HTML, "2024-03-05T10:00:00.000Z"
            ),
        ],
    }


def _bsky_author(handle, did, name=None):
    out = {"did": did, "handle": handle, "avatar": f"https://cdn.bsky.app/{did}.jpg"}
    if name:
        out["displayName"] = name
    return out


def _bsky_post(rkey, author, text, created, **counts):
    return {
        "uri": f"at://{author['did']}/app.bsky.feed.post/{rkey}",
        "cid": f"bafy{rkey}",
        "author": author,
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": created},
        "replyCount": counts.get("replies", 0),
        "repostCount": counts.get("reposts", 0),
        "likeCount": counts.get("likes", 0),
        "quoteCount": counts.get("quotes", 0),
        "indexedAt": created,
    }


BSKY_FIRM = _bsky_author("harbourheating.example", BSKY_DID, "Harbour Heating")
BSKY_DAN = _bsky_author("dan.bsky.social", "did:plc:dan", "Dan Okafor")


def bluesky_data() -> dict:
    return {
        "thread": {
            "$type": "app.bsky.feed.defs#threadViewPost",
            "post": _bsky_post(
                BSKY_RKEY,
                BSKY_FIRM,
                "New guide",
                "2024-03-04T10:06:00.000Z",
                replies=2,
                reposts=3,
                likes=11,
                quotes=1,
            ),
            "replies": [
                {
                    "$type": "app.bsky.feed.defs#threadViewPost",
                    "post": _bsky_post(
                        "3kdan1",
                        BSKY_DAN,
                        "Great write-up.\n\nSaved me a call-out fee <3",
                        "2024-03-04T13:00:00.000Z",
                        likes=2,
                    ),
                    "replies": [],
                },
                {
                    "$type": "app.bsky.feed.defs#notFoundPost",
                    "uri": "at://did:plc:gone/app.bsky.feed.post/x",
                    "notFound": True,
                },
                {
                    "$type": "app.bsky.feed.defs#blockedPost",
                    "uri": "at://did:plc:blk/app.bsky.feed.post/y",
                    "blocked": True,
                    "author": {"did": "did:plc:blk"},
                },
            ],
        }
    }


def _dev_user(name, username):
    return {
        "name": name,
        "username": username,
        "twitter_username": None,
        "github_username": None,
        "user_id": 7,
        "website_url": None,
        "profile_image": f"https://media.dev.to/{username}.png",
        "profile_image_90": f"https://media.dev.to/{username}_90.png",
    }


def devto_data() -> dict:
    return {
        "article": {
            "type_of": "article",
            "id": DEV_ID,
            "title": "Boiler service",
            "url": "https://dev.to/harbour/boiler-service-1abc",
            "canonical_url": ARTICLE_URL,
            "comments_count": 2,
            "public_reactions_count": 9,
            "positive_reactions_count": 9,
            "user": _dev_user("Harbour Heating", "harbour"),
        },
        "comments": [
            {
                "type_of": "comment",
                "id_code": "1cc",
                "created_at": "2024-03-06T08:00:00Z",
                "body_html": "<p>Which gases do you test for?</p>",
                "user": _dev_user("Erin Vale", "erinv"),
                "children": [
                    {
                        "type_of": "comment",
                        "id_code": "1cd",
                        "created_at": "2024-03-06T08:30:00Z",
                        "body_html": "<p>[deleted]</p>",
                        "user": {},
                        "children": [
                            {
                                "type_of": "comment",
                                "id_code": "1ce",
                                "created_at": "2024-03-06T09:00:00Z",
                                "body_html": "<p>Same question here.</p>",
                                "user": _dev_user("Finn Hale", "finnh"),
                                "children": [],
                            }
                        ],
                    },
                ],
            }
        ],
    }


def webmention_data() -> dict:
    return {
        "type": "feed",
        "name": "Webmentions",
        "children": [
            {
                "type": "entry",
                "author": {
                    "type": "card",
                    "name": "Gina Ash",
                    "photo": "https://gina.example/me.jpg",
                    "url": "https://gina.example/",
                },
                "url": "https://gina.example/notes/1",
                "published": "2024-03-07T10:00:00+00:00",
                "wm-received": "2024-03-07T10:05:00+00:00",
                "wm-id": 900,
                "wm-source": "https://gina.example/notes/1",
                "wm-target": ARTICLE_URL,
                "wm-protocol": "webmention",
                "wm-property": "in-reply-to",
                "wm-private": False,
                "in-reply-to": ARTICLE_URL,
                "content": {
                    "text": "Is a heat pump serviced the same way?",
                    "html": "<p>Is a heat pump serviced the same way?</p>",
                },
            },
            {
                "type": "entry",
                "author": {
                    "type": "card",
                    "name": "Hal",
                    "url": "https://hal.example/",
                },
                "url": "https://hal.example/likes/3",
                "published": None,
                "wm-received": "2024-03-07T11:00:00+00:00",
                "wm-id": 901,
                "wm-source": "https://hal.example/likes/3",
                "wm-target": ARTICLE_URL,
                "wm-protocol": "webmention",
                "wm-property": "like-of",
                "wm-private": False,
                "like-of": ARTICLE_URL,
            },
            {
                "type": "entry",
                "author": {
                    "type": "card",
                    "name": "Secret",
                    "url": "https://s.example/",
                },
                "url": "https://s.example/p",
                "published": "2024-03-07T12:00:00+00:00",
                "wm-received": "2024-03-07T12:00:00+00:00",
                "wm-id": 902,
                "wm-source": "https://s.example/p",
                "wm-target": ARTICLE_URL,
                "wm-protocol": "webmention",
                "wm-property": "in-reply-to",
                "wm-private": True,
                "content": {"text": "private"},
            },
        ],
    }


class FakeApis:
    def __init__(self):
        self.mastodon = mastodon_data()
        self.bluesky = bluesky_data()
        self.devto = devto_data()
        self.webmention = webmention_data()
        self.requests: list[dict] = []
        self.failures: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.server = None

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def env(self, **extra) -> dict:
        env = {
            "MASTODON_API_BASE": self.base,
            "BLUESKY_APPVIEW_BASE": self.base,
            "DEVTO_API_BASE": self.base,
            "WEBMENTION_IO_API_BASE": self.base,
        }
        env.update(extra)
        return env

    def fail(self, prefix: str, mode: str, times: int = 1) -> None:
        for _ in range(times):
            self.failures.append((prefix, mode))

    def _failure(self, path: str) -> str | None:
        for i, (prefix, mode) in enumerate(self.failures):
            if path.startswith(prefix):
                del self.failures[i]
                return mode
        return None

    def answer(self, path: str, query: dict) -> tuple[int, dict, object]:
        m = self.mastodon
        if path == f"/api/v1/statuses/{MASTODON_ID}":
            return 200, {}, m["status"]
        if path == f"/api/v1/statuses/{MASTODON_ID}/context":
            return 200, {}, {"ancestors": [], "descendants": m["descendants"]}
        if path.startswith("/api/v1/statuses/"):
            return 404, {}, {"error": "Record not found"}
        if path == "/xrpc/com.atproto.identity.resolveHandle":
            if query.get("handle") == [BSKY_FIRM["handle"]]:
                return 200, {}, {"did": BSKY_DID}
            return (
                400,
                {},
                {"error": "InvalidRequest", "message": "Unable to resolve handle"},
            )
        if path == "/xrpc/app.bsky.feed.getPostThread":
            if query.get("uri") == [f"at://{BSKY_DID}/app.bsky.feed.post/{BSKY_RKEY}"]:
                return 200, {}, self.bluesky
            return 400, {}, {"error": "NotFound", "message": "Post not found"}
        if path == f"/api/articles/{DEV_ID}":
            return 200, {}, self.devto["article"]
        if path == "/api/articles/harbour/boiler-service-1abc":
            return 200, {}, self.devto["article"]
        if path == "/api/comments":
            if query.get("a_id") == [str(DEV_ID)] and query.get("page", ["1"]) == ["1"]:
                return 200, {}, self.devto["comments"]
            return 200, {}, []
        if path.startswith("/api/articles/"):
            return 404, {}, {"error": "not found", "status": 404}
        if path == "/api/mentions.jf2":
            if query.get("target") == [ARTICLE_URL] and query.get("page", ["0"]) == [
                "0"
            ]:
                return 200, {}, self.webmention
            return 200, {}, {"type": "feed", "name": "Webmentions", "children": []}
        return 404, {}, {"error": "unknown endpoint"}


def _handler(fake: FakeApis):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            with fake.lock:
                fake.requests.append(
                    {
                        "path": parts.path,
                        "query": query,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                    }
                )
                mode = fake._failure(parts.path)
                if mode is None:
                    status, headers, body = fake.answer(parts.path, query)
                    body = copy.deepcopy(body)
            if mode is not None:
                kind, _, arg = mode.partition(":")
                if kind == "hang":
                    time.sleep(float(arg))
                    status, headers, body = 200, {}, {}
                elif kind == "429":
                    status, headers, body = (
                        429,
                        {"Retry-After": arg},
                        {"error": "Too many requests"},
                    )
                else:
                    status, headers, body = int(kind), {}, {"error": "fake failure"}
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (time-out)

    return Handler


def start() -> FakeApis:
    fake = FakeApis()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake
