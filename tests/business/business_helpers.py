"""A firm's settings and HTML inspection shared by the business tests."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import html5lib

HERE = Path(__file__).resolve().parent
THEME_TESTS = HERE.parent / "theme"
if str(THEME_TESTS) not in sys.path:
    sys.path.insert(0, str(THEME_TESTS))

FIRM = {
    "name": "Severn Plumbing & Heating Ltd",
    "type": "Plumber",
    "telephone": "0117 496 0123",
    "email": "office@severn.example",
    "address": {
        "street": "12 Gloucester Road",
        "locality": "Bristol",
        "postcode": "BS7 8AA",
        "country": "GB",
    },
    "geo": {"latitude": 51.47, "longitude": -2.59},
    "area_served": ["Bristol", "Bath"],
    "opening_hours": ["Mo-Fr 08:00-18:00", "Sa 09:00-13:00"],
    "price_range": "££",
    "logo": "images/logo.png",
    "same_as": ["https://www.linkedin.com/company/severn-example/"],
    "call_to_action": {"text": "Book a free quote", "url": "pages/contact.html"},
    "accreditations": [
        {
            "name": "Gas Safe Register",
            "number": "123456",
            "url": "https://www.gassaferegister.co.uk/",
        }
    ],
}


def read_business(value):
    """The ``Business`` a build reads from ``value`` (None when unset), or
    the schema's ``InvalidSettings`` listing every problem."""
    from pelican_pullmarketing.business.model import SETTING, business_from
    from pelican_pullmarketing.settings import check_setting

    return business_from(check_setting(SETTING, value))


def firm(**changes) -> dict:
    value = copy.deepcopy(FIRM)
    value.update(changes)
    return value


def png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#0b4f8a").save(out, "PNG")
    return out.getvalue()


def parse(path: Path):
    return html5lib.parse(
        path.read_text(encoding="utf-8"),
        treebuilder="lxml",
        namespaceHTMLElements=False,
    )


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())
