"""Hands a staged docs folder to MkDocs. Kept thin: its successors read the same mkdocs.yml."""

import io
import logging
from pathlib import Path
from typing import Any

import yaml

from regiokaart.site.finish import UnreadablePage


class EngineFailed(Exception):
    """MkDocs could not build the staged site."""


# A nav as mkdocs.yml writes it: [{title: file}, {section: [...]}].
Nav = list[dict[str, Any]]
STAGED_CONFIG = "mkdocs.yml"
# What regiokaart hands MkDocs besides the docs: generated pages pass as the HTML they are
# (html_pages.py), and each page is finished as it is written (finish_pages.py).
HAND_OFF_HOOKS = (Path(__file__).with_name("html_pages.py"),)
HOOKS = (*HAND_OFF_HOOKS, Path(__file__).with_name("finish_pages.py"))


def render_site(
    config_file: Path, site_dir: Path, *, strict: bool = False, dirty: bool = False
) -> None:
    """Build the staged configuration config_file (see write_config) into site_dir, the folder
    it names.

    dirty: site_dir holds an earlier build of the same docs folder, configuration and nav; only
    the pages whose docs file is newer than their page in site_dir are built again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log_stream = io.StringIO()
    handler = logging.StreamHandler(log_stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_notice)
    try:
        config = load_config(str(config_file), strict=strict)
        build(config, dirty=dirty)
    except (MkDocsException, OSError, yaml.YAMLError, UnreadablePage) as exc:
        detail = log_stream.getvalue().strip()
        raise EngineFailed(f"MkDocs kon het portaal niet bouwen: {exc} {detail}".strip()) from None
    finally:
        logger.removeHandler(handler)


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that links may be stale; regiokaart serve makes a dirty
    build only when the navigation is unchanged (see live_build.py)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def write_config(
    base_config: Path,
    target: Path,
    *,
    docs_dir: Path,
    site_dir: Path,
    site_name: str,
    nav: Nav,
    hooks: tuple[Path, ...] = (),
) -> None:
    """The base mkdocs.yml with the folders, site name and nav of this build, as one mkdocs.yml at
    target that any engine reading mkdocs.yml can build from. The theme's custom_dir is made
    absolute, since target lies elsewhere than the base configuration."""
    config = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise EngineFailed(f"{base_config.name}: geen configuratie (verwacht: sleutels en waarden)")
    config.update(site_name=site_name, docs_dir=str(docs_dir), site_dir=str(site_dir), nav=nav)
    if hooks:
        config["hooks"] = [str(hook) for hook in hooks]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str((base_config.parent / theme["custom_dir"]).resolve())
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
