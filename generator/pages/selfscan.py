"""The self-scan page: one step per bundle, answers kept in the browser, results with advice."""

import hashlib
import json

from generator.dataset import Dataset
from generator.models.selfscan import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, SelfscanFile
from generator.pages.bouwsteen import bundle_label
from generator.pages.relations import bouwsteen_path, module_path, offer_path
from generator.pages.site import Site, front_matter, link
from generator.selfscan_scores import SCALE, standards_of

HERE = "zelfscan/"


def selfscan_data_version(selfscan: SelfscanFile) -> str:
    """Changes whenever a question is added, removed or reworded; stored in every export."""
    digest = hashlib.sha256()
    for step in selfscan.steps:
        for question in step.questions:
            digest.update(f"{step.bundle}|{question.id}|{question.text}\n".encode())
    return f"{selfscan.version}-{digest.hexdigest()[:10]}"


def scan_config(dataset: Dataset) -> str:
    """What the scan script needs, as JSON for a data attribute (escaped by the template)."""
    selfscan = dataset.selfscan
    questions = {
        q.id: {"standards": standards_of(str(step.bundle)), "text": q.text}
        for step in selfscan.steps
        for q in step.questions
    }
    return json.dumps(
        {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "data_version": selfscan_data_version(selfscan),
            "region": dataset.region.name,
            "questions": questions,
            "scale": {str(k): v for k, v in SCALE.items()},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def render_selfscan_page(site: Site) -> str:
    dataset = site.dataset
    selfscan = dataset.selfscan
    steps = []
    for number, step in enumerate(selfscan.steps, start=1):
        bundle = dataset.bundles[str(step.bundle)]
        steps.append(
            {
                "number": number,
                "title": f"{bundle_label(bundle.standards)}: {bundle.title}",
                "intro": step.intro,
                "questions": [
                    {
                        "id": q.id,
                        "text": q.text,
                        "group": q.group,
                        "bouwsteen": dataset.bouwstenen[q.bouwsteen],
                        "bouwsteen_url": link(HERE, bouwsteen_path(q.bouwsteen)),
                        "offers": [
                            {"title": dataset.offers[o].name, "url": link(HERE, offer_path(o))}
                            for o in q.offers
                        ],
                        "modules": [
                            {"title": dataset.modules[m].title, "url": link(HERE, module_path(m))}
                            for m in q.modules
                        ],
                    }
                    for q in step.questions
                ],
            }
        )
    context = {
        "scan": selfscan,
        "steps": steps,
        "total_steps": len(steps) + 2,
        "question_count": sum(len(step.questions) for step in selfscan.steps),
        "scale": [(str(k), v) for k, v in SCALE.items()],
        "municipalities": [m.name for m in dataset.region.municipalities],
        "config": scan_config(dataset),
    }
    return front_matter(title=selfscan.title, hide=["toc"]) + site.render("selfscan.md", **context)
