"""References between records, found through the Ref marker on model fields (models/common.py).

A model field declares what it points at (`providers: list[OrganisationRef]`); this module is the
only place that follows such fields: it lists every reference in a loaded file with its path, checks
it against the records that exist, and drops the optional links of the national layer that point at
nothing in this region. Adding a data kind or a reference needs no change here.
"""

import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from regiokaart.models.common import Ref

# What a message calls a record of each kind ("onbekende organisatie 'x'").
KIND_WORDS = {
    "sources": "bron",
    "organisations": "organisatie",
    "offers": "aanbod",
    "bouwstenen": "bouwsteen",
    "modules": "module",
    "bundles": "bundel",
    "municipalities": "gemeente van de regio",
}

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Reference:
    path: PathKey  # from the top of the file, as in the YAML (offers, 3, providers, 0)
    kind: str
    value: str
    in_list: bool  # one of several links (may be dropped) rather than a single required one


@dataclass(frozen=True)
class _Field:
    name: str
    ref: str | None  # the kind referred to, when the field (or its items) is a reference
    model: type[BaseModel] | None  # the model inside, when the field holds records
    is_list: bool


@cache
def _plan(model: type[BaseModel]) -> tuple[_Field, ...]:
    """The fields of model that hold references or records, worked out once per model."""
    fields = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        is_list = typing.get_origin(annotation) is list
        inner = typing.get_args(annotation)[0] if is_list else annotation
        ref = _ref_of(info.metadata) or _ref_in(inner)
        nested = _model_in(inner)
        if ref is not None or nested is not None:
            fields.append(_Field(name, ref, nested, is_list))
    return tuple(fields)


def _ref_of(metadata: list[Any]) -> str | None:
    return next((item.kind for item in metadata if isinstance(item, Ref)), None)


def _ref_in(annotation: Any) -> str | None:
    """The Ref in Annotated[..., Ref(kind)] (also inside X | None and a tagged union), or None."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _ref_of(list(annotation.__metadata__)) or _ref_in(annotation.__origin__)
    for arg in typing.get_args(annotation):
        found = _ref_in(arg)
        if found is not None:
            return found
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The record model in X, X | None or list[X], or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def iter_references(record: BaseModel, path: PathKey = ()) -> Iterator[Reference]:
    """Every reference in record and the records inside it, in file order."""
    for field in _plan(type(record)):
        value = getattr(record, field.name)
        if value is None:
            continue
        items = list(enumerate(value)) if field.is_list else [(None, value)]
        for index, item in items:
            where = (*path, field.name) if index is None else (*path, field.name, index)
            if field.ref is not None:
                # A reference field may also take a record instead of an id (a module's named
                # partner from another region): only text is a reference.
                if isinstance(item, str):
                    yield Reference(where, field.ref, item, field.is_list)
            elif isinstance(item, BaseModel):
                yield from iter_references(item, where)


def drop_missing_links(record: BaseModel, known: Mapping[str, set[str] | None]) -> Any:
    """record without the links (in lists) to records that do not exist: a national record names
    offers and organisations that only some regions have."""
    changes: dict[str, Any] = {}
    for field in _plan(type(record)):
        value = getattr(record, field.name)
        if value is None:
            continue
        if field.ref is not None:
            # a single reference is required, never dropped; a record in its place has no links
            existing = known.get(field.ref) if field.is_list else None
            if existing is not None:
                kept = [item for item in value if not isinstance(item, str) or item in existing]
                if len(kept) != len(value):
                    changes[field.name] = kept
        elif field.model is not None:
            if field.is_list:
                updated = [drop_missing_links(item, known) for item in value]
                if any(new is not old for new, old in zip(updated, value, strict=True)):
                    changes[field.name] = updated
            else:
                new = drop_missing_links(value, known)
                if new is not value:
                    changes[field.name] = new
    return record.model_copy(update=changes) if changes else record
