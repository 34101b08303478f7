"""The menu's entries for topic hubs (bundled theme): with topics that have
hub pages, the menu leads to the hubs instead of the category pages they
cover. Names are compared as the topics feature compares them (plain text,
case folded, name or slug), so a category is recognised however its name is
written in the settings."""

from __future__ import annotations

from .. import build
from ..text import field_text


def _key(name) -> str:
    return field_text(str(name)).casefold()


def menu_hubs(topics, categories) -> dict:
    """``{"hubs": [(topic, label)], "covered": {category slug}}``: each
    topic with a hub page, labelled with its category's name when it has
    exactly one (shorter), else its title; the slugs of the categories
    (``categories`` as Pelican gives them: (category, articles) pairs) that
    some hub covers. Every page's menu asks: made once a build."""
    return build.template_answer("menu_hubs", _menu_hubs, topics, categories)


def _menu_hubs(topics, categories) -> dict:
    hubs, covered = [], set()
    wanted = {}
    for topic in topics or ():
        if not getattr(topic, "save_as", None):
            continue
        names = list(getattr(topic, "categories", ()) or ())
        label = names[0] if len(names) == 1 else topic.title
        hubs.append((topic, label))
        for name in names:
            wanted[_key(name)] = topic
    for entry in categories or ():
        category = entry[0] if isinstance(entry, (tuple, list)) else entry
        keys = {_key(category.name), _key(category.slug)}
        if keys & wanted.keys():
            covered.add(category.slug)
    return {"hubs": hubs, "covered": covered}
