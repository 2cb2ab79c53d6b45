"""regiokaart selfscan-report: the self-scan exports of a region's municipalities as one overview.

A pipeline, top to bottom: find the project → read and check every export (each bad file one
located problem; the good ones still count) → compute the overview from the scan's rules
(`generator.selfscan_rules`) → render the page and the CSV → write them safely into the report folder.
Only the first and the last step touch the disk.
"""

import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from generator.check import check_data
from generator.csv_cells import render_csv
from generator.load import validate_document
from generator.models.selfscan import SelfscanExport
from generator.problems import Problem, Severity, close_match, has_errors
from generator.safe_write import write_atomically
from generator.selfscan_rules import (
    BundleScore,
    Rules,
    average_tenths,
    bouwsteen_weights,
    format_change,
    format_tenths,
    is_attention,
    scan_rules,
    score_bundles,
    unknown_questions,
)
from generator.yamlsource import YamlDocument, read_yaml

REPORT_MARKER = ".regiokaart-zelfscan-rapport"
MARKER_TEXT = "Gemaakt door regiokaart selfscan-report.\n"
REPORT_PAGE = "index.html"
REPORT_CSV = "zelfscan-regio.csv"
TEMPLATE = Path("theme") / "regiokaart" / "selfscan_report.html"
MAX_NESTING = 32  # an export nests three levels; deeper data is no export and is not walked further
# Far below Python's 4,300-digit limit on int(), past which json.loads raises; an answer has 1.
MAX_NUMBER_DIGITS = 100
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer


# ---------------------------------------------------------------------------------------------
# The outcome for the command line


@dataclass(frozen=True)
class ReportOutcome:
    problems: list[Problem]
    written: bool = False
    summary: str = ""  # "3 gemeenten, 4 scans"


def create_report(files: Sequence[str], out: Path, data: Path, project: Path) -> ReportOutcome:
    """Read the exports, write the overview into out; every problem comes back as a value."""
    problems = check_project(data, project / TEMPLATE)
    if problems:
        return ReportOutcome(problems)
    dataset, problems = check_data(data)
    if dataset is None:
        return ReportOutcome(problems)
    template, problems = read_template(project / TEMPLATE)
    if template is None:
        return ReportOutcome(problems)
    rules = scan_rules(dataset)
    scans, problems = read_exports(files, rules)
    if not scans:
        return ReportOutcome(problems)
    groups = group_by_municipality(scans)
    problems += same_date_warnings(groups)
    report = build_report(rules, groups, problems)
    not_written = write_report(
        out,
        {
            REPORT_PAGE: render_report_html(report, template),
            REPORT_CSV: render_report_csv(groups, report.bundle_labels),
        },
    )
    return ReportOutcome(
        problems + not_written, written=not has_errors(not_written), summary=report.summary
    )


# ---------------------------------------------------------------------------------------------
# Finding the project


def check_project(data: Path, template: Path) -> list[Problem]:
    """One problem when the data or the page template is not where the command looks for them."""
    how = "wijs de gegevens aan met --data MAP of de projectmap met --project MAP, of start het commando in de projectmap"
    if not (data / "region.yaml").is_file():
        message = (
            f"geen projectgegevens gevonden in {os.path.abspath(data)}/ (region.yaml ontbreekt)"
        )
        return [Problem(str(data), 1, 1, "", message, hint=how)]
    if not template.is_file():
        return [
            Problem(
                str(template),
                1,
                1,
                "",
                "sjabloon voor het rapport niet gevonden",
                hint="wijs de projectmap met theme/ aan met --project MAP, of start het commando in de projectmap",
            )
        ]
    return []


def read_template(path: Path) -> tuple[str | None, list[Problem]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(str(path), 1, 1, "", f"sjabloon kan niet gelezen worden: {error}")]


# ---------------------------------------------------------------------------------------------
# Reading the exports


@dataclass(frozen=True)
class Scan:
    """One municipality's scan from an export that passed every check."""

    file: str
    position: int  # place on the command line: of two scans on one date, the later file is newest
    municipality: str
    date: str  # ISO
    answers: Mapping[str, object]  # only the questions this version of the scan asks
    scores: tuple[BundleScore, ...]
    date_at: tuple[int, int] = (1, 1)  # line and column of the date in the file


class _NotAnExportValue(Exception):
    """A token that json.loads would accept (or choke on) but that no export contains."""

    def __init__(self, token: str, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


def read_exports(files: Sequence[str], rules: Rules) -> tuple[list[Scan], list[Problem]]:
    """The scans of all good files; one problem for each bad file, warnings for doubtful ones."""
    scans: list[Scan] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, name in enumerate(files):
        identity = os.path.realpath(name)
        if identity in seen:
            problems.append(
                _warning(name, 1, 1, "", "staat meer dan eens op de opdrachtregel; één keer geteld")
            )
            continue
        seen.add(identity)
        scan, found = read_export(Path(name), name, rules, position)
        problems += found
        if scan is not None:
            scans.append(scan)
    return scans, problems


def read_export(
    path: Path, display: str, rules: Rules, position: int
) -> tuple[Scan | None, list[Problem]]:
    """One export: a scan and its warnings, or None and the one problem that makes it unusable."""
    raw, problem = read_bounded(path, display, rules["max_export_bytes"])
    if raw is None:
        return None, [problem] if problem else []
    data, problem = parse_json(raw, display)
    if problem:
        return None, [problem]
    document, problem = locate_values(path, display, data)
    if problem:
        return None, [problem]
    export, problem = validate_export(document, rules)
    if export is None:
        return None, [problem] if problem else []
    known = {q["id"] for q in rules["questions"]}
    answers = {question: a for question, a in export.answers.items() if question in known}
    scan = Scan(
        display,
        position,
        export.municipality,
        export.date,
        answers,
        tuple(score_bundles(rules, answers)),
        document.locate(("date",)),
    )
    return scan, export_warnings(document, export, rules)


def read_bounded(path: Path, display: str, limit: int) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file of at most limit bytes; never waits on a FIFO or a device."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            return None, _error(display, 1, 1, "", _not_a_file(mode))
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK)
    except FileNotFoundError:
        return None, _error(display, 1, 1, "", "bestand ontbreekt")
    except OSError as error:
        return None, _error(display, 1, 1, "", f"bestand kan niet gelezen worden: {_reason(error)}")
    try:
        mode = os.fstat(descriptor).st_mode  # the file opened may differ from the one checked
        if not stat.S_ISREG(mode):
            return None, _error(display, 1, 1, "", _not_a_file(mode))
        raw = _read_at_most(descriptor, limit + 1)
    except OSError as error:
        return None, _error(display, 1, 1, "", f"bestand kan niet gelezen worden: {_reason(error)}")
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        message = f"bestand is groter dan {_thousands(limit)} bytes; een export van de zelfscan is veel kleiner"
        return None, _error(display, 1, 1, "", message)
    return raw, None


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _not_a_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is een map, geen exportbestand"
    if stat.S_ISFIFO(mode):
        return "is een pijp (FIFO), geen exportbestand"
    return "is geen gewoon bestand (een apparaat of socket?), geen exportbestand"


def parse_json(raw: bytes, display: str) -> tuple[Any, Problem | None]:
    """The JSON in raw, or one located problem: not UTF-8, not JSON, too deep, a giant number."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, _error(
            display, line, column, "", "bestand is geen UTF-8; sla het op als UTF-8"
        )
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, _error(display, 1, 1, "", "bestand is leeg")
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except _NotAnExportValue as error:
        line, column = _position_of_token(text, error.token)
        return None, _error(display, line, column, "", error.message)
    except json.JSONDecodeError as error:
        message = f"geen geldige JSON: {_dutch_json_reason(error.msg)}"
        return None, _error(display, error.lineno, error.colno, "", message)
    except RecursionError:
        return None, _error(display, 1, 1, "", "JSON is te diep genest; dit is geen export")
    except ValueError as error:
        return None, _error(display, 1, 1, "", f"geen geldige JSON: {error}")
    if _nesting(data) > MAX_NESTING:
        return None, _error(display, 1, 1, "", "JSON is te diep genest; dit is geen export")
    return data, None


def _bounded_int(digits: str) -> int:
    count = len(digits.lstrip("-"))
    if count > MAX_NUMBER_DIGITS:
        raise _NotAnExportValue(
            digits, f"getal van {count} cijfers; een export bevat alleen antwoorden 1 tot en met 4"
        )
    return int(digits)


def _no_constant(name: str) -> float:
    raise _NotAnExportValue(name, f"geen geldige JSON: {name} bestaat niet in JSON")


# A string, or a number or constant outside one: in JSON that is valid up to the token sought, this
# finds every token that json.loads passes to its hooks, and never one inside a string.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|NaN')


def _position_of_token(text: str, token: str) -> tuple[int, int]:
    """Line and column of the first number or constant token in text that equals token."""
    for match in _JSON_TOKEN.finditer(text):
        if match.group() == token:
            offset = match.start()
            return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1
    return 1, 1


def _nesting(data: Any) -> int:
    """How deep lists and objects nest (a number is 0), without recursion."""
    deepest = 0
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth + 1 > MAX_NESTING:
                return depth + 1
            deepest = max(deepest, depth + 1)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


_JSON_REASONS = (
    ("Expecting value", "waarde verwacht"),
    (
        "Expecting property name enclosed in double quotes",
        'naam tussen dubbele aanhalingstekens (") verwacht',
    ),
    ("Expecting ',' delimiter", "',' verwacht"),
    ("Expecting ':' delimiter", "':' verwacht"),
    ("Unterminated string", "tekst zonder afsluitend aanhalingsteken"),
    ("Invalid control character", "ongeldig stuurteken in tekst"),
    ("Invalid \\escape", "ongeldige escape (\\…) in tekst"),
    ("Invalid \\uXXXX escape", "ongeldige \\uXXXX in tekst"),
    ("Extra data", "er staat nog iets na het einde van de JSON"),
)


def _dutch_json_reason(reason: str) -> str:
    for english, dutch in _JSON_REASONS:
        if reason.startswith(english):
            return dutch
    return reason


def locate_values(path: Path, display: str, data: Any) -> tuple[YamlDocument, Problem | None]:
    """The JSON data with the line and column of each value, read again as YAML (JSON is YAML).

    The JSON data is what counts. A key written twice is a problem: JSON silently keeps the last
    one, the YAML reader points at it. When the YAML reader cannot read the file at all (a character
    YAML forbids in a note, say) the positions fall back to 1:1.
    """
    document, problems = read_yaml(path, display)
    if document.data is not None and problems:
        return document, first_problem(problems)
    return YamlDocument(display, data, document.values, document.keys), None


def validate_export(
    document: YamlDocument, rules: Rules
) -> tuple[SelfscanExport | None, Problem | None]:
    """The export, or the one problem that says first what is wrong with it."""
    problem = check_export_format(document, rules)
    if problem:
        return None, problem
    export, problems = validate_document(document, SelfscanExport)
    if not isinstance(export, SelfscanExport):
        return None, first_problem(problems)
    return export, None


def check_export_format(document: YamlDocument, rules: Rules) -> Problem | None:
    """Is this an export of the self-scan at all, and one in a format version this program reads?"""
    data, file = document.data, document.file
    not_export = "dit is geen export van de zelfscan"
    if not isinstance(data, dict):
        found = (
            "een lijst"
            if isinstance(data, list)
            else "tekst"
            if isinstance(data, str)
            else "een losse waarde"
        )
        return _error(file, 1, 1, "", f"{not_export} (verwacht een JSON-object, gevonden: {found})")
    if "format" not in data:
        return _error(file, 1, 1, "", f"{not_export} (het veld 'format' ontbreekt)")
    if data["format"] != rules["format"]:
        line, column = document.locate(("format",))
        message = f"{not_export} (format is {_short(data['format'])}, verwacht '{rules['format']}')"
        return _error(file, line, column, "format", message)
    version = _whole_number(data.get("format_version"))
    if version is not None and version != rules["format_version"]:
        line, column = document.locate(("format_version",))
        message = f"formaatversie {version} wordt niet ondersteund; dit programma leest versie {rules['format_version']}"
        return _error(file, line, column, "format_version", message)
    return None


def _whole_number(value: object) -> int | None:
    """2 for 2 or 2.0 (JSON does not tell them apart); None for anything else, true included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def first_problem(problems: Sequence[Problem]) -> Problem | None:
    """The first problem in the file, saying how many more there are."""
    if not problems:
        return None
    ordered = sorted(problems, key=lambda p: (p.line, p.column, p.field))
    first, more = ordered[0], len(ordered) - 1
    if not more:
        return first
    count = f"en nog {more} {'fout' if more == 1 else 'fouten'} in dit bestand"
    return replace(first, hint=f"{first.hint}; {count}" if first.hint else count)


def export_warnings(document: YamlDocument, export: SelfscanExport, rules: Rules) -> list[Problem]:
    """Doubts that do not stop the report: other questions, another region, an unknown municipality."""
    found = (
        other_questions_warning(document, export, rules),
        other_region_warning(document, export, rules),
        unknown_municipality_warning(document, export, rules),
    )
    return [warning for warning in found if warning is not None]


def other_questions_warning(
    document: YamlDocument, export: SelfscanExport, rules: Rules
) -> Problem | None:
    unknown = unknown_questions(rules, [*export.answers, *export.notes])
    if export.data_version == rules["data_version"] and not unknown:
        return None
    message = "gemaakt met een andere versie van de vragen"
    if unknown:
        more = f" en {len(unknown) - 10} meer" if len(unknown) > 10 else ""
        message += f"; onbekende vragen genegeerd: {', '.join(unknown[:10])}{more}"
    line, column = document.locate(("data_version",))
    return _warning(document.file, line, column, "data_version", message)


def other_region_warning(
    document: YamlDocument, export: SelfscanExport, rules: Rules
) -> Problem | None:
    if export.region == rules["region"]:
        return None
    message = f"scan voor regio '{export.region}', deze gegevens zijn van regio '{rules['region']}'"
    line, column = document.locate(("region",))
    return _warning(document.file, line, column, "region", message)


def unknown_municipality_warning(
    document: YamlDocument, export: SelfscanExport, rules: Rules
) -> Problem | None:
    if export.municipality in rules["municipalities"]:
        return None
    message = f"gemeente '{export.municipality}' staat niet in de lijst van {rules['region']}; wel meegenomen"
    line, column = document.locate(("municipality",))
    hint = close_match(export.municipality, rules["municipalities"])
    return _warning(document.file, line, column, "municipality", message, hint)


def _error(file: str, line: int, column: int, field: str, message: str) -> Problem:
    return Problem(file, line, column, field, message)


def _warning(
    file: str, line: int, column: int, field: str, message: str, hint: str | None = None
) -> Problem:
    return Problem(file, line, column, field, message, hint, Severity.WARNING)


_REASONS = {
    "EACCES": "geen toestemming",
    "EPERM": "geen toestemming",
    "ENOSPC": "de schijf is vol",
    "EROFS": "alleen lezen",
    "EISDIR": "is een map",
    "ENOTDIR": "een deel van het pad is geen map",
    "ELOOP": "te veel symbolische koppelingen",
    "ENAMETOOLONG": "naam te lang",
    "ENOENT": "bestaat niet",
}


def _reason(error: OSError) -> str:
    name = errno.errorcode.get(error.errno or 0, "")
    return _REASONS.get(name, error.strerror or str(error))


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# ---------------------------------------------------------------------------------------------
# Computing the overview (no I/O)


@dataclass(frozen=True)
class MunicipalityScans:
    name: str
    scans: tuple[Scan, ...]  # oldest first; of two on one date the earlier file first

    @property
    def latest(self) -> Scan:
        return self.scans[-1]


def group_by_municipality(scans: Iterable[Scan]) -> list[MunicipalityScans]:
    """The scans per municipality, oldest first, municipalities in alphabetical order."""
    groups: dict[str, list[Scan]] = {}
    for scan in scans:
        groups.setdefault(scan.municipality, []).append(scan)
    return [
        MunicipalityScans(name, tuple(sorted(items, key=lambda s: (s.date, s.position))))
        for name, items in sorted(groups.items(), key=lambda item: item[0].casefold())
    ]


def same_date_warnings(groups: Iterable[MunicipalityScans]) -> list[Problem]:
    """Two scans of one municipality on one date: say which one counts as its latest."""
    warnings = []
    for group in groups:
        latest = group.latest
        for scan in group.scans[:-1]:
            if scan.date == latest.date:
                message = f"scan van {group.name} op dezelfde datum als {latest.file}; die staat later op de opdrachtregel en telt als nieuwste"
                warnings.append(_warning(scan.file, *scan.date_at, "date", message))
    return warnings


@dataclass(frozen=True)
class ScoreCell:
    text: str  # "2,5", or "–" when no question of the bundle was answered 1-4
    attention: bool  # is_attention on exactly the tenths shown
    answered: int = 0
    total: int = 0


@dataclass(frozen=True)
class TrendRow:
    date: str
    cells: list[ScoreCell]


@dataclass(frozen=True)
class MunicipalityView:
    name: str
    in_region: bool
    date: str
    cells: list[ScoreCell]
    trend: list[TrendRow]  # empty when there is one scan
    changes: list[str]  # per bundle "2,0 → 3,0 (+1,0)", oldest to latest


@dataclass(frozen=True)
class BundleView:
    label: str
    average: ScoreCell
    lowest: str  # "1,5 (Zuiddorp)"
    highest: str
    attention_count: int
    attention_names: list[str]


@dataclass(frozen=True)
class AdviceItem:
    title: str
    sentence: str


@dataclass(frozen=True)
class FocusBundle:
    label: str
    average: ScoreCell
    attention_names: list[str]
    bouwstenen: list[AdviceItem]


@dataclass(frozen=True)
class SourceView:
    file: str
    municipality: str
    date: str
    latest: bool


@dataclass(frozen=True)
class Report:
    region: str
    summary: str  # "3 gemeenten, 4 scans"
    period: str
    threshold: str  # "2,5"
    municipality_count: int
    bundle_labels: list[str]
    bundles: list[BundleView]
    municipalities: list[MunicipalityView]
    focus_in_most: bool  # True: focus lists the bundles weak in most; False: only the weakest
    focus: list[FocusBundle]
    sources: list[SourceView]
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def bundle_label(bundle: Mapping[str, Any]) -> str:
    """'Standaarden 1 en 2: Gemeentelijke visie': a bundle always named in words."""
    return f"{bundle['name']}: {bundle['title']}"


def build_report(
    rules: Rules, groups: Sequence[MunicipalityScans], problems: Sequence[Problem]
) -> Report:
    """Everything the page shows, as plain values."""
    scans = [scan for group in groups for scan in group.scans]
    dates = sorted(scan.date for scan in scans)
    bundles = [summarise_bundle(rules, index, groups) for index in range(len(rules["bundles"]))]
    in_most, focus = focus_bundles(rules, groups)
    latest_files = {group.latest.file for group in groups}
    ordered = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field))
    return Report(
        region=rules["region"],
        summary=f"{_count(len(groups), 'gemeente', 'gemeenten')}, {_count(len(scans), 'scan', 'scans')}",
        period=_period(dates[0], dates[-1]),
        threshold=format_tenths(rules["attention_at_most"]),
        municipality_count=len(groups),
        bundle_labels=[bundle_label(b) for b in rules["bundles"]],
        bundles=bundles,
        municipalities=[municipality_view(rules, group) for group in groups],
        focus_in_most=in_most,
        focus=focus,
        sources=[
            SourceView(s.file, s.municipality, format_date(s.date), s.file in latest_files)
            for s in sorted(scans, key=lambda s: s.position)
        ],
        warnings=[p.format() for p in ordered if p.severity is Severity.WARNING],
        skipped=[p.format() for p in ordered if p.severity is Severity.ERROR],
    )


def score_cell(score: BundleScore) -> ScoreCell:
    return ScoreCell(format_tenths(score.tenths), score.attention, score.answered, score.total)


def municipality_view(rules: Rules, group: MunicipalityScans) -> MunicipalityView:
    oldest, latest = group.scans[0], group.latest
    several = len(group.scans) > 1
    return MunicipalityView(
        name=group.name,
        in_region=group.name in rules["municipalities"],
        date=format_date(latest.date),
        cells=[score_cell(score) for score in latest.scores],
        trend=[
            TrendRow(format_date(scan.date), [score_cell(s) for s in scan.scores])
            for scan in group.scans
        ]
        if several
        else [],
        changes=[
            f"{format_tenths(old.tenths)} → {format_tenths(new.tenths)} ({format_change(old.tenths, new.tenths)})"
            for old, new in zip(oldest.scores, latest.scores, strict=True)
        ]
        if several
        else [],
    )


def summarise_bundle(rules: Rules, index: int, groups: Sequence[MunicipalityScans]) -> BundleView:
    """Regional average, spread and aandachtspunten of one bundle over the latest scans."""
    scored = [(g.name, g.latest.scores[index].tenths) for g in groups]
    values = [(name, tenths) for name, tenths in scored if tenths is not None]
    average = regional_average(groups, index)
    attention = [name for name, tenths in scored if is_attention(tenths)]
    return BundleView(
        label=bundle_label(rules["bundles"][index]),
        average=ScoreCell(format_tenths(average), is_attention(average)),
        lowest=_extreme(values, min),
        highest=_extreme(values, max),
        attention_count=len(attention),
        attention_names=attention,
    )


def regional_average(groups: Sequence[MunicipalityScans], index: int) -> int | None:
    """The mean, in tenths, of one bundle's scores in the latest scans that have one."""
    return average_tenths(t for g in groups if (t := g.latest.scores[index].tenths) is not None)


def _extreme(values: Sequence[tuple[str, int]], pick: Callable[[Iterable[int]], int]) -> str:
    if not values:
        return "–"
    tenths = pick(t for _, t in values)
    names = ", ".join(name for name, t in values if t == tenths)
    return f"{format_tenths(tenths)} ({names})"


def focus_bundles(
    rules: Rules, groups: Sequence[MunicipalityScans]
) -> tuple[bool, list[FocusBundle]]:
    """The bundles that are an aandachtspunt in more than half of the municipalities, or else the
    weakest bundle; each with the bouwstenen that would help those municipalities most."""
    focus = []
    for index in range(len(rules["bundles"])):
        weak = [g for g in groups if g.latest.scores[index].attention]
        if 2 * len(weak) > len(groups):
            focus.append(focus_bundle(rules, index, groups, weak))
    if focus:
        return True, focus
    weakest = weakest_bundle(groups)
    if weakest is None:
        return False, []
    weak = [g for g in groups if g.latest.scores[weakest].attention]
    return False, [focus_bundle(rules, weakest, groups, weak or list(groups))]


def weakest_bundle(groups: Sequence[MunicipalityScans]) -> int | None:
    """The bundle with the lowest regional average (the first in the scan on a tie); None if none scored."""
    averages = [
        (average, index)
        for index in range(len(groups[0].latest.scores))
        if (average := regional_average(groups, index)) is not None
    ]
    return min(averages)[1] if averages else None


def focus_bundle(
    rules: Rules,
    index: int,
    groups: Sequence[MunicipalityScans],
    weak: Sequence[MunicipalityScans],
) -> FocusBundle:
    bundle = rules["bundles"][index]
    average = regional_average(groups, index)
    return FocusBundle(
        label=bundle_label(bundle),
        average=ScoreCell(format_tenths(average), is_attention(average)),
        attention_names=[g.name for g in weak if g.latest.scores[index].attention],
        bouwstenen=[
            AdviceItem(rules["bouwstenen"][b]["title"], rules["bouwstenen"][b]["sentence"])
            for b in helpful_bouwstenen(rules, bundle["id"], [g.latest for g in weak])
        ],
    )


def helpful_bouwstenen(rules: Rules, bundle: str, scans: Sequence[Scan]) -> list[str]:
    """The bouwstenen of a bundle ranked by their weight summed over the scans (bouwsteen_weights,
    counting only that bundle's questions); ties in the order of the scan; the top few."""
    questions = [q for q in rules["questions"] if q["bundle"] == bundle]
    ids = {q["id"] for q in questions}
    order = list(dict.fromkeys(q["bouwsteen"] for q in questions))
    totals = dict.fromkeys(order, 0)
    for scan in scans:
        answers = {q: a for q, a in scan.answers.items() if q in ids}
        for bouwsteen, weight in bouwsteen_weights(rules, answers).items():
            totals[bouwsteen] += weight
    ranked = sorted((b for b in order if totals[b] > 0), key=lambda b: (-totals[b], order.index(b)))
    return ranked[: rules["advice_per_bundle"]]


def format_date(iso: str) -> str:
    """1 maart 2026."""
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _period(first: str, last: str) -> str:
    if first == last:
        return f"scans van {format_date(first)}"
    return f"scans van {format_date(first)} tot en met {format_date(last)}"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


# ---------------------------------------------------------------------------------------------
# Rendering (no I/O)


def render_report_html(report: Report, template: str) -> str:
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.from_string(template).render(report=report)


CSV_HEADER = [
    "bundel",
    "gemeente",
    "datum",
    "score",
    "beantwoord",
    "vragen",
    "aandachtspunt",
    "nieuwste_scan",
]


def report_csv_rows(
    groups: Sequence[MunicipalityScans], labels: Sequence[str]
) -> list[list[str | int]]:
    """One row per scan per bundle; scores unsigned (2,5) and empty when nothing was answered."""
    rows: list[list[str | int]] = [list(CSV_HEADER)]
    for group in groups:
        for scan in group.scans:
            for label, score in zip(labels, scan.scores, strict=True):
                rows.append(
                    [
                        label,
                        scan.municipality,
                        scan.date,
                        format_tenths(score.tenths) if score.tenths is not None else "",
                        score.answered,
                        score.total,
                        "ja" if score.attention else "nee",
                        "ja" if scan is group.latest else "nee",
                    ]
                )
    return rows


def render_report_csv(groups: Sequence[MunicipalityScans], labels: Sequence[str]) -> str:
    return render_csv(report_csv_rows(groups, labels))


# ---------------------------------------------------------------------------------------------
# Writing


def write_report(out: Path, files: Mapping[str, str]) -> list[Problem]:
    """Write into out, never over files the user wrote: out must be new, empty or an earlier report."""
    problem = prepare_out_folder(out)
    if problem:
        return [problem]
    try:
        write_atomically(out / REPORT_MARKER, MARKER_TEXT)
        for name, text in files.items():
            write_atomically(out / name, text)
    except OSError as error:
        return [_out_problem(out, f"kan niet schrijven in {out}/: {_reason(error)}")]
    return []


def prepare_out_folder(out: Path) -> Problem | None:
    """Make out, or check that it is ours to write in; a problem says why not."""
    try:
        if out.is_symlink():
            return _out_problem(out, "is een symbolische koppeling; geef een gewone map op")
        if out.exists() and not out.is_dir():
            return _out_problem(out, "is een bestand, geen map; kies een nieuwe of lege map")
        if out.is_dir():
            if any(out.iterdir()) and not _is_report_marker(out / REPORT_MARKER):
                return _out_problem(
                    out,
                    "map bestaat al en is geen eerder zelfscan-rapport; kies een nieuwe of lege map",
                )
            return None
        out.mkdir(parents=True)
    except NotADirectoryError:
        return _out_problem(out, f"kan de map niet maken: {_file_in_path(out)} is een bestand")
    except OSError as error:
        return _out_problem(out, f"kan de map niet maken of lezen: {_reason(error)}")
    return None


def _is_report_marker(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except FileNotFoundError:
        return False


def _file_in_path(path: Path) -> Path:
    """The first part of path that exists and is not a folder."""
    for part in [*reversed(path.parents), path]:
        if part.exists() and not part.is_dir():
            return part
    return path


def _out_problem(out: Path, message: str) -> Problem:
    return Problem(str(out), 1, 1, "--out", message)
