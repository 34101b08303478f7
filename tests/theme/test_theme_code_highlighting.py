"""Code is highlighted in both colour schemes: the classes Pygments writes
(Markdown's codehilite, reStructuredText's code-block and docutils' code
directive) get the colour of their group from tokens.css, each group its own
colour, every one at 4.5:1 or more on the code background. Measured in
Chromium on a built page."""

from __future__ import annotations

import pytest
from test_theme_contrast import contrast
from theme_helpers import theme_settings

from verify.browser import BrowserMissing, chromium, chromium_path

MARKDOWN = '''
Title: Checking boiler pressure
Date: 2024-03-04 10:00
Category: Code
Slug: pressure

```python
# bar when the heating is cold
@dataclass
class Gauge(Base):
    def ok(self, bar: float = 1.5) -> bool:
        """Most combi boilers want 1 to 1.5 bar."""
        return 1.0 <= bar and "combi" is not None
```

```diff
-pressure = 0.5
+pressure = 1.2
```
'''

RST = """
Reading the gauge
#################

:date: 2024-03-05 10:00
:category: Code
:slug: gauge

.. code-block:: python

   import os
   limit = 42  # bar x 10

.. code:: python

   def read(): return 'ok'
"""

# one span of each group, by the element it is found in
GROUPS = {
    "keyword": ".k, .kn",
    "string": ".s2, .s1",
    "number": ".mf, .mi",
    "name": ".nf",
    "comment": ".c1",
    "inserted": ".gi",
    "deleted": ".gd",
}

PROBE = """() => {
  const rgb = (c) => c.match(/\\d+/g).slice(0, 3).map(Number);
  const style = (el) => getComputedStyle(el);
  const out = {};
  for (const [scope, [sel, index]] of Object.entries(SCOPES)) {
    const pre = document.querySelectorAll(sel)[index];
    out[scope] = {
      text: rgb(style(pre).color),
      background: rgb(style(pre).backgroundColor),
      groups: {},
    };
    for (const [group, classes] of Object.entries(GROUPS)) {
      const span = pre.querySelector(classes);
      if (span) out[scope].groups[group] = {
        color: rgb(style(span).color), italic: style(span).fontStyle === 'italic'};
    }
  }
  return out;
}"""


def hex_of(rgb: list[int]) -> str:
    return "#" + "".join(f"{v:02x}" for v in rgb)


@pytest.fixture(scope="module")
def browser():
    try:
        chromium_path()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    with chromium() as launched:
        yield launched


def measure(browser, page_file, scopes: dict[str, str], scheme: str) -> dict:
    import json

    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        script = PROBE.replace("SCOPES", json.dumps(scopes)).replace(
            "GROUPS", json.dumps(GROUPS)
        )
        return page.evaluate(script)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_token_group_has_its_own_readable_colour(site, browser, scheme):
    site.write("pressure.md", MARKDOWN)
    site.write("gauge.rst", RST)
    out = site.build(**theme_settings(SITEURL="", RELATIVE_URLS=True))
    markdown = measure(
        browser,
        out / "pressure.html",
        {"python": [".highlight pre", 0], "diff": [".highlight pre", 1]},
        scheme,
    )
    rst = measure(
        browser,
        out / "gauge.html",
        {"code-block": [".highlight pre", 0], "code": ["pre.code", 0]},
        scheme,
    )
    python, diff = markdown["python"], markdown["diff"]
    groups = {**python["groups"], **diff["groups"]}
    assert set(groups) == set(GROUPS), sorted(set(GROUPS) - set(groups))
    colours = {group: hex_of(found["color"]) for group, found in groups.items()}
    text = hex_of(python["text"])
    background = hex_of(python["background"])
    assert len(set(colours.values())) == len(GROUPS), colours
    for group, colour in colours.items():
        assert colour != text, f"{group} is not highlighted in {scheme}"
        assert contrast(colour, background) >= 4.5, (group, colour, background)
    assert groups["comment"]["italic"]
    # reStructuredText gets the same colours, with or without the .highlight wrapper
    for scope, expected in (
        ("code-block", ("keyword", "number", "comment")),
        ("code", ("keyword", "name", "string")),
    ):
        found = rst[scope]["groups"]
        assert {g: hex_of(found[g]["color"]) for g in expected} == {
            g: colours[g] for g in expected
        }, scope
        assert hex_of(rst[scope]["background"]) == background, scope
