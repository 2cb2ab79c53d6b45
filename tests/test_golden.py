"""Golden files: the generated Markdown of the small fixture region, compared with checked-in copies.

After an intended change: REGIOKAART_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py, then review the diff.
"""

import os
from datetime import date
from pathlib import Path

import pytest

from regiokaart.routes import Page, link, page_file, page_url
from regiokaart.site.pages import render_pages
from tests.conftest import FIXTURE, ROOT, checked, replace_in

GOLDEN = ROOT / "tests" / "golden" / "mini"
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def generated() -> dict[str, str | bytes]:
    dataset = checked(FIXTURE / "data", TODAY)
    return render_pages(dataset, ROOT / "theme" / "regiokaart", today=TODAY)


def textual(generated: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The generated text files; a workbook is a zip of XML, checked by reading it back
    (tests/test_open_data.py) rather than against a copy."""
    return {path: body for path, body in generated.items() if not path.endswith(".xlsx")}


def test_generated_pages_match_golden_files(generated: dict[str, str | bytes]) -> None:
    if os.environ.get("REGIOKAART_UPDATE_GOLDEN"):
        for relative, body in textual(generated).items():
            target = GOLDEN / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                body if isinstance(body, str) else body.decode("utf-8"), encoding="utf-8"
            )
    expected = {
        # as bytes: CSV files keep their CRLF line ends
        str(path.relative_to(GOLDEN)): path.read_bytes().decode("utf-8")
        for path in GOLDEN.rglob("*")
        if path.is_file()
    }
    assert sorted(expected) == sorted(textual(generated))
    for relative, body in textual(generated).items():
        assert body == expected[relative], f"{relative} differs from tests/golden/mini/{relative}"


def test_markup_from_data_is_escaped(generated: dict[str, str | bytes]) -> None:
    offer_page = generated["aanbod/relatietherapie.md"]
    assert isinstance(offer_page, str)
    assert "<script>" not in offer_page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in offer_page
    assert "<script>" not in str(generated["sociale-kaart/index.md"])


def test_stale_record_says_so_and_fresh_record_does_not(generated: dict[str, str | bytes]) -> None:
    assert "langer dan 12 maanden niet gecontroleerd" in str(generated["aanbod/relatietherapie.md"])
    assert "langer dan 12 maanden niet gecontroleerd" not in str(generated["aanbod/steungroep.md"])


def test_pages_link_both_ways(generated: dict[str, str | bytes]) -> None:
    """The provider's page links its offer and module, the offer's page its provider and the
    bouwsteen that names it: each link as the route table makes it."""
    provider = (Page.ORGANISATION, "veilig-thuis-testland")
    offer = (Page.OFFER, "steungroep")
    module = (Page.MODULE, "nazorg-na-huisverbod")
    bouwsteen = (Page.BOUWSTEEN, "aanbod-in-kaart")
    for source, targets in ((provider, [offer, module]), (offer, [provider, bouwsteen])):
        page = str(generated[page_file(*source)])
        for target in targets:
            href = link(page_url(*source), page_url(*target))
            assert f'href="{href}"' in page, (source, target)


def test_abbreviations_get_tooltips(mini_data: Path) -> None:
    """A glossary abbreviation in a data text gets its term as a tooltip. The fixture's own texts
    use none, so one is written into the module's summary here."""
    replace_in(
        mini_data / "modules.yaml",
        "na een tijdelijk huisverbod.",
        "na een tijdelijk huisverbod (THV).",
    )
    pages = render_pages(checked(mini_data, TODAY), ROOT / "theme" / "regiokaart", today=TODAY)
    _, front_matter, body = str(pages["modules/nazorg-na-huisverbod.md"]).split("---\n", 2)
    tooltip = '<abbr title="Tijdelijk huisverbod">THV</abbr>'
    assert f"huisverbod ({tooltip})." in body
    assert "THV" not in body.replace(tooltip, "")  # every one of them
    assert "huisverbod (THV)." in front_matter  # the page's description is plain text


def test_home_names_the_region_of_the_data(generated: dict[str, str | bytes]) -> None:
    home = str(generated["index.md"])
    assert "Testland" in home and "Noordstad" in home and "Flevoland" not in home


def test_nothing_region_specific_is_hard_coded() -> None:
    for folder in ("generator", "theme"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".md", ".html", ".js", ".css"}:
                text = path.read_text(encoding="utf-8")
                for word in ("Flevoland", "Almere", "Lelystad"):
                    assert word not in text, f"{word} in {path.relative_to(ROOT)}"
