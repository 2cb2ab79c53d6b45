"""Glossary terms and abbreviations (begrippenlijst)."""

from pydantic import Field

from regiokaart.models.common import Record, Slug, Source, Text, Url


class Term(Record):
    id: Slug
    term: Text
    abbreviation: Text | None = None
    definition: Text
    url: Url | None = None
    # Other words or spellings people search for this term with (an irregular plural, a compound,
    # a common shorthand); search tries them too. Not shown on the glossary page.
    synonyms: list[Text] = Field(default_factory=list)
    source: Source


class GlossaryFile(Record):
    terms: list[Term]
