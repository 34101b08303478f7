"""The firm as one schema.org node: the site's publisher, of the type the
owner chose (``Plumber``, ``HVACBusiness``, ... or ``Organization``).

Every value comes from the same ``Business`` the theme prints, so the NAP in
the footer and in the JSON-LD are the same bytes. No ``aggregateRating`` or
``review``: Google ignores (and may penalise) a firm's ratings of itself.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Business, read_business
from .nap import DAY_NAMES
from .types import PLACE_ONLY


def opening_hours_specification(business: Business) -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [DAY_NAMES[d] for d in hours.days],
            "opens": hours.opens,
            "closes": hours.closes,
        }
        for hours in business.opening_hours
    ]


def postal_address(business: Business) -> dict | None:
    a = business.address
    if a is None:
        return None
    return _drop_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": a.street,
            "addressLocality": a.locality,
            "addressRegion": a.region,
            "postalCode": a.postcode,
            "addressCountry": a.country,
        }
    )


def business_node(
    business: Business | dict,
    node_id: str | None,
    url: str | None,
    image: Callable[[str], dict | None],
) -> dict:
    """The site's node. ``image(value)`` makes an ``ImageObject`` of a path
    or URL from the settings (None when it cannot); the logo stands in for
    the image Google asks of a LocalBusiness when none is given."""
    if not isinstance(business, Business):
        business = read_business(business)
    logo = image(business.logo) if business.logo else None
    picture = image(business.image) if business.image else None
    geo = business.geo
    node = {
        "@type": business.type,
        "@id": node_id,
        "name": business.name,
        "url": url,
        "logo": logo,
        "image": picture or logo,
        "telephone": business.telephone,
        "email": business.email,
        "address": postal_address(business),
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": geo.latitude,
            "longitude": geo.longitude,
        }
        if geo
        else None,
        "areaServed": list(business.area_served),
        "openingHoursSpecification": opening_hours_specification(business),
        "priceRange": business.price_range,
        "sameAs": list(business.same_as),
    }
    if not business.is_local:
        for key in PLACE_ONLY:
            node.pop(key)
    return node  # empty values included: the writer leaves them out


def _drop_empty(node: dict) -> dict:
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}
