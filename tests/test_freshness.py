"""One freshness rule: the check's warning and the page's badge agree, at the limit and past it."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from regiokaart.checks.freshness import STALE_AFTER, STALE_AFTER_WORDS, is_stale
from regiokaart.problems import Severity
from regiokaart.routes import Page, page_file
from regiokaart.site.pages import render_pages
from tests.conftest import ROOT, checked_with_warnings, replace_in

TODAY = date(2026, 6, 1)
BADGE = f"langer dan {STALE_AFTER_WORDS} niet gecontroleerd"


def test_the_limit_itself_is_fresh_and_a_day_past_it_is_stale() -> None:
    assert not is_stale(TODAY - STALE_AFTER, TODAY)
    assert is_stale(TODAY - STALE_AFTER - timedelta(days=1), TODAY)
    assert not is_stale(TODAY, TODAY)


@pytest.mark.parametrize("extra_days", [-1, 0, 1, 2])
def test_warning_and_page_badge_give_the_same_answer(mini_data: Path, extra_days: int) -> None:
    peildatum = TODAY - STALE_AFTER - timedelta(days=extra_days)
    replace_in(mini_data / "offers.yaml", "peildatum: 2024-01-15", f"peildatum: {peildatum}")
    dataset, problems = checked_with_warnings(mini_data, TODAY)
    warned = [
        p
        for p in problems
        if p.severity is Severity.WARNING and f"peildatum {peildatum.isoformat()}" in p.message
    ]
    page = str(
        render_pages(dataset, ROOT / "theme" / "regiokaart", today=TODAY)[
            page_file(Page.OFFER, "relatietherapie")
        ]
    )
    stale = extra_days > 0
    assert bool(warned) is stale
    assert (BADGE in page) is stale
    if warned:
        assert STALE_AFTER_WORDS in warned[0].message
