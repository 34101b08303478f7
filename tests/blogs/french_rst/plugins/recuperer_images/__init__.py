"""Télécharge les images distantes citées dans les billets (plugin maison).

In this fixture the "download" only writes a marker file, so tests can tell
whether the plugin's receivers ran: RECUPERER_IMAGES_MARQUEUR names it
(default: ``.recuperer_images`` beside the settings file's content folder).
"""

import os

from pelican import signals


def _marquer(settings, quand):
    chemin = settings.get("RECUPERER_IMAGES_MARQUEUR") or os.path.join(
        os.path.dirname(settings["PATH"]), ".recuperer_images"
    )
    with open(chemin, "a", encoding="utf-8") as fh:
        fh.write(quand + "\n")


def au_demarrage(pelican):
    _marquer(pelican.settings, "initialized")


def apres_les_billets(generator):
    _marquer(generator.settings, "article_generator_finalized")


def register():
    signals.initialized.connect(au_demarrage)
    signals.article_generator_finalized.connect(apres_les_billets)
