"""Write the sample site's white paper, content/papers/heat-pump-guide.pdf.

Standard library only: a small, valid PDF 1.4 with the built-in Helvetica
fonts (nothing embedded), so the sample site ships a genuine paper that anyone
can regenerate and diff. Output is byte-identical on every run (no dates).

    python sample_site/make_white_paper.py
"""

from __future__ import annotations

import os
import sys

OUT = os.path.join(
    os.path.dirname(__file__), "content", "papers", "heat-pump-guide.pdf"
)

TITLE = "Is your home ready for a heat pump?"
SUBTITLE = "A practical guide for Bristol homeowners"
FIRM = "Harbour Heating & Plumbing"
EDITION = "2026 edition"

# The paper: ("h", heading) | ("p", paragraph) | ("b", bullet) | ("gap", "")
BODY = [
    ("h", "Why we wrote this guide"),
    (
        "p",
        "Most of the heat pump enquiries we get start with the same three questions: will it keep my house warm, what will it cost to run, and is my home suitable? After fitting heat pumps around Bristol since 2019, we have found that the honest answer depends far more on the house than on the heat pump. This guide walks you through the checks we make on a survey, so that you can judge your own home before anyone visits.",
    ),
    (
        "p",
        "It is written for owners of ordinary Bristol homes: Victorian terraces in Bedminster and Easton, 1930s semis in Horfield, post-war houses in Knowle and newer estates at the edge of the city.",
    ),
    ("h", "1. How a heat pump heats a house"),
    (
        "p",
        "An air source heat pump moves heat from the outside air into your heating water, in the same way a fridge moves heat out of its cabinet. For every unit of electricity it uses, a well designed system delivers around three units of heat over a year. That ratio is called the seasonal coefficient of performance, or SCOP.",
    ),
    (
        "p",
        "The key difference from a gas boiler is temperature. A boiler heats radiator water to 70 °C or more, so a small radiator gets very hot. A heat pump is most efficient at 35 to 50 °C, so it heats the house more gently, for longer, with larger emitters. Houses heated this way feel evenly warm rather than hot near the radiators and cool elsewhere.",
    ),
    ("h", "2. Heat loss comes first"),
    (
        "p",
        "Every house loses heat through its walls, roof, floor, windows and draughts. The heat pump must replace that heat on the coldest days (we design for about -2 °C in Bristol). A room-by-room heat loss calculation is the foundation of a good installation: it decides the size of the heat pump and the size of every radiator.",
    ),
    (
        "p",
        "Cheap, sensible improvements before you fit a heat pump often pay for themselves:",
    ),
    ("b", "Loft insulation topped up to 270 mm."),
    ("b", "Cavity walls filled, where you have them and they are suitable."),
    ("b", "Draughts stopped around doors, letterboxes, floorboards and old chimneys."),
    ("b", "Secondary glazing or heavy curtains for single-glazed sash windows."),
    (
        "p",
        "You do not need a new-build standard of insulation. Solid-walled Victorian houses run heat pumps well, provided the radiators are sized for the heat loss.",
    ),
    ("h", "3. Radiators and pipes"),
    (
        "p",
        "Because the water is cooler, some radiators need to be larger. On a typical survey we replace between a third and a half of the radiators, usually with deeper double-panel models that fit the same spaces. Underfloor heating works very well with a heat pump where you already have it or are renovating a floor.",
    ),
    (
        "p",
        "Old 8 mm and 10 mm microbore pipes can restrict the flow a heat pump needs. We check the pipe sizes on the survey and, where necessary, replace the main runs while the floors are up for other work.",
    ),
    ("h", "4. Hot water"),
    (
        "p",
        "A heat pump heats a hot water cylinder rather than heating water on demand like a combi boiler. If you have a combi today, you will need space for a cylinder of around 180 to 250 litres, usually in an airing cupboard, a loft room or a corner of the utility. The cylinder is heated once or twice a day, often overnight on a cheaper tariff.",
    ),
    ("h", "5. Where the outdoor unit goes"),
    (
        "p",
        "The outdoor unit is about the size of a large suitcase on its side. It needs free air around it, a solid base and a short pipe run to the house. Front gardens, side returns and back yards all work. Modern units are quiet: at a few metres most are no louder than a fridge. Most installations are permitted development, but listed buildings and conservation areas need a check with the council before work starts.",
    ),
    ("h", "6. Costs and the grant"),
    (
        "p",
        "In our recent Bristol installations a complete air source system, fitted, has cost between about £9,500 and £15,500 before any grant, depending on the size of the house and how much of the radiator system needs work.",
    ),
    (
        "p",
        "In England and Wales the Boiler Upgrade Scheme has offered a £7,500 grant towards an air source or ground source heat pump, paid to the installer and taken off your bill. To qualify the installer must be MCS certified and the home needs a valid Energy Performance Certificate. Grant amounts and rules change, so check the current terms on GOV.UK before you plan your budget.",
    ),
    ("h", "7. Running costs"),
    (
        "p",
        "Running costs depend on the house, the design and the tariff. With a SCOP of 3, each unit of heat costs about a third of the electricity price. A heat pump tariff with cheaper hours, and settings that keep the flow temperature low, typically save more than any other single change. Avoid turning the heating off and on again in the way you might with a boiler: steady, lower temperatures are cheaper.",
    ),
    ("h", "8. What happens on a survey"),
    ("b", "We measure every room and note walls, windows, floors and ventilation."),
    ("b", "We calculate the heat loss room by room and size the heat pump to it."),
    ("b", "We check every radiator and the main pipe runs against that heat loss."),
    ("b", "We agree the positions of the outdoor unit and the hot water cylinder."),
    (
        "b",
        "You get a written quote with the design, the expected running cost and the grant.",
    ),
    ("h", "Your readiness checklist"),
    ("b", "Loft insulation at 270 mm or close to it."),
    ("b", "Cavity walls filled, or solid walls with draughts dealt with."),
    ("b", "A space for a hot water cylinder."),
    ("b", "A place outside for the unit with a short route into the house."),
    (
        "b",
        "A recent Energy Performance Certificate with no outstanding insulation recommendations.",
    ),
    ("b", "A budget that allows for some larger radiators."),
    (
        "p",
        "If you can tick most of these, your home is very likely ready for a heat pump.",
    ),
    ("h", "About Harbour Heating & Plumbing"),
    (
        "p",
        "We are heating engineers in Bristol and have been since 1998. We are MCS certified for heat pumps and Gas Safe registered for boilers, so we will tell you honestly when a new boiler is the better choice for your home.",
    ),
    (
        "p",
        "Book a free heat pump survey: 0117 496 0472, hello@harbourheating.example, or visit us at Unit 4, Feeder Road, St Philips, Bristol BS2.",
    ),
]

# Helvetica glyph widths (1/1000 em) for the characters we use; others 556.
_W = {
    " ": 278,
    "!": 278,
    '"': 355,
    "#": 556,
    "%": 889,
    "&": 667,
    "'": 191,
    "(": 333,
    ")": 333,
    "*": 389,
    "+": 584,
    ",": 278,
    "-": 333,
    ".": 278,
    "/": 278,
    ":": 278,
    ";": 278,
    "?": 556,
    "@": 1015,
    "£": 556,
    "°": 400,
    "–": 556,
    "—": 1000,
    "’": 222,
    "“": 333,
    "”": 333,
    "•": 350,
    "I": 278,
    "J": 500,
    "L": 556,
    "F": 611,
    "T": 611,
    "Z": 611,
    "A": 667,
    "B": 667,
    "E": 667,
    "K": 667,
    "P": 667,
    "S": 667,
    "V": 667,
    "X": 667,
    "Y": 667,
    "C": 722,
    "D": 722,
    "H": 722,
    "N": 722,
    "R": 722,
    "U": 722,
    "G": 778,
    "O": 778,
    "Q": 778,
    "M": 833,
    "W": 944,
    "f": 278,
    "i": 222,
    "j": 222,
    "l": 222,
    "r": 333,
    "t": 278,
    "m": 833,
    "w": 722,
    "c": 500,
    "k": 500,
    "s": 500,
    "v": 500,
    "x": 500,
    "y": 500,
    "z": 500,
}

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN = 64
TEXT_W = PAGE_W - 2 * MARGIN


def width(text: str, size: float, bold: bool = False) -> float:
    em = sum(_W.get(ch, 556) for ch in text) / 1000 * size
    return em * (1.06 if bold else 1.0)  # Helvetica-Bold runs a little wider


def wrap(text: str, size: float, limit: float, bold: bool = False) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and width(candidate, size, bold) > limit:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return (
        b"("
        + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


class Pages:
    """Lays text out top to bottom and starts a new page when one is full."""

    def __init__(self):
        self.pages: list[list[bytes]] = []
        self.new_page()

    def new_page(self):
        self.ops: list[bytes] = []
        self.pages.append(self.ops)
        self.y = PAGE_H - MARGIN

    def text(self, x: float, y: float, s: str, font: str, size: float, grey=0.0):
        self.ops.append(
            f"BT {grey:.2f} g /{font} {size} Tf {x:.1f} {y:.1f} Td ".encode()
            + pdf_string(s)
            + b" Tj ET"
        )

    def need(self, height: float):
        if self.y - height < MARGIN + 30:
            self.new_page()

    def heading(self, s: str):
        self.need(60)
        self.y -= 16
        for line in wrap(s, 15, TEXT_W, bold=True):
            self.text(MARGIN, self.y, line, "F2", 15, grey=0.1)
            self.y -= 20
        self.y -= 2

    def paragraph(self, s: str, indent: float = 0, bullet: bool = False):
        lines = wrap(s, 10.5, TEXT_W - indent)
        self.need(15 * min(len(lines), 3))
        for i, line in enumerate(lines):
            self.need(15)
            if bullet and i == 0:
                self.text(MARGIN + indent - 12, self.y, "•", "F1", 10.5)
            self.text(MARGIN + indent, self.y, line, "F1", 10.5)
            self.y -= 15
        self.y -= 3 if bullet else 8


def layout() -> list[list[bytes]]:
    doc = Pages()
    # Cover page
    doc.ops.append(b"0.82 0.27 0.13 rg 0 642 595 200 re f")
    doc.text(MARGIN, 760, FIRM, "F2", 14, grey=1.0)
    doc.text(MARGIN, 738, "Heating engineers in Bristol since 1998", "F1", 11, grey=1.0)
    y = 560
    for line in wrap(TITLE, 30, TEXT_W, bold=True):
        doc.text(MARGIN, y, line, "F2", 30)
        y -= 38
    doc.text(MARGIN, y - 6, SUBTITLE, "F1", 16, grey=0.25)
    doc.text(MARGIN, 120, EDITION, "F1", 11, grey=0.35)
    doc.text(
        MARGIN,
        102,
        "0117 496 0472  ·  hello@harbourheating.example",
        "F1",
        11,
        grey=0.35,
    )
    doc.new_page()
    previous = None
    for kind, text in BODY:
        if previous == "b" and kind != "b":
            doc.y -= 6  # air after a list
        previous = kind
        if kind == "h":
            doc.heading(text)
        elif kind == "b":
            doc.paragraph(text, indent=16, bullet=True)
        else:
            doc.paragraph(text)
    return doc.pages


def build_pdf() -> bytes:
    pages = layout()
    total = len(pages)
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    font_regular = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    font_bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    for number, ops in enumerate(pages, start=1):
        if number > 1:  # footer on every page but the cover
            footer = f"{FIRM}  ·  {TITLE}"
            ops = ops + [
                b"BT 0.45 g /F1 8.5 Tf "
                + f"{MARGIN} 40 Td ".encode()
                + pdf_string(footer)
                + b" Tj ET",
                b"BT 0.45 g /F1 8.5 Tf "
                + f"{PAGE_W - MARGIN - 40} 40 Td ".encode()
                + pdf_string(f"{number} / {total}")
                + b" Tj ET",
            ]
        stream = b"\n".join(ops)
        content = add(
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << /F1 {font_regular} 0 R /F2 {font_bold} 0 R >> >> "
                f"/Contents {content} 0 R >>".encode()
            )
        )
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    ).encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    info = add(
        b"<< /Title "
        + pdf_string(f"{TITLE} {SUBTITLE}")
        + b" /Author "
        + pdf_string(FIRM)
        + b" /Subject "
        + pdf_string(
            "Heat pumps for homeowners: heat loss, radiators, hot water, costs, grants"
        )
        + b" >>"
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def main() -> int:
    data = build_pdf()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as fh:
        fh.write(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
