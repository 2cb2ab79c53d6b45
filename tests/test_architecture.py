"""The tree tells the pipeline: each package is a stage, and a module imports only from its own
stage or an earlier one (load -> validate -> build -> write). A new module must be given a stage."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator" / "regiokaart"

# In pipeline order. The foundation is what every stage may use; the entry points come last.
STAGES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "foundation",
        frozenset(
            {
                "problems",
                "resources",
                "dates",
                "child_processes",
                "routes",
                "safe_write",
                "safe_text",
                "csv_cells",
                "output_folder",
            }
        ),
    ),
    ("source", frozenset({"source"})),
    ("models", frozenset({"models"})),
    ("dataset", frozenset({"dataset"})),
    ("checks", frozenset({"checks"})),
    ("formats", frozenset({"formats"})),
    ("selfscan", frozenset({"selfscan"})),
    ("site", frozenset({"site"})),
    ("serve", frozenset({"serve"})),
    ("federation", frozenset({"federation"})),
    ("entry", frozenset({"cli", "argparse_nl", "scaffold", "scaffold_national", "schema"})),
)
STAGE_OF = {name: index for index, (_, names) in enumerate(STAGES) for name in names}
STAGE_NAME = [name for name, _ in STAGES]


def stage_of(module: str) -> int:
    """The stage of a dotted module name inside regiokaart ("site.pages.offer" -> site)."""
    return STAGE_OF[module.split(".")[0]]


def own_modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            modules[".".join(parts)] = path
    return modules


def imported(path: Path) -> set[str]:
    """The regiokaart modules a file imports (at any depth, also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "regiokaart":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("regiokaart."):
                found.add(node.module.removeprefix("regiokaart."))
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix("regiokaart.")
                for alias in node.names
                if alias.name.startswith("regiokaart.")
            )
    return found


def test_every_module_has_a_stage() -> None:
    unplaced = sorted(name for name in own_modules() if name.split(".")[0] not in STAGE_OF)
    assert not unplaced, f"give these modules a stage in STAGES: {unplaced}"


def test_imports_only_from_the_same_or_an_earlier_stage() -> None:
    upward = [
        f"{name} ({STAGE_NAME[stage_of(name)]}) imports {target} ({STAGE_NAME[stage_of(target)]})"
        for name, path in sorted(own_modules().items())
        if name.split(".")[0] in STAGE_OF
        for target in sorted(imported(path))
        if stage_of(target) > stage_of(name)
    ]
    assert not upward, "\n".join(upward)


def test_at_most_fifteen_modules_directly_in_the_package() -> None:
    direct = sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__")
    assert len(direct) <= 15, direct


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "probe.py"
    module.write_text(
        "from regiokaart.site.build import build_site\nfrom regiokaart import dates\n"
    )
    assert imported(module) == {"site.build", "dates"}
    assert stage_of("site.build") > stage_of("checks.validate") > stage_of("dates")
