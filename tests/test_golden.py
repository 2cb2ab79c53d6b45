"""Golden files: the generated Markdown of the small fixture region, compared with checked-in copies.

After an intended change: REGIOKAART_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py, then review the diff.
"""

import os
from datetime import date

import pytest

from regiokaart.checks.check import check_data
from regiokaart.site.pages import render_pages
from tests.conftest import FIXTURE, ROOT

GOLDEN = ROOT / "tests" / "golden" / "mini"
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def generated() -> dict[str, str | bytes]:
    dataset, problems = check_data(FIXTURE / "data", today=TODAY)
    assert dataset is not None, problems
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
    organisation = str(generated["organisaties/veilig-thuis-testland.md"])
    assert 'href="../../aanbod/steungroep/"' in organisation
    assert 'href="../../modules/nazorg-na-huisverbod/"' in organisation
    offer = str(generated["aanbod/steungroep.md"])
    assert 'href="../../organisaties/veilig-thuis-testland/"' in offer
    assert 'href="../../bouwstenen/aanbod-in-kaart/"' in offer


def test_abbreviations_get_tooltips(generated: dict[str, str | bytes]) -> None:
    module = str(generated["modules/nazorg-na-huisverbod.md"])
    assert "THV" not in module or '<abbr title="Tijdelijk huisverbod">THV</abbr>' in module
    home = str(generated["index.md"])
    assert "Testland" in home and "Noordstad" in home and "Flevoland" not in home


def test_nothing_region_specific_is_hard_coded() -> None:
    for folder in ("generator", "theme"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".md", ".html", ".js", ".css"}:
                text = path.read_text(encoding="utf-8")
                for word in ("Flevoland", "Almere", "Lelystad"):
                    assert word not in text, f"{word} in {path.relative_to(ROOT)}"
