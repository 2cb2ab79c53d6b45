"""The build of regiokaart serve: a rebuild writes only what changed and ends where a full build does."""

from pathlib import Path

import pytest

from regiokaart.serve.live_build import LiveBuild
from regiokaart.site.build import BuildFailed, build_site
from regiokaart.site.engines import EngineFailed
from tests.conftest import replace_in


def html_pages(site: Path) -> dict[str, bytes]:
    """Every page and fragment of a site (the search index aside: its file names vary per build)."""
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*.html"))
        if "pagefind" not in path.relative_to(site).parts
    }


def page_times(site: Path) -> dict[str, int]:
    return {
        path.relative_to(site).as_posix(): path.stat().st_mtime_ns
        for path in site.rglob("*.html")
        if "pagefind" not in path.relative_to(site).parts
    }


def failing_engine(*args: object, **kwargs: object) -> None:
    raise EngineFailed("kapot")


def rebuilt(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {page for page, time in after.items() if before.get(page) != time}


def test_a_changed_offer_rebuilds_only_its_pages_and_ends_like_a_full_build(
    mini_project: Path, tmp_path: Path
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    count, _ = live.build()
    live.index_search()
    assert (live.site / "pagefind" / "pagefind.js").is_file()
    before = page_times(live.site)
    assert len(before) >= count

    replace_in(
        mini_project / "data" / "offers.yaml",
        "name: Steungroep voor plegers",
        "name: Lotgenotengroep voor plegers",
    )
    live.build()
    after = page_times(live.site)
    changed = rebuilt(before, after)
    assert "aanbod/steungroep/index.html" in changed
    assert (
        b"Lotgenotengroep voor plegers" in (live.site / "aanbod/steungroep/index.html").read_bytes()
    )
    unrelated = {"index.html", "over/index.html", "begrippen/index.html", "modules/index.html"}
    assert unrelated <= set(after) and not changed & unrelated, "pages without the offer stay"
    assert len(changed) < len(after) / 2, f"{len(changed)} of {len(after)} pages were rebuilt"

    full = build_site(mini_project, tmp_path / "full")
    assert html_pages(live.site) == html_pages(full.target), "the same site as a full build"


def test_a_theme_change_or_a_new_page_rebuilds_every_page(
    mini_project: Path, tmp_path: Path, shipped_copy: Path
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    before = page_times(live.site)

    main = shipped_copy / "theme" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    live.build()
    assert not set(before) - rebuilt(before, page_times(live.site)), "every page again"

    before = page_times(live.site)
    (mini_project / "content" / "nieuw.md").write_text("# Nieuwe pagina\n", encoding="utf-8")
    live.build()
    after = page_times(live.site)
    assert "nieuw/index.html" in after
    assert not set(before) - rebuilt(before, after), "a new page changes the navigation of all"


def test_a_failed_engine_build_makes_the_next_build_a_full_one(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    monkeypatch.setattr("regiokaart.site.engines.render_site", failing_engine)
    with pytest.raises(BuildFailed) as failure:
        live.build()
    assert [p.message for p in failure.value.problems] == ["kapot"]
    monkeypatch.undo()
    before = page_times(live.site)
    live.build()
    assert not set(before) - rebuilt(before, page_times(live.site)), "a full build after a failure"


OFFER_PAGE = "aanbod/steungroep/index.html"
PROVIDER_PAGE = "organisaties/veilig-thuis-testland/index.html"
OLD_NAME, NEW_NAME = "Steungroep voor plegers", "Lotgenotengroep voor plegers"


def text_of(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_an_edited_offer_is_shown_on_its_own_page_first_and_then_everywhere(
    mini_project: Path, tmp_path: Path
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    assert live.show_edited_record() is None, "nothing to show before a first build"
    live.build()
    assert OLD_NAME in text_of(live.site, PROVIDER_PAGE)
    before = page_times(live.site)

    replace_in(mini_project / "data" / "offers.yaml", f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    assert live.show_edited_record() == "aanbod/steungroep.md"
    # (MkDocs writes its 404 page in every build, dirty or not.)
    assert rebuilt(before, page_times(live.site)) - {"404.html"} == {OFFER_PAGE}, "only its page"
    assert NEW_NAME in text_of(live.site, OFFER_PAGE)
    assert OLD_NAME in text_of(live.site, PROVIDER_PAGE), "the provider's page follows later"
    shown = (live.site / OFFER_PAGE).read_bytes()

    live.build()
    assert NEW_NAME in text_of(live.site, PROVIDER_PAGE)
    assert (live.site / OFFER_PAGE).read_bytes() == shown, "the page shown first is the final one"
    full = build_site(mini_project, tmp_path / "full")
    assert html_pages(live.site) == html_pages(full.target), "the same site as a full build"


@pytest.mark.parametrize(
    ("label", "file", "old", "new", "fails"),
    [
        ("a mobile number", "offers.yaml", "Lotgenotengroep onder", "Bel 06-12345678 onder", True),
        ("an unknown value", "offers.yaml", "effectiveness: Onbekend", "effectiveness: Ok", True),
        ("a missing provider", "offers.yaml", "[veilig-thuis-testland]", "[nergens]", True),
        ("a new id (named elsewhere)", "offers.yaml", "- id: steungroep", "- id: groep", True),
        ("two offers", "offers.yaml", "Therapie voor beide", "Gesprekken voor beide", False),
        ("the region", "region.yaml", "name: Testland", "name: Proefland", False),
    ],
)
def test_only_a_sound_edit_of_one_record_is_shown_before_the_whole_build(
    mini_project: Path, tmp_path: Path, label: str, file: str, old: str, new: str, fails: bool
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    before = page_times(live.site)
    replace_in(mini_project / "data" / file, old, new)
    if label == "two offers":
        replace_in(mini_project / "data" / "offers.yaml", f"name: {OLD_NAME}", f"name: {NEW_NAME}")

    assert live.show_edited_record() is None, label
    assert rebuilt(before, page_times(live.site)) == set(), f"{label}: nothing was built"
    if fails:
        with pytest.raises(BuildFailed):
            live.build()
    else:
        live.build()
        assert rebuilt(before, page_times(live.site)), f"{label}: the whole build shows it"


def test_an_edited_organisation_is_shown_on_its_own_page_first(
    mini_project: Path, tmp_path: Path
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    page = "organisaties/gemeente-zuiddorp/index.html"
    replace_in(
        mini_project / "data" / "organisations.yaml",
        "name: Gemeente Zuiddorp",
        "name: Gemeente Zuiddorp-aan-Zee",
    )
    assert live.show_edited_record() == "organisaties/gemeente-zuiddorp.md"
    assert "Gemeente Zuiddorp-aan-Zee" in text_of(live.site, page)


def test_an_engine_failure_while_showing_a_record_leaves_it_to_a_full_build(
    mini_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = LiveBuild(mini_project, tmp_path / "live")
    live.build()
    replace_in(mini_project / "data" / "offers.yaml", f"name: {OLD_NAME}", f"name: {NEW_NAME}")
    monkeypatch.setattr("regiokaart.site.engines.render_site", failing_engine)
    assert live.show_edited_record() is None
    monkeypatch.undo()
    before = page_times(live.site)
    live.build()
    assert not set(before) - rebuilt(before, page_times(live.site)), "a full build after it"
    assert NEW_NAME in text_of(live.site, OFFER_PAGE)
