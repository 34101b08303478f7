"""A loopback fake of every platform API (one threaded HTTP server on
127.0.0.1) that records each request and can answer 429 first, and the targets
and tokens the tests use. No test touches the internet."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The feature on its own, as a site may load it.
PLUGINS = ["pelican_pullmarketing.crosspost"]

TARGETS = {
    "devto": {"series": "Heating guides", "tags": ["heating"]},
    "hashnode": {"publication_id": "pub123"},
    "medium": {},
    "mastodon": {"instance": "https://mastodon.example"},
    "bluesky": {},
    "linkedin": {"author": "urn:li:person:abc123"},
    "x": {},
}


def build_with_targets(site, **settings):
    """Build ``site`` with the crosspost feature alone, every target of TARGETS
    and images copied; ``settings`` override those."""
    options = {
        "STATIC_PATHS": ["images"],
        "PULLMARKETING_CROSSPOST_TARGETS": TARGETS,
        "PLUGINS": PLUGINS,
    }
    options.update(settings)
    return site.build(**options)


TOKENS = {
    "DEVTO_API_KEY": "devto-secret-key",
    "HASHNODE_TOKEN": "hashnode-secret",
    "MASTODON_ACCESS_TOKEN": "mastodon-secret",
    "BLUESKY_HANDLE": "firm.example",
    "BLUESKY_APP_PASSWORD": "bsky-app-secret",
    "LINKEDIN_ACCESS_TOKEN": "linkedin-secret",
    "X_ACCESS_TOKEN": "x-secret",
}


class FakePlatforms:
    """State of the fake APIs: requests seen, posts created, queued answers."""

    def __init__(self):
        self.requests: list[dict] = []
        self.articles: dict[int, dict] = {}
        self.posts: list[dict] = []
        self.queued: dict[str, list[tuple[int, dict]]] = {}
        self.idempotent: dict[str, dict] = {}
        # callable(request) run before answering; returning "drop" closes the
        # connection without an answer (the client died)
        self.on_request = None
        self.lock = threading.Lock()
        self.server = None

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def env(self, **extra) -> dict:
        env = dict(TOKENS)
        for name in ("DEVTO", "HASHNODE", "MASTODON", "BLUESKY", "LINKEDIN", "X"):
            env[f"{name}_API_BASE"] = self.base
        env.update(extra)
        return env

    def queue(self, path: str, status: int, headers: dict | None = None) -> None:
        self.queued.setdefault(path, []).append((status, headers or {}))

    def sent(self, method: str | None = None, path: str | None = None) -> list[dict]:
        return [
            r
            for r in self.requests
            if (method is None or r["method"] == method)
            and (path is None or r["path"].split("?")[0] == path)
        ]

    def writes(self) -> list[dict]:
        return [r for r in self.requests if r["method"] in ("POST", "PUT")]

    # --- answers per endpoint

    def answer(self, req: dict) -> tuple[int, dict, object]:
        path, method, body = req["path"].split("?")[0], req["method"], req["json"]
        if method == "POST" and path == "/api/articles":
            art_id = len(self.articles) + 1
            article = dict(
                body["article"], id=art_id, url=f"https://dev.to/firm/a-{art_id}"
            )
            self.articles[art_id] = article
            return 201, {}, article
        if method == "PUT" and path.startswith("/api/articles/"):
            art_id = int(path.rsplit("/", 1)[-1])
            self.articles[art_id].update(body["article"])
            return 200, {}, self.articles[art_id]
        if method == "GET" and path == "/api/articles/me/all":
            page = int(
                dict(p.split("=") for p in req["path"].split("?")[1].split("&"))["page"]
            )
            return 200, {}, list(self.articles.values()) if page == 1 else []
        if method == "POST" and path == "/":
            self.posts.append(req)
            op = "publishPost" if "publishPost" in body["query"] else "updatePost"
            post_id = body["variables"]["input"].get("id") or f"h{len(self.posts)}"
            return (
                200,
                {},
                {
                    "data": {
                        op: {
                            "post": {
                                "id": post_id,
                                "url": f"https://firm.hashnode.dev/{post_id}",
                            }
                        }
                    }
                },
            )
        if method == "POST" and path == "/api/v2/media":
            n = len(self.sent("POST", "/api/v2/media"))
            return 200, {}, {"id": f"m{n}", "type": "image"}
        if method == "POST" and path == "/api/v1/statuses":
            key = req["headers"].get("idempotency-key")
            if key and key in self.idempotent:  # Mastodon returns the first status
                return 200, {}, self.idempotent[key]
            self.posts.append(req)
            n = len(self.posts)
            status = {"id": str(n), "url": f"https://mastodon.example/@firm/{n}"}
            if key:
                self.idempotent[key] = status
            return 200, {}, status
        if path == "/xrpc/com.atproto.server.createSession":
            return (
                200,
                {},
                {"accessJwt": "jwt-1", "did": "did:plc:firm", "handle": "firm.example"},
            )
        if path == "/xrpc/com.atproto.repo.uploadBlob":
            return (
                200,
                {},
                {
                    "blob": {
                        "$type": "blob",
                        "ref": {"$link": "bafk"},
                        "mimeType": req["headers"].get("content-type"),
                        "size": len(req["raw"]),
                    }
                },
            )
        if path == "/xrpc/com.atproto.repo.createRecord":
            self.posts.append(req)
            n = len(self.posts)
            return (
                200,
                {},
                {"uri": f"at://did:plc:firm/app.bsky.feed.post/rk{n}", "cid": "c"},
            )
        if method == "POST" and path == "/rest/images":
            # LinkedIn Images API: initializeUpload gives an upload URL and
            # the image's URN; the bytes are PUT to the URL.
            n = len(self.sent("POST", "/rest/images"))
            return (
                200,
                {},
                {
                    "value": {
                        "uploadUrlExpiresAt": 1767225600000,
                        "uploadUrl": f"{self.base}/li-upload/{n}",
                        "image": f"urn:li:image:C{n}",
                    }
                },
            )
        if method == "PUT" and path.startswith("/li-upload/"):
            return 201, {}, {}
        if method == "POST" and path == "/rest/posts":
            self.posts.append(req)
            return 201, {"x-restli-id": f"urn:li:share:{len(self.posts)}"}, {}
        if method == "POST" and path == "/2/tweets":
            self.posts.append(req)
            return (
                201,
                {},
                {"data": {"id": str(1000 + len(self.posts)), "text": body["text"]}},
            )
        return 404, {}, {"error": "unknown endpoint"}


def _handler(fake: FakePlatforms):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def _serve(self):
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = (
                    json.loads(raw)
                    if raw and "json" in (self.headers.get("content-type") or "")
                    else None
                )
            except ValueError:
                body = None
            req = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "json": body,
                "raw": raw,
            }
            with fake.lock:
                fake.requests.append(req)
                if fake.on_request and fake.on_request(req) == "drop":
                    self.close_connection = True
                    return
                queue = fake.queued.get(self.path.split("?")[0])
                if queue:
                    status, headers = queue.pop(0)
                    payload = {"error": "queued"}
                else:
                    status, headers, payload = fake.answer(req)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _serve

    return Handler


def start_fake_platforms() -> FakePlatforms:
    fake = FakePlatforms()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake
