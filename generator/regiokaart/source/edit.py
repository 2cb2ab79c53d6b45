"""Adding or replacing one record in a data file's list as text, so that everything else in the
file (comments, order, quoting, blank lines) stays as the region wrote it.

A file regiokaart writes itself or that a region keeps by hand lists its records as a block list
(`  - id: …`) at one indentation. For anything else (`modules: []`, a flow list) the file is
written anew from its values, keeping only the comment lines at its top.
"""

from collections.abc import Iterable
from enum import Enum
from typing import Any

import yaml

from regiokaart.source.positions import YamlDocument

# libyaml's emitter when PyYAML has it: the same text for the region's records, eight times
# faster (11,500 new records: 2 s, not 15 s), and it reads back as written where the pure-Python
# emitter does not (a NEL in a text).
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Writes a text of several lines as a block (`|-`), as the region's files do, and a value
    used twice (a date) twice rather than as an anchor and an alias."""

    def ignore_aliases(self, _data: Any) -> bool:  # PyYAML's hook; no value gets an alias
        return True


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def plain(value: Any) -> Any:
    """A model dump (mode python) with enum members as their values, dates staying dates."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def new_file(key: str, schema: str, item: dict[str, Any], comment: str) -> str:
    """A data file holding one record, with the schema line every data file starts with."""
    head = f"# yaml-language-server: $schema={schema}\n{key}:\n"
    return head + _block(item, 2, comment)


def add_item(
    text: str, document: YamlDocument, key: str, item: dict[str, Any], comment: str
) -> str:
    """text with item added at the end of its list key, after a comment line."""
    return add_items(text, document, key, [item], comment)


def add_items(
    text: str, document: YamlDocument, key: str, items: Iterable[dict[str, Any]], comment: str
) -> str:
    """text with items added at the end of its list key, each after a comment line; in one go,
    so that many records cost no more than reading the file once. The items are taken one at a
    time (a generator keeps only one in memory)."""
    found = block_item_lines(text, document, key)
    if found is None:
        return _rewritten(text, document, key, [*_items(document, key), *items])
    _, indent = found
    body = text if text.endswith("\n") else text + "\n"
    return body + "".join(_block(item, indent, comment) for item in items)


def replace_item(
    text: str,
    document: YamlDocument,
    key: str,
    index: int,
    item: dict[str, Any] | None,
    comment: str | None,
) -> str:
    """text with the record at index of its list key (and the comment lines just above it) replaced
    by item; the records and comments around it stay as they are. Without a comment the comment
    lines above the record stay too; without an item the record is removed."""
    found = block_item_lines(text, document, key)
    if found is None:
        items = _items(document, key)
        middle = [] if item is None else [item]
        return _rewritten(text, document, key, [*items[:index], *middle, *items[index + 1 :]])
    starts, indent = found
    lines = text.splitlines(keepends=True)
    floor = document.keys.get((key,), (1, 1))[0]  # the line after `key:` (0-based)
    begin = _gap_above(lines, starts[index], indent, starts[index - 1] + 1 if index else floor)
    if comment is None:
        begin = starts[index]
    end = _end_of(lines, starts, indent, index)
    before = "".join(lines[:begin])
    if before and not before.endswith("\n"):
        before += "\n"
    record = "" if item is None else _block(item, indent, comment)
    return before + record + "".join(lines[end:])


def replace_items(
    text: str, document: YamlDocument, key: str, items: dict[int, dict[str, Any] | None]
) -> str:
    """text with the record at each index of its list key replaced by its item (None: removed),
    as replace_item without a comment does for one; in one go, so that many records cost no more
    than reading the file once."""
    found = block_item_lines(text, document, key)
    if found is None:
        kept = [items.get(i, old) for i, old in enumerate(_items(document, key))]
        return _rewritten(text, document, key, [item for item in kept if item is not None])
    starts, indent = found
    lines = text.splitlines(keepends=True)
    # from the last to the first, so that the lines of the records above keep their numbers
    for index in sorted(items, reverse=True):
        item = items[index]
        end = _end_of(lines, starts, indent, index)
        lines[starts[index] : end] = [] if item is None else [_block(item, indent, None)]
    return "".join(lines)


def _end_of(lines: list[str], starts: list[int], indent: int, index: int) -> int:
    """The line after the record at index: where the blank and comment lines above the next
    record begin, or the end of the file."""
    following = starts[index + 1] if index + 1 < len(starts) else len(lines)
    return _gap_above(lines, following, indent, starts[index] + 1)


def block_item_lines(text: str, document: YamlDocument, key: str) -> tuple[list[int], int] | None:
    """The line (0-based) of the dash of each record in the list key and their indentation, when
    the list is a block list at one indentation with each record starting on its dash's line."""
    items = document.data.get(key) if isinstance(document.data, dict) else None
    if not isinstance(items, list) or not items:
        return None
    lines = text.splitlines()
    starts, indents = [], set()
    for index in range(len(items)):
        line, column = document.values.get((key, index), (0, 0))
        if not 1 <= line <= len(lines):
            return None
        row = lines[line - 1]
        indent = len(row) - len(row.lstrip(" "))
        if not row[indent:].startswith("-") or indent >= column - 1:
            return None
        starts.append(line - 1)
        indents.add(indent)
    return (starts, indents.pop()) if len(indents) == 1 else None


def _gap_above(lines: list[str], row: int, indent: int, floor: int) -> int:
    """The first of the blank lines and comment lines (at most as indented as the dashes, so never
    part of a text block of the record above) directly above row, not above floor."""
    while row - 1 >= floor and _is_gap(lines[row - 1], indent):
        row -= 1
    return row


def _is_gap(line: str, indent: int) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= indent


def _block(item: dict[str, Any], indent: int, comment: str | None) -> str:
    """item as one record of a block list at indent, after a blank line and a comment line (with
    no comment: the record alone, to stand where another was)."""
    dumped = dump([item])
    pad = " " * indent
    lines = [pad + line if line else line for line in dumped.splitlines()]
    if comment is None:
        return "\n".join(lines) + "\n"
    return "\n" + "\n".join([f"{pad}# {' '.join(comment.split())}", *lines]) + "\n"


def _items(document: YamlDocument, key: str) -> list[Any]:
    items = document.data.get(key) if isinstance(document.data, dict) else None
    return list(items) if isinstance(items, list) else []


def _rewritten(text: str, document: YamlDocument, key: str, items: list[Any]) -> str:
    """The file written anew: its top comment lines, then key with items as a block list."""
    head = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            break
        head.append(line if line.endswith("\n") else line + "\n")
    others = {k: v for k, v in document.data.items() if k != key}
    body = dump({key: items, **others})
    return "".join(head) + body
