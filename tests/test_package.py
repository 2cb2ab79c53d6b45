"""A real package: the wheel, installed in a fresh virtual environment outside this repository,
gives a regiokaart that can scaffold, check and build a region with nothing else present."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from regiokaart import resources
from regiokaart.routes import Page, page_file
from regiokaart.site.pages import render_pages
from tests.browser.conftest import serve
from tests.browser.test_links import run_linkchecker
from tests.conftest import ROOT, checked

NOT_SOURCE = (".git", ".venv", "node_modules", "*.egg-info", "__pycache__")
NOT_SOURCE += (".hypothesis", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".staging-*")
# Built output at the top of the checkout only: the package has a site/ stage of its own.
NOT_SOURCE_AT_TOP = ("site", "build")


def not_source(folder: str, names: list[str]) -> set[str]:
    """The names copytree leaves out of the copy of the checkout."""
    left_out = set(shutil.ignore_patterns(*NOT_SOURCE)(folder, names))
    if Path(folder) == ROOT:
        left_out |= set(NOT_SOURCE_AT_TOP) & set(names)
    return left_out


MODULE = "plegeraanpak-flevoland-outreachend-en-betrokken"

ORGANISATIONS = """
  - id: wijkteam-zeist
    name: Sociaal wijkteam Zeist
    type: welzijn
    area: {scope: gemeenten, municipalities: [Zeist]}
    website: https://www.zeist.example/wijkteam
    source: {document: gegevens-utrecht, section: Organisaties}
    peildatum: 2026-11-01
  - id: stichting-thuis-veilig-utrecht
    name: Stichting Thuis Veilig Utrecht
    type: zorg
    area: {scope: regio, regions: [Utrecht]}
    phone: "030 123 4567"
    source: {document: gegevens-utrecht, section: Organisaties}
    peildatum: 2026-11-01
"""

OFFER = """
  - id: {id}
    name: {name}
    summary: Aanbod voor plegers in de regio Utrecht.
    roles: [pleger]
    frameworks: [vrijwillig]
    effectiveness: Onbekend
    providers: [{provider}]
    area: {{scope: gemeenten, municipalities: [Zeist, Utrecht]}}
    source: {{document: gegevens-utrecht, section: Aanbod}}
    peildatum: 2026-11-01
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv with the wheel of this checkout and its pinned dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy of the source (links kept), so the build leaves nothing in the checkout.
    source = work / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=not_source)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(source)],
        check=True,
        cwd=work,
    )
    wheels = list((work / "dist").glob("regiokaart-*.whl"))
    assert len(wheels) == 1
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    python = str(work / "venv" / "bin" / "python")
    venv_pip = [python, "-m", "pip", "--disable-pip-version-check", "-q", "install"]
    lock = ROOT / "requirements.lock"
    subprocess.run([*venv_pip, "--require-hashes", "-r", str(lock)], check=True, cwd=work)
    subprocess.run([*venv_pip, "--no-deps", str(wheels[0])], check=True, cwd=work)
    return work / "venv" / "bin"


def regiokaart(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(bin_dir / "regiokaart"), *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_the_installed_package_is_not_this_checkout(installed: Path, tmp_path: Path) -> None:
    found = subprocess.run(
        [str(installed / "python"), "-c", "import regiokaart; print(regiokaart.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout
    assert "site-packages" in found and str(ROOT) not in found
    version = regiokaart(installed, "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == "regiokaart 0.1.0"


def test_a_new_region_builds_from_the_wheel_with_no_broken_link(
    installed: Path, tmp_path: Path
) -> None:
    created = regiokaart(
        installed,
        "new",
        "utrecht",
        "--regio",
        "Utrecht",
        "--gemeenten",
        "Utrecht,Nieuwegein,Zeist",
        cwd=tmp_path,
    )
    assert created.returncode == 0, created.stderr
    region = tmp_path / "utrecht"
    data = region / "data"
    with (data / "organisations.yaml").open("a", encoding="utf-8") as handle:
        handle.write(ORGANISATIONS)
    offers = "".join(
        OFFER.format(id=f"utrecht-aanbod-{n}", name=f"Utrechts aanbod {n}", provider=provider)
        for n, provider in enumerate(
            ["wijkteam-zeist", "stichting-thuis-veilig-utrecht", "veilig-thuis"]
        )
    )
    text = (data / "offers.yaml").read_text(encoding="utf-8").replace("offers: []", "offers:")
    (data / "offers.yaml").write_text(text + offers, encoding="utf-8")

    # A module as the Flevoland portal publishes it for download.
    flevoland = checked(ROOT / "data")
    download = page_file(Page.MODULE_DOWNLOAD, MODULE)
    (tmp_path / "module.yaml").write_text(
        str(render_pages(flevoland, resources.PAGE_TEMPLATES)[download]), encoding="utf-8"
    )
    imported = regiokaart(installed, "module", "import", str(tmp_path / "module.yaml"), cwd=region)
    assert imported.returncode == 0, imported.stderr
    assert "uit regio Flevoland" in imported.stdout

    check = regiokaart(installed, "check", cwd=region)
    assert check.returncode == 0, check.stderr
    built = regiokaart(installed, "build", cwd=region)
    assert built.returncode == 0, built.stderr
    site = region / "site"
    for page in (
        "aanbod/utrecht-aanbod-0",
        "aanbod/chatfunctie-veilig-thuis",  # the national inventory
        "organisaties/wijkteam-zeist",
        "bouwstenen/screen-plegeraanbod",
        "kwaliteitsstandaarden/10",
        "checklists/gender",
        "zelfscan",
    ):
        assert (site / page / "index.html").is_file(), page
    module = (site / "modules" / MODULE / "index.html").read_text(encoding="utf-8")
    assert "Overgenomen uit regio Flevoland" in module
    assert "(uit regio Flevoland)" in module
    socialmap = [
        page.read_text(encoding="utf-8")
        for page in (site / "sociale-kaart").glob("**/index.html")  # the map and its paged list
    ]
    assert any("Utrechts aanbod 2" in page for page in socialmap)
    with serve(site) as url:
        result = run_linkchecker(url, tmp_path, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout or " 0 errors" in result.stdout, result.stdout[-2000:]
