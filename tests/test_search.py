"""Search beyond Pagefind's stemmer: the search vocabulary (synonym groups from search.yaml and the
glossary, words to ignore, places), the words of the data for "Bedoelde u …?", what the index
leaves out, and the filters and details every page gives the search index."""

import functools
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

from regiokaart.dataset import Dataset
from regiokaart.dataset.order import SEARCH_FILTER, offer_numbers
from regiokaart.site.build import build_site
from regiokaart.site.pages.facets import facets
from regiokaart.site.pages.search import (
    MAX_WORDS,
    fold_text,
    ignored_words,
    place_offers,
    render_search_synonyms,
    render_search_words,
    synonym_groups,
)
from regiokaart.site.search import EXCLUDED
from tests.conftest import ROOT, checked, checked_with_warnings, drop_permission_override

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


def test_glossary_abbreviations_and_search_yaml_make_one_group(flevoland: Dataset) -> None:
    group = group_with(synonym_groups(flevoland), "thv")
    assert {"tijdelijk huisverbod", "huisverbod", "huisverboden", "tijdelijke huisverboden"} <= set(
        group
    )
    assert group_with(synonym_groups(flevoland), "mdft") == [
        "multidimensionele familietherapie",
        "mdft",
    ]


def test_no_word_is_in_two_groups(flevoland: Dataset) -> None:
    words = [word for group in synonym_groups(flevoland) for word in group]
    assert len(words) == len(set(words))


def test_the_vocabulary_of_the_offers_is_known(flevoland: Dataset) -> None:
    """Words a wijkteam worker types for the offers of the sources (tests/search_queries.yaml)."""
    groups = synonym_groups(flevoland)
    assert {"agressieregulatie", "agressie regulatie", "art"} <= set(
        group_with(groups, "agressietraining")
    )
    assert "partnerrelatie" in group_with(groups, "relatietherapie")
    assert "mediator" in group_with(groups, "mediation")
    assert {"jongeren agressie", "jeugdige plegers"} <= set(group_with(groups, "jeugdige pleger"))
    assert {"dader", "plegeraanbod"} <= set(group_with(groups, "pleger"))
    assert "ervaringswerker" in group_with(groups, "ervaringsdeskundige")


def test_a_region_adds_its_own_words(mini_project: Path) -> None:
    (mini_project / "data" / "search.yaml").write_text(
        "synonyms:\n  - words: [wijkteam, sociaal team]\nignore: [graag]\n", encoding="utf-8"
    )
    dataset, problems = checked_with_warnings(mini_project / "data")
    assert ["wijkteam", "sociaal team"] in synonym_groups(dataset)
    assert {"graag", "voor"} <= set(ignored_words(dataset))
    assert not [p for p in problems if "search.yaml" in p.format()]


def test_a_group_of_one_word_is_an_error(mini_project: Path) -> None:
    from regiokaart.checks.check import check_data

    (mini_project / "data" / "search.yaml").write_text(
        "synonyms:\n  - words: [alleen]\n", encoding="utf-8"
    )
    _, problems = check_data(mini_project / "data")
    assert any(
        p.format().startswith("data/search.yaml:2:") or "synonyms[0].words" in p.format()
        for p in problems
    ), [p.format() for p in problems]


def test_places_are_the_municipalities_with_the_offers_available_there(
    flevoland: Dataset,
) -> None:
    places = place_offers(flevoland)
    names = [m.name for m in flevoland.region.municipalities]
    assert list(places) == [fold_text(name) for name in names]
    municipality = next(f for f in facets(flevoland) if f.key == "gemeente")
    numbers = offer_numbers(flevoland)
    for name in names:
        expected = sorted(
            numbers[o.id] for o in flevoland.offers.values() if name in municipality.of_offer(o)
        )
        assert places[fold_text(name)] == expected
    # Basisvoorziening relatie en scheiding is only in Almere and Lelystad (Regiovisie §5.2).
    basis = numbers["basisvoorziening-relatie-en-scheiding"]
    assert basis in places["almere"] and basis not in places["dronten"]


def test_synonyms_file_has_the_vocabulary(flevoland: Dataset) -> None:
    data = json.loads(render_search_synonyms(flevoland))
    assert data["groepen"] == synonym_groups(flevoland)
    assert data["negeren"] == ignored_words(flevoland)
    assert {"de", "voor", "bij"} <= set(data["negeren"])
    assert data["aantal"] == len(flevoland.offers)
    assert set(data["plaatsen"]) == set(place_offers(flevoland))


def test_words_file_is_folded_counted_and_bounded(flevoland: Dataset) -> None:
    words = json.loads(render_search_words(flevoland))["woorden"]
    assert words["agressie"] > 10
    assert "huisverbod" in words
    # A word of the vocabulary that the data does not have: known (no "Bedoelde u"), count 0 (not
    # searched as a synonym: Pagefind would search "relatie" for it).
    assert words["relatietherapie"] == 0
    assert words["agressietraining"] == 0
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
    return checked(mini_project_factory / "data")


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
    assert {"tijdelijk huisverbod", "huisverbod", "huisverboden", "thv"} in map(set, groups)
    assert (
        "huisverbod"
        in json.loads((built / "zoeken" / "woorden.json").read_text("utf-8"))["woorden"]
    )
    for page in (built / "aanbod").glob("*/index.html"):
        text = page.read_text("utf-8")
        assert 'role="search" action="../../zoeken/"' in text
        assert 'data-rk-base="../.."' in text


def indexed_pages(site: Path) -> dict[str, str]:
    """Page address -> the text Pagefind indexed for it (its fragments)."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        pages[data["url"]] = data["content"]
    return pages


def test_the_index_leaves_out_labels_and_source_notes(built: Path) -> None:
    """What is the same on every offer page (the labels of the facts, the source note) is no reason
    to find a page: a national offer's source "Focus op 'de pleger'" made each a match for
    "pleger", each offer's label "Met ervaringsdeskundigen" one for "ervaringsdeskundige"."""
    page = (built / "aanbod" / "relatietherapie" / "index.html").read_text("utf-8")
    assert "Met ervaringsdeskundigen</th>" in page and "Peildatum:" in page
    pages = indexed_pages(built)
    assert "Relatietherapie" in pages["/aanbod/relatietherapie/"]
    for url, text in pages.items():
        assert "Peildatum:" not in text, url
        assert "Met ervaringsdeskundigen" not in text, url


def test_every_excluded_part_is_still_on_the_pages() -> None:
    """A renamed class would silently put the part back into the index."""
    templates = "".join(p.read_text("utf-8") for p in (ROOT / "theme" / "regiokaart").glob("*.md"))
    # Whole class names: "rk-source" renamed "rk-source-note" must not count as still there.
    classes = {
        name for value in re.findall(r'class="([^"]*)"', templates) for name in value.split()
    }
    for selector in EXCLUDED:
        for name in re.findall(r"\.([a-z-]+)", selector):
            assert name in classes, selector


def index_files(index: Path) -> dict[str, bytes]:
    return {str(path.relative_to(index)): path.read_bytes() for path in index.rglob("*.*")}


def test_a_streamed_index_is_whole_though_pagefind_neither_writes_nor_outlives_its_answer(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind 1.5.2 acknowledges WriteFiles before its writes reach the disk, so a service that
    stops right after its answer leaves files cut short (Pagefind issue 1271; this truncated the
    index on a busy machine). Here the service runs without root's power over permissions in a
    site it may not write in, and is killed as soon as it has given the last index: both indexes
    must still be whole."""
    from regiokaart.site.search import REQUIRED_FILES, PageStream, index_site

    if os.geteuid() != 0:
        pytest.skip("a site this process may write in but Pagefind may not needs root")
    reference = tmp_path / "reference"
    shutil.copytree(built, reference, ignore=shutil.ignore_patterns("pagefind"))
    index_site(reference)

    streamed = tmp_path / "streamed"
    shutil.copytree(built, streamed, ignore=shutil.ignore_patterns("pagefind"))
    without_override = functools.partial(subprocess.Popen, preexec_fn=drop_permission_override)
    monkeypatch.setattr(subprocess, "Popen", without_override)
    stream = PageStream()
    monkeypatch.undo()
    streamed.chmod(0o555)
    for page in sorted(streamed.rglob("*.html")):
        stream.add(str(page.relative_to(streamed)), page.read_text(encoding="utf-8"))
    answer_of = stream._wait
    indexes_given = []

    def answer_then_stop(message_id: int, *, all_before: bool = False) -> dict[str, Any]:
        answer = answer_of(message_id, all_before=all_before)
        indexes_given.append(message_id)
        if len(indexes_given) == len(REQUIRED_FILES):
            stream._process.kill()
            stream._process.wait()
        return answer

    stream._wait = answer_then_stop  # type: ignore[method-assign]
    try:
        stream.write_into(streamed)
    finally:
        stream.close()
        streamed.chmod(0o755)
    for index, least in (("pagefind", 35), ("pagefind-landelijk", 10)):
        assert not (streamed / f".{index}-new").exists()
        assert_whole(index_files(streamed / index), index_files(reference / index), least)


def assert_whole(written: dict[str, bytes], expected: dict[str, bytes], least: int) -> None:
    """written holds the same files as expected (more than least), each whole."""
    assert len(written) == len(expected) > least
    hashed = re.compile(r"_[0-9a-f]{7,}\.")
    assert sorted(hashed.sub("_#.", name) for name in written) == sorted(
        hashed.sub("_#.", name) for name in expected
    )
    for name, content in written.items():
        if name.endswith((".pagefind", ".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment")):
            assert gzip.decompress(content).startswith(b"pagefind_dcd"), name
        elif name == "pagefind-entry.json":
            pages = json.loads(content)["languages"]["nl"]["page_count"]
            assert pages == json.loads(expected[name])["languages"]["nl"]["page_count"] > 0
        else:
            assert content == expected[name], name


def test_a_pagefind_that_stops_gives_a_dutch_message_not_a_hang(built: Path) -> None:
    from regiokaart.site.search import PageStream, SearchIndexFailed

    stream = PageStream()
    stream._process.kill()
    with pytest.raises(
        SearchIndexFailed, match="zoekindex kon niet worden gemaakt: Pagefind stopte"
    ):
        stream.add("index.html", (built / "index.html").read_text(encoding="utf-8"))
        stream.write_into(built.parent / "never")
    stream.close()
    assert not (built.parent / "never").exists()


def test_a_stuck_pagefind_gives_a_dutch_message_not_a_hang(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from regiokaart.site.search import PageStream, SearchIndexFailed

    monkeypatch.setattr("regiokaart.site.search.STALL_LIMIT", 0.5)
    stream = PageStream()
    stream._process.send_signal(signal.SIGSTOP)
    try:
        stream.add("index.html", (built / "index.html").read_text(encoding="utf-8"))
        with pytest.raises(SearchIndexFailed, match="Pagefind antwoordt niet meer"):
            stream.write_into(built.parent / "never")
    finally:
        stream._process.send_signal(signal.SIGCONT)
        stream.close()
    assert not (built.parent / "never").exists()


def test_a_pagefind_that_cannot_be_started_is_named_by_build_and_serve(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user who may not run the program (or the Python that starts it tied to the build):
    build and serve's rebuild say so in Dutch, not as a site that cannot be written, nor a
    traceback."""
    from regiokaart.serve.live_build import LiveBuild
    from regiokaart.site.build import BuildFailed

    not_runnable = tmp_path / "geen-programma"
    not_runnable.write_text("")
    not_runnable.chmod(0o644)
    monkeypatch.setattr("regiokaart.site.search.tied_command", lambda command: [str(not_runnable)])
    for attempt in (
        lambda: build_site(mini_project, mini_project / "site"),
        lambda: LiveBuild(mini_project, tmp_path / "live").index_search(),
    ):
        with pytest.raises(BuildFailed) as failed:
            attempt()
        (problem,) = failed.value.problems
        assert f"zoekindex kon niet worden gemaakt: Pagefind start niet ({not_runnable})" in (
            problem.format()
        )
    assert not (mini_project / "site").exists(), "no site is half written"
