"""The command line speaks Dutch, also when the arguments are wrong: argparse's own messages
translated, exit code 2 as argparse gives, no traceback."""

import re

import pytest

from regiokaart.cli import main

ENGLISH = re.compile(
    r"usage|error|the following|required|unrecognized|invalid|choose from|expected|ambiguous|"
    r"could match|argument -|argument command|show this help|positional|options:"
)

CASES = [
    ([], "regiokaart: fout: geef een commando: new, new-landelijk, check, schema, build, serve, selfscan-report, federate, module, export of import"),
    (["selfscan-report"], "regiokaart selfscan-report: fout: ontbreekt: files, --out"),
    (["selfscan-report", "a.json"], "regiokaart selfscan-report: fout: ontbreekt: --out"),
    (
        ["selfscan-report", "a.json", "--out", "rapport", "--uit", "x"],
        "regiokaart: fout: niet herkend: --uit x",
    ),
    (
        ["selfscan-raport", "a.json"],
        "regiokaart: fout: onbekend commando 'selfscan-raport'; kies uit new, new-landelijk, check, "
        "schema, build, serve, selfscan-report, federate, module, export, import (bedoelde u "
        "'selfscan-report'?)",
    ),
    (
        ["module", "import", "m.yaml", "--vervang", "--ernaast"],
        "regiokaart module import: fout: --ernaast: niet samen met --vervang",
    ),
    (["selfscan-report", "a.json", "--out"], "regiokaart selfscan-report: fout: --out: verwacht één waarde"),
    (["export"], "regiokaart export: fout: geef een commando: xlsx, hsds of controle"),
    (["export", "hsds", "uit", "--data"], "regiokaart export hsds: fout: --data: verwacht één waarde"),
    (["check", "--data"], "regiokaart check: fout: --data: verwacht één waarde"),
    (["serve", "--port", "acht"], "regiokaart serve: fout: --port: 'acht' is geen geheel getal"),
    (
        ["build", "--s", "x"],
        "regiokaart build: fout: optie --s is niet eenduidig: --site of --strict?",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "expected"), CASES, ids=[" ".join(c[0]) or "-" for c in CASES])
def test_wrong_arguments_get_a_dutch_message_and_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith("gebruik: regiokaart"), captured.err
    assert lines[-1] == expected, captured.err
    assert not ENGLISH.search(captured.err), captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["selfscan-report", "--help"],
        ["module", "import", "--help"],
        ["export", "hsds", "--help"],
    ],
)
def test_help_is_dutch(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("gebruik: regiokaart")
    assert "toon deze hulp en stop" in text
    assert not ENGLISH.search(text), text
