"""What every page shares: the Jinja2 environment, links between pages, sources and freshness."""

import html
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

from regiokaart.dataset import Dataset
from regiokaart.dates import dutch_date
from regiokaart.freshness import STALE_AFTER_WORDS, is_stale
from regiokaart.models.common import Source
from regiokaart.models.vocabulary import label
from regiokaart.offer_order import offer_numbers
from regiokaart.pages.text import render_markdown, render_plain
from regiokaart.routes import Page, link, page_url


def front_matter(**fields: Any) -> str:
    """YAML front matter. Text is HTML-escaped because the theme prints page.meta values unescaped
    (in <title>, the header and <meta name="description">); PyYAML keeps the YAML itself intact."""
    escaped = {
        key: html.escape(value) if isinstance(value, str) else value
        for key, value in fields.items()
    }
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False) + "---\n\n"


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
    def offer_numbers(self) -> dict[str, int]:
        """Offer id -> its number in the one order of offers (regiokaart.offer_order)."""
        return offer_numbers(self.dataset)

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
        return [
            {"title": self.dataset.offers[i].name, "url": link(here, page_url(Page.OFFER, i))}
            for i in ids
        ]

    def organisation_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        orgs = self.dataset.organisations
        return [
            {"title": orgs[i].name, "url": link(here, page_url(Page.ORGANISATION, i))} for i in ids
        ]

    def module_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        return [
            {"title": self.dataset.modules[i].title, "url": link(here, page_url(Page.MODULE, i))}
            for i in ids
        ]

    def bouwsteen_links(self, here: str, ids: Iterable[str]) -> list[dict[str, str]]:
        blocks = self.dataset.bouwstenen
        return [
            {"title": blocks[i].title, "url": link(here, page_url(Page.BOUWSTEEN, i))} for i in ids
        ]

    def standard_links(self, here: str, numbers: Iterable[int]) -> list[dict[str, str]]:
        return [
            {"title": f"Kwaliteitsstandaard {n}", "url": link(here, page_url(Page.STANDARD, n))}
            for n in numbers
        ]

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
