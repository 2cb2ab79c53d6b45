"""The old `target_groups` field and its one mapping to the fields that replaced it.

`target_groups` mixed who an offer is for (plegers, ouders) with age (kinderen, jongeren), gender
(mannen, vrouwen) and lvb. It is now split into `roles` (Role), `ages` (AgeGroup), `genders`
(Gender) and `lvb` (a yes/no). Files with `target_groups` still load: the models convert the field
with `migrate_target_groups`, and `regiokaart check` warns where it is and what to write instead.
Modules call the role field `target_roles`, as their `roles` are the roles in the project.

Decisions:
- kinderen -> role kind and age jeugd.
- jongeren -> age jeugd, and role kind only when none of the other values names a role: "plegers,
  jongeren" is a youth offender (pleger, jeugd), "jongeren" alone is an offer for young people
  themselves (kind, jeugd).
- ages also come from age_min/age_max: a range below 18 is jeugd, one from 18 volwassenen, one
  that spans 18 both. Nothing else is guessed: without these, `ages` says the source is silent.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from regiokaart.models.vocabulary import AgeGroup, Gender, Role

LEGACY_FIELD = "target_groups"
ADULT_AGE = 18


class TargetGroup(StrEnum):
    """The values of the old `target_groups` field; only read, never written."""

    PLEGERS = "plegers"
    SLACHTOFFERS = "slachtoffers"
    KINDEREN = "kinderen"
    JONGEREN = "jongeren"
    OUDERS = "ouders"
    GEZINNEN = "gezinnen"
    PARTNERS = "partners"
    MANNEN = "mannen"
    VROUWEN = "vrouwen"
    PROFESSIONALS = "professionals"
    OMSTANDERS = "omstanders"
    VRIJWILLIGERS = "vrijwilligers"
    LVB = "lvb"
    GEMEENTEN = "gemeenten"


@dataclass
class TargetFields:
    """Who an offer is for, in the new fields."""

    roles: list[Role] = field(default_factory=list)
    ages: list[AgeGroup] = field(default_factory=list)
    genders: list[Gender] = field(default_factory=list)
    lvb: bool = False


_ROLES: dict[TargetGroup, Role] = {
    TargetGroup.PLEGERS: Role.PLEGER,
    TargetGroup.SLACHTOFFERS: Role.SLACHTOFFER,
    TargetGroup.KINDEREN: Role.KIND,
    TargetGroup.OUDERS: Role.OUDER,
    TargetGroup.GEZINNEN: Role.GEZIN,
    TargetGroup.PARTNERS: Role.PARTNERS,
    TargetGroup.PROFESSIONALS: Role.PROFESSIONAL,
    TargetGroup.OMSTANDERS: Role.OMSTANDER,
    TargetGroup.VRIJWILLIGERS: Role.VRIJWILLIGER,
    TargetGroup.GEMEENTEN: Role.GEMEENTE,
}
_AGES: dict[TargetGroup, AgeGroup] = {
    TargetGroup.KINDEREN: AgeGroup.JEUGD,
    TargetGroup.JONGEREN: AgeGroup.JEUGD,
}
_GENDERS: dict[TargetGroup, Gender] = {
    TargetGroup.MANNEN: Gender.MAN,
    TargetGroup.VROUWEN: Gender.VROUW,
}


def ages_from_range(age_min: int | None, age_max: int | None) -> list[AgeGroup]:
    """The age groups an age range touches; none when neither end is known."""
    if age_min is None and age_max is None:
        return []
    low = age_min if age_min is not None else 0
    high = age_max if age_max is not None else 120
    ages = []
    if low < ADULT_AGE:
        ages.append(AgeGroup.JEUGD)
    if high >= ADULT_AGE:
        ages.append(AgeGroup.VOLWASSENEN)
    return ages


def migrate_target_groups(
    values: Iterable[TargetGroup | str], age_min: int | None = None, age_max: int | None = None
) -> TargetFields:
    """THE mapping of old target_groups values (and an age range) to the new fields.

    Raises ValueError for a value that was never a target group."""
    groups = {TargetGroup(value) for value in values}
    roles = {_ROLES[g] for g in groups if g in _ROLES}
    if TargetGroup.JONGEREN in groups and not roles:
        roles.add(Role.KIND)
    ages = {_AGES[g] for g in groups if g in _AGES} | set(ages_from_range(age_min, age_max))
    genders = {_GENDERS[g] for g in groups if g in _GENDERS}
    return TargetFields(
        roles=[r for r in Role if r in roles],
        ages=[a for a in AgeGroup if a in ages],
        genders=[g for g in Gender if g in genders],
        lvb=TargetGroup.LVB in groups,
    )


def replacement_text(fields: TargetFields, roles_key: str = "roles") -> str:
    """The new fields as they are written in YAML, on one line: 'roles: [pleger]  ages: [jeugd]'."""
    parts = [f"{roles_key}: [{', '.join(fields.roles)}]"]
    if fields.ages:
        parts.append(f"ages: [{', '.join(fields.ages)}]")
    if fields.genders:
        parts.append(f"genders: [{', '.join(fields.genders)}]")
    if fields.lvb:
        parts.append("lvb: true")
    return "  ".join(parts)


def legacy_warning(roles_key: str = "roles") -> str:
    """What `check` says about a target_groups field, before the replacement."""
    return (
        f"'{LEGACY_FIELD}' is gesplitst in '{roles_key}' (voor wie: "
        + ", ".join(Role)
        + "), 'ages' (jeugd, volwassenen; leeg: de bron zegt het niet), 'genders' (man, vrouw) "
        "en 'lvb' (true: ook voor mensen met een (licht) verstandelijke beperking)"
    )


def convert_legacy(data: Any, roles_key: str = "roles") -> Any:
    """A record's raw data as the model reads it (for a mode="before" validator): target_groups
    replaced by the new fields, which are kept and added to when they are there too; and `ages`
    from age_min/age_max when it is not given, so a range the source gives is never said twice."""
    if not isinstance(data, dict):
        return data
    age_min, age_max = age_or_none(data.get("age_min")), age_or_none(data.get("age_max"))
    if LEGACY_FIELD not in data:
        if "ages" not in data and (age_min is not None or age_max is not None):
            return {**data, "ages": [str(a) for a in ages_from_range(age_min, age_max)]}
        return data
    old = data[LEGACY_FIELD]
    if old is None:
        old = []
    if not isinstance(old, list):
        raise ValueError(f"{LEGACY_FIELD}: verwacht een lijst")
    unknown = [v for v in old if not isinstance(v, str) or v not in set(TargetGroup)]
    if unknown:
        raise ValueError(
            f"{LEGACY_FIELD}: onbekende waarde {unknown[0]!r}; "
            f"schrijf in plaats van {LEGACY_FIELD} '{roles_key}' en 'ages'"
        )
    fields = migrate_target_groups(old, age_min, age_max)
    converted = {k: v for k, v in data.items() if k != LEGACY_FIELD}
    for key, new in (
        (roles_key, fields.roles),
        ("ages", fields.ages),
        ("genders", fields.genders),
    ):
        present = converted.get(key)
        existing = list(present) if isinstance(present, list) else []
        converted[key] = existing + [str(v) for v in new if str(v) not in existing]
    if fields.lvb:
        converted["lvb"] = True
    return converted


def age_or_none(value: Any) -> int | None:
    """An age as written in raw data: a whole number, else None (validation reports it)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def legacy_schema(roles_key: str = "roles") -> Any:
    """json_schema_extra for a model that still reads target_groups: the field stays in its JSON
    Schema, marked deprecated, so an editor accepts an old file and says what replaced it."""

    def extra(schema: dict[str, Any]) -> None:
        schema.setdefault("properties", {})[LEGACY_FIELD] = {
            "deprecated": True,
            "description": legacy_warning(roles_key),
            "type": "array",
            "items": {"enum": [str(value) for value in TargetGroup], "type": "string"},
        }

    return extra


# Old values, and the other fields' values, written in the role field: where they belong instead.
MISPLACED_VALUE_HINTS: dict[str, str] = {
    "jongeren": "leeftijd staat in 'ages': ages: [jeugd]",
    "kinderen": "schrijf 'kind', en de leeftijd in 'ages': ages: [jeugd]",
    "jeugd": "leeftijd staat in 'ages': ages: [jeugd]",
    "volwassenen": "leeftijd staat in 'ages': ages: [volwassenen]",
    "volwassen": "leeftijd staat in 'ages': ages: [volwassenen]",
    "mannen": "geslacht staat in 'genders': genders: [man]",
    "vrouwen": "geslacht staat in 'genders': genders: [vrouw]",
    "man": "geslacht staat in 'genders': genders: [man]",
    "vrouw": "geslacht staat in 'genders': genders: [vrouw]",
    "lvb": "schrijf 'lvb: true' als eigen veld",
}

# Words for an age in the sources and the old vocabulary, and the age group each means.
AGE_WORDS: dict[str, AgeGroup] = {
    "jongeren": AgeGroup.JEUGD,
    "kinderen": AgeGroup.JEUGD,
    "kind": AgeGroup.JEUGD,
    "minderjarigen": AgeGroup.JEUGD,
    "volwassen": AgeGroup.VOLWASSENEN,
    "volwassene": AgeGroup.VOLWASSENEN,
    "18+": AgeGroup.VOLWASSENEN,
}
