"""A wijkteam worker's journey on a 375 px phone: a young perpetrator in Almere, signs of intieme
terreur, to a way to contact or refer. What is visible at each step is checked against aanbod.json
(the open data file says per offer its facet values, contra-indications and contact)."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import next_page

pytestmark = pytest.mark.browser

CHOSEN = {"gemeente": "Almere", "rol": "pleger", "leeftijd": "jeugd"}


def offers_data(site: Path) -> list[dict]:
    return json.loads((site / "sociale-kaart" / "aanbod.json").read_text(encoding="utf-8"))[
        "aanbod"
    ]


def unstated(offer: dict, facet: str) -> bool:
    """Whether the offer's source does not state the facet, as aanbod.json shows it."""
    if facet == "gemeente":
        return offer["werkgebied"] == "Werkgebied onbekend"
    if facet == "rol":
        return not offer["filters"]["rol"]
    return offer["filters"]["leeftijd"] == ["onbekend"]


def groups(offers: list[dict]) -> tuple[list[str], list[str], list[str]]:
    """Names of the offers that match, those whose source leaves a chosen facet unsaid, and those
    contra-indicated for intieme terreur (of either)."""
    matching, apart, contra = [], [], []
    for offer in offers:
        hits = {f: v in offer["filters"][f] for f, v in CHOSEN.items()}
        if not all(hits[f] or unstated(offer, f) for f in CHOSEN):
            continue
        if "intieme-terreur" in offer["contra"]:
            contra.append(offer["naam"])
        elif all(hits.values()):
            matching.append(offer["naam"])
        else:
            apart.append(offer["naam"])
    return matching, apart, contra


def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    return context.new_page()


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_young_perpetrator_in_almere_with_signs_of_intieme_terreur(
    browser: Browser, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    matching, apart, contra = groups(offers)
    assert matching and apart and contra, "each group has offers in the shipped data"
    page = phone(browser)
    page.goto(base_url + "sociale-kaart/")
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()

    # Step 1: the filters open from one button; "Jeugdige pleger", Almere, Intieme terreur.
    page.locator("#rk-filters-toggle").click()
    page.get_by_role("button", name="Jeugdige pleger").click()
    page.get_by_label(re.compile(r"^Almere")).check()
    page.get_by_label(re.compile(r"^Intieme terreur")).check()
    page.locator("#rk-filters-done").click()
    expect(page.locator("#rk-filters")).to_be_hidden()
    no_sideways_scroll(page)

    # Step 2: the count says what matches and what is apart because the source does not say.
    status = page.locator("#rk-status")
    expect(status).to_be_visible()
    expect(status).to_contain_text(
        f"{len(matching)} van {len(offers)} aanbod passend of niet uitgesloten."
    )
    expect(status).to_contain_text(f"{len(apart)} apart omdat de bron")
    expect(status).to_contain_text(f"{len(contra)} niet geschikt")

    # Step 3: the intieme-terreur warning quotes the Regiovisie.
    note = page.locator('[data-rk-contra="intieme-terreur"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("slachtoffer en pleger niet gezamenlijk te voeren")

    # Step 4: the first card is one that matches; its page says how to contact and refer.
    first = page.locator("#rk-cards-suitable > li h3 a").first
    expect(first).to_be_visible()
    name = first.inner_text()
    assert name in matching
    first.click()
    expect(page.locator("h1")).to_have_text(name)
    offer = next(o for o in offers if o["naam"] == name)
    refer = page.locator("section.rk-referral")
    expect(refer.get_by_role("heading", name="Hoe verwijs je?")).to_be_visible()
    if offer["contact"]:
        contact = page.locator("section.rk-contact")
        expect(contact).to_be_visible()
        expect(contact).to_contain_text(offer["contact"]["tekst"].split(":")[0])
    no_sideways_scroll(page)
    page.context.close()


def test_offers_whose_source_is_silent_on_a_chosen_filter_are_shown_apart_with_why(
    browser: Browser, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    matching, apart, contra = groups(offers)
    page = phone(browser)
    page.goto(
        base_url
        + "sociale-kaart/?gemeente=Almere&rol=pleger&leeftijd=jeugd&profiel=intieme-terreur"
    )
    expect(page.locator("[data-rk-socialmap][data-rk-ready]")).to_be_attached()
    seen_apart: list[str] = []
    while True:
        here = page.locator("#rk-cards-unstated > li h3 a").all_text_contents()
        if here:
            expect(page.locator("#rk-unstated-title")).to_be_visible()
            expect(page.locator("#rk-unstated-note")).to_contain_text("niet vermeld in de bron")
        seen_apart += here
        if not next_page(page):
            break
    assert seen_apart == apart
    assert not set(seen_apart) & set(matching + contra)
    page.context.close()


def test_without_javascript_a_shared_filtered_link_says_its_filters_were_not_applied(
    browser: Browser, base_url: str, shipped_site: Path
) -> None:
    offers = offers_data(shipped_site)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(base_url + "sociale-kaart/?gemeente=Almere&profiel=intieme-terreur")
    expect(page.locator(".rk-nojs-note")).to_be_visible()
    expect(page.locator(".rk-nojs-note")).to_contain_text("niet toegepast")
    # Every card of an offer contra-indicated for intieme terreur says so, on every page.
    warned = []
    while True:
        for card in page.locator("#rk-cards-suitable > li").all():
            if card.locator(".rk-card-warning").count():
                expect(card.locator(".rk-card-warning")).to_be_visible()
                warned.append(card.locator("h3 a").inner_text())
        if not next_page(page):
            break
    assert warned == [o["naam"] for o in offers if "intieme-terreur" in o["contra"]]
    context.close()


def test_search_results_say_where_an_offer_does_not_fit(
    page: Page, base_url: str, shipped_site: Path
) -> None:
    """The search page shows the same outcome as the map and the offer page: an offer
    contra-indicated for intieme terreur says so in its result."""
    offers = offers_data(shipped_site)
    mediation = next(o for o in offers if o["naam"] == "Mediation")
    assert "intieme-terreur" in mediation["contra"]
    page.goto(base_url + "zoeken/?q=mediation")
    result = page.locator("#rk-search-results li", has=page.locator("h2 a", has_text="Mediation"))
    expect(result.first.locator(".rk-search-details")).to_contain_text(
        "Niet geschikt bij intieme terreur"
    )
    fits = next(o for o in offers if not o["contra"] and o["naam"].startswith("Stop it now"))
    page.goto(base_url + "zoeken/?q=" + fits["naam"].replace(" ", "+"))
    other = page.locator("#rk-search-results li", has=page.locator("h2 a", has_text=fits["naam"]))
    expect(other.first.locator(".rk-search-details")).not_to_contain_text("Niet geschikt")
