"""Glossary terms and abbreviations (begrippenlijst)."""

from regiokaart.models.common import Record, Slug, Source, Text, Url


class Term(Record):
    id: Slug
    term: Text
    abbreviation: Text | None = None
    definition: Text
    url: Url | None = None
    source: Source


class GlossaryFile(Record):
    terms: list[Term]
