"""The one way build and serve reach an engine: a staged docs folder with one mkdocs.yml beside it
(write_config) goes in, a complete site folder comes out, each page finished (site/finish.py).

The engines, by name (regiokaart build --engine NAME), each imported only when it is used:
  mkdocs      MkDocs 1.6 with Material for MkDocs, in this process (mkdocs/engine.py)
  properdocs  ProperDocs, the maintained fork of MkDocs 1.6: the same code, under its own name
              (properdocs/engine.py)
  zensical    Zensical, in a process of its own; it runs no hooks (zensical/engine.py)
The rest of the build (staging, Pagefind, verify, swap) and serve do not know which one ran; an
engine that can build only the pages whose docs changed (incremental) makes serve faster."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml


class EngineFailed(Exception):
    """The engine could not build the staged site; the message says why, in Dutch."""


class Render(Protocol):
    def __call__(self, config_file: Path, site_dir: Path, *, strict: bool, dirty: bool) -> None:
        """Build the staged configuration config_file into site_dir; EngineFailed when it cannot."""


@dataclass(frozen=True)
class Engine:
    name: str
    render: Render
    # render(dirty=True) builds only the pages whose docs file is newer than their page in site_dir
    incremental: bool


DEFAULT_ENGINE = "mkdocs"
# MkDocs with Material stays the default while its successors prove themselves in the browser
# tests (scripts/test.sh runs a part of them on each).
ENGINES = ("mkdocs", "properdocs", "zensical")


def engine_named(name: str) -> Engine:
    """The engine called name (one of ENGINES)."""
    if name == "mkdocs":
        from regiokaart.site.engines.mkdocs.engine import ENGINE as MKDOCS

        return MKDOCS
    if name == "properdocs":
        from regiokaart.site.engines.properdocs.engine import ENGINE as PROPERDOCS

        return PROPERDOCS
    if name == "zensical":
        from regiokaart.site.engines.zensical.engine import ENGINE as ZENSICAL

        return ZENSICAL
    raise EngineFailed(f"onbekende engine '{name}'; kies uit {', '.join(ENGINES)}")


def render_site(
    config_file: Path,
    site_dir: Path,
    *,
    engine: str = DEFAULT_ENGINE,
    strict: bool = False,
    dirty: bool = False,
) -> None:
    """Render the staged configuration config_file (write_config) into site_dir with the named
    engine.

    dirty: site_dir holds an earlier build of the same docs folder, configuration and nav (serve);
    an incremental engine then builds only the pages whose docs file changed, another every page."""
    chosen = engine_named(engine)
    chosen.render(config_file, site_dir, strict=strict, dirty=dirty and chosen.incremental)


# ---------------------------------------------------------------------------------------------
# What every engine is handed: the docs folder and one mkdocs.yml, the format all of them read

# A nav as mkdocs.yml writes it: [{title: file}, {section: [...]}].
Nav = list[dict[str, Any]]
STAGED_CONFIG = "mkdocs.yml"
# MkDocs hooks, which ProperDocs runs too (Zensical runs none, and its pages are finished after
# it): generated pages pass as the HTML they are (html_pages.py), and each page is finished as it
# is written (finish_pages.py). The benchmark hands a bare engine only the first.
_HOOKS_DIR = Path(__file__).with_name("mkdocs")
HAND_OFF_HOOKS = (_HOOKS_DIR / "html_pages.py",)
HOOKS = (*HAND_OFF_HOOKS, _HOOKS_DIR / "finish_pages.py")


def write_config(
    base_config: Path,
    target: Path,
    *,
    docs_dir: Path,
    site_dir: Path,
    site_name: str,
    nav: Nav,
    hooks: tuple[Path, ...] = (),
    extra: dict[str, Any] | None = None,
) -> None:
    """The base mkdocs.yml with the folders, site name, nav and theme values (extra) of this build,
    as one mkdocs.yml at target that any engine reading mkdocs.yml can build from. The theme's
    custom_dir is made absolute, since target lies elsewhere than the base configuration."""
    config = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise EngineFailed(f"{base_config.name}: geen configuratie (verwacht: sleutels en waarden)")
    config.update(site_name=site_name, docs_dir=str(docs_dir), site_dir=str(site_dir), nav=nav)
    if extra:  # values for the theme (config.extra), beside the base configuration's own
        config["extra"] = {**(config.get("extra") or {}), **extra}
    if hooks:
        config["hooks"] = [str(hook) for hook in hooks]
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        theme["custom_dir"] = str((base_config.parent / theme["custom_dir"]).resolve())
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
