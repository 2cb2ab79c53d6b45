"""Hands a staged docs folder to MkDocs. Kept thin: its successors read the same mkdocs.yml."""

import io
import logging
from pathlib import Path

from regiokaart.csp import add_policy


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
        add_security_policies(site_dir)
    except (MkDocsException, OSError) as exc:
        detail = log_stream.getvalue().strip()
        raise EngineFailed(f"MkDocs kon het portaal niet bouwen: {exc} {detail}".strip()) from None
    finally:
        logger.removeHandler(handler)


def add_security_policies(site_dir: Path) -> None:
    """Give every HTML page MkDocs wrote its Content-Security-Policy, with its inline scripts' hashes."""
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
        page.write_bytes(add_policy(text).encode("utf-8"))
