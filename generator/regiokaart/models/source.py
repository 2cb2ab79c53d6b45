"""The documents that facts are taken from."""

from regiokaart.models.common import Record, Slug, Text, Url


class Document(Record):
    id: Slug
    title: Text
    publisher: Text | None = None
    year: int | None = None
    url: Url | None = None


class SourcesFile(Record):
    documents: list[Document]
