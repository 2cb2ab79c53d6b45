"""The engines that can render the staged docs folder, by name (regiokaart build --engine NAME).

Each takes the same arguments as regiokaart.mkdocs.engine.render_site: both read the staged
mkdocs.yml, write a complete site into site_dir and give its pages their Content-Security-Policy.
The rest of the build (staging, Pagefind, verify, swap) does not know which one ran."""

from collections.abc import Callable
from pathlib import Path

from regiokaart.mkdocs.engine import EngineFailed, Nav

DEFAULT_ENGINE = "mkdocs"
# MkDocs with Material stays the default until Zensical passes every browser test (README).
ENGINES = ("mkdocs", "zensical")

Renderer = Callable[..., Path]

__all__ = ["DEFAULT_ENGINE", "ENGINES", "EngineFailed", "render_site"]


def renderer(engine: str) -> Renderer:
    """The render function of the engine named engine; imported only when it is used."""
    if engine == "mkdocs":
        from regiokaart.mkdocs.engine import render_site as render_with_mkdocs

        return render_with_mkdocs
    if engine == "zensical":
        from regiokaart.zensical.engine import render_site as render_with_zensical

        return render_with_zensical
    raise EngineFailed(f"onbekende engine '{engine}'; kies uit {', '.join(ENGINES)}")


def render_site(
    base_config: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    site_name: str,
    nav: Nav,
    strict: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> Path:
    """Render docs_dir into site_dir with the named engine; returns the configuration it was given."""
    render = renderer(engine)
    return render(base_config, docs_dir, site_dir, site_name=site_name, nav=nav, strict=strict)
