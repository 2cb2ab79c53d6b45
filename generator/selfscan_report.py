"""regiokaart selfscan-report: several municipalities' scan exports as one regional overview.

Reads JSON exports (each problem located as file:line:column), computes the score per quality
standard per municipality and writes an overview page and a CSV for the regional working group.
"""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.load import validate_document
from generator.models.selfscan import SelfscanExport, SelfscanFile
from generator.problems import Problem, Severity
from generator.selfscan_scores import StandardScore, format_score, score_per_standard
from generator.yamlsource import read_yaml

REPORT_MARKER = ".regiokaart-zelfscan-rapport"


@dataclass(frozen=True)
class MunicipalityScan:
    file: str
    export: SelfscanExport
    scores: list[StandardScore]


def read_export(
    path: Path, selfscan: SelfscanFile, data_version: str
) -> tuple[MunicipalityScan | None, list[Problem]]:
    """One export file, validated; JSON syntax errors and wrong fields are located problems."""
    display = str(path)
    try:
        json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None, [Problem(display, 1, 1, "", "bestand ontbreekt")]
    except UnicodeDecodeError:
        return None, [Problem(display, 1, 1, "", "bestand is geen UTF-8")]
    except json.JSONDecodeError as error:
        return None, [
            Problem(display, error.lineno, error.colno, "", f"geen geldige JSON: {error.msg}")
        ]
    except OSError as error:
        return None, [
            Problem(display, 1, 1, "", f"bestand kan niet gelezen worden: {error.strerror}")
        ]
    document, problems = read_yaml(
        path, display
    )  # JSON is YAML: this keeps line and column of each value
    if problems:
        return None, problems
    export, problems = validate_document(document, SelfscanExport)
    if export is None:
        return None, problems
    assert isinstance(export, SelfscanExport)
    known = {q.id for step in selfscan.steps for q in step.questions}
    unknown = sorted(set(export.answers) - known)
    warnings = []
    if export.data_version != data_version or unknown:
        line, column = document.locate(("data_version",))
        extra = f"; onbekende vragen genegeerd: {', '.join(unknown[:5])}" if unknown else ""
        warnings.append(
            Problem(
                display,
                line,
                column,
                "data_version",
                f"gemaakt met een andere versie van de vragen{extra}",
                severity=Severity.WARNING,
            )
        )
    answers = {k: v for k, v in export.answers.items() if k in known}
    return MunicipalityScan(display, export, score_per_standard(selfscan, answers)), warnings


def render_report_csv(scans: list[MunicipalityScan]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["kwaliteitsstandaard", "gemeente", "datum", "gemiddelde_score", "beantwoord", "vragen"]
    )
    for index in range(10):
        for scan in scans:
            score = scan.scores[index]
            writer.writerow(
                [
                    score.standard,
                    scan.export.municipality,
                    scan.export.date,
                    format_score(score.mean),
                    score.answered,
                    score.total,
                ]
            )
    return "\ufeff" + out.getvalue()


def render_report_html(scans: list[MunicipalityScan], region: str, templates: Path) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    rows = [
        {
            "standard": index + 1,
            "cells": [
                {
                    "score": format_score(s.scores[index].mean),
                    "mean": s.scores[index].mean,
                    "answered": s.scores[index].answered,
                    "total": s.scores[index].total,
                }
                for s in scans
            ],
        }
        for index in range(10)
    ]
    return env.get_template("selfscan_report.html").render(region=region, scans=scans, rows=rows)


def write_report(out: Path, files: dict[str, str]) -> list[Problem]:
    """Write into out, never over files the user wrote: out must be new, empty or an earlier report."""
    if out.exists() and (
        not out.is_dir() or (any(out.iterdir()) and not (out / REPORT_MARKER).exists())
    ):
        return [
            Problem(
                str(out),
                1,
                1,
                "",
                "map bestaat al en is geen eerder zelfscan-rapport; kies een nieuwe of lege map",
            )
        ]
    out.mkdir(parents=True, exist_ok=True)
    for name, text in {
        **files,
        REPORT_MARKER: "Gemaakt door regiokaart selfscan-report.\n",
    }.items():
        temporary = out / f".{name}.tmp"
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(out / name)
    return []
