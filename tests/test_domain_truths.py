"""Domain truths: what the sources say, checked on what the built portal answers.

Each truth quotes its source sentence word for word (test_every_quote_is_in_its_source checks them
against the source texts in ../shared/seeds where those are beside the checkout) and reads the
published site: aanbod.json, the offer pages and the social map's cards. None of them reads the
data's own tags. Each is a function that returns the
problems it finds, so that test_a_record_changed_against_its_source_fails_a_truth can show that a
truth fails when a record is changed to contradict its source.
"""

import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from regiokaart.checks.contraindications import RULES, rule_for
from regiokaart.models.vocabulary import FamilyProfile
from regiokaart.site.build import build_site

from .conftest import ENGINE, ROOT, SEEDS

FOCUS = "001_8c33fda4f3ad61ac.txt"  # Focus op 'de pleger' (GHNT, 2021)
REGIOVISIE = "002_6706b7143cb93489.txt"  # Voor een veilig thuis, Regiovisie Flevoland 2024-2027


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


QUOTES: list[tuple[str, str]] = []  # (source file, sentence), checked against the sources


def quoted(name: str, sentence: str) -> str:
    QUOTES.append((name, sentence))
    return sentence


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


HAVE_SEEDS = (SEEDS / FOCUS).exists() and (SEEDS / REGIOVISIE).exists()


def offers(site: Path) -> list[dict]:
    return json.loads((site / "sociale-kaart" / "aanbod.json").read_text(encoding="utf-8"))[
        "aanbod"
    ]


def page_text(site: Path, offer: dict) -> str:
    """What a reader reads on the offer's page (tags removed, entities decoded)."""
    folder = (site / "sociale-kaart" / offer["url"]).resolve()
    raw = (folder / "index.html").read_text(encoding="utf-8")
    main = raw[raw.find("<article") : raw.rfind("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


def description_part(text: str) -> str:
    """The offer page's text up to its facts table: the source's own words about the offer."""
    return text.split("Kenmerken van ")[0]


def by_name(site: Path, name: str) -> dict:
    """The published offer whose name is the source's name of an intervention."""
    wanted = name.lower()
    found = [o for o in offers(site) if o["naam"].lower() == wanted]
    found = found or [o for o in offers(site) if wanted in o["naam"].lower()]
    assert len(found) == 1, f"niet precies één aanbod heet {name!r}: {[o['naam'] for o in found]}"
    return found[0]


# --- the truths ---------------------------------------------------------------------------------

INTIEME_TERREUR = quoted(
    REGIOVISIE,
    "Als het gaat om intieme terreur is het bijvoorbeeld van belang het gesprek met slachtoffer en "
    "pleger niet gezamenlijk te voeren",
)
# Words with which an offer's own text says that it brings the partners (or the whole household)
# together: partner-relation therapy, mediation, sessions with both partners.
TOGETHER = re.compile(
    r"\bmediation\b|relatietherapie|\bbeide partners\b|\bpartners samen\b|\bsamen met (de|hun) "
    r"partner\b|\bstel(len)? samen\b",
    re.IGNORECASE,
)


def intieme_terreur_apart(site: Path) -> list[str]:
    """INTIEME_TERREUR: no offer that brings victim and perpetrator together is suitable under
    that profile, and its card says so."""
    problems = []
    for offer in offers(site):
        words = TOGETHER.search(description_part(page_text(site, offer)))
        if words and "intieme-terreur" not in offer["contra"]:
            problems.append(
                f"{offer['naam']} ('{words.group(0)}') past volgens de kaart bij intieme terreur"
            )
    return problems


AGE_ROW = re.compile(
    r"^([^\t\n]+)\t[^\t\n]*\t[^\t\n]*\t([^\t\n]*in de leeftijd van (\d+) tot (\d+) jaar[^\t\n]*)",
    re.M,
)


# The rows of 001's tables (Bijlage 2, §5) whose target group gives an age range: the
# intervention's name and the start of its target group, as the source writes them.
AGE_ROWS = [
    (name, quoted(FOCUS, group))
    for name, group in (
        (
            "Multidimensionele familie-therapie (MDFT)",
            "Jongeren in de leeftijd van 12 tot 23 jaar met vaak meervoudig probleemgedrag zoals "
            "crimineel gedrag (bijvoorbeeld geweldsdelicten)",
        ),
        (
            "Multisysteemtherapie (MST)",
            "Jongeren in de leeftijd van 12 tot 18 jaar met ernstig antisociaal/"
            "grensoverschrijdend gedrag, zoals agressie",
        ),
        (
            "Agressie-regulatie op Maat Ambulant",
            "Jongeren in de leeftijd van 16 tot 24 jaar met een forse agressieproblematiek",
        ),
        (
            "Agressie-regulatie op Maat Residentieel",
            "Jongeren in de leeftijd van 16 tot 24 jaar met (ernstige) agressieproblematiek",
        ),
    )
]


def age_rows() -> list[tuple[str, str, int, int]]:
    """AGE_ROWS with the range: name, target group, from, to (exclusive: "12 tot 18 jaar")."""
    found = []
    for name, group in AGE_ROWS:
        match = re.search(r"(\d+) tot (\d+) jaar", group)
        assert match
        found.append((name, group, int(match[1]), int(match[2])))
    return found


def ages_as_the_table_says(site: Path) -> list[str]:
    """E.g. MST: 'Jongeren in de leeftijd van 12 tot 18 jaar met ernstig antisociaal/
    grensoverschrijdend gedrag, zoals agressie' -> for young people, not for adults; the page says
    12 tot en met 17 jaar; and a young person with aggression is a young perpetrator, so "Snel kiezen:
    Jeugdige pleger" (pleger + jeugd) finds it."""
    problems = []
    for name, group, low, high in age_rows():
        offer = by_name(site, re.sub(r"\s*\(.*\)$", "", name))
        ages = set(offer["filters"]["leeftijd"])
        if (low < 18) != ("jeugd" in ages):
            problems.append(f"{name}: '{low} tot {high} jaar', leeftijd op de kaart {sorted(ages)}")
        if (high > 18) != ("volwassenen" in ages):
            problems.append(f"{name}: '{low} tot {high} jaar', leeftijd op de kaart {sorted(ages)}")
        if f"{low} tot en met {high - 1} jaar" not in page_text(site, offer):
            problems.append(f"{name}: de pagina noemt niet {low} tot en met {high - 1} jaar")
        if "agressie" in group.lower() and "pleger" not in offer["filters"]["rol"]:
            problems.append(f"{name}: '{group[:60]}…' maar niet te vinden onder voor wie: pleger")
    return problems


PLATFORM_PIP = quoted(
    FOCUS,
    "In de regio Zuid-Limburg worden de medewerkers van het lokale veld ondersteund bij het "
    "vergroten van hun kennis en kunde als het gaat om de plegeraanpak.",
)


def services_for_professionals_labelled(site: Path) -> list[str]:
    """PLATFORM_PIP: a service for professionals, not help for a family: labelled so on its card,
    and after the help for clients."""
    offer = by_name(site, "Vergroten kennis en kunde plegeraanpak lokale veld via PlatformPIP")
    problems = []
    if offer["filters"]["soort"] != ["professionals"]:
        problems.append(f"PlatformPIP: soort {offer['filters']['soort']}, niet professionals")
    kinds = [o["filters"]["soort"] for o in offers(site)]
    last_help = max(n for n, kind in enumerate(kinds) if kind == ["clienten"])
    first_service = min(n for n, kind in enumerate(kinds) if kind == ["professionals"])
    if last_help > first_service:
        problems.append("hulp voor cliënten staat na aanbod voor professionals")
    card = (site / "sociale-kaart" / "kaarten").glob("*.html")
    if not any(
        offer["naam"] in text and "Voor professionals en netwerken" in text
        for text in (path.read_text(encoding="utf-8") for path in card)
    ):
        problems.append("de kaart van PlatformPIP zegt niet dat het voor professionals is")
    return problems


ELSEWHERE = quoted(
    FOCUS,
    "Platform PIP is een project van de drie Zuid-Limburgse Veiligheidshuizen",
)


def no_general_route_for_offers_elsewhere(site: Path) -> list[str]:
    """ELSEWHERE, and the like for every offer of another region: it does not run in Flevoland, so
    Flevoland's general route is not its contact."""
    problems = []
    for offer in offers(site):
        area = offer["werkgebied"]
        if area.startswith("Regio ") and "Flevoland" not in area:
            contact = offer["contact"] or {}
            if contact.get("algemeen") or "Algemene route" in contact.get("tekst", ""):
                problems.append(f"{offer['naam']} ({area}): {contact.get('tekst')}")
    return problems


TRUTHS: list[Callable[[Path], list[str]]] = [
    intieme_terreur_apart,
    ages_as_the_table_says,
    services_for_professionals_labelled,
    no_general_route_for_offers_elsewhere,
]


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda t: t.__name__)
def test_the_portal_says_what_the_sources_say(shipped_site: Path, truth) -> None:
    assert truth(shipped_site) == []


@pytest.mark.skipif(
    not HAVE_SEEDS, reason="source documents (../shared/seeds) not beside the checkout"
)
def test_every_quote_is_in_its_source() -> None:
    """Every sentence the truths and the contra-indication rules quote is in its source, word for
    word, and AGE_ROWS holds every row of 001's tables that gives an age range."""
    for name, sentence in QUOTES:
        assert squash(sentence) in squash(seed(name)), f"{name} zegt niet: {sentence}"
    sources = " ".join(squash(seed(name)) for name in (FOCUS, REGIOVISIE))
    for rule in RULES:
        assert squash(rule.quote) in sources, rule.quote
    in_source = [(m[1].strip(), m[2]) for m in AGE_ROW.finditer(seed(FOCUS))]
    assert [name for name, _ in in_source] == [name for name, _ in AGE_ROWS]
    for (_, text), (_, group) in zip(in_source, AGE_ROWS, strict=True):
        assert text.startswith(group)


def test_the_rule_for_intieme_terreur_is_the_regiovisie_sentence() -> None:
    rule = rule_for(FamilyProfile.INTIEME_TERREUR)
    assert rule is not None
    assert rule.quote.startswith(INTIEME_TERREUR)


def test_the_couples_words_find_what_the_source_calls_mediation(shipped_site: Path) -> None:
    """The words of intieme_terreur_apart find at least the national Mediation offer."""
    mediation = by_name(shipped_site, "Mediation")
    assert TOGETHER.search(description_part(page_text(shipped_site, mediation)))


def change_record(path: Path, offer_id: str, change: Callable[[str], str]) -> None:
    """Change the text of one record of a YAML list of offers."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {offer_id}\n")
    end = text.find("\n- id: ", start + 1)
    end = len(text) if end < 0 else end
    changed = change(text[start:end] + "\n").rstrip("\n")
    assert changed != text[start:end], f"{offer_id}: niets veranderd"
    path.write_text(text[:start] + changed + text[end:], encoding="utf-8")


def test_a_record_changed_against_its_source_fails_a_truth(tmp_path: Path) -> None:
    """MST for adults, and Mediation's werkvorm taken away: the truths about ages and intieme
    terreur fail."""
    project = tmp_path / "project"
    for part in ("content", "data", "national"):
        shutil.copytree(ROOT / part, project / part)
    offers_file = project / "national" / "offers.yaml"
    change_record(
        offers_file,
        "mst",
        lambda r: re.sub(
            r"\n  ages:\n(  - \w+\n)+",
            "\n  ages:\n  - jeugd\n  - volwassenen\n",
            re.sub(r"\n  age_max: \d+", "\n  age_max: 40", r),
        ),
    )
    change_record(
        offers_file, "mediation", lambda r: re.sub(r"\n  formats:\n(  - [\w-]+\n)+", "\n", r)
    )
    site = tmp_path / "site"
    build_site(project, site, engine=ENGINE)
    assert any("Multisysteemtherapie" in p for p in ages_as_the_table_says(site))
    assert any("Mediation" in p for p in intieme_terreur_apart(site))
