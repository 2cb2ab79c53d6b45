"""Who an offer is for: target_groups split into roles, ages, genders and lvb, with nothing lost;
old files still load, and check says what to write instead."""

from itertools import combinations
from pathlib import Path

import pytest

from regiokaart.checks.check import check_data
from regiokaart.models.offer import Offer
from regiokaart.models.target_migration import (
    TargetFields,
    TargetGroup,
    ages_from_range,
    migrate_target_groups,
)
from regiokaart.models.vocabulary import (
    AGE_FACET_LABELS,
    LABELS,
    AgeGroup,
    Gender,
    OrganisationType,
    Role,
    age_facet_values,
    label,
)
from regiokaart.problems import Severity
from tests.conftest import checked, checked_with_warnings, data_file, replace_in


@pytest.mark.parametrize("old", list(TargetGroup))
def test_every_old_value_maps_somewhere(old: TargetGroup) -> None:
    fields = migrate_target_groups([old])
    assert fields != TargetFields(), old


def test_the_mapping() -> None:
    assert migrate_target_groups(["plegers"]) == TargetFields(roles=[Role.PLEGER])
    assert migrate_target_groups(["kinderen", "ouders"]) == TargetFields(
        roles=[Role.KIND, Role.OUDER], ages=[AgeGroup.JEUGD]
    )
    # jongeren with another role: the age of that role (a youth offender) ...
    assert migrate_target_groups(["plegers", "jongeren"]) == TargetFields(
        roles=[Role.PLEGER], ages=[AgeGroup.JEUGD]
    )
    # ... and alone: the young people themselves.
    assert migrate_target_groups(["jongeren"]) == TargetFields(
        roles=[Role.KIND], ages=[AgeGroup.JEUGD]
    )
    assert migrate_target_groups(["mannen", "vrouwen", "lvb"]) == TargetFields(
        genders=[Gender.MAN, Gender.VROUW], lvb=True
    )
    assert migrate_target_groups(["gemeenten", "partners"]).roles == [
        Role.PARTNERS,
        Role.GEMEENTE,
    ]


@pytest.mark.parametrize(
    ("age_min", "age_max", "ages"),
    [
        (None, None, []),
        (18, None, [AgeGroup.VOLWASSENEN]),
        (12, 17, [AgeGroup.JEUGD]),
        (12, 23, [AgeGroup.JEUGD, AgeGroup.VOLWASSENEN]),
        (16, None, [AgeGroup.JEUGD, AgeGroup.VOLWASSENEN]),
        (None, 12, [AgeGroup.JEUGD]),
    ],
)
def test_ages_from_an_age_range(age_min: int | None, age_max: int | None, ages: list) -> None:
    assert ages_from_range(age_min, age_max) == ages
    assert migrate_target_groups(["plegers"], age_min, age_max).ages == ages


def test_every_new_value_has_a_label() -> None:
    for value in [*Role, *AgeGroup, *Gender]:
        assert value in LABELS, value
    assert LABELS[Role.KIND] == "Kind of jongere"
    # the same text in another vocabulary keeps its own label
    assert label(AgeGroup.JEUGD) == "Jeugd (tot 18)"
    assert label(OrganisationType.JEUGD) == "jeugd"
    assert label(Role.GEMEENTE) == "Gemeente"
    assert label(OrganisationType.GEMEENTE) == "gemeente"


@pytest.mark.parametrize(
    ("ages", "values"),
    [
        ([AgeGroup.JEUGD], ["jeugd"]),
        ([AgeGroup.VOLWASSENEN], ["volwassenen"]),
        ([AgeGroup.VOLWASSENEN, AgeGroup.JEUGD], ["jeugd", "volwassenen", "alle-leeftijden"]),
        ([], ["onbekend"]),
    ],
)
def test_age_facet_values(ages: list[AgeGroup], values: list[str]) -> None:
    assert age_facet_values(ages) == values
    assert all(value in AGE_FACET_LABELS for value in values)


def test_age_facet_labels() -> None:
    """Every value the age facet can take has a label of its own; an age group's is the one it has
    everywhere, and an offer whose source gives no age says so rather than guessing."""
    every_choice = [list(c) for n in range(len(AgeGroup) + 1) for c in combinations(AgeGroup, n)]
    assert set(AGE_FACET_LABELS) == {v for ages in every_choice for v in age_facet_values(ages)}
    for age in AgeGroup:
        assert AGE_FACET_LABELS[str(age)] == label(age)
    assert len(set(AGE_FACET_LABELS.values())) == len(AGE_FACET_LABELS)
    assert AGE_FACET_LABELS[age_facet_values([])[0]] == "Leeftijd niet vermeld"


def test_an_old_record_still_loads_with_the_new_fields() -> None:
    offer = Offer.model_validate(
        {
            "id": "x",
            "name": "X",
            "summary": "s",
            "target_groups": ["plegers", "jongeren", "lvb"],
            "age_max": 17,
            "frameworks": ["vrijwillig"],
            "effectiveness": "Onbekend",
            "area": {"scope": "landelijk"},
            "source": {"document": "d", "section": "1"},
            "peildatum": "2026-01-01",
        }
    )
    assert (offer.roles, offer.ages, offer.genders, offer.lvb) == (
        [Role.PLEGER],
        [AgeGroup.JEUGD],
        [],
        True,
    )


def test_an_old_file_loads_with_a_warning_that_says_what_to_write(mini_data: Path) -> None:
    offers = data_file(mini_data, "offers.yaml")
    replace_in(offers, "    roles: [pleger]\n", "    target_groups: [plegers]\n")
    modules = data_file(mini_data, "modules.yaml")
    replace_in(modules, "target_roles: [gezin]", "target_groups: [gezinnen, jongeren]")
    dataset, problems = checked_with_warnings(mini_data)
    assert dataset.offers["steungroep"].roles == [Role.PLEGER]
    assert dataset.offers["steungroep"].ages == [AgeGroup.VOLWASSENEN]  # from age_min 18
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    offer_warning = next(p for p in warnings if p.field == "offers[0].target_groups")
    assert offer_warning.file.endswith("offers.yaml")
    assert offer_warning.line == 6
    formatted = offer_warning.format()
    assert (
        ":6:5: offers[0].target_groups: waarschuwing: 'target_groups' is gesplitst in" in formatted
    )
    assert "schrijf in plaats hiervan: roles: [pleger]  ages: [volwassenen]" in formatted
    module_warning = next(p for p in warnings if p.field == "modules[0].target_groups")
    assert module_warning.file.endswith("modules.yaml")
    assert "'target_roles'" in module_warning.message
    assert module_warning.hint == "schrijf in plaats hiervan: target_roles: [gezin]  ages: [jeugd]"
    assert dataset.modules["nazorg-na-huisverbod"].ages == [AgeGroup.JEUGD]


def test_ages_come_from_the_age_range_when_not_given(mini_data: Path) -> None:
    dataset = checked(mini_data)
    assert dataset.offers["steungroep"].ages == [AgeGroup.VOLWASSENEN]  # age_min: 18
    assert dataset.offers["relatietherapie"].ages == []  # the source does not say


def test_a_typo_in_roles_gets_a_close_match(mini_data: Path) -> None:
    replace_in(data_file(mini_data, "offers.yaml"), "roles: [pleger]", "roles: [plegr]")
    _, problems = check_data(mini_data)
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert problem.format().endswith(
        "offers[0].roles[0]: ongeldige waarde 'plegr' (bedoelde u 'pleger'?)"
    )
    assert problem.line == 6


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("jongeren", "leeftijd staat in 'ages': ages: [jeugd]"),
        ("volwassenen", "leeftijd staat in 'ages': ages: [volwassenen]"),
        ("mannen", "geslacht staat in 'genders': genders: [man]"),
    ],
)
def test_an_age_in_roles_points_to_ages(mini_data: Path, value: str, hint: str) -> None:
    replace_in(data_file(mini_data, "offers.yaml"), "roles: [pleger]", f"roles: [pleger, {value}]")
    _, problems = check_data(mini_data)
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert problem.field == "offers[0].roles[1]"
    assert problem.hint == hint


def test_an_unknown_old_value_is_an_error(mini_data: Path) -> None:
    offers = data_file(mini_data, "offers.yaml")
    replace_in(offers, "    roles: [pleger]\n", "    target_groups: [plegerz]\n")
    dataset, problems = check_data(mini_data)
    assert dataset is None
    assert any("onbekende waarde 'plegerz'" in p.message for p in problems)


@pytest.mark.parametrize(
    ("value", "hint"),
    [("jongeren", "bedoelde u 'jeugd'?"), ("volwasenen", "bedoelde u 'volwassenen'?")],
)
def test_an_unknown_age_gets_the_age_group_it_means(mini_data: Path, value: str, hint: str) -> None:
    replace_in(
        data_file(mini_data, "offers.yaml"),
        "roles: [pleger]",
        f"roles: [pleger]\n    ages: [{value}]",
    )
    _, problems = check_data(mini_data)
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert problem.field == "offers[0].ages[0]"
    assert problem.hint == hint
