"""One page of every kind of the real Flevoland build passes html-validate (pinned in package.json).

The rules are html-validate's "standard" preset (tests/html-validate.json): conformance with the
HTML standard, what the Nu Html Checker reports as errors. Accessibility is checked in a browser by
axe-core (tests/browser/test_accessibility.py). A finding is ours unless it is on an element that
only Material for MkDocs writes, listed in MATERIAL_ONLY with why; those rules stay on for the rest
of the page, so the same mistake in our templates or theme overrides still fails.
"""

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from regiokaart.routes import ROUTES, directory_url, is_markdown
from tests.conftest import ROOT

VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"
CONFIG = ROOT / "tests" / "html-validate.json"

# rule -> (the elements Material writes that break it, as a pattern of html-validate's selector; why)
MATERIAL_ONLY: dict[str, tuple[str, str]] = {
    "valid-autocomplete": (
        r"^#__(drawer|search)$",
        'Material\'s base.html puts autocomplete="off" on its hidden drawer and search toggles, '
        '<input type="checkbox">, where the attribute is not allowed.',
    ),
    "attribute-allowed-values": (
        r"^#__nav(_\d+)+_label$",
        'Material\'s partials/nav-item.html writes tabindex="" (an empty value) on the label of a '
        "navigation section that is shown expanded (navigation.sections).",
    ),
}

# Pages that are not generated from a route: a hand-written page of content/ and MkDocs' 404 page.
OTHER_PAGES = {"content page": "over/index.html", "not found": "404.html"}


def page_of_every_kind(site: Path) -> dict[str, str]:
    """Kind -> one HTML file of the site of that kind: every HTML route (regiokaart.routes), the
    social map's card fragments included, and the pages that no route makes."""
    chosen = {}
    for kind, route in ROUTES.items():
        pattern = route.replace("{id}", "*")
        if is_markdown(pattern):
            pattern = f"{directory_url(pattern)}index.html"
        elif not pattern.endswith(".html"):
            continue  # a data file, not a page
        found = sorted(site.glob(pattern))
        assert found, f"no page of kind {kind} ({pattern}) in the built site"
        chosen[kind.value] = found[0].relative_to(site).as_posix()
    return chosen | OTHER_PAGES


def validate(site: Path, pages: list[str], report: Path) -> list[dict[str, Any]]:
    """html-validate's findings on pages (relative to site), each with its file. The report goes
    to a file: Node may exit before a long report written to a pipe is complete."""
    if not VALIDATOR.exists():
        pytest.fail("html-validate is missing; run `bash scripts/setup.sh --test` (npm ci)")
    result = subprocess.run(
        [str(VALIDATOR), "--config", str(CONFIG), "--formatter", f"json={report}", *pages],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if result.returncode not in (0, 1) or not report.is_file():
        pytest.fail(
            f"html-validate did not run (exit {result.returncode}): {result.stderr[-2000:]}"
        )
    return [
        {**message, "file": checked["filePath"]}
        for checked in json.loads(report.read_text(encoding="utf-8"))
        for message in checked["messages"]
    ]


def is_materials(finding: dict[str, Any]) -> bool:
    known = MATERIAL_ONLY.get(finding["ruleId"])
    return known is not None and re.search(known[0], finding.get("selector") or "") is not None


def ours(findings: list[dict[str, Any]]) -> list[str]:
    return [
        f"{f['file']}:{f['line']}:{f['column']}: {f['ruleId']}: {f['message']} ({f.get('selector')})"
        for f in findings
        if f["severity"] >= 2 and not is_materials(f)
    ]


def test_one_page_of_every_kind_has_no_errors_of_ours(shipped_site: Path, tmp_path: Path) -> None:
    pages = page_of_every_kind(shipped_site)
    assert len(pages) >= 25, pages
    errors = ours(validate(shipped_site, sorted(set(pages.values())), tmp_path / "report.json"))
    assert errors == [], "\n".join(errors)


def test_an_error_of_ours_is_reported(shipped_site: Path, tmp_path: Path) -> None:
    """The validator runs and counts our markup: the home page with an id given twice fails."""
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert 'id="voor-wijkteams"' in home
    broken = home.replace('id="voor-gemeenten"', 'id="voor-wijkteams"', 1)
    (tmp_path / "index.html").write_text(broken, encoding="utf-8")
    errors = ours(validate(tmp_path, ["index.html"], tmp_path / "report.json"))
    assert any("no-dup-id" in error and "voor-wijkteams" in error for error in errors), errors
