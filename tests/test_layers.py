"""The two layers of data: what ships with regiokaart for every region (national/) and a region's
own folder (data/). Flevoland moved into that shape with nothing lost."""

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.checks.contraindications import contraindicated_profiles
from regiokaart.dataset import Dataset
from regiokaart.dataset.contact import contact_route
from regiokaart.models.target_migration import migrate_target_groups
from regiokaart.site.pages import render_pages
from tests.conftest import FLEVOLAND_TODAY, ROOT, checked, checked_with_warnings

BEFORE = json.loads((ROOT / "tests" / "fixtures" / "flevoland" / "before.json").read_text())
TODAY = FLEVOLAND_TODAY


def heading(text: str) -> str | None:
    found = re.search(r"<h1[^>]*>(.*?)</h1>|^# (.+)$", text, re.M | re.S)
    return (found.group(1) or found.group(2)).strip() if found else None


def test_flevoland_keeps_every_page_with_its_heading(flevoland: Dataset) -> None:
    pages = render_pages(flevoland, resources.PAGE_TEMPLATES, today=TODAY)
    now = {
        path: heading(text) if isinstance(text, str) and path.endswith(".md") else None
        for path, text in pages.items()
    }
    # Pages added since (the open data) may be there too; none of those there were is lost.
    assert sorted(set(BEFORE["pages"]) - set(now)) == []
    assert {path: now[path] for path in BEFORE["pages"]} == BEFORE["pages"]


def only_known(before: object, now: object) -> object:
    """now without the fields added since the snapshot before, at any depth (a self-scan question
    got its kind, say), so that every fact there was is compared and nothing else."""
    if isinstance(before, dict) and isinstance(now, dict):
        return {field: only_known(value, now.get(field)) for field, value in before.items()}
    if isinstance(before, list) and isinstance(now, list) and len(before) == len(now):
        return [only_known(b, n) for b, n in zip(before, now, strict=True)]
    return now


@pytest.mark.parametrize("kind", sorted(BEFORE["records"]))
def test_flevoland_keeps_every_record_and_fact(flevoland: Dataset, kind: str) -> None:
    if kind in ("region", "vision", "selfscan"):
        now = {kind: getattr(flevoland, kind).model_dump(mode="json")}
    else:
        now = {str(k): v.model_dump(mode="json") for k, v in getattr(flevoland, kind).items()}
    before = BEFORE["records"][kind]
    assert sorted(now) == sorted(before)
    for key, record in before.items():
        record = dict(record)
        if "target_groups" in record:
            assert_target_groups_kept(record, now[key], kind, key)
        # Fields added since the snapshot may be there too, and a fact the snapshot did not have
        # (None) may be filled from the source; every fact there was is unchanged, or corrected
        # from its source as CORRECTED says.
        kept = {
            field: value
            for field, value in record.items()
            if value is not None and (kind, key, field) not in CORRECTED
        }
        seen = {field: only_known(value, now[key].get(field)) for field, value in kept.items()}
        assert seen == kept, f"{kind} {key}"
        for field in ("contraindicated_profiles",):
            if (kind, key, field) in CORRECTED:
                derived = contraindicated_profiles(getattr(flevoland, kind)[key])
                assert set(record[field]) <= set(map(str, derived)), f"{kind} {key}"


# Facts corrected against their source since the snapshot (#18), and why.
_INCLUSIVE = "age_max is the oldest age that takes part: '12 tot 18 jaar' is now 17, was 18"
_RULE = (
    "now derived by the rule of regiokaart.checks.contraindications from the werkvorm (still there)"
)
CORRECTED = {
    **{
        ("offers", offer, field): _INCLUSIVE
        for field in ("age_max", "ages")
        for offer in (
            "agressie-regulatie-op-maat-ambulant",
            "agressie-regulatie-op-maat-residentieel",
            "geweldloos-verzet-in-gezinnen",
            "mdft",
            "mst",
        )
    },
    **{
        ("offers", offer, field): _RULE
        for offer in ("mediation", "outreachend-en-betrokken")
        for field in ("contraindicated_profiles", "contraindication_note")
    },
    ("offers", "de-cirkel-is-rond-west-brabant", "low_threshold"): "001 Bijlage 2 §3: "
    "'laagdrempelige inloop'",
    ("offers", "doorverwijzing-jeugdhulp-bij-complexe-scheidingen", "roles"): "002 §5.2: the "
    "procedure is for children and parents; professionals only meet once to evaluate it",
    ("offers", "mda-plus-plus", "ages"): "002 §4.2: children are only sometimes involved",
    ("offers", "niet-meer-door-het-lint", "lvb"): "001 Bijlage 2 §5: also run for people with "
    "an intellectual disability (Amarant)",
}


def assert_target_groups_kept(record: dict[str, Any], now: dict[str, Any], kind: str, key: str):
    """The snapshot's target_groups, taken out of record, are all in the fields that replaced
    them, mapped by THE mapping (ages may have more: those the source's text states)."""
    old = record.pop("target_groups")
    expected = migrate_target_groups(old, record.get("age_min"), record.get("age_max"))
    roles_key = "target_roles" if kind == "modules" else "roles"
    if (kind, key, "roles") not in CORRECTED:
        assert set(map(str, expected.roles)) <= set(now[roles_key]), f"{kind} {key}: {old}"
    if (kind, key, "ages") not in CORRECTED:
        assert set(map(str, expected.ages)) <= set(now["ages"]), f"{kind} {key}: {old}"
    assert set(map(str, expected.genders)) <= set(now["genders"]), f"{kind} {key}: {old}"
    if (kind, key, "lvb") not in CORRECTED:
        assert now["lvb"] is expected.lvb, f"{kind} {key}: {old}"
    assert not old or now[roles_key] or now["genders"] or now["lvb"], f"{kind} {key}: {old}"


def test_the_national_layer_holds_what_every_region_shares() -> None:
    names = sorted(p.name for p in resources.NATIONAL_DIR.glob("*.yaml"))
    assert names == [
        "bouwstenen.yaml",
        "checklists.yaml",
        "glossary.yaml",
        "offers.yaml",
        "organisations.yaml",
        "search.yaml",
        "selfscan.yaml",
        "sources.yaml",
        "success_factors.yaml",
        "vision.yaml",
    ]
    assert not (ROOT / "data" / "bouwstenen.yaml").exists()
    assert not (ROOT / "data" / "selfscan.yaml").exists()


def small_region(folder: Path) -> Path:
    """A region with nothing but its region file and one organisation."""
    data = folder / "data"
    data.mkdir(parents=True)
    (data / "region.yaml").write_text(
        "region:\n"
        "  name: Proefregio\n"
        "  municipalities:\n"
        "    - {name: Proefstad, organisation: gemeente-proefstad}\n"
        "  centre_municipality: Proefstad\n"
        "  colours: {primary: '#1d4f91', accent: '#2e7d32'}\n"
        "  contact: {organisation: gemeente-proefstad}\n"
        "  source: {document: focus-op-de-pleger, section: '1'}\n"
        "  peildatum: 2026-11-01\n",
        encoding="utf-8",
    )
    (data / "organisations.yaml").write_text(
        "organisations:\n"
        "  - id: gemeente-proefstad\n"
        "    name: Gemeente Proefstad\n"
        "    type: gemeente\n"
        "    area: {scope: gemeenten, municipalities: [Proefstad]}\n"
        "    source: {document: focus-op-de-pleger, section: '1'}\n"
        "    peildatum: 2026-11-01\n",
        encoding="utf-8",
    )
    return data


def national_offers_without_contact(dataset: Dataset) -> list[str]:
    return [o.id for o in dataset.offers.values() if contact_route(o, dataset) is None]


def test_a_region_of_its_own_gets_the_national_layer_without_flevoland(tmp_path: Path) -> None:
    dataset, problems = checked_with_warnings(small_region(tmp_path), TODAY)
    # Its contact has no phone or website: one warning for the national offers without a route;
    # and it has no accessibility block yet: one warning for its toegankelijkheidsverklaring.
    assert [p.message for p in problems if p.field != "region.accessibility"] == [
        f"{len(national_offers_without_contact(dataset))} landelijke aanbiedingen hebben geen "
        "contactroute, omdat de regio geen algemene route heeft"
    ]
    assert [p.field for p in problems].count("region.accessibility") == 1
    national_offers = {o.id for o in dataset.offers.values()}
    assert "chatfunctie-veilig-thuis" in national_offers  # the national inventory
    assert "outreachend-en-betrokken" not in national_offers  # Flevoland's own
    assert len(dataset.standards) == 10 and dataset.bouwstenen and dataset.checklists
    assert not dataset.modules
    # National links to what this region lacks are left out, not errors: bouwstenen, scan
    # questions and offers name Flevoland's modules and organisations.
    for offer in dataset.offers.values():
        assert set(offer.providers) <= set(dataset.organisations), offer.id
    for step in dataset.selfscan.steps:
        for question in step.questions:
            assert not question.modules
            assert set(question.offers) <= set(dataset.offers)


def test_flevoland_links_from_the_national_layer_stay(flevoland: Dataset) -> None:
    question = next(
        q for s in flevoland.selfscan.steps for q in s.questions if q.id == "koppel-zorg-en-straf"
    )
    assert "mda-plus-plus" in question.offers  # a regional offer, linked from a national question
    assert question.modules == ["mda-plus-plus-noord-holland-noord"]


def test_a_region_can_replace_a_national_record_and_add_its_own_question(tmp_path: Path) -> None:
    data = small_region(tmp_path)
    national = yaml_text(resources.NATIONAL_DIR / "offers.yaml")
    start = national.index("- id: chatfunctie-veilig-thuis")
    end = national.index("- id:", start + 5)
    own = national[start:end].replace(
        "name: Chatfunctie Veilig Thuis", "name: Chat Veilig Thuis Proefregio"
    )
    (data / "offers.yaml").write_text("offers:\n" + own, encoding="utf-8")
    (data / "selfscan.yaml").write_text(
        "steps:\n"
        "  - bundle: '9'\n"
        "    questions:\n"
        "      - id: proefregio-eigen-vraag\n"
        "        text: Kent elk wijkteam de chat?\n"
        "        bouwsteen: breng-plegeraanbod-in-kaart\n"
        "        offers: [chatfunctie-veilig-thuis]\n"
        "        source: {document: focus-op-de-pleger, section: '1'}\n",
        encoding="utf-8",
    )
    dataset = checked(data, TODAY)
    offers = list(dataset.offers)
    assert dataset.offers["chatfunctie-veilig-thuis"].name == "Chat Veilig Thuis Proefregio"
    assert offers.count("chatfunctie-veilig-thuis") == 1
    step = next(s for s in dataset.selfscan.steps if str(s.bundle) == "9")
    assert step.questions[-1].id == "proefregio-eigen-vraag"
    assert len(step.questions) > 1  # the national questions stay


def test_regional_references_must_exist_with_a_hint(tmp_path: Path) -> None:
    data = small_region(tmp_path)
    (data / "offers.yaml").write_text(
        "offers:\n"
        "  - id: eigen-aanbod\n"
        "    name: Eigen aanbod\n"
        "    summary: Iets.\n"
        "    frameworks: [vrijwillig]\n"
        "    effectiveness: Onbekend\n"
        "    providers: [gemeente-proefstat]\n"
        "    area: {scope: gemeenten, municipalities: [Proefstadt]}\n"
        "    source: {document: focus-op-de-pleger, section: '1'}\n"
        "    peildatum: 2026-11-01\n",
        encoding="utf-8",
    )
    dataset, problems = check_data(data, today=TODAY)
    assert dataset is None
    shown = [p.format() for p in problems]
    assert any(
        "offers.yaml:7:17: offers[0].providers[0]: onbekende organisatie 'gemeente-proefstat'"
        " (bedoelde u 'gemeente-proefstad'?)" in line
        for line in shown
    ), shown
    assert any(
        "onbekende gemeente van de regio 'Proefstadt' (bedoelde u 'Proefstad'?)" in line
        for line in shown
    ), shown


def test_a_question_may_not_take_a_national_question_id(tmp_path: Path) -> None:
    data = small_region(tmp_path)
    (data / "selfscan.yaml").write_text(
        "steps:\n"
        "  - bundle: '9'\n"
        "    questions:\n"
        "      - id: koppel-zorg-en-straf\n"
        "        text: Dubbel?\n"
        "        bouwsteen: breng-plegeraanbod-in-kaart\n"
        "        source: {document: focus-op-de-pleger, section: '1'}\n",
        encoding="utf-8",
    )
    dataset, problems = check_data(data, today=TODAY)
    assert dataset is None
    assert any(
        "vraag-id 'koppel-zorg-en-straf' komt dubbel voor (eerder in" in p.message for p in problems
    )


def test_a_misnamed_data_file_is_named_with_a_close_match(tmp_path: Path) -> None:
    data = small_region(tmp_path)
    shutil.copy(ROOT / "data" / "modules.yaml", data / "module.yaml")
    _, problems = check_data(data, today=TODAY)
    warning = next(p for p in problems if p.file.endswith("module.yaml"))
    assert "wordt niet gelezen" in warning.message
    assert warning.hint == "bedoelde u 'modules.yaml'?"


def test_a_region_adds_a_local_note_and_provider_to_a_national_offer(tmp_path: Path) -> None:
    data = small_region(tmp_path)
    (data / "offers.yaml").write_text(
        "offers: []\n"
        "local_notes:\n"
        "  - offer: chatfunctie-veilig-thuis\n"
        "    text: In Proefstad helpt het *wijkteam* bij het eerste gesprek. <script>x</script>\n"
        "    providers: [gemeente-proefstad]\n"
        "    source: {document: focus-op-de-pleger, section: '2'}\n"
        "    peildatum: 2026-11-01\n",
        encoding="utf-8",
    )
    dataset = checked(data, TODAY)
    pages = render_pages(dataset, resources.PAGE_TEMPLATES, today=TODAY)
    offer = str(pages["aanbod/chatfunctie-veilig-thuis.md"])
    note = offer[offer.index("In regio Proefregio") :]
    assert "In Proefstad helpt het <em>wijkteam</em> bij het eerste gesprek." in note
    assert "<script>" not in offer
    assert 'href="../../organisaties/gemeente-proefstad/"' in note
    assert 'aria-label="Bron van de aanvulling 1"' in note
    organisation = str(pages["organisaties/gemeente-proefstad.md"])
    assert 'href="../../aanbod/chatfunctie-veilig-thuis/"' in organisation
    other = str(pages["aanbod/platform-pip.md"])
    assert "In regio Proefregio" not in other


def test_a_local_note_on_an_unknown_offer_is_located_with_a_hint(tmp_path: Path) -> None:
    data = small_region(tmp_path)
    (data / "offers.yaml").write_text(
        "local_notes:\n"
        "  - offer: chatfunctie-veilig-thui\n"
        "    text: Iets.\n"
        "    source: {document: focus-op-de-pleger, section: '2'}\n"
        "    peildatum: 2026-11-01\n",
        encoding="utf-8",
    )
    dataset, problems = check_data(data, today=TODAY)
    assert dataset is None
    assert [p.format() for p in problems if p.severity == "fout"] == [
        f"{data / 'offers.yaml'}:2:12: local_notes[0].offer: onbekende aanbod "
        "'chatfunctie-veilig-thui' (bedoelde u 'chatfunctie-veilig-thuis'?)"
    ]


def yaml_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")
