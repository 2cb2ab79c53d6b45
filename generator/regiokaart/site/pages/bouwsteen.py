"""Bouwsteen pages, one page per quality standard, and the overview by bundle."""

from regiokaart.models.bouwsteen import Bouwsteen
from regiokaart.routes import Page, link, page_url
from regiokaart.site.pages.site import Site, front_matter


def bundle_label(numbers: list[int]) -> str:
    """'Kwaliteitsstandaard 9' or 'Kwaliteitsstandaarden 4, 5, 7 en 8'."""
    if len(numbers) == 1:
        return f"Kwaliteitsstandaard {numbers[0]}"
    return "Kwaliteitsstandaarden " + ", ".join(str(n) for n in numbers[:-1]) + f" en {numbers[-1]}"


def render_bouwsteen_page(site: Site, block: Bouwsteen) -> str:
    dataset = site.dataset
    here = page_url(Page.BOUWSTEEN, block.id)
    bundle = dataset.bundles[str(block.bundle)]
    context = {
        "block": block,
        "bundle": bundle,
        "bundle_label": bundle_label(bundle.standards),
        "standards": site.standard_links(here, bundle.standards),
        "offers": site.offer_links(here, block.offers),
        "organisations": site.organisation_links(here, block.organisations),
        "source": site.source_note(block.source, block.peildatum),
        "overview_url": link(here, page_url(Page.STANDARDS)),
        "selfscan_url": link(here, page_url(Page.SELFSCAN)) if block.questions else None,
    }
    return front_matter(title=block.title, soort="bouwsteen") + site.render(
        "bouwsteen.md", **context
    )


def _blocks_of(site: Site, bundle_id: str, here: str) -> list[dict[str, object]]:
    return [
        {
            "title": b.title,
            "url": link(here, page_url(Page.BOUWSTEEN, b.id)),
            "questions": len(b.questions),
        }
        for b in site.dataset.bouwstenen.values()
        if str(b.bundle) == bundle_id
    ]


def render_standard_page(site: Site, number: int) -> str:
    dataset = site.dataset
    here = page_url(Page.STANDARD, number)
    standard = dataset.standards[number]
    bundle = dataset.bundles[str(standard.bundle)]
    context = {
        "number": number,
        "standard": standard,
        "bundle": bundle,
        "bundle_label": bundle_label(bundle.standards),
        "siblings": site.standard_links(here, [n for n in bundle.standards if n != number]),
        "blocks": _blocks_of(site, str(bundle.id), here),
        "source": site.source_note(bundle.source, None),
        "checklists_url": link(here, page_url(Page.CHECKLISTS)),
        "overview_url": link(here, page_url(Page.STANDARDS)),
    }
    return front_matter(title=f"Kwaliteitsstandaard {number}") + site.render(
        "standard.md", **context
    )


def render_standards_index(site: Site) -> str:
    here = page_url(Page.STANDARDS)
    bundles = [
        {
            "bundle": bundle,
            "label": bundle_label(bundle.standards),
            "standards": site.standard_links(here, bundle.standards),
            "blocks": _blocks_of(site, str(bundle.id), here),
        }
        for bundle in site.dataset.bundles.values()
    ]
    return front_matter(title="Kwaliteitsstandaarden en bouwstenen") + site.render(
        "standards.md", bundles=bundles
    )
