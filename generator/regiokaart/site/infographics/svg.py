"""Small, dependency-free SVG charts: bars, a flow of steps, a hub of partners and a row of cards.

Every chart has role="img", a <title> and <desc>; pages put the same data in a table beside it.
"""

import math
import textwrap
from dataclasses import dataclass
from html import escape

WIDTH = 720
FONT = 14
GAP = 16


@dataclass(frozen=True)
class Chart:
    svg: str
    title: str
    rows: list[tuple[str, str]]  # the data as text, for the table that accompanies the chart

    @property
    def has_second_column(self) -> bool:
        """Whether any row has a second value; a table leaves an all-empty column out."""
        return any(second for _, second in self.rows)


def _open(
    chart_id: str, title: str, desc: str, width: int, height: int, css: str = "rk-chart"
) -> str:
    return (
        f'<svg class="{css}" id="{escape(chart_id)}" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
    )


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width) or [""]


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    weight: str = "normal",
    size: int = FONT,
    css: str = "rk-chart-text",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
        f'class="{css}">{escape(text)}</text>'
    )


def _summary_lines(text: str, width: int, most: int) -> list[str]:
    """The first sentence wrapped, cut with an ellipsis when longer than most lines (the table has it all)."""
    first = text.split(". ")[0].rstrip(".") + "."
    lines = _lines(first, width)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: width - 2] + " …"]
    return lines


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str = "") -> Chart:
    """Horizontal bars, one per row, with the value written beside each bar."""
    label_width = 340
    bar_space = WIDTH - label_width - 60
    top, row_height = 10, 30
    height = top * 2 + row_height * max(len(rows), 1)
    largest = max((value for _, value in rows), default=0) or 1
    desc = "; ".join(f"{name}: {value}{unit}" for name, value in rows)
    parts = [_open(chart_id, title, desc, WIDTH, height)]
    for index, (name, value) in enumerate(rows):
        y = top + index * row_height
        length = bar_space * value / largest
        short = name if len(name) <= 46 else name[:44] + "…"
        parts.append(_text(label_width - 8, y + 19, short, anchor="end"))
        parts.append(
            f'<rect x="{label_width}" y="{y + 5}" width="{length:.1f}" height="20" class="rk-bar" rx="2"/>'
        )
        parts.append(_text(label_width + length + 6, y + 19, f"{value}{unit}", weight="bold"))
    parts.append("</svg>")
    return Chart("".join(parts), title, [(name, f"{value}{unit}") for name, value in rows])


def flow(chart_id: str, title: str, steps: list[tuple[str, str]]) -> Chart:
    """Numbered steps top to bottom, joined by arrows; each box grows with its wrapped text."""
    gap, line_height = 26, 18
    boxes = []
    for head, text in steps:
        lines = [(line, "bold") for line in _lines(head, 70)[:4]]
        lines += [(line, "normal") for line in _lines(text, 80)[:3]] if text else []
        boxes.append((lines, max(56, 22 + line_height * len(lines))))
    height = sum(box_height + gap for _, box_height in boxes)
    desc = " Daarna: ".join(f"{i}. {head}" for i, (head, _) in enumerate(steps, start=1))
    parts = [_open(chart_id, title, desc, WIDTH, height)]
    parts.append(
        f'<defs><marker id="{escape(chart_id)}-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="rk-arrow"/></marker></defs>'
    )
    y = 2
    for index, (lines, box_height) in enumerate(boxes):
        parts.append(
            f'<rect x="2" y="{y}" width="{WIDTH - 4}" height="{box_height}" rx="8" class="rk-box"/>'
        )
        parts.append(f'<circle cx="38" cy="{y + box_height / 2}" r="20" class="rk-step"/>')
        parts.append(
            _text(
                38,
                y + box_height / 2 + 5,
                str(index + 1),
                anchor="middle",
                weight="bold",
                css="rk-step-text",
            )
        )
        for line_no, (line, weight) in enumerate(lines):
            parts.append(
                _text(
                    72,
                    y + 24 + line_no * line_height,
                    line,
                    weight=weight,
                    size=14 if weight == "bold" else 13,
                )
            )
        if index < len(boxes) - 1:
            y1, y2 = y + box_height, y + box_height + gap - 2
            parts.append(
                f'<line x1="38" y1="{y1}" x2="38" y2="{y2}" class="rk-link" marker-end="url(#{escape(chart_id)}-arrow)"/>'
            )
        y += box_height + gap
    parts.append("</svg>")
    return Chart(
        "".join(parts),
        title,
        [(f"{i}. {head}", text) for i, (head, text) in enumerate(steps, start=1)],
    )


# The hub is drawn narrow (a trunk with branches, labels right of the nodes) rather than as a
# wheel: at 360 px a phone shows it near full size, so its 13-15 px text stays readable, and no
# line can cross a label because every line stays left of the label column.
HUB_WIDTH = 360
HUB_TRUNK_X = 22
HUB_NODE_X = 46
HUB_NODE_R = 8
HUB_LABEL_X = 64
HUB_LABEL_SIZE = 15
HUB_LINE_HEIGHT = 19


def hub(chart_id: str, title: str, centre: str, spokes: list[tuple[str, str]]) -> Chart:
    """A centre (e.g. a module) joined to each spoke (e.g. a partner and its role).

    A spoke named like the centre is left out: a module is not its own partner.
    """
    spokes = [(name, text) for name, text in spokes if name.casefold() != centre.casefold()]
    centre_lines = _lines(centre, 30)[:4]
    box_height = 22 + HUB_LINE_HEIGHT * len(centre_lines)
    rows = []
    y = box_height + 30.0
    for name, _ in spokes:
        lines = _lines(name, 32)[:3]
        rows.append((y, lines))
        y += max(36, HUB_LINE_HEIGHT * len(lines) + 17)
    height = round(y - 8) if spokes else box_height + 4
    desc = f"{centre} werkt samen met: " + ", ".join(name for name, _ in spokes)
    parts = [_open(chart_id, title, desc, HUB_WIDTH, height, "rk-chart rk-chart--hub")]
    parts.append(
        f'<rect x="1" y="1" width="{HUB_WIDTH - 2}" height="{box_height}" rx="10" class="rk-hub"/>'
    )
    for line_no, line in enumerate(centre_lines):
        parts.append(
            _text(
                HUB_WIDTH / 2,
                1 + 28 + line_no * HUB_LINE_HEIGHT,
                line,
                anchor="middle",
                weight="bold",
                size=16,
                css="rk-hub-text",
            )
        )
    if rows:
        last_y = rows[-1][0]
        parts.append(
            f'<line x1="{HUB_TRUNK_X}" y1="{box_height + 1}" x2="{HUB_TRUNK_X}" y2="{last_y:.1f}" '
            'class="rk-link"/>'
        )
    for node_y, lines in rows:
        parts.append(
            f'<line x1="{HUB_TRUNK_X}" y1="{node_y:.1f}" x2="{HUB_NODE_X - HUB_NODE_R}" '
            f'y2="{node_y:.1f}" class="rk-link"/>'
        )
        parts.append(
            f'<circle cx="{HUB_NODE_X}" cy="{node_y:.1f}" r="{HUB_NODE_R}" class="rk-node"/>'
        )
        for line_no, line in enumerate(lines):
            parts.append(
                _text(
                    HUB_LABEL_X,
                    node_y + 5 + line_no * HUB_LINE_HEIGHT,
                    line,
                    size=HUB_LABEL_SIZE,
                )
            )
    parts.append("</svg>")
    return Chart("".join(parts), title, list(spokes))


def cards(chart_id: str, title: str, items: list[tuple[str, str]]) -> Chart:
    """A grid of numbered cards (e.g. the five family profiles) with a short text each."""
    columns = 2
    card_w, card_h = (WIDTH - GAP) / columns, 150
    rows_count = math.ceil(len(items) / columns)
    height = rows_count * (card_h + GAP)
    desc = "; ".join(head for head, _ in items)
    parts = [_open(chart_id, title, desc, WIDTH, height)]
    for index, (head, text) in enumerate(items):
        col, row = index % columns, index // columns
        x, y = col * (card_w + GAP), row * (card_h + GAP)
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{card_w - 2:.1f}" height="{card_h}" rx="8" class="rk-box"/>'
        )
        parts.append(_text(x + 16, y + 28, f"{index + 1}. {head}", weight="bold"))
        for line_no, line in enumerate(_summary_lines(text, 44, 6)):
            parts.append(_text(x + 16, y + 52 + line_no * 17, line, size=13))
    parts.append("</svg>")
    return Chart("".join(parts), title, list(items))
