"""regiokaart check: every kind of bad input gives a located Dutch message and exit 1."""

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from regiokaart.checks.check import check_data
from regiokaart.cli import main
from regiokaart.problems import Severity
from regiokaart.site.build import BuildFailed, build_site
from tests.conftest import ROOT, data_file, replace_in


def run_check(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--data", str(data)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_fixture_region_is_clean(mini_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_check(mini_data, capsys)
    assert code == 0, output
    assert "Gegevens in orde" in output


def test_shipped_data_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run_check(ROOT / "data", capsys)
    assert code == 0, output


CASES = [
    # (file, old, new, expected line, expected fragment of the message)
    (
        "offers.yaml",
        "    summary: Lotgenotengroep",
        "    sumary: Lotgenotengroep",
        5,
        "offers[0].sumary: onbekend veld 'sumary' (bedoelde u 'summary'?)",
    ),
    (
        "offers.yaml",
        "effectiveness: Goed onderbouwd",
        "effectiveness: Goed onderbouwt",
        31,
        "offers[1].effectiveness: ongeldige waarde 'Goed onderbouwt' (bedoelde u 'Goed onderbouwd'?)",
    ),
    (
        "offers.yaml",
        "frameworks: [vrijwillig]",
        "frameworks: [vrijwilig]",
        8,
        "offers[0].frameworks[0]: ongeldige waarde 'vrijwilig' (bedoelde u 'vrijwillig'?)",
    ),
    (
        "offers.yaml",
        "providers: [veilig-thuis-testland]",
        "providers: [veilig-thuis-testlnd]",
        16,
        "offers[0].providers[0]: onbekende organisatie 'veilig-thuis-testlnd' (bedoelde u 'veilig-thuis-testland'?)",
    ),
    (
        "offers.yaml",
        "id: steungroep",
        "id: Steun Groep",
        2,
        "offers[0].id: ongeldige id 'Steun Groep'",
    ),
    (
        "offers.yaml",
        "id: relatietherapie",
        "id: steungroep",
        21,
        "offers[1].id: id 'steungroep' komt dubbel voor (eerder op regel 2)",
    ),
    (
        "organisations.yaml",
        "website: https://veiligthuis.example.nl/",
        "website: veiligthuis.example",
        19,
        "organisations[2].website: geen geldig webadres",
    ),
    (
        "organisations.yaml",
        "email: info@veiligthuis.example.nl",
        "email: p.de.vries@veiligthuis.example.nl",
        20,
        "organisations[2].email: dit lijkt een persoonlijk e-mailadres",
    ),
    (
        "organisations.yaml",
        'phone: "0800-2000"',
        'phone: "06-12345678"',
        21,
        "organisations[2].phone: dit is een mobiel nummer",
    ),
    (
        "organisations.yaml",
        "description: Advies- en meldpunt",
        "description: Bel 06 1234 5678 bij het meldpunt",
        17,
        "organisations[2].description: bevat een mobiel telefoonnummer",
    ),
    (
        "modules.yaml",
        "goal: Herhaling",
        "goal: Mail j.jansen@gemeente.example.nl. Herhaling",
        7,
        "modules[0].goal: bevat een persoonlijk e-mailadres (j.jansen@gemeente.example.nl)",
    ),
    (
        "modules.yaml",
        "    summary: Begeleiding",
        "    # summary weggehaald",
        2,
        "modules[0].summary: verplicht veld 'summary' ontbreekt",
    ),
    (
        "modules.yaml",
        "lead: veilig-thuis-testland",
        "lead: veiligthuis-testland",
        11,
        "modules[0].activities[0].lead: onbekende organisatie 'veiligthuis-testland' (bedoelde u 'veilig-thuis-testland'?)",
    ),
    (
        "modules.yaml",
        "offers: [steungroep]",
        "offers: [steungrop]",
        18,
        "modules[0].offers[0]: onbekende aanbod 'steungrop' (bedoelde u 'steungroep'?)",
    ),
    (
        "bouwstenen.yaml",
        'bundle: "9"\n    text',
        'bundle: "11"\n    text',
        21,
        "bouwstenen[0].bundle: ongeldige waarde '11'",
    ),
    (
        "offers.yaml",
        "municipalities: [Noordstad]",
        "municipalities: [Noordstadt]",
        17,
        "offers[0].area.municipalities[0]: onbekende gemeente van de regio 'Noordstadt' (bedoelde u 'Noordstad'?)",
    ),
    (
        "offers.yaml",
        'source: {document: testbron, section: "3"}',
        'source: {document: testbrn, section: "3"}',
        19,
        "offers[0].source.document: onbekende bron 'testbrn' (bedoelde u 'testbron'?)",
    ),
    (
        "offers.yaml",
        "age_min: 18",
        "age_min: achttien",
        7,
        "offers[0].age_min: verwacht een geheel getal",
    ),
    (
        "region.yaml",
        'primary: "#1d4f91"',
        'primary: "blauw"',
        7,
        "region.colours.primary: ongeldige kleur 'blauw'",
    ),
    (
        "offers.yaml",
        "    cost: Gratis\n",
        "    cost: Gratis\n    cost: Betaald\n",
        15,
        "offers[0].cost: sleutel 'cost' komt dubbel voor (eerder op regel 14)",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "fragment"), CASES, ids=[c[4][:40] for c in CASES]
)
def test_broken_copy_gives_located_message(
    mini_data: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    line: int,
    fragment: str,
) -> None:
    replace_in(data_file(mini_data, file), old, new)
    code, output = run_check(mini_data, capsys)
    assert code == 1
    matching = [row for row in output.splitlines() if fragment in row]
    assert matching, output
    assert (
        matching[0].startswith(f"{mini_data / file}:{line}:") or f"{file}:{line}:" in matching[0]
    ), matching


def test_future_date_is_an_error(mini_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    replace_in(mini_data / "offers.yaml", "peildatum: 2026-01-15", f"peildatum: {tomorrow}")
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert f"offers.yaml:20:16: offers[0].peildatum: datum {tomorrow} ligt in de toekomst" in output


def test_stale_peildatum_warns_without_failing(mini_data: Path) -> None:
    _, problems = check_data(mini_data, today=date(2026, 6, 1))
    stale = [p for p in problems if "ouder dan 12 maanden" in p.message]
    assert [(p.field, p.severity) for p in stale] == [("offers[1].peildatum", Severity.WARNING)]
    _, later = check_data(mini_data, today=date(2027, 6, 1))
    assert len([p for p in later if "ouder dan 12 maanden" in p.message]) > 1


def test_all_problems_are_reported_at_once(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for file, old, new, _, _ in CASES[:4]:
        replace_in(data_file(mini_data, file), old, new)
    replace_in(mini_data / "modules.yaml", "lead: veilig-thuis-testland", "lead: onbekend")
    code, output = run_check(mini_data, capsys)
    assert code == 1
    # a renamed key is both unknown and missing: five problems from four edits
    assert "5 fout(en)" in output, output


FILE_CASES = [
    ("offers.yaml", b"offers:\n  - id: [unclosed\n", "offers.yaml:3:1: YAML-fout"),
    ("offers.yaml", b"", "offers.yaml:1:1: bestand is leeg"),
    (
        "offers.yaml",
        b"- id: steungroep\n",
        "offers.yaml:1:1: verwacht bovenaan een mapping met 'offers', 'local_notes', gevonden: een lijst",
    ),
    (
        "glossary.yaml",
        "terms:\n  - id: thv\n    term: Caf\xe9\n".encode("latin-1"),
        "glossary.yaml:3:14: bestand is geen UTF-8",
    ),
    (
        "offers.yaml",
        b"offers: []\noffers: []\n",
        "offers.yaml:2:1: offers: sleutel 'offers' komt dubbel voor (eerder op regel 1)",
    ),
    (
        "offers.yaml",
        b"offers: !!python/object:os.system {}\n",
        "offers.yaml:1:9: offers: onbekende YAML-tag 'tag:yaml.org,2002:python/object:os.system'",
    ),
    ("offers.yaml", b"offers:\n\t- id: x\n", "offers.yaml:2:1: YAML-fout: teken dat hier niet mag"),
    ("offers.yaml", b"offers: []\n---\noffers: []\n", "YAML-fout: bestand bevat meer dan"),
]


@pytest.mark.parametrize(
    ("file", "content", "fragment"), FILE_CASES, ids=[c[2][:45] for c in FILE_CASES]
)
def test_unreadable_files_never_raise(
    mini_data: Path, capsys: pytest.CaptureFixture[str], file: str, content: bytes, fragment: str
) -> None:
    data_file(mini_data, file).write_bytes(content)
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert fragment in output, output
    assert "Traceback" not in output


def test_missing_file_is_reported(mini_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (mini_data / "region.yaml").unlink()
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert "region.yaml:1:1: bestand ontbreekt" in output


def test_a_region_needs_no_file_but_its_region_file(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("modules.yaml", "offers.yaml", "glossary.yaml"):
        (mini_data / name).unlink()
    code, output = run_check(mini_data, capsys)
    assert code == 0, output
    assert "bestand ontbreekt" not in output


def test_a_national_link_to_what_the_region_lacks_is_no_error(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    national = mini_data.parent / "national" / "bouwstenen.yaml"
    replace_in(national, "offers: [steungroep]", "offers: [steungroep, alleen-in-een-andere-regio]")
    code, output = run_check(mini_data, capsys)
    assert code == 0, output
    assert "alleen-in-een-andere-regio" not in output


def check_in_subprocess(data: Path) -> subprocess.CompletedProcess[str]:
    """`regiokaart check` as its own process, so a crash or a traceback would show."""
    return subprocess.run(
        [sys.executable, "-m", "regiokaart.cli", "check", "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_command_line_prints_no_traceback(mini_data: Path) -> None:
    (mini_data / "offers.yaml").write_bytes(b"\xff\xfe offers")
    result = check_in_subprocess(mini_data)
    assert result.returncode == 1
    assert "bestand is geen UTF-8" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("nesting", "where"),
    [
        # the 100th bracket after "offers: " is the 101st level, the document being the first
        ("[" * 100_000 + "]" * 100_000, "1:108"),
        ("{a: " * 50_000 + "1" + "}" * 50_000, f"1:{9 + 99 * 4}"),
    ],
)
def test_absurdly_deep_nesting_is_a_message_not_a_crash(
    mini_data: Path, nesting: str, where: str
) -> None:
    (mini_data / "offers.yaml").write_text("offers: " + nesting + "\n", encoding="utf-8")
    result = check_in_subprocess(mini_data)
    assert result.returncode == 1
    assert f"offers.yaml:{where}: YAML is te diep genest" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# Privacy in everything that reaches the site: hand-written pages in content/ beside data/ too.


def test_hand_written_pages_are_scanned_for_personal_data(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = mini_data.parent / "content"
    (content / "team").mkdir(parents=True)
    (content / "over.md").write_text(
        "# Over dit portaal\n\nVragen? Bel projectleider Jan Jansen op 06 - 12 34 56 78\n"
        "of mail j.jansen (at) gemeente.example.nl.\n",
        encoding="utf-8",
    )
    (content / "team" / "index.html").write_text(
        "<p>Secretariaat: info@gemeente.example.nl, 020 123 4567</p>\n"
        "<p>Teamleider: teamleider.jansen@gemeente.example.nl</p>\n",
        encoding="utf-8",
    )
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert (
        "content/over.md:3:41: bevat een mobiel telefoonnummer (06 - 12 34 56 78); publiceer "
        "alleen contactgegevens van een organisatie of functie" in output
    ), output
    assert (
        "content/over.md:4:9: bevat een persoonlijk e-mailadres (j.jansen@gemeente.example.nl)"
        in (output)
    )
    assert (
        "content/team/index.html:2:16: bevat een persoonlijk e-mailadres (teamleider.jansen@"
        in (output)
    )
    assert "3 fout(en)" in output, output


def test_build_refuses_a_page_with_a_mobile_number(mini_project: Path, tmp_path: Path) -> None:
    page = mini_project / "content" / "over.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nBel 06-12345678.\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build_site(mini_project, tmp_path / "site")
    errors = [p for p in failure.value.problems if p.severity is Severity.ERROR]
    assert [p.message.split(";")[0] for p in errors] == [
        "bevat een mobiel telefoonnummer (06-12345678)"
    ]
    assert errors[0].file.endswith("content/over.md")
    assert not (tmp_path / "site").exists()


def test_shipped_theme_and_mkdocs_yml_are_scanned_too(
    mini_data: Path, shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (shipped_copy / "theme" / "partials").mkdir(parents=True, exist_ok=True)
    (shipped_copy / "theme" / "partials" / "footer.html").write_text(
        "<footer>\n  Webbeheer: w.devries (at) gemeente.example.nl\n</footer>\n", encoding="utf-8"
    )
    (shipped_copy / "mkdocs.yml").write_text(
        "site_name: Kennisportaal\nsite_description: Bel +31 6 12345678\n", encoding="utf-8"
    )
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert "theme/partials/footer.html:2:14: bevat een persoonlijk e-mailadres" in output, output
    assert "mkdocs.yml:2:23: bevat een mobiel telefoonnummer (+31 6 12345678)" in output, output


def test_a_fifo_in_content_is_reported_not_waited_for(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (mini_data.parent / "content").mkdir()
    os.mkfifo(mini_data.parent / "content" / "over.md")
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert "content/over.md:1:1: geen gewoon bestand; kan niet gecontroleerd worden" in output


def test_a_page_in_content_that_is_a_folder_is_reported_not_left_out(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named as a page: the engine would build the portal without it, without a word."""
    (mini_data.parent / "content" / "over.md").mkdir(parents=True)
    (mini_data.parent / "content" / "over.md" / "iets.txt").write_text("tekst")
    code, output = run_check(mini_data, capsys)
    assert code == 1
    assert "content/over.md:1:1: is een map, geen pagina: een pagina is een bestand" in output


def test_a_phone_number_without_its_leading_0_is_an_error(
    flevoland_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A number a spreadsheet stored as a number lost its 0; pasted into the YAML file it is no
    number anyone can call."""
    replace_in(flevoland_copy / "organisations.yaml", 'phone: "0800-2000"', 'phone: "8002000"')
    code, output = run_check(flevoland_copy, capsys)
    assert code == 1
    assert "organisations.yaml:136" in output
    assert "de 0 vooraan ontbreekt (bedoelt u 08002000?)" in output
