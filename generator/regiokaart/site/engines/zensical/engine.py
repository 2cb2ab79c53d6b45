"""Hands a staged docs folder to Zensical, which reads the same mkdocs.yml as MkDocs.

Zensical runs in its own process (`python -m zensical build`): its build is native code that can
stop the whole process, and a separate process keeps its memory out of regiokaart's. Its built-in
search is switched off, since the portal's search is Pagefind (run by regiokaart afterwards); it is
on by default, even with `plugins: []`, and at national scale it stops at its index limit."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from regiokaart.site.engines import Engine, EngineFailed
from regiokaart.site.finish import UnreadablePage, finish_site

# Zensical's messages worth showing when it fails: its last lines, without a traceback.
DETAIL_LINES = 5


def render_site(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool,
    dirty: bool,  # noqa: ARG001 - the interface's (engines.Render); never set for Zensical
) -> None:
    """Build the staged configuration into site_dir, a folder inside the configuration's folder
    (where build and serve stage; Zensical writes nowhere else), with Zensical: every page, as it
    is not incremental. It runs no MkDocs hooks, so the pages are finished (site/finish.py) after
    it."""
    if not site_dir.absolute().is_relative_to(config_file.absolute().parent):
        raise EngineFailed(
            f"Zensical kon het portaal niet bouwen: {site_dir} ligt niet in de map van "
            f"{config_file}; Zensical bouwt alleen in die map"
        )
    try:
        adapt_config(config_file, site_dir)
        run_zensical(config_file, site_dir, strict=strict)
        finish_site(site_dir)
    except (OSError, yaml.YAMLError, UnreadablePage) as exc:
        raise EngineFailed(f"Zensical kon het portaal niet bouwen: {exc}") from None


def adapt_config(config_file: Path, site_dir: Path) -> None:
    """The staged configuration as Zensical needs it: its own search off (plugins: search:
    enabled: false; other plugins stay), the classic theme variant, site_dir the folder to build
    into, and docs_dir and site_dir relative to the configuration's folder (0.0.73 panics on
    absolute ones: "invariant: Id(Format(Path(RootDir)))")."""
    config: dict[str, Any] = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = [*plugin_entries(config.get("plugins")), {"search": {"enabled": False}}]
    config.pop("hooks", None)  # MkDocs hooks; Zensical runs none (see render_site)
    if isinstance(config.get("theme"), dict):
        # Material's look, which the portal's styles are made for and checked against (axe):
        # on the "modern" default the footer's text has too little contrast.
        config["theme"].setdefault("variant", "classic")
    config["site_dir"] = site_dir
    for key in ("docs_dir", "site_dir"):
        config[key] = os.path.relpath(config[key], config_file.parent)
    config_file.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def plugin_entries(plugins: object) -> list[object]:
    """The configured plugins as a list of entries, without any search entry."""
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    if not isinstance(plugins, list):
        return []
    return [
        entry
        for entry in plugins
        if entry != "search" and not (isinstance(entry, dict) and "search" in entry)
    ]


def run_zensical(config_file: Path, site_dir: Path, *, strict: bool) -> None:
    """Run `zensical build` on config_file, in its folder (where Zensical keeps its cache), which
    writes site_dir."""
    command = [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)]
    if strict:
        command.append("--strict")
    result = subprocess.run(
        command, cwd=config_file.parent, capture_output=True, text=True, check=False
    )
    if result.returncode == 0 and (site_dir / "index.html").is_file():
        return
    raise EngineFailed(f"Zensical kon het portaal niet bouwen: {failure_detail(result)}")


def failure_detail(result: "subprocess.CompletedProcess[str]") -> str:
    """The last lines Zensical printed, traceback frames left out, or its exit code."""
    lines = [
        line.strip()
        for line in (result.stderr + "\n" + result.stdout).splitlines()
        if line.strip() and not is_traceback_line(line)
    ]
    if "No module named zensical" in result.stderr:
        return "Zensical is niet geïnstalleerd; installeer het met bash scripts/setup.sh --test (of pip install zensical==0.0.73)"
    return " ".join(lines[-DETAIL_LINES:]) or f"afgebroken met code {result.returncode}"


def is_traceback_line(line: str) -> bool:
    stripped = line.strip()
    return (
        line.startswith("  ")
        or stripped.startswith(("Traceback (most recent call last)", 'File "', "^"))
        or set(stripped) <= set("^~ ")
    )


ENGINE = Engine("zensical", render_site, incremental=False)
