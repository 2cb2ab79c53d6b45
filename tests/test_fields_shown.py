"""Every model field is shown somewhere on the portal or listed here as internal (idea from Datasette).

A field someone adds to a model but forgets to render makes this test fail.
"""

import re

import pytest
from pydantic import BaseModel

from regiokaart.models.bouwsteen import Bouwsteen, Bundle, Question
from regiokaart.models.glossary import Term
from regiokaart.models.knowledge import (
    Checklist,
    SuccessFactor,
    SuccessTheme,
    VisionPhase,
    VisionProfile,
)
from regiokaart.models.module import Activity, ExternalPartner, Module, Origin, Role
from regiokaart.models.offer import DatabankEntry, LocalNote, Offer
from regiokaart.models.organisation import Organisation
from tests.conftest import ROOT

# Fields that are used to build pages but are not themselves printed, and why.
INTERNAL = {
    "id": "used for URLs and references",
    "source": "printed through the source note",
    "peildatum": "printed through the source note",
    "aliases": "searched on the social map",
    "area": "printed as Werkgebied via area_label",
    "providers": "printed as Aanbieders",
    "categories": "printed as labels",
    "target_roles": "printed as Voor wie",
    "ages": "printed as Leeftijd",
    "genders": "printed in Voor wie",
    "lvb": "printed in Voor wie",
    "frameworks": "printed as Kader",
    "phases": "printed as Fase",
    "family_profiles": "printed as Past bij gezinsprofiel",
    "contraindicated_profiles": "printed in the contra-indication box",
    "contraindication_source": "printed as the contra-indication's source note",
    "contraindication_note": "printed as the reason in the contra-indication box (through "
    "regiokaart.checks.contraindications, with the reasons the rules derive)",
    "formats": "printed as Werkvorm",
    "purpose": "printed as Soort aanbod",
    "fact_sources": "printed through the source notes of the facts (Hoe verwijs je?)",
    "meets_requirements": "printed as Kwaliteitseisen",
    "system_oriented": "printed as Systeemgericht",
    "with_experts_by_experience": "printed as Met ervaringsdeskundigen",
    "low_threshold": "printed as Laagdrempelig",
    "ghnt_funded": "printed as Gefinancierd door Geweld hoort nergens thuis",
    "age_min": "printed as Leeftijd",
    "age_max": "printed as Leeftijd",
    "standards": "printed as links to the standards",
    "bundle": "printed as the bundle label",
    "partners": "printed in the partner infographic and list",
    "roles": "an offer's: printed as Voor wie; a module's: in the partner infographic and list",
    "lead": "printed in the activities table",
    "participants": "printed in the activities table",
    "offers": "printed as links",
    "organisations": "printed as links",
    "workflow": "printed as the workflow infographic",
    "type": "printed as Soort organisatie",
    "number": "printed in headings",
    "phase": "maps a vision phase to the offers' phase vocabulary",
    "groups": "printed as fieldsets",
    "factors": "printed as list items",
    "regions": "printed after the factor",
    "offer": "a local note is printed on the page of the offer it names",
}

MODELS: list[type[BaseModel]] = [
    Offer,
    DatabankEntry,
    LocalNote,
    Organisation,
    Bouwsteen,
    Bundle,
    Question,
    Module,
    Activity,
    Role,
    ExternalPartner,
    Origin,
    Term,
    Checklist,
    SuccessTheme,
    SuccessFactor,
    VisionPhase,
    VisionProfile,
]


def rendered_sources() -> str:
    files = list((ROOT / "theme" / "regiokaart").glob("*")) + list(
        (ROOT / "generator" / "regiokaart" / "site" / "pages").glob("*.py")
    )
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_is_rendered_or_internal(model: type[BaseModel]) -> None:
    sources = rendered_sources()
    missing = [
        name
        for name in model.model_fields
        if name not in INTERNAL and not re.search(rf"\.{name}\b", sources)
    ]
    assert not missing, (
        f"{model.__name__} fields neither rendered nor listed as internal: {missing}"
    )
