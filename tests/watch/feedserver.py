"""A loopback HTTP server with the feeds of a heating firm's industry, in
every format the watch reads, and the ways a feed breaks: a 304 to a
conditional request, a time-out, an HTML page, a 500, a body too large, a
permanent redirect. It records every request (path and headers)."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Heating Trade Weekly</title>
  <id>tag:heatingtrade.example,2026:feed</id>
  <updated>2026-11-28T09:00:00Z</updated>
  <link rel="alternate" href="https://heatingtrade.example/"/>
  <entry>
    <title>Heat pump noise rules relaxed for terraced homes</title>
    <id>tag:heatingtrade.example,2026:1001</id>
    <link href="https://heatingtrade.example/news/heat-pump-noise-rules"/>
    <published>2026-11-28T09:00:00Z</published>
    <updated>2026-11-28T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;Permitted development now allows &lt;b&gt;heat pump noise&lt;/b&gt; up to 42 dB at the neighbour's window. Installers welcome the change.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Hydrogen boilers trial ends early</title>
    <id>tag:heatingtrade.example,2026:1002</id>
    <link href="https://heatingtrade.example/news/hydrogen-trial-ends"/>
    <published>2026-11-20T08:30:00Z</published>
    <updated>2026-11-20T08:30:00Z</updated>
    <summary>The village trial of hydrogen boilers closes a year early. Boiler service engineers say customers asked about it for months.</summary>
  </entry>
  <entry>
    <title>Boiler Upgrade Scheme grant rises again</title>
    <id>tag:heatingtrade.example,2026:0990</id>
    <link href="https://heatingtrade.example/news/bus-grant-rises"/>
    <published>2026-10-20T08:00:00Z</published>
    <updated>2026-10-20T08:00:00Z</updated>
    <summary>Heat pump noise and running costs remain the top worries of homeowners, the survey finds.</summary>
  </entry>
</feed>
"""

RSS2 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Bristol Boiler Co. blog</title>
    <link>https://bristolboiler.example/</link>
    <description>A competitor's blog</description>
    <item>
      <title>Smart thermostat savings: our numbers</title>
      <link>https://bristolboiler.example/blog/smart-thermostat-savings</link>
      <guid isPermaLink="true">https://bristolboiler.example/blog/smart-thermostat-savings</guid>
      <pubDate>Thu, 26 Nov 2026 10:00:00 +0000</pubDate>
      <description>&lt;p&gt;A smart thermostat cut gas use by 9% in our customers' homes. Does a smart thermostat work with a heat pump? Mostly.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Hydrogen boilers: what we tell customers</title>
      <link>https://bristolboiler.example/blog/hydrogen-boilers</link>
      <guid isPermaLink="true">https://bristolboiler.example/blog/hydrogen-boilers</guid>
      <pubDate>Sat, 21 Nov 2026 10:00:00 +0000</pubDate>
      <description>Hydrogen boilers are not coming to Bristol soon. Book a boiler service instead.</description>
    </item>
    <item>
      <title>Heat pump noise rules relaxed for terraced homes</title>
      <link>https://heatingtrade.example/news/heat-pump-noise-rules</link>
      <guid isPermaLink="false">bbc-share-77</guid>
      <pubDate>Sat, 28 Nov 2026 12:00:00 +0000</pubDate>
      <description>Shared from Heating Trade Weekly.</description>
    </item>
  </channel>
</rss>
"""

RSS1 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://homeownersforum.example/heating">
    <title>Homeowners Forum: Heating</title>
    <link>https://homeownersforum.example/heating</link>
    <description>Questions from homeowners</description>
    <items><rdf:Seq>
      <rdf:li rdf:resource="https://homeownersforum.example/t/501"/>
      <rdf:li rdf:resource="https://homeownersforum.example/t/502"/>
      <rdf:li rdf:resource="https://homeownersforum.example/t/503"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://homeownersforum.example/t/501">
    <title>How loud is an air source heat pump at night?</title>
    <link>https://homeownersforum.example/t/501</link>
    <dc:date>2026-11-27T21:15:00Z</dc:date>
    <description>Our neighbour worries about heat pump noise. Any real numbers?</description>
  </item>
  <item rdf:about="https://homeownersforum.example/t/502">
    <title>Leaking radiator valve</title>
    <link>https://homeownersforum.example/t/502</link>
    <dc:date>2026-11-25T18:00:00Z</dc:date>
    <description>Why does my radiator valve drip after bleeding? It started last week.</description>
  </item>
  <item rdf:about="https://homeownersforum.example/t/503">
    <title>Smart thermostat with an old combi boiler</title>
    <link>https://homeownersforum.example/t/503</link>
    <dc:date>2026-11-24T07:45:00Z</dc:date>
    <description>Fitted a smart thermostat myself. Works fine so far.</description>
  </item>
</rdf:RDF>
"""

JSON_FEED = """{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Alerts: heat pump",
  "home_page_url": "https://alerts.example/",
  "items": [
    {
      "id": "alert-1",
      "url": "https://localnews.example/heat-pump-grants-bristol",
      "title": "Is the heat pump grant worth it for Bristol homes?",
      "content_html": "<p>Councillors debate the <em>grant</em> as heat pump noise complaints rise.</p>",
      "date_published": "2026-11-29T06:00:00Z"
    },
    {
      "id": "alert-2",
      "url": "https://localnews.example/smart-thermostat-offer",
      "title": "Energy firm offers free smart thermostat",
      "content_text": "Customers switching this winter get a smart thermostat.",
      "date_published": "2026-11-23T06:00:00Z"
    }
  ]
}
"""

HTML = "<!doctype html><html><head><title>Welcome</title></head><body><p>Our new website!</p></body></html>"

ETAG = '"atom-v1"'
LAST_MODIFIED = "Sat, 28 Nov 2026 12:00:00 GMT"


class FeedServer:
    def __init__(self):
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.broken: set[str] = set()  # paths that answer 500 from now on
        self.delay = 3.0  # seconds /slow.xml waits
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                server.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path in self.broken or path == "/broken.xml":
            return self.send(h, 500, b"Internal Server Error", "text/plain")
        if path == "/atom.xml":
            if h.headers.get("If-None-Match") == ETAG:
                return self.send(h, 304, b"", None, {"ETag": ETAG})
            return self.send(
                h, 200, ATOM.encode(), "application/atom+xml", {"ETag": ETAG}
            )
        if path == "/old-rss":
            return self.send(h, 301, b"", None, {"Location": "/rss2.xml"})
        if path == "/rss2.xml":
            if h.headers.get("If-Modified-Since") == LAST_MODIFIED:
                return self.send(h, 304, b"", None)
            return self.send(
                h,
                200,
                RSS2.encode(),
                "application/rss+xml; charset=utf-8",
                {"Last-Modified": LAST_MODIFIED},
            )
        if path == "/forum.rdf":  # no validators: always the whole feed
            return self.send(h, 200, RSS1.encode(), "application/rdf+xml")
        if path == "/alerts.json":
            return self.send(h, 200, JSON_FEED.encode(), "application/feed+json")
        if path == "/slow.xml":
            time.sleep(self.delay)
            return self.send(h, 200, ATOM.encode(), "application/atom+xml")
        if path == "/news.html":
            return self.send(h, 200, HTML.encode(), "text/html; charset=utf-8")
        if path == "/huge.xml":  # chunked, no length: the size is only known by reading
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
            try:
                head = b'<rss version="2.0"><channel>'
                h.wfile.write(f"{len(head):x}\r\n".encode() + head + b"\r\n")
                for _ in range(1000):  # 65 MB if nobody stops reading
                    h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                h.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        return self.send(h, 404, b"Not Found", "text/plain")

    @staticmethod
    def send(
        h,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict | None = None,
    ):
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        if status != 304:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                h.wfile.write(body)
