"""A corpus of hostile text and the blog that carries it.

``NASTY`` holds each string a security reviewer of a publishing tool tries: a
script, an attribute break-out, a script and a CDATA end, an opening comment,
entities that must stay text, bare angle brackets, both quotes and a
backslash, C0 control characters (NUL among them), the Unicode line and
paragraph separators, a right-to-left override, combining marks and emoji
with skin-tone modifiers. ``HOSTILE`` is all of them in one line.

``write_blog(site, text, ...)`` writes the same blog twice over: once with
``HOSTILE`` (the hostile build) and once with ``HARMLESS``, text of the same
shape with nothing to escape (the reference build). Plain-text fields carry
the text raw; the HTML fields (title, summary, body) carry it as escaped
text, in entities, code spans and fenced code, as an author pasting a code
sample writes it. Markdown and reStructuredText both.
"""

from __future__ import annotations

import html

NASTY = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>",
    "]]>",
    "<!--",
    "&amp;",
    "&lt;b&gt;",
    "a < b > c",
    "\"double\" 'single' back\\slash",
    "nul\x00ctl\x01\x07\x08\x0b\x0c\x1b\x1f",
    "line\u2028para\u2029",
    "rlo\u202eevil",
    "e\u0301a\u0308",
    "\U0001f44d\U0001f3fd \U0001f469\U0001f3ff\u200d\U0001f4bb",
)
HOSTILE = " ".join(NASTY)

# The same number of words, nothing to escape, no control characters.
HARMLESS = " ".join(
    (
        "scriptalert1script",
        "imgsrcx onerroralert1",
        "scriptscript",
        "cdata",
        "comment",
        "ampersand",
        "ltbgt",
        "a lt b gt c",
        "double single backslash",
        "nulctl",
        "lineparagraph",
        "rloevil",
        "ea",
        "thumbs technologist",
    )
)

# C0 controls other than tab, line feed and carriage return: XML 1.0 and HTML
# forbid them, so every output drops them.
C0 = {chr(c) for c in range(0x20)} - {"\t", "\n", "\r"}


def without_controls(text: str) -> str:
    return "".join(c for c in text if c not in C0)


def expected_text(text: str) -> str:
    """What a plain-text field holds once written: the text without C0
    controls, whitespace folded (fields are one line)."""
    return " ".join(without_controls(text).split())


def _md_meta(value: str) -> str:
    # A Markdown metadata value is one line: the separators would end it.
    return value.replace("\u2028", " ").replace("\u2029", " ")


def write_blog(site, text: str) -> dict:
    """Write a blog that puts ``text`` in every field; return the settings
    that put it in every setting too (every feature on)."""
    escaped = html.escape(text, quote=False)
    one_line = _md_meta(text)
    # Pelican splits tag and author lists at commas, or at semicolons when
    # there are any: a name can hold neither.
    item = one_line.replace(",", " ").replace(";", " ")
    site.write("images/share.png", _PNG)
    site.write("papers/guide.pdf", b"%PDF-1.4\n% corpus paper\n%%EOF\n")
    body_md = f"""
        Intro paragraph about heat pumps: {escaped}.

        Inline code `{one_line}` and a keyword: heat pump costs.

        ```
        {one_line}
        {one_line}
        ```

        ## A heading with {escaped}

        Last words, {escaped}.
        """
    site.article(
        "hostile-md",
        body_md,
        title=_md_meta(escaped),
        category=one_line,
        tags=f"{item}, plain tag",
        author=item,
        summary=_md_meta(f"Summary with code `{one_line}` and {escaped}"),
        description=one_line,
        image="{static}/images/share.png",
        image_alt=one_line,
        focus_keywords=one_line,
        crosspost="all",
        date="2024-03-05 10:00",
    )
    for slug, title in (("long-title", long_title(text)), ("short-title", "Short")):
        # The same post twice, under a 10,000-character title and a short one.
        site.article(
            slug,
            "A post whose title is very long, or not.",
            title=title,
            category="Heat pumps",
            date="2024-03-06 10:00",
        )
    site.article(
        "heat-pump-costs",
        "What a heat pump costs to run, with numbers.",
        title="Heat pump costs",
        category="Heat pumps",
        tags="heat pumps",
        date="2024-03-03 10:00",
    )
    site.write(
        "hostile-rst.rst",
        _RST.format(
            title=_rst_line(text),
            underline="=" * (2 * len(_rst_line(text))),
            category=_rst_line(text),
            author=_rst_line(text).replace(";", " ").replace(",", " "),
            description=_rst_line(text),
            code="\n".join("    " + line for line in text.splitlines() or [""]),
            text=_rst_line(text),
        ),
    )
    site.page(
        "guide",
        f"Our guide, for {escaped}.",
        title=_md_meta(escaped),
        gated_file="papers/guide.pdf",
        gate_button=one_line,
        gate_summary=one_line,
        description=one_line,
    )
    return {
        "SITENAME": "Corpus Firm",
        "STATIC_PATHS": ["images", "papers"],
        "DEFAULT_PAGINATION": 3,
        "PULLMARKETING_KEYWORDS": {
            "heat pump costs": "{filename}heat-pump-costs.md",
            text: "{filename}heat-pump-costs.md",
        },
        "PULLMARKETING_TOPICS": {
            "heating": {
                "title": text,
                "description": text,
                "categories": [one_line, "Heat pumps"],
            },
        },
        "PULLMARKETING_GATE": {"provider": "formspree", "form_id": "xbjnqkzd"},
        "PULLMARKETING_GATE_SECRET": "corpus-secret",
        "PULLMARKETING_PRIVACY_URL": "privacy/",
        "PULLMARKETING_DEFAULT_IMAGE": "images/share.png",
        "PULLMARKETING_PUBLISHER": {"type": "Organization", "name": text},
        "PULLMARKETING_AUTHORS": {item: {"role": text, "bio": text}},
        "PULLMARKETING_CROSSPOST_TARGETS": {
            "devto": {"tags": ["heating"], "footer": text + " {url}"},
            "mastodon": {"instance": "https://mastodon.example"},
            "bluesky": {"template": text + " {title} {url}"},
            "linkedin": {"author": "urn:li:person:abc123"},
            "x": {},
        },
    }


LONG_TITLE_LENGTH = 10_000


def long_title(text: str) -> str:
    """A title of exactly 10,000 characters of ``text`` (as the author's HTML:
    escaped), words and all."""
    escaped = html.escape(_md_meta(text), quote=False)
    title = ""
    while len(title) < LONG_TITLE_LENGTH:
        title += escaped + " "
    title = title[:LONG_TITLE_LENGTH]
    # Never end inside an entity or on a space.
    cut = title.rfind("&")
    if cut > title.rfind(";"):
        title = title[:cut]
    return title.rstrip().ljust(LONG_TITLE_LENGTH, "x")


def _rst_line(text: str) -> str:
    # reStructuredText reads a backslash as an escape: double it to keep it.
    return " ".join(_md_meta(text).split()).replace("\\", "\\\\")


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 630), (11, 92, 173)).save(out, "PNG")
    return out.getvalue()


_PNG = _png()


_RST = """\
{title}
{underline}

:date: 2024-03-07 10:00
:category: {category}
:author: {author}
:slug: hostile-rst
:description: {description}
:crosspost: all

Text with {text} in it.

.. code-block:: text

{code}

Inline literal ``{text}`` too.
"""
