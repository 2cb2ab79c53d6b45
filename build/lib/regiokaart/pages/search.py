"""The search page; the index is built after MkDocs by the search step (Pagefind, Dutch stemming)."""

from regiokaart.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url


def render_search_page(site: Site) -> str:
    socialmap_url = link(page_url(Page.SEARCH), page_url(Page.SOCIAL_MAP))
    return front_matter(title="Zoeken", hide=["toc"]) + site.render(
        "search.md", socialmap_url=socialmap_url
    )
