"""Publishing from day one: `regiokaart new` writes CI workflows for GitHub Actions and GitLab CI
that install the regiokaart that made the folder, check, build and publish the site to Pages; each
is valid by its platform's JSON Schema (the copies inside check-jsonschema: no network), and its
commands build the site it publishes. The region folder and all that regiokaart builds or exports
in it get the modes a web server expects, as far as the umask allows: a link checker running as
another user reads the whole built site."""

import contextlib
import http.server
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from regiokaart.cli import main
from regiokaart.models.feed import MAX_FEED_BYTES
from regiokaart.resources import version
from regiokaart.scaffold import (
    FETCH_PUBLISHED_FEED,
    SOURCE_PLACEHOLDER,
    installed_from,
    parse_source,
)
from tests.conftest import ROOT

SOURCE = "https://git.example.nl/regiokaart/regiokaart.git"
GITHUB = ".github/workflows/portaal.yml"
GITLAB = ".gitlab-ci.yml"
SCHEMAS = {GITHUB: "vendor.github-workflows", GITLAB: "vendor.gitlab-ci"}
BIN = Path(sys.executable).parent
# Any attempt to reach the network goes to a port where nothing listens, and fails.
OFFLINE = {
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "ALL_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
}
# pip installs regiokaart from its repository in CI; here it is already installed.
INSTALLS = "pip install"
SECONDS = 600  # far more than a build of a new region takes (~10 s)
PREVIOUS_FEED = "vorige-feed.json"  # where the workflows put the published feed they fetched


def regiokaart(folder: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    """A regiokaart command in folder, in its own process with this umask."""
    return subprocess.run(
        [str(BIN / "regiokaart"), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=SECONDS,
        preexec_fn=lambda: os.umask(umask),
    )


def new_region(parent: Path, *, umask: int = 0o022, source: str = SOURCE) -> Path:
    """regiokaart new utrecht in parent; the folder it made."""
    names = ["--regio", "Utrecht", "--gemeenten", "Utrecht,Zeist"]
    made = regiokaart(parent, "new", "utrecht", *names, "--regiokaart-bron", source, umask=umask)
    assert made.returncode == 0, made.stderr
    return parent / "utrecht"


def load(folder: Path, name: str) -> dict[str, Any]:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def run_commands(
    folder: Path,
    commands: list[str],
    umask: int = 0o022,
    env: Mapping[str, str] | None = None,
    bin_folder: Path = BIN,
) -> None:
    """Run a workflow's shell commands in folder as its CI would (bash, stop at the first error),
    with the regiokaart of bin_folder (this checkout's) first on the PATH and env added."""
    for command in commands:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=SECONDS,
            env={
                **os.environ,
                "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
                **(env or {}),
            },
            preexec_fn=lambda: os.umask(umask),
        )
        assert result.returncode == 0, f"{command}: {result.stdout[-2000:]}{result.stderr[-2000:]}"


def build_if_fetched(build: str) -> str:
    """A workflow's build: with the published feed the fetch before it left, else without."""
    return (
        f"if [ -s {PREVIOUS_FEED} ]; then\n  {build} --vorige-feed {PREVIOUS_FEED}\n"
        f"else\n  {build}\nfi\n"
    )


def github_commands(folder: Path) -> tuple[str, list[str]]:
    """The install command of the GitHub workflow's build job, and the commands after it."""
    steps = load(folder, GITHUB)["jobs"]["bouwen"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    assert INSTALLS in commands[0]
    return commands[0], commands[1:]


def gitlab_commands(folder: Path) -> tuple[list[str], list[str]]:
    """The GitLab pages job's before_script (the install) and script, through its extends."""
    config = load(folder, GITLAB)
    job = config["pages"]
    base = config[job["extends"]]
    return job.get("before_script", base["before_script"]), job.get("script", base["script"])


@pytest.fixture(scope="module")
def open_folder() -> Iterator[Path]:
    """A folder every user may open (pytest's temporary folders are the owner's alone); what
    regiokaart makes in it has the modes regiokaart gives it."""
    folder = Path(tempfile.mkdtemp(prefix="regiokaart-publish-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def region(open_folder: Path) -> Path:
    """A new region (umask 022), built by the commands of its GitHub workflow."""
    folder = new_region(open_folder)
    _install, commands = github_commands(folder)
    run_commands(folder, commands)
    return folder


# --- the workflows -----------------------------------------------------------------------------


def validate(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with its built-in copy of the platform's schema, with no network."""
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **OFFLINE},
    )


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_workflow_is_valid_by_its_platforms_schema(region: Path, name: str) -> None:
    result = validate(region / name, SCHEMAS[name])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validation done" in result.stdout


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (GITHUB, "      pages: write", "      pages: schrijven"),
        (GITHUB, "    runs-on: ubuntu-latest\n    timeout-minutes: 30", "    timeout-minutes: 30"),
        (GITLAB, "  artifacts:\n    paths:\n      - public", "  artifacts:\n    paths: public"),
        (
            GITLAB,
            "  rules:\n    - if: $CI_COMMIT_BRANCH ==",
            "  rules:\n    if: $CI_COMMIT_BRANCH ==",
        ),
    ],
)
def test_the_schema_refuses_a_broken_workflow(
    region: Path, tmp_path: Path, name: str, old: str, new: str
) -> None:
    """The validation is real: what the platform would refuse, the schema refuses."""
    text = (region / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = tmp_path / Path(name).name
    broken.write_text(text.replace(old, new), encoding="utf-8")
    assert validate(broken, SCHEMAS[name]).returncode == 1


def test_both_workflows_install_the_regiokaart_that_made_the_folder(region: Path) -> None:
    github = load(region, GITHUB)["env"]["REGIOKAART"]
    gitlab = load(region, GITLAB)["variables"]["REGIOKAART"]
    assert github == gitlab
    requirement = Requirement(github)
    assert requirement.name == "regiokaart"
    assert requirement.url == f"git+{SOURCE}@v{version()}"
    install, _ = github_commands(region)
    before_script, _ = gitlab_commands(region)
    assert install == before_script[0] == 'python -m pip install "$REGIOKAART"'
    readme = (region / "LEESMIJ.md").read_text(encoding="utf-8")
    assert SOURCE in readme and f"v{version()}" in readme
    assert "Dat adres is nog een voorbeeld" not in readme


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pip_installs_the_pinned_version_from_the_repository_the_workflows_name(
    tmp_path: Path,
) -> None:
    """The install line works as written: pip fetches the tag v<version> from the git repository
    (here a local copy of this checkout's history, tagged as a release would be) and builds it."""
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is no git repository")
    repository = tmp_path / "regiokaart.git"
    git = ["git", "-c", "advice.detachedHead=false"]
    subprocess.run([*git, "clone", "--quiet", "--bare", str(ROOT), str(repository)], check=True)
    subprocess.run([*git, "-C", str(repository), "tag", "-f", f"v{version()}", "HEAD"], check=True)
    folder = new_region(tmp_path, source=f"file://{repository}")
    requirement = load(folder, GITHUB)["env"]["REGIOKAART"]
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check"]
    built = subprocess.run(
        [
            *pip,
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            requirement,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=SECONDS,
        cwd=tmp_path,
        env={**os.environ, **OFFLINE},
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("regiokaart-*.whl")
    assert wheel.name.startswith(f"regiokaart-{version()}-")
    with zipfile.ZipFile(wheel) as archive:
        assert {"regiokaart/cli.py", "regiokaart/theme/main.html"} <= set(archive.namelist())


def test_github_checks_builds_and_only_the_publishing_job_may_write_pages(region: Path) -> None:
    workflow = load(region, GITHUB)
    assert workflow["permissions"] == {"contents": "read"}
    build, publish = workflow["jobs"]["bouwen"], workflow["jobs"]["publiceren"]
    _, commands = github_commands(region)
    assert commands[0] == "regiokaart check"
    assert commands[-1] == build_if_fetched("regiokaart build")
    upload = build["steps"][-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "site"
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert publish["needs"] == "bouwen"
    assert publish["permissions"] == {"actions": "read", "pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"
    assert "default_branch" in publish["if"]
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]


def test_gitlab_publishes_what_its_pages_job_builds_in_public(region: Path) -> None:
    config = load(region, GITLAB)
    _, script = gitlab_commands(region)
    assert script[0] == "regiokaart check"
    assert script[-1] == build_if_fetched("regiokaart build --site public")
    assert config["pages"]["artifacts"]["paths"] == ["public"]
    assert "$CI_DEFAULT_BRANCH" in config["pages"]["rules"][0]["if"]
    run_commands(region, script)  # the same commands, in the region folder
    public = region / "public"
    assert (public / "index.html").read_text(encoding="utf-8") == (
        region / "site" / "index.html"
    ).read_text(encoding="utf-8")
    assert "public/" in (region / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_github_workflow_builds_the_site_it_uploads(region: Path) -> None:
    home = (region / "site" / "index.html").read_text(encoding="utf-8")
    assert "Kennisportaal Utrecht" in home


def test_without_a_source_the_workflows_get_a_marked_example_and_new_warns(
    tmp_path: Path,
) -> None:
    made = regiokaart(tmp_path, "new", "regio", "--regio", "Zeist", "--gemeenten", "Zeist")
    assert made.returncode == 0, made.stderr
    if installed_from() is None:  # a checkout (editable) or a wheel, not a git install
        assert "--regiokaart-bron:1:1: waarschuwing: niet opgegeven" in made.stderr
        assert SOURCE_PLACEHOLDER in made.stderr
        workflow = (tmp_path / "regio" / GITHUB).read_text(encoding="utf-8")
        assert f"git+{SOURCE_PLACEHOLDER}@v{version()}" in workflow
        readme = (tmp_path / "regio" / "LEESMIJ.md").read_text(encoding="utf-8")
        assert "Dat adres is nog een voorbeeld" in readme
    assert validate(tmp_path / "regio" / GITHUB, SCHEMAS[GITHUB]).returncode == 0


@pytest.mark.parametrize(
    "source",
    [
        "github.com/organisatie/regiokaart",  # no scheme
        "https://github.com/organisatie/regiokaart.git@v0.1.0",  # a version of its own
        'https://github.com/organisatie/regio"kaart.git',
        "https://github.com/$REGIO/regiokaart.git",  # a CI would expand it
        "https://github.com/organisatie/regio kaart.git",
        "https://github.com/",
        "ftp://example.nl/regiokaart.git",
    ],
)
def test_a_source_that_is_no_plain_git_url_is_refused_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    folder = tmp_path / "regio"
    code = main(
        [
            "new",
            str(folder),
            "--regio",
            "Zeist",
            "--gemeenten",
            "Zeist",
            "--regiokaart-bron",
            source,
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "--regiokaart-bron:1:1: geen adres van een git-repository" in err, err
    assert not folder.exists()


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("git+https://github.com/organisatie/regiokaart.git", "https://github.com/organisatie/regiokaart.git"),
        ("ssh://git@gitlab.com/organisatie/regiokaart.git", "ssh://git@gitlab.com/organisatie/regiokaart.git"),
        ("file:///srv/git/regiokaart", "file://localhost/srv/git/regiokaart"),
    ],
)  # fmt: skip
def test_git_urls_pip_can_install_from_are_taken(given: str, url: str) -> None:
    assert parse_source(given) == (url, None)


def test_a_regiokaart_installed_from_git_names_its_repository(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pip records where it installed from (direct_url.json); that is the default source."""

    class Installed:
        def __init__(self, text: str) -> None:
            self.text = text

        def read_text(self, name: str) -> str:
            assert name == "direct_url.json"
            return self.text

    from regiokaart import scaffold

    from_git = '{"url": "https://git.example.nl/r/regiokaart.git", "vcs_info": {"vcs": "git"}}'
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Installed(from_git))
    assert installed_from() == "https://git.example.nl/r/regiokaart.git"
    from_folder = '{"url": "file:///work/regiokaart", "dir_info": {"editable": true}}'
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: Installed(from_folder))
    assert installed_from() is None


# --- the published feed ------------------------------------------------------------------------
# A build in CI starts in a fresh clone, so the workflows fetch the feed.json the portal publishes
# and hand it to `regiokaart build --vorige-feed`, for the new feed's change log; when there is
# none (not published yet, unreachable, a redirect to a login page, an empty file) they build
# without it, and the build does not fail.

NO_PROXY = {"no_proxy": "*", "NO_PROXY": "*"}  # the loopback servers are reached directly


class Published(http.server.BaseHTTPRequestHandler):
    """Answers each path with the (status, headers, body) the server holds for it, else 404."""

    def do_GET(self) -> None:
        answers = self.server.answers  # type: ignore[attr-defined]
        status, headers, body = answers.get(self.path, (404, {}, b"niet gevonden"))
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def publishing(answers: Mapping[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    """A loopback web server with these answers; yields its root URL (without a slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Published)
    server.answers = answers  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def feed_steps(folder: Path) -> dict[str, tuple[Any, list[str], list[str]]]:
    """Per platform: where it says the portal is published, the fetch commands, and the build
    commands, each in the shell it runs in (a GitHub step is a shell of its own; GitLab runs a
    job's script in one)."""
    steps = load(folder, GITHUB)["jobs"]["bouwen"]["steps"]
    pages = next(i for i, step in enumerate(steps) if step.get("id") == "pages")
    fetch = next(i for i, step in enumerate(steps) if "curl" in step.get("run", ""))
    build = next(i for i, step in enumerate(steps) if "regiokaart build" in step.get("run", ""))
    assert pages < fetch < build == fetch + 1
    _, script = gitlab_commands(folder)
    curl = next(i for i, line in enumerate(script) if "curl" in line)
    assert script[curl + 1] == script[-1] and "regiokaart build" in script[-1]
    return {
        "github": (steps[fetch]["env"]["PORTAAL"], [steps[fetch]["run"]], [steps[build]["run"]]),
        "gitlab": (
            load(folder, GITLAB)[".regiokaart"]["variables"]["PORTAAL"],
            [],
            ["\n".join(script[curl:])],
        ),
    }


def test_both_workflows_fetch_the_published_feed_before_building(region: Path) -> None:
    """GitHub asks configure-pages where the portal is (and goes on when Pages is not set up
    yet); GitLab knows it as CI_PAGES_URL. Both fetch with the same commands, then build."""
    steps = load(region, GITHUB)["jobs"]["bouwen"]["steps"]
    (pages,) = [step for step in steps if step.get("id") == "pages"]
    assert pages["uses"] == "actions/configure-pages@v6"
    assert pages["continue-on-error"] is True
    found = feed_steps(region)
    assert found["github"][0] == "${{ steps.pages.outputs.base_url }}"
    assert found["gitlab"][0] == "$CI_PAGES_URL"
    _, script = gitlab_commands(region)
    assert found["github"][1] == [FETCH_PUBLISHED_FEED + "\n"]
    assert FETCH_PUBLISHED_FEED + "\n" in script
    assert found["github"][2] == [build_if_fetched("regiokaart build")]


FEED = b'{"format": "regiokaart-feed", "een": "gepubliceerde feed"}'
ANSWERS: dict[str, dict[str, tuple[int, dict[str, str], bytes]]] = {
    "gepubliceerd": {"/portaal/feed.json": (200, {"Content-Type": "application/json"}, FEED)},
    "niet gevonden": {},
    "leeg": {"/portaal/feed.json": (200, {}, b"")},
    # GitLab Pages with access control sends a visitor to its login page
    "doorverwezen": {
        "/portaal/feed.json": (302, {"Location": "/inloggen"}, b"<a href=/inloggen>Found</a>"),
        "/inloggen": (200, {"Content-Type": "text/html"}, b"<html>Inloggen</html>"),
    },
    # larger than a feed may be (the build would refuse it and fail)
    "te groot": {"/portaal/feed.json": (200, {}, b" " * MAX_FEED_BYTES + FEED)},
    # the connection closed halfway: a piece of a feed is no feed
    "afgebroken": {"/portaal/feed.json": (200, {"Content-Length": str(2 * len(FEED))}, FEED)},
}


@pytest.mark.parametrize("platform", ["github", "gitlab"])
@pytest.mark.parametrize(
    ("answer", "passed"),
    [
        ("gepubliceerd", True),
        *((answer, False) for answer in ("niet gevonden", "leeg", "doorverwezen")),
        *((answer, False) for answer in ("te groot", "afgebroken")),
    ],
)
def test_the_published_feed_is_passed_to_the_build_only_when_fetched(
    region: Path, tmp_path: Path, platform: str, answer: str, passed: bool
) -> None:
    """The workflows' own commands, run by bash against a web server, with a fake regiokaart that
    records how it was called."""
    _, fetch, build = feed_steps(region)[platform]
    called = fake_regiokaart(tmp_path)
    clone = tmp_path / "kloon"
    clone.mkdir()
    with publishing(ANSWERS[answer]) as root:
        # GitHub's base_url has no slash at the end, GitLab's CI_PAGES_URL has one
        portal = f"{root}/portaal" + ("/" if platform == "gitlab" else "")
        run_commands(clone, fetch + build, env={"PORTAAL": portal, **NO_PROXY}, bin_folder=called)
    site = ["--site", "public"] if platform == "gitlab" else []
    fetched = ["--vorige-feed", PREVIOUS_FEED] if passed else []
    assert arguments(called) == ["build", *site, *fetched]
    if passed:
        assert (clone / PREVIOUS_FEED).read_bytes() == FEED
    else:
        assert not (clone / PREVIOUS_FEED).exists()


@pytest.mark.parametrize("platform", ["github", "gitlab"])
@pytest.mark.parametrize("portal", ["", "http://127.0.0.1:9/portaal"])  # no Pages; nobody listens
def test_without_a_reachable_portal_the_workflows_build_without_a_previous_feed(
    region: Path, tmp_path: Path, platform: str, portal: str
) -> None:
    _, fetch, build = feed_steps(region)[platform]
    called = fake_regiokaart(tmp_path)
    env = {"PORTAAL": portal, **NO_PROXY}
    run_commands(tmp_path, fetch + build, env=env, bin_folder=called)
    site = ["--site", "public"] if platform == "gitlab" else []
    assert arguments(called) == ["build", *site]
    assert not (tmp_path / PREVIOUS_FEED).exists()


def fake_regiokaart(folder: Path) -> Path:
    """A bin folder whose regiokaart writes its arguments, one a line, to called.txt beside it."""
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    script = bin_folder / "regiokaart"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{bin_folder / 'called.txt'}'\n")
    script.chmod(0o755)
    return bin_folder


def arguments(bin_folder: Path) -> list[str]:
    return (bin_folder / "called.txt").read_text(encoding="utf-8").splitlines()


def test_a_build_in_a_fresh_clone_continues_the_change_log_of_the_published_feed(
    region: Path, tmp_path: Path
) -> None:
    """The real build takes the feed the workflow fetched: the new feed keeps its history."""
    site = region / "site"
    published = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    published["changes"][0]["date"] = "2001-01-01"  # a mark only the published feed has
    answers: dict[str, tuple[int, dict[str, str], bytes]] = {
        "/feed.json": (200, {}, json.dumps(published).encode())
    }
    clone = tmp_path / "kloon"
    shutil.copytree(region, clone, ignore=shutil.ignore_patterns("site", "public"))
    _, fetch, build = feed_steps(region)["github"]
    with publishing(answers) as root:
        run_commands(clone, fetch + build, env={"PORTAAL": root, **NO_PROXY})
    rebuilt = json.loads((clone / "site" / "feed.json").read_text(encoding="utf-8"))
    assert rebuilt["changes"][0]["date"] == "2001-01-01"
    assert rebuilt["records"] == published["records"]


# --- modes ---------------------------------------------------------------------------------------


def modes(folder: Path) -> set[tuple[str, str]]:
    """The kinds and modes of folder and everything in it, as ('d', '0o755') and ('f', '0o644')."""
    found = set()
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        kind = "d" if stat.S_ISDIR(info.st_mode) else "f" if stat.S_ISREG(info.st_mode) else "?"
        found.add((kind, oct(stat.S_IMODE(info.st_mode))))
    return found


def export_everything(folder: Path, umask: int) -> None:
    """The exports a coordinator makes in the region folder: workbook, HSDS, maintenance report."""
    for command in (
        ["export", "xlsx", "aanbod.xlsx"],
        ["export", "hsds", "hsds"],
        ["check", "--onderhoud", "onderhoud.md"],
    ):
        result = regiokaart(folder, *command, umask=umask)
        assert result.returncode == 0, result.stderr


def test_with_umask_022_everything_is_readable_by_all(region: Path) -> None:
    export_everything(region, 0o022)
    assert (region / "hsds" / "json").is_dir() and (region / "aanbod.xlsx").is_file()
    assert modes(region) == {("d", "0o755"), ("f", "0o644")}


def test_with_umask_077_everything_stays_private(tmp_path: Path) -> None:
    private = tmp_path / "prive"
    private.mkdir()
    folder = new_region(private, umask=0o077)
    _, commands = github_commands(folder)
    run_commands(folder, commands, umask=0o077)
    export_everything(folder, 0o077)
    assert (folder / "site" / "index.html").is_file()
    assert modes(folder) == {("d", "0o700"), ("f", "0o600")}


# --- another user ------------------------------------------------------------------------------


def link_check_as_another_user(site: Path, workdir: Path) -> str:
    """linkchecker over the built site's files, as nobody; what it printed. As root it runs
    through setpriv where nobody can start this Python, and else drops to nobody itself."""
    config = workdir / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\n", encoding="utf-8")
    config.chmod(0o644)
    home = workdir / "thuis"  # linkchecker keeps its state under HOME, as nobody
    home.mkdir(exist_ok=True)
    home.chmod(0o777)
    command = [str(BIN / "linkchecker"), "-f", str(config), "--no-status", "--no-warnings"]
    command += ["-o", "text", str(site / "index.html")]
    as_nobody: list[str] = []
    if os.geteuid() == 0 and shutil.which("setpriv"):
        setpriv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        probe = subprocess.run(
            [*setpriv, str(BIN / "python"), "-c", "import linkcheck"],
            capture_output=True,
            check=False,
        )
        as_nobody = setpriv if probe.returncode == 0 else []
    result = subprocess.run(
        [*as_nobody, *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=SECONDS,
        cwd="/",
        env={**os.environ, "HOME": str(home)},
    )
    output = result.stdout + result.stderr
    if os.geteuid() == 0 and not as_nobody:
        assert "dropping privileges by changing user to nobody" in output
    return output


def test_a_link_checker_as_another_user_finds_no_error_on_the_built_site(
    region: Path, open_folder: Path
) -> None:
    output = link_check_as_another_user(region / "site", open_folder)
    assert " 0 errors found" in output, output[-4000:]
    assert "Permission denied" not in output


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_the_link_check_fails_where_another_user_may_not_read(
    region: Path, open_folder: Path
) -> None:
    """The check is real: a page only its owner may read is an error for the other user."""
    if os.geteuid() != 0:
        pytest.skip("only root can run the check as another user")
    page = region / "site" / "over" / "index.html"
    page.chmod(0o600)
    try:
        output = link_check_as_another_user(region / "site", open_folder)
    finally:
        page.chmod(0o644)
    assert "1 error found" in output, output[-4000:]
    assert f"Permission denied: '{page}'" in output
