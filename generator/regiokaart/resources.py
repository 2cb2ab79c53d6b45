"""Where the files that ship with regiokaart are: the theme, the engine's base configuration, the
national layer of data and the official HSDS schemas. In a wheel they are package data; in a
checkout the package links to the folders at the top of the repository
(generator/regiokaart/theme -> ../../theme), so both read the same paths and nothing else needs to
know which one it runs from."""

from importlib import metadata
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
THEME_DIR = PACKAGE_DIR / "theme"
PAGE_TEMPLATES = THEME_DIR / "regiokaart"
BASE_CONFIG = PACKAGE_DIR / "mkdocs.yml"
NATIONAL_DIR = PACKAGE_DIR / "national"
STARTER_DIR = PACKAGE_DIR / "starter"  # the files of a new region folder (regiokaart new)
# The official HSDS 3.0 JSON Schemas, one file per table (vendor/hsds-3.0/schema).
HSDS_SCHEMA_DIR = PACKAGE_DIR / "hsds" / "schema"


def version() -> str:
    """The installed version of regiokaart."""
    try:
        return metadata.version("regiokaart")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "onbekend"
