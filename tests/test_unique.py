"""Every list of records with an id (or a natural key) holds each id once, with a located message."""

from pathlib import Path

import pytest

from regiokaart.checks.check import check_data
from tests.conftest import ROOT, checked, data_file, replace_in

CHECKLIST_ITEM = "          - {id: geen-wachtlijst, text: Geen wachtlijst}\n"
PROFILE = "  - {id: gezin-in-de-stress, number: 2, title: Gezin in de stress, text: Veel stress.}\n"
PHASE = "  - {number: 2, title: Werken aan stabiele veiligheid, plan: hulpverleningsplan, phase: stabiele-veiligheid}\n"
MUNICIPALITY = "    - {name: Zuiddorp, organisation: gemeente-zuiddorp}\n"
BUNDLE = '  - {id: "10", title: Samenwerking, standards: [10], source: {document: testbron, section: "4"}}\n'
STANDARD = '  - {number: 10, bundle: "10"}\n'

CASES = [
    # (file, old, new, expected start of the problem after the file name)
    (
        "checklists.yaml",
        CHECKLIST_ITEM,
        CHECKLIST_ITEM * 2,
        "checklists.yaml:9:18: checklists[0].groups[0].items[2].id: id 'geen-wachtlijst' komt "
        "dubbel voor (eerder op regel 8)",
    ),
    (
        "checklists.yaml",
        CHECKLIST_ITEM,
        CHECKLIST_ITEM + "      - title: Nog een groep\n        items:\n" + CHECKLIST_ITEM,
        "checklists.yaml:11:18: checklists[0].groups[1].items[0].id: id 'geen-wachtlijst' komt "
        "dubbel voor (eerder op regel 8)",
    ),
    (
        "vision.yaml",
        PROFILE,
        PROFILE + PROFILE.replace("number: 2", "number: 3"),
        "vision.yaml:7:10: family_profiles[2].id: id 'gezin-in-de-stress' komt dubbel voor "
        "(eerder op regel 6)",
    ),
    (
        "vision.yaml",
        PROFILE,
        PROFILE.replace("number: 2", "number: 1"),
        "vision.yaml:6:38: family_profiles[1].number: nummer 1 komt dubbel voor (eerder op regel 5)",
    ),
    (
        "vision.yaml",
        PHASE,
        PHASE * 2,
        "vision.yaml:4:14: phases[2].number: nummer 2 komt dubbel voor (eerder op regel 3)",
    ),
    (
        "vision.yaml",
        "{municipality: Zuiddorp, count: 2}",
        "{municipality: Noordstad, count: 2}",
        "vision.yaml:11:64: house_bans.counts[1].municipality: gemeente 'Noordstad' komt dubbel "
        "voor (eerder op regel 11)",
    ),
    (
        "vision.yaml",
        "{municipality: Zuiddorp, count: 2}",
        "{municipality: noordstad , count: 2}",
        "vision.yaml:11:64: house_bans.counts[1].municipality: gemeente 'noordstad' komt dubbel "
        "voor (eerder op regel 11)",
    ),
    (
        "region.yaml",
        MUNICIPALITY,
        MUNICIPALITY * 2,
        "region.yaml:6:14: region.municipalities[2].name: gemeente 'Zuiddorp' komt dubbel voor "
        "(eerder op regel 5)",
    ),
    (
        "bouwstenen.yaml",
        BUNDLE,
        BUNDLE * 2,
        "bouwstenen.yaml:7:10: bundles[5].id: id '10' komt dubbel voor (eerder op regel 6)",
    ),
    (
        "bouwstenen.yaml",
        STANDARD,
        STANDARD * 2,
        "bouwstenen.yaml:18:14: standards[10].number: kwaliteitsstandaard 10 komt dubbel voor "
        "(eerder op regel 17)",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES, ids=[c[3][:60] for c in CASES])
def test_duplicate_is_a_located_error(
    mini_data: Path, file: str, old: str, new: str, expected: str
) -> None:
    replace_in(data_file(mini_data, file), old, new)
    dataset, problems = check_data(mini_data)
    rows = [p.format() for p in problems]
    assert dataset is None
    assert any(f"/{expected}" in row for row in rows), "\n".join(rows)
    duplicates = [row for row in rows if "dubbel" in row]
    assert len(duplicates) == 1, duplicates


def test_same_item_id_in_two_checklists_is_fine(mini_data: Path) -> None:
    """Item ids are unique within a checklist: the page and the ticks are per checklist."""
    checklists = data_file(mini_data, "checklists.yaml")
    text = checklists.read_text(encoding="utf-8")
    second = text.split("\n", 1)[1].replace("id: eisen-aanbod", "id: tweede-lijst", 1)
    checklists.write_text(text + second, encoding="utf-8")
    checked(mini_data)


def test_shipped_data_has_no_duplicates() -> None:
    _, problems = check_data(ROOT / "data")
    assert not [p.format() for p in problems if "dubbel" in p.message]
