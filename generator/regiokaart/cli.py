"""Command line: argument parsing and exit codes only."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from regiokaart.argparse_nl import DutchArgumentParser
from regiokaart.problems import Problem, Severity, has_errors
from regiokaart.resources import version
from regiokaart.site.engines import DEFAULT_ENGINE, ENGINES

if TYPE_CHECKING:
    from regiokaart.dataset import Dataset
    from regiokaart.source.write_back import ImportOutcome


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (p.file, p.line, p.column, p.field)):
        print(problem.format(), file=sys.stderr)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if problems:
        print(f"{errors} fout(en), {warnings} waarschuwing(en)", file=sys.stderr)


def _region(args: argparse.Namespace) -> Path | None:
    """The region folder named on the command line (MAP, or the older --project), or None after
    saying why there is none."""
    from regiokaart.source.project import find_region

    project, problems = find_region(Path(args.project or args.map))
    _print_problems(problems)
    return project


def _data_folder(args: argparse.Namespace) -> Path | None:
    """--data, or else data/ of the region folder: MAP when the command takes one, otherwise the
    current directory; None after saying why there is none."""
    if args.data is not None:
        return Path(args.data)
    where = argparse.Namespace(
        project=getattr(args, "project", None), map=getattr(args, "map", ".")
    )
    project = _region(where)
    return project / "data" if project is not None else None


def cmd_check(args: argparse.Namespace) -> int:
    from regiokaart.checks.check import check_data

    if args.links and args.onderhoud is None:
        print(
            "regiokaart check: fout: --links: alleen samen met --onderhoud RAPPORT", file=sys.stderr
        )
        return 2
    data = _data_folder(args)
    if data is None:
        return 1
    dataset, problems = check_data(data)
    _print_problems(problems)
    if has_errors(problems) or dataset is None:
        return 1
    print("Gegevens in orde.")
    if args.onderhoud is not None:
        return _write_maintenance_report(dataset, Path(args.onderhoud), links=args.links)
    return 0


def _write_maintenance_report(dataset: "Dataset", out: Path, *, links: bool) -> int:
    from datetime import date

    from regiokaart.formats.maintenance import maintenance_rows, render_maintenance_report
    from regiokaart.problems import describe_os_error
    from regiokaart.safe_write import write_atomically

    dead: dict[str, str] = {}
    if links:
        from regiokaart.checks.link_check import check_external_links, external_urls

        dead, why_not = check_external_links(external_urls(dataset))
        if why_not:
            print(f"Let op: {why_not}.", file=sys.stderr)
    today = date.today()
    rows = maintenance_rows(dataset, today, dead)
    content = render_maintenance_report(rows, out.suffix, dataset.region.name, today)
    backup = out.with_name(out.name + ".vorige")
    try:
        if out.is_file():  # an earlier report, or a file of the user's: kept, not overwritten
            write_atomically(backup, out.read_bytes())
        write_atomically(out, content)
    except OSError as error:
        reason = describe_os_error(error)
        print(f"Onderhoudsrapport niet geschreven naar {out}: {reason}", file=sys.stderr)
        return 1
    kept = f"; het vorige bestand staat in {backup}" if backup.exists() else ""
    print(f"Onderhoudsrapport ({len(rows)} punten) geschreven naar {out}{kept}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from regiokaart.schema import render_schemas

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in render_schemas().items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"JSON Schemas geschreven naar {out}/")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from regiokaart.site.build import BuildFailed, build_site

    project = _region(args)
    if project is None:
        return 1
    site = Path(args.site) if args.site is not None else project / "site"
    try:
        result = build_site(
            project, site, strict=args.strict, engine=args.engine, earlier_feed=args.vorige_feed
        )
    except BuildFailed as failure:
        _print_problems(failure.problems)
        print(f"Bouwen mislukt; {site}/ is niet vervangen.", file=sys.stderr)
        return 1
    _print_problems(result.warnings)
    where = f"{site}/"
    if site.is_symlink():
        where += f" (verwijst naar {result.target}/)"
    print(f"Portaal gebouwd in {where} ({result.page_count} pagina's).")
    return 0


def cmd_federate(args: argparse.Namespace) -> int:
    from regiokaart.federation.pages import STATUS_LABELS, region_name
    from regiokaart.federation.site import federate, last_good_folder
    from regiokaart.site.build import BuildFailed

    site = Path(args.site)
    try:
        result = federate(Path(args.config), site, engine=args.engine)
    except BuildFailed as failure:
        _print_problems(failure.problems)
        print(f"Landelijk overzicht niet gebouwd; {site}/ is niet vervangen.", file=sys.stderr)
        return 1
    _print_problems(result.warnings)
    for state in result.states:
        line = f"{region_name(state)}: {STATUS_LABELS[state.status].lower()}"
        if state.status == "verouderd" and state.fetched:
            line += f" van {state.fetched.date().isoformat()}"
        print(line + "".join(f"\n  {problem}" for problem in state.problems))
    missed = sum(1 for state in result.states if state.status != "ok")
    print(
        f"Landelijk overzicht gebouwd in {site}/ ({len(result.states)} regio's"
        + (f", {missed} niet bereikt" if missed else "")
        + f"); laatste goede gegevens per regio in {last_good_folder(site)}/."
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from regiokaart.serve.server import serve

    project = _region(args)
    if project is None:
        return 1
    return serve(project, args.host, args.port, args.engine)


def cmd_new(args: argparse.Namespace) -> int:
    from datetime import date

    from regiokaart.checks.check import check_data
    from regiokaart.scaffold import (
        ScaffoldFailed,
        choose_installer,
        create_region,
        parse_names,
        render_region_folder,
    )

    name, municipalities, problems = parse_names(args.regio, args.gemeenten)
    installer, notes = choose_installer(args.regiokaart_bron)
    if problems or has_errors(notes):
        _print_problems(problems + notes)
        return 1
    folder = Path(args.map)
    try:
        create_region(folder, render_region_folder(name, municipalities, date.today(), installer))
    except ScaffoldFailed as failure:
        _print_problems(failure.problems)
        print("Geen regio aangemaakt.", file=sys.stderr)
        return 1
    _, problems = check_data(folder / "data")
    _print_problems(notes + problems)
    print(
        f"Regio {name} aangemaakt in {folder}/ ({len(municipalities)} gemeente(n)). "
        f"Lees {folder}/LEESMIJ.md; controleer met 'regiokaart check {folder}' "
        f"en bouw met 'regiokaart build {folder}'."
    )
    return 0


def cmd_new_landelijk(args: argparse.Namespace) -> int:
    from regiokaart.federation.config import load_federation
    from regiokaart.scaffold import ScaffoldFailed, choose_installer, create_region
    from regiokaart.scaffold_national import (
        NATIONAL_WORKFLOWS,
        parse_national,
        render_national_folder,
    )

    title, regions, problems = parse_national(args.titel, args.regio_url)
    installer, notes = choose_installer(args.regiokaart_bron, NATIONAL_WORKFLOWS)
    if problems or has_errors(notes):
        _print_problems(problems + notes)
        return 1
    folder = Path(args.map)
    try:
        create_region(folder, render_national_folder(title, regions, installer))
    except ScaffoldFailed as failure:
        _print_problems(failure.problems)
        print("Geen landelijk overzicht aangemaakt.", file=sys.stderr)
        return 1
    _, problems = load_federation(folder / "FEDERATION.yaml")
    _print_problems(notes + problems)
    count = "1 regio" if len(regions) == 1 else f"{len(regions)} regio's"
    print(
        f"Landelijk overzicht aangemaakt in {folder}/ ({count}). "
        f"Lees {folder}/LEESMIJ.md; bouw met "
        f"'regiokaart federate {folder / 'FEDERATION.yaml'} --site {folder / 'site'}'."
    )
    return 0


def cmd_selfscan_report(args: argparse.Namespace) -> int:
    from regiokaart.selfscan.report import create_report

    project = Path(args.project)
    data = Path(args.data) if args.data is not None else project / "data"
    outcome = create_report(args.files, Path(args.out), data)
    _print_problems(outcome.problems)
    if not outcome.written:
        print("Geen rapport gemaakt.", file=sys.stderr)
        return 1
    print(f"Regionaal overzicht van {outcome.summary} geschreven naar {args.out}/")
    if has_errors(outcome.problems):
        print(
            "Bestanden met een fout zijn overgeslagen; zie de meldingen hierboven.", file=sys.stderr
        )
        return 1
    return 0


def _region_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "map",
        metavar="MAP",
        nargs="?",
        default=".",
        help="de regiomap met data/ en content/ (standaard: de huidige map)",
    )
    parser.add_argument("--project", default=None, help=argparse.SUPPRESS)  # the older name of MAP


def _engine_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help=f"wat de pagina's opmaakt: {', '.join(ENGINES[:-1])} of {ENGINES[-1]} (standaard: {DEFAULT_ENGINE}; "
        "properdocs is de onderhouden voortzetting van MkDocs, zensical de opvolger van MkDocs "
        "en nog in proef)",
    )


def cmd_module_import(args: argparse.Namespace) -> int:
    from regiokaart.formats.module_import import Conflict, ask_on_terminal, import_module

    conflict = Conflict.REPLACE if args.vervang else Conflict.BESIDE if args.ernaast else None
    ask = ask_on_terminal if sys.stdin.isatty() else None
    data = _data_folder(args)
    if data is None:
        return 1
    return _reported(import_module(args.source, data, conflict, ask))


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from regiokaart.formats.workbook.write import export_workbook

    data = _data_folder(args)
    if data is None:
        return 1
    outcome = export_workbook(data, Path(args.file))
    _print_problems(outcome.problems)
    if not outcome.written:
        return 1
    counts = ", ".join(f"{sheet}: {count}" for sheet, count in outcome.counts.items())
    print(f"Werkboek geschreven naar {args.file} ({counts}).")
    return 0


def cmd_export_control(args: argparse.Namespace) -> int:
    from regiokaart.formats.workbook.providers import export_provider_workbooks

    data = _data_folder(args)
    if data is None:
        return 1
    outcome = export_provider_workbooks(data, Path(args.out))
    _print_problems(outcome.problems)
    if not outcome.written:
        print("Geen werkboeken geschreven.", file=sys.stderr)
        return 1
    offers = sum(outcome.workbooks.values())
    print(
        f"{len(outcome.workbooks)} werkboek(en) 'graag controleren' geschreven naar {args.out}/ "
        f"({offers} rijen aanbod); stuur elke aanbieder zijn eigen bestand en lees wat terugkomt in "
        "met 'regiokaart import'."
    )
    if outcome.unsent:
        print(
            f"{len(outcome.unsent)} eigen aanbod zonder aanbieder van de regio staat in geen "
            f"werkboek: {', '.join(outcome.unsent)} (zie ook 'regiokaart check --onderhoud')."
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from regiokaart.formats.workbook.read import import_sheet

    data = _data_folder(args)
    if data is None:
        return 1
    return _reported(import_sheet(Path(args.file), data))


def _reported(outcome: "ImportOutcome") -> int:
    """Say what an import did; its exit code."""
    _print_problems(outcome.problems)
    for line in outcome.report:
        print(line)
    return 0 if outcome.written else 1


def _export_and_import_commands(sub: "argparse._SubParsersAction[DutchArgumentParser]") -> None:
    data_help = "map met de YAML-bestanden (standaard: data/ van de regiomap waarin u staat)"
    export = sub.add_parser("export", help="schrijf de gegevens van de regio in een ander formaat")
    export_sub = export.add_subparsers(
        dest="export_command", required=True, parser_class=DutchArgumentParser
    )
    xlsx = export_sub.add_parser(
        "xlsx", help="werkboek met het eigen aanbod en de organisaties, om te bewerken"
    )
    xlsx.add_argument("file", metavar="BESTAND.xlsx", help="het werkboek dat geschreven wordt")
    xlsx.add_argument("--data", default=None, help=data_help)
    xlsx.set_defaults(func=cmd_export_xlsx)
    hsds = export_sub.add_parser(
        "hsds", help="organisaties en aanbod als Open Referral HSDS 3.0 (JSON en CSV)"
    )
    hsds.add_argument("out", metavar="MAP", help="doelmap (nieuw, leeg of een eerdere HSDS-export)")
    hsds.add_argument("--data", default=None, help=data_help)
    hsds.set_defaults(func=cmd_export_hsds)
    control = export_sub.add_parser(
        "controle",
        help="per aanbieder een werkboek 'graag controleren' met zijn aanbod, lege velden gemarkeerd",
    )
    control.add_argument(
        "out", metavar="MAP", help="doelmap (nieuw, leeg of een eerdere export van deze werkboeken)"
    )
    control.add_argument("--data", default=None, help=data_help)
    control.set_defaults(func=cmd_export_control)
    sheet_import = sub.add_parser(
        "import", help="zet een bewerkt werkboek (.xlsx) of CSV-bestand terug in de YAML-bestanden"
    )
    sheet_import.add_argument("file", metavar="BESTAND", help="het werkboek of CSV-bestand")
    sheet_import.add_argument("--data", default=None, help=data_help)
    sheet_import.set_defaults(func=cmd_import)


def cmd_export_hsds(args: argparse.Namespace) -> int:
    from regiokaart.checks.check import check_data
    from regiokaart.formats.hsds import EXPORT_FOLDER, render_export
    from regiokaart.output_folder import write_export_folder

    data = _data_folder(args)
    if data is None:
        return 1
    dataset, problems = check_data(data)
    _print_problems(problems)
    if dataset is None:
        print("Geen export gemaakt: herstel eerst de fouten hierboven.", file=sys.stderr)
        return 1
    out = Path(args.out)
    problems = write_export_folder(out, render_export(dataset), EXPORT_FOLDER)
    _print_problems(problems)
    if problems:
        print("Geen export gemaakt.", file=sys.stderr)
        return 1
    print(
        f"HSDS 3.0-export geschreven naar {out}/ ({len(dataset.organisations)} organisaties, "
        f"{len(dataset.offers)} diensten)."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="regiokaart",
        description="Kennisportaal huiselijk geweld en kindermishandeling uit regiogegevens.",
    )
    parser.add_argument(
        "--version", action="version", version=f"regiokaart {version()}", help="toon de versie"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=DutchArgumentParser)
    new = sub.add_parser("new", help="maak een nieuwe regiomap die meteen gebouwd kan worden")
    new.add_argument("map", metavar="MAP", help="de nieuwe map (bestaat niet of is leeg)")
    new.add_argument("--regio", required=True, help='naam van de regio, bijvoorbeeld "Utrecht"')
    new.add_argument(
        "--gemeenten",
        required=True,
        help="de gemeenten, gescheiden door komma's; de eerste is de centrumgemeente",
    )
    new.add_argument(
        "--regiokaart-bron",
        default=None,
        metavar="URL",
        help="de git-repository van regiokaart waar de CI-workflows van de regio deze versie "
        "installeren (standaard: waar deze regiokaart vandaan komt, anders een voorbeeldadres)",
    )
    new.set_defaults(func=cmd_new)
    national = sub.add_parser(
        "new-landelijk",
        help="maak een nieuwe map voor het landelijke overzicht van de regionale portalen",
    )
    national.add_argument("map", metavar="MAP", help="de nieuwe map (bestaat niet of is leeg)")
    national.add_argument(
        "--titel", required=True, help='titel van het overzicht, bijvoorbeeld "Kennisportalen"'
    )
    national.add_argument(
        "--regio-url",
        required=True,
        action="append",
        metavar="URL",
        help="het adres van een regionaal portaal (waar zijn feed.json staat); herhaal de optie "
        "voor elke regio",
    )
    national.add_argument(
        "--regiokaart-bron",
        default=None,
        metavar="URL",
        help="de git-repository van regiokaart waar de CI-workflows deze versie installeren "
        "(standaard: waar deze regiokaart vandaan komt, anders een voorbeeldadres)",
    )
    national.set_defaults(func=cmd_new_landelijk)
    check = sub.add_parser("check", help="controleer de gegevens van een regio")
    _region_argument(check)
    check.add_argument(
        "--data", default=None, help="of: de map met de YAML-bestanden zelf (bijvoorbeeld data)"
    )
    check.add_argument(
        "--onderhoud",
        metavar="RAPPORT",
        default=None,
        help="schrijf ook een onderhoudsrapport (RAPPORT.md, .csv of .xlsx)",
    )
    check.add_argument(
        "--links",
        action="store_true",
        help="loop voor het onderhoudsrapport ook de websites na (linkchecker; vraagt netwerk)",
    )
    check.set_defaults(func=cmd_check)
    schema = sub.add_parser("schema", help="schrijf JSON Schemas van de gegevensbestanden")
    schema.add_argument("--out", default="schemas", help="doelmap (standaard: schemas)")
    schema.set_defaults(func=cmd_schema)
    build = sub.add_parser("build", help="bouw het portaal")
    _region_argument(build)
    build.add_argument("--site", default=None, help="doelmap (standaard: site/ in de regiomap)")
    build.add_argument(
        "--strict", action="store_true", help="behandel MkDocs-waarschuwingen als fouten"
    )
    build.add_argument(
        "--vorige-feed",
        default=None,
        metavar="PAD-of-URL",
        help="de feed.json die het portaal nu publiceert, voor het wijzigingenoverzicht van de "
        "nieuwe feed (standaard: die van de site die vervangen wordt)",
    )
    _engine_argument(build)
    build.set_defaults(func=cmd_build)
    serve = sub.add_parser("serve", help="bouw en toon het portaal; herlaadt bij wijzigingen")
    _region_argument(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    _engine_argument(serve)
    serve.set_defaults(func=cmd_serve)
    report = sub.add_parser(
        "selfscan-report", help="combineer zelfscan-exports tot een regionaal overzicht"
    )
    report.add_argument("files", nargs="+", help="JSON-exports van de zelfscan")
    report.add_argument(
        "--out", required=True, help="doelmap voor index.html en zelfscan-regio.csv"
    )
    report.add_argument(
        "--project", default=".", help="projectmap met data/ en theme/ (standaard: .)"
    )
    report.add_argument(
        "--data", default=None, help="map met de gegevens (standaard: data/ in de projectmap)"
    )
    report.set_defaults(func=cmd_selfscan_report)
    federate = sub.add_parser(
        "federate", help="bouw een landelijk overzicht uit de feeds van de regionale portalen"
    )
    federate.add_argument("config", metavar="FEDERATION.yaml", help="de lijst van regio's")
    federate.add_argument("--site", required=True, help="doelmap van het landelijke overzicht")
    _engine_argument(federate)
    federate.set_defaults(func=cmd_federate)
    module = sub.add_parser("module", help="neem een module van een andere regio over")
    module_sub = module.add_subparsers(
        dest="module_command", required=True, parser_class=DutchArgumentParser
    )
    module_import = module_sub.add_parser(
        "import", help="neem een module over die het portaal van een andere regio publiceert"
    )
    module_import.add_argument(
        "source", metavar="BESTAND-of-URL", help="het gedownloade modulebestand of zijn webadres"
    )
    module_import.add_argument(
        "--data",
        default=None,
        help="map met de YAML-bestanden (standaard: data/ van de regiomap waarin u staat)",
    )
    existing = module_import.add_mutually_exclusive_group()
    existing.add_argument(
        "--vervang", action="store_true", help="vervang een module met dezelfde id"
    )
    existing.add_argument(
        "--ernaast", action="store_true", help="schrijf de module naast die met dezelfde id"
    )
    module_import.set_defaults(func=cmd_module_import)
    _export_and_import_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
