"""`regiokaart module import`: a module published by another region's portal, taken over."""

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml

from regiokaart.cli import main
from regiokaart.dataset import Dataset
from regiokaart.formats.module_import import Conflict, import_module
from regiokaart.models.module import ExternalPartner, Module
from regiokaart.models.module_exchange import MAX_EXCHANGE_BYTES
from regiokaart.models.references import drop_missing_links, iter_references
from regiokaart.site.pages.module import render_module_yaml
from regiokaart.source import edit as yaml_edit
from regiokaart.source.positions import parse_yaml_text
from tests.conftest import ROOT, checked, tree_digest

FLEVOLAND_MODULE = "plegeraanpak-flevoland-outreachend-en-betrokken"
MINI_MODULE_COMMENT = "modules:\n  - id: nazorg-na-huisverbod"


@functools.cache
def flevoland() -> Dataset:
    return checked(ROOT / "data")


def exported(module: Module | None = None) -> str:
    """A module as Flevoland's portal publishes it (downloads/modules/<id>.yaml)."""
    dataset = flevoland()
    return render_module_yaml(module or dataset.modules[FLEVOLAND_MODULE], dataset, date.today())


@pytest.fixture
def exchange_file(tmp_path: Path) -> Path:
    path = tmp_path / "download" / f"{FLEVOLAND_MODULE}.yaml"
    path.parent.mkdir()
    path.write_text(exported(), encoding="utf-8")
    return path


@pytest.fixture
def region(mini_data: Path) -> Path:
    """The mini region, with a comment in its modules.yaml that an import must keep."""
    modules = mini_data / "modules.yaml"
    text = modules.read_text(encoding="utf-8")
    modules.write_text("# Eigen modules van Testland\n" + text, encoding="utf-8")
    return mini_data


def run(*argv: str | Path) -> int:
    return main(["module", "import", *(str(a) for a in argv)])


def test_import_into_a_small_region(
    region: Path, exchange_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = (region / "modules.yaml").read_bytes()
    assert run(exchange_file, "--data", region) == 0
    report = capsys.readouterr().out
    dataset = checked(region)
    module = dataset.modules[FLEVOLAND_MODULE]
    assert list(dataset.modules) == ["nazorg-na-huisverbod", FLEVOLAND_MODULE]
    # Testland has none of Flevoland's organisations: every one is a partner by name.
    assert module.partners and all(
        isinstance(p, ExternalPartner) and p.region == "Flevoland" for p in module.partners
    )
    assert ExternalPartner(name="Reclassering Nederland", region="Flevoland") in module.partners
    assert isinstance(module.activities[0].lead, ExternalPartner)
    assert module.origin is not None
    assert module.origin.region == "Flevoland"
    assert module.origin.source == exchange_file.name  # never the folders of the computer
    assert module.origin.peildatum == flevoland().modules[FLEVOLAND_MODULE].peildatum
    assert module.origin.imported == date.today()
    assert "plegeraanpak-flevoland" in dataset.documents
    text = (region / "modules.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Eigen modules van Testland\n" + MINI_MODULE_COMMENT)
    assert text.startswith(old.decode("utf-8").rstrip("\n"))  # the old file is untouched
    backups = list((region / ".backup").iterdir())
    assert [b.name.split(".yaml.")[0] for b in backups] == ["modules"]
    assert backups[0].read_bytes() == old
    assert "toegevoegd aan" in report and "9 partners" in report
    assert "Reclassering Nederland" in report and "uit regio Flevoland" in report
    assert "Bron 'Projectplan Plegeraanpak Flevoland" in report
    assert str(backups[0]) in report


def test_offers_the_region_lacks_are_left_out_and_named(region: Path, tmp_path: Path) -> None:
    dataset = flevoland()
    national_offer = next(iter(dataset.offers))
    module = dataset.modules[FLEVOLAND_MODULE].model_copy(update={"offers": [national_offer]})
    path = tmp_path / "met-aanbod.yaml"
    path.write_text(exported(module), encoding="utf-8")
    outcome = import_module(str(path), region)
    assert outcome.written, outcome.problems
    imported = checked(region)
    assert imported.modules[FLEVOLAND_MODULE].offers == []
    name = dataset.offers[national_offer].name
    assert f"Weggelaten aanbod dat uw regio niet heeft: {name}." in outcome.report


def test_own_organisations_and_offers_stay_references(mini_data: Path, tmp_path: Path) -> None:
    """Testland's own module, published and taken over by a copy of Testland: nothing changes
    but the id (written beside) and the origin."""
    dataset = checked(mini_data)
    path = tmp_path / "eigen.yaml"
    path.write_text(
        render_module_yaml(dataset.modules["nazorg-na-huisverbod"], dataset, date.today()),
        encoding="utf-8",
    )
    outcome = import_module(str(path), mini_data, Conflict.BESIDE)
    assert outcome.written, outcome.problems
    after = checked(mini_data)
    copy = after.modules["nazorg-na-huisverbod-2"]
    original = dataset.modules["nazorg-na-huisverbod"]
    assert copy.partners == original.partners == ["veilig-thuis-testland", "gemeente-noordstad"]
    assert copy.offers == ["steungroep"]
    assert copy.title == "Nazorg na huisverbod (uit regio Testland)"
    assert not (mini_data / "sources.yaml").exists()  # testbron is known: nothing added


def test_same_id_without_a_choice_is_refused(
    region: Path, exchange_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(exchange_file, "--data", region) == 0
    before = tree_digest(region)
    capsys.readouterr()
    assert run(exchange_file, "--data", region) == 1  # stdin is not a terminal under pytest
    err = capsys.readouterr().err
    assert f"module '{FLEVOLAND_MODULE}' bestaat al" in err
    assert "--vervang" in err and "--ernaast" in err
    assert tree_digest(region) == before


def test_vervang_replaces_only_that_module(region: Path, exchange_file: Path) -> None:
    assert run(exchange_file, "--data", region) == 0
    modules = region / "modules.yaml"
    text = modules.read_text(encoding="utf-8")
    modules.write_text(text.replace("title: 'Plegeraanpak", "title: 'Oude plegeraanpak"), "utf-8")
    assert run(exchange_file, "--data", region, "--vervang") == 0
    dataset = checked(region)
    assert list(dataset.modules) == ["nazorg-na-huisverbod", FLEVOLAND_MODULE]
    assert dataset.modules[FLEVOLAND_MODULE].title.startswith("Plegeraanpak")
    text = modules.read_text(encoding="utf-8")
    assert text.count(f"id: {FLEVOLAND_MODULE}") == 1
    assert text.startswith("# Eigen modules van Testland\n" + MINI_MODULE_COMMENT)
    assert len(list((region / ".backup").glob("modules.yaml.*"))) == 2


def test_ernaast_writes_a_second_id(region: Path, exchange_file: Path) -> None:
    assert run(exchange_file, "--data", region) == 0
    assert run(exchange_file, "--data", region, "--ernaast") == 0
    dataset = checked(region)
    assert list(dataset.modules) == [
        "nazorg-na-huisverbod",
        FLEVOLAND_MODULE,
        f"{FLEVOLAND_MODULE}-2",
    ]
    assert dataset.modules[f"{FLEVOLAND_MODULE}-2"].title.endswith("(uit regio Flevoland)")


def test_the_question_on_a_terminal_decides(region: Path, exchange_file: Path) -> None:
    assert import_module(str(exchange_file), region).written
    before = tree_digest(region)
    questions: list[str] = []

    def answer(question: str) -> Conflict:
        questions.append(question)
        return Conflict.ABORT

    outcome = import_module(str(exchange_file), region, ask=answer)
    assert not outcome.written and "Afgebroken" in outcome.report[0]
    assert questions and FLEVOLAND_MODULE in questions[0]
    assert tree_digest(region) == before
    assert import_module(str(exchange_file), region, ask=lambda _: Conflict.BESIDE).written
    assert checked(region).modules[f"{FLEVOLAND_MODULE}-2"]


@pytest.fixture
def web_folder(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web server for a folder: (base address, folder)."""
    folder = tmp_path / "web"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[assignment, method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_import_from_a_web_address(
    region: Path, web_folder: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base, folder = web_folder
    (folder / "module.yaml").write_text(exported(), encoding="utf-8")
    assert run(f"{base}module.yaml", "--data", region) == 0
    dataset = checked(region)
    origin = dataset.modules[FLEVOLAND_MODULE].origin
    assert origin is not None and origin.source == f"{base}module.yaml"
    capsys.readouterr()
    assert run(f"{base}ontbreekt.yaml", "--data", region, "--vervang") == 1
    assert "foutcode 404" in capsys.readouterr().err


def test_an_unreachable_web_address_gets_a_dutch_message(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    before = tree_digest(region)
    assert run(f"http://127.0.0.1:{port}/module.yaml", "--data", region) == 1
    err = capsys.readouterr().err
    assert "webadres niet bereikbaar" in err and "netwerkverbinding" in err
    assert "Traceback" not in err
    assert tree_digest(region) == before


def _misspelled() -> str:
    return (
        exported()
        .replace("\n    targets:\n", "\n    target:\n", 1)
        .replace("\n  targets:\n", "\n  target:\n", 1)
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("modules: [", "YAML-fout"),
        ("gewoon tekst", "verwacht bovenaan een mapping"),
        (
            lambda: exported().replace("format: regiokaart-module", "format: regiokaart-modul"),
            "format: ongeldige waarde 'regiokaart-modul' (bedoelde u 'regiokaart-module'?)",
        ),
        (_misspelled, "onbekend veld 'target' (bedoelde u 'targets'?)"),
        (
            lambda: exported().replace("- id: reclassering-nederland\n", "- id: reclasering\n"),
            "'reclassering-nederland' staat niet in 'organisations' van dit bestand",
        ),
        (lambda: "# " + "x" * MAX_EXCHANGE_BYTES + "\n", "groter dan 2.000.000 bytes"),
    ],
    ids=["no-yaml", "not-a-mapping", "format", "misspelled-field", "unnamed-id", "too-big"],
)
def test_bad_input_is_a_located_dutch_message(
    region: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: object,
    expected: str,
) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text(content() if callable(content) else str(content), encoding="utf-8")
    before = tree_digest(region)
    assert run(path, "--data", region) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert err.startswith(f"{path}:")  # file:line:column
    assert "Traceback" not in err
    assert tree_digest(region) == before


def test_misspelled_field_points_at_its_line(region: Path, tmp_path: Path) -> None:
    text = _misspelled()
    path = tmp_path / "kapot.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = import_module(str(path), region)
    line = text.splitlines().index("  target:") + 1
    assert [(p.line, p.field) for p in outcome.problems] == [(line, "modules[0].target")]


def test_a_module_that_breaks_the_region_is_not_written(region: Path, tmp_path: Path) -> None:
    """The whole region is checked with the module added: a personal e-mail address in it (the
    privacy check) keeps anything from being written."""
    dataset = flevoland()
    module = dataset.modules[FLEVOLAND_MODULE].model_copy(
        update={"monitoring": "Mail jan.jansen@gmail.com voor de cijfers."}
    )
    path = tmp_path / "prive.yaml"
    path.write_text(exported(module), encoding="utf-8")
    before = tree_digest(region)
    outcome = import_module(str(path), region)
    assert not outcome.written
    assert any(p.file == str(region / "modules.yaml") for p in outcome.problems)
    assert "niets geschreven" in outcome.problems[-1].message
    assert tree_digest(region) == before


def test_the_module_page_names_partners_from_elsewhere(
    mini_project: Path, exchange_file: Path, tmp_path: Path
) -> None:
    assert run(exchange_file, "--data", mini_project / "data") == 0
    site = tmp_path / "site"
    assert main(["build", "--project", str(mini_project), "--site", str(site)]) == 0
    page = (site / "modules" / FLEVOLAND_MODULE / "index.html").read_text(encoding="utf-8")
    assert 'Reclassering Nederland <span class="rk-meta">(uit regio Flevoland)</span>' in page
    assert "Overgenomen uit regio Flevoland op" in page
    assert f"(bron: {exchange_file.name}, peildatum" in page
    assert "organisaties/reclassering-nederland" not in page  # no page here to link to
    assert "Gemeente Almere (uit regio Flevoland)" in page  # in the partner chart too


# --- the parts on their own -------------------------------------------------------------------


def test_references_are_only_ids_never_named_partners() -> None:
    module = flevoland().modules[FLEVOLAND_MODULE]
    named = ExternalPartner(name="Blijf Groep", region="Flevoland")
    mixed = module.model_copy(update={"partners": ["blijf-groep", named]})
    partners = [r for r in iter_references(mixed) if r.path[0] == "partners"]
    assert [(r.path, r.value) for r in partners] == [(("partners", 0), "blijf-groep")]
    kept = drop_missing_links(mixed, {"organisations": set()})
    assert kept.partners == [named]


def test_the_export_names_what_the_module_refers_to() -> None:
    exchange = yaml.safe_load(exported())
    assert exchange["format"] == "regiokaart-module" and exchange["version"] == 1
    assert exchange["region"] == "Flevoland"
    names = {o["id"]: o["name"] for o in exchange["organisations"]}
    assert names["reclassering-nederland"] == "Reclassering Nederland"
    assert [d["id"] for d in exchange["documents"]] == ["plegeraanpak-flevoland"]
    assert "regiokaart module import" in exported().split("\nformat:")[0]


def test_replacing_keeps_the_comments_of_the_other_records() -> None:
    text = (
        "# kop\nmodules:\n\n  # eerste\n  - id: a\n    goal: |-\n      # geen commentaar\n\n"
        "  # tweede\n  - id: b\n\n  # derde\n  - id: c\n# slot\n"
    )
    document, problems = parse_yaml_text(text, "m.yaml")
    assert not problems
    replaced = yaml_edit.replace_item(text, document, "modules", 1, {"id": "x"}, "nieuw")
    assert replaced == (
        "# kop\nmodules:\n\n  # eerste\n  - id: a\n    goal: |-\n      # geen commentaar\n"
        "\n  # nieuw\n  - id: x\n\n  # derde\n  - id: c\n# slot\n"
    )
    last = yaml_edit.replace_item(text, document, "modules", 2, {"id": "y"}, "nieuw")
    assert last.endswith("  - id: b\n\n  # nieuw\n  - id: y\n# slot\n")
    assert yaml.safe_load(last)["modules"][0]["goal"] == "# geen commentaar"
