"""Bounded work on any input: long texts, nested aliases, files that are no files, hidden characters.

Each bad input gives a located Dutch message (file:line:column), never a hang or a traceback.
"""

import json
import os
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiokaart.checks.check import check_data
from regiokaart.cli import main
from regiokaart.dataset.load import load_data
from regiokaart.models.common import MAX_TEXT_CHARS
from regiokaart.source import positions as yamlsource
from regiokaart.source.positions import parse_yaml_text
from tests.conftest import ROOT, checked, fifo_at, replace_in


def problems_in(data: Path) -> list[str]:
    _, problems = check_data(data)
    return [p.format() for p in problems]


def assert_reported(data: Path, expected: str) -> list[str]:
    """expected ('offers.yaml:5:20: …') is the end of a file name and the start of a message."""
    found = problems_in(data)
    assert any(expected in row for row in found), "\n".join(found)
    return found


def insert_after(path: Path, anchor: str, inserted: str) -> tuple[int, int]:
    """Insert text right after the first anchor; returns its line and column (1-based)."""
    text = path.read_text(encoding="utf-8")
    assert anchor in text, f"{anchor!r} not in {path.name}"
    index = text.index(anchor) + len(anchor)
    path.write_text(text[:index] + inserted + text[index:], encoding="utf-8")
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --- long texts ----------------------------------------------------------------------------------


def test_shipped_texts_are_far_below_the_cap() -> None:
    """The cap leaves room: the longest text of the shipped data is about a tenth of it."""
    loaded, problems = load_data(ROOT / "data")
    assert not [p for p in problems if "te lang" in p.message]
    longest = max(len(value) for document in loaded.documents for value in _strings(document.data))
    assert longest * 5 < MAX_TEXT_CHARS


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_text_over_the_cap_is_a_located_error(mini_data: Path) -> None:
    long = ("woord " * (MAX_TEXT_CHARS // 6 + 200)).strip()
    assert (len(long), MAX_TEXT_CHARS) == (21_197, 20_000)
    replace_in(
        mini_data / "offers.yaml",
        "summary: Lotgenotengroep onder leiding van ervaringsdeskundigen.",
        f"summary: {long}",
    )
    assert_reported(
        mini_data,
        "offers.yaml:5:14: offers[0].summary: te lang: 21.197 tekens, hoogstens 20.000",
    )


def test_text_at_the_cap_is_fine(mini_data: Path) -> None:
    text = ("woord " * MAX_TEXT_CHARS)[: MAX_TEXT_CHARS - 1].strip() + "."
    assert len(text) == MAX_TEXT_CHARS
    replace_in(
        mini_data / "modules.yaml",
        "goal: Herhaling van geweld voorkomen.",
        f"goal: {text}",
    )
    checked(mini_data)


def test_every_free_text_field_has_a_cap() -> None:
    """Every string in the data schemas has a maximum length, or is a choice from a list."""
    unbounded = []
    for schema_file in sorted((ROOT / "schemas").glob("*.schema.json")):
        # The scan's export has its own caps (models/selfscan.py); aanbod.json is written by the
        # build and never read from a user.
        if "zelfscan-export" in schema_file.name or schema_file.name == "aanbod.schema.json":
            continue
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        for where, node in _schema_nodes(schema, schema_file.name):
            if node.get("type") != "string" or "enum" in node or "const" in node:
                continue
            # a date or a moment is read by its own parser, which takes nothing longer
            if (
                "maxLength" in node
                or "pattern" in node
                or node.get("format") in {"date", "date-time"}
            ):
                continue
            unbounded.append(where)
    # Web addresses, e-mail addresses and phone numbers are checked by their own rules.
    own_rules = ("website", "url", "email", "phone", "function_mailboxes")
    assert unbounded, "the walk found nothing"
    assert all(w.endswith(own_rules) for w in unbounded), unbounded


def _schema_nodes(node: object, where: str) -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            inner = key in {"anyOf", "oneOf", "allOf", "items"}
            yield from _schema_nodes(value, where if inner else f"{where}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _schema_nodes(value, where)


# --- aliases -------------------------------------------------------------------------------------


def laughs(levels: int, fanout: int = 9) -> str:
    """The 'billion laughs': every level repeats the one before fanout times."""
    rows = [f'lol0: &l0 ["{"ha" * 3}"]']
    for level in range(1, levels + 1):
        items = ", ".join([f"*l{level - 1}"] * fanout)
        rows.append(f"lol{level}: &l{level} [{items}]")
    return "\n".join(rows) + "\n"


def assert_one_alias_problem(text: str, rows: list[str], display: str) -> None:
    """One problem, at the alias (*lN) that tipped the expansion over the limit."""
    assert len(rows) == 1, rows
    where, message = rows[0].split(": ", 1)
    line, column = (int(part) for part in where.removeprefix(display).split(":")[1:3])
    written = text.splitlines()[line - 1][column - 1 :]
    assert written.startswith("*l"), (written, rows)
    anchor = written[1:].split(",")[0].rstrip("]")
    assert f"alias *{anchor} herhaalt te veel: aliassen zouden meer dan " in message, rows
    assert message.endswith(" waarden toevoegen; schrijf de waarden uit"), rows


@pytest.mark.parametrize("levels", [6, 9])
def test_billion_laughs_is_a_located_error(levels: int) -> None:
    text = laughs(levels)
    assert len(text.encode()) < 600
    tracemalloc.start()
    try:
        document, problems = parse_yaml_text(text, "data/offers.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_one_alias_problem(text, [p.format() for p in problems], "data/offers.yaml")
    assert problems[0].field.startswith("lol")
    assert document.data is None
    # little memory: reading stopped after some ten thousand values (six levels make half a million)
    assert peak < 30_000_000, peak


def test_billion_laughs_in_a_data_file(mini_data: Path) -> None:
    text = laughs(9).replace("lol0:", "offers:\n  - aliases:", 1)
    (mini_data / "offers.yaml").write_text(text, encoding="utf-8")
    rows = [row for row in problems_in(mini_data) if "offers.yaml" in row]
    assert_one_alias_problem(text, rows, rows[0].split(":")[0])


def test_a_few_nested_aliases_are_fine() -> None:
    document, problems = parse_yaml_text(laughs(3), "data/offers.yaml")
    assert problems == []
    assert len(document.data["lol3"]) == 9


def test_alias_that_contains_itself_is_located(mini_data: Path) -> None:
    (mini_data / "offers.yaml").write_text(
        "offers:\n  - &eerste\n    id: steungroep\n    aliases: [a, *eerste]\n", encoding="utf-8"
    )
    assert_reported(
        mini_data,
        "offers.yaml:4:18: offers[0].aliases[1]: alias *eerste staat in de waarde die hij herhaalt",
    )


def test_aliases_that_repeat_a_source_are_fine(mini_data: Path) -> None:
    """Tools such as yaml.safe_dump write an anchor for a value shared by many records."""
    offers = mini_data / "offers.yaml"
    replace_in(
        offers,
        'source: {document: testbron, section: "3"}',
        'source: &bron {document: testbron, section: "3"}',
    )
    replace_in(offers, 'source: {document: testbron, section: "3"}', "source: *bron")
    dataset = checked(mini_data)
    assert dataset.offers["relatietherapie"].source.section == "3"


def test_many_aliases_in_a_large_file_are_fine() -> None:
    """A national file repeats its source thousands of times: far from the limit."""
    records = "\n".join(f"  - {{id: a{n}, source: *bron, peildatum: *dag}}" for n in range(1, 5000))
    text = "offers:\n  - {id: a0, source: &bron {document: x, section: y}, peildatum: &dag 2026-01-01}\n"
    document, problems = parse_yaml_text(text + records + "\n", "offers.yaml")
    assert problems == []
    assert len(document.data["offers"]) == 5000


# --- nesting ------------------------------------------------------------------------------------

TOO_DEEP = f"YAML is te diep genest: hoogstens {yamlsource.MAX_DEPTH} niveaus"


def _one_line(opener: str, levels: int, closer: str = "") -> str:
    return "offers: " + opener * levels + "x" + closer * levels + "\n"


def _indented(levels: int) -> str:
    """A list in a list in a list ..., each on its own line, two spaces further in."""
    return "offers:\n" + "".join("  " * level + "-\n" for level in range(levels))


# (text, line and column of the first list or mapping beyond MAX_DEPTH levels); the document itself
# is the first level, so the 100th bracket after "offers: " (column 9) is one too many.
TOO_DEEP_TEXTS = {
    # few enough levels for libyaml's composer: stopped while converting
    "brackets": (_one_line("[", 150, "]"), (1, 9 + 99)),
    "braces": (_one_line("{a: ", 150, "}"), (1, 9 + 99 * 4)),
    # deeper than Python's stack lets the composer go: found again in the parser's events
    "20,000 brackets": (_one_line("[", 20_000, "]"), (1, 9 + 99)),
    "20,000 braces": (_one_line("{a: ", 20_000, "}"), (1, 9 + 99 * 4)),
    "indented lists": (_indented(150), (2 + 99, 1 + 2 * 99)),
    "dashes on one line": ("offers:\n" + "- " * 150 + "x\n", (2, 1 + 2 * 99)),
    # beyond libyaml's own limit (1,000 levels), which its parser reports
    "complex keys": ("offers:\n" + "? " * 2_000 + "x\n", (2, 1 + 2 * 100)),
}


@pytest.mark.parametrize("shape", TOO_DEEP_TEXTS)
def test_too_deep_nesting_is_located_where_it_goes_too_deep(shape: str) -> None:
    text, (line, column) = TOO_DEEP_TEXTS[shape]
    document, problems = parse_yaml_text(text, "data/offers.yaml")
    assert [p.format() for p in problems] == [f"data/offers.yaml:{line}:{column}: {TOO_DEEP}"]
    assert document.data is None
    written = text.splitlines()[line - 1][column - 1 :]
    assert written[0] in "[{-?", written[:20]


def test_the_limit_is_max_depth_levels() -> None:
    document, problems = parse_yaml_text(_one_line("[", yamlsource.MAX_DEPTH - 1, "]"), "x.yaml")
    assert (problems, document.complete) == ([], True)
    _, problems = parse_yaml_text(_one_line("[", yamlsource.MAX_DEPTH, "]"), "x.yaml")
    assert [p.format() for p in problems] == [f"x.yaml:1:{9 + 99}: {TOO_DEEP}"]


def test_an_alias_that_nests_too_deep_is_located_at_the_alias() -> None:
    deep = "[" * 60 + "x" + "]" * 60
    text = f"offers:\n  - id: a\n    diep: &diep {deep}\n    dieper: {'[' * 50}*diep{']' * 50}\n"
    _, problems = parse_yaml_text(text, "data/offers.yaml")
    message = f"alias *diep maakt de YAML te diep genest: hoogstens {yamlsource.MAX_DEPTH} niveaus"
    assert [p.format() for p in problems] == [f"data/offers.yaml:4:{13 + 50}: {message}"]


# --- files that are not regular files ------------------------------------------------------------


def test_fifo_is_a_message_not_a_hang(mini_data: Path) -> None:
    with fifo_at(mini_data / "offers.yaml"):
        found = problems_in(mini_data)
    assert any(
        row.endswith("offers.yaml:1:1: is een pijp (FIFO), geen gegevensbestand") for row in found
    ), found


SPECIAL_FILES = {
    "directory": (lambda p: p.mkdir(), "is een map, geen gegevensbestand"),
    "device": (lambda p: p.symlink_to("/dev/null"), "is een apparaat, geen gegevensbestand"),
    "symlink loop": (
        lambda p: p.symlink_to(p.name),
        "is een symbolische koppeling die in een kring naar zichzelf wijst",
    ),
    "dangling symlink": (
        lambda p: p.symlink_to("weg.yaml"),
        "is een symbolische koppeling naar 'weg.yaml', maar dat bestand bestaat niet",
    ),
}


@pytest.mark.parametrize("kind", SPECIAL_FILES)
def test_file_that_is_no_file_is_a_message(
    mini_data: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    make, message = SPECIAL_FILES[kind]
    target = mini_data / "offers.yaml"
    target.unlink()
    make(target)
    code = main(["check", "--data", str(mini_data)])
    output = capsys.readouterr()
    assert code == 1
    assert f"offers.yaml:1:1: {message}\n" in output.err + output.out, output
    assert "Traceback" not in output.err + output.out


def test_symlink_to_a_file_is_read_and_named_as_the_data_file(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mini_data.parent)
    elsewhere = mini_data.parent / "elders.yaml"
    (mini_data / "offers.yaml").rename(elsewhere)
    (mini_data / "offers.yaml").symlink_to(elsewhere)
    replace_in(elsewhere, "effectiveness: Onbekend", "effectiveness: Onbekent")
    found = problems_in(mini_data)
    assert any(r.startswith("data/offers.yaml:15:20: offers[0].effectiveness") for r in found), (
        found
    )


def test_file_over_the_size_limit_is_refused(
    mini_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 1000)
    (mini_data / "offers.yaml").write_bytes(b"offers: []\n" + b"# " + b"x" * 2000 + b"\n")
    assert_reported(mini_data, "offers.yaml:1:1: bestand is groter dan 1.000 bytes")


def test_unreadable_file_says_why_in_dutch(mini_data: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    (mini_data / "offers.yaml").chmod(0)
    assert_reported(mini_data, "offers.yaml:1:1: bestand kan niet gelezen worden: geen toestemming")


# --- control characters and invisible characters -------------------------------------------------

CHARACTERS = [
    ("\x00", "een stuurteken (U+0000)"),
    ("\x07", "een stuurteken (U+0007)"),
    ("\x1b", "een stuurteken (U+001B)"),
    ("\x7f", "een stuurteken (U+007F)"),
    ("\x9b", "een stuurteken (U+009B)"),
    ("\u202e", "een onzichtbaar teken (U+202E, verandert de schrijfrichting)"),
    ("\u2067", "een onzichtbaar teken (U+2067, verandert de schrijfrichting)"),
    ("\u061c", "een onzichtbaar teken (U+061C, verandert de schrijfrichting)"),
    ("\u200f", "een onzichtbaar teken (U+200F, verandert de schrijfrichting)"),
    ("\u200b", "een onzichtbaar teken (U+200B, zonder breedte)"),
    ("\u2060", "een onzichtbaar teken (U+2060, zonder breedte)"),
    ("\u2063", "een onzichtbaar teken (U+2063, zonder breedte)"),
    ("\ufeff", "een onzichtbaar teken (U+FEFF, zonder breedte)"),
]


@pytest.mark.parametrize(("char", "what"), CHARACTERS, ids=[c[1] for c in CHARACTERS])
def test_character_in_text_is_located_in_dutch(mini_data: Path, char: str, what: str) -> None:
    line, column = insert_after(mini_data / "offers.yaml", "summary: Lotgen", char)
    found = assert_reported(mini_data, f"offers.yaml:{line}:{column}: ")
    row = next(r for r in found if f"offers.yaml:{line}:{column}: " in r)
    assert f"bevat {what}; haal het weg" in row, row
    assert "\n" not in row and "unacceptable" not in row


def test_invisible_character_in_a_block_text_is_located_on_its_own_line(mini_data: Path) -> None:
    replace_in(
        mini_data / "offers.yaml",
        "    summary: Lotgenotengroep onder leiding van ervaringsdeskundigen.",
        "    summary: |\n      Lotgenotengroep\n      onder leiding\u202e van\n      ervaringsdeskundigen.",
    )
    assert_reported(
        mini_data,
        "offers.yaml:7:20: offers[0].summary: bevat een onzichtbaar teken (U+202E, verandert de "
        "schrijfrichting); haal het weg",
    )


def test_escaped_characters_are_located_at_the_escape(mini_data: Path) -> None:
    replace_in(
        mini_data / "offers.yaml",
        "    name: Steungroep voor plegers",
        '    name: "Steun\\\\u202Egroep \\u202Evoor\\e plegers"',
    )
    found = assert_reported(
        mini_data,
        "offers.yaml:3:30: offers[0].name: bevat een onzichtbaar teken (U+202E, verandert de "
        "schrijfrichting) en nog 1 zulk teken; haal ze weg",
    )
    assert len([row for row in found if "offers[0].name" in row]) == 1, found


def test_character_in_a_key_and_in_other_fields_is_located(mini_data: Path) -> None:
    line, column = insert_after(mini_data / "organisations.yaml", 'phone: "0800', "\u200b")
    assert_reported(
        mini_data,
        f"organisations.yaml:{line}:{column}: organisations[2].phone: bevat een onzichtbaar teken",
    )
    line, column = insert_after(mini_data / "modules.yaml", "    go", "\u200d")
    assert_reported(mini_data, f"modules.yaml:{line}:{column}: modules[0]: bevat een onzichtbaar")


def test_many_control_characters_are_each_located_up_to_a_limit(mini_data: Path) -> None:
    (mini_data / "offers.yaml").write_text("offers:\n" + "# \x00\n" * 100, encoding="utf-8")
    rows = [row for row in problems_in(mini_data) if "offers.yaml" in row]
    assert rows[:2] == [
        f"{rows[0].split(':')[0]}:2:3: bevat een stuurteken (U+0000); haal het weg",
        f"{rows[0].split(':')[0]}:3:3: bevat een stuurteken (U+0000); haal het weg",
    ]
    assert len(rows) == 11
    assert rows[-1].endswith(":12:3: en nog 90 zulke tekens")


def test_byte_order_mark_at_the_start_is_fine(mini_data: Path) -> None:
    offers = mini_data / "offers.yaml"
    offers.write_bytes("\ufeff".encode() + offers.read_bytes())
    checked(mini_data)


def test_tabs_and_line_breaks_in_text_are_fine(mini_data: Path) -> None:
    replace_in(
        mini_data / "offers.yaml",
        "    summary: Lotgenotengroep onder leiding van ervaringsdeskundigen.",
        '    summary: "Lotgenotengroep\\tonder leiding\\nvan ervaringsdeskundigen."',
    )
    checked(mini_data)


def test_other_problems_still_show_beside_an_invisible_character(mini_data: Path) -> None:
    insert_after(mini_data / "offers.yaml", "summary: Lotgen", "\u200b")
    replace_in(mini_data / "offers.yaml", "effectiveness: Onbekend", "effectiveness: Onbekent")
    assert_reported(mini_data, "offers.yaml:15:20: offers[0].effectiveness: ongeldige waarde")
