"""Search beyond Pagefind's stemmer: synonym groups from the glossary, the words of the data for
"Bedoelde u …?", and the filters and details every page gives the search index."""

import json
import re
from pathlib import Path

import pytest

from regiokaart.build import build_site
from regiokaart.dataset import Dataset
from regiokaart.offer_order import SEARCH_FILTER, offer_numbers
from regiokaart.pages.search import (
    MAX_WORDS,
    fold_text,
    render_search_synonyms,
    render_search_words,
    synonym_groups,
)
from tests.conftest import ROOT

FOLD = json.loads((ROOT / "tests" / "fixtures" / "search" / "fold.json").read_text("utf-8"))


@pytest.mark.parametrize(("text", "folded"), FOLD["vectors"])
def test_fold_text_matches_the_shared_vectors(text: str, folded: str) -> None:
    assert fold_text(text) == folded


def group_with(groups: list[list[str]], word: str) -> list[str]:
    return next(group for group in groups if word in group)


def test_irregular_plural_of_huisverbod_is_a_synonym(flevoland: Dataset) -> None:
    group = group_with(synonym_groups(flevoland), "huisverboden")
    assert {"huisverbod", "tijdelijk huisverbod"} <= set(group)


def test_plegeraanbod_searches_pleger_too(flevoland: Dataset) -> None:
    assert {"pleger", "plegers"} <= set(group_with(synonym_groups(flevoland), "plegeraanbod"))


def test_synonym_groups_are_folded_and_each_word_once(flevoland: Dataset) -> None:
    for group in synonym_groups(flevoland):
        assert len(group) >= 2
        assert len(set(group)) == len(group)
        assert all(word == fold_text(word).strip() for word in group)


def test_synonyms_file_has_the_groups(flevoland: Dataset) -> None:
    data = json.loads(render_search_synonyms(flevoland))
    assert data == {"groepen": synonym_groups(flevoland)}


def test_words_file_is_folded_counted_and_bounded(flevoland: Dataset) -> None:
    words = json.loads(render_search_words(flevoland))["woorden"]
    assert words["agressie"] > 10
    assert "huisverbod" in words
    assert len(words) <= MAX_WORDS
    assert all(re.fullmatch(r"[a-z]{3,}", word) for word in words)
    counts = list(words.values())
    assert counts == sorted(counts, reverse=True)
    assert "https" not in words
    assert len(render_search_words(flevoland).encode()) < 150_000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, mini_project_factory: Path) -> Path:
    site = tmp_path_factory.mktemp("search-build") / "site"
    build_site(mini_project_factory, site)
    return site


@pytest.fixture(scope="module")
def mini_dataset(mini_project_factory: Path) -> Dataset:
    from regiokaart.check import check_data

    dataset, problems = check_data(mini_project_factory / "data")
    assert dataset is not None, [p.format() for p in problems]
    return dataset


def body_div(page: str) -> str:
    match = re.search(r"<div data-pagefind-body[^>]*>", page)
    assert match, "no searchable body"
    return match.group(0)


def test_offer_pages_carry_their_number_kind_and_details(
    built: Path, mini_dataset: Dataset
) -> None:
    numbers = offer_numbers(mini_dataset)
    assert numbers
    for offer_id, number in numbers.items():
        div = body_div((built / "aanbod" / offer_id / "index.html").read_text("utf-8"))
        assert f'data-rk-aanbod-nr="{number}"' in div
        assert f"{SEARCH_FILTER}[data-rk-aanbod-nr]" in div
        assert 'data-rk-soort="aanbod"' in div
        assert "effectiviteit[data-rk-effectiviteit]" in div
        assert "werkgebied[data-rk-werkgebied]" in div


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("organisaties/veilig-thuis-testland/index.html", "organisatie"),
        ("modules/nazorg-na-huisverbod/index.html", "module"),
        ("bouwstenen/aanbod-in-kaart/index.html", "bouwsteen"),
        ("begrippen/index.html", "kennis"),
        ("index.html", "kennis"),
    ],
)
def test_every_page_has_its_kind_as_a_search_filter(built: Path, page: str, kind: str) -> None:
    div = body_div((built / page).read_text("utf-8"))
    assert f'data-rk-soort="{kind}"' in div
    assert "soort[data-rk-soort]" in div
    assert "aanbod-nr" not in div


def test_site_has_the_search_files_and_a_header_box_on_every_page(built: Path) -> None:
    groups = json.loads((built / "zoeken" / "synoniemen.json").read_text("utf-8"))["groepen"]
    assert ["tijdelijk huisverbod", "huisverbod", "huisverboden"] in groups
    assert (
        "huisverbod"
        in json.loads((built / "zoeken" / "woorden.json").read_text("utf-8"))["woorden"]
    )
    for page in (built / "aanbod").glob("*/index.html"):
        text = page.read_text("utf-8")
        assert 'role="search" action="../../zoeken/"' in text
        assert 'data-rk-base="../.."' in text
