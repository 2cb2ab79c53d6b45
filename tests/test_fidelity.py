"""The shipped offers follow annex 2 of 'Focus op de pleger' (001): every row, same ratings.

The expected rows are read from the source document itself, so a change in either side shows.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, checked

SOURCE = next(iter(SEEDS.glob("001_*.txt")), None)
pytestmark = pytest.mark.skipif(
    SOURCE is None, reason="source documents (../shared/seeds) not beside the checkout"
)


def normalise(name: str) -> str:
    name = re.sub(r"<[^>]+>", "", name)
    name = re.sub(r"[*‘’'\"“”¹²³⁴⁵⁶⁷⁸⁹⁰]", "", name)
    return re.sub(r"\s+", " ", name).strip().lower()


def annex_rows(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(name, effectiveness) of the §5 tables and the names of every other row of annex 2."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("Bijlage 2. Inventarisatie plegeraanbod vrijwillig kader")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Bijlage 3."))
    rated: list[tuple[str, str]] = []
    others: list[str] = []
    for line in lines[start:end]:
        cells = line.split("\t")
        if len(cells) == 6 and not cells[0].startswith("Naam"):
            rated.append((normalise(cells[0]), cells[5].strip()))
        elif len(cells) == 2 and not cells[0].startswith("Naam"):
            others.append(normalise(cells[0]))
        elif line.startswith("Project ") and line.endswith("*"):
            others.append(normalise(line))
    return rated, others


@pytest.fixture(scope="module")
def offers_by_name() -> dict[str, object]:
    dataset = checked(ROOT / "data")
    return {
        normalise(name): offer
        for offer in dataset.offers.values()
        for name in (offer.name, *offer.aliases)
    }


def test_section_5_has_twenty_interventions_with_the_same_rating(
    offers_by_name: dict[str, object],
) -> None:
    assert SOURCE is not None
    rated, _ = annex_rows(SOURCE)
    assert len(rated) == 20
    for name, rating in rated:
        offer = offers_by_name.get(name)
        assert offer is not None, f"{name!r} missing from data/offers.yaml"
        assert rating.startswith(str(offer.effectiveness)), (name, rating, offer.effectiveness)
        assert "effectiviteit" in offer.categories


def test_every_other_row_of_annex_2_is_present(offers_by_name: dict[str, object]) -> None:
    assert SOURCE is not None
    _, others = annex_rows(SOURCE)
    assert len(others) > 25
    missing = sorted({name for name in others if name not in offers_by_name})
    assert not missing


def test_offer_in_several_sections_is_one_record_with_several_categories(
    offers_by_name: dict[str, object],
) -> None:
    assert SOURCE is not None
    rated, others = annex_rows(SOURCE)
    repeated = {name for name, _ in rated} & set(others) | {
        n for n in others if others.count(n) > 1
    }
    assert repeated, "the source names at least one offer twice"
    for name in repeated:
        assert len(offers_by_name[name].categories) >= 2, name
