"""Gathering the regions of a federation: each region's feed.json and the HSDS files it names,
read and validated, with the last good copy to fall back on.

Two stages. First every region is read at once, each in a thread of its own, all within one
deadline (Federation.deadline_seconds) and each within its own cap on bytes (max_region_bytes over
all its files): its feed is validated there already, as it names the files to read next. Then the
HSDS records are validated against the official schemas one region after the other; that is work
for the processor, bounded by MAX_RECORDS per file, which threads would not share anyway.

A region that cannot be read or is not valid never stops the run: it is shown from its last good
copy ("verouderd") or not at all ("ontbreekt"), and its state says why.
"""

import contextlib
import errno
import hashlib
import json
import math
import re
import stat
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema import ValidationError as SchemaError
from pydantic import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from regiokaart import resources
from regiokaart.dataset.load import describe_error
from regiokaart.federation import last_good
from regiokaart.federation.config import Federation, is_web_address
from regiokaart.models.feed import FEED_FILE, MAX_FEED_BYTES, Feed
from regiokaart.models.privacy import Finding, find_personal_data
from regiokaart.problems import describe_os_error, format_path, visible
from regiokaart.resources import version
from regiokaart.site import second_core
from regiokaart.source.fetch import FetchFailed, fetch, too_big
from regiokaart.source.positions import read_regular_file

Status = Literal["ok", "verouderd", "ontbreekt"]

# Far above a region's files (a region of 500 offers has as many services), low enough that
# validating one file takes some 30 seconds at most (about 1.3 ms a service).
MAX_RECORDS = 20_000
# Objects and lists in one record, one in the other: HSDS nests some ten deep (a service's
# location's address's attribute's taxonomy term's metadata), and every step of the checks and
# the aggregate that follow goes one level deeper in Python's stack.
MAX_NESTING = 32
MAX_PROBLEMS_SHOWN = 10  # per file; one more line says how many more there are
# After the deadline: time for a region's last read to end once its connections are shut.
GRACE_SECONDS = 2.0
KEY_SLUG_CHARS = 40


@dataclass(frozen=True)
class RegionState:
    """One region as the national overview uses it this run."""

    url: str  # as configured, normalised
    key: str  # stable and safe as a folder name
    name: str  # the region's name in its feed; its address when there is no feed
    status: Status
    feed: Feed | None
    organizations: list[dict[str, Any]]
    services: list[dict[str, Any]]
    base_url: str  # what the feed's locations resolve against; file:// for a folder
    fetched: datetime | None  # when the data in use was fetched
    problems: list[str]  # in Dutch: why this run could not use fresh data


def region_key(url: str) -> str:
    """A stable key for a region's address, safe as a folder name: a slug of its host and path
    with a short hash of the whole address (two addresses never share one by their slug)."""
    parts = urlsplit(url) if is_web_address(url) else None
    readable = f"{parts.netloc}{parts.path}" if parts else url
    slug = re.sub(r"[^a-z0-9]+", "-", readable.lower()).strip("-")[-KEY_SLUG_CHARS:].strip("-")
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def base_address(url: str) -> str:
    """The address a region's feed and the locations in it resolve against: its root, ending in /."""
    root = url if is_web_address(url) else Path(url).absolute().as_uri()
    return root.rstrip("/") + "/"


def resolve_location(base_url: str, location: str) -> str | None:
    """The address of location in the site at base_url; None when it leads out of the site:
    to another origin (scheme, host and port), or above the site's root."""
    target = urljoin(base_url, location)
    try:
        base, found = urlsplit(base_url), urlsplit(target)
        same_origin = (base.scheme, base.hostname, base.port) == (
            found.scheme,
            found.hostname,
            found.port,
        )
    except ValueError:  # a port that is no number
        return None
    if not same_origin or not found.path.startswith(base.path) or found.query or found.fragment:
        return None
    return target


def gather_regions(federation: Federation, store: Path, *, now: datetime) -> list[RegionState]:
    """Every region of the federation, in its order: fresh when it could be read and is valid (its
    copy in store is then renewed, as fetched now), else from its last good copy in store."""
    deadline = time.monotonic() + federation.deadline_seconds
    readings = [
        _Reading(region.url, deadline, federation.deadline_seconds, federation.max_region_bytes)
        for region in federation.regions
    ]
    threads = [
        threading.Thread(target=reading.run, name="regiokaart-federate", daemon=True)
        for reading in readings
    ]
    for thread in threads:
        thread.start()
    for thread, reading in zip(threads, readings, strict=True):
        thread.join(timeout=max(0.0, deadline + GRACE_SECONDS - time.monotonic()))
        reading.finish()
    verdicts = _verdicts(readings, store)
    return [
        _settle(reading, store, now, federation.max_region_bytes, verdicts.get(id(reading)))
        for reading in readings
    ]


def _verdicts(readings: list["_Reading"], store: Path) -> dict[int, list[str]]:
    """id(reading) -> the problems of what it read (none: valid), for each reading with data:
    none at once for bytes checked before (last_good.checked_before); the others checked half
    here and half on the second core (site/second_core.py), the most costly step of a run (one
    alone here)."""
    unchecked: list[_Reading] = []
    verdicts: dict[int, list[str]] = {}
    for reading in readings:
        if reading.files is None:
            continue
        key = region_key(reading.url)
        if last_good.checked_before(store, key, reading.url, reading.files.raw, version()):
            verdicts[id(reading)] = []
        else:
            unchecked.append(reading)
    half = len(unchecked) // 2
    there = unchecked[half:]
    if half == 0:  # one region or none: a second process would only cost its memory
        found = [_problems_of(reading) for reading in unchecked]
    else:
        with second_core.beside(lambda: [_problems_of(reading) for reading in there]) as other:
            here = [_problems_of(reading) for reading in unchecked[:half]]
            found = here + other()
    verdicts.update(
        (id(reading), problems) for reading, problems in zip(unchecked, found, strict=True)
    )
    return verdicts


def _problems_of(reading: "_Reading") -> list[str]:
    """What keeps the data a reading brought in from being used; none when it is valid."""
    assert reading.files is not None
    try:
        _valid_data(reading.files.feed, reading.files.raw)
    except _Invalid as invalid:
        return invalid.problems
    return []


# --- reading (in a thread per region) -------------------------------------------------------


class _Refused(Exception):
    """A file of the region could not be used; the message says why, in Dutch."""


@dataclass(frozen=True)
class _Files:
    """What reading a region brought in: its feed and the bytes of its three files."""

    feed: Feed
    raw: dict[str, bytes]  # by last_good's file names


class _Reading:
    """One region's reading in its own thread, within the shared deadline and its cap on bytes.
    The caller takes the outcome only after finish(): a reading still busy then is too slow."""

    def __init__(self, url: str, deadline: float, seconds: int, max_bytes: int) -> None:
        self.url, self.deadline, self.seconds = url, deadline, seconds
        self.base_url = base_address(url)
        self.max_bytes = max_bytes
        self.remaining = max_bytes
        self.files: _Files | None = None
        self.problems: list[str] = []
        self._lock = threading.Lock()
        self._finished = False

    def run(self) -> None:
        try:
            files, problems = self._read(), []
        except _Refused as refused:
            files, problems = None, [str(refused)]
        except _Invalid as invalid:
            files, problems = None, invalid.problems
        except Exception as error:  # a fault of regiokaart's own: said for this region, not hidden
            fault = f"{type(error).__name__}: {error}"[:200]
            files, problems = (
                None,
                [f"kon niet gelezen worden door een fout in regiokaart ({fault})"],
            )
        with self._lock:
            if not self._finished:
                self.files, self.problems = files, problems
                self._finished = True

    def finish(self) -> None:
        """Stop waiting: a reading that has not ended by now is too slow."""
        with self._lock:
            if not self._finished:
                self._finished = True
                self.problems = [self._too_slow("de regio")]

    def _read(self) -> _Files:
        raw = self._get(FEED_FILE, MAX_FEED_BYTES)
        feed = parse_feed(raw)
        return _Files(
            feed,
            {
                last_good.FEED: raw,
                last_good.ORGANIZATIONS: self._get(feed.hsds.organizations, self.max_bytes),
                last_good.SERVICES: self._get(feed.hsds.services, self.max_bytes),
            },
        )

    def _get(self, location: str, limit: int) -> bytes:
        """The bytes of location in the region's site, within the deadline, at most limit and
        what is left of the region's cap."""
        address = resolve_location(self.base_url, location)
        if address is None:
            raise _Refused(f"{location}: ligt buiten de site van de regio; wordt niet gelezen")
        allowed = min(limit, self.remaining)
        capped = allowed < limit
        if is_web_address(self.url):
            raw = self._download(location, address, allowed)
        else:
            raw = self._read_file(location, address, allowed)
        if raw is None:
            cap = f"{self.max_bytes:,}".replace(",", ".")
            reason = "te groot" + (
                f": de regio gaat over de grens van {cap} bytes voor al haar bestanden samen"
                if capped
                else f": groter dan {limit:,} bytes".replace(",", ".")
            )
            raise _Refused(f"{location}: {reason}")
        self.remaining -= len(raw)
        return raw

    def _download(self, location: str, address: str, allowed: int) -> bytes | None:
        seconds = self.deadline - time.monotonic()
        if seconds <= 0:
            raise _Refused(self._too_slow(location))
        try:
            raw = fetch(
                address,
                max_bytes=allowed,
                seconds=seconds,
                user_agent=_user_agent(),
                redirect_refused=self._redirect_refused,
            )
        except FetchFailed as failure:
            if time.monotonic() >= self.deadline:
                raise _Refused(self._too_slow(location)) from None
            if failure.message == too_big(allowed):
                return None
            raise _Refused(f"{location}: {failure.message}") from None
        return raw

    def _redirect_refused(self, address: str) -> str | None:
        """A redirect is followed only inside the region's site, as a location in its feed is."""
        if resolve_location(self.base_url, address) is None:
            return "dat ligt buiten de site van de regio en wordt niet gevolgd"
        return None

    def _read_file(self, location: str, address: str, allowed: int) -> bytes | None:
        folder = Path(url2pathname(urlsplit(self.base_url).path))
        path = Path(url2pathname(urlsplit(address).path))
        try:
            real_folder = folder.resolve(strict=True)
        except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links before 3.13
            raise _Refused(f"de map van de regio: {_unreadable(error)}") from None
        try:
            real = path.resolve()
        except (OSError, RuntimeError, ValueError) as error:  # ValueError: a NUL in the name
            raise _Refused(f"{location}: {_unreadable(error)}") from None
        if not real_folder.is_dir():
            raise _Refused(f"{folder}: is geen map")
        if not real.is_relative_to(real_folder):
            raise _Refused(f"{location}: wijst buiten de map van de regio; wordt niet gelezen")
        with contextlib.suppress(OSError):  # reading says why it cannot
            info = real.stat()
            if stat.S_ISREG(info.st_mode) and info.st_size > allowed:
                return None
        raw, problem = read_regular_file(real, location, allowed, "bestand", follow_link=False)
        if raw is None:
            raise _Refused(f"{location}: {problem.message if problem else 'onleesbaar'}")
        return raw

    def _too_slow(self, what: str) -> str:
        return (
            f"{what}: te traag: niet binnen de termijn van {self.seconds} seconden "
            "voor alle regio's samen gelezen"
        )


def _unreadable(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return "bestaat niet"
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == errno.ELOOP:
        return "is een symbolische koppeling die (via andere) naar zichzelf verwijst"
    if isinstance(error, OSError):
        return f"kan niet gelezen worden: {describe_os_error(error)}"
    return "kan niet gelezen worden"


@cache
def _user_agent() -> str:
    return f"regiokaart/{resources.version()}"


# --- validating ------------------------------------------------------------------------------


class _Invalid(Exception):
    """A region's file is not valid; problems says why, in Dutch, a line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_feed(raw: bytes) -> Feed:
    """The feed in raw; raises _Invalid with its problems, each naming the field."""
    try:
        return Feed.model_validate_json(raw)
    except ValidationError as error:
        problems = _feed_problems(error.errors())
    except RecursionError:
        problems = ["is te diep genest"]
    raise _Invalid(_shown([f"{FEED_FILE}: {problem}" for problem in problems], FEED_FILE))


# Parts of pydantic's error locations that name no field: the branches of a union
# ("function-after[…]", "str") and a dict's keys ("[key]").
_NOT_A_FIELD = {"str", "int", "bool", "date", "datetime", "none", "list", "dict"}


def _feed_problems(errors: list[Any]) -> list[str]:
    found: dict[str, None] = {}
    for error in errors:
        if error["type"] == "none_required":
            continue  # the "or nothing" of an optional field; its other branch says what is wrong
        if error["type"] == "json_invalid":
            where = re.search(r"line (\d+) column (\d+)", str(error.get("ctx", {}).get("error")))
            at = f" (regel {where[1]}, kolom {where[2]})" if where else ""
            found[f"is geen geldige JSON{at}"] = None
            continue
        path = tuple(
            part
            for part in error["loc"]
            if not (isinstance(part, str) and ("[" in part or part in _NOT_A_FIELD))
        )
        if error["type"] == "missing":
            message = "verplicht veld ontbreekt"
        else:
            text, hint = describe_error(error)
            message = f"{text} ({hint})" if hint else text
        found[f"{format_path(path)}: {message}" if path else message] = None
    return list(found)


def _shown(problems: list[str], name: str) -> list[str]:
    """At most MAX_PROBLEMS_SHOWN problems, and a line with how many more."""
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        return problems
    more = len(problems) - MAX_PROBLEMS_SHOWN
    return [*problems[:MAX_PROBLEMS_SHOWN], f"{name}: en nog {more} andere problemen"]


# Never fetched: a registry without retrieve reads nothing, each $ref resolves among the shipped files.
_SCHEMA_BASE = "https://hsds.invalid/schema/"
_TABLES = {last_good.ORGANIZATIONS: "organization", last_good.SERVICES: "service"}


@cache
def _validator(table: str) -> Draft202012Validator:
    """A validator of one HSDS table's official schema, its $refs resolved from the shipped files.
    Of the formats, those jsonschema checks with nothing else installed (uuid, email), so the
    outcome does not depend on what else happens to be installed."""
    resources_ = [
        (
            _SCHEMA_BASE + path.name,
            Resource.from_contents(
                json.loads(path.read_text("utf-8")), default_specification=DRAFT202012
            ),
        )
        for path in sorted(resources.HSDS_SCHEMA_DIR.glob("*.json"))
    ]
    registry: Registry[Any] = Registry().with_resources(resources_)
    return Draft202012Validator(
        {"$ref": _SCHEMA_BASE + f"{table}.json"},
        registry=registry,
        format_checker=FormatChecker(formats=("uuid", "email")),
    )


def parse_hsds(
    raw: bytes, name: str, location: str, *, checked: bool = False
) -> list[dict[str, Any]]:
    """The records of the HSDS file name (organizations.json or services.json) in raw, each valid
    against its official schema; raises _Invalid with the problems (location names the file).
    checked: these very bytes passed this check before (last_good.checked_before), so only their
    JSON is read."""
    try:
        records = json.loads(raw.decode("utf-8"), parse_constant=_no_number, parse_float=_finite)
    except UnicodeDecodeError:
        raise _Invalid([f"{location}: is geen UTF-8"]) from None
    except _NoNumber as error:
        number = f"{error}"[:20]
        message = f"bevat {number}: geen getal dat JSON kent (alleen eindige getallen)"
        raise _Invalid([f"{location}: {message}"]) from None
    except ValueError as error:
        at = ""
        if isinstance(error, json.JSONDecodeError):
            at = f" (regel {error.lineno}, kolom {error.colno})"
        raise _Invalid([f"{location}: is geen geldige JSON{at}"]) from None
    except RecursionError:
        raise _Invalid([f"{location}: is te diep genest"]) from None
    if not isinstance(records, list):
        raise _Invalid([f"{location}: verwacht een lijst (JSON-array) van records"])
    if len(records) > MAX_RECORDS:
        count, most = f"{len(records):,}", f"{MAX_RECORDS:,}"
        raise _Invalid([f"{location}: bevat {count} records; hoogstens {most}".replace(",", ".")])
    if checked:
        return records
    check = _validator(_TABLES[name])
    problems: dict[str, None] = {}  # in order, once: each missing field is an error of its own
    # The taxonomy terms that attributes embed are the same in many records (4 kB in every
    # service): each distinct term is checked once, against the schema the attribute refers to.
    terms: dict[str, tuple[tuple[Any, ...], Any]] = {}
    for index, record in enumerate(records):
        if _nesting(record) > MAX_NESTING:
            problems[
                f"{location}: [{index}]: is te diep genest (hoogstens {MAX_NESTING} niveaus)"
            ] = None
            continue
        try:
            errors = list(check.iter_errors(_without_terms(record, (index,), terms)))
        except RecursionError:
            problems[f"{location}: [{index}]: is te diep genest"] = None
            continue
        _add_schema_problems(problems, location, (index,), errors)
    term_check = _validator("taxonomy_term")
    for path, term in terms.values():
        _add_schema_problems(problems, location, path, list(term_check.iter_errors(term)))
    if problems:
        raise _Invalid(_shown(list(problems), location))
    return records


def _add_schema_problems(
    problems: dict[str, None], location: str, at: tuple[Any, ...], errors: list[SchemaError]
) -> None:
    for wrong in errors:
        where = format_path((*at, *wrong.absolute_path))
        for message in _schema_messages(wrong):
            problems[f"{location}: {where}: {message}"] = None


def _without_terms(
    value: Any, path: tuple[Any, ...], terms: dict[str, tuple[tuple[Any, ...], Any]]
) -> Any:
    """value with the taxonomy_term of each attribute (an object in a list under "attributes")
    taken out, and each distinct one put in terms (its JSON -> where first seen, the term)."""
    if isinstance(value, dict):
        lean = {}
        for key, item in value.items():
            if key == "attributes" and isinstance(item, list):
                lean[key] = [
                    _attribute_without_term(attribute, (*path, key, number), terms)
                    for number, attribute in enumerate(item)
                ]
            else:
                lean[key] = _without_terms(item, (*path, key), terms)
        return lean
    if isinstance(value, list):
        return [_without_terms(item, (*path, number), terms) for number, item in enumerate(value)]
    return value


def _attribute_without_term(
    attribute: Any, path: tuple[Any, ...], terms: dict[str, tuple[tuple[Any, ...], Any]]
) -> Any:
    if not (isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict)):
        return _without_terms(attribute, path, terms)
    term = attribute["taxonomy_term"]
    terms.setdefault(
        json.dumps(term, sort_keys=True, ensure_ascii=False), ((*path, "taxonomy_term"), term)
    )
    rest = {key: item for key, item in attribute.items() if key != "taxonomy_term"}
    return _without_terms(rest, path, terms)


class _NoNumber(ValueError):
    """A number JSON does not know (NaN, Infinity, or beyond a float); its text is the message."""


def _no_number(text: str) -> Any:
    raise _NoNumber(text)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _NoNumber(text)
    return number


def _nesting(value: Any) -> int:
    """How deep objects and lists nest in value (1 for an object of texts); without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            stack += [(child, depth + 1) for child in item if isinstance(child, dict | list)]
    return deepest


_TYPES = {
    "object": "een object",
    "array": "een lijst",
    "string": "tekst",
    "number": "een getal",
    "integer": "een geheel getal",
    "boolean": "true of false",
    "null": "null",
}


def _schema_messages(error: SchemaError) -> list[str]:
    """A JSON Schema error of an HSDS record in Dutch. jsonschema gives an error for each missing
    field without saying which it is; each of them says all."""
    if error.validator == "required" and isinstance(error.instance, dict):
        fields = [name for name in error.validator_value if name not in error.instance]
        return [f"verplicht veld '{name}' ontbreekt" for name in fields]
    return [_schema_message(error)]


def _schema_message(error: SchemaError) -> str:
    shown = _short(error.instance)
    if error.validator == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " of ".join(_TYPES.get(name, name) for name in names)
        return f"verwacht {wanted}, gevonden {shown}"
    if error.validator == "format":
        return f"geen geldige {error.validator_value}: {shown}"
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return f"ongeldige waarde {shown} (toegestaan: {allowed})"
    return f"ongeldige waarde {shown} (regel '{error.validator}' van het HSDS-schema)"


def _short(value: Any) -> str:
    if isinstance(value, dict | list):
        return "een object" if isinstance(value, dict) else "een lijst"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


# --- the outcome ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Data:
    feed: Feed
    organizations: list[dict[str, Any]]
    services: list[dict[str, Any]]


def _valid_data(feed: Feed, raw: dict[str, bytes], *, checked: bool = False) -> _Data:
    """A region's data from its files' bytes (fresh or a copy), its HSDS records checked, and
    all of it free of personal data; raises _Invalid. checked: the bytes are those this version
    of regiokaart checked before (last_good.checked_before): read, not checked again, so a run
    costs what changed, not what a region holds."""
    data = _Data(
        feed,
        parse_hsds(
            raw[last_good.ORGANIZATIONS],
            last_good.ORGANIZATIONS,
            feed.hsds.organizations,
            checked=checked,
        ),
        parse_hsds(
            raw[last_good.SERVICES], last_good.SERVICES, feed.hsds.services, checked=checked
        ),
    )
    if checked:
        return data
    problems = personal_data_problems(
        feed.region.function_mailboxes,
        (
            (last_good.FEED, feed.model_dump(mode="json")),
            (last_good.ORGANIZATIONS, data.organizations),
            (last_good.SERVICES, data.services),
        ),
    )
    if problems:
        raise _Invalid(problems)
    return data


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a JSON value, keys too (they are published as well), with where it is
    ([3].description; a key: [3] (een sleutel))."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path} (een sleutel)" if path else "(een sleutel)", key
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def personal_data_problems(mailboxes: Sequence[str], files: Iterable[tuple[str, Any]]) -> list[str]:
    """A problem for each mobile number or personal e-mail address in a region's files (at most
    MAX_PROBLEMS_SHOWN per file): the overview publishes what the region sends, so it checks it as the
    region's own build checks its pages (models/privacy.py). A problem does not repeat what it
    found: the region's page shows it."""
    problems: list[str] = []
    verdicts: dict[str, list[Finding]] = {}  # a text is read once, however often it recurs
    for name, value in files:
        found = []
        for where, text in _texts(value):
            if text not in verdicts:
                verdicts[text] = find_personal_data(text, mailboxes)
            found += [f"{name}: {where}: {finding.withheld}" for finding in verdicts[text]]
        problems += _shown(found, name)
    return problems


def _settle(
    reading: _Reading, store: Path, now: datetime, max_bytes: int, verdict: list[str] | None
) -> RegionState:
    """The region's state: fresh and valid (its copy renewed), or from its last good copy.
    verdict: the problems of its data (_verdicts); its data is then only read."""
    key = region_key(reading.url)
    if reading.files is None:
        return _from_copy(reading, key, store, max_bytes, reading.problems)
    files, reading.files = reading.files, None  # the bytes go with this call: a lower peak
    if verdict:
        return _from_copy(reading, key, store, max_bytes, verdict)
    try:
        data = _valid_data(files.feed, files.raw, checked=verdict is not None)
    except _Invalid as invalid:
        return _from_copy(reading, key, store, max_bytes, invalid.problems)
    kept = last_good.write_copy(store, key, reading.url, now, files.raw, version())
    warnings = [f"de laatst goede kopie is niet bewaard: {kept}"] if kept else []
    return _state(reading, key, "ok", data, now, warnings)


def _from_copy(
    reading: _Reading, key: str, store: Path, max_bytes: int, problems: list[str]
) -> RegionState:
    """The region from its last good copy ("verouderd"), or without data ("ontbreekt")."""
    damaged = "de laatst goede kopie is beschadigd en niet gebruikt"
    copy, reason = last_good.read_copy(store, key, reading.url, max_bytes)
    if copy is None:
        because = [f"{damaged}: {reason}"] if reason else []
        return _state(reading, key, "ontbreekt", None, None, problems + because)
    try:
        data = _valid_data(parse_feed(copy.files[last_good.FEED]), copy.files)
    except _Invalid as invalid:
        because = [f"{damaged}: {invalid.problems[0]}"]
        return _state(reading, key, "ontbreekt", None, None, problems + because)
    return _state(reading, key, "verouderd", data, copy.fetched, problems)


def _state(
    reading: _Reading,
    key: str,
    status: Status,
    data: _Data | None,
    fetched: datetime | None,
    problems: list[str],
) -> RegionState:
    return RegionState(
        url=reading.url,
        key=key,
        name=data.feed.region.name if data else reading.url,
        status=status,
        feed=data.feed if data else None,
        organizations=data.organizations if data else [],
        services=data.services if data else [],
        base_url=reading.base_url,
        fetched=fetched,
        problems=[without_personal_data(visible(problem)) for problem in problems],
    )


def without_personal_data(problem: str) -> str:
    """A problem as the region's page shows it (one line, what a region sends shown as it is), up
    to any personal data in it: a message quotes a wrong value, or the path to it holds a key."""
    found = find_personal_data(problem)
    if not found:
        return problem
    return f"{problem[: found[0].start]}… (de rest niet getoond: {found[0].withheld})"
