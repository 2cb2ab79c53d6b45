"""The validated data of one region (both layers combined), as one object handed to the pages."""

from dataclasses import dataclass, field
from typing import Any

from regiokaart.dataset.layers import is_national, known_records, merged_records, national_ids
from regiokaart.dataset.load import Layer, LoadedData
from regiokaart.models.bouwsteen import Bouwsteen, Bundle, Standard
from regiokaart.models.common import Source
from regiokaart.models.glossary import Term
from regiokaart.models.knowledge import Checklist, SuccessTheme, VisionFile
from regiokaart.models.module import Module
from regiokaart.models.offer import LocalNote, Offer
from regiokaart.models.organisation import Organisation
from regiokaart.models.references import drop_missing_links
from regiokaart.models.region import Region
from regiokaart.models.search import SearchFile
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
    local_notes: dict[str, list[LocalNote]]  # offer id -> the region's notes on it
    search: SearchFile = field(default_factory=SearchFile)  # the vocabulary of both layers
    # kind ("offers", "organisations") -> the ids of its records from the national layer, which the
    # region cannot change in data/ (dataset.layers.national_ids); a kind not named: all the region's
    national: dict[str, frozenset[str]] = field(default_factory=dict)


def citation(dataset: Dataset, source: Source) -> str:
    """A source as one line of plain text: the document's title and the section in it."""
    return f"{dataset.documents[source.document].title}, {source.section}"


def _by_id(items: list[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def build_dataset(loaded: LoadedData) -> Dataset:
    """Assemble one region's Dataset from both layers (call only when loading had no errors)."""
    known = known_records(loaded)

    def records(kind: str) -> dict[str, Any]:
        return _by_id(merged_records(loaded, kind, lambda record, layer: _links(record, layer)))

    def _links(record: Any, layer: Layer) -> Any:
        return drop_missing_links(record, known) if layer is Layer.NATIONAL else record

    national_blocks = [f.model for f in loaded.of_kind("bouwstenen") if is_national(f)]
    return Dataset(
        region=loaded.of_kind("region")[0].model.region,
        documents=records("sources"),
        organisations=records("organisations"),
        offers=records("offers"),
        bundles={str(b.id): b for file in national_blocks for b in file.bundles},
        standards={s.number: s for file in national_blocks for s in file.standards},
        bouwstenen=records("bouwstenen"),
        modules=records("modules"),
        terms=records("glossary"),
        checklists=records("checklists"),
        success_themes=records("success_factors"),
        vision=merged_vision(loaded),
        selfscan=merged_selfscan(loaded, known),
        local_notes=local_notes(loaded),
        search=merged_search(loaded),
        national={kind: national_ids(loaded, kind) for kind in ("offers", "organisations")},
    )


def local_notes(loaded: LoadedData) -> dict[str, list[LocalNote]]:
    notes: dict[str, list[LocalNote]] = {}
    for offers_file in loaded.of_kind("offers"):
        for note in getattr(offers_file.model, "local_notes", []):
            notes.setdefault(note.offer, []).append(note)
    return notes


def merged_search(loaded: LoadedData) -> SearchFile:
    """The national search vocabulary with the region's groups and words to ignore added."""
    files = [f.model for f in loaded.of_kind("search")]
    return SearchFile(
        synonyms=[group for file in files for group in file.synonyms],
        ignore=list(dict.fromkeys(word for file in files for word in file.ignore)),
    )


def merged_vision(loaded: LoadedData) -> VisionFile:
    """The national phases and family profiles with the region's principles and local figures."""
    files = loaded.of_kind("vision")
    national = next(f.model for f in files if is_national(f))
    regional = next((f.model for f in files if not is_national(f)), None)
    if regional is None:
        return national
    return national.model_copy(
        update={
            "principles": regional.principles or national.principles,
            "house_bans": regional.house_bans or national.house_bans,
            "source": regional.source,
        }
    )


def merged_selfscan(loaded: LoadedData, known: dict[str, set[str] | None]) -> SelfscanFile:
    """The national scan with the region's questions added to the step of their bundle (a step of
    its own when the national scan has none for that bundle)."""
    files = loaded.of_kind("selfscan")
    national = drop_missing_links(next(f.model for f in files if is_national(f)), known)
    steps = {str(step.bundle): step for step in national.steps}
    for regional in (f.model for f in files if not is_national(f)):
        for step in regional.steps:
            bundle = str(step.bundle)
            if bundle in steps:
                questions = [*steps[bundle].questions, *step.questions]
                steps[bundle] = steps[bundle].model_copy(update={"questions": questions})
            else:
                steps[bundle] = step
    return national.model_copy(update={"steps": list(steps.values())})
