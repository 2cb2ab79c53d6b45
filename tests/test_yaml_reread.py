"""Reading a data file again around one edited record (regiokaart serve): the same document as a
whole read, or no shortcut at all."""

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokaart.dataset.load import load_data, validate_document
from regiokaart.models.offer import RegionalOffersFile
from regiokaart.source.positions import YamlDocument, parse_yaml_text
from regiokaart.source.reread import KeptReads, reread_after_edit
from tests.conftest import replace_in

FILE = "data/offers.yaml"


def records_text(count: int, seed: int) -> str:
    """A list of records as regions and yaml.safe_dump write them: comments, block texts, flow
    lists, and a source anchored in the first record and repeated (*bron) by others."""
    rng = random.Random(seed)
    lines = ["# yaml-language-server: $schema=x", "offers:"]
    for number in range(count):
        if rng.random() < 0.3:
            lines += ["", f"  # record {number}"]
        lines += [f"  - id: record-{number}", f"    name: Record {number} {rng.choice('abc')}"]
        if rng.random() < 0.5:
            lines += ["    summary: >-", "      Eerste regel", "      tweede regel"]
        lines.append(f"    categories: [{', '.join(rng.sample(['a', 'b', 'c', 'd'], 2))}]")
        if number == 0:
            lines += ["    source: &bron", "      document: testbron", "      section: '3'"]
        elif rng.random() < 0.5:
            lines.append("    source: *bron")
        else:
            lines += ["    source:", f"      document: bron-{number}"]
        lines.append(f"    peildatum: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
    return "\n".join(lines) + "\n"


def whole(text: str) -> YamlDocument:
    document, problems = parse_yaml_text(text, FILE, check_text=True)
    assert not problems
    return document


def same(a: YamlDocument, b: YamlDocument) -> bool:
    return (a.data, a.values, a.keys, a.complete) == (b.data, b.values, b.keys, b.complete)


def record_lines(text: str, number: int) -> tuple[int, int]:
    """The lines (0-based, end exclusive) from record number's dash to the next record's."""
    lines = text.split("\n")
    begin = lines.index(f"  - id: record-{number}")
    end = lines.index(f"  - id: record-{number + 1}")
    return begin, end


# Each edit gives a line of a record its new text (several lines, or none: "" removes it), or None
# where it changes nothing.
EDITS = {
    "rename": lambda line: line.replace("Record", "Dossier") if "name:" in line else None,
    "longer text": lambda line: line + "\n      derde regel" if "tweede regel" in line else None,
    "new key": lambda line: line + "\n    cost: Gratis" if "peildatum:" in line else None,
    "drop line": lambda line: "" if "categories:" in line else None,
    "own source": (
        lambda line: "    source:\n      document: eigen" if line.endswith("*bron") else None
    ),
}


def edited_record(text: str, number: int, edit: str) -> str | None:
    """text with the edit applied to each line of record number; None when it changes nothing."""
    lines = text.split("\n")
    begin, end = record_lines(text, number)
    record: list[str] = []
    for line in lines[begin:end]:
        new = EDITS[edit](line)
        if new is None:
            record.append(line)
        elif new:
            record += new.split("\n")
    if record == lines[begin:end]:
        return None
    return "\n".join(lines[:begin] + record + lines[end:])


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), edit=st.sampled_from(sorted(EDITS)), data=st.data())
def test_an_edit_inside_one_record_reads_as_the_whole_file_does(
    seed: int, edit: str, data: st.DataObject
) -> None:
    text = records_text(12, seed)
    number = data.draw(st.integers(1, 10), label="record")
    new_text = edited_record(text, number, edit)
    if new_text is None:
        return  # this record has nothing this edit changes

    reread = reread_after_edit(text, whole(text), new_text)

    assert reread is not None, "an edit inside one record (not the last) is read alone"
    assert same(reread, whole(new_text))


def without_record(text: str, number: int) -> str:
    lines = text.split("\n")
    begin, end = record_lines(text, number)
    return "\n".join(lines[:begin] + lines[end:])


def test_the_record_that_anchors_a_repeated_value_is_read_alone_until_that_value_changes() -> None:
    text = records_text(6, seed=3)
    assert text.count("*bron") >= 1
    renamed = text.replace("name: Record 0", "name: Dossier 0")
    reread = reread_after_edit(text, whole(text), renamed)
    assert reread is not None and same(reread, whole(renamed))

    # The anchored value changes for every record that repeats it: no shortcut.
    moved_source = text.replace("      document: testbron", "      document: andere-bron", 1)
    assert reread_after_edit(text, whole(text), moved_source) is None
    # A line added above the anchor moves it, and with it the place of every repeat.
    longer = text.replace("  - id: record-0\n", "  - id: record-0\n    cost: Gratis\n")
    assert reread_after_edit(text, whole(text), longer) is None


@pytest.mark.parametrize(
    ("label", "change"),
    [
        (
            "two records",
            lambda t: t.replace("name: Record 2", "name: X").replace("name: Record 4", "name: Y"),
        ),
        ("the last record", lambda t: t.replace("name: Record 5", "name: X")),
        ("a record removed", lambda t: without_record(t, 3)),
        (
            "a new repeat",
            lambda t: re.sub(
                r"    source:\n      document: bron-\d+\n", "    source: *bron\n", t, count=1
            ),
        ),
        ("a syntax error", lambda t: t.replace("name: Record 2", "name: [Record 2")),
        ("an unknown alias", lambda t: t.replace("name: Record 2", "name: *onbekend")),
        (
            "a duplicate key",
            lambda t: t.replace("  - id: record-2\n", "  - id: record-2\n    id: x\n"),
        ),
        ("a control character", lambda t: t.replace("name: Record 2", "name: Record\x1b 2")),
        ("carriage returns", lambda t: t.replace("name: Record 2", "name: Record 2\r")),
    ],
)
def test_anything_else_is_left_to_the_whole_read(label: str, change: object) -> None:
    text = records_text(6, seed=5)
    new_text = change(text)  # type: ignore[operator]
    assert new_text != text, label
    assert reread_after_edit(text, whole(text), new_text) is None, label


def test_kept_reads_give_an_unchanged_file_as_the_same_document_and_an_edit_as_a_whole_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "offers.yaml"
    text = records_text(8, seed=7)
    path.write_text(text, encoding="utf-8")
    reads = KeptReads()
    first, problems = reads.read(path, FILE)
    assert not problems and same(first, whole(text))
    again, _ = reads.read(path, FILE)
    assert again is first, "an unchanged file is not read again"

    edited = text.replace("name: Record 3", "name: Dossier 3")
    path.write_text(edited, encoding="utf-8")
    second, problems = reads.read(path, FILE)
    assert not problems and same(second, whole(edited))
    records, before = second.data["offers"], first.data["offers"]
    assert [r is b for r, b in zip(records, before, strict=True)].count(False) == 1, (
        "only the edited record was read again"
    )

    doubled = edited.replace("  - id: record-3\n", "  - id: record-3\n    id: tweede\n")
    path.write_text(doubled, encoding="utf-8")
    _, problems = reads.read(path, FILE)
    assert [(p.line, p.field) for p in problems] == [
        (doubled.split("\n").index("    id: tweede") + 1, "offers[3].id")
    ], "a problem in the edited record is found and located by the whole read"
    path.write_text(edited, encoding="utf-8")
    fixed, problems = reads.read(path, FILE)
    assert not problems and same(fixed, whole(edited))


def test_an_earlier_valid_model_is_kept_with_only_the_edited_record_validated(
    mini_project: Path,
) -> None:
    offers = mini_project / "data" / "offers.yaml"
    reads = KeptReads()
    before, problems = load_data(mini_project / "data", read=reads.read)
    replace_in(offers, "name: Steungroep voor plegers", "name: Lotgenotengroep voor plegers")
    after, _ = load_data(mini_project / "data", read=reads.read, before=before)
    model = after.file("offers", before.files[-1].layer)
    regional = [f for f in after.files if f.kind == "offers"][-1]
    assert model is not None
    full, problems = validate_document(regional.document, RegionalOffersFile)
    assert not problems and regional.model == full
    assert regional.model.offers[0].name == "Lotgenotengroep voor plegers"
    earlier = [f for f in before.files if f.kind == "offers"][-1]
    assert regional.model.offers[1] is earlier.model.offers[1], "the other records are kept"

    # An invalid record: validated whole, so the problem is located as always.
    replace_in(offers, "effectiveness: Onbekend", "effectiveness: Onbekent")
    _, problems = load_data(mini_project / "data", read=reads.read, before=after)
    located = [p for p in problems if p.field.endswith("effectiveness")]
    assert located and located[0].file.endswith("offers.yaml") and located[0].line > 1
    assert "Onbekend" in (located[0].hint or located[0].message)


@pytest.mark.parametrize("name", ["offers.yaml", "organisations.yaml", "modules.yaml"])
def test_random_line_edits_of_the_shipped_data_read_as_the_whole_file_does(name: str) -> None:
    """Flevoland's own files as the region writes them (long folded and quoted texts, no indent
    before the dashes): a word changed, a line doubled, removed or added anywhere. Whenever the
    shortcut is taken, it equals the whole read, and a file the whole read finds a problem in is
    never taken by it."""
    path = Path(__file__).parent.parent / "data" / name
    text = path.read_text(encoding="utf-8")
    old = whole(text)
    lines = text.split("\n")
    rng = random.Random(name)
    taken = 0
    for _ in range(60):
        at = rng.randrange(len(lines))
        edited = list(lines)
        kind = rng.choice(["word", "double", "remove", "add"])
        if kind == "word":
            edited[at] = edited[at].replace(" ", "x ", 1)
        elif kind == "double":
            edited.insert(at, lines[at])
        elif kind == "remove":
            del edited[at]
        else:
            edited.insert(at, " " * (len(lines[at]) - len(lines[at].lstrip())) + "extra tekst")
        new_text = "\n".join(edited)
        reread = reread_after_edit(text, old, new_text)
        if reread is None:
            continue
        taken += 1
        document, problems = parse_yaml_text(new_text, FILE, check_text=True)
        assert not problems, f"{kind} at line {at + 1}: a problem the shortcut did not see"
        assert same(reread, document), f"{kind} at line {at + 1}"
    assert taken >= 10, "most edits inside a record take the shortcut"
