"""Reads one YAML file into plain Python values, keeping the line and column of every value.

Errors come back as problems: not a regular file, too big, not UTF-8, syntax, empty file, duplicate
keys, non-text keys, aliases that repeat too much, control characters and invisible characters.
The work is bounded: the file's size, the values aliases may add and the nesting are all limited.
"""

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from regiokaart.problems import Problem, describe_os_error, format_path

PathKey = tuple[str | int, ...]


def value_at(data: Any, path: PathKey) -> Any:
    """The value at path inside data (as read: mappings and lists)."""
    for part in path:
        data = data[part]
    return data


# The national benchmark (5,000 offers) writes offers.yaml of about 7 MB.
MAX_FILE_BYTES = 20_000_000
# Aliases (*name) may add this many values, plus ALIAS_FACTOR times the values written so far:
# plenty for a source repeated on every record, far too few for a "billion laughs" (aliases of
# aliases, each level repeating the one before).
ALIAS_ALLOWANCE = 10_000
ALIAS_FACTOR = 10
# Data files nest some 6 levels deep (offers, an offer, its source, ...); deeper than this is no
# data but an attack on the recursion of reading, validating and writing, and refused where it is.
MAX_DEPTH = 100
# A character that has no place in a text is a problem of its own, up to this many in one file;
# one more problem then says that there are more.
MAX_CHARACTER_PROBLEMS = 10


@dataclass
class YamlDocument:
    """The plain data of one file with positions of its values and keys (1-based)."""

    file: str
    data: Any = None
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # Every value was read; problems, if any, are about single characters in texts.
    complete: bool = False

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


class _AliasUse(Node):
    """An alias (*name) where it is written; PyYAML's composer keeps only the node it names."""

    id = "alias"

    def __init__(self, target: Node, event: Any) -> None:
        super().__init__(target.tag, target, event.start_mark, event.end_mark)
        self.anchor = str(event.anchor)


class _AliasPlacingLoader(yaml.SafeLoader):
    """The pure-Python loader, keeping each alias's own place (used only to report one)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if not self.check_event(AliasEvent):
            return super().compose_node(parent, index)
        event = self.peek_event()
        target = super().compose_node(parent, index)  # the node the anchor names, or an error
        return _AliasUse(target, event) if target is not None else None


def read_yaml(path: Path, display: str) -> tuple[YamlDocument, list[Problem]]:
    """Read the data file at path; display is the name used in messages (e.g. data/offers.yaml)."""
    raw, problem = read_regular_file(path, display, MAX_FILE_BYTES)
    if problem is not None or raw is None:
        return YamlDocument(display), [problem] if problem else []
    return parse_yaml_bytes(raw, display)


def parse_yaml_bytes(raw: bytes, display: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse the bytes of a data file already read (and bounded) by the caller, as UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return YamlDocument(display), [
            Problem(display, line, column, "", "bestand is geen UTF-8; sla het op als UTF-8")
        ]
    return parse_yaml_text(text, display, check_text=True)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer


def read_regular_file(
    path: Path, display: str, limit: int, what: str = "gegevensbestand", *, follow_link: bool = True
) -> tuple[bytes | None, Problem | None]:
    """The bytes of path when it is (or, with follow_link, links to) a regular file of at most
    limit bytes.

    Never waits on a FIFO and never opens a device; a missing file, a link to nothing and a loop
    of links each have their own message at file:1:1. Without follow_link a link is refused, also
    one put in the file's place between the check and the opening (O_NOFOLLOW).
    """
    no_follow = 0 if follow_link else getattr(os, "O_NOFOLLOW", 0)
    try:
        mode = (os.stat if follow_link else os.lstat)(path).st_mode
        if not stat.S_ISREG(mode):
            return None, Problem(display, 1, 1, "", _not_a_file(mode, what))
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | no_follow)
    except OSError as error:
        if no_follow and error.errno == errno.ELOOP:
            return None, Problem(display, 1, 1, "", _not_a_file(stat.S_IFLNK, what))
        return None, unreadable_file(path, display, error)
    try:
        mode = os.fstat(descriptor).st_mode  # the file opened may differ from the one checked
        if not stat.S_ISREG(mode):
            return None, Problem(display, 1, 1, "", _not_a_file(mode, what))
        raw = _read_at_most(descriptor, limit + 1)
    except OSError as error:
        return None, unreadable_file(path, display, error)
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        return None, Problem(display, 1, 1, "", f"bestand is groter dan {_thousands(limit)} bytes")
    return raw, None


def _read_at_most(descriptor: int, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _not_a_file(mode: int, what: str) -> str:
    if stat.S_ISDIR(mode):
        kind = "een map"
    elif stat.S_ISFIFO(mode):
        kind = "een pijp (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "een apparaat"
    elif stat.S_ISSOCK(mode):
        kind = "een socket"
    elif stat.S_ISLNK(mode):
        kind = "een symbolische koppeling"
    else:
        kind = "geen gewoon bestand"
    return f"is {kind}, geen {what}"


FILE_RIGHTS_HINT = "de gebruiker die regiokaart start moet het bestand kunnen lezen: recht r"


def unreadable_file(path: Path, display: str, error: OSError) -> Problem:
    """The problem at display:1:1 of the file at path that could not be read (error)."""
    hint = FILE_RIGHTS_HINT if error.errno in (errno.EACCES, errno.EPERM) else None
    return Problem(display, 1, 1, "", _unreadable_reason(path, error), hint)


def _unreadable_reason(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError) and os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"is een symbolische koppeling naar '{target}', maar dat bestand bestaat niet"
    if isinstance(error, FileNotFoundError):
        return "bestand ontbreekt"
    if error.errno == errno.ELOOP:
        return "is een symbolische koppeling die in een kring naar zichzelf wijst"
    return f"bestand kan niet gelezen worden: {describe_os_error(error)}"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def parse_yaml_text(
    text: str, display: str, *, check_text: bool = False
) -> tuple[YamlDocument, list[Problem]]:
    """Parse text already read (and bounded) by the caller, keeping the position of each value.

    A character YAML cannot read (NUL, ESC, ...) is a problem at its own line and column. With
    check_text, so is a control character or an invisible character (one that changes the
    writing direction or has no width) in any text, also when written as an escape ("\\u202e").
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    unreadable = _unreadable_characters(text, display)
    if unreadable:
        return YamlDocument(display), unreadable
    try:
        try:
            return _compose_and_convert(text, display, check_text, _loader_for(text))
        except _AliasesUnplaced:
            # Only now is the slower composer that keeps where each alias is written worth it.
            return _compose_and_convert(text, display, check_text, _AliasPlacingLoader)
    except RecursionError:  # the composer went deeper than Python's stack allows
        line, column = _too_deep(text)
        return YamlDocument(display), [Problem(display, line, column, "", _TOO_DEEP)]


_TOO_DEEP = f"YAML is te diep genest: hoogstens {MAX_DEPTH} niveaus"


def _too_deep(text: str) -> tuple[int, int]:
    """Where the first list or mapping deeper than MAX_DEPTH starts (else where the deepest does),
    found in the parser's events, which need no recursion."""
    depth = deepest = 0
    where = (1, 1)
    try:
        # The pure-Python parser: libyaml stops at its own limit, and may do so before the first
        # event when its scanner looks ahead through a line of brackets.
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > deepest and event.start_mark is not None:
                    deepest = depth
                    where = (event.start_mark.line + 1, event.start_mark.column + 1)
                if depth > MAX_DEPTH:
                    break
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass  # the deepest point before it
    return where


def _compose_and_convert(
    text: str, display: str, check_text: bool, loader: type
) -> tuple[YamlDocument, list[Problem]]:
    doc = YamlDocument(display)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit (1,000 levels)
            line, column = _too_deep(text)
            return doc, [Problem(display, line, column, "", _TOO_DEEP)]
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = _dutch_reason(exc.problem or exc.context or "")
        return doc, [Problem(display, line, column, "", f"YAML-fout: {reason}")]
    except yaml.reader.ReaderError as exc:  # _unreadable_characters should have found it first
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        line, column = _advance(text, 0, max(text.find(char), 0), 1, 1)
        return doc, [Problem(display, line, column, "", _character_message(char))]
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        return doc, [Problem(display, 1, 1, "", f"YAML-fout: {_dutch_reason(first_line)}")]
    if root is None:
        return doc, [Problem(display, 1, 1, "", "bestand is leeg")]
    converter = _Converter(doc, text, check_text, loader is _AliasPlacingLoader)
    try:
        doc.data = converter.convert(root, ())
    except _Stopped:
        return YamlDocument(display), converter.problems + converter.characters
    doc.complete = not converter.problems
    return doc, converter.problems + converter.characters


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


class _AliasesUnplaced(Exception):
    """Aliases repeat too much, but the fast composer does not say where the alias is written."""


class _Stopped(Exception):
    """Reading stopped at a problem after which the rest cannot be trusted."""


class _Converter:
    """Turns composed nodes into plain values, keeping the position of each value.

    A node met a second time comes through an alias: such repeats are counted, and reading stops
    when they add too many values or when an alias sits inside the value it repeats.
    """

    def __init__(
        self, doc: YamlDocument, text: str, check_text: bool, aliases_placed: bool
    ) -> None:
        self.doc = doc
        self.text = text
        self.check_text = check_text
        self.aliases_placed = aliases_placed
        self.scalars = _Scalars()
        self.problems: list[Problem] = []
        self.characters: list[Problem] = []
        self.done: set[int] = set()  # nodes converted once
        self.open: set[int] = set()  # collections being converted now
        self.written = 0
        self.repeated = 0
        self.alias: tuple[_AliasUse, PathKey] | None = None  # outermost alias being expanded

    def convert(self, node: Node, path: PathKey) -> Any:
        if isinstance(node, _AliasUse):
            return self._expand(node, path)
        first = id(node) not in self.done
        if first:
            self.done.add(id(node))
            self.written += 1
        else:
            self.repeated += 1
            limit = ALIAS_ALLOWANCE + ALIAS_FACTOR * self.written
            if self.repeated > limit or id(node) in self.open:
                self._stop_at_alias(
                    node,
                    path,
                    f"herhaalt te veel: aliassen zouden meer dan {_thousands(limit)} waarden "
                    "toevoegen; schrijf de waarden uit",
                )
        self.doc.values[path] = _position(node)
        if len(path) >= MAX_DEPTH and isinstance(node, MappingNode | SequenceNode):
            self._stop_too_deep(node, first)
        if node.tag not in STANDARD_TAGS:
            line, column = _position(node)
            self.problems.append(
                Problem(
                    self.doc.file,
                    line,
                    column,
                    format_path(path),
                    f"onbekende YAML-tag '{node.tag}'",
                )
            )
            return None
        if isinstance(node, MappingNode):
            self.open.add(id(node))
            result = self._mapping(node, path, first)
            self.open.discard(id(node))
            return result
        if isinstance(node, SequenceNode):
            self.open.add(id(node))
            items = [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
            self.open.discard(id(node))
            return items
        if isinstance(node, ScalarNode):
            try:
                value = _scalar(node, self.scalars)
            except (yaml.YAMLError, ValueError, TypeError) as exc:
                line, column = _position(node)
                self.problems.append(
                    Problem(
                        self.doc.file, line, column, format_path(path), f"ongeldige waarde: {exc}"
                    )
                )
                return None
            if first and self.check_text and isinstance(value, str):
                self._check_characters(node, value, path)
            return value
        return None

    def _mapping(self, node: MappingNode, path: PathKey, first: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, _AliasUse):  # an alias as a key (*name: value)
                key_node = key_node.value
            try:
                key = _scalar(key_node, self.scalars) if isinstance(key_node, ScalarNode) else None
            except (yaml.YAMLError, ValueError, TypeError):
                key = None
            line, column = _position(key_node)
            if key == "<<":
                self._problem(line, column, path, "samenvoegsleutel '<<' wordt niet ondersteund")
                continue
            if not isinstance(key, str):
                self._problem(line, column, path, f"sleutel moet tekst zijn, niet {key!r}")
                continue
            if key in result:
                earlier = self.doc.keys[(*path, key)][0]
                self._problem(
                    line,
                    column,
                    (*path, key),
                    f"sleutel '{key}' komt dubbel voor (eerder op regel {earlier})",
                )
                continue
            if first and self.check_text and isinstance(key_node, ScalarNode):
                self._check_characters(key_node, key, path)
            self.doc.keys[(*path, key)] = (line, column)
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _problem(self, line: int, column: int, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.doc.file, line, column, format_path(path), message))

    def _expand(self, alias: _AliasUse, path: PathKey) -> Any:
        if id(alias.value) in self.open:
            self._stop(alias, path, "staat in de waarde die hij herhaalt, zodat die nooit eindigt")
        outermost = self.alias is None
        if outermost:
            self.alias = (alias, path)
        try:
            return self.convert(alias.value, path)
        finally:
            if outermost:
                self.alias = None

    def _stop_at_alias(self, node: Node, path: PathKey, message: str) -> None:
        if self.alias is not None:
            self._stop(*self.alias, message)
        if not self.aliases_placed:
            raise _AliasesUnplaced
        line, column = _position(node)  # not expected: every repeat comes through an alias here
        self._problem(line, column, path, f"een alias {message}")
        raise _Stopped

    def _stop_too_deep(self, node: Node, first: bool) -> None:
        """Stop at the list or mapping one level too deep, or at the alias that puts it there."""
        if self.alias is not None:
            alias, _ = self.alias
            line, column = _position(alias)
            message = (
                f"alias *{alias.anchor} maakt de YAML te diep genest: hoogstens {MAX_DEPTH} niveaus"
            )
        elif not first and not self.aliases_placed:
            raise _AliasesUnplaced  # it came through an alias, and only now is its place worth it
        else:
            line, column = _position(node)
            message = _TOO_DEEP
        self.problems.append(Problem(self.doc.file, line, column, "", message))
        raise _Stopped

    def _stop(self, alias: _AliasUse, path: PathKey, message: str) -> None:
        line, column = _position(alias)
        self._problem(line, column, path, f"alias *{alias.anchor} {message}")
        raise _Stopped

    def _check_characters(self, node: ScalarNode, value: str, path: PathKey) -> None:
        """A problem at the first control or invisible character in a text, where it is written."""
        first = _HIDDEN.search(value)
        if first is None or len(self.characters) > MAX_CHARACTER_PROBLEMS:
            return
        line, column = _position(node)
        start, end = node.start_mark.index, node.end_mark.index
        offset = _first_hidden_in_source(self.text, start, end, node.style == '"')
        if offset is not None:
            line, column = _advance(self.text, start, offset, line, column)
        more = sum(1 for _ in _HIDDEN.finditer(value, first.end()))
        message = _character_message(first[0], more)
        if len(self.characters) == MAX_CHARACTER_PROBLEMS:
            message = "en nog meer zulke tekens"
        self.characters.append(Problem(self.doc.file, line, column, format_path(path), message))


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: ScalarNode, scalars: _Scalars) -> Any:
    if node.tag == _STR_TAG:  # what SafeConstructor.construct_yaml_str returns, without its detour
        return node.value
    return scalars.construct_object(node, deep=True)


# Characters nobody should have to find in a text: control characters (tab and newline are text),
# characters that change the writing direction, and characters without width.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NO_WIDTH = "\u200b-\u200d\u2060-\u2064\ufeff"  # U+2061-2064: invisible operators
_HIDDEN = re.compile(f"[{_CONTROL}{_DIRECTION}{_NO_WIDTH}]")
_CONTROL_RE, _DIRECTION_RE, _NO_WIDTH_RE = (
    re.compile(f"[{chars}]") for chars in (_CONTROL, _DIRECTION, _NO_WIDTH)
)
# As written in the file, CR and NEL are line breaks, not characters of a text.
_HIDDEN_WRITTEN = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f{_DIRECTION}{_NO_WIDTH}]"
)
# What YAML's reader accepts at all (YAML 1.1's printable characters); anything else stops it.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# YAML's line breaks, as its marks count lines.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# An escape in a double-quoted text: \xNN, \uNNNN, \UNNNNNNNN or a backslash and one character.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SHORT_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "e": "\x1b", "v": "\x0b", "f": "\x0c"}
_SHORT_ESCAPES |= {"r": "\r", "N": "\x85"}


def _unreadable_characters(text: str, display: str) -> list[Problem]:
    """A problem at each character YAML cannot read, up to MAX_CHARACTER_PROBLEMS and a count."""
    problems: list[Problem] = []
    line, column, last = 1, 1, 0
    found = _UNREADABLE.finditer(text)
    for match in found:
        line, column = _advance(text, last, match.start(), line, column)
        last = match.start()
        message = _character_message(match[0])
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            rest = 1 + sum(1 for _ in found)
            message = f"en nog {rest} zulke tekens" if rest > 1 else message
        problems.append(Problem(display, line, column, "", message))
        if len(problems) > MAX_CHARACTER_PROBLEMS:
            break
    return problems


def hidden_character_message(value: str) -> str | None:
    """What is wrong with a text that holds a control or invisible character (as a data file's
    text may not), in Dutch; None when it holds none. For texts read from elsewhere than YAML."""
    first = _HIDDEN.search(value)
    if first is None:
        return None
    return _character_message(first[0], sum(1 for _ in _HIDDEN.finditer(value, first.end())))


def _character_message(char: str, more: int = 0) -> str:
    """'bevat een onzichtbaar teken (U+202E, verandert de schrijfrichting); haal het weg'."""
    code = f"U+{ord(char):04X}"
    if _DIRECTION_RE.fullmatch(char):
        what = f"een onzichtbaar teken ({code}, verandert de schrijfrichting)"
    elif _NO_WIDTH_RE.fullmatch(char):
        what = f"een onzichtbaar teken ({code}, zonder breedte)"
    elif _CONTROL_RE.fullmatch(char):
        what = f"een stuurteken ({code})"
    else:
        what = f"een ongeldig teken ({code})"
    if more == 0:
        return f"bevat {what}; haal het weg"
    others = "1 zulk teken" if more == 1 else f"{more} zulke tekens"
    return f"bevat {what} en nog {others}; haal ze weg"


def _advance(text: str, start: int, end: int, line: int, column: int) -> tuple[int, int]:
    """The line and column of text[end], when text[start] is at line and column."""
    breaks = 0
    after_break = -1
    for match in _BREAK.finditer(text, start, end):
        breaks += 1
        after_break = match.end()
    if breaks == 0:
        return line, column + end - start
    return line + breaks, end - after_break + 1


def _first_hidden_in_source(text: str, start: int, end: int, double_quoted: bool) -> int | None:
    """Where in text[start:end] (a scalar as written) its first hidden character is written."""
    match = _HIDDEN_WRITTEN.search(text, start, end)
    first = match.start() if match else None
    if double_quoted:
        for escape in _ESCAPE.finditer(text, start, end):
            if first is not None and escape.start() > first:
                break
            if _HIDDEN.fullmatch(_unescape(escape[0])):
                return escape.start()
    return first


def _unescape(escape: str) -> str:
    if escape[1] in "xuU" and len(escape) > 2:
        code = int(escape[2:], 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _SHORT_ESCAPES.get(escape[1], escape[1])
