"""regiokaart build: validate -> generate pages -> stage -> MkDocs -> search index -> verify -> swap.

Each page is checked for personal data as the engine writes it (published_privacy.py); a finding
fails the build before the swap.

site/ is only ever the old or the new complete site. The new one is built in a staging folder beside
it, checked against every file the build meant to write, and put in place with one atomic exchange
of the two folders (renameat2 RENAME_EXCHANGE on Linux), so neither a reader nor a crash at any
moment finds half a site or none; site/ stays a plain folder to open, serve or copy. Where the system
cannot exchange, two renames are used, and the next build first undoes a crash between them.
Leftovers of interrupted builds are removed at the start of the next build. A site that is a
symlink is built where it points: the link stays and its target is replaced. content/ and data/
are only read.
"""

import contextlib
import ctypes
import errno
import functools
import html
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
import yaml

from regiokaart import resources
from regiokaart.checks.check import check_data
from regiokaart.dataset import Dataset
from regiokaart.site.engines import DEFAULT_ENGINE, render_site
from regiokaart.site.engines.mkdocs.engine import HOOKS, STAGED_CONFIG, EngineFailed, write_config
from regiokaart.site.pages import render_abbreviation_definitions, render_pages
from regiokaart.problems import Problem, Severity, describe_os_error
from regiokaart.site.published_privacy import published_check
from regiokaart.routes import MARKDOWN_SUFFIXES, NavItem, directory_url, is_markdown, site_nav
from regiokaart.site.search import SearchIndexFailed, index_site, page_stream

STAGING_PREFIX = ".staging-"
# tempfile.mkdtemp adds 8 characters; versions before this one left no process id in the name.
STAGING_NAME = re.compile(r"\.staging-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}")
LEGACY_STALE_AFTER = 24 * 60 * 60  # seconds; no build runs this long
# Pagefind's script and the entry to its index; its chunks are named by content.
SEARCH_INDEX = ("pagefind/pagefind.js", "pagefind/pagefind-entry.json")
MISSING_SHOWN = 10


class BuildFailed(Exception):
    """The build stopped; problems say why. The site folder was not replaced."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class BuildResult:
    site_dir: Path
    target: Path  # the folder written: site_dir, or where it points when it is a symlink
    page_count: int
    warnings: list[Problem] = field(default_factory=list)


def build_site(
    project: Path, site_dir: Path, *, strict: bool = False, engine: str = DEFAULT_ENGINE
) -> BuildResult:
    """Build the portal of project into site_dir (or where it points); the old site stays until the
    new one is complete, and is replaced in one atomic step."""
    project = project.resolve()
    target = prepare_site_location(project, site_dir)
    notes = restore_interrupted_swap(target, site_dir) + remove_leftovers(target, site_dir)
    try:
        page_count, warnings = build_and_swap(
            project, site_dir, target, strict=strict, engine=engine
        )
    except BuildFailed as failure:
        raise BuildFailed(notes + failure.problems) from None
    return BuildResult(site_dir, target, page_count, notes + warnings)


def build_and_swap(
    project: Path, site_dir: Path, target: Path, *, strict: bool, engine: str = DEFAULT_ENGINE
) -> tuple[int, list[Problem]]:
    """The pipeline: check -> pages -> nav -> stage -> MkDocs -> search index -> verify -> swap."""
    with staging_folder(target, site_dir) as staging:
        staged = check_and_stage(project, staging)
        built = staging / "site"
        with published_check(staged.function_mailboxes) as published:
            render_and_index(staged.config, built, strict=strict, engine=engine)
        verify_staged_site(built, staged.expected, site_dir)
        refuse_personal_data(published.problems(project, staged.expected, site_dir))
        swap_in(built, target)
    removed = not_removed(site_dir, staging, old_copy(target))
    return count_pages(staged.expected), staged.warnings + removed


@dataclass
class Staged:
    """What the engine needs of a checked and staged project, and what the site must hold."""

    config: Path
    expected: dict[str, str]
    warnings: list[Problem]
    function_mailboxes: list[str] = field(default_factory=list)  # no person's address


def check_and_stage(project: Path, staging: Path) -> Staged:
    """Check the data, generate the pages and stage them for the engine. The data and the pages
    are let go on return, so the engine reuses their memory (the build's peak is lower)."""
    dataset, problems = check_data(project / "data")
    if dataset is None:
        raise BuildFailed(problems)
    pages = generate_pages(project, dataset)
    expected = expected_site_files(pages, project / "content", resources.THEME_DIR)
    config = stage_for_engine(project, dataset, staging, pages)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return Staged(config, expected, warnings, list(dataset.region.function_mailboxes))


# ---------------------------------------------------------------------------------------------
# Pages and staging


def generate_pages(project: Path, dataset: Dataset) -> dict[str, str | bytes]:
    """The generated pages and assets; a broken page template is a located problem."""
    try:
        return render_pages(dataset, resources.PAGE_TEMPLATES)
    except jinja2.TemplateError as error:
        raise BuildFailed([template_problem(project, error)]) from None


def template_problem(project: Path, error: jinja2.TemplateError) -> Problem:
    """A located message for a broken page template in theme/regiokaart/."""
    name = getattr(error, "name", None) or getattr(error, "filename", None) or "theme/regiokaart"
    line = getattr(error, "lineno", None) or 1
    where = f"theme/regiokaart/{Path(name).name}" if name != "theme/regiokaart" else name
    return Problem(where, line, 1, "", f"fout in paginasjabloon: {error.message or error}")


def docs_files(pages: Mapping[str, str | bytes], content: Path) -> set[str]:
    """Every file the staged docs folder will hold, relative to it."""
    return set(pages) | {path.relative_to(content).as_posix() for path in files_in(content)}


def content_page_titles(content: Path) -> dict[str, str]:
    """The hand-written pages of content/ (file -> nav title): each page's first '# ' heading, or
    else its file name. HTML-escaped, since the theme prints nav titles as they are."""
    titles = {}
    for path in files_in(content):
        relative = path.relative_to(content).as_posix()
        if is_markdown(relative) and not excluded_from_docs(relative):
            titles[relative] = html.escape(first_heading(path) or title_from_name(path))
    return titles


def first_heading(path: Path) -> str | None:
    """The text of a Markdown file's first '# ' heading; None without one or when unreadable."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                text = line[2:].strip().rstrip("#").strip() if line.startswith("# ") else ""
                if text:
                    return text
    except OSError:
        return None
    return None


def title_from_name(path: Path) -> str:
    """werkwijze-en-aanpak.md -> 'Werkwijze en aanpak'."""
    words = path.stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else path.name


@contextlib.contextmanager
def staging_folder(target: Path, site_dir: Path) -> Iterator[Path]:
    """A new folder beside target (same file system, so the swap is a rename) for this build,
    named with this process's id; removed afterwards, whatever happens."""
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=target.parent)
        )
    except OSError as error:
        reason = describe_os_error(error)
        raise BuildFailed(
            [site_problem(site_dir, f"kan geen tijdelijke map maken in {target.parent}/: {reason}")]
        ) from None
    try:
        yield staging
    except OSError as error:
        raise BuildFailed([site_problem(site_dir, write_failure(error))]) from None
    finally:
        remove_folder(staging)


def stage_for_engine(
    project: Path,
    dataset: Dataset,
    folder: Path,
    pages: Mapping[str, str | bytes] | None = None,
    *,
    hooks: tuple[Path, ...] = HOOKS,
) -> Path:
    """Everything the engine is handed, staged in folder: docs/ (content/ and the generated pages)
    and the configuration beside it, whose path is returned. The build stages through this, and
    the benchmark hands a bare engine the same (bench/run.py), with only the hooks of the hand-off
    (HAND_OFF_HOOKS) rather than regiokaart's own finishing of pages. pages: when already made."""
    content = project / "content"
    if pages is None:
        pages = generate_pages(project, dataset)
    docs = folder / "docs"
    stage_docs(content, dict(pages), docs, render_abbreviation_definitions(dataset))
    nav = site_nav(docs_files(pages, content), content_page_titles(content))
    return engine_config(folder, site_name_of(dataset), nav, hooks=hooks)


def engine_config(
    folder: Path, site_name: str, nav: list[NavItem], *, hooks: tuple[Path, ...] = HOOKS
) -> Path:
    """The configuration for folder/docs -> folder/site, written to folder/mkdocs.yml; a base
    configuration that cannot be read is a located problem."""
    config = folder / STAGED_CONFIG
    try:
        write_config(
            resources.BASE_CONFIG,
            config,
            docs_dir=folder / "docs",
            site_dir=folder / "site",
            site_name=site_name,
            nav=nav,
            hooks=hooks,
        )
    except (EngineFailed, yaml.YAMLError) as failure:
        raise BuildFailed(
            [engine_problem(f"MkDocs kon het portaal niet bouwen: {failure}")]
        ) from None
    return config


def stage_docs(
    content: Path, pages: dict[str, str | bytes], docs: Path, content_suffix: str = ""
) -> None:
    """Write the docs folder the engine builds: hand-written content (with content_suffix appended
    to its Markdown, e.g. abbreviation definitions) and the generated pages; a name clash is an
    error. content/ itself is only read."""
    docs.mkdir(parents=True)
    for relative, body in staged_files(content, pages, content_suffix).items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)


def staged_files(
    content: Path, pages: Mapping[str, str | bytes], content_suffix: str = ""
) -> dict[str, bytes]:
    """Every file of the docs folder (relative path -> bytes): content/ with content_suffix
    appended to its Markdown, and the generated pages; a generated page may not replace a file of
    content/."""
    staged: dict[str, bytes] = {}
    for path in files_in(content):
        relative = path.relative_to(content).as_posix()
        body = path.read_bytes()
        if relative.endswith(".md"):
            body += content_suffix.encode("utf-8")
        staged[relative] = body
    clashes = [
        Problem(
            f"content/{relative}",
            1,
            1,
            "",
            "botst met een gegenereerde pagina; kies een andere naam",
        )
        for relative in pages
        if relative in staged
    ]
    if clashes:
        raise BuildFailed(clashes)
    for relative, page in pages.items():
        staged[relative] = page.encode("utf-8") if isinstance(page, str) else page
    return staged


def site_name_of(dataset: Dataset) -> str:
    """HTML-escaped once, here, like page.meta (pages/site.py front_matter): Material prints the
    name as it is; our overrides of the places where it escaped it again are
    theme/partials/header.html and nav.html."""
    return html.escape(f"Kennisportaal {dataset.region.name}")


def engine_problem(failure: Exception | str) -> Problem:
    """A failure of the engine or the search index, as a problem of the build."""
    return Problem("mkdocs.yml", 1, 1, "", str(failure))


def render_and_index(
    config: Path, built: Path, *, strict: bool, engine: str = DEFAULT_ENGINE
) -> None:
    """The engine renders the staged configuration (stage_for_engine) into built; Pagefind indexes
    each page as MkDocs writes it (or the whole site after an engine that does not hand over its
    pages)."""
    try:
        with page_stream() as stream:
            render_site(config, built, strict=strict, engine=engine)
            if stream.pages:
                stream.write_into(built)
            else:  # an engine that does not hand over its pages
                index_site(built)
    except (EngineFailed, SearchIndexFailed) as failure:
        raise BuildFailed([engine_problem(failure)]) from None


# ---------------------------------------------------------------------------------------------
# What the new site must hold


def expected_site_files(
    pages: Mapping[str, str | bytes], content: Path, theme: Path
) -> dict[str, str]:
    """Every file the new site must hold -> what it is made from: the generated pages and files,
    content/, the theme's static files and the search index."""
    sources = {relative: f"gegenereerd {relative}" for relative in pages}
    for path in files_in(content):
        relative = path.relative_to(content).as_posix()
        sources.setdefault(relative, f"content/{relative}")
    expected = {
        output_path(relative): source
        for relative, source in sorted(sources.items())
        if not excluded_from_docs(relative)
    }
    for path in files_in(theme):
        relative = path.relative_to(theme).as_posix()
        if is_theme_static_file(relative):
            expected.setdefault(relative, f"theme/{relative}")
    expected.update((relative, "de zoekindex (Pagefind)") for relative in SEARCH_INDEX)
    return expected


def files_in(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


# MkDocs' rules (mkdocs/structure/files.py, 1.6), with use_directory_urls: true as in mkdocs.yml.


def output_path(relative: str) -> str:
    """x.md -> x/index.html, x/index.md (or README.md) -> x/index.html; other files as they are."""
    return f"{directory_url(relative)}index.html" if is_markdown(relative) else relative


def excluded_from_docs(relative: str) -> bool:
    """MkDocs leaves out dot files and folders and a top-level templates/ folder."""
    parts = PurePosixPath(relative).parts
    return any(part.startswith(".") for part in parts) or parts[0] == "templates"


def is_theme_static_file(relative: str) -> bool:
    """MkDocs copies a theme's files except templates, Markdown, Python, dot files and readmes."""
    name = relative.lower()
    parts = PurePosixPath(name).parts
    return not (
        any(part.startswith(".") for part in parts)
        or name.endswith((".html", ".py", ".pyc", *MARKDOWN_SUFFIXES))
        or "readme" in name
        or name == "mkdocs_theme.yml"
        or parts[0] == "locales"
    )


def count_pages(expected: Mapping[str, str]) -> int:
    return sum(1 for relative in expected if PurePosixPath(relative).name == "index.html")


def refuse_personal_data(problems: list[Problem]) -> None:
    """Fail when a reader would get personal data from a built page (published_privacy.py); the
    problems name where it is written."""
    if problems:
        raise BuildFailed(problems)


def verify_staged_site(built: Path, expected: Mapping[str, str], site_dir: Path) -> None:
    """Fail, naming the files, when the staged site lacks any file the build meant to write
    (e.g. because the staging folder was changed or removed during the build)."""
    missing = [
        (relative, source)
        for relative, source in expected.items()
        if not (built / relative).is_file()
    ]
    if not missing:
        return
    problems = [
        Problem(
            str(site_dir / relative),
            1,
            1,
            "",
            f"ontbreekt na het bouwen (uit {source}); is de tijdelijke map tijdens het bouwen "
            "gewijzigd, of de schijf vol?",
        )
        for relative, source in missing[:MISSING_SHOWN]
    ]
    if len(missing) > MISSING_SHOWN:
        rest = len(missing) - MISSING_SHOWN
        problems.append(Problem(str(site_dir), 1, 1, "", f"en nog {rest} bestand(en) ontbreken"))
    raise BuildFailed(problems)


# ---------------------------------------------------------------------------------------------
# The location of the site


def prepare_site_location(project: Path, site_dir: Path) -> Path:
    """The real folder to build into: site_dir, or where it points when it is a symlink; its parent
    is made when missing. A located problem when the location cannot be used."""
    given = site_dir if site_dir.is_absolute() else Path.cwd() / site_dir
    target = Path(os.path.realpath(given))
    reason = unusable_site_reason(project, given, target)
    if reason is None and not target.parent.is_dir():
        reason = make_parent(target)
    if reason is None and not os.access(target.parent, os.W_OK):
        reason = f"de map {target.parent}/ is alleen-lezen; kies met --site een andere plek"
    if reason is not None:
        raise BuildFailed([site_problem(site_dir, reason)])
    return target


def unusable_site_reason(project: Path, given: Path, target: Path) -> str | None:
    """Why target cannot be the site folder, or None."""
    if target.is_symlink():  # realpath stops where symlinks go round in a circle
        return "is een symbolische koppeling die (via andere) naar zichzelf verwijst"
    if target == project or target in project.parents:
        return "is de projectmap of een map daarboven; het portaal zou die vervangen"
    for name in ("data", "content", "national"):
        source = project / name
        if target == source:
            return f"is {name}/ van het project; het portaal zou die vervangen"
        if source in target.parents:
            return f"ligt in {name}/ van het project; kies een map daarbuiten"
    if target.exists() and not target.is_dir():
        return "is een bestand, geen map; kies met --site een map"
    if target.is_dir() and not os.access(target, os.W_OK):
        return "is alleen-lezen; maak de map schrijfbaar of kies met --site een andere map"
    if given.is_symlink() and not target.parent.is_dir():
        return f"verwijst naar {target}, maar {target.parent}/ bestaat niet"
    return None


def make_parent(target: Path) -> str | None:
    """Make the folders above target; why not, or None."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        files = (p for p in reversed(target.parents) if p.exists() and not p.is_dir())
        return f"kan de map niet maken: {next(files, target.parent)} is een bestand"
    except OSError as error:
        return f"kan de map {target.parent}/ niet maken: {describe_os_error(error)}"
    return None


def site_problem(site_dir: Path, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(str(site_dir), 1, 1, "--site", message, severity=severity)


def write_failure(error: OSError) -> str:
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in (errno.EBUSY, errno.EXDEV):
        return (
            "de map is een koppelpunt of staat op een andere schijf dan de map erboven; "
            f"kies met --site een gewone map{where}"
        )
    return f"kan niet schrijven: {describe_os_error(error)}{where}"


# ---------------------------------------------------------------------------------------------
# The swap


def swap_in(built: Path, target: Path) -> None:
    """Put built in target's place in one atomic step; the old site takes built's place, in the
    staging folder, and goes with it."""
    if not os.path.lexists(target):
        os.rename(built, target)
    elif not exchange_folders(built, target):
        swap_by_renames(built, target)


def swap_by_renames(built: Path, target: Path) -> None:
    """Where no atomic exchange exists: two renames. A crash between them leaves the old site in
    old_copy(target), which the next build puts back first (restore_interrupted_swap)."""
    old = old_copy(target)
    os.rename(target, old)
    try:
        os.rename(built, target)
    except OSError:
        os.rename(old, target)
        raise
    remove_folder(old)


def old_copy(target: Path) -> Path:
    """Where the two-rename swap of this process parks the old site."""
    return target.with_name(f".{target.name}-old-{os.getpid()}")


_AT_FDCWD = -100
_EXCHANGE = 2  # RENAME_EXCHANGE, Linux 3.15+


def exchange_folders(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28+), which Python does not offer; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    return function


# ---------------------------------------------------------------------------------------------
# Leftovers of earlier builds: only folders with our names, and only when their build has ended


def restore_interrupted_swap(target: Path, site_dir: Path) -> list[Problem]:
    """Put the old site back when a crash between the two renames of a swap left none."""
    if os.path.lexists(target):
        return []
    copies = stale_folders(target, old_copy_name(target))
    if not copies:
        return []
    newest = copies[-1]
    try:
        newest = max(copies, key=lambda path: path.stat().st_ctime)  # renamed last
        os.rename(newest, target)
    except OSError as error:
        reason = describe_os_error(error)
        return [
            site_problem(site_dir, f"kon {newest} niet terugzetten: {reason}", Severity.WARNING)
        ]
    return [
        site_problem(
            site_dir,
            f"een eerdere build is onderbroken; de vorige versie is teruggezet uit {newest.name}",
            Severity.WARNING,
        )
    ]


def remove_leftovers(target: Path, site_dir: Path) -> list[Problem]:
    """Remove staging folders and old copies of the site that builds which have ended left."""
    stale = stale_folders(target, STAGING_NAME)
    if os.path.lexists(target):  # else an old copy may be all there is of the site
        stale += stale_folders(target, old_copy_name(target))
    for folder in stale:
        remove_folder(folder)
    return not_removed(site_dir, *stale)


def old_copy_name(target: Path) -> re.Pattern[str]:
    return re.compile(re.escape(f".{target.name}-old-") + r"(?P<pid>\d+)")


def stale_folders(target: Path, name: re.Pattern[str]) -> list[Path]:
    """Real folders (no symlinks) beside target, called name, whose build has ended."""
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if (match := name.fullmatch(entry.name))
        and entry.is_dir(follow_symlinks=False)
        and build_has_ended(entry, match["pid"])
    )


def build_has_ended(entry: os.DirEntry[str], pid: str | None) -> bool:
    """By the process id in the name; a name without one (older versions) by its age."""
    if pid is not None and os.name == "posix":
        return not process_is_running(int(pid))
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    return age > LEGACY_STALE_AFTER


def process_is_running(pid: int) -> bool:
    """Whether a process with this id exists; signal 0 only asks, it sends nothing."""
    if not 0 < pid < 2**31:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as someone else
        return True
    return True


def remove_folder(folder: Path) -> None:
    """Remove a folder of ours with everything in it, read-only subfolders too; never follows a
    symlink. What cannot be removed stays, for the caller to report."""
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.isdir(folder) and not os.path.islink(folder):
        make_writable(folder)
        shutil.rmtree(folder, ignore_errors=True)


def make_writable(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(folder, stat.S_IRWXU)
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                make_writable(Path(entry.path))


def not_removed(site_dir: Path, *folders: Path) -> list[Problem]:
    """A warning for each folder that is still there (the next build tries again)."""
    return [
        site_problem(
            site_dir,
            f"kon {folder} niet verwijderen; de volgende build probeert het opnieuw",
            Severity.WARNING,
        )
        for folder in folders
        if os.path.lexists(folder)
    ]
