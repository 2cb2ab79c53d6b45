"""The self-scan page: one step per bundle, answers kept in the browser, results with advice.

The questions are rendered here, each in its kind (they also work printed, without script); what
the script needs to score, advise and check exports is the rules of regiokaart/selfscan/rules.py
plus the links of this page, handed over as JSON in a data attribute. The whole text of each
bouwsteen the advice can name is rendered here too, sanitised like every text from the data, in a
<template> the script copies from.
"""

import json
from typing import Any

from regiokaart.routes import Page, link, page_url
from regiokaart.selfscan.rules import Rules, answer_label, scan_rules
from regiokaart.site.pages.site import Site, front_matter


def page_rules(site: Site) -> Rules:
    """The scan's rules with the links the advice needs, relative to the scan page (the texts of
    the bouwstenen are on the page itself, rendered)."""
    here = page_url(Page.SELFSCAN)
    rules = scan_rules(site.dataset)
    for block_id, block in rules["bouwstenen"].items():
        del block["text"]
        block["url"] = link(here, page_url(Page.BOUWSTEEN, block_id))
        block["offers"] = site.offer_links(here, block["offers"])
        block["modules"] = site.module_links(here, block["modules"])
    return rules


def scan_config(rules: Rules) -> str:
    """The rules as compact JSON for a data attribute (escaped by the template)."""
    return json.dumps(rules, ensure_ascii=False, separators=(",", ":"))


def answer_options(rules: Rules, kind: str) -> list[dict[str, str]]:
    """The choices a question of kind offers, labelled as the results name them; none for a gesprek."""
    form = rules["kinds"][kind]["answer"]
    if form == "notitie":
        return []
    options = rules["scale"] if form == "schaal" else rules["trends"]
    return [
        {"value": str(o["value"]), "label": answer_label(rules, kind, o["value"])} for o in options
    ]


def render_selfscan_page(site: Site) -> str:
    dataset = site.dataset
    selfscan = dataset.selfscan
    here = page_url(Page.SELFSCAN)
    rules = page_rules(site)
    bundles = {b["id"]: b for b in rules["bundles"]}
    kinds = rules["kinds"]
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
                        "kind": str(q.kind),
                        "kind_label": kinds[q.kind]["label"],
                        "meaning": kinds[q.kind]["meaning"],
                        "answer": kinds[q.kind]["answer"],
                        "explained": q.kind != rules["implied_kind"],
                        "options": answer_options(rules, q.kind),
                        "bouwsteen": dataset.bouwstenen[q.bouwsteen].title,
                        "bouwsteen_url": link(here, page_url(Page.BOUWSTEEN, q.bouwsteen)),
                    }
                    for q in step.questions
                ],
            }
        )
    asked = {q["kind"] for q in rules["questions"]}
    context = {
        "scan": selfscan,
        "steps": steps,
        "results_step": len(steps) + 1,
        "question_count": sum(kinds[q["kind"]]["answer"] != "notitie" for q in rules["questions"]),
        "kinds": [{"id": kind, **rule} for kind, rule in kinds.items() if kind in asked],
        "discussed": any(kinds[k]["answer"] == "notitie" for k in asked),
        "indicators": any(kinds[k]["answer"] == "ontwikkeling" for k in asked),
        "municipalities": rules["municipalities"],
        "history_size": rules["history_size"],
        "max_note_chars": rules["max_note_chars"],
        "max_figure": rules["max_figure"],
        "advice_texts": [
            {"id": block_id, "text": dataset.bouwstenen[block_id].text}
            for block_id in rules["bouwstenen"]
        ],
        "config": scan_config(rules),
    }
    return front_matter(title=selfscan.title, hide=["toc"]) + site.render("selfscan.md", **context)
