"""feed.json: what a regional portal publishes for a national overview (models/feed.py). Real
builds; the feed must agree with the site it sits in, and its change log with what was edited."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from bench.socialmap_browser import serve
from regiokaart.cli import main
from regiokaart.models.feed import CHANGES_KEPT, Feed
from regiokaart.site.pages.feed import change_log
from tests.conftest import replace_in, tree_digest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "feed.v1.schema.json").read_text(encoding="utf-8"))


def build(project: Path, site: Path, *extra: str) -> int:
    return main(["build", "--project", str(project), "--site", str(site), *extra])


def read_feed(site: Path) -> dict:
    return json.loads((site / "feed.json").read_text(encoding="utf-8"))


def page_of(site: Path, url: str) -> Path:
    """The file a site serves for a URL from its root."""
    return site / url / "index.html" if url.endswith("/") else site / url


def test_the_feed_agrees_with_its_schema_and_its_site(mini_project: Path) -> None:
    site = mini_project / "site"
    assert build(mini_project, site) == 0
    feed = read_feed(site)
    Draft202012Validator(SCHEMA).validate(feed)
    assert feed["region"]["name"] == "Testland"
    # every location is a file of the site, and each offer's page carries the offer's name
    for location in (*feed["hsds"].values(), feed["search"]["pagefind"] + "pagefind-entry.json"):
        assert page_of(site, location).is_file(), location
    offers = json.loads((site / "sociale-kaart" / "aanbod.json").read_text(encoding="utf-8"))
    assert len(feed["offers"]) == feed["counts"]["offers"] == len(offers["aanbod"])
    services = json.loads(page_of(site, feed["hsds"]["services"]).read_text(encoding="utf-8"))
    service_ids = {service["id"] for service in services}
    for offer in feed["offers"]:
        page = page_of(site, offer["url"]).read_text(encoding="utf-8")
        assert "<h1" in page and offer["id"] in offer["url"]
        assert offer["hsds_id"] in service_ids
    assert any(o["name"] == "Steungroep voor plegers" for o in feed["offers"])
    for module in feed["modules"]:
        assert page_of(site, module["url"]).is_file()
        download = page_of(site, module["download"]).read_text(encoding="utf-8")
        assert "regiokaart module import" in download
    # the module the self-scan names for a bouwsteen is listed with that bouwsteen
    module = next(m for m in feed["modules"] if m["id"] == "nazorg-na-huisverbod")
    assert "aanbod-in-kaart" in [b["id"] for b in module["bouwstenen"]]
    # the first build logs every record as added
    assert feed["changes"][0]["added"] == sorted(feed["records"])


def test_the_change_log_follows_edits_over_builds_in_fresh_clones(
    mini_project: Path, tmp_path: Path
) -> None:
    """A region's CI builds in a fresh clone: the build is handed the published feed."""
    first = tmp_path / "first"
    assert build(mini_project, first) == 0
    published = read_feed(first)
    offers = mini_project / "data" / "offers.yaml"
    replace_in(offers, "name: Steungroep voor plegers", "name: Steungroep voor plegers (nieuw)")
    text = offers.read_text(encoding="utf-8")
    offers.write_text(text[: text.index("  - id: relatietherapie")], encoding="utf-8")
    second = tmp_path / "second"
    with serve(first) as url:
        assert build(mini_project, second, "--vorige-feed", f"{url}feed.json") == 0
    feed = read_feed(second)
    assert feed["changes"][:-1] == published["changes"]
    last = feed["changes"][-1]
    assert last["changed"] == ["offer:steungroep"]
    assert last["removed"] == ["offer:relatietherapie"] and last["added"] == []
    assert feed["tombstones"] == [{"id": "offer:relatietherapie", "removed": last["date"]}]
    assert last["data_version"] == feed["data_version"] != published["data_version"]
    # a build of the same data adds nothing to the log
    assert build(mini_project, second) == 0
    assert read_feed(second)["changes"] == feed["changes"]


def test_a_feed_that_cannot_be_read_fails_the_build_with_every_other_problem(
    mini_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = mini_project / "site"
    assert build(mini_project, site) == 0
    before = tree_digest(site)
    wrong = tmp_path / "feed.json"
    wrong.write_text('{"format": "iets anders"}', encoding="utf-8")
    replace_in(
        mini_project / "data" / "offers.yaml",
        "effectiveness: Goed onderbouwd",
        "effectiveness: Goed",
    )
    assert build(mini_project, site, "--vorige-feed", str(wrong)) == 1
    err = capsys.readouterr().err
    assert f"{wrong}:1:1: geen geldige feed van regiokaart (format:" in err
    assert "offers[1].effectiveness: ongeldige waarde 'Goed'" in err
    assert tree_digest(site) == before


def test_a_damaged_feed_in_the_old_site_starts_the_log_anew(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = mini_project / "site"
    assert build(mini_project, site) == 0
    (site / "feed.json").write_text("{kapot", encoding="utf-8")
    assert build(mini_project, site) == 0
    out = capsys.readouterr()
    assert "waarschuwing" in out.out + out.err
    assert "het wijzigingenoverzicht van feed.json begint opnieuw" in out.out + out.err
    feed = read_feed(site)
    assert len(feed["changes"]) == 1 and feed["changes"][0]["added"] == sorted(feed["records"])


def _feed(records: dict[str, str], **rest: object) -> Feed:
    return Feed.model_validate(
        {
            "format": "regiokaart-feed",
            "version": 1,
            "generator": "regiokaart test",
            "region": {"name": "Testland"},
            "built": datetime(2026, 1, 1, tzinfo=UTC),
            "data_version": "v0",
            "counts": {},
            "hsds": {"organizations": "a.json", "services": "b.json", "datapackage": "c.json"},
            "search": {"pagefind": "pagefind/"},
            "records": records,
            **rest,
        }
    )


def test_a_record_removed_and_added_again_loses_its_tombstone() -> None:
    day1, day2 = date(2026, 2, 1), date(2026, 3, 1)
    changes, stones = change_log(
        _feed({"offer:a": "1", "offer:b": "1"}), {"offer:a": "1"}, "v1", day1
    )
    assert [s.id for s in stones] == ["offer:b"] and changes[-1].removed == ["offer:b"]
    previous = _feed({"offer:a": "1"}, changes=changes, tombstones=stones)
    changes, stones = change_log(previous, {"offer:a": "1", "offer:b": "2"}, "v2", day2)
    assert stones == [] and changes[-1].added == ["offer:b"] and changes[-1].date == day2


def test_the_log_keeps_the_most_recent_changes() -> None:
    previous = None
    for number in range(CHANGES_KEPT + 5):
        changes, stones = change_log(
            previous, {"offer:a": str(number)}, f"v{number}", date(2026, 1, 1)
        )
        previous = _feed({"offer:a": str(number)}, changes=changes, tombstones=stones)
    assert len(previous.changes) == CHANGES_KEPT
    assert previous.changes[-1].data_version == f"v{CHANGES_KEPT + 4}"


@pytest.mark.parametrize(
    "location",
    [
        "https://elders.example/x.json",
        "//elders.example/x",
        "/etc/passwd",
        "a/../../b",
        "javascript:alert(1)",
    ],
)
def test_a_location_outside_the_site_is_not_a_feed(location: str) -> None:
    with pytest.raises(ValidationError):
        _feed({}, search={"pagefind": location})
