"""The search page; the index is built after MkDocs by the search step (Pagefind, Dutch stemming)."""

from regiokaart.pages.site import Site, front_matter


def render_search_page(site: Site) -> str:
    return front_matter(title="Zoeken", hide=["toc"]) + site.render("search.md")
