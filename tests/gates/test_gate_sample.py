"""The sample site's white paper: a genuine PDF the project regenerates
byte for byte, published only behind its gate."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from pelican.settings import read_settings

from pelican import Pelican

SAMPLE_SITE = Path(__file__).resolve().parents[2] / "sample_site"
PAPER = SAMPLE_SITE / "content" / "papers" / "heat-pump-guide.pdf"


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "make_white_paper", SAMPLE_SITE / "make_white_paper.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_paper_is_what_the_script_writes():
    assert load_generator().build_pdf() == PAPER.read_bytes()


def test_paper_is_a_well_formed_pdf_with_real_text():
    data = PAPER.read_bytes()
    assert data.startswith(b"%PDF-1.4\n") and data.rstrip().endswith(b"%%EOF")
    # Every cross-reference entry points at the object it names.
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF", data).group(1))
    assert data[startxref:].startswith(b"xref\n")
    entries = re.findall(rb"(\d{10}) 00000 n \n", data[startxref:])
    assert entries
    for number, offset in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(f"{number} 0 obj\n".encode())
    pages = int(
        re.search(rb"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)", data).group(1)
    )
    assert pages >= 3
    text = b" ".join(re.findall(rb"\((.*?)(?<!\\)\) Tj", data)).decode("cp1252")
    assert len(text.split()) > 1000
    for phrase in (
        "heat pump",
        "Harbour Heating & Plumbing",
        "Boiler Upgrade Scheme",
        "Bristol",
    ):
        assert phrase in text


def test_sample_site_publishes_the_paper_only_behind_its_gate(tmp_path, monkeypatch):
    monkeypatch.setenv("PULLMARKETING_GATE_SECRET", "sample-test")
    monkeypatch.chdir(SAMPLE_SITE)
    settings = read_settings(
        str(SAMPLE_SITE / "pelicanconf.py"),
        override={"OUTPUT_PATH": str(tmp_path / "out"), "CACHE_CONTENT": False},
    )
    Pelican(settings).run()  # the autouse fixture disconnects signals after
    out = tmp_path / "out"
    paper = PAPER.read_bytes()
    copies = [p for p in out.rglob("*") if p.is_file() and p.read_bytes() == paper]
    assert len(copies) == 1
    folder = copies[0].parent
    assert folder.parent.name == "downloads" and re.fullmatch(
        "[0-9a-f]{32}", folder.name
    )
    assert (folder / "index.html").is_file()
    assert not (out / "papers" / "heat-pump-guide.pdf").exists()
    assert (out / "papers" / "heat-pump-guide-cover.svg").is_file()
    landing = (out / "heat-pump-guide" / "index.html").read_text("utf-8")
    assert 'action="https://formspree.io/f/' in landing
    assert 'href="/privacy/"' in landing or "privacy/" in landing
