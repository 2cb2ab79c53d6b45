"""The toegankelijkheidsverklaring's facts in region.yaml: what is left out is shown as "nog niet
ingevuld" on the page (site/pages/lawful.py), and the check says so, as a warning, never a guess."""

from regiokaart.dataset.load import LoadedData
from regiokaart.problems import Problem, Severity, format_path

# How the warning names each field of models/region.py AccessibilityStatement.
FIELD_WORDS = {
    "organisation": "de verantwoordelijke organisatie (organisation)",
    "contact": "het contact voor meldingen (contact: email, phone of website)",
    "date": "de datum van de verklaring (date)",
    "status": "de nalevingsstatus A-E (status)",
    "known_issues": "wat nog niet toegankelijk is (known_issues; [] als er niets bekend is)",
}


def check_accessibility_statement(loaded: LoadedData) -> list[Problem]:
    """One warning when region.yaml leaves facts of the toegankelijkheidsverklaring out, naming
    each."""
    problems = []
    for region_file in loaded.of_kind("region"):
        statement = region_file.model.region.accessibility
        missing = statement.missing_fields()
        if not missing:
            continue
        doc = region_file.document
        line, column = doc.locate(("region", "accessibility"))  # or the region, without the block
        problems.append(
            Problem(
                doc.file,
                line,
                column,
                format_path(("region", "accessibility")),
                "de toegankelijkheidsverklaring (toegankelijkheid/) toont 'nog niet ingevuld' bij "
                + "; ".join(FIELD_WORDS[name] for name in missing),
                "vul het aan in region.yaml onder accessibility",
                severity=Severity.WARNING,
            )
        )
    return problems
