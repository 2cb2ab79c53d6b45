"""The project leaders named with their mobile numbers in the sources never reach the data."""

import re

import pytest

from tests.conftest import ROOT, SEEDS

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
