"""Hands a staged docs folder to MkDocs. Kept thin: its successors read the same mkdocs.yml."""

import io
import logging
import re
from pathlib import Path
from typing import Any

import yaml

from regiokaart.csp import add_policy


class EngineFailed(Exception):
    """MkDocs could not build the staged site."""


# A nav as mkdocs.yml writes it: [{title: file}, {section: [...]}].
Nav = list[dict[str, Any]]
STAGED_CONFIG = "mkdocs.yml"


def render_site(config_file: Path, site_dir: Path, *, strict: bool = False) -> None:
    """Build the staged configuration config_file (see write_config) into site_dir, the folder
    it names."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log_stream = io.StringIO()
    handler = logging.StreamHandler(log_stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), strict=strict)
        build(config)
        add_security_policies(site_dir)
    except (MkDocsException, OSError, yaml.YAMLError) as exc:
        detail = log_stream.getvalue().strip()
        raise EngineFailed(f"MkDocs kon het portaal niet bouwen: {exc} {detail}".strip()) from None
    finally:
        logger.removeHandler(handler)


def write_config(
    base_config: Path, target: Path, *, docs_dir: Path, site_dir: Path, site_name: str, nav: Nav
) -> None:
    """The base mkdocs.yml with the folders, site name and nav of this build, as one mkdocs.yml at
    target that any engine reading mkdocs.yml can build from. The theme's custom_dir is made
    absolute, since target lies elsewhere than the base configuration."""
    config = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise EngineFailed(f"{base_config.name}: geen configuratie (verwacht: sleutels en waarden)")
    config.update(site_name=site_name, docs_dir=str(docs_dir), site_dir=str(site_dir), nav=nav)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str((base_config.parent / theme["custom_dir"]).resolve())
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def is_document(text: str) -> bool:
    """Whether HTML text is a whole page rather than a fragment of one."""
    return re.search(r"<head[\s>]", text, re.IGNORECASE) is not None


def add_security_policies(site_dir: Path) -> None:
    """Give every HTML page MkDocs wrote its Content-Security-Policy, with its inline scripts' hashes.

    A fragment (no <head>, such as the social map's card files) is not a page: a page's script
    loads it and it runs under that page's policy, so it gets none of its own."""
    for page in sorted(site_dir.rglob("*.html")):
        raw = page.read_bytes()  # bytes, so line endings stay exactly as MkDocs wrote them
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            where = page.relative_to(site_dir).as_posix()
            raise EngineFailed(
                f"{where}: het bestand is geen UTF-8, dus kan er geen Content-Security-Policy "
                "in; sla het op als UTF-8"
            ) from None
        if not is_document(text):
            continue
        page.write_bytes(add_policy(text).encode("utf-8"))
