"""Reading self-scan export files: bounded, located and checked against the scan's rules.

Each file gives a Scan or the one located problem that makes it unusable, plus warnings (other
questions, questions asked in another kind since, another region, a municipality not in the
region). Both format versions are read; a scan is always scored as the questions are asked now. Work is bounded on any input: a size
limit before parsing, no waiting on a FIFO, limits on nesting and on the digits of a number.
"""

import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from regiokaart.dataset.load import validate_document
from regiokaart.models.selfscan import EXPORT_MODELS, SelfscanExport, SelfscanExportV1
from regiokaart.problems import Problem, Severity, close_match
from regiokaart.selfscan.rules import (
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    BundleScore,
    Rules,
    fitted_scan,
    is_after_latest_date,
    kind_changes,
    listed_spelling,
    score_bundles,
    trimmed_name,
    unknown_questions,
)
from regiokaart.source.positions import YamlDocument, parse_yaml_text, read_regular_file


@dataclass(frozen=True)
class Scan:
    """One municipality's scan from an export that passed every check."""

    file: str
    position: int  # place on the command line: of two scans on one date, the later file is newest
    municipality: str  # as the region's list spells it, else as written without outer spaces
    date: str  # ISO
    answers: Mapping[str, object]  # only what the questions of this version of the scan take
    scores: tuple[BundleScore, ...]
    figures: Mapping[str, float] = field(default_factory=dict)  # the indicators' figures
    written: str = ""  # the municipality exactly as the file has it, when that differs
    date_at: tuple[int, int] = (1, 1)  # line and column of the date in the file
    municipality_at: tuple[int, int] = (1, 1)

    @property
    def as_written(self) -> str:
        return self.written or self.municipality


class _NotAnExportValue(Exception):
    """A token that json.loads would accept (or choke on) but that no export contains."""

    def __init__(self, token: str, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


def read_exports(
    files: Sequence[str], rules: Rules, today: date | None = None
) -> tuple[list[Scan], list[Problem]]:
    """The scans of all good files; one problem for each bad file, warnings for doubtful ones.

    A scan dated after today (default: the computer's date) is a bad file, and so is a symbolic
    link: a link in a folder of exports can lead anywhere, so it is never followed."""
    today = today or date.today()
    scans: list[Scan] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, name in enumerate(files):
        if os.path.islink(name):
            problems.append(
                _error(
                    displayable(name),
                    1,
                    1,
                    "",
                    "is een symbolische koppeling; selfscan-report volgt geen koppelingen, "
                    "geef het exportbestand zelf op",
                )
            )
            continue
        identity = os.path.realpath(name)
        if identity in seen:
            problems.append(
                _warning(
                    displayable(name),
                    1,
                    1,
                    "",
                    "staat meer dan eens op de opdrachtregel; één keer geteld",
                )
            )
            continue
        seen.add(identity)
        scan, found = read_export(Path(name), displayable(name), rules, position, today)
        problems += found
        if scan is not None:
            scans.append(scan)
    return scans, problems


def displayable(name: str) -> str:
    """A file name as messages and the page can show it: bytes that are not UTF-8 (a Latin-1 name
    from a zip, say, which Python holds as lone surrogates) become U+FFFD."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no byte stands for
        raw = name.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def read_export(
    path: Path, display: str, rules: Rules, position: int, today: date
) -> tuple[Scan | None, list[Problem]]:
    """One export: a scan and its warnings, or None and the one problem that makes it unusable."""
    raw, problem = read_regular_file(
        path, display, rules["max_export_bytes"], "exportbestand", follow_link=False
    )
    if raw is None:
        return None, [problem] if problem else []
    data, problem = parse_json(raw, display)
    if problem:
        return None, [problem]
    document, problem = locate_values(raw, display, data)
    if problem:
        return None, [problem]
    export, problem = validate_export(document, rules)
    if export is None:
        return None, [problem] if problem else []
    problem = future_date_problem(document, export, rules, today)
    if problem:
        return None, [problem]
    answers, figures, _ = fitted_scan(rules, export.answers, export_figures(export), export.notes)
    names = rules["municipality_names"]
    listed = listed_spelling(export.municipality, rules["municipalities"], names)
    municipality = listed or trimmed_name(export.municipality, names)
    scan = Scan(
        display,
        position,
        municipality,
        export.date,
        answers,
        tuple(score_bundles(rules, answers)),
        figures,
        written=export.municipality if export.municipality != municipality else "",
        date_at=document.locate(("date",)),
        municipality_at=document.locate(("municipality",)),
    )
    return scan, export_warnings(document, export, rules)


AnyExport = SelfscanExport | SelfscanExportV1


def export_figures(export: AnyExport) -> dict[str, float]:
    return export.figures if isinstance(export, SelfscanExport) else {}


def export_kinds(export: AnyExport) -> dict[str, str]:
    """The kind each question was asked in, as the export says (version 1 says none)."""
    return dict(export.kinds) if isinstance(export, SelfscanExport) else {}


def future_date_problem(
    document: YamlDocument, export: AnyExport, rules: Rules, today: date
) -> Problem | None:
    """A scan cannot have been made after today: a typo in the date would make it the newest."""
    if not is_after_latest_date(rules, export.date, today):
        return None
    line, column = document.locate(("date",))
    message = f"datum {export.date} ligt in de toekomst; controleer de datum van de scan"
    return _error(document.file, line, column, "date", message)


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
        data = json.loads(
            text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_no_constant
        )
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


def _bounded_float(token: str) -> float:
    # Python reads a number too large for a float as infinity, which no message should show.
    mantissa = re.split("[eE]", token)[0]
    count = sum(char.isdigit() for char in mantissa)
    if count > MAX_NUMBER_DIGITS:
        raise _NotAnExportValue(
            token, f"getal van {count} cijfers; een export bevat alleen antwoorden 1 tot en met 4"
        )
    value = float(token)
    if math.isinf(value):
        shown = token if len(token) <= 30 else token[:29] + "…"
        raise _NotAnExportValue(
            token, f"getal {shown} is te groot; een export bevat alleen antwoorden 1 tot en met 4"
        )
    return value


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


def locate_values(raw: bytes, display: str, data: Any) -> tuple[YamlDocument, Problem | None]:
    """The JSON data with the line and column of each value, parsed again as YAML (JSON is YAML)
    from the same bytes, so the file is read once.

    The JSON data is what counts. A key written twice is a problem: JSON silently keeps the last
    one, the YAML reader points at it. When the YAML reader cannot read the file at all (a character
    YAML forbids in a note, say) the positions fall back to 1:1.
    """
    document, problems = parse_yaml_text(raw.decode("utf-8"), display)
    if document.data is not None and problems:
        return document, first_problem(problems)
    return YamlDocument(display, data, document.values, document.keys), None


def validate_export(
    document: YamlDocument, rules: Rules
) -> tuple[AnyExport | None, Problem | None]:
    """The export in its format version, or the one problem that says first what is wrong with it."""
    problem = check_export_format(document, rules)
    if problem:
        return None, problem
    # Without a format version the file is checked as the newest format: it names what is missing.
    version = _whole_number(document.data.get("format_version")) or rules["format_version"]
    model = EXPORT_MODELS[version]
    export, problems = validate_document(document, model)
    if not isinstance(export, SelfscanExport | SelfscanExportV1):
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
    if "format_version" not in data:
        return None
    versions = rules["format_versions"]
    value = data["format_version"]
    version = _whole_number(value)
    line, column = document.locate(("format_version",))
    if version is None:
        allowed = ", ".join(map(str, versions))
        message = f"ongeldige waarde {_short(value)} (toegestaan: {allowed})"
        return _error(file, line, column, "format_version", message)
    if version not in versions:
        message = f"formaatversie {version} wordt niet ondersteund; dit programma leest {_versions(versions)}"
        return _error(file, line, column, "format_version", message)
    return None


def _versions(versions: Sequence[int]) -> str:
    """'versie 1' or 'versie 1 en 2'."""
    numbers = [str(v) for v in versions]
    if len(numbers) == 1:
        return f"versie {numbers[0]}"
    return "versie " + ", ".join(numbers[:-1]) + f" en {numbers[-1]}"


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


def export_warnings(document: YamlDocument, export: AnyExport, rules: Rules) -> list[Problem]:
    """Doubts that do not stop the report: other questions, questions asked in another kind since,
    another region, an unknown municipality."""
    found = (
        other_questions_warning(document, export, rules),
        kind_change_warning(document, export, rules),
        other_region_warning(document, export, rules),
        unknown_municipality_warning(document, export, rules),
    )
    return [warning for warning in found if warning is not None]


def kind_change_warning(document: YamlDocument, export: AnyExport, rules: Rules) -> Problem | None:
    """The questions this export answered in another kind than the scan asks them now (all of an
    export of format version 1 were assessments): named, with what became of their answers."""
    held = [*export.answers, *export_figures(export), *export.notes]
    changes = kind_changes(rules, export_kinds(export), held)
    if not changes:
        return None
    kept, _, _ = fitted_scan(rules, export.answers, export_figures(export), export.notes)
    texts = {q["id"]: q["text"] for q in rules["questions"]}
    nouns = {kind: rule["noun"] for kind, rule in rules["kinds"].items()}
    described = []
    for change in changes:
        question = change["id"]
        lost = question in export.answers and question not in kept
        described.append(
            f"{question} ({_quoted(texts[question])}) is nu {nouns[change['now']]}, "
            f"was {nouns[change['was']]}" + ("; het antwoord telt niet meer mee" if lost else "")
        )
    count = len(changes)
    message = (
        f"{count} {'vraag wordt' if count == 1 else 'vragen worden'} nu anders gesteld dan in deze "
        f"export; de scores zijn opnieuw berekend: {'; '.join(described)}"
    )
    first = changes[0]["id"]
    held_in = (
        ("answers", export.answers),
        ("figures", export_figures(export)),
        ("notes", export.notes),
    )
    where = next(name for name, values in held_in if first in values)
    line, column = document.locate((where, first))
    return _warning(document.file, line, column, where, message)


def _quoted(text: str, limit: int = 60) -> str:
    """A question's text in quotes, cut at a word when it runs long."""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return f"'{text}'"


def other_questions_warning(
    document: YamlDocument, export: AnyExport, rules: Rules
) -> Problem | None:
    unknown = unknown_questions(rules, [*export.answers, *export_figures(export), *export.notes])
    if export.data_version == rules["data_version"] and not unknown:
        return None
    message = "gemaakt met een andere versie van de vragen"
    if unknown:
        more = f" en {len(unknown) - 10} meer" if len(unknown) > 10 else ""
        message += f"; onbekende vragen genegeerd: {', '.join(unknown[:10])}{more}"
    line, column = document.locate(("data_version",))
    return _warning(document.file, line, column, "data_version", message)


def other_region_warning(document: YamlDocument, export: AnyExport, rules: Rules) -> Problem | None:
    if export.region == rules["region"]:
        return None
    message = f"scan voor regio '{export.region}', deze gegevens zijn van regio '{rules['region']}'"
    line, column = document.locate(("region",))
    return _warning(document.file, line, column, "region", message)


def unknown_municipality_warning(
    document: YamlDocument, export: AnyExport, rules: Rules
) -> Problem | None:
    if listed_spelling(export.municipality, rules["municipalities"], rules["municipality_names"]):
        return None
    message = f"gemeente {_short(export.municipality)} staat niet in de lijst van {rules['region']}; wel meegenomen"
    line, column = document.locate(("municipality",))
    hint = close_match(export.municipality, rules["municipalities"])
    return _warning(document.file, line, column, "municipality", message, hint)


def _error(file: str, line: int, column: int, field: str, message: str) -> Problem:
    return Problem(file, line, column, field, message)


def _warning(
    file: str, line: int, column: int, field: str, message: str, hint: str | None = None
) -> Problem:
    return Problem(file, line, column, field, message, hint, Severity.WARNING)


def _short(value: object) -> str:
    """A value as the file has it (null, true), invisible characters made visible, cut when long."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
