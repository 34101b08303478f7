"""The plugin's attributes on Pelican's documents cost no dict of their own.

CPython (3.11 on) keeps an object's attributes inline while their names are
in its class's table of shared names; Pelican's first few documents fill
that table, and a document given a name that is not in it gets a dict of
its own (about 1.3 KB: 26 MB at 20,000 articles). ``core`` makes room for
the plugin's names when the first document of a class is read. The build
runs in a fresh interpreter: the table belongs to the class, for the whole
process, and other tests' documents fill it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = r"""
import gc, json, sys
from pelican import Pelican, signals
from pelican.settings import read_settings

def own_dict(obj):
    return any(isinstance(r, dict) and "source_path" in r for r in gc.get_referents(obj))

class Probe:
    pass

probe = Probe()
for n in range(5):
    setattr(probe, f"a{n}", n)
found = {"inline_python": not any(isinstance(r, dict) for r in gc.get_referents(probe))}

docs = []

def keep(generators):
    docs.extend(d for g in generators for attr in ("articles", "pages")
                for d in getattr(g, attr, None) or ())

def check(pelican):
    found["documents"] = len(docs)
    found["with_topics"] = sum(hasattr(d, "pm_topics") for d in docs)
    found["with_own_dict"] = sorted(d.slug for d in docs if own_dict(d))

settings = read_settings(path=None, override=json.loads(sys.argv[1]))
pelican = Pelican(settings)
signals.all_generators_finalized.connect(keep)
signals.finalized.connect(check)
pelican.run()
print(json.dumps(found))
"""


def build_in_fresh_python(settings: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_documents_keep_their_attributes_inline(site):
    for n in range(12):
        site.article(
            f"post-{n:02d}",
            f"Text of post {n}.",
            category=f"Topic {n % 3}",
            tags=f"tag{n % 4}",
        )
    site.page("about", "About us.")
    found = build_in_fresh_python(site.settings())
    if not found["inline_python"]:
        pytest.skip("this Python keeps a dict for every object")
    assert found["documents"] == 13
    assert found["with_topics"] == 13  # the plugin's attributes are there
    assert found["with_own_dict"] == []
