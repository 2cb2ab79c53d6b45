"""regiokaart federate, gathering: FEDERATION.yaml read with located Dutch problems; each region's
feed.json and HSDS files read over real loopback servers (each its own origin) or from a folder,
within one deadline and a cap on bytes, validated against the feed model and the official HSDS
schemas; the last good copy used when a region fails, and never lost by a crash."""

import contextlib
import errno
import functools
import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import regiokaart.federation.gather as gather_module
from regiokaart.federation import last_good
from regiokaart.federation.config import Federation, load_federation
from regiokaart.federation.gather import (
    RegionState,
    gather_regions,
    region_key,
    resolve_location,
)
from regiokaart.models.feed import Feed, FeedHsds, FeedRegion, FeedSearch
from regiokaart.resources import version
from regiokaart.site.build import build_site

FIRST_RUN = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
SECOND_RUN = datetime(2026, 5, 2, 6, 0, tzinfo=UTC)
REFUSED = "feed.json: webadres niet bereikbaar: de server weigert de verbinding"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loopback servers are reached directly, whatever proxy the machine names."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


# --- regions as files ------------------------------------------------------------------------


def organization(number: int) -> dict[str, Any]:
    return {
        "id": f"00000000-0000-4000-8000-{number:012d}",
        "name": f"Organisatie {number}",
        "description": "Een organisatie in de regio.",
    }


def service(number: int, organization_number: int = 1) -> dict[str, Any]:
    return {
        "id": f"10000000-0000-4000-8000-{number:012d}",
        "organization_id": organization(organization_number)["id"],
        "name": f"Aanbod {number}",
        "status": "active",
        "organization": organization(organization_number),  # nested: through the schema's $ref
    }


def make_feed(name: str, **changes: Any) -> Feed:
    feed = Feed(
        format="regiokaart-feed",
        version=1,
        generator="regiokaart 0.1.0",
        region=FeedRegion(name=name, municipalities=["Almere"]),
        built=datetime(2026, 4, 30, 12, 0, tzinfo=UTC),
        data_version="v1",
        counts={"offers": 2, "organisations": 1, "modules": 0},
        hsds=FeedHsds(
            organizations="open-data/hsds/json/organizations.json",
            services="open-data/hsds/json/services.json",
            datapackage="open-data/hsds/tabular/datapackage.json",
        ),
        search=FeedSearch(pagefind="pagefind/"),
    )
    return feed.model_copy(update=changes)


def write_region(
    folder: Path,
    name: str,
    *,
    organizations: list[Any] | None = None,
    services: list[Any] | None = None,
    feed: dict[str, Any] | None = None,
) -> Path:
    """A region's site folder: feed.json and the two HSDS files it names."""
    hsds = folder / "open-data" / "hsds" / "json"
    hsds.mkdir(parents=True, exist_ok=True)
    feed = feed if feed is not None else make_feed(name).model_dump(mode="json")
    (folder / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    organizations = organizations if organizations is not None else [organization(1)]
    services = services if services is not None else [service(1), service(2)]
    (hsds / "organizations.json").write_text(json.dumps(organizations), encoding="utf-8")
    (hsds / "services.json").write_text(json.dumps(services), encoding="utf-8")
    return folder


# --- servers --------------------------------------------------------------------------------


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a reader that gave up (a file too big, too slow) closes the connection


@contextlib.contextmanager
def serving(handler: Any) -> Iterator[tuple[str, Any]]:
    """A loopback server of its own (its own origin); yields its root URL and the server."""
    server = Server(("127.0.0.1", 0), handler)
    server.requested = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Recording(Quiet):
    def do_GET(self) -> None:
        self.server.requested.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    with serving(functools.partial(Recording, directory=str(folder))) as (url, _):
        yield url


SLOW_STOP = threading.Event()


class Slow(http.server.BaseHTTPRequestHandler):
    """Sends a feed of 1,000 bytes, one byte a second."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            if SLOW_STOP.wait(1):
                return
            try:
                self.wfile.write(b" ")
                self.wfile.flush()
            except OSError:
                return

    def log_message(self, *args: Any) -> None:
        pass


def federation(*urls: str, **settings: Any) -> Federation:
    return Federation(title="Landelijk", regions=[{"url": url} for url in urls], **settings)


def gather(fed: Federation, store: Path, now: datetime = FIRST_RUN) -> list[RegionState]:
    return gather_regions(fed, store, now=now)


# --- gathering --------------------------------------------------------------------------------


def test_every_region_is_gathered_from_its_own_server_and_from_a_folder(tmp_path: Path) -> None:
    one = write_region(tmp_path / "een", "Flevoland")
    two = write_region(tmp_path / "twee", "Utrecht", services=[service(3)])
    folder = write_region(tmp_path / "drie", "Drenthe", services=[service(4)])
    store = tmp_path / "site.laatst-goed"
    with served(one) as first, served(two) as second:
        states = gather(federation(first, second, str(folder)), store)
    assert [s.status for s in states] == ["ok", "ok", "ok"]
    assert [s.feed.region.name for s in states if s.feed] == ["Flevoland", "Utrecht", "Drenthe"]
    assert [s.problems for s in states] == [[], [], []]
    assert states[0].url == first.rstrip("/") and states[0].base_url == first
    assert states[2].url == str(folder) and states[2].base_url == folder.as_uri() + "/"
    assert states[0].organizations == [organization(1)]
    assert states[0].services == [service(1), service(2)]
    assert states[1].services == [service(3)] and states[2].services == [service(4)]
    assert all(s.fetched == FIRST_RUN for s in states)
    # each region's copy is kept as fetched, under its key
    for state, site in zip(states, (one, two, folder), strict=True):
        kept = store / state.key
        assert (kept / "feed.json").read_bytes() == (site / "feed.json").read_bytes()
        files = {name: (kept / name).read_bytes() for name in last_good.DATA_FILES}
        assert json.loads((kept / "state.json").read_text("utf-8")) == {
            "url": state.url,
            "fetched": FIRST_RUN.isoformat(),
            "checked_by": version(),
            "sha256": {name: hashlib.sha256(raw).hexdigest() for name, raw in files.items()},
        }
        assert sorted(p.name for p in kept.iterdir()) == [
            "feed.json",
            "organizations.json",
            "services.json",
            "state.json",
        ]
    assert sorted(p.name for p in store.iterdir()) == sorted(s.key for s in states)


def test_a_slow_region_does_not_hold_up_the_others(tmp_path: Path) -> None:
    good = write_region(tmp_path / "goed", "Flevoland")
    SLOW_STOP.clear()
    try:
        with serving(Slow) as (slow, _), served(good) as fast:
            states = gather(federation(slow, fast, deadline_seconds=2), tmp_path / "store")
    finally:
        SLOW_STOP.set()
    assert states[0].status == "ontbreekt" and states[0].feed is None
    assert states[0].problems == [
        "feed.json: te traag: niet binnen de termijn van 2 seconden voor alle regio's samen gelezen"
    ]
    assert states[1].status == "ok" and states[1].problems == []
    # nothing of the run is left behind: the readers end when their connections are shut
    assert wait_for_no_threads()


def wait_for_no_threads() -> bool:
    names = ("regiokaart-fetch", "regiokaart-federate")
    for _ in range(100):
        if not any(t.name in names and t.is_alive() for t in threading.enumerate()):
            return True
        time.sleep(0.1)
    return False


def test_a_region_too_big_is_refused_and_the_others_are_not(tmp_path: Path) -> None:
    huge = write_region(tmp_path / "groot", "Groot")
    feed = (huge / "feed.json").read_text("utf-8")
    (huge / "feed.json").write_text(feed + " " * 5_000_001, encoding="utf-8")  # still valid JSON
    many = write_region(tmp_path / "veel", "Veel")
    services = [{**service(n), "description": "x" * 1000} for n in range(1, 1100)]
    (many / "open-data/hsds/json/services.json").write_text(json.dumps(services), "utf-8")
    good = write_region(tmp_path / "goed", "Goed")
    with served(huge) as first, served(many) as second, served(good) as third:
        fed = federation(first, second, third, str(many), max_region_bytes=1_000_000)
        states = gather(fed, tmp_path / "store")
    assert [s.status for s in states] == ["ontbreekt", "ontbreekt", "ok", "ontbreekt"]
    over = "te groot: de regio gaat over de grens van 1.000.000 bytes voor al haar bestanden samen"
    assert states[0].problems == [f"feed.json: {over}"]
    assert states[1].problems == [f"open-data/hsds/json/services.json: {over}"]
    assert states[3].problems == [f"open-data/hsds/json/services.json: {over}"]


def test_the_feed_alone_is_capped_below_the_regions_cap(tmp_path: Path) -> None:
    huge = write_region(tmp_path / "groot", "Groot")
    feed = (huge / "feed.json").read_text("utf-8")
    (huge / "feed.json").write_text(feed + " " * 5_000_001, encoding="utf-8")
    with served(huge) as url:
        (web,) = gather(federation(url), tmp_path / "store")
    (folder,) = gather(federation(str(huge)), tmp_path / "store")
    assert web.problems == folder.problems == ["feed.json: te groot: groter dan 5.000.000 bytes"]


def test_an_invalid_feed_is_named_by_its_field(tmp_path: Path) -> None:
    feed = make_feed("Flevoland").model_dump(mode="json")
    feed["version"] = 2
    del feed["hsds"]["services"]
    feed["offers"] = [{"id": "Niet Goed"}]
    region = write_region(tmp_path / "regio", "Flevoland", feed=feed)
    not_json = write_region(tmp_path / "kapot", "Kapot")
    (not_json / "feed.json").write_text('{"format": "regiokaart-feed",\n  oeps}', "utf-8")
    (state, broken) = gather(federation(str(region), str(not_json)), tmp_path / "store")
    assert state.status == "ontbreekt"
    assert state.problems == [
        "feed.json: version: ongeldige waarde 2 (toegestaan: 1)",
        "feed.json: hsds.services: verplicht veld ontbreekt",
        "feed.json: offers[0].id: ongeldige id 'Niet Goed': alleen kleine letters, cijfers en "
        "koppeltekens",
        "feed.json: offers[0].name: verplicht veld ontbreekt",
        "feed.json: offers[0].url: verplicht veld ontbreekt",
        "feed.json: offers[0].effectiveness: verplicht veld ontbreekt",
        "feed.json: offers[0].national: verplicht veld ontbreekt",
        "feed.json: offers[0].hsds_id: verplicht veld ontbreekt",
    ]
    assert broken.problems == ["feed.json: is geen geldige JSON (regel 2, kolom 3)"]


def test_hsds_records_are_checked_against_the_official_schemas(tmp_path: Path) -> None:
    no_status = {k: v for k, v in service(1).items() if k != "status"}
    bad_id = {**service(2), "id": "aanbod-2"}
    nested = service(3)
    nested["organization"] = {k: v for k, v in organization(1).items() if k != "description"}
    bad_status = {**service(4), "status": "actief"}
    services = [no_status, bad_id, nested, bad_status, service(5)]
    region = write_region(tmp_path / "regio", "Flevoland", services=services)
    organizations = write_region(tmp_path / "org", "Org", organizations=[{"id": 3}])
    not_a_list = write_region(tmp_path / "lijst", "Lijst", organizations={"id": 3})  # type: ignore[arg-type]
    states = gather(federation(str(region), str(organizations), str(not_a_list)), tmp_path / "s")
    location = "open-data/hsds/json/services.json"
    assert states[0].status == "ontbreekt"
    assert states[0].problems == [
        f"{location}: [0]: verplicht veld 'status' ontbreekt",
        f'{location}: [1].id: geen geldige uuid: "aanbod-2"',
        f"{location}: [2].organization: verplicht veld 'description' ontbreekt",
        f'{location}: [3].status: ongeldige waarde "actief" '
        "(toegestaan: active, inactive, defunct, temporarily closed)",
    ]
    location = "open-data/hsds/json/organizations.json"
    assert states[1].problems == [
        f"{location}: [0].id: verwacht tekst, gevonden 3",
        f"{location}: [0]: verplicht veld 'name' ontbreekt",
        f"{location}: [0]: verplicht veld 'description' ontbreekt",
    ]
    assert states[2].problems == [f"{location}: verwacht een lijst (JSON-array) van records"]


def test_the_records_per_file_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gather_module, "MAX_RECORDS", 2)
    monkeypatch.setattr(gather_module, "MAX_PROBLEMS_SHOWN", 2)
    many = write_region(tmp_path / "veel", "Veel", services=[service(n) for n in range(1, 4)])
    wrong = [{**service(n), "status": "?"} for n in range(1, 3)]
    some = write_region(tmp_path / "fout", "Fout", organizations=[{}, {}], services=wrong)
    (too_many, shown) = gather(federation(str(many), str(some)), tmp_path / "store")
    location = "open-data/hsds/json/services.json"
    assert too_many.problems == [f"{location}: bevat 3 records; hoogstens 2"]
    location = "open-data/hsds/json/organizations.json"
    assert shown.problems == [
        f"{location}: [0]: verplicht veld 'id' ontbreekt",
        f"{location}: [0]: verplicht veld 'name' ontbreekt",
        f"{location}: en nog 4 andere problemen",
    ]


def test_a_location_to_another_origin_is_never_read(tmp_path: Path) -> None:
    elsewhere = write_region(tmp_path / "elders", "Elders")
    with serving(functools.partial(Recording, directory=str(elsewhere))) as (other, server):
        feed = make_feed("Flevoland").model_dump(mode="json")
        feed["hsds"]["organizations"] = f"{other}open-data/hsds/json/organizations.json"
        feed["hsds"]["services"] = "//" + other.removeprefix("http://") + "services.json"
        region = write_region(tmp_path / "regio", "Flevoland", feed=feed)
        with served(region) as url:
            (state,) = gather(federation(url), tmp_path / "store")
        assert server.requested == []
    assert state.status == "ontbreekt"
    assert [p.split(":")[:2] for p in state.problems] == [
        ["feed.json", " hsds.organizations"],
        ["feed.json", " hsds.services"],
    ]


@pytest.mark.parametrize(
    ("base", "location", "expected"),
    [
        ("http://a.nl/regio/", "hsds/x.json", "http://a.nl/regio/hsds/x.json"),
        ("http://a.nl/", "//b.nl/x.json", None),
        ("http://a.nl/", "http://a.nl:8080/x.json", None),
        ("https://a.nl/", "http://a.nl/x.json", None),
        ("http://a.nl/regio/", "../x.json", None),
        ("http://a.nl/regio/", "/x.json", None),
        ("http://a.nl/", "x.json?y=1", None),
        ("file:///s/site/", "hsds/x.json", "file:///s/site/hsds/x.json"),
        ("file:///s/site/", "../andere/x.json", None),
        ("file:///s/site/", "file:///etc/passwd", None),
    ],
)
def test_a_location_resolves_only_inside_the_site(
    base: str, location: str, expected: str | None
) -> None:
    assert resolve_location(base, location) == expected


def test_a_link_out_of_a_region_folder_is_not_followed(tmp_path: Path) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    secret = tmp_path / "geheim.json"
    secret.write_text(json.dumps([service(9)]), encoding="utf-8")
    services = region / "open-data/hsds/json/services.json"
    services.unlink()
    services.symlink_to(secret)
    missing = tmp_path / "nergens"
    a_file = tmp_path / "bestand"
    a_file.write_text("geen map", encoding="utf-8")
    states = gather(federation(str(region), str(missing), str(a_file)), tmp_path / "store")
    assert [s.problems for s in states] == [
        ["open-data/hsds/json/services.json: wijst buiten de map van de regio; wordt niet gelezen"],
        ["de map van de regio: bestaat niet"],
        [f"{a_file}: is geen map"],
    ]


def test_a_location_with_a_control_character_is_not_a_feed(tmp_path: Path) -> None:
    """A NUL in a location is refused by the feed's own schema, shown on one line."""
    feed = make_feed("Flevoland").model_dump(mode="json")
    feed["hsds"]["organizations"] = "open-data/\u0000.json"
    region = write_region(tmp_path / "regio", "Flevoland", feed=feed)
    with served(region) as url:
        web, folder = gather(federation(url, str(region)), tmp_path / "store")
    assert web.status == folder.status == "ontbreekt"
    for state in (web, folder):
        (problem,) = state.problems
        assert problem.startswith("feed.json: hsds.organizations: ") and "U+0000" in problem
        assert "fout in regiokaart" not in problem


def test_a_failing_region_falls_back_on_its_last_good_copy(tmp_path: Path) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    with served(region) as url:
        (first,) = gather(federation(url), store)
        # the data changes, and is invalid: this run keeps the copy of the first
        write_region(region, "Flevoland", services=[{"name": "kapot"}])
        (invalid,) = gather(federation(url), store, SECOND_RUN)
    (stopped,) = gather(federation(url), store, SECOND_RUN)
    assert first.status == "ok"
    for state in (invalid, stopped):
        assert state.status == "verouderd"
        assert state.fetched == FIRST_RUN
        assert (state.feed, state.organizations, state.services) == (
            first.feed,
            first.organizations,
            first.services,
        )
        assert state.base_url == first.base_url and state.key == first.key
    assert invalid.problems[0].startswith("open-data/hsds/json/services.json: [0]: ")
    assert stopped.problems == [REFUSED]


def test_a_damaged_copy_is_no_copy(tmp_path: Path) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    with served(region) as url:
        (first,) = gather(federation(url), store)
    kept = store / first.key
    damaged = {
        "services.json": (
            b"[{",
            "open-data/hsds/json/services.json: is geen geldige JSON (regel 1, kolom 3)",
        ),
        "state.json": (b"{}", 'state.json: onleesbaar: verwacht {"url": …, "fetched": …}'),
        "feed.json": (b'{"format": "iets anders"}', "feed.json: format: ongeldige waarde"),
    }
    for name, (content, reason) in damaged.items():
        good = (kept / name).read_bytes()
        (kept / name).write_bytes(content)
        (state,) = gather(federation(url), store, SECOND_RUN)
        assert state.status == "ontbreekt" and state.feed is None and state.services == []
        assert state.fetched is None
        assert state.problems[0] == REFUSED
        assert state.problems[1].startswith(
            f"de laatst goede kopie is beschadigd en niet gebruikt: {reason}"
        ), state.problems
        (kept / name).write_bytes(good)
    (kept / "services.json").unlink()
    (state,) = gather(federation(url), store, SECOND_RUN)
    assert state.problems == [
        REFUSED,
        "de laatst goede kopie is beschadigd en niet gebruikt: services.json: bestand ontbreekt",
    ]


def test_a_copy_of_another_address_is_not_used(tmp_path: Path) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    gather(federation(str(region)), store)
    key = region_key(str(region))
    other = store / region_key("https://elders.example.nl")
    (store / key).rename(other)
    copy, reason = last_good.read_copy(store, other.name, "https://elders.example.nl", 10**7)
    assert copy is None and reason == "state.json: de kopie hoort bij een ander adres"


def test_a_crash_while_writing_never_loses_the_previous_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    (first,) = gather(federation(str(region)), store)

    def fail(built: Path, target: Path) -> None:
        raise OSError(errno.EIO, "I/O error")

    write_region(region, "Flevoland", services=[service(7)])
    with monkeypatch.context() as patch:
        patch.setattr(last_good, "swap_in", fail)
        (second,) = gather(federation(str(region)), store, SECOND_RUN)
    assert second.status == "ok" and second.services == [service(7)]
    assert second.problems == [
        f"de laatst goede kopie is niet bewaard: kan niet schrijven in {store}/: "
        "leesfout van de schijf of het netwerk (I/O-fout)"
    ]
    assert sorted(p.name for p in store.iterdir()) == [first.key]  # no half copy left
    os.rename(region, tmp_path / "weg")
    (third,) = gather(federation(str(region)), store, SECOND_RUN)
    assert third.status == "verouderd" and third.fetched == FIRST_RUN
    assert third.services == first.services


def test_a_crash_between_the_renames_of_a_swap_is_undone(tmp_path: Path) -> None:
    """Where folders cannot be exchanged at once, the swap renames twice; a crash in between leaves
    the old copy under another name, which the next run puts back."""
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    (first,) = gather(federation(str(region)), store)
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    parked = store / f".{first.key}-old-{int(ended.stdout)}"
    (store / first.key).rename(parked)
    os.rename(region, tmp_path / "weg")
    (state,) = gather(federation(str(region)), store, SECOND_RUN)
    assert state.status == "verouderd" and state.services == first.services
    assert sorted(p.name for p in store.iterdir()) == [first.key]


def test_keys_are_stable_safe_folder_names() -> None:
    key = region_key("https://flevoland.example.nl/portaal")
    assert key == region_key("https://flevoland.example.nl/portaal")
    assert key.startswith("flevoland-example-nl-portaal-")
    assert key != region_key("https://flevoland.example.nl/portaal2")
    assert region_key("/x/../..") and all(
        set(region_key(url)) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for url in ("/a b/ü", "http://[::1]:80/", "C:\\site", "/" + "x" * 500)
    )
    assert len(region_key("/" + "x" * 500)) <= 60


def test_the_store_is_beside_the_site_never_in_it(tmp_path: Path) -> None:
    store = last_good.store_beside(tmp_path / "site")
    assert store == tmp_path / "site.laatst-goed"
    assert (tmp_path / "site") not in store.parents


# --- a real portal ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(mini_project_factory: Path) -> Path:
    site = mini_project_factory.parent / "site"
    build_site(mini_project_factory, site)
    return site


def test_a_built_portal_is_gathered_over_http_and_from_its_folder(
    built_site: Path, tmp_path: Path
) -> None:
    with served(built_site) as url:
        web, folder = gather(federation(url, str(built_site)), tmp_path / "store")
    for state in (web, folder):
        assert state.status == "ok", state.problems
        assert state.feed is not None and state.feed.region.name == "Testland"
        assert len(state.services) == len(state.feed.offers)
        assert {o.hsds_id for o in state.feed.offers} <= {s["id"] for s in state.services}
        assert state.organizations
    assert web.services == folder.services


# --- FEDERATION.yaml -----------------------------------------------------------------------------


def load(tmp_path: Path, text: str | bytes) -> tuple[Federation | None, list[str]]:
    path = tmp_path / "FEDERATION.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    federation, problems = load_federation(path)
    return federation, [p.format().removeprefix(f"{path}:") for p in problems]


def test_a_federation_file_is_read_with_its_paths_made_absolute(tmp_path: Path) -> None:
    text = """\
title: Landelijk overzicht plegeraanpak
regions:
  - url: https://Flevoland.example.nl/
  - url: ../regio-utrecht/site/
  - url: file:///srv/drenthe/site
deadline_seconds: 30
"""
    fed, problems = load(tmp_path, text)
    assert problems == [] and fed is not None
    assert [r.url for r in fed.regions] == [
        "https://flevoland.example.nl",
        str(tmp_path.parent / "regio-utrecht" / "site"),
        "/srv/drenthe/site",
    ]
    assert (fed.deadline_seconds, fed.max_region_bytes) == (30, 20_000_000)


def test_every_problem_of_a_federation_file_is_said_at_once(tmp_path: Path) -> None:
    text = """\
title: Landelijk
regions:
  - url: https://flevoland.example.nl/
  - url: ftp://utrecht.example.nl/
  - url: https://FLEVOLAND.example.nl
  - url: https://gebruiker:geheim@drenthe.example.nl/
  - url: https://drenthe.example.nl/?regio=1
  - ulr: https://groningen.example.nl/
  - url: https://zonderpunt/
deadline_second: 30
max_region_bytes: 10
"""
    fed, problems = load(tmp_path, text)
    assert fed is None
    assert problems == [
        "4:10: regions[1].url: verwacht een webadres met http:// of https://, een map of een "
        "file://-adres",
        "5:10: regions[2].url: deze regio staat er al: regions[0].url (regel 3) heeft hetzelfde "
        "adres",
        "6:10: regions[3].url: een webadres met gebruikersnaam of wachtwoord wordt niet gebruikt",
        "7:10: regions[4].url: verwacht het adres van het portaal zelf, zonder ? of #",
        "8:5: regions[5].ulr: onbekend veld 'ulr' (bedoelde u 'url'?)",
        "8:5: regions[5].url: verplicht veld 'url' ontbreekt",
        "9:10: regions[6].url: geen geldig webadres (verwacht https://…)",
        "10:1: deadline_second: onbekend veld 'deadline_second' (bedoelde u 'deadline_seconds'?)",
        "11:19: max_region_bytes: waarde 10 moet minstens 1000000 zijn",
    ]


def test_a_federation_needs_a_title_and_regions(tmp_path: Path) -> None:
    assert load(tmp_path, "deadline_seconds: 0\n")[1] == [
        "1:1: regions: verplicht veld 'regions' ontbreekt",
        "1:1: title: verplicht veld 'title' ontbreekt",
        "1:19: deadline_seconds: waarde 0 moet minstens 1 zijn",
    ]
    assert load(tmp_path, "title: T\nregions: []\n")[1] == [
        "2:10: regions: moet minstens 1 element(en) bevatten"
    ]
    many = "".join(f"  - url: https://regio{n}.example.nl\n" for n in range(101))
    assert load(tmp_path, f"title: T\nregions:\n{many}")[1] == [
        "3:3: regions: bevat 101 elementen; hoogstens 100 toegestaan"
    ]
    assert load(tmp_path, "title: T\nregions:\n  - url: a\n  - url: ./a/\n")[1] == [
        "4:10: regions[1].url: deze regio staat er al: regions[0].url (regel 3) heeft hetzelfde "
        "adres"
    ]


def test_a_federation_file_that_is_no_yaml_is_said_so(tmp_path: Path) -> None:
    assert load(tmp_path, "title: [Landelijk\n")[1] == [
        "2:1: YAML-fout: ',' of ']' verwacht; zet tekst met leestekens tussen aanhalingstekens"
    ]
    assert load(tmp_path, "- title\n")[1] == [
        "1:1: verwacht bovenaan een mapping met 'title', 'colours', 'regions', 'deadline_seconds', "
        "'max_region_bytes', gevonden: een lijst"
    ]
    assert load(tmp_path, b"title: \xff\n")[1] == [
        "1:8: bestand is geen UTF-8; sla het op als UTF-8"
    ]
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(9)
    )
    (problem,) = load(tmp_path, bomb)[1]
    assert "alias" in problem
    assert load(tmp_path, "title: T\n" + "#" * 1_000_000)[1] == [
        "1:1: bestand is groter dan 1.000.000 bytes"
    ]


def test_a_federation_file_that_cannot_be_read_is_said_so(tmp_path: Path) -> None:
    fed, problems = load_federation(tmp_path / "FEDERATION.yaml")
    assert fed is None
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'FEDERATION.yaml'}:1:1: bestand ontbreekt"
    ]
    (tmp_path / "map.yaml").mkdir()
    assert [p.format() for p in load_federation(tmp_path / "map.yaml")[1]] == [
        f"{tmp_path / 'map.yaml'}:1:1: is een map, geen federatiebestand"
    ]


def test_personal_data_in_a_region_keeps_its_data_out_and_says_where(tmp_path: Path) -> None:
    """The overview publishes what a region sends, so it refuses a mobile number or a person's
    address there as the region's own build does; the region's own function mailbox passes."""
    mailbox = "plegeraanpak@regio.example.nl"
    feed = make_feed("Flevoland", region=FeedRegion(name="Flevoland", function_mailboxes=[mailbox]))
    clean = organization(1) | {"email": mailbox}
    region = write_region(
        tmp_path / "regio", "Flevoland", organizations=[clean], feed=feed.model_dump(mode="json")
    )
    with served(region) as url:
        (state,) = gather(federation(url), tmp_path / "store")
        assert state.status == "ok", state.problems
        personal = organization(1) | {"email": "j.jansen@regio.example.nl"}
        write_region(
            region, "Flevoland", organizations=[personal], feed=feed.model_dump(mode="json")
        )
        (state,) = gather(federation(url), tmp_path / "store", SECOND_RUN)
    assert state.status == "verouderd"
    (problem,) = state.problems
    assert problem.startswith("organizations.json: [0].email: ")
    assert "persoonlijk e-mailadres" in problem
    assert state.organizations[0]["email"] == mailbox


def test_unchanged_data_is_read_not_checked_again_and_changed_data_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run costs what changed: bytes this version checked before (the last good copy's
    digests) are only read. Any change, or another version of regiokaart, checks them again."""
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    checked: list[int] = []
    real = gather_module._validator

    def counting(table: str) -> Any:
        if table in ("organization", "service"):  # the tables themselves; their terms apart
            checked.append(1)
        return real(table)

    monkeypatch.setattr(gather_module, "_validator", counting)
    with served(region) as url:
        (first,) = gather(federation(url), store)
        assert first.status == "ok" and len(checked) == 2  # organisations and services
        (again,) = gather(federation(url), store, SECOND_RUN)
        assert again.status == "ok" and len(checked) == 2 and again.services == first.services
        assert again.fetched == SECOND_RUN
        write_region(region, "Flevoland", services=[service(7)])
        (changed,) = gather(federation(url), store, SECOND_RUN)
        assert changed.status == "ok" and len(checked) == 4 and changed.services == [service(7)]
        monkeypatch.setattr(gather_module, "version", lambda: "9.9.9")
        gather(federation(url), store, SECOND_RUN)
        assert len(checked) == 6
        # a copy whose digests do not match its files (changed by hand) is checked again
        monkeypatch.undo()
        monkeypatch.setattr(gather_module, "_validator", counting)
        state = json.loads((store / first.key / "state.json").read_text("utf-8"))
        state["sha256"]["services.json"] = "0" * 64
        (store / first.key / "state.json").write_text(json.dumps(state), "utf-8")
        gather(federation(url), store, SECOND_RUN)
        assert len(checked) == 8


def test_a_second_process_checks_only_when_there_is_work_for_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking is split over two cores; one region alone is checked here (a second process
    would hold a copy of this one's memory and do all the work while this one waits)."""
    started: list[int] = []
    real = gather_module.second_core.beside

    def counting(work: Any) -> Any:
        started.append(1)
        return real(work)

    monkeypatch.setattr(gather_module.second_core, "beside", counting)
    one = str(write_region(tmp_path / "een", "Flevoland"))
    two = str(write_region(tmp_path / "twee", "Zuidland"))
    (alone,) = gather(federation(one), tmp_path / "opslag-1")
    assert alone.status == "ok" and started == []
    both = gather(federation(one, two), tmp_path / "opslag-2")
    assert [state.status for state in both] == ["ok", "ok"] and started == [1]


def test_a_wrong_taxonomy_term_is_found_wherever_it_is_embedded(tmp_path: Path) -> None:
    """Each distinct embedded term is checked once; a wrong one is named where it first is."""
    good = {"id": "20000000-0000-4000-8000-000000000001", "name": "Term", "description": "Een term"}
    wrong = {"id": "geen-uuid", "name": "Term", "description": "Een term"}

    def with_term(number: int, term: dict[str, Any]) -> dict[str, Any]:
        attribute = {"id": f"30000000-0000-4000-8000-{number:012d}", "taxonomy_term": term}
        return service(number) | {"attributes": [attribute]}

    region = write_region(
        tmp_path / "regio", "Flevoland", services=[with_term(1, good), with_term(2, wrong)]
    )
    (state,) = gather(federation(str(region)), tmp_path / "store")
    assert state.status == "ontbreekt"
    assert any(
        p.startswith("open-data/hsds/json/services.json: [1].attributes[0].taxonomy_term.id")
        for p in state.problems
    ), state.problems
