"""Privacy: the project leaders named with their mobile numbers in the sources never reach the data,
and `regiokaart check` refuses every common writing of a mobile number or a personal address."""

import json
import re
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokaart.checks.check import check_data
from regiokaart.models.privacy import find_personal_data
from regiokaart.problems import Severity
from tests.conftest import ROOT, SEEDS, replace_in
from tests.privacy_variants import ADDRESS, MOBILE, MOBILE_WRITINGS, PERSONAL_ADDRESSES

CONTACT = re.compile(r"([A-Z][a-z]+(?: [a-z]+)* [A-Z][a-z]+) \(([\w.+-]+@[\w.-]+); (06[\d ]+)\)")


def personal_contacts() -> list[tuple[str, str, str]]:
    found = []
    for seed in sorted(SEEDS.glob("*.txt")):
        found += CONTACT.findall(seed.read_text(encoding="utf-8"))
    return found


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not beside the checkout")
def test_personal_contacts_from_sources_are_not_in_data() -> None:
    contacts = personal_contacts()
    assert len(contacts) >= 3, "the sources name project leaders with mobile numbers"
    data = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.yaml"))
    compact = re.sub(r"\s", "", data)
    for name, email, mobile in contacts:
        assert name not in data
        assert email.lower() not in data.lower()
        assert re.sub(r"\s", "", mobile) not in compact


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not beside the checkout")
def test_the_personal_contacts_of_the_sources_would_be_refused() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            if not CONTACT.search(line):
                continue
            messages = [f.message for f in find_personal_data(line)]
            for _, email, mobile in CONTACT.findall(line):
                assert any(f"persoonlijk e-mailadres ({email})" in m for m in messages), line
                assert any(f"mobiel telefoonnummer ({mobile.strip()})" in m for m in messages), line


# The scan in `regiokaart check`: every common writing of a mobile number and every personal e-mail
# address is refused, in free text and in contact fields; numbers of organisations pass. The
# writings are the one list of tests/privacy_variants.py, which test_published_privacy.py also
# builds with, split by markup too.

NOT_MOBILE = [
    "088 123 4567",
    "0800 2000",
    "0800-2000",
    "0900 1234567",
    "020 123 4567",
    "(036) 123 45 67",
    "14 036",
    "postcode 1315 AB",
    "2024-2026",
    "KvK 32145678",
    "€ 1.250.000",
    "€ 12.345.678,00",
]


def check_description(data: Path, text: str) -> list[str]:
    """The problems of the fixture region with text as the description of an organisation (but
    the reading's own refusal of an invisible character, which some writings hold)."""
    replace_in(
        data / "organisations.yaml",
        "description: Advies- en meldpunt voor **huiselijk geweld**.",
        "description: " + json.dumps(text, ensure_ascii=False),
    )
    _, problems = check_data(data)
    return [
        p.format()
        for p in problems
        if p.severity is Severity.ERROR and "bevat een onzichtbaar teken" not in p.message
    ]


@pytest.mark.parametrize("number", MOBILE_WRITINGS)
def test_every_writing_of_a_mobile_number_is_refused(mini_data: Path, number: str) -> None:
    errors = check_description(mini_data, f"Bel {number} bij het meldpunt.")
    assert len(errors) == 1, errors
    assert "organisations.yaml:17:" in errors[0]
    assert "organisations[2].description: bevat een mobiel telefoonnummer" in errors[0]


@pytest.mark.parametrize("number", NOT_MOBILE)
def test_numbers_of_organisations_and_other_figures_pass(mini_data: Path, number: str) -> None:
    assert check_description(mini_data, f"Bel {number} of zie {number}.") == []


@pytest.mark.parametrize("number", ["06-12345678", "06 – 12 34 56 78", "+31 6 12345678"])
def test_phone_field_refuses_a_mobile_number(mini_data: Path, number: str) -> None:
    replace_in(mini_data / "organisations.yaml", 'phone: "0800-2000"', f'phone: "{number}"')
    _, problems = check_data(mini_data)
    assert [p.format() for p in problems if "mobiel" in p.message] == [
        f"{mini_data / 'organisations.yaml'}:21:12: organisations[2].phone: dit is een mobiel "
        "nummer; publiceer alleen een algemeen nummer van de organisatie"
    ]


@pytest.mark.parametrize(("written", "address"), PERSONAL_ADDRESSES)
def test_personal_addresses_in_text_are_refused(
    mini_data: Path, written: str, address: str
) -> None:
    errors = check_description(mini_data, f"Mail {written} voor vragen.")
    assert len(errors) == 1, errors
    assert (
        f"organisations[2].description: bevat een persoonlijk e-mailadres ({address})"
        in (errors[0])
    )


@pytest.mark.parametrize(
    "text",
    [
        "Mail info@gemeente.example.nl of Secretariaat@gemeente.example.nl.",
        "Mail INFO (at) gemeente.example.nl.",
        "Het team van Matthijs at Almere werkt samen met Urk at home.",  # 'at' alone is no address
        "Zie @veiligthuis op sociale media en versie pakket@1.2.3.",
    ],
)
def test_role_mailboxes_and_prose_pass(mini_data: Path, text: str) -> None:
    assert check_description(mini_data, text) == []


@pytest.mark.parametrize("address", ["teamleider.jansen@example.nl", "infojeroen@example.nl"])
def test_email_field_refuses_a_personal_address(mini_data: Path, address: str) -> None:
    replace_in(
        mini_data / "organisations.yaml",
        "email: info@veiligthuis.example.nl",
        f"email: {address}",
    )
    _, problems = check_data(mini_data)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == [
        f"{mini_data / 'organisations.yaml'}:20:12: organisations[2].email: dit lijkt een "
        "persoonlijk e-mailadres; publiceer alleen een algemeen adres van de organisatie of een "
        "functie (zoals info@…), of zet een functieadres van de regio in "
        "region.function_mailboxes"
    ]


FORMAT_CHARACTERS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]


def test_every_format_character_is_read_across() -> None:
    """A reader does not see a format character (Unicode category Cf: zero-width characters,
    direction marks, the soft hyphen, U+2063, ...), so the rule reads a number, an address and a
    local part across it."""
    assert len(FORMAT_CHARACTERS) > 150
    missed = [
        f"U+{ord(char):04X}"
        for char in FORMAT_CHARACTERS
        if [f.key for f in find_personal_data(f"Bel 06-1234{char}5678.")] != [MOBILE]
        or [f.key for f in find_personal_data(f"Mail j.jansen{char}@gemeente.example.nl")]
        != [ADDRESS]
        or [f.key for f in find_personal_data(f"Mail jansen{char}info@gemeente.example.nl")]
        != ["janseninfo@gemeente.example.nl"]
    ]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Bel 06-1234\u200c5678.", "06-1234\u200c5678"),
        ("Bel ０６\u2063１２３４５６７８.", "０６\u2063１２３４５６７８"),
        ("Mail jansen\u200binfo@gemeente.example.nl", "jansen\u200binfo@"),
        ("Bel \u202e87654321-60\u202c nu.", "87654321-60"),  # reversed: found at its last digit
    ],
)
def test_a_finding_across_an_invisible_character_is_located_where_it_is_written(
    text: str, written: str
) -> None:
    [finding] = find_personal_data(text)
    start = text.index(written)
    assert start <= finding.start < start + len(written)


def test_a_right_to_left_override_reads_the_text_reversed_too() -> None:
    """U+202E shows what follows right to left: '87654321-60' is shown as 06-12345678."""
    assert [f.key for f in find_personal_data("Bel \u202e87654321-60\u202c nu.")] == [MOBILE]
    # without an override it is no number; with one, a number written forward is still found once
    assert find_personal_data("Code 87654321-60.") == []
    assert [f.key for f in find_personal_data("Bel 06-12345678 \u202eof niet\u202c.")] == [MOBILE]
    # a role mailbox reversed is still a role mailbox
    assert find_personal_data("\u202eln.elpmaxe.etneemeg@ofni\u202c") == []


def test_region_lists_its_own_function_mailboxes(mini_data: Path) -> None:
    replace_in(
        mini_data / "region.yaml",
        "  source: {document: testbron",
        "  function_mailboxes: [Plegeraanpak@Veiligthuis.example.nl]\n  source: {document: testbron",
    )
    replace_in(
        mini_data / "organisations.yaml",
        "email: info@veiligthuis.example.nl",
        "email: plegeraanpak@veiligthuis.example.nl",
    )
    errors = check_description(
        mini_data,
        "Mail plegeraanpak (at) veiligthuis.example.nl, niet plegeraanpak@gemeente.example.nl.",
    )
    # only the listed address: the same local part at another domain is still personal
    assert len(errors) == 1, errors
    assert "bevat een persoonlijk e-mailadres (plegeraanpak@gemeente.example.nl)" in errors[0]


def test_a_function_mailbox_must_be_an_address(mini_data: Path) -> None:
    replace_in(
        mini_data / "region.yaml",
        "  source: {document: testbron",
        "  function_mailboxes: [plegeraanpak]\n  source: {document: testbron",
    )
    _, problems = check_data(mini_data)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == [
        f"{mini_data / 'region.yaml'}:9:24: region.function_mailboxes[0]: geen geldig e-mailadres"
    ]


# A long unbroken string made the e-mail pattern backtrack quadratically (100 kB: 21 s). The scan is
# linear by construction (bounded windows around each '@' or '(at)', digit runs handed to the
# matcher once, and no more than privacy.MAX_NUMBER_TEXT of them); hypothesis' deadline catches a
# return of superlinear work without a timing assert of our own.
LONG_UNITS = [
    "a",
    "a.",
    "a@",
    "@a.",
    "a@a.",
    "a@a ",
    "a (at) ",
    "x [at] y (punt) ",
    "1",
    "06 ",
    "０６ ",
    "0612345678 ",
    "1 - ",
    "06 - 1 - ",
    "06 - 12 - 34 - 56 - 78 x ",
    "\u202e06 ",
    "\u200b1",
    "a\u200b@",
    "ë",
    "ë@ë.",
    "ë@",
]


@pytest.mark.parametrize("unit", LONG_UNITS)
def test_a_200_kb_string_is_scanned_in_bounded_time(mini_data: Path, unit: str) -> None:
    text = (unit * (200_000 // len(unit) + 1))[:200_000]
    replace_in(
        mini_data / "organisations.yaml",
        "description: Advies- en meldpunt voor **huiselijk geweld**.",
        "description: " + json.dumps(text, ensure_ascii=False),
    )

    @settings(max_examples=1, deadline=timedelta(seconds=10), database=None)
    @given(st.just(mini_data))
    def check(data: Path) -> None:
        check_data(data)

    check()


def test_more_numbers_than_can_be_checked_is_refused(mini_data: Path) -> None:
    """The matcher is slow; a text with more than any real text holds is refused, not let through."""
    numbers = "0612345678901 x " * 2_000  # 13 digits: no phone number, yet checked
    errors = check_description(mini_data, numbers + "Bel 06-12345678.")
    privacy = [e for e in errors if "mobiel" in e]  # the text is also too long for a field
    assert len(privacy) == 1, errors
    assert (
        "organisations[2].description: bevat te veel cijferreeksen om op mobiele nummers te "
        "controleren" in privacy[0]
    )


def test_personal_address_after_many_role_addresses_is_found(mini_data: Path) -> None:
    text = "info@gemeente.example.nl, " * 30 + "j.jansen@gemeente.example.nl"
    errors = check_description(mini_data, text)
    assert len(errors) == 1 and "(j.jansen@gemeente.example.nl)" in errors[0], errors
