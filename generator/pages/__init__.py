"""Generated pages: one module per page type; each returns Markdown text, no I/O."""

from generator.dataset import Dataset


def render_pages(dataset: Dataset) -> dict[str, str | bytes]:
    """Relative path in the docs folder -> page text (or bytes for assets)."""
    pages: dict[str, str | bytes] = {}
    return pages
