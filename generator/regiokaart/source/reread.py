"""Reads a data file again after an edit inside one of its records, reusing the earlier read of the
rest: the same YamlDocument a whole read gives, for a fraction of the work (regiokaart serve, where
reading all of a national offers.yaml takes seconds and an edit touches one offer).

Only when it is sure: the edit lies inside one record of a block list (not the last, whose end is
not marked by the next one), the record alone reads without any problem, it repeats (*name) no
more than before, and no anchor (&name) it defines changes what another record holds. Otherwise
`None`, and the caller reads the whole file (which also reports every problem where it is).
"""

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from regiokaart.problems import Problem
from regiokaart.source.edit import block_item_lines
from regiokaart.source.positions import (
    MAX_FILE_BYTES,
    PathKey,
    YamlDocument,
    parse_yaml_bytes,
    parse_yaml_text,
    read_regular_file,
    value_at,
)

# Line breaks other than \n (PyYAML counts these as line breaks too): such texts are read whole.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")
_ANCHOR = re.compile(r"(?<![^\s\[{,:-])&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"(?<![^\s\[{,:-])\*([^\s,\[\]{}]+)")


@dataclass(frozen=True)
class _Segment:
    """Lines of the text read alone, and where they are in the file (both 0-based)."""

    first: int  # in the text read alone
    count: int
    file_first: int  # in the file

    def file_line(self, line: int) -> int | None:
        """The file's line (1-based) for a line (1-based) of the text read alone in this segment."""
        offset = line - 1 - self.first
        return self.file_first + offset + 1 if 0 <= offset < self.count else None


def reread_after_edit(old_text: str, old: YamlDocument, new_text: str) -> YamlDocument | None:
    """The document of new_text, made from old (the whole read of old_text, without problems) and a
    read of the one record that changed; None when that cannot be done with certainty."""
    if not old.complete or not isinstance(old.data, dict):
        return None
    if _OTHER_BREAKS.search(old_text) or _OTHER_BREAKS.search(new_text):
        return None
    if old_text.startswith("\ufeff") or new_text.startswith("\ufeff"):
        return None
    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    first, old_end, new_end = _changed_lines(old_lines, new_lines)
    found = _record_around(old_text, old, first, old_end)
    if found is None:
        return None
    key, index, starts, indent = found
    begin, end = starts[index], starts[index + 1]  # the record's lines, 0-based, end exclusive
    delta = new_end - old_end
    record = new_lines[begin : end + delta]
    if not record or not _starts_a_record(record[0], indent):
        return None
    # A repeat (*name) more than before could take the whole file past the limit of what aliases
    # may add (yamlsource.ALIAS_ALLOWANCE), which only the whole read counts.
    if not Counter(_ALIAS.findall("\n".join(record))) <= Counter(
        _ALIAS.findall("\n".join(old_lines[begin:end]))
    ):
        return None
    read = _read_record(old_lines, starts, index, record, old.file)
    was = _read_record(old_lines, starts, index, old_lines[begin:end], old.file)
    if read is None or was is None:
        return None
    if not _anchors_kept(old_lines, starts, index, record, was, read):
        return None
    return _spliced(old, (key, index), was, read, end, delta)


def _changed_lines(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """The first line that differs, and the end (exclusive) of the differing lines in old and in
    new: everything before and after is the same in both."""
    shorter = min(len(old), len(new))
    first = next((n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), shorter)
    tail = shorter - first
    pairs = zip(reversed(old), reversed(new), strict=False)
    same_at_end = next((n for n, (a, b) in enumerate(pairs) if a != b or n >= tail), tail)
    return first, len(old) - same_at_end, len(new) - same_at_end


def _record_around(
    text: str, old: YamlDocument, first: int, end: int
) -> tuple[str, int, list[int], int] | None:
    """The list key and index of the record whose lines hold lines first..end (0-based, end
    exclusive) of old (lines inserted at first: the record holding the line before), with the first
    line of each record of that list and the list's indentation. None when no single record (but
    the list's last) holds them all."""
    assert isinstance(old.data, dict)
    low, high = (first - 1, first - 1) if end == first else (first, end - 1)
    for key, items in old.data.items():
        if not isinstance(key, str) or not isinstance(items, list) or len(items) < 2:
            continue
        found = block_item_lines(text, old, key)
        if found is None:
            continue
        starts, indent = found
        if any(later <= earlier for earlier, later in itertools.pairwise(starts)):
            continue
        for index in range(len(starts) - 1):
            if starts[index] <= low and high < starts[index + 1]:
                return key, index, starts, indent
    return None


def _starts_a_record(line: str, indent: int) -> bool:
    """The line holds a record's dash at the list's indentation, so nothing before joins it."""
    return line[:indent] == " " * indent and line[indent : indent + 2] in ("- ", "-")


def _read_record(
    old_lines: list[str], starts: list[int], index: int, record: list[str], file: str
) -> tuple[YamlDocument, list[_Segment]] | None:
    """The record read as a list of its own; when it names anchors (*name) of earlier records,
    after those records, so that its last item is the record. None at any problem."""
    alone = [_Segment(0, len(record), starts[index])]
    read, problems = parse_yaml_text("\n".join(record) + "\n", file, check_text=True)
    if not problems:
        return (read, alone) if isinstance(read.data, list) and len(read.data) == 1 else None
    records: list[int] = []
    for name in dict.fromkeys(_ALIAS.findall("\n".join(record))):
        defining = _defining_record(old_lines, starts, index, name)
        if defining is None:
            return None
        records.append(defining)
    if not records:
        return None
    segments: list[_Segment] = []
    lines: list[str] = []
    for other in sorted(set(records)):
        part = old_lines[starts[other] : starts[other + 1]]
        segments.append(_Segment(len(lines), len(part), starts[other]))
        lines += part
    segments.append(_Segment(len(lines), len(record), starts[index]))
    lines += record
    read, problems = parse_yaml_text("\n".join(lines) + "\n", file, check_text=True)
    if problems or not isinstance(read.data, list) or len(read.data) != len(segments):
        return None
    return read, segments


def _defining_record(old_lines: list[str], starts: list[int], index: int, name: str) -> int | None:
    """The last record before index whose lines define the anchor &name (YAML takes the last)."""
    pattern = _named("&", name)
    for other in range(index - 1, -1, -1):
        if pattern.search("\n".join(old_lines[starts[other] : starts[other + 1]])):
            return other
    return None


def _spliced(
    old: YamlDocument,
    prefix: PathKey,
    was: tuple[YamlDocument, list[_Segment]],
    read: tuple[YamlDocument, list[_Segment]],
    end: int,
    delta: int,
) -> YamlDocument | None:
    """old with its record at prefix (as was read) replaced by the record as read; the positions
    after the record's old lines (end, 0-based exclusive) move by delta lines."""
    values, keys = dict(old.values), dict(old.keys)
    for table, before in ((values, was[0].values), (keys, was[0].keys)):
        for path in _placed(before, was[1], prefix) or {}:
            table.pop(path, None)
        if delta:
            for path, (line, column) in list(table.items()):
                if line > end:
                    table[path] = (line + delta, column)
    for table, after in ((values, read[0].values), (keys, read[0].keys)):
        placed = _placed(after, read[1], prefix)
        if placed is None:
            return None
        table.update(placed)
    key, index = prefix
    assert isinstance(old.data, dict) and isinstance(read[0].data, list)
    records = list(old.data[key])
    records[int(index)] = read[0].data[-1]
    data = {**old.data, key: records}
    return YamlDocument(old.file, data, values, keys, complete=True)


def _placed(
    table: dict[PathKey, tuple[int, int]], segments: list[_Segment], prefix: PathKey
) -> dict[PathKey, tuple[int, int]] | None:
    """The positions of the record (the last item of a read) at its path and lines in the file."""
    own = len(segments) - 1
    placed: dict[PathKey, tuple[int, int]] = {}
    for path, (line, column) in table.items():
        if not path or path[0] != own:
            continue
        file_line = next((n for s in segments if (n := s.file_line(line)) is not None), None)
        if file_line is None:
            return None
        placed[(*prefix, *path[1:])] = (file_line, column)
    return placed


def _anchors_kept(
    old_lines: list[str],
    starts: list[int],
    index: int,
    new_record: list[str],
    was: tuple[YamlDocument, list[_Segment]],
    read: tuple[YamlDocument, list[_Segment]],
) -> bool:
    """No other record names (*name) an anchor this record defines, before or after the edit; or
    each such anchor stays at its place with the same value, its contents at the same places, so
    what the other records hold through it is the same too."""
    begin, end = starts[index], starts[index + 1]
    old_record = old_lines[begin:end]
    names = set(_ANCHOR.findall("\n".join(old_record))) | set(
        _ANCHOR.findall("\n".join(new_record))
    )
    if not names:
        return True
    outside = "\n".join(old_lines[:begin] + old_lines[end:])
    for name in names:
        if not _named(r"\*", name).search(outside):
            continue
        place = _anchor_place(old_record, begin, name)
        if place is None or place != _anchor_place(new_record, begin, name):
            return False
        if _anchored(*was, place) != _anchored(*read, place):
            return False
    return True


def _named(sigil: str, name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\s\[{,:-])" + sigil + re.escape(name) + r"(?![^\s,\[\]{}])")


def _anchor_place(record: list[str], first_line: int, name: str) -> tuple[int, int] | None:
    """Line and column (1-based, in the file) of the only &name in the record's lines."""
    pattern = _named("&", name)
    places = [
        (first_line + number + 1, match.start() + 1)
        for number, line in enumerate(record)
        for match in pattern.finditer(line)
    ]
    return places[0] if len(places) == 1 else None


def _anchored(read: YamlDocument, segments: list[_Segment], place: tuple[int, int]) -> object:
    """The value the record (the last item of read) anchors at place (in the file), with the
    places in the file of all it holds."""

    def at(position: tuple[int, int]) -> tuple[int | None, int]:
        line = next((n for s in segments if (n := s.file_line(position[0])) is not None), None)
        return line, position[1]

    paths = sorted(
        (p for p, v in read.values.items() if p[:1] == (len(segments) - 1,) and at(v) == place),
        key=len,
    )
    if not paths:
        return None
    anchored = paths[0]
    inside = sorted(
        (table, path[len(anchored) :], at(position))
        for table, positions in (("values", read.values), ("keys", read.keys))
        for path, position in positions.items()
        if path[: len(anchored)] == anchored
    )
    return value_at(read.data, anchored), inside


def changed_records(old: object, new: object) -> list[PathKey] | None:
    """The paths (list key, index) of the records of new that are not the very objects of old, when
    new is old's data with records replaced (as reread_after_edit makes it); None when anything
    else differs. A file read as the same document has none."""
    if new is old:
        return []
    if not isinstance(old, dict) or not isinstance(new, dict) or old.keys() != new.keys():
        return None
    paths: list[PathKey] = []
    for key, records in new.items():
        if records is old[key]:
            continue
        if not isinstance(records, list) or not isinstance(old[key], list):
            return None
        if len(records) != len(old[key]):
            return None
        paths += [(key, i) for i, record in enumerate(records) if record is not old[key][i]]
    return paths


@dataclass
class KeptReads:
    """read_yaml with a memory of the last read of each file: an unchanged file is not read again,
    an edit inside one record reads only that record (reread_after_edit)."""

    _last: dict[Path, tuple[bytes, YamlDocument, list[Problem]]] = field(default_factory=dict)

    def read(self, path: Path, display: str) -> tuple[YamlDocument, list[Problem]]:
        raw, problem = read_regular_file(path, display, MAX_FILE_BYTES)
        if problem is not None or raw is None:
            self._last.pop(path, None)
            return YamlDocument(display), [problem] if problem else []
        last = self._last.get(path)
        if last is not None and last[0] == raw and last[1].file == display:
            return last[1], list(last[2])
        document, problems = self._reread(last, raw, display) or parse_yaml_bytes(raw, display)
        self._last[path] = (raw, document, list(problems))
        return document, problems

    @staticmethod
    def _reread(
        last: tuple[bytes, YamlDocument, list[Problem]] | None, raw: bytes, display: str
    ) -> tuple[YamlDocument, list[Problem]] | None:
        if last is None or last[2] or last[1].file != display:
            return None
        try:
            old_text, new_text = last[0].decode("utf-8"), raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        document = reread_after_edit(old_text, last[1], new_text)
        return None if document is None else (document, [])
