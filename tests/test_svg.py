"""The partner hub's geometry: the centre is not a spoke and no line runs through a label."""

import xml.etree.ElementTree as ET

import pytest

from regiokaart.site.infographics.svg import hub

SVG = "{http://www.w3.org/2000/svg}"
PARTNERS = [
    ("Geweld hoort nergens thuis Noord-Holland Noord", "Trekker"),
    ("Veilig Thuis", "Melding en triage"),
    ("Politie", "Partner"),
    ("Raad voor de Kinderbescherming", "Partner"),
    ("Reclassering Nederland", "Projectleiding"),
    ("Zorggroep Oude en Nieuwe Land", "Systeemgesprekken"),
    ("Gemeente Noordoostpolder", "Partner"),
    ("Blijf Groep", "Partner"),
    ("Gemeente Zeewolde", "Partner"),
    ("Een organisatie met een heel erg lange naam die over drie regels moet", "Partner"),
]

Box = tuple[float, float, float, float]


def _label_boxes(root: ET.Element) -> list[tuple[str, Box]]:
    """Each text's bounding box, generously estimated: 0.62 em a character, ascent 1 em."""
    boxes = []
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size", "14"))
        x, y = float(text.get("x", "0")), float(text.get("y", "0"))
        width = len(text.text or "") * size * 0.62
        left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor")]
        boxes.append((text.text or "", (left, y - size, left + width, y + 0.3 * size)))
    return boxes


def _segment_hits_box(line: ET.Element, box: Box) -> bool:
    """Whether the segment crosses the box (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = (float(line.get(k, "0")) for k in ("x1", "y1", "x2", "y2"))
    left, top, right, bottom = box
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("count", [1, 2, 4, 10])
def test_no_hub_line_crosses_a_label(count: int) -> None:
    chart = hub("h", "Partners", "MDA++ Noord-Holland Noord", PARTNERS[:count])
    root = _parse(chart.svg)
    lines = list(root.iter(f"{SVG}line"))
    labels = _label_boxes(root)
    assert lines and len(labels) > count
    crossings = [
        (text, line.attrib)
        for line in lines
        for text, box in labels
        if _segment_hits_box(line, box)
    ]
    assert crossings == []


def test_the_geometry_check_sees_a_line_through_a_label() -> None:
    """The check above is not vacuous: a line through a label is caught."""
    root = _parse(hub("h", "Partners", "Centrum", PARTNERS[:1]).svg)
    _, box = _label_boxes(root)[-1]
    left, top, right, bottom = box
    crossing = ET.Element("line", x1=str(left - 5), y1=str(top - 5), x2=str(right), y2=str(bottom))
    assert _segment_hits_box(crossing, box)


def test_every_hub_line_ends_at_a_node_edge_not_inside_it() -> None:
    root = _parse(hub("h", "Partners", "Centrum", PARTNERS[:3]).svg)
    nodes = [
        (float(c.get("cx", "0")), float(c.get("cy", "0")), float(c.get("r", "0")))
        for c in root.iter(f"{SVG}circle")
    ]
    assert len(nodes) == 3
    for line in root.iter(f"{SVG}line"):
        for end in (("x1", "y1"), ("x2", "y2")):
            x, y = (float(line.get(k, "0")) for k in end)
            for cx, cy, r in nodes:
                assert (x - cx) ** 2 + (y - cy) ** 2 >= r**2 - 0.01


def test_hub_leaves_out_a_spoke_named_like_the_centre() -> None:
    chart = hub("h", "Partners", "Drakentemmers", [("drakentemmers", "Partner"), *PARTNERS[:2]])
    root = _parse(chart.svg)
    spoke_texts = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "rk-chart-text"]
    assert "drakentemmers" not in [t.casefold() for t in spoke_texts if t]
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    assert [name for name, _ in chart.rows] == [PARTNERS[0][0], PARTNERS[1][0]]


def test_hub_text_stays_readable_when_drawn_328_px_wide() -> None:
    """A 360 px phone leaves about 328 px for the chart; no text may end up below 11 px."""
    root = _parse(hub("h", "Partners", "Centrum", PARTNERS).svg)
    view_width = float(root.get("viewBox", "0 0 0 0").split()[2])
    smallest = min(float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text"))
    assert smallest * 328 / view_width >= 11
