"""Module pages with a reuse kit: print view, YAML download, preconditions checklist, infographics."""

from pathlib import PurePosixPath

import yaml

from regiokaart.infographics.svg import flow, hub
from regiokaart.models.module import Module
from regiokaart.models.vocabulary import label
from regiokaart.pages.relations import module_organisations
from regiokaart.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url


def render_module_yaml(module: Module, region_name: str) -> str:
    """The module as a data file another region can add to its own data/modules.yaml."""
    body = yaml.safe_dump(
        {"modules": [module.model_dump(mode="json", exclude_none=True, exclude_defaults=True)]},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return (
        f"# Module '{module.title}' uit het kennisportaal van {region_name}.\n"
        "# Voeg de module toe aan data/modules.yaml van uw eigen regio; de organisaties waarnaar\n"
        "# verwezen wordt moeten ook in data/organisations.yaml staan.\n" + body
    )


def render_module_page(site: Site, module: Module) -> str:
    dataset = site.dataset
    here = page_url(Page.MODULE, module.id)
    roles: dict[str, list[str]] = {}
    for role in module.roles:
        roles.setdefault(role.organisation, []).append(role.role)
    # A module run by an organisation of the same name (Drakentemmers) lists that organisation
    # as partner and lead; as a spoke it would repeat the centre and leave a chart of one node.
    org_ids = [o for o in module_organisations(module) if not _is_module_itself(site, module, o)]
    partners = [
        {
            "name": dataset.organisations[o].name,
            "url": link(here, page_url(Page.ORGANISATION, o)),
            "role": "; ".join(roles.get(o, [])),
        }
        for o in org_ids
    ]
    partner_chart = (
        hub(
            f"partners-{module.id}",
            f"Partners van {module.title}",
            module.title,
            [(p["name"], p["role"] or "Partner") for p in partners],
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
            "lead": {
                "name": dataset.organisations[a.lead].name,
                "url": link(here, page_url(Page.ORGANISATION, a.lead)),
            },
            "participants": [
                {
                    "name": dataset.organisations[p].name,
                    "url": link(here, page_url(Page.ORGANISATION, p)),
                }
                for p in a.participants
            ],
            "planning": a.planning,
        }
        for a in module.activities
    ]
    own_organisations = [
        {"name": dataset.organisations[o].name, "url": link(here, page_url(Page.ORGANISATION, o))}
        for o in module_organisations(module)
        if _is_module_itself(site, module, o)
    ]
    context = {
        "module": module,
        "status": label(module.status),
        "target_groups": ", ".join(label(t) for t in module.target_groups),
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
        "storage_key": f"regiokaart:voorwaarden:{module.id}",
        "source": site.source_note(module.source, module.peildatum),
        "overview_url": link(here, page_url(Page.MODULES)),
    }
    return front_matter(title=module.title, description=module.summary) + site.render(
        "module.md", **context
    )


def _is_module_itself(site: Site, module: Module, org_id: str) -> bool:
    """Whether an organisation is the module itself: the same id or the same name."""
    name = site.dataset.organisations[org_id].name
    return org_id == module.id or name.casefold() == module.title.casefold()


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
