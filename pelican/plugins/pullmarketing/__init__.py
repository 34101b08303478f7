"""Namespace-plugin entry: Pelican finds ``pelican.plugins.pullmarketing`` when
``PLUGINS`` is unset, or by the short name ``pullmarketing``."""

from pelican_pullmarketing import register

__all__ = ["register"]
