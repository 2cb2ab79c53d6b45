"""What every page shares: the Jinja2 environment, links between pages, sources and freshness."""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from regiokaart.checks.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.dataset import Dataset
from regiokaart.dataset.order import ordered_offers
from regiokaart.dates import dutch_date
from regiokaart.models.common import Source
from regiokaart.models.offer import Offer
from regiokaart.models.vocabulary import label
from regiokaart.routes import Page, link, page_url
from regiokaart.safe_text import render_markdown, render_plain


def front_matter(**fields: Any) -> str:
    """YAML front matter. Text is HTML-escaped because the theme prints page.meta values unescaped
    (in <title>, the header and <meta name="description">); PyYAML keeps the YAML itself intact."""
    escaped = {
        key: html.escape(value) if isinstance(value, str) else value
        for key, value in fields.items()
    }
    if not escaped:
        return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False) + "---\n\n"
    # Each key of a mapping at the top is written on its own, so the entries can be dumped one by
    # one; libyaml's emitter writes the same bytes as PyYAML's for the values _same_in_libyaml
    # admits (tests/test_front_matter.py compares the two on random texts) at a twentieth of the cost.
    return "---\n" + "".join(_entry(key, value) for key, value in escaped.items()) + "---\n\n"


# Text without line breaks other than spaces (no \n, NEL, U+2028/9), control characters, BOM or
# characters beyond the BMP: here libyaml's emitter and PyYAML's agree byte for byte.
_LIBYAML_SAME = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_CDumper = getattr(yaml, "CSafeDumper", None)


def _same_in_libyaml(value: Any) -> bool:
    if isinstance(value, str):
        return _LIBYAML_SAME.fullmatch(value) is not None
    if isinstance(value, list):
        return all(_same_in_libyaml(item) for item in value)
    return isinstance(value, int) and not isinstance(value, bool)


def _entry(key: str, value: Any) -> str:
    """One key of front matter as PyYAML's safe_dump writes it."""
    if _CDumper is not None and _same_in_libyaml(key) and _same_in_libyaml(value):
        return yaml.dump({key: value}, Dumper=_CDumper, allow_unicode=True, sort_keys=False)
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False)


def links(here: str, page: Page, titled: Iterable[tuple[str | int, str]]) -> list[dict[str, str]]:
    """Title and relative URL (from the page at here) of each (record id, title) of a page type,
    for the link lists of templates."""
    return [{"title": title, "url": link(here, page_url(page, key))} for key, title in titled]


@dataclass
class Site:
    """The dataset plus the helpers templates need; built once per build."""

    dataset: Dataset
    templates: Path
    today: date

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["md"] = self.markdown
        env.filters["text"] = self.plain
        env.filters["label"] = lambda value: label(value) if isinstance(value, StrEnum) else value
        env.filters["nl_date"] = dutch_date
        return env

    @cached_property
    def ordered_offers(self) -> list[Offer]:
        """Every offer in the one order of offers (regiokaart.dataset.order)."""
        return ordered_offers(self.dataset)

    @cached_property
    def offer_numbers(self) -> dict[str, int]:
        """Offer id -> its number in the one order of offers (regiokaart.dataset.order)."""
        return {offer.id: number for number, offer in enumerate(self.ordered_offers)}

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        return {t.abbreviation: t.term for t in self.dataset.terms.values() if t.abbreviation}

    def markdown(self, text: str | None) -> Markup:
        return render_markdown(text, self.abbreviations)

    def plain(self, text: str | None) -> Markup:
        return render_plain(text, self.abbreviations)

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(region=self.dataset.region, **context)

    def offer_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        """Title and relative URL of each offer, for link lists on the page at here."""
        offers = self.dataset.offers
        return links(here, Page.OFFER, ((i, offers[i].name) for i in ids))

    def organisation_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        orgs = self.dataset.organisations
        return links(here, Page.ORGANISATION, ((i, orgs[i].name) for i in ids))

    def module_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        modules = self.dataset.modules
        return links(here, Page.MODULE, ((i, modules[i].title) for i in ids))

    def bouwsteen_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        blocks = self.dataset.bouwstenen
        return links(here, Page.BOUWSTEEN, ((i, blocks[i].title) for i in ids))

    def standard_links(self, here: str, numbers: Iterable[int]) -> list[dict[str, str]]:
        return links(here, Page.STANDARD, ((n, f"Kwaliteitsstandaard {n}") for n in numbers))

    def source_note(self, source: Source, peildatum: date | None) -> dict[str, Any]:
        """Plain values for the 'Bron' line of a page, including whether the record is stale."""
        document = self.dataset.documents[source.document]
        return {
            "title": document.title,
            "publisher": document.publisher,
            "year": document.year,
            "url": document.url,
            "section": source.section,
            "peildatum": dutch_date(peildatum) if peildatum else None,
            "stale": bool(peildatum and is_stale(peildatum, self.today)),
            "stale_after": STALE_AFTER_WORDS,
        }
