"""Load plus cross-file validation: everything `regiokaart check` reports."""

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from regiokaart import resources
from regiokaart.checks.validate import (
    check_contact_routes,
    check_privacy,
    data_texts,
    function_mailboxes,
    validate_data,
)
from regiokaart.dataset import Dataset, build_dataset
from regiokaart.dataset.load import DATA_FILES, LoadedData, ReadYaml, load_data, national_layer_for
from regiokaart.models.privacy import SiteText
from regiokaart.problems import Problem, has_errors
from regiokaart.routes import MARKDOWN_SUFFIXES
from regiokaart.source.positions import read_yaml, unreadable_file
from regiokaart.source.project import folder_error, folder_problem, present

# Hand-written files that reach the site as they are or through a template: the region's content/
# beside its data/, and the engine configuration and theme that ship with regiokaart.
REGION_HAND_WRITTEN = ("content",)
PAGE_IS_A_FOLDER = "is een map, geen pagina: een pagina is een bestand"
TEXT_SUFFIXES = frozenset(
    {".md", ".markdown", ".html", ".htm", ".txt", ".csv", ".json", ".svg", ".xml", ".yml", ".yaml"}
    | {".js", ".mjs", ".css"}  # theme assets: a comment or a string in a script is published too
)


def check_data(
    data_dir: Path, today: date | None = None, read: ReadYaml = read_yaml
) -> tuple[Dataset | None, list[Problem]]:
    """All problems in data_dir and in the hand-written files of its project (the folder holding
    data_dir: content/) and the theme and configuration that ship with regiokaart, and the Dataset
    when there are no errors. read reads one data file (see load_data)."""
    loaded, problems = load_data(data_dir, read=read)
    return check_loaded(loaded, problems, lambda: site_texts(loaded, data_dir.parent), today)


def check_loaded(
    loaded: LoadedData,
    problems: list[Problem],
    texts: Callable[[], tuple[list[SiteText], list[Problem]]],
    today: date | None = None,
) -> tuple[Dataset | None, list[Problem]]:
    """check_data after loading: the problems of loading, the rules across files, the privacy of
    texts (every text that reaches the site: site_texts) and the Dataset when there are no errors."""
    problems = problems + validate_data(loaded, today)
    checked, unreadable = texts()
    problems += unreadable
    problems += check_privacy(checked, function_mailboxes(loaded))
    if has_errors(problems):
        return None, problems
    dataset = build_dataset(loaded)
    return dataset, problems + check_contact_routes(loaded, dataset)


def check_with_texts(
    data_dir: Path, texts: dict[str, str], today: date | None = None
) -> tuple[Dataset | None, list[Problem]]:
    """The dataset and the errors `regiokaart check` would find with texts (file name -> text)
    written: checked in a copy of the region's data files (beside the national layer it uses), so
    the region's own stay untouched; errors are named after the region's own files."""
    with tempfile.TemporaryDirectory(prefix="regiokaart-import-") as folder:
        copy = Path(folder, "data")
        copy.mkdir()
        for data_file in DATA_FILES.values():
            path = data_dir / data_file.name
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError:
                continue  # not there; a file that cannot be read was reported by the first check
            if regular:
                shutil.copyfile(path, copy / data_file.name)
        national = national_layer_for(data_dir)
        if national.parent == data_dir.parent:
            shutil.copytree(national, Path(folder, "national"))
        for name, text in texts.items():
            (copy / name).write_text(text, encoding="utf-8")
        dataset, problems = check_data(copy, today)
        errors = [_located_in(p, copy, data_dir) for p in problems if has_errors([p])]
    return dataset, errors


def _located_in(problem: Problem, copy: Path, data_dir: Path) -> Problem:
    """A problem found in the temporary copy, named after the region's own file."""
    if problem.file.startswith(str(copy)):
        return replace(problem, file=str(data_dir) + problem.file[len(str(copy)) :])
    return problem


def site_texts(loaded: LoadedData, project: Path) -> tuple[list[SiteText], list[Problem]]:
    """Every text that reaches the site: each string in the data and each text file of content/,
    the shipped theme and mkdocs.yml; and a problem for each of those files that cannot be read."""
    texts = list(data_texts(loaded.documents))
    problems = []
    for path in _hand_written_files(project):
        if isinstance(path, Problem):  # a folder that cannot be read
            problems.append(path)
            continue
        text, problem = _read_site_file(path)
        if text is not None:
            texts.append(text)
        if problem is not None:
            problems.append(problem)
    return texts, problems


def _hand_written_files(project: Path) -> Iterator[Path | Problem]:
    """The text files of content/ (a region may have none), mkdocs.yml and the theme, and a
    problem for each of their folders that cannot be read: no page may be left out unchecked."""
    for name in REGION_HAND_WRITTEN:
        if present(project / name):
            yield from _text_files_in(project / name)
    yield resources.BASE_CONFIG
    yield from _text_files_in(resources.THEME_DIR)


def _text_files_in(top: Path) -> Iterator[Path | Problem]:
    unreadable = folder_problem(top, _display_name(top))
    if unreadable is not None:
        yield unreadable
        return
    errors: list[OSError] = []
    # os.walk does not follow a symbolic link to a folder, so a link loop cannot trap it
    for folder, subfolders, files in os.walk(top, onerror=errors.append):
        subfolders.sort()
        for subfolder in subfolders:
            # over.md made a folder: the engine would silently leave the page out
            if Path(subfolder).suffix.lower() in MARKDOWN_SUFFIXES:
                yield Problem(_display_name(Path(folder, subfolder)), 1, 1, "", PAGE_IS_A_FOLDER)
        for file in sorted(files):
            if Path(file).suffix.lower() in TEXT_SUFFIXES:
                yield Path(folder, file)
    for error in errors:
        unopened = Path(error.filename)
        yield folder_error(unopened, error, _display_name(unopened))


def _read_site_file(path: Path) -> tuple[SiteText | None, Problem | None]:
    """The text of a hand-written file, or why it cannot be checked."""
    display = _display_name(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the check forever
            return None, Problem(
                display, 1, 1, "", "geen gewoon bestand; kan niet gecontroleerd worden"
            )
        raw = path.read_bytes()
    except OSError as error:
        return None, unreadable_file(path, display, error)
    # Not UTF-8 is MkDocs' message to give; the digits and '@' of such a file are still checked.
    return SiteText(display, raw.decode("utf-8", errors="replace"), whole_file=True), None


def _display_name(path: Path) -> str:
    """path as messages show it: relative to the working folder when inside it (content/over.md)."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
