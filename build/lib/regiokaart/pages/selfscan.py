"""The self-scan page: one step per bundle, answers kept in the browser, results with advice.

The questions are rendered here (they also work printed, without script); what the script needs to
score, advise and check exports is the rules of regiokaart/selfscan_rules.py plus the links of
this page, handed over as JSON in a data attribute.
"""

import json
from typing import Any

from regiokaart.pages.site import Site, front_matter
from regiokaart.routes import Page, link, page_url
from regiokaart.selfscan_rules import SCALE, Rules, scan_rules


def page_rules(site: Site) -> Rules:
    """The scan's rules with the links the advice needs, relative to the scan page."""
    here = page_url(Page.SELFSCAN)
    rules = scan_rules(site.dataset)
    for block_id, block in rules["bouwstenen"].items():
        block["url"] = link(here, page_url(Page.BOUWSTEEN, block_id))
        block["offers"] = site.offer_links(here, block["offers"])
        block["modules"] = site.module_links(here, block["modules"])
    return rules


def scan_config(site: Site) -> str:
    """The rules as compact JSON for a data attribute (escaped by the template)."""
    return json.dumps(page_rules(site), ensure_ascii=False, separators=(",", ":"))


def render_selfscan_page(site: Site) -> str:
    dataset = site.dataset
    selfscan = dataset.selfscan
    here = page_url(Page.SELFSCAN)
    rules = scan_rules(dataset)
    bundles = {b["id"]: b for b in rules["bundles"]}
    steps: list[dict[str, Any]] = []
    for number, step in enumerate(selfscan.steps, start=1):
        bundle = bundles[str(step.bundle)]
        steps.append(
            {
                "number": number,
                "title": f"{bundle['name']}: {bundle['title']}",
                "intro": step.intro,
                "questions": [
                    {
                        "id": q.id,
                        "text": q.text,
                        "group": q.group,
                        "bouwsteen": dataset.bouwstenen[q.bouwsteen].title,
                        "bouwsteen_url": link(here, page_url(Page.BOUWSTEEN, q.bouwsteen)),
                    }
                    for q in step.questions
                ],
            }
        )
    context = {
        "scan": selfscan,
        "steps": steps,
        "results_step": len(steps) + 1,
        "question_count": len(rules["questions"]),
        "scale": [(str(k), v) for k, v in SCALE.items()],
        "municipalities": rules["municipalities"],
        "history_size": rules["history_size"],
        "max_note_chars": rules["max_note_chars"],
        "config": scan_config(site),
    }
    return front_matter(title=selfscan.title, hide=["toc"]) + site.render("selfscan.md", **context)
