"""Hands a staged docs folder to MkDocs, or to a fork of MkDocs 1.6 that keeps its API under
another package name (ProperDocs, ../properdocs/engine.py). Kept thin: they read the same
mkdocs.yml and run the same hooks (regiokaart.site.engines.HOOKS)."""

import importlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from regiokaart.site.engines import Engine, EngineFailed
from regiokaart.site.finish import UnreadablePage


@dataclass(frozen=True)
class MkDocsApi:
    """MkDocs 1.6's build API as one package offers it: package.config.load_config,
    package.commands.build.build, package.exceptions.<failure> (the base of its exceptions), and
    its log under the logger named package."""

    package: str
    label: str  # its name in messages
    failure: str
    install_hint: str

    def render(self, config_file: Path, site_dir: Path, *, strict: bool, dirty: bool) -> None:
        """Build the staged configuration config_file into site_dir.

        dirty: site_dir holds an earlier build of the same docs folder, configuration and nav;
        only the pages whose docs file is newer than their page in site_dir are built again."""
        try:
            load_config = importlib.import_module(f"{self.package}.config").load_config
            build = importlib.import_module(f"{self.package}.commands.build").build
            exceptions = importlib.import_module(f"{self.package}.exceptions")
        except ImportError:
            missing = f"{self.label} is niet geïnstalleerd; {self.install_hint}"
            raise EngineFailed(missing) from None
        own_failure = getattr(exceptions, self.failure)
        log_stream = io.StringIO()
        handler = logging.StreamHandler(log_stream)
        handler.setLevel(logging.WARNING)
        logger = logging.getLogger(self.package)
        logger.addHandler(handler)
        logging.getLogger(f"{self.package}.commands.build").addFilter(_not_the_dirty_notice)
        try:
            # site_dir given here, over the one the staged configuration names
            config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
            build(config, dirty=dirty)
        except (own_failure, OSError, yaml.YAMLError, UnreadablePage) as exc:
            detail = log_stream.getvalue().strip()
            message = f"{self.label} kon het portaal niet bouwen: {exc} {detail}".strip()
            raise EngineFailed(message) from None
        finally:
            logger.removeHandler(handler)


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that links may be stale; regiokaart serve makes a dirty
    build only when the navigation is unchanged (see live_build.py)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


MKDOCS = MkDocsApi(
    "mkdocs", "MkDocs", "MkDocsException", "installeer het met bash scripts/setup.sh"
)
ENGINE = Engine("mkdocs", MKDOCS.render, incremental=True)
