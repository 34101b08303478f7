"""Namespace-plugin entry: Pelican finds ``pelican.plugins.pullmarketing`` when
``PLUGINS`` is unset (it then loads every installed namespace plugin), or by
the short name ``pullmarketing``. Loading this way says so once, at INFO.

``pyproject.toml`` lists ``pelican.plugins`` as a (namespace) package too: an
editable install's import finder then maps that folder, so Pelican's
discovery, which lists ``pelican.plugins.__path__``, finds this module in
editable installs as it does in normal ones.
"""

import logging

from pelican_pullmarketing import FEATURES
from pelican_pullmarketing import register as register_features

logger = logging.getLogger(__name__)


def register():
    register_features()
    logger.info(
        "pullmarketing: loaded as the Pelican namespace plugin %s (Pelican loads "
        "every installed namespace plugin while PLUGINS is unset): %s; to turn it "
        "off, set PLUGINS to the plugins you want, without it (PLUGINS = [] loads none)",
        __name__,
        ", ".join(FEATURES),
    )


__all__ = ["register"]
