"""The glossary page (begrippenlijst)."""

from regiokaart.dataset import Dataset
from regiokaart.site.pages.site import Site, front_matter


def render_glossary_page(site: Site) -> str:
    terms = sorted(site.dataset.terms.values(), key=lambda t: (t.abbreviation or t.term).lower())
    letters: dict[str, list[object]] = {}
    for term in terms:
        letters.setdefault((term.abbreviation or term.term)[0].upper(), []).append(term)
    documents = site.dataset.documents
    context = {"letters": sorted(letters.items()), "documents": documents}
    return front_matter(title="Begrippen en afkortingen") + site.render("glossary.md", **context)


def render_abbreviation_definitions(dataset: Dataset) -> str:
    """Markdown abbreviation definitions, appended to hand-written pages so they get tooltips too."""
    lines = [
        f"*[{term.abbreviation}]: {term.term}"
        for term in sorted(dataset.terms.values(), key=lambda t: t.abbreviation or "")
        if term.abbreviation and "]" not in term.abbreviation
    ]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""
