"""regiokaart new-landelijk: a folder for the national overview, with FEDERATION.yaml and CI
workflows for GitHub Actions and GitLab CI that run `regiokaart federate` on a schedule, keep the
regions' last good copies in their cache from run to run, and publish to Pages. The workflows are
valid by their platforms' schemas (offline, as tests/test_publish.py checks a region's), and their
commands build an overview of a real region that, once the region is down, still shows it from
the copy the workflow cached."""

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from bench.socialmap_browser import serve
from regiokaart.cli import main
from regiokaart.federation.config import load_federation
from regiokaart.federation.site import last_good_folder
from regiokaart.resources import version
from tests.test_publish import (
    GITHUB,
    GITLAB,
    SCHEMAS,
    SOURCE,
    load,
    new_region,
    regiokaart,
    run_commands,
    validate,
)

NATIONAL_GITHUB = ".github/workflows/landelijk.yml"
NATIONAL_SCHEMAS = {NATIONAL_GITHUB: SCHEMAS[GITHUB], GITLAB: SCHEMAS[GITLAB]}
TITLE = 'Kennisportalen: "landelijk"'  # a colon and quotes stay one YAML value
REGIONS = ["https://utrecht.example.nl/kennisportaal/", "https://flevoland.example.nl"]


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loopback servers are reached directly, whatever proxy the machine names."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


def make(
    folder: Path, capsys: pytest.CaptureFixture[str], *urls: str, title: str = TITLE
) -> tuple[int, str, str]:
    args = ["new-landelijk", str(folder), "--titel", title, "--regiokaart-bron", SOURCE]
    for url in urls:
        args += ["--regio-url", url]
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def overview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "landelijk"
    code, out, err = make(folder, capsys, *REGIONS)
    assert code == 0, err
    assert err == ""
    assert f"Landelijk overzicht aangemaakt in {folder}/ (2 regio's)" in out
    return folder


# --- the folder --------------------------------------------------------------------------------


def test_federation_yaml_loads_with_the_title_and_the_regions_given(overview: Path) -> None:
    federation, problems = load_federation(overview / "FEDERATION.yaml")
    assert problems == []
    assert federation is not None
    assert federation.title == TITLE
    assert [region.url for region in federation.regions] == [url.rstrip("/") for url in REGIONS]
    text = (overview / "FEDERATION.yaml").read_text(encoding="utf-8")
    assert "# deadline_seconds:" in text and "# max_region_bytes:" in text


@pytest.mark.parametrize("name", NATIONAL_SCHEMAS)
def test_each_workflow_is_valid_by_its_platforms_schema(overview: Path, name: str) -> None:
    result = validate(overview / name, NATIONAL_SCHEMAS[name])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validation done" in result.stdout


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        (NATIONAL_GITHUB, '    - cron: "17 * * * *"', '      cron: "17 * * * *"'),
        (GITLAB, "    paths:\n      - public.laatst-goed", "    paths: public.laatst-goed"),
    ],
)
def test_the_schema_refuses_a_broken_national_workflow(
    overview: Path, tmp_path: Path, name: str, old: str, new: str
) -> None:
    """The validation is real for these files too."""
    text = (overview / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = tmp_path / Path(name).name
    broken.write_text(text.replace(old, new), encoding="utf-8")
    assert validate(broken, NATIONAL_SCHEMAS[name]).returncode == 1


def test_both_workflows_install_the_regiokaart_that_made_the_folder(overview: Path) -> None:
    github = load(overview, NATIONAL_GITHUB)
    gitlab = load(overview, GITLAB)
    assert github["env"]["REGIOKAART"] == gitlab["variables"]["REGIOKAART"]
    assert Requirement(github["env"]["REGIOKAART"]).url == f"git+{SOURCE}@v{version()}"
    install = 'python -m pip install "$REGIOKAART"'
    assert install in [step.get("run") for step in github["jobs"]["bouwen"]["steps"]]
    assert gitlab["pages"]["before_script"] == [install]
    readme = (overview / "LEESMIJ.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {TITLE}\n")
    assert SOURCE in readme and "Dat adres is nog een voorbeeld" not in readme


def test_github_runs_on_a_schedule_and_by_hand_and_only_the_publishing_job_writes_pages(
    overview: Path,
) -> None:
    workflow = load(overview, NATIONAL_GITHUB)
    # YAML 1.1 reads the key `on` as true
    triggers = next(value for key, value in workflow.items() if key is True)
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (schedule,) = triggers["schedule"]
    minute, *rest = schedule["cron"].split()
    assert minute.isdigit() and rest == ["*", "*", "*", "*"]  # every hour, at a fixed minute
    assert workflow["permissions"] == {"contents": "read"}
    build, publish = workflow["jobs"]["bouwen"], workflow["jobs"]["publiceren"]
    assert "permissions" not in build
    assert publish["needs"] == "bouwen"
    assert publish["permissions"] == {"actions": "read", "pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]


def test_gitlab_runs_its_pages_job_on_a_schedule_or_by_hand_only(overview: Path) -> None:
    job = load(overview, GITLAB)["pages"]
    conditions = [rule["if"] for rule in job["rules"]]
    assert conditions == ['$CI_PIPELINE_SOURCE == "schedule"', '$CI_PIPELINE_SOURCE == "web"']


# --- the site folder and its last good copies --------------------------------------------------


def federate_site(command: str) -> str:
    """The site folder of a workflow's `regiokaart federate FEDERATION.yaml --site SITE`."""
    words = shlex.split(command)
    assert words[:3] == ["regiokaart", "federate", "FEDERATION.yaml"], command
    assert words[3] == "--site" and len(words) == 5, command
    return words[4]


def github_run(overview: Path) -> tuple[str, str, dict[str, Any], str]:
    """The GitHub workflow's federate command, its site folder, its cache step and the folder it
    uploads; the cache restored before federate runs."""
    steps = load(overview, NATIONAL_GITHUB)["jobs"]["bouwen"]["steps"]
    (federate,) = [i for i, step in enumerate(steps) if "federate" in step.get("run", "")]
    (cache,) = [i for i, step in enumerate(steps) if "actions/cache" in step.get("uses", "")]
    (upload,) = [i for i, step in enumerate(steps) if "upload-pages" in step.get("uses", "")]
    assert cache < federate < upload
    command = steps[federate]["run"]
    return command, federate_site(command), steps[cache], steps[upload]["with"]["path"]


def gitlab_run(overview: Path) -> tuple[str, str, dict[str, Any], list[str]]:
    """The GitLab pages job's federate command, its site folder, its cache and its artifacts."""
    job = load(overview, GITLAB)["pages"]
    (command,) = job["script"]
    return command, federate_site(command), job["cache"], job["artifacts"]["paths"]


def test_github_caches_the_last_good_copies_of_the_site_it_builds_and_uploads(
    overview: Path,
) -> None:
    _, site, cache, uploaded = github_run(overview)
    assert uploaded == site
    assert cache["uses"].split("@")[0] == "actions/cache"
    assert cache["with"]["path"] == str(last_good_folder(Path(site)))
    # a key of its own per run, so each run saves; the newest of the earlier ones is restored
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"]
    assert "${{ github.run_id }}" in key and key.startswith(restore) and "$" not in restore


def test_gitlab_caches_the_last_good_copies_of_the_site_it_publishes(overview: Path) -> None:
    _, site, cache, artifacts = gitlab_run(overview)
    assert site == "public" and artifacts == ["public"]  # GitLab Pages publishes public/
    assert cache["paths"] == [str(last_good_folder(Path(site)))]
    assert "$" not in cache["key"]  # one cache for every run
    gitignore = (overview / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {f"{site}/", f"{last_good_folder(Path(site))}/"} <= set(gitignore)


@pytest.fixture(scope="module")
def region_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a new region, built by regiokaart build."""
    folder = new_region(tmp_path_factory.mktemp("regio"))
    built = regiokaart(folder, "build")
    assert built.returncode == 0, built.stderr
    return folder / "site"


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_the_cached_folder_brings_a_region_that_is_down_back_from_its_last_good_copy(
    region_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], platform: str
) -> None:
    """Two runs in fresh clones, as CI runs them: the first reads the region; the cache carries
    the folder the workflow names to the second, when the region is down, which then shows the
    region from its last good copy. Without that folder it would have no data of the region."""
    first, second, uncached = (tmp_path / name for name in ("eerste", "tweede", "zonder-cache"))
    with serve(region_site) as root:
        url = root.rstrip("/")
        assert make(first, capsys, url)[0] == 0
        command, site, cache, _ = (github_run if platform == "github" else gitlab_run)(first)
        cached = cache["with"]["path"] if platform == "github" else cache["paths"][0]
        run_commands(first, [command])
    assert (first / site / "index.html").is_file()
    assert (first / cached).is_dir()
    for clone in (second, uncached):
        clone.mkdir()
        shutil.copy(first / "FEDERATION.yaml", clone)
    shutil.copytree(first / cached, second / cached)  # what the cache restores
    for clone, shown in ((second, "laatste goede gegevens"), (uncached, "nog geen gegevens")):
        result = regiokaart(clone, *shlex.split(command)[1:])
        assert result.returncode == 0, result.stderr  # a region that is down fails no run
        assert f"niet bereikt: {shown}" in result.stdout, result.stdout


# --- what is refused -----------------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_refused_and_nothing_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "landelijk"
    folder.mkdir()
    (folder / "eigen.txt").write_text("van iemand anders", encoding="utf-8")
    code, _, err = make(folder, capsys, *REGIONS)
    assert code == 1
    assert "de map is niet leeg" in err and "Geen landelijk overzicht aangemaakt." in err
    assert [path.name for path in folder.iterdir()] == ["eigen.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["landelijk"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://regio.example.nl/portaal", "geen webadres met https:// of http://"),
        ("regio.example.nl/portaal", "geen webadres met https:// of http://"),
        ("file:///srv/portaal", "geen webadres met https:// of http://"),
        ("/srv/portaal", "geen webadres met https:// of http://"),
        ("https://regio.example.nl/portaal?pagina=1", "zonder ? of #"),
        ("https://beheer:geheim@regio.example.nl", "gebruikersnaam of wachtwoord"),
        ("https://", "geen geldig webadres"),
    ],
)
def test_a_region_address_that_is_no_web_address_is_refused_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str, message: str
) -> None:
    folder = tmp_path / "landelijk"
    code, _, err = make(folder, capsys, REGIONS[0], url)
    assert code == 1
    assert "--regio-url:1:1: " in err and message in err, err
    assert not folder.exists()


def test_a_region_named_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "landelijk"
    code, _, err = make(folder, capsys, REGIONS[0], REGIONS[0].rstrip("/"))
    assert code == 1
    assert "staat er dubbel in" in err
    assert not folder.exists()


def test_a_title_with_a_control_character_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "landelijk"
    code, _, err = make(folder, capsys, *REGIONS, title="Kennis\x1bportalen")
    assert code == 1
    assert "--titel:1:1: ongeldige titel" in err
    assert not folder.exists()
