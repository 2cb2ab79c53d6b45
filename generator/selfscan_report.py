"""regiokaart selfscan-report: the self-scan exports of a region's municipalities as one overview.

A pipeline, top to bottom: find the project → read and check every export (each bad file one
located problem; the good ones still count) → compute the overview from the scan's rules
(`generator.selfscan_rules`) → render the page and the CSV → write them safely into the report folder.
Only the first and the last step touch the disk.
"""

import os
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2

from generator.check import check_data
from generator.csv_cells import render_csv
from generator.dates import dutch_date
from generator.problems import Problem, Severity, describe_os_error, has_errors
from generator.safe_write import write_atomically
from generator.selfscan_exports import Scan, read_exports
from generator.selfscan_rules import (
    BundleScore,
    Rules,
    average_tenths,
    bouwsteen_weights,
    format_change,
    format_tenths,
    is_attention,
    scan_rules,
)

REPORT_MARKER = ".regiokaart-zelfscan-rapport"
MARKER_TEXT = "Gemaakt door regiokaart selfscan-report.\n"
REPORT_PAGE = "index.html"
REPORT_CSV = "zelfscan-regio.csv"
TEMPLATE = Path("theme") / "regiokaart" / "selfscan_report.html"


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
                warnings.append(
                    Problem(scan.file, *scan.date_at, "date", message, severity=Severity.WARNING)
                )
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
        bundle_labels=[b["label"] for b in rules["bundles"]],
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
        label=rules["bundles"][index]["label"],
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
        label=bundle["label"],
        average=ScoreCell(format_tenths(average), is_attention(average)),
        attention_names=[g.name for g in weak if g.latest.scores[index].attention],
        bouwstenen=[
            AdviceItem(rules["bouwstenen"][b]["title"], rules["bouwstenen"][b]["sentence"])
            for b in helpful_bouwstenen(rules, bundle["id"], [g.latest for g in weak])
        ],
    )


def helpful_bouwstenen(rules: Rules, bundle: str, scans: Sequence[Scan]) -> list[str]:
    """The bouwstenen of a bundle ranked by their weight in that bundle (bouwsteen_weights) summed
    over the scans; ties in the order of the scan; the top few."""
    order = list(dict.fromkeys(q["bouwsteen"] for q in rules["questions"]))
    totals: dict[str, int] = {}
    for scan in scans:
        for bouwsteen, weight in bouwsteen_weights(rules, scan.answers, bundle).items():
            totals[bouwsteen] = totals.get(bouwsteen, 0) + weight
    ranked = sorted(totals, key=lambda b: (-totals[b], order.index(b)))
    return ranked[: rules["advice_per_bundle"]]


def format_date(iso: str) -> str:
    """1 maart 2026."""
    return dutch_date(date.fromisoformat(iso))


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
        return [_out_problem(out, f"kan niet schrijven in {out}/: {describe_os_error(error)}")]
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
        return _out_problem(out, f"kan de map niet maken of lezen: {describe_os_error(error)}")
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
