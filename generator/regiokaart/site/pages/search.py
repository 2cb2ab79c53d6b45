"""The search page, and the two small files that help search beyond Pagefind's stemmer: the search
vocabulary (synonym groups from search.yaml and the glossary, words to ignore, the places a query
may name) and the words that occur in the data (for "Bedoelde u …?").

The index itself is built after MkDocs by the search step (Pagefind, Dutch stemming). The browser
folds text the same way as fold_text (theme/assets/js/core/query-words.js; shared test vectors in
tests/fixtures/search/fold.json).
"""

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from regiokaart.dataset import Dataset
from regiokaart.dataset.order import offer_numbers
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.facets import facets
from regiokaart.site.pages.site import Site, front_matter
from regiokaart.site.pages.socialmap import encode_numbers

# The kinds of page a search can be narrowed to: the Pagefind filter "soort" (front matter key
# soort, set by each page type; a page without one is "kennis").
SEARCH_KINDS = [
    ("", "Alles"),
    ("aanbod", "Aanbod"),
    ("organisatie", "Organisaties"),
    ("module", "Modules"),
    ("bouwsteen", "Bouwstenen"),
    ("kennis", "Kennis"),
]
MAX_WORDS = 6000  # woorden.json stays small (about 100 kB) on any region
MIN_WORD_LENGTH = 3
_WORD = re.compile(r"[a-z]+")


def render_search_page(site: Site) -> str:
    socialmap_url = link(page_url(Page.SEARCH), page_url(Page.SOCIAL_MAP))
    kinds = [{"value": value, "label": label} for value, label in SEARCH_KINDS]
    return front_matter(title="Zoeken", hide=["toc"]) + site.render(
        "search.md", socialmap_url=socialmap_url, kinds=kinds
    )


def fold_text(text: str) -> str:
    """Lower case without diacritics ("Agressié" -> "agressie"), as Pagefind matches words."""
    if text.isascii():  # nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _phrase(text: str) -> str:
    """A word or phrase as the browser compares it: folded, single spaces."""
    return " ".join(fold_text(text).split())


def synonym_groups(dataset: Dataset) -> list[list[str]]:
    """The search vocabulary as groups of words or phrases that are searched for one another: the
    groups of search.yaml (both layers) and, per glossary term with an abbreviation or synonyms,
    the term with them. Groups that share a word become one; each word folded and once."""
    raw = [[_phrase(w) for w in group.words] for group in dataset.search.synonyms]
    for term in sorted(dataset.terms.values(), key=lambda t: t.id):
        names = [term.term, *([term.abbreviation] if term.abbreviation else []), *term.synonyms]
        raw.append([_phrase(w) for w in names])
    groups: list[list[str]] = []
    for words in raw:
        words = list(dict.fromkeys(w for w in words if w))
        if len(words) < 2:
            continue
        joined = [g for g in groups if not set(g).isdisjoint(words)]
        for group in joined:
            groups.remove(group)
        merged = [w for g in joined for w in g] + words
        groups.append(list(dict.fromkeys(merged)))
    return groups


def ignored_words(dataset: Dataset) -> list[str]:
    """The words a query leaves out (search.yaml, both layers), folded."""
    return list(dict.fromkeys(_phrase(w) for w in dataset.search.ignore if _phrase(w)))


def place_offers(dataset: Dataset) -> dict[str, list[int]]:
    """Per municipality of the region (the places a query may name), the numbers (offer_order)
    of the offers available there: the social map's municipality filter."""
    numbers = offer_numbers(dataset)
    municipality = next(f for f in facets(dataset) if f.key == "gemeente")
    places: dict[str, list[int]] = {_phrase(m.name): [] for m in dataset.region.municipalities}
    for offer in dataset.offers.values():
        for name in municipality.of_offer(offer):
            places[_phrase(name)].append(numbers[offer.id])
    return {place: sorted(found) for place, found in places.items()}


def render_search_synonyms(dataset: Dataset) -> str:
    """zoeken/synoniemen.json, what the browser needs to read a query (core/query-words.js):
    {"groepen": [[word or phrase, ...], ...], "negeren": [word, ...], "aantal": offers,
    "plaatsen": {municipality: offer numbers, a list or a base64 bitset as in filters.json}}."""
    total = len(dataset.offers)
    places = {place: encode_numbers(found, total) for place, found in place_offers(dataset).items()}
    vocabulary = {
        "groepen": synonym_groups(dataset),
        "negeren": ignored_words(dataset),
        "aantal": total,
        "plaatsen": places,
    }
    return json.dumps(vocabulary, ensure_ascii=False, separators=(",", ":"))


def vocabulary_words(dataset: Dataset) -> set[str]:
    """Every word of the search vocabulary: words to search, to ignore, places."""
    phrases = [w for g in synonym_groups(dataset) for w in g]
    phrases += ignored_words(dataset) + list(place_offers(dataset))
    return {w for phrase in phrases for w in _WORD.findall(phrase) if len(w) >= MIN_WORD_LENGTH}


def word_counts(dataset: Dataset) -> Counter[str]:
    """How often each folded word occurs in the data's texts (not in addresses or ids)."""
    counts: Counter[str] = Counter()
    for text in _texts(dataset):
        counts.update(w for w in _WORD.findall(fold_text(text)) if len(w) >= MIN_WORD_LENGTH)
    return counts


def render_search_words(dataset: Dataset) -> str:
    """zoeken/woorden.json: {"woorden": {word: count}}, the most frequent first, at most MAX_WORDS:
    the words of the data, and those of the search vocabulary that the data does not have with
    count 0. A word listed is never taken for a typing error; a synonym is only searched for when
    its words occur (count above 0): Pagefind would otherwise search the longest word it has that
    begins it ("koppeltherapie": "koppel")."""
    counts = word_counts(dataset)
    known = vocabulary_words(dataset)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    room = MAX_WORDS - len(known - counts.keys())
    kept = dict(ranked[: max(room, 0)])
    for word in known:
        kept.setdefault(word, counts.get(word, 0))
    words = dict(sorted(kept.items(), key=lambda item: (-item[1], item[0]))[:MAX_WORDS])
    return json.dumps({"woorden": words}, ensure_ascii=False, separators=(",", ":"))


def _texts(dataset: Dataset) -> Iterator[str]:
    records: list[Any] = [dataset.region, dataset.vision, dataset.selfscan]
    for collection in (
        dataset.organisations,
        dataset.offers,
        dataset.bouwstenen,
        dataset.modules,
        dataset.terms,
        dataset.checklists,
        dataset.success_themes,
    ):
        records.extend(collection.values())
    for record in records:
        yield from _strings(record.model_dump(mode="json") if isinstance(record, BaseModel) else {})


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if not value.startswith(("http://", "https://", "mailto:")):
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "url", "source", "peildatum"):
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
