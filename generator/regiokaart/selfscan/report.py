"""regiokaart selfscan-report: the self-scan exports of a region's municipalities as one overview.

A pipeline, top to bottom: find the project → read and check every export (each bad file one
located problem; the good ones still count) → compute the overview from the scan's rules
(`regiokaart.selfscan.rules`) → render the page and the CSV → write them safely into the report folder.
Only the first and the last step touch the disk.
"""

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

import jinja2
from markupsafe import Markup

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.csv_cells import render_csv
from regiokaart.dates import dutch_date
from regiokaart.output_folder import ExportKind, write_export_folder
from regiokaart.problems import Problem, Severity, has_errors, visible
from regiokaart.safe_text import render_markdown
from regiokaart.selfscan.exports import Scan, read_exports
from regiokaart.selfscan.rules import (
    TRENDS,
    BundleScore,
    Rules,
    average_tenths,
    bouwsteen_standings,
    counted_names,
    format_change,
    format_figure,
    format_tenths,
    is_attention,
    rank_bouwstenen,
    scan_rules,
)
from regiokaart.source.project import present

REPORT_MARKER = ".regiokaart-zelfscan-rapport"
REPORT = ExportKind(
    REPORT_MARKER,
    "Gemaakt door regiokaart selfscan-report.\n",
    earlier="eerder zelfscan-rapport",
    option="--out",
)
REPORT_PAGE = "index.html"
REPORT_CSV = "zelfscan-regio.csv"
TEMPLATE = "selfscan_report.html"  # in the page templates that ship with regiokaart


# ---------------------------------------------------------------------------------------------
# The outcome for the command line


@dataclass(frozen=True)
class ReportOutcome:
    problems: list[Problem]
    written: bool = False
    summary: str = ""  # "3 gemeenten, 4 scans"


def create_report(
    files: Sequence[str], out: Path, data: Path, today: date | None = None
) -> ReportOutcome:
    """Read the exports, write the overview into out; every problem comes back as a value.

    A scan dated after today (default: the computer's date) is skipped as a mistake."""
    problems = check_project(data, resources.PAGE_TEMPLATES / TEMPLATE)
    if problems:
        return ReportOutcome(problems)
    dataset, problems = check_data(data)
    if dataset is None:
        return ReportOutcome(problems)
    template, problems = read_template(resources.PAGE_TEMPLATES / TEMPLATE)
    if template is None:
        return ReportOutcome(problems)
    rules = scan_rules(dataset)
    scans, problems = read_exports(files, rules, today)
    if not scans:
        return ReportOutcome(problems)
    groups = group_by_municipality(rules, scans)
    problems += spelling_warnings(groups) + same_date_warnings(groups)
    report = build_report(rules, groups, problems)
    # Never over files the user wrote: out must be new, empty or an earlier report.
    not_written = write_export_folder(
        out,
        {
            REPORT_PAGE: render_report_html(report, template),
            REPORT_CSV: render_report_csv(groups, report.bundle_labels),
        },
        REPORT,
    )
    return ReportOutcome(
        problems + not_written, written=not has_errors(not_written), summary=report.summary
    )


# ---------------------------------------------------------------------------------------------
# Finding the project


def check_project(data: Path, template: Path) -> list[Problem]:
    """One problem when the data or the page template is not where the command looks for them."""
    how = "wijs de gegevens aan met --data MAP of de projectmap met --project MAP, of start het commando in de projectmap"
    if not present(data / "region.yaml"):  # what is there but cannot be read, check_data says
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
                hint="het sjabloon hoort bij regiokaart zelf; installeer regiokaart opnieuw",
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


def group_by_municipality(rules: Rules, scans: Iterable[Scan]) -> list[MunicipalityScans]:
    """The scans per municipality, oldest first, municipalities in alphabetical order.

    Spellings that differ only in case or outer spaces are one municipality, named as the region's
    list spells it or else as the first file on the command line has it (counted_names, as the
    browser's comparison of scans counts them)."""
    ordered = sorted(scans, key=lambda s: s.position)
    groups: dict[str, list[Scan]] = {}
    for scan, name in zip(
        ordered, counted_names(rules, [s.as_written for s in ordered]), strict=True
    ):
        groups.setdefault(name, []).append(scan)
    return sorted(
        (
            MunicipalityScans(name, tuple(sorted(items, key=_oldest_first)))
            for name, items in groups.items()
        ),
        key=lambda group: group.name.casefold(),
    )


def _oldest_first(scan: Scan) -> tuple[str, int]:
    return scan.date, scan.position


def spelling_warnings(groups: Iterable[MunicipalityScans]) -> list[Problem]:
    """A scan counted under another spelling of its municipality: say how it was written."""
    return [
        Problem(
            scan.file,
            *scan.municipality_at,
            "municipality",
            f"gemeente geschreven als {scan.as_written!r}, geteld als '{group.name}'",
            severity=Severity.WARNING,
        )
        for group in groups
        for scan in group.scans
        if scan.as_written != group.name
    ]


def same_date_warnings(groups: Iterable[MunicipalityScans]) -> list[Problem]:
    """Two scans of one municipality on one date: say which one counts as its latest."""
    warnings = []
    for group in groups:
        latest = group.latest
        for scan in group.scans[:-1]:
            if scan.date == latest.date:
                # The other file last: a right-to-left override in its name turns only the name.
                message = f"scan van {group.name} op dezelfde datum als een bestand dat later op de opdrachtregel staat; dat telt als nieuwste: {latest.file}"
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
    file: str | None = None  # when another scan of the municipality has the same date


@dataclass(frozen=True)
class MunicipalityView:
    name: str
    in_region: bool
    date: str
    cells: list[ScoreCell]
    trend: list[TrendRow]  # empty when there is one scan
    changes: list[str]  # per bundle "2,0 → 3,0 (+1,0)", oldest to latest


@dataclass(frozen=True)
class Extreme:
    score: str  # "1,5", or "–" when no municipality has a score
    names: list[str]  # the municipalities with that score


@dataclass(frozen=True)
class BundleView:
    label: str
    average: ScoreCell
    lowest: Extreme
    highest: Extreme
    attention: str  # "2 van 3 gemeenten met een score"
    attention_names: list[str]


@dataclass(frozen=True)
class AdviceItem:
    title: str
    text: Markup  # the bouwsteen's whole text with its lists, rendered and sanitised


@dataclass(frozen=True)
class FocusBundle:
    label: str
    average: ScoreCell
    attention: str  # "2 van 3 gemeenten met een score"
    attention_names: list[str]
    bouwstenen: list[AdviceItem]


class FocusKind(StrEnum):
    """What the section on aandachtspunten can truthfully say."""

    MOST = "most"  # bundles that are an aandachtspunt in most municipalities with a score
    LOWEST = "lowest"  # none in most; the lowest-scoring bundle is an aandachtspunt somewhere
    ELSEWHERE = "elsewhere"  # none in most; the lowest is none anywhere, another bundle is
    NONE = "none"  # no bundle is an aandachtspunt in any municipality
    UNSCORED = "unscored"  # no bundle has a score at all


@dataclass(frozen=True)
class IndicatorRow:
    text: str  # the indicator, as the scan asks it
    cells: list[str]  # per municipality (latest scan): "Toenemend (12)", "Weet niet" or "–"


@dataclass(frozen=True)
class MessageLine:
    """A problem line split where the file name ends, so the page can isolate the name."""

    file: str
    rest: str  # ":3:5: date: …"

    @classmethod
    def of(cls, problem: Problem) -> "MessageLine":
        file = visible(problem.file)
        return cls(file, problem.format().removeprefix(file))


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
    bundle_labels: list[str]
    bundles: list[BundleView]
    municipalities: list[MunicipalityView]
    focus_kind: FocusKind
    focus: list[FocusBundle]  # MOST: the bundles weak in most; LOWEST: the lowest; else none
    sources: list[SourceView]
    indicators: list[IndicatorRow] = field(default_factory=list)  # none when the scan asks none
    notice: str = ""  # "1 bestand overgeslagen", "2 waarschuwingen": said at the top of the page
    warnings: list[MessageLine] = field(default_factory=list)
    skipped: list[MessageLine] = field(default_factory=list)


def build_report(
    rules: Rules, groups: Sequence[MunicipalityScans], problems: Sequence[Problem]
) -> Report:
    """Everything the page shows, as plain values."""
    scans = [scan for group in groups for scan in group.scans]
    counted_as = {scan.position: group.name for group in groups for scan in group.scans}
    dates = sorted(scan.date for scan in scans)
    bundles = [summarise_bundle(rules, index, groups) for index in range(len(rules["bundles"]))]
    focus_kind, focus = focus_bundles(rules, groups)
    latest = {group.latest.position for group in groups}
    ordered = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field))
    warnings = [p for p in ordered if p.severity is Severity.WARNING]
    skipped = [p for p in ordered if p.severity is Severity.ERROR]
    return Report(
        region=rules["region"],
        summary=f"{_count(len(groups), 'gemeente', 'gemeenten')}, {_count(len(scans), 'scan', 'scans')}",
        period=_period(dates[0], dates[-1]),
        threshold=format_tenths(rules["attention_at_most"]),
        bundle_labels=[b["label"] for b in rules["bundles"]],
        bundles=bundles,
        municipalities=[municipality_view(rules, group) for group in groups],
        focus_kind=focus_kind,
        focus=focus,
        sources=[
            SourceView(s.file, counted_as[s.position], format_date(s.date), s.position in latest)
            for s in sorted(scans, key=lambda s: s.position)
        ],
        indicators=indicator_rows(rules, groups),
        notice=problems_notice(len({p.file for p in skipped}), len(warnings)),
        warnings=[MessageLine.of(p) for p in warnings],
        skipped=[MessageLine.of(p) for p in skipped],
    )


def indicator_rows(rules: Rules, groups: Sequence[MunicipalityScans]) -> list[IndicatorRow]:
    """Per indicator of the scan (not scored), what each municipality's latest scan says."""
    trend_kinds = {k for k, rule in rules["kinds"].items() if rule["answer"] == "ontwikkeling"}
    return [
        IndicatorRow(
            question["text"],
            [indicator_cell(group.latest, question["id"]) for group in groups],
        )
        for question in rules["questions"]
        if question["kind"] in trend_kinds
    ]


def indicator_cell(scan: Scan, question: str) -> str:
    """'Toenemend (12)', 'Gelijk', '12' or 'Weet niet'; a dash when nothing was filled in."""
    trend = scan.answers.get(question)
    figure = scan.figures.get(question)
    shown = [TRENDS[trend]] if isinstance(trend, str) and trend in TRENDS else []
    if figure is not None:
        shown.append(f"({format_figure(figure)})" if shown else format_figure(figure))
    return " ".join(shown) or "–"


def problems_notice(skipped_files: int, warnings: int) -> str:
    """'1 bestand overgeslagen en 2 waarschuwingen', or '' when there is nothing to say."""
    parts = []
    if skipped_files:
        parts.append(f"{_count(skipped_files, 'bestand', 'bestanden')} overgeslagen")
    if warnings:
        parts.append(_count(warnings, "waarschuwing", "waarschuwingen"))
    return " en ".join(parts)


def score_cell(score: BundleScore) -> ScoreCell:
    return ScoreCell(format_tenths(score.tenths), score.attention, score.answered, score.total)


def municipality_view(rules: Rules, group: MunicipalityScans) -> MunicipalityView:
    oldest, latest = group.scans[0], group.latest
    several = len(group.scans) > 1
    scans_on = Counter(scan.date for scan in group.scans)
    return MunicipalityView(
        name=group.name,
        in_region=group.name in rules["municipalities"],
        date=format_date(latest.date),
        cells=[score_cell(score) for score in latest.scores],
        trend=[
            TrendRow(
                format_date(scan.date),
                [score_cell(s) for s in scan.scores],
                scan.file if scans_on[scan.date] > 1 else None,
            )
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
    scored = scored_in(groups, index)
    values = [(g.name, t) for g in scored if (t := g.latest.scores[index].tenths) is not None]
    average = regional_average(groups, index)
    weak = weak_in(groups, index)
    return BundleView(
        label=rules["bundles"][index]["label"],
        average=ScoreCell(format_tenths(average), is_attention(average)),
        lowest=_extreme(values, min),
        highest=_extreme(values, max),
        attention=attention_count(len(weak), len(scored)),
        attention_names=[g.name for g in weak],
    )


def scored_in(groups: Sequence[MunicipalityScans], index: int) -> list[MunicipalityScans]:
    """The municipalities whose latest scan has a score for the bundle: the ones that count."""
    return [g for g in groups if g.latest.scores[index].tenths is not None]


def weak_in(groups: Sequence[MunicipalityScans], index: int) -> list[MunicipalityScans]:
    """The municipalities where the bundle is an aandachtspunt in the latest scan."""
    return [g for g in groups if g.latest.scores[index].attention]


def attention_count(weak: int, scored: int) -> str:
    """'2 van 3 gemeenten met een score'."""
    if not scored:
        return "geen gemeente met een score"
    return f"{weak} van {_count(scored, 'gemeente', 'gemeenten')} met een score"


def regional_average(groups: Sequence[MunicipalityScans], index: int) -> int | None:
    """The mean, in tenths, of one bundle's scores in the latest scans that have one."""
    return average_tenths(t for g in groups if (t := g.latest.scores[index].tenths) is not None)


def _extreme(values: Sequence[tuple[str, int]], pick: Callable[[Iterable[int]], int]) -> Extreme:
    if not values:
        return Extreme("–", [])
    tenths = pick(t for _, t in values)
    return Extreme(format_tenths(tenths), [name for name, t in values if t == tenths])


def focus_bundles(
    rules: Rules, groups: Sequence[MunicipalityScans]
) -> tuple[FocusKind, list[FocusBundle]]:
    """The bundles that are an aandachtspunt in more than half of the municipalities with a score
    for them, or else the lowest-scoring bundle if it is an aandachtspunt anywhere; each with the
    bouwstenen that would help those municipalities most."""
    bundles = range(len(rules["bundles"]))
    most = [i for i in bundles if 2 * len(weak_in(groups, i)) > len(scored_in(groups, i))]
    if most:
        return FocusKind.MOST, [focus_bundle(rules, i, groups) for i in most]
    lowest = lowest_bundle(groups)
    if lowest is None:
        return FocusKind.UNSCORED, []
    if weak_in(groups, lowest):
        return FocusKind.LOWEST, [focus_bundle(rules, lowest, groups)]
    if any(weak_in(groups, i) for i in bundles):
        return FocusKind.ELSEWHERE, []
    return FocusKind.NONE, []


def lowest_bundle(groups: Sequence[MunicipalityScans]) -> int | None:
    """The bundle with the lowest regional average (the first in the scan on a tie); None if none scored."""
    averages = [
        (average, index)
        for index in range(len(groups[0].latest.scores))
        if (average := regional_average(groups, index)) is not None
    ]
    return min(averages)[1] if averages else None


def focus_bundle(rules: Rules, index: int, groups: Sequence[MunicipalityScans]) -> FocusBundle:
    bundle = rules["bundles"][index]
    average = regional_average(groups, index)
    weak = weak_in(groups, index)
    return FocusBundle(
        label=bundle["label"],
        average=ScoreCell(format_tenths(average), is_attention(average)),
        attention=attention_count(len(weak), len(scored_in(groups, index))),
        attention_names=[g.name for g in weak],
        bouwstenen=[
            AdviceItem(
                rules["bouwstenen"][b]["title"], render_markdown(rules["bouwstenen"][b]["text"])
            )
            for b in helpful_bouwstenen(rules, bundle["id"], [g.latest for g in weak])
        ],
    )


def helpful_bouwstenen(rules: Rules, bundle: str, scans: Sequence[Scan]) -> list[str]:
    """The bouwstenen of a bundle with a weak answer in the scans, ordered by the answers of all
    those scans together (rank_bouwstenen: the lowest answer first, then the lowest mean, then in
    the order of the scan); the top few."""
    standings = bouwsteen_standings(rules, [scan.answers for scan in scans], bundle)
    return rank_bouwstenen(rules, standings)[: rules["advice_per_bundle"]]


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
                        group.name,
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
