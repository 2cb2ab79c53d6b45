"""regiokaart federate against a hostile or broken region, and a careless national coordinator:
what a region sends is shown as text, stays in its own site, never fails the run, never publishes
personal data and never makes the run's work or output explode; FEDERATION.yaml and --site cannot
make the run destroy a region's site or the last good copies. Regions are folders or real loopback
servers (each its own origin), as in tests/test_federation_gather.py."""

import contextlib
import errno
import functools
import gzip
import http.server
import io
import json
import os
import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from regiokaart.cli import main
from regiokaart.federation import last_good
from regiokaart.federation.aggregate import RegionHsds, aggregate
from regiokaart.federation.config import normalise_address
from regiokaart.federation.pages import NATIONAL_FILTER
from regiokaart.models.feed import Feed
from tests.conftest import ENGINE, fifo_at
from tests.test_federation_gather import (
    SECOND_RUN,
    Recording,
    federation,
    gather,
    load,
    make_feed,
    no_proxy,  # noqa: F401  (autouse: the loopback servers are reached directly)
    organization,
    served,
    service,
    serving,
    wait_for_no_threads,
    write_region,
)

HSDS = "open-data/hsds/json"


def published(number: int, organization_number: int = 1, **fields: Any) -> dict[str, Any]:
    """A service with its provenance, as the aggregate takes it over."""
    record = service(number, organization_number) | fields
    record["metadata"] = [
        {
            "id": f"30000000-0000-4000-8000-{number:012d}",
            "resource_id": record["id"],
            "resource_type": "service",
            "last_action_date": "2026-01-15",
            "last_action_type": "verified",
            "field_name": "",
            "previous_value": "",
            "replacement_value": "Regiovisie, §2",
            "updated_by": "regio Flevoland",
        }
    ]
    return record


def feed_with(name: str = "Flevoland", **changes: Any) -> dict[str, Any]:
    feed = make_feed(name).model_dump(mode="json")
    feed.update(changes)
    return feed


def module(**fields: Any) -> dict[str, Any]:
    return {
        "id": "nazorg",
        "title": "Nazorg",
        "summary": "Wat er na een huisverbod gebeurt.",
        "status": "vastgesteld",
        "region": "Flevoland",
        "bouwstenen": [{"id": "aanbod-in-kaart", "title": "Aanbod in kaart", "standards": [1]}],
        "url": "modules/nazorg/",
        "download": "downloads/modules/nazorg.yaml",
    } | fields


def offer(**fields: Any) -> dict[str, Any]:
    return {
        "id": "steungroep",
        "name": "Steungroep",
        "url": "aanbod/steungroep/",
        "effectiveness": "Onbekend",
        "national": False,
        "hsds_id": "10000000-0000-4000-8000-000000000001",
    } | fields


# --- a whole run -------------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    output: str  # stdout and stderr together
    site: Path

    def files(self) -> dict[str, str]:
        """Every page and data file of the overview by its path (not the theme's assets)."""
        return {
            str(path.relative_to(self.site)): path.read_text("utf-8")
            for path in sorted(self.site.rglob("*"))
            if path.suffix in (".html", ".json", ".csv", ".txt")
            and path.relative_to(self.site).parts[0] not in ("assets", "pagefind")
        }

    def page(self, path: str) -> str:
        return (self.site / path / "index.html").read_text("utf-8")

    def region_page(self, name: str) -> str:
        """The page of the region whose heading starts with name (as written in the HTML)."""
        pages = [p.read_text("utf-8") for p in sorted((self.site / "regio").glob("*/index.html"))]
        return next(page for page in pages if f"<h1>{name}" in page)


def federate(root: Path, *urls: str, title: str = "Landelijk overzicht") -> Run:
    """regiokaart federate over urls (addresses or absolute folders), as the CLI runs it."""
    config = root / "landelijk" / "FEDERATION.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"title: {json.dumps(title)}\nregions:\n"
        + "".join(f"  - url: {json.dumps(url)}\n" for url in urls),
        encoding="utf-8",
    )
    return federate_config(config, root / "landelijk" / "site")


def federate_config(config: Path, site: Path) -> Run:
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(["federate", str(config), "--site", str(site), "--engine", ENGINE])
    return Run(code, output.getvalue(), site)


# --- what a region writes is text ---------------------------------------------------------------

EVIL = (
    '<script>alert(1)</script>"><img src=x onerror=alert(2)>{{ 7*7 }}{% raw %}'
    '[x](javascript:alert(3)) <a href="javascript:alert(4)">a</a> &amp; &lt;b&gt; **vet** '
    "\n\n# Kop\n\n    code\n\n</div>\n\n[y](javascript:alert(5))"
)


def test_what_a_region_writes_is_shown_as_text_on_every_page(tmp_path: Path) -> None:
    feed = feed_with(
        region={"name": "Evil " + EVIL, "municipalities": [EVIL], "licence": EVIL},
        data_version=EVIL,
        modules=[
            module(
                title="T " + EVIL,
                summary=EVIL,
                status=EVIL,
                region="O " + EVIL,
                bouwstenen=[{"id": "b", "title": "B " + EVIL, "standards": [1]}],
            )
        ],
        offers=[offer(name="A " + EVIL, effectiveness=EVIL)],
    )
    organizations = [organization(1) | {"name": "Org " + EVIL}]
    services = [published(1, name="Aanbod " + EVIL)]
    region = write_region(
        tmp_path / "regio", "x", organizations=organizations, services=services, feed=feed
    )
    run = federate(tmp_path, str(region), title="Land <b>vet</b> {{ 1 }}")
    assert run.code == 0, run.output
    pages = {path: text for path, text in run.files().items() if path.endswith(".html")}
    assert len(pages) >= 9
    for path, text in pages.items():
        for markup in ("<script>alert", "<img src=x", '<a href="javascript', "<b>vet", "<h1>Kop"):
            assert markup not in text, (path, markup)
        assert not re.search(r"""href=["']?\s*javascript:""", text, re.IGNORECASE), path
    # Jinja does not read it either: the braces are there as written
    region_page = run.region_page("Evil &lt;script&gt;alert(1)&lt;/script&gt;")
    assert "{{ 7*7 }}{% raw %}" in region_page and "&amp;amp; &amp;lt;b&amp;gt;" in region_page
    assert "{{ 7*7 }}" in run.page("modules") and "{{ 7*7 }}" in run.page("aanbod")
    search = run.page("zoeken")
    (indexes,) = re.findall(r'id="rk-national-indexes">(.*?)</script>', search, re.DOTALL)
    assert "<" not in indexes and json.loads(indexes)[0]["name"].startswith("Evil <script>")
    assert "<title>Land &lt;b&gt;vet&lt;/b&gt; {{ 1 }}</title>" in run.page("")


@pytest.mark.parametrize(
    ("field", "value", "character"),
    [
        ("region.name", "Flevoland\x1b[2J\x1b[31m", "U+001B"),
        ("modules[0].summary", "Samenvatting \u202egnp.exe", "U+202E"),
        ("offers[0].name", "Steun\u200bgroep", "U+200B"),
    ],
)
def test_a_hidden_character_in_a_feed_refuses_it(
    tmp_path: Path, field: str, value: str, character: str
) -> None:
    """A region's own build refuses control and invisible characters in its data; a feed that
    has them was not made from checked data, and would turn a line of the run's output or a
    sentence on a page around."""
    feed = feed_with(modules=[module()], offers=[offer()])
    if field == "region.name":
        feed["region"]["name"] = value
    elif field.startswith("modules"):
        feed["modules"][0]["summary"] = value
    else:
        feed["offers"][0]["name"] = value
    region = write_region(tmp_path / "regio", "Flevoland", feed=feed)
    run = federate(tmp_path, str(region))
    assert run.code == 0, run.output
    assert "\x1b" not in run.output and "\u202e" not in run.output
    (problem,) = [line.strip() for line in run.output.splitlines() if line.startswith("  ")]
    assert problem.startswith(f"feed.json: {field}: ") and character in problem, problem
    assert f"{region}: niet bereikt: nog geen gegevens" in run.output


def test_regions_with_one_name_are_told_apart_everywhere(tmp_path: Path) -> None:
    """The region's name is the search filter's value, the radio's value and the provenance of
    its records: two regions with one name, or one named as the overview's own filter value
    ("Landelijk overzicht", which "alle regio's" leaves out), would be searched as one or not at
    all."""
    first = write_region(tmp_path / "a", "Dup", services=[published(2)])
    second = write_region(tmp_path / "b", "Dup", services=[published(3)])
    third = write_region(tmp_path / "c", NATIONAL_FILTER, services=[published(4)])
    fourth = write_region(tmp_path / "d", " dup ", services=[published(5)])
    run = federate(tmp_path, str(first), str(second), str(third), str(fourth))
    assert run.code == 0, run.output
    names = [
        json.loads(f'"{value}"')
        for value in re.findall(r'name="regio" value="([^"]+)"', run.page("zoeken"))
    ]
    assert len(names) == 4 and len({name.casefold() for name in names}) == 4, names
    assert NATIONAL_FILTER not in names and names[0] == "Dup"
    assert names[1] == f"Dup ({second})" and names[2] == f"{NATIONAL_FILTER} ({third})"
    lines = [line for line in run.output.splitlines() if line.endswith(": bijgewerkt")]
    assert [line.removesuffix(": bijgewerkt") for line in lines] == names
    services = json.loads(run.files()["open-data/hsds/json/services.json"])
    publishers = {entry["updated_by"] for s in services for entry in s["metadata"]}
    assert {f"regio Flevoland, gepubliceerd door regio {name}" for name in names} == publishers


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("https://a.example.nl/x/../y/", "https://a.example.nl/y"),
        ("https://A.EXAMPLE.NL:443/./y", "https://a.example.nl/y"),
        ("http://a.example.nl:80/y", "http://a.example.nl/y"),
        ("https://a.example.nl/%79/%7e%2Fz", "https://a.example.nl/y/~%2Fz"),
        ("https://a.example.nl/../../y", "https://a.example.nl/y"),
        ("https://a.example.nl:8443/y", "https://a.example.nl:8443/y"),
    ],
)
def test_one_portal_has_one_address(written: str, normalised: str) -> None:
    assert normalise_address(written) == normalised


def test_one_portal_under_two_addresses_is_said_in_the_federation_file(tmp_path: Path) -> None:
    text = """\
title: Landelijk
regions:
  - url: https://a.example.nl/y
  - url: https://A.example.nl:443/x/../y/
  - url: https://a.example.nl/%79
  - url: http://a.example.nl/y
"""
    fed, problems = load(tmp_path, text)
    assert fed is None
    same = "deze regio staat er al: regions[0].url (regel 3) heeft hetzelfde adres"
    assert problems == [f"4:10: regions[1].url: {same}", f"5:10: regions[2].url: {same}"]


# --- locations, redirects -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "%2e%2e/andere-regio/x.yaml",
        "downloads/%2E%2E/%2e%2e/x.yaml",
        "downloads/.%2e/.%2E/x.yaml",
        "downloads/%2e%2e%2f%2e%2e%2fx.yaml",
        "downloads%5c..%5c..%5cx.yaml",
        "..\\x.yaml",
        "downloads/../../x.yaml",
        "//evil.example/x.yaml",
        "https://evil.example/x.yaml",
        "javascript:alert(1)",
        "/etc/passwd",
        "downloads/x.yaml?y=1",
    ],
)
def test_a_location_that_leaves_the_site_is_no_feed(location: str) -> None:
    """Every location in a feed is a path inside the region's site: also when a server decodes
    it (%2e%2e is '..' to most of them, so on a shared host it reaches another region's site)."""
    for changed in (
        {"modules": [module(download=location)]},
        {"modules": [module(url=location)]},
        {"offers": [offer(url=location)]},
        {"hsds": make_feed("x").hsds.model_dump() | {"services": location}},
        {"search": {"pagefind": location}},
    ):
        with pytest.raises(ValidationError):
            Feed.model_validate(feed_with(**changed))


class Redirect(http.server.BaseHTTPRequestHandler):
    """Answers every request with a redirect to the server's target + the path asked for."""

    def do_GET(self) -> None:
        self.server.requested.append(self.path)  # type: ignore[attr-defined]
        self.send_response(302)
        self.send_header("Location", self.server.target + self.path)  # type: ignore[attr-defined]
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_a_redirect_out_of_the_site_is_not_followed(tmp_path: Path) -> None:
    """fetch follows redirects; a region's files come from its own site all the same (what the
    overview shows as the region's, and the origin its search index is fetched from)."""
    elsewhere = write_region(tmp_path / "elders", "Elders")
    with (
        serving(functools.partial(Recording, directory=str(elsewhere))) as (other, server),
        serving(Redirect) as (url, redirecting),
    ):
        redirecting.target = other.rstrip("/")
        (state,) = gather(federation(url), tmp_path / "store")
        assert server.requested == []
    assert state.status == "ontbreekt"
    (problem,) = state.problems
    assert problem.startswith(f"feed.json: de webserver verwijst door naar {other}feed.json"), (
        problem
    )
    assert "buiten de site van de regio" in problem


class Moved(Recording):
    """A site whose feed.json has moved to nieuw/feed.json in the same site."""

    def do_GET(self) -> None:
        if self.path == "/feed.json":
            self.server.requested.append(self.path)  # type: ignore[attr-defined]
            self.send_response(301)
            self.send_header("Location", "/nieuw/feed.json")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            super().do_GET()


def test_a_redirect_inside_the_site_is_followed(tmp_path: Path) -> None:
    site = write_region(tmp_path / "site", "Flevoland")
    (site / "nieuw").mkdir()
    (site / "feed.json").rename(site / "nieuw" / "feed.json")
    with serving(functools.partial(Moved, directory=str(site))) as (url, server):
        (state,) = gather(federation(url), tmp_path / "store")
    assert state.status == "ok", state.problems
    assert server.requested[:2] == ["/feed.json", "/nieuw/feed.json"]


# --- JSON that is no data -------------------------------------------------------------------------


def services_text(tmp_path: Path, name: str, text: str) -> Path:
    """A region whose services.json is text."""
    region = write_region(tmp_path / name, "Flevoland")
    (region / HSDS / "services.json").write_text(text, encoding="utf-8")
    return region


def test_json_an_overview_cannot_publish_refuses_the_region_and_not_the_run(
    tmp_path: Path,
) -> None:
    """NaN, Infinity and a number beyond a float are no JSON (the aggregate would publish them as
    such); records nested deeper than HSDS nests them would take the aggregate's recursion down."""
    one = json.dumps([published(1) | {"x": "HIER"}])
    regions = [
        services_text(tmp_path, "nan", one.replace('"HIER"', "NaN")),
        services_text(tmp_path, "oneindig", one.replace('"HIER"', "-Infinity")),
        services_text(tmp_path, "groot", one.replace('"HIER"', "1e400")),
        services_text(tmp_path, "diep", one.replace('"HIER"', "[" * 900 + "]" * 900)),
        services_text(tmp_path, "dieper", one.replace('"HIER"', '{"a": ' * 400 + "1" + "}" * 400)),
        services_text(tmp_path, "heel-diep", "[" * 100_000 + "]" * 100_000),
        services_text(
            tmp_path, "dubbel", one.replace('"x": "HIER"', '"status": "x", "status": "active"')
        ),
    ]
    run = federate(tmp_path, *map(str, regions))
    assert run.code == 0, run.output
    problems = problems_by_region(run.output)
    location = f"{HSDS}/services.json"
    assert problems[str(regions[0])] == [
        f"{location}: bevat NaN: geen getal dat JSON kent (alleen eindige getallen)"
    ]
    assert problems[str(regions[1])] == [
        f"{location}: bevat -Infinity: geen getal dat JSON kent (alleen eindige getallen)"
    ]
    assert problems[str(regions[2])] == [
        f"{location}: bevat 1e400: geen getal dat JSON kent (alleen eindige getallen)"
    ]
    for deep in regions[3:5]:
        assert problems[str(deep)] == [f"{location}: [0]: is te diep genest (hoogstens 32 niveaus)"]
    assert problems[str(regions[5])] == [f"{location}: is te diep genest"]
    # a key written twice: the last counts, as in every JSON reader
    assert problems["Flevoland"] == []


def problems_by_region(output: str) -> dict[str, list[str]]:
    """The run's output per region line ("<name>: <status>") with the problems under it."""
    found: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        region = re.fullmatch(r"(.+): (bijgewerkt|niet bereikt: .+)", line)
        if line.startswith("  ") and current is not None:
            found[current].append(line.strip())
        elif region and not line.startswith("Landelijk overzicht"):
            current = region[1]
            found[current] = []
    return found


class Endless(http.server.BaseHTTPRequestHandler):
    """A feed that never ends."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        with contextlib.suppress(OSError):
            while True:
                self.wfile.write(b" " * 65536)

    def log_message(self, *args: Any) -> None:
        pass


class Gzipped(http.server.BaseHTTPRequestHandler):
    """A valid region, every file packed with gzip (as GitHub and GitLab Pages send JSON)."""

    folder = Path()

    def do_GET(self) -> None:
        body = gzip.compress((self.folder / self.path.lstrip("/")).read_bytes())
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def silent_listener() -> Iterator[str]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"


def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/"


def test_servers_that_never_answer_never_end_or_send_gzip(tmp_path: Path) -> None:
    good = write_region(tmp_path / "goed", "Flevoland")
    Gzipped.folder = good
    nothing = closed_port()
    started = time.monotonic()
    with (
        silent_listener() as silent,
        serving(Endless) as (endless, _),
        serving(Gzipped) as (gzipped, _),
        served(good) as fine,
    ):
        states = gather(
            federation(silent, endless, gzipped, nothing, fine, deadline_seconds=3),
            tmp_path / "store",
        )
    assert time.monotonic() - started < 3 + 2 + 1  # the deadline and the grace, not more
    assert [s.status for s in states] == ["ontbreekt", "ontbreekt", "ok", "ontbreekt", "ok"]
    assert states[0].problems == [
        "feed.json: te traag: niet binnen de termijn van 3 seconden voor alle regio's samen gelezen"
    ]
    assert states[1].problems == ["feed.json: te groot: groter dan 5.000.000 bytes"]
    assert states[2].problems == [] and states[2].services == states[4].services  # unpacked
    assert states[3].problems == [
        "feed.json: webadres niet bereikbaar: de server weigert de verbinding"
    ]
    assert wait_for_no_threads()


def test_a_region_folder_that_is_no_site(tmp_path: Path) -> None:
    loop = tmp_path / "kring"
    loop.symlink_to(tmp_path / "kring2")
    (tmp_path / "kring2").symlink_to(loop)
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    a_folder = write_region(tmp_path / "map", "Map")
    (a_folder / HSDS / "services.json").unlink()
    (a_folder / HSDS / "services.json").mkdir()
    a_pipe = write_region(tmp_path / "fifo", "Fifo")
    device = write_region(tmp_path / "apparaat", "Apparaat")
    (device / "feed.json").unlink()
    (device / "feed.json").symlink_to("/dev/zero")
    with fifo_at(a_pipe / HSDS / "services.json"):
        states = gather(
            federation(str(loop), str(fifo), str(a_folder), str(a_pipe), str(device)),
            tmp_path / "store",
        )
    assert [s.problems for s in states] == [
        [
            "de map van de regio: is een symbolische koppeling die (via andere) naar zichzelf verwijst"
        ],
        [f"{fifo}: is geen map"],
        [f"{HSDS}/services.json: is een map, geen bestand"],
        [f"{HSDS}/services.json: is een pijp (FIFO), geen bestand"],
        ["feed.json: wijst buiten de map van de regio; wordt niet gelezen"],
    ]


# --- personal data ------------------------------------------------------------------------------

MAILBOX = "plegeraanpak@flevoland.example.nl"


def test_a_regions_function_mailbox_on_a_national_page_does_not_fail_the_run(
    tmp_path: Path,
) -> None:
    """The region names its function mailboxes in its feed, and its data may hold them; the check
    of the overview's own pages allows them as the region's check did."""
    feed = feed_with(
        region={"name": "Flevoland", "function_mailboxes": [MAILBOX]},
        modules=[module(summary=f"Vragen? Mail {MAILBOX}.")],
    )
    region = write_region(tmp_path / "regio", "Flevoland", feed=feed)
    run = federate(tmp_path, str(region))
    assert run.code == 0, run.output
    assert MAILBOX in run.page("modules")


PERSONAL = {
    "e-mail in a contact": (
        "organizations",
        [
            organization(1)
            | {
                "contacts": [
                    {
                        "id": "40000000-0000-4000-8000-000000000001",
                        "name": "J. Jansen",
                        "email": "j.jansen@regio.example.nl",
                    }
                ]
            }
        ],
        "j.jansen@regio.example.nl",
    ),
    "mobile number in a phone": (
        "services",
        [
            published(1)
            | {"phones": [{"id": "40000000-0000-4000-8000-000000000002", "number": "06-12345678"}]}
        ],
        "06-12345678",
    ),
    "in the nested organisation": (
        "services",
        [
            published(1)
            | {"organization": organization(1) | {"email": "p.de.vries@regio.example.nl"}}
        ],
        "p.de.vries@regio.example.nl",
    ),
    "quoted by the schema's message": (
        "services",
        [published(1) | {"status": "bel 06-87654321"}],
        "87654321",
    ),
    "as a key": ("services", [published(1) | {"x": {"06-11223344": "ja"}}], "11223344"),
    "in full-width digits": (
        "services",
        [published(1) | {"description": "０６－２２３３４４５５"}],
        "２２３３",
    ),
    "with (at)": (
        "services",
        [published(1) | {"description": "k.bakker(at)regio.example.nl"}],
        "k.bakker",
    ),
}


@pytest.mark.parametrize("case", PERSONAL)
def test_personal_data_keeps_the_region_out_and_is_shown_nowhere(tmp_path: Path, case: str) -> None:
    """The run refuses the region's data and says where, without repeating the personal data: not
    on the region's page (which would fail the run's check of its own pages), not in the output
    (a CI log is often public)."""
    table, records, personal = PERSONAL[case]
    kwargs = {table: records}
    region = write_region(tmp_path / "regio", "Flevoland", **kwargs)  # type: ignore[arg-type]
    run = federate(tmp_path, str(region))
    assert run.code == 0, run.output
    assert f"{region}: niet bereikt: nog geen gegevens" in run.output
    (problem,) = problems_by_region(run.output)[str(region)]
    assert problem.startswith(f"{table}.json: [0]") or problem.startswith(
        f"{HSDS}/{table}.json: [0]"
    ), problem
    assert personal not in run.output
    for path, text in run.files().items():
        assert personal not in text, path
    assert "persoonsgegevens" in problem or "mobiel" in problem or "e-mailadres" in problem


# --- the store of last good copies -----------------------------------------------------------------


def test_a_store_that_cannot_be_written_keeps_the_previous_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    (first,) = gather(federation(str(region)), store)
    kept = (store / first.key / "services.json").read_bytes()

    def refuse(*args: Any, **kwargs: Any) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied")

    write_region(region, "Flevoland", services=[service(7)])
    with monkeypatch.context() as patch:
        patch.setattr(last_good, "make_new_folder", refuse)
        (second,) = gather(federation(str(region)), store, SECOND_RUN)
    assert second.status == "ok" and second.problems[0].startswith(
        "de laatst goede kopie is niet bewaard: kan geen map maken in "
    )
    assert (store / first.key / "services.json").read_bytes() == kept
    # the store is a file: the region is read all the same
    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    (third,) = gather(federation(str(region)), tmp_path / "bestand", SECOND_RUN)
    assert third.status == "ok"
    assert third.problems == [
        f"de laatst goede kopie is niet bewaard: kan de map niet maken: {tmp_path / 'bestand'} "
        "is een bestand"
    ]


def test_a_copy_made_a_link_out_of_the_store_is_not_read(tmp_path: Path) -> None:
    region = write_region(tmp_path / "regio", "Flevoland")
    store = tmp_path / "store"
    (first,) = gather(federation(str(region)), store)
    os.rename(region, tmp_path / "weg")
    kept = store / first.key / "services.json"
    kept.unlink()
    kept.symlink_to("/etc/passwd")
    (state,) = gather(federation(str(region)), store, SECOND_RUN)
    assert state.status == "ontbreekt"
    assert state.problems[1] == (
        "de laatst goede kopie is beschadigd en niet gebruikt: services.json: is een symbolische "
        "koppeling, geen bestand"
    )
    os.unlink(kept)
    kept.parent.rename(tmp_path / "oud")
    (store / first.key).symlink_to(tmp_path / "oud")
    (state,) = gather(federation(str(region)), store, SECOND_RUN)
    assert state.problems[1].endswith(f"{store / first.key} is geen map")
    assert (tmp_path / "oud" / "feed.json").is_file()  # never removed through the link


# --- FEDERATION.yaml and --site ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "reason"),
    [
        ("landelijk", "is de projectmap of een map daarboven"),
        ("landelijk/FEDERATION.yaml", "is een bestand, geen map"),
        ("regio's/utrecht", "is de map van een regio"),
        ("regio's", "bevat de map van een regio"),
        ("regio's/utrecht/landelijk", "ligt in de map van een regio"),
        ("landelijk/site.laatst-goed", "is een map met laatst goede kopieën"),
        ("landelijk/site.laatst-goed/x", "ligt in een map met laatst goede kopieën"),
    ],
)
def test_the_site_is_never_a_regions_folder_or_a_store(
    tmp_path: Path, site: str, reason: str
) -> None:
    region = write_region(tmp_path / "regio's" / "utrecht", "Utrecht")
    config = tmp_path / "landelijk" / "FEDERATION.yaml"
    config.parent.mkdir()
    config.write_text(f"title: T\nregions:\n  - url: {region}\n", encoding="utf-8")
    run = federate_config(config, tmp_path / site)
    assert run.code == 1
    assert f"--site: {reason}" in run.output, run.output
    assert (region / "feed.json").is_file() and not (region / "index.html").exists()


# --- what a feed says ---------------------------------------------------------------------------------


def test_a_feed_built_in_the_future_is_said_so(tmp_path: Path) -> None:
    region = write_region(
        tmp_path / "regio", "Flevoland", feed=feed_with(built="2099-01-01T00:00:00Z")
    )
    run = federate(tmp_path, str(region))
    assert run.code == 0, run.output
    page = run.region_page("Flevoland")
    assert "dagen geleden" not in page
    assert "1 januari 2099 (in de toekomst: klopt de klok van de regio?)" in page


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"offers": -5}, "counts.offers: waarde -5 moet minstens 0 zijn"),
        ({f"k{n}": 0 for n in range(101)}, "counts: "),
    ],
)
def test_counts_are_counts(tmp_path: Path, counts: dict[str, int], message: str) -> None:
    region = write_region(tmp_path / "regio", "Flevoland", feed=feed_with(counts=counts))
    (state,) = gather(federation(str(region)), tmp_path / "store")
    assert state.status == "ontbreekt"
    assert state.problems[0].startswith(f"feed.json: {message}"), state.problems


@pytest.mark.parametrize(
    ("field", "items"),
    [
        ("changes", [{"date": "2026-01-01", "data_version": "v"}] * 101),
        ("tombstones", [{"id": "offer:x", "removed": "2026-01-01"}] * 10_001),
    ],
)
def test_the_change_log_is_capped(field: str, items: list[dict[str, str]]) -> None:
    feed = feed_with()
    feed[field] = items
    with pytest.raises(ValidationError, match=field):
        Feed.model_validate(feed)


def test_more_records_than_a_file_may_hold_are_not_checked_one_by_one(tmp_path: Path) -> None:
    region = services_text(tmp_path, "veel", json.dumps([{}] * 20_001))
    started = time.monotonic()
    (state,) = gather(federation(str(region)), tmp_path / "store")
    assert time.monotonic() - started < 5
    assert state.problems == [f"{HSDS}/services.json: bevat 20.001 records; hoogstens 20.000"]


def test_a_federation_file_says_what_is_wrong_with_its_values(tmp_path: Path) -> None:
    region = "  - url: https://a.example.nl\n"
    assert load(tmp_path, f'title: T\nregions:\n{region}deadline_seconds: "60"\n')[1] == [
        "4:19: deadline_seconds: verwacht een geheel getal, gevonden '60'"
    ]
    assert load(tmp_path, f"title: T\nregions:\n{region}deadline_seconds: 601\n")[1] == [
        "4:19: deadline_seconds: waarde 601 moet hoogstens 600 zijn"
    ]
    assert load(tmp_path, "title: T\nregions:\n\t- url: https://a.example.nl\n")[1] == [
        "3:1: YAML-fout: teken dat hier niet mag (een tab? gebruik spaties)"
    ]
    fed, problems = load(tmp_path, f"\ufefftitle: <b>T</b>\nregions:\n{region}")
    assert problems == [] and fed is not None and fed.title == "<b>T</b>"


def test_a_feed_full_of_records_is_read_in_bounded_time(tmp_path: Path) -> None:
    """records: a digest per record; 5 MB of them (some 200,000) are read and checked quickly."""
    feed = feed_with(records={f"offer:o{n}": f"{n:064x}" for n in range(59_000)})
    region = write_region(tmp_path / "regio", "Flevoland", feed=feed)
    assert (region / "feed.json").stat().st_size < 5_000_000
    started = time.monotonic()
    (state,) = gather(federation(str(region)), tmp_path / "store")
    assert state.status == "ok", state.problems
    assert time.monotonic() - started < 10


# --- the aggregate's size -------------------------------------------------------------------------


def nesting(depth: int) -> list[dict[str, Any]]:
    """Services each holding the next twice: as records nest (by id) they double at every step."""
    services = []
    for number in range(depth, 0, -1):
        record = published(number)
        record["x"] = [{"id": service(number + 1)["id"]}] * 2
        services.append(record)
    return services


def test_records_that_nest_each_other_do_not_make_the_aggregate_explode() -> None:
    region = RegionHsds(
        "Flevoland", "flevoland", "https://f.example.nl/", [organization(1)], nesting(16)
    )
    other = RegionHsds(
        "Utrecht", "utrecht", "https://u.example.nl/", [organization(1)], [published(99)]
    )
    started = time.monotonic()
    result = aggregate([region, other])
    assert time.monotonic() - started < 5
    written = len(json.dumps(region.services))
    assert len(json.dumps(list(result.services))) < 4 * written + 1_000_000
    assert len(result.services) == 17
    assert result.problems == [
        "regio Flevoland: haar records nesten elkaar zo vaak dat ze samen te groot worden; "
        "overgenomen zoals de regio ze publiceert"
    ]


# --- what the pages may reach --------------------------------------------------------------------------


def test_the_overview_reaches_only_its_regions_and_links_only_into_them(tmp_path: Path) -> None:
    """connect-src: exactly the regions' http(s) origins (one that is not reached too, as the
    browser may reach it); a region on disk has no address to link to on a published page."""
    served_region = write_region(tmp_path / "web", "Flevoland")
    folder_region = write_region(tmp_path / "map", "Utrecht", services=[published(3)])
    nothing = closed_port()
    with served(served_region) as url:
        run = federate(
            tmp_path, url.upper().replace("HTTP://", "http://"), str(folder_region), nothing
        )
    assert run.code == 0, run.output
    for path, text in run.files().items():
        if not path.endswith(".html"):
            continue
        (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
        (connect,) = [d for d in policy.split("; ") if d.startswith("connect-src")]
        assert connect == f"connect-src 'self' {url.rstrip('/')} {nothing.rstrip('/')}", path
        assert "file:" not in " ".join(re.findall(r'href="([^"]*)"', text)), path
        for target in re.findall(r'href="(https?://[^"]*)"', text):
            assert target.startswith((url, nothing, "https://openreferral.org/")), (path, target)


def test_a_long_chain_of_nested_records_is_no_recursion_too_deep() -> None:
    services = []
    for number in range(3000, 0, -1):
        record = published(number)
        record["x"] = {"id": service(number + 1)["id"]}
        services.append(record)
    region = RegionHsds("Flevoland", "f", "https://f.example.nl/", [organization(1)], services)
    result = aggregate([region])
    assert len(result.services) == 3000


def test_one_large_record_nested_in_every_service_is_not_copied_into_each() -> None:
    """An organisation of a megabyte whose services each hold only its name: assembled whole, the
    aggregate would hold the megabyte once per service."""
    large = organization(1) | {"description": "x" * 1_000_000}
    services = [published(n) for n in range(1, 201)]
    for record in services:
        record["organization"] = organization(1)
    region = RegionHsds("Flevoland", "f", "https://f.example.nl/", [large], services)
    result = aggregate([region])
    assert len(json.dumps(list(result.services))) < 4 * len(json.dumps(services)) + 2_000_000
    assert result.problems[0].startswith("regio Flevoland: haar records nesten elkaar zo vaak")


def test_a_chain_of_references_that_differs_at_its_end_is_re_keyed_in_bounded_time() -> None:
    """Two regions with the same 5,000 records, each naming the next by its id, different only in
    the last: every record is re-keyed, link by link; comparing all records again for each link
    took a quarter of an hour for 20,000."""

    def region(key: str, last: str) -> RegionHsds:
        services = [published(n) | {"ref": service(n + 1)["id"]} for n in range(1, 5001)]
        services[-1]["description"] = last
        return RegionHsds(key, key, f"https://{key}.example.nl/", [organization(1)], services)

    started = time.monotonic()
    result = aggregate([region("a", "x"), region("b", "y")])
    assert time.monotonic() - started < 10
    assert len(result.services) == 10_000
