"""Where a region's folders are: data/ (its own data), content/ (its hand-written pages), site/
(the built portal) and, when it keeps one, national/ (see load.national_layer_for)."""

from pathlib import Path

from regiokaart.problems import Problem

HOW_TO_START = 'maak een regio met: regiokaart new MAP --regio NAAM --gemeenten "A,B,C"'


def find_region(folder: Path) -> tuple[Path | None, list[Problem]]:
    """The region folder that folder is or is inside of (its data/ folder also counts)."""
    if (folder / "data").is_dir():
        return folder, []
    if folder.resolve().name == "data" and (folder / "region.yaml").exists():
        return folder.resolve().parent, []
    message = "geen regiomap: data/region.yaml ontbreekt"
    hint = f"ga naar de map van uw regio of noem die map, of {HOW_TO_START}"
    return None, [Problem(str(folder), 1, 1, "", message, hint)]
