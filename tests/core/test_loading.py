from __future__ import annotations

from pelican.settings import read_settings

from pelican import Pelican
from pelican.plugins import signals
from tests.conftest import disconnect_signals


def receiver_counts(site, plugins) -> dict[str, int]:
    disconnect_signals()
    Pelican(read_settings(path=None, override=site.settings(PLUGINS=plugins)))
    counts = {
        name: len(sig.receivers)
        for name, sig in vars(signals).items()
        if hasattr(sig, "receivers") and hasattr(sig, "send")
    }
    disconnect_signals()
    return counts


def test_each_feature_loads_alone(site):
    from pelican_pullmarketing import FEATURES

    assert "watch" in FEATURES
    assert "cards" in FEATURES
    assert {"business", "images"} <= set(FEATURES)
    assert "conversation" in FEATURES
    for feature in FEATURES:
        counts = receiver_counts(site, [f"pelican_pullmarketing.{feature}"])
        # core plumbing is always there: settings are validated once at start-up
        assert counts["initialized"] == 1, feature


def test_listing_package_and_features_connects_each_receiver_once(site):
    once = receiver_counts(site, ["pelican_pullmarketing"])
    twice = receiver_counts(
        site,
        [
            "pelican_pullmarketing",
            "pelican_pullmarketing.keywords",
            "pelican_pullmarketing.seo",
            "pelican.plugins.pullmarketing",
            "pelican_pullmarketing",
        ],
    )
    assert once == twice


def test_one_initialized_receiver_whatever_the_site_loads(site):
    """The settings are validated once, by core: no feature connects its own
    start-up receiver (each has a ``start(build)`` core calls)."""
    for plugins in (
        ["pelican_pullmarketing"],
        ["pelican_pullmarketing.seo"],
        ["pelican_pullmarketing.keywords", "pelican_pullmarketing.gates"],
        ["pelican_pullmarketing.watch"],
        ["pelican_pullmarketing.topics", "pelican_pullmarketing.watch"],
        ["pelican_pullmarketing.seo", "pelican_pullmarketing.cards"],
        ["pelican_pullmarketing.business", "pelican_pullmarketing.images"],
        ["pelican_pullmarketing.conversation"],
        ["pelican_pullmarketing.crosspost", "pelican_pullmarketing.conversation"],
    ):
        assert receiver_counts(site, plugins)["initialized"] == 1, plugins


def test_every_feature_registers_the_same_way():
    import inspect
    from importlib import import_module

    from pelican_pullmarketing import FEATURES

    shapes = {
        inspect.getsource(
            import_module(f"pelican_pullmarketing.{name}").register
        ).replace(f'"{name}"', '"<feature>"')
        for name in FEATURES
    }
    assert len(shapes) == 1, shapes
    assert "core.register(" in shapes.pop()


def test_the_conversation_connects_its_one_receiver_once(site):
    """Alone or with the package listed too, the conversation adds one
    receiver of its own (``all_generators_finalized``: the articles'
    rendering data) to core's, and no start-up receiver."""
    core_only = receiver_counts(
        site, ["pelican_pullmarketing.cards"]
    )  # none of its own
    alone = receiver_counts(site, ["pelican_pullmarketing.conversation"])
    assert (
        alone["all_generators_finalized"] == core_only["all_generators_finalized"] + 1
    )
    assert alone["initialized"] == 1
    both = receiver_counts(
        site, ["pelican_pullmarketing.conversation", "pelican_pullmarketing"]
    )
    assert both == receiver_counts(site, ["pelican_pullmarketing"])
