"""Module pages with a reuse kit: print view, YAML download, preconditions checklist, infographics."""

from datetime import date
from pathlib import PurePosixPath
from typing import Any

import yaml

from regiokaart.dataset import Dataset
from regiokaart.dataset.relations import module_organisations
from regiokaart.dates import dutch_date
from regiokaart.models.labels import ages_label, for_whom_label
from regiokaart.models.module import ExternalPartner, Module, Partner
from regiokaart.models.module_exchange import (
    EXCHANGE_FORMAT,
    EXCHANGE_VERSION,
    ModuleExchange,
    NamedRecord,
)
from regiokaart.models.references import iter_references
from regiokaart.models.vocabulary import label
from regiokaart.routes import Page, link, page_url
from regiokaart.site.infographics.svg import flow, hub
from regiokaart.site.pages.browser_storage import MODULE_CONDITIONS, storage_key
from regiokaart.site.pages.site import Site, front_matter


def module_exchange(module: Module, dataset: Dataset, exported: date) -> ModuleExchange:
    """The module with the names of the organisations, offers and documents it refers to."""
    ids: dict[str, dict[str, None]] = {"organisations": {}, "offers": {}, "sources": {}}
    for reference in iter_references(module):
        ids.setdefault(reference.kind, {})[reference.value] = None
    organisations = [dataset.organisations[i] for i in ids["organisations"]]
    offers = [dataset.offers[i] for i in ids["offers"]]
    return ModuleExchange(
        format=EXCHANGE_FORMAT,
        version=EXCHANGE_VERSION,
        region=dataset.region.name,
        exported=exported,
        modules=[module],
        organisations=[NamedRecord(id=o.id, name=o.name, website=o.website) for o in organisations],
        offers=[NamedRecord(id=o.id, name=o.name, website=o.website) for o in offers],
        documents=[dataset.documents[i] for i in ids["sources"]],
    )


def render_module_yaml(module: Module, dataset: Dataset, exported: date) -> str:
    """The module as an exchange file another region takes over with `regiokaart module import`."""
    exchange = module_exchange(module, dataset, exported)
    body = yaml.safe_dump(
        exchange.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    title = " ".join(module.title.split())  # one comment line, whatever the title holds
    region = " ".join(dataset.region.name.split())
    return (
        f"# Module '{title}' uit het kennisportaal van {region}.\n"
        "# Neem deze module over in het portaal van uw eigen regio met:\n"
        "#   regiokaart module import <dit bestand>\n"
        "# Organisaties die uw regio niet kent, worden partners met hun naam 'uit regio "
        f"{region}';\n"
        "# aanbod dat uw regio niet heeft, wordt weggelaten; de bron wordt toegevoegd.\n"
        f"# Opbouw: schemas/module-export.v{EXCHANGE_VERSION}.schema.json van regiokaart.\n" + body
    )


def render_module_page(site: Site, module: Module) -> str:
    here = page_url(Page.MODULE, module.id)
    roles: dict[Partner, list[str]] = {}
    for role in module.roles:
        roles.setdefault(role.organisation, []).append(role.role)
    # A module run by an organisation of the same name (Drakentemmers) lists that organisation
    # as partner and lead; as a spoke it would repeat the centre and leave a chart of one node.
    named = module_organisations(module)
    partners = [
        {**_partner(site, here, o), "role": "; ".join(roles.get(o, []))}
        for o in named
        if not _is_module_itself(site, module, o)
    ]
    partner_chart = (
        hub(
            f"partners-{module.id}",
            f"Partners van {module.title}",
            module.title,
            [(p["label"], p["role"] or "Partner") for p in partners],
        )
        if partners
        else None
    )
    workflow_chart = (
        flow(
            f"werkwijze-{module.id}",
            f"Werkwijze van {module.title}",
            [_step(s) for s in module.workflow],
        )
        if module.workflow
        else None
    )
    activities = [
        {
            "title": a.title,
            "description": a.description,
            "lead": _partner(site, here, a.lead),
            "participants": [_partner(site, here, p) for p in a.participants],
            "planning": a.planning,
        }
        for a in module.activities
    ]
    own_organisations = [
        _partner(site, here, o) for o in named if _is_module_itself(site, module, o)
    ]
    context = {
        "module": module,
        "status": label(module.status),
        "for_whom": for_whom_label(module.target_roles, module.genders, module.lvb),
        "ages": ages_label(module.ages),
        "partners": partners,
        "partner_chart": partner_chart,
        "workflow_chart": workflow_chart,
        "activities": activities,
        # A column no activity fills would print as an empty column; the template leaves it out.
        "show_participants": any(a["participants"] for a in activities),
        "show_planning": any(a["planning"] for a in activities),
        "own_organisations": own_organisations,
        "offers": site.offer_links(here, module.offers),
        "download_url": link(here, page_url(Page.MODULE_DOWNLOAD, module.id)),
        "download_name": PurePosixPath(page_url(Page.MODULE_DOWNLOAD, module.id)).name,
        "storage_key": storage_key(MODULE_CONDITIONS, id=module.id),
        "source": site.source_note(module.source, module.peildatum),
        "origin": _origin_note(module),
        "overview_url": link(here, page_url(Page.MODULES)),
    }
    return front_matter(
        title=module.title, description=module.summary, soort="module"
    ) + site.render("module.md", **context)


def _partner(site: Site, here: str, partner: Partner) -> dict[str, Any]:
    """Name and link of an organisation of this region; a partner from another region has its
    region and no link (this portal has no page for it)."""
    if isinstance(partner, ExternalPartner):
        return {
            "name": partner.name,
            "url": None,
            "region": partner.region,
            "label": f"{partner.name} (uit regio {partner.region})",
        }
    name = site.dataset.organisations[partner].name
    url = link(here, page_url(Page.ORGANISATION, partner))
    return {"name": name, "url": url, "region": None, "label": name}


def _origin_note(module: Module) -> dict[str, str] | None:
    """Plain values for the line saying where a module taken over from another region came from."""
    if module.origin is None:
        return None
    return {
        "region": module.origin.region,
        "imported": dutch_date(module.origin.imported),
        "source": module.origin.source,
        "peildatum": dutch_date(module.origin.peildatum),
    }


def _is_module_itself(site: Site, module: Module, partner: Partner) -> bool:
    """Whether an organisation is the module itself: the same id or the same name."""
    if isinstance(partner, ExternalPartner):
        return partner.name.casefold() == module.title.casefold()
    name = site.dataset.organisations[partner].name
    return partner == module.id or name.casefold() == module.title.casefold()


def _step(text: str) -> tuple[str, str]:
    """A workflow step 'Kop: uitleg' as (heading, text); without a colon the text is the heading."""
    head, sep, rest = text.partition(":")
    if sep and len(head) <= 60:
        return head.strip(), rest.strip()
    return text, ""


def render_modules_index(site: Site) -> str:
    here = page_url(Page.MODULES)
    modules = [
        {
            "title": m.title,
            "url": link(here, page_url(Page.MODULE, m.id)),
            "summary": m.summary,
            "region": m.region,
            "status": label(m.status),
        }
        for m in site.dataset.modules.values()
    ]
    return front_matter(title="Modules") + site.render("modules.md", modules=modules)
