"""Knowledge pages from the sources: success factors, phased working, family profiles, figures, partners."""

from collections import Counter

from regiokaart.checks.contraindications import contraindications
from regiokaart.dataset.areas import area_places
from regiokaart.dataset.relations import offer_providers
from regiokaart.models.vocabulary import AreaScope, Category, Effectiveness, Framework, label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.infographics.svg import bar_chart, cards, flow
from regiokaart.site.pages.site import Site, front_matter


def render_success_factors_page(site: Site) -> str:
    here = page_url(Page.SUCCESS_FACTORS)
    themes = [
        {
            "id": theme.id,
            "title": theme.title,
            "factors": [
                {
                    "text": factor.text,
                    "offers": site.offer_links(here, factor.offers),
                    "regions": factor.regions,
                }
                for factor in theme.factors
            ],
            "source": site.source_note(theme.source, None),
        }
        for theme in site.dataset.success_themes.values()
    ]
    return front_matter(title="Succesfactoren en goede voorbeelden") + site.render(
        "success_factors.md", themes=themes
    )


def render_phases_page(site: Site) -> str:
    vision = site.dataset.vision
    steps = [
        (f"{p.title}" + (f" ({p.plan})" if p.plan else ""), p.text or "") for p in vision.phases
    ]
    chart = flow("fasen", "Gefaseerd samenwerken aan veiligheid", steps)
    context = {
        "phases": vision.phases,
        "chart": chart,
        "principles": vision.principles,
        "source": site.source_note(vision.source, None),
        "socialmap_url": link(page_url(Page.PHASES), page_url(Page.SOCIAL_MAP)),
    }
    return front_matter(title="Gefaseerd samenwerken aan veiligheid") + site.render(
        "phases.md", **context
    )


def render_profiles_page(site: Site) -> str:
    here = page_url(Page.PROFILES)
    vision = site.dataset.vision
    chart = cards(
        "gezinsprofielen", "De gezinsprofielen", [(p.title, p.text) for p in vision.family_profiles]
    )
    profiles = []
    for profile in vision.family_profiles:
        contra = [
            (o, c)
            for o in site.dataset.offers.values()
            for c in contraindications(o)
            if c.profile is profile.id
        ]
        suits = [o for o in site.dataset.offers.values() if profile.id in o.family_profiles]
        profiles.append(
            {
                "profile": profile,
                "filter_url": link(here, page_url(Page.SOCIAL_MAP)) + f"?profiel={profile.id}",
                "contra": [
                    {
                        "title": o.name,
                        "url": link(here, page_url(Page.OFFER, o.id)),
                        "note": c.reason,
                    }
                    for o, c in contra
                ],
                "suits": [
                    {"title": o.name, "url": link(here, page_url(Page.OFFER, o.id))} for o in suits
                ],
            }
        )
    context = {
        "chart": chart,
        "profiles": profiles,
        "source": site.source_note(vision.source, None),
    }
    return front_matter(title="Gezinsprofielen") + site.render("profiles.md", **context)


def render_figures_page(site: Site) -> str:
    dataset = site.dataset
    offers = list(dataset.offers.values())
    charts = []
    bans = dataset.vision.house_bans
    if bans:
        rows = [(c.municipality, c.count) for c in bans.counts]
        charts.append(
            {
                "chart": bar_chart(
                    "huisverboden", f"Tijdelijke huisverboden {bans.year} per gemeente", rows
                ),
                "first": "Gemeente",
                "second": "Aantal",
                "note": bans.note,
                "source": site.source_note(bans.source, None),
            }
        )
    by_category = Counter(c for o in offers for c in o.categories)
    charts.append(
        {
            "chart": bar_chart(
                "aanbod-categorie",
                "Aanbod per categorie",
                [(label(c), by_category[c]) for c in Category],
            ),
            "first": "Categorie",
            "second": "Aantal",
            "note": "Eén aanbod kan in meer categorieën vallen.",
            "source": None,
        }
    )
    by_effect = Counter(o.effectiveness for o in offers)
    charts.append(
        {
            "chart": bar_chart(
                "aanbod-effectiviteit",
                "Aanbod naar effectiviteit",
                [(str(e), by_effect[e]) for e in Effectiveness],
            ),
            "first": "Effectiviteit",
            "second": "Aantal",
            "note": None,
            "source": None,
        }
    )
    by_framework = Counter(f for o in offers for f in o.frameworks)
    charts.append(
        {
            "chart": bar_chart(
                "aanbod-kader", "Aanbod per kader", [(label(f), by_framework[f]) for f in Framework]
            ),
            "first": "Kader",
            "second": "Aantal",
            "note": "Eén aanbod kan in meer kaders worden ingezet.",
            "source": None,
        }
    )
    return front_matter(title="Cijfers en overzichten") + site.render(
        "figures.md", charts=charts, total=len(offers)
    )


def render_partners_page(site: Site) -> str:
    """Which regional initiative belongs to which organisation (asked for by the client councils)."""
    here = page_url(Page.PARTNERS)
    dataset = site.dataset
    regional = [
        o
        for o in dataset.offers.values()
        if o.area.scope is not AreaScope.LANDELIJK
        and area_places(o.area, dataset.region).municipalities
    ]
    providers = {o.id: {org.id for org in offer_providers(dataset, o)} for o in regional}
    rows = []
    for org in sorted(dataset.organisations.values(), key=lambda o: o.name.lower()):
        initiatives = [o for o in regional if org.id in providers[o.id]]
        if initiatives:
            rows.append(
                {
                    "name": org.name,
                    "url": link(here, page_url(Page.ORGANISATION, org.id)),
                    "website": org.website,
                    "initiatives": [
                        {"title": o.name, "url": link(here, page_url(Page.OFFER, o.id))}
                        for o in initiatives
                    ],
                }
            )
    without = [
        {"title": o.name, "url": link(here, page_url(Page.OFFER, o.id))}
        for o in regional
        if not providers[o.id]
    ]
    return front_matter(title="Regionale initiatieven en partners") + site.render(
        "partners.md", rows=rows, without=without
    )
