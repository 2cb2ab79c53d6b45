"""The search vocabulary (search.yaml): what the portal's search tries besides the words typed.

Pagefind stems Dutch (plegers -> pleger), but it does not know that THV is a tijdelijk huisverbod,
that an agressietraining is called agressieregulatie in the sources, or that "voor" in a query is
no word to look for. The national layer holds the words every region shares; a region may add its
own in data/search.yaml. The glossary's abbreviations and synonyms count too (pages/search.py
joins them into one list, zoeken/synoniemen.json, which the search box at the top, the results
page and the social map all read)."""

from pydantic import Field

from regiokaart.models.common import Record, Text


class SynonymGroup(Record):
    # Words or phrases that mean the same in a search: each is also searched when another is
    # typed. A phrase ("tijdelijk huisverbod") finds pages with all its words.
    words: list[Text] = Field(min_length=2)
    # Why these words go together (the passage of a source that uses them, a common abbreviation);
    # for whoever maintains the list, not shown on the portal.
    note: Text | None = None


class SearchFile(Record):
    synonyms: list[SynonymGroup] = Field(default_factory=list)
    # Words a query leaves out (de, het, voor, bij, …) unless it has no others: Pagefind would
    # otherwise demand them on every page found.
    ignore: list[Text] = Field(default_factory=list)
