"""Property-based: random, mutated and hostile input never makes checking raise, hang or run away.

Every case must finish within the deadline (hypothesis' own timing, not an assertion of ours), and
every problem names its file, line and column. The cases: random text and bytes, mutated fixture
data, long texts around the cap, nested aliases, control and invisible characters written anywhere
in a text (raw or as an escape), and data files that are no regular files.
"""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regiokaart.checks.check import check_data
from regiokaart.dataset.load import DATA_FILES
from regiokaart.models.common import MAX_TEXT_CHARS
from regiokaart.problems import Problem
from regiokaart.source.positions import ALIAS_ALLOWANCE, parse_yaml_text
from tests.conftest import FIXTURE, fifo_at

# Where each data file of the fixture is: its national layer (national/) or its own folder (data/).
FOLDER_OF = {
    path.name: path.parent.name
    for folder in ("national", "data")
    for path in sorted((FIXTURE / folder).glob("*.yaml"))
}
FILES = sorted(FOLDER_OF)
assert set(FILES) == {data_file.name for data_file in DATA_FILES.values()}
# Each case takes some tens of milliseconds; the deadline catches work that runs away.
DEADLINE = timedelta(seconds=3)


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=DEADLINE,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


class Fixture:
    """A copy of the fixture region's data in tmp_path, put back after each example."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path
        self.data = tmp_path / "data"
        for folder in ("data", "national"):
            if not (tmp_path / folder).exists():
                shutil.copytree(FIXTURE / folder, tmp_path / folder)

    def text(self, file: str) -> str:
        return (FIXTURE / FOLDER_OF[file] / file).read_text(encoding="utf-8")

    @contextmanager
    def changed(self, file: str) -> Iterator[Path]:
        """The path of file, to change at will; the original is back afterwards."""
        path = self.root / FOLDER_OF[file] / file
        try:
            yield path
        finally:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
            shutil.copy(FIXTURE / FOLDER_OF[file] / file, path)


def _assert_located(data: Path) -> list[Problem]:
    """Checking never raises, and every problem names an existing file and a line and column."""
    dataset, problems = check_data(data)
    for problem in problems:
        assert problem.file.endswith(tuple(FILES)), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message, problem
        assert "\n" not in problem.format(), problem
    assert (dataset is None) == any(p.severity == "fout" for p in problems)
    return problems


@fuzz(200)
@given(file=st.sampled_from(FILES), text=st.text(max_size=300))
def test_random_text_never_raises(tmp_path: Path, file: str, text: str) -> None:
    fixture = Fixture(tmp_path)
    with fixture.changed(file) as path:
        path.write_text(text, encoding="utf-8")
        _assert_located(fixture.data)


@fuzz(150)
@given(file=st.sampled_from(FILES), blob=st.binary(max_size=200))
def test_random_bytes_never_raise(tmp_path: Path, file: str, blob: bytes) -> None:
    fixture = Fixture(tmp_path)
    with fixture.changed(file) as path:
        path.write_bytes(blob)
        _assert_located(fixture.data)


long_texts = st.builds(
    lambda unit, length: (unit * (length // len(unit) + 1))[:length].strip() or "x",
    st.sampled_from(["woord ", "a", "info@", "06", "x.y@", "\u00e9\u00e9n "]),
    st.integers(MAX_TEXT_CHARS - 5, MAX_TEXT_CHARS + 5) | st.integers(0, 3 * MAX_TEXT_CHARS),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(
        ["vrijwillig", "intieme-terreur", "steungroep", "https://x.nl/", "06-12345678"]
    ),
    long_texts,
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, (*path, index))
    return out


@fuzz(200)
@given(
    file=st.sampled_from(FILES), choice=st.integers(0, 10_000), value=values, delete=st.booleans()
)
def test_mutated_fixture_never_raises(
    tmp_path: Path, file: str, choice: int, value: object, delete: bool
) -> None:
    fixture = Fixture(tmp_path)
    document = yaml.safe_load(fixture.text(file))
    paths = [p for p in _paths(document) if p]
    path = paths[choice % len(paths)]
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    with fixture.changed(file) as target:
        target.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        _assert_located(fixture.data)


# Fields that are free text (Text) in every file that has them.
TEXT_FIELDS = {"name", "title", "summary", "text", "description", "goal", "definition", "section"}


def _text_values(file: str) -> list[tuple[str, int, int]]:
    """(field, start, end) of each one-line plain text value of a free-text field, as written."""
    text = (FIXTURE / FOLDER_OF[file] / file).read_text(encoding="utf-8")
    found = []
    for node in _nodes(yaml.compose(text)):
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, value in node.value:
            if (
                key.value in TEXT_FIELDS
                and isinstance(value, yaml.ScalarNode)
                and value.style is None
                and value.start_mark.line == value.end_mark.line
            ):
                found.append((key.value, value.start_mark.index, value.end_mark.index))
    return found


def _nodes(node: yaml.Node) -> Iterator[yaml.Node]:
    yield node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key)
            yield from _nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item)


TEXT_VALUES = [(file, *value) for file in FILES for value in _text_values(file)]


@fuzz(100)
@given(
    choice=st.integers(0, len(TEXT_VALUES) - 1),
    unit=st.sampled_from(["woord ", "a", "0612345678 ", "info@x.nl ", "\u00e9"]),
    length=st.integers(MAX_TEXT_CHARS - 3, MAX_TEXT_CHARS + 3) | st.integers(1, 5 * MAX_TEXT_CHARS),
)
def test_long_text_is_capped_where_written(
    tmp_path: Path, choice: int, unit: str, length: int
) -> None:
    fixture = Fixture(tmp_path)
    file, field, start, end = TEXT_VALUES[choice]
    original = fixture.text(file)
    long = (unit * (length // len(unit) + 1))[:length].strip()
    line = original.count("\n", 0, start) + 1
    column = start - (original.rfind("\n", 0, start) + 1) + 1
    with fixture.changed(file) as path:
        path.write_text(original[:start] + f'"{long}"' + original[end:], encoding="utf-8")
        problems = _assert_located(fixture.data)
    too_long = [p for p in problems if p.message.startswith("te lang")]
    if len(long) > MAX_TEXT_CHARS:
        assert [(p.file.endswith(file), p.line, p.column) for p in too_long] == [
            (True, line, column)
        ], problems
        assert too_long[0].field.endswith(field)
    else:
        assert too_long == [], problems


@st.composite
def alias_documents(draw: st.DrawFn) -> str:
    """Aliases of aliases: each level repeats earlier levels a few times (a 'billion laughs' when
    the levels and the repeats are many)."""
    levels = draw(st.integers(1, 14))
    rows = ['l0: &a0 ["ha", {x: 1}]']
    for level in range(1, levels + 1):
        items = draw(st.lists(st.integers(0, level - 1), min_size=1, max_size=12))
        flow = ", ".join(f"*a{i}" for i in items)
        rows.append(f"l{level}: &a{level} [{flow}]")
    if draw(st.booleans()):
        rows.append(f"l{levels + 1}: [*a{levels}, *a{levels}]")
    return "\n".join(rows) + "\n"


@fuzz(120)
@given(document=alias_documents(), file=st.sampled_from(FILES))
def test_nested_aliases_are_bounded_and_located(tmp_path: Path, document: str, file: str) -> None:
    parsed, problems = parse_yaml_text(document, file)
    assert len(parsed.values) <= 12 * ALIAS_ALLOWANCE
    for problem in problems:
        written = document.splitlines()[problem.line - 1][problem.column - 1 :]
        assert written.startswith("*a"), (problem, written)
        assert "herhaalt te veel" in problem.message, problem
    fixture = Fixture(tmp_path)
    with fixture.changed(file) as path:
        path.write_text(fixture.text(file) + document, encoding="utf-8")
        _assert_located(fixture.data)


HIDDEN = (
    [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
    + [chr(c) for c in range(0x7F, 0xA0) if c != 0x85]
    + list("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
    + list("\u2060\u2066\u2067\u2068\u2069\ufeff")
)


def _scalars_as_written(file: str) -> list[tuple[int, int, bool]]:
    """(start, end, plain) of each one-line scalar (key or value) as written between its quotes, if
    any; plain when it has no quotes and no backslashes, so it can be rewritten double-quoted."""
    text = (FIXTURE / FOLDER_OF[file] / file).read_text(encoding="utf-8")
    found = []
    for node in _nodes(yaml.compose(text)):
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
            continue
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("'", '"'):
            start, end = start + 1, end - 1
        if end > start and node.style in (None, "'", '"'):
            plain = node.style is None and not any(c in node.value for c in '"\\')
            found.append((start, end, plain))
    return found


SCALARS = [(file, *scalar) for file in FILES for scalar in _scalars_as_written(file)]


@fuzz(250)
@given(
    choice=st.integers(0, len(SCALARS) - 1),
    offset=st.integers(0, 200),
    char=st.sampled_from(HIDDEN),
    escaped=st.booleans(),
)
def test_hidden_character_is_located_where_written(
    tmp_path: Path, choice: int, offset: int, char: str, escaped: bool
) -> None:
    fixture = Fixture(tmp_path)
    file, start, end, plain = SCALARS[choice]
    original = fixture.text(file)
    if escaped and plain:
        # the text as a double-quoted scalar, the character written as an escape (\u202E)
        value = original[start:end]
        cut = offset % (len(value) + 1)
        written = f'"{value[:cut]}\\u{ord(char):04X}{value[cut:]}"'
        at = start + 1 + cut
    else:
        cut = offset % (end - start)
        written = original[start:end][:cut] + char + original[start:end][cut:]
        at = start + cut
    changed = original[:start] + written + original[end:]
    line = changed.count("\n", 0, at) + 1
    column = at - (changed.rfind("\n", 0, at) + 1) + 1
    with fixture.changed(file) as path:
        path.write_text(changed, encoding="utf-8")
        problems = _assert_located(fixture.data)
    if at == 0 and char == "\ufeff":  # a byte order mark, which is fine at the very start
        assert not [p for p in problems if p.file.endswith(file)], problems
        return
    code = f"U+{ord(char):04X}"
    here = [p for p in problems if p.file.endswith(file) and (p.line, p.column) == (line, column)]
    assert any(code in p.message and "haal" in p.message for p in here), (line, column, problems)


NOT_FILES = {
    "fifo": "is een pijp (FIFO), geen gegevensbestand",
    "directory": "is een map, geen gegevensbestand",
    "device": "is een apparaat, geen gegevensbestand",
    "loop": "is een symbolische koppeling die in een kring naar zichzelf wijst",
    "dangling": "is een symbolische koppeling naar 'weg.yaml', maar dat bestand bestaat niet",
}


@fuzz(55)
@given(file=st.sampled_from(FILES), kind=st.sampled_from(sorted(NOT_FILES)))
def test_data_file_that_is_no_file_is_one_message(tmp_path: Path, file: str, kind: str) -> None:
    fixture = Fixture(tmp_path)
    with fixture.changed(file) as path:
        path.unlink()
        if kind == "fifo":
            with fifo_at(path):
                problems = _assert_located(fixture.data)
        else:
            if kind == "directory":
                path.mkdir()
            else:
                path.symlink_to({"device": "/dev/null", "loop": file, "dangling": "weg.yaml"}[kind])
            problems = _assert_located(fixture.data)
    mine = [p.format() for p in problems if p.file.endswith(file)]
    assert mine == [f"{fixture.root / FOLDER_OF[file] / file}:1:1: {NOT_FILES[kind]}"], mine
