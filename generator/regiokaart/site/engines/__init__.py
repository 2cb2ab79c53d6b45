"""The engines that can render the staged docs folder, by name (regiokaart build --engine NAME).

Each takes the same arguments as regiokaart.site.engines.mkdocs.engine.render_site: both read the staged
mkdocs.yml, write a complete site into site_dir and finish its pages (page_finish.py). The rest of
the build (staging, Pagefind, verify, swap) does not know which one ran."""

from collections.abc import Callable
from pathlib import Path

from regiokaart.site.engines.mkdocs.engine import EngineFailed

DEFAULT_ENGINE = "mkdocs"
# MkDocs with Material stays the default until Zensical passes every browser test (README).
ENGINES = ("mkdocs", "zensical")

Renderer = Callable[..., None]

__all__ = ["DEFAULT_ENGINE", "ENGINES", "EngineFailed", "render_site"]


def renderer(engine: str) -> Renderer:
    """The render function of the engine named engine; imported only when it is used."""
    if engine == "mkdocs":
        from regiokaart.site.engines.mkdocs.engine import render_site as render_with_mkdocs

        return render_with_mkdocs
    if engine == "zensical":
        from regiokaart.site.engines.zensical.engine import render_site as render_with_zensical

        return render_with_zensical
    raise EngineFailed(f"onbekende engine '{engine}'; kies uit {', '.join(ENGINES)}")


def render_site(
    config_file: Path, site_dir: Path, *, strict: bool = False, engine: str = DEFAULT_ENGINE
) -> None:
    """Render the staged configuration into site_dir with the named engine."""
    renderer(engine)(config_file, site_dir, strict=strict)
