"""Property-based: random and mutated YAML never makes loading or validation raise."""

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_data
from generator.load import DATA_FILES
from tests.conftest import FIXTURE

FILES = sorted(name for name, _ in DATA_FILES.values())
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _fresh_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(FIXTURE / "data", target)
    return target


def _assert_located(data: Path) -> None:
    """Checking never raises, and every problem names an existing file and a line and column."""
    dataset, problems = check_data(data)
    for problem in problems:
        assert problem.file.endswith(tuple(FILES)), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message, problem
    assert (dataset is None) == any(p.severity == "fout" for p in problems)


@SETTINGS
@given(file=st.sampled_from(FILES), text=st.text(max_size=300))
def test_random_text_never_raises(tmp_path: Path, file: str, text: str) -> None:
    data = _fresh_copy(tmp_path)
    (data / file).write_text(text, encoding="utf-8")
    _assert_located(data)


@SETTINGS
@given(file=st.sampled_from(FILES), blob=st.binary(max_size=200))
def test_random_bytes_never_raise(tmp_path: Path, file: str, blob: bytes) -> None:
    data = _fresh_copy(tmp_path)
    (data / file).write_bytes(blob)
    _assert_located(data)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(
        ["vrijwillig", "intieme-terreur", "steungroep", "https://x.nl/", "06-12345678"]
    ),
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


@SETTINGS
@given(
    file=st.sampled_from(FILES), choice=st.integers(0, 10_000), value=values, delete=st.booleans()
)
def test_mutated_fixture_never_raises(
    tmp_path: Path, file: str, choice: int, value: object, delete: bool
) -> None:
    data = _fresh_copy(tmp_path)
    document = yaml.safe_load((data / file).read_text(encoding="utf-8"))
    paths = [p for p in _paths(document) if p]
    path = paths[choice % len(paths)]
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    (data / file).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _assert_located(data)
