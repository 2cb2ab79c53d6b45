"""The search page, and the two small files that help search beyond Pagefind's stemmer: synonym
groups from the glossary and the words that occur in the data (for "Bedoelde u …?").

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
from regiokaart.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url

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


def synonym_groups(dataset: Dataset) -> list[list[str]]:
    """One group per glossary term with synonyms: the term and its synonyms, folded, each once."""
    groups = []
    for term in sorted(dataset.terms.values(), key=lambda t: t.id):
        if not term.synonyms:
            continue
        words = [" ".join(fold_text(w).split()) for w in [term.term, *term.synonyms]]
        groups.append(list(dict.fromkeys(words)))
    return groups


def render_search_synonyms(dataset: Dataset) -> str:
    """zoeken/synoniemen.json: {"groepen": [[word or phrase, ...], ...]}."""
    return json.dumps({"groepen": synonym_groups(dataset)}, ensure_ascii=False)


def word_counts(dataset: Dataset) -> Counter[str]:
    """How often each folded word occurs in the data's texts (not in addresses or ids)."""
    counts: Counter[str] = Counter()
    for text in _texts(dataset):
        counts.update(w for w in _WORD.findall(fold_text(text)) if len(w) >= MIN_WORD_LENGTH)
    return counts


def render_search_words(dataset: Dataset) -> str:
    """zoeken/woorden.json: {"woorden": {word: count}}, the most frequent first, at most MAX_WORDS."""
    ranked = sorted(word_counts(dataset).items(), key=lambda item: (-item[1], item[0]))
    words = dict(ranked[:MAX_WORDS])
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
