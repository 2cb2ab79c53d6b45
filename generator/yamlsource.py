"""Reads one YAML file into plain Python values, keeping the line and column of every value.

Errors (not UTF-8, syntax, empty file, duplicate keys, non-text keys) come back as problems.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import Problem, format_path

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The plain data of one file with positions of its values and keys (1-based)."""

    file: str
    data: Any = None
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at path, or of its nearest existing parent."""
        table = self.keys if key and path in self.keys else self.values
        while path and path not in table:
            path = path[:-1]
            table = self.values
        return table.get(path, (1, 1))


# libyaml's composer when PyYAML has it (about ten times faster on large files); same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_BRACKETS = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"^[ \t-]*", re.MULTILINE)
SAFE_DEPTH = 200


def _loader_for(text: str) -> type:
    """libyaml's composer recurses in C and crashes on very deep nesting; such files (never real data)
    go to the pure-Python composer, which raises RecursionError instead."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    indent = max((len(m.group()) for m in _INDENT.finditer(text)), default=0)
    return _LOADER if deepest < SAFE_DEPTH and indent < SAFE_DEPTH * 2 else yaml.SafeLoader


class _Scalars(yaml.constructor.SafeConstructor):
    """Constructs single scalars with YAML's safe type rules (dates, ints, booleans)."""


def read_yaml(path: Path, display: str) -> tuple[YamlDocument, list[Problem]]:
    """Read path; display is the name used in messages (e.g. data/offers.yaml)."""
    doc = YamlDocument(display)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return doc, [Problem(display, 1, 1, "", "bestand ontbreekt")]
    except OSError as exc:
        return doc, [Problem(display, 1, 1, "", f"bestand kan niet gelezen worden: {exc.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return doc, [
            Problem(display, line, column, "", "bestand is geen UTF-8; sla het op als UTF-8")
        ]
    return parse_yaml_text(text, display)


def parse_yaml_text(text: str, display: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse text already read (and bounded) by the caller, keeping the position of each value."""
    doc = YamlDocument(display)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = yaml.compose(text, Loader=_loader_for(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = _dutch_reason(exc.problem or exc.context or "")
        return doc, [Problem(display, line, column, "", f"YAML-fout: {reason}")]
    except yaml.YAMLError as exc:
        return doc, [Problem(display, 1, 1, "", f"YAML-fout: {exc}")]
    except RecursionError:
        return doc, [Problem(display, 1, 1, "", "YAML is te diep genest")]
    if root is None:
        return doc, [Problem(display, 1, 1, "", "bestand is leeg")]
    problems: list[Problem] = []
    try:
        doc.data = _to_python(root, (), doc, problems, _Scalars())
    except RecursionError:
        return doc, [Problem(display, 1, 1, "", "YAML is te diep genest")]
    return doc, problems


# PyYAML's most common complaints in plain Dutch; others are shown with the original text.
_REASONS = (
    (
        "mapping values are not allowed",
        "hier mag geen ':' staan; zet tekst met een dubbele punt tussen aanhalingstekens",
    ),
    ("cannot start any token", "teken dat hier niet mag (een tab? gebruik spaties)"),
    ("could not find expected ':'", "':' ontbreekt na de sleutel"),
    ("expected <block end>", "inspringing klopt niet"),
    (
        "expected ',' or '}'",
        "',' of '}' verwacht; zet tekst met leestekens tussen aanhalingstekens",
    ),
    (
        "expected ',' or ']'",
        "',' of ']' verwacht; zet tekst met leestekens tussen aanhalingstekens",
    ),
    ("found undefined alias", "onbekende alias (*…)"),
    ("found unexpected end of stream", "aanhalingsteken of haakje niet gesloten"),
    ("expected a single document", "bestand bevat meer dan één document ('---')"),
    ("but found another document", "bestand bevat meer dan één document ('---')"),
    ("found unhashable key", "sleutel moet tekst zijn"),
)


def _dutch_reason(reason: str) -> str:
    for english, dutch in _REASONS:
        if english in reason:
            return dutch
    return f"onleesbare YAML ({reason})" if reason else "onleesbare YAML"


def _position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}


def _to_python(
    node: Node, path: PathKey, doc: YamlDocument, problems: list[Problem], scalars: _Scalars
) -> Any:
    doc.values[path] = _position(node)
    if node.tag not in STANDARD_TAGS:
        line, column = _position(node)
        problems.append(
            Problem(doc.file, line, column, format_path(path), f"onbekende YAML-tag '{node.tag}'")
        )
        return None
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            try:
                key = _scalar(key_node, scalars) if isinstance(key_node, ScalarNode) else None
            except (yaml.YAMLError, ValueError, TypeError):
                key = None
            line, column = _position(key_node)
            if key == "<<":
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        column,
                        format_path(path),
                        "samenvoegsleutel '<<' wordt niet ondersteund",
                    )
                )
                continue
            if not isinstance(key, str):
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        column,
                        format_path(path),
                        f"sleutel moet tekst zijn, niet {key!r}",
                    )
                )
                continue
            if key in result:
                first = doc.keys[(*path, key)]
                problems.append(
                    Problem(
                        doc.file,
                        line,
                        column,
                        format_path((*path, key)),
                        f"sleutel '{key}' komt dubbel voor (eerder op regel {first[0]})",
                    )
                )
                continue
            doc.keys[(*path, key)] = (line, column)
            result[key] = _to_python(value_node, (*path, key), doc, problems, scalars)
        return result
    if isinstance(node, SequenceNode):
        return [
            _to_python(item, (*path, index), doc, problems, scalars)
            for index, item in enumerate(node.value)
        ]
    if isinstance(node, ScalarNode):
        try:
            return _scalar(node, scalars)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            line, column = _position(node)
            problems.append(
                Problem(doc.file, line, column, format_path(path), f"ongeldige waarde: {exc}")
            )
            return None
    return None


def _scalar(node: ScalarNode, scalars: _Scalars) -> Any:
    return scalars.construct_object(node, deep=True)
