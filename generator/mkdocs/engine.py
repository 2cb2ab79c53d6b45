"""Hands a staged docs folder to MkDocs. Kept thin: its successors read the same mkdocs.yml."""

import io
import logging
from pathlib import Path


class EngineFailed(Exception):
    """MkDocs could not build the staged site."""


def render_site(
    config_file: Path, docs_dir: Path, site_dir: Path, *, site_name: str, strict: bool = False
) -> None:
    """Run a MkDocs build of docs_dir into site_dir with the project's mkdocs.yml."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log_stream = io.StringIO()
    handler = logging.StreamHandler(log_stream)
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            strict=strict,
            site_name=site_name,
        )
        build(config)
    except (MkDocsException, OSError) as exc:
        detail = log_stream.getvalue().strip()
        raise EngineFailed(f"MkDocs kon het portaal niet bouwen: {exc} {detail}".strip()) from None
    finally:
        logger.removeHandler(handler)
