"""The validated data of one region, as one object handed from validation to the pages."""

from dataclasses import dataclass
from typing import Any

from regiokaart.load import LoadedData
from regiokaart.models.bouwsteen import Bouwsteen, Bundle, Standard
from regiokaart.models.glossary import Term
from regiokaart.models.knowledge import Checklist, SuccessTheme, VisionFile
from regiokaart.models.module import Module
from regiokaart.models.offer import Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.region import Region
from regiokaart.models.selfscan import SelfscanFile
from regiokaart.models.source import Document


@dataclass(frozen=True)
class Dataset:
    region: Region
    documents: dict[str, Document]
    organisations: dict[str, Organisation]
    offers: dict[str, Offer]
    bundles: dict[str, Bundle]
    standards: dict[int, Standard]
    bouwstenen: dict[str, Bouwsteen]
    modules: dict[str, Module]
    terms: dict[str, Term]
    checklists: dict[str, Checklist]
    success_themes: dict[str, SuccessTheme]
    vision: VisionFile
    selfscan: SelfscanFile


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def build_dataset(loaded: LoadedData) -> Dataset:
    """Assemble a Dataset from fully loaded files (call only when loading had no errors)."""
    files = loaded.files
    return Dataset(
        region=files["region"].region,
        documents=_by_id(files["sources"].documents),
        organisations=_by_id(files["organisations"].organisations),
        offers=_by_id(files["offers"].offers),
        bundles={str(b.id): b for b in files["bouwstenen"].bundles},
        standards={s.number: s for s in files["bouwstenen"].standards},
        bouwstenen=_by_id(files["bouwstenen"].bouwstenen),
        modules=_by_id(files["modules"].modules),
        terms=_by_id(files["glossary"].terms),
        checklists=_by_id(files["checklists"].checklists),
        success_themes=_by_id(files["success_factors"].themes),
        vision=files["vision"],
        selfscan=files["selfscan"],
    )
