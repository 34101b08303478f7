"""Which topics a document belongs to: named in its `topics:` line (by slug
or title), or through its category or one of its tags (by name or slug),
each topic once, in the order the settings list them."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pelican_pullmarketing.topics.model import SpecLookup, TopicSpec

SPECS = [
    TopicSpec(slug="heat-pumps", title="Heat Pumps", tags=("ASHP", "heat-pump")),
    TopicSpec(slug="boilers", title="Boilers", categories=("Boilers",)),
    TopicSpec(slug="grants", title="Grants and Schemes", tags=("BUS grant",)),
    TopicSpec(slug="bathrooms", title="Bathrooms", categories=("Plumbing",)),
]


def wrapper(name, slug=None):
    return SimpleNamespace(name=name, slug=slug or name.lower().replace(" ", "-"))


def doc(topics=(), category=None, tags=()):
    metadata = {"topics": list(topics)} if topics else {}
    return SimpleNamespace(
        metadata=metadata,
        category=wrapper(*category) if category else None,
        tags=[wrapper(*t) for t in tags],
    )


@pytest.mark.parametrize(
    "document, expected",
    [
        (doc(), []),
        (doc(topics=["grants"]), ["grants"]),  # by slug
        (doc(topics=["grants AND schemes"]), ["grants"]),  # by title, any case
        (doc(category=("boilers",)), ["boilers"]),  # category by name
        (doc(category=("Plumbing & Heating", "plumbing")), ["bathrooms"]),  # by slug
        (doc(tags=[("ashp",)]), ["heat-pumps"]),
        (doc(tags=[("Air source", "heat-pump")]), ["heat-pumps"]),  # tag slug
        # Several routes to one topic: listed once; topics in settings order.
        (
            doc(
                topics=["Bathrooms", "heat-pumps"],
                category=("Boilers",),
                tags=[("BUS grant",), ("ASHP",)],
            ),
            ["heat-pumps", "boilers", "grants", "bathrooms"],
        ),
        (doc(topics=["Nothing like it"], tags=[("solar",)]), []),
    ],
)
def test_a_documents_topics(document, expected):
    assert SpecLookup(SPECS).slugs_of(document) == expected
