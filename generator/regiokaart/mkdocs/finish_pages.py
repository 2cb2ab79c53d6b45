"""MkDocs hooks: every page finished (page_finish.py) as MkDocs writes it, rather than read and
written once more afterwards; in a dirty build (regiokaart serve) just the pages built again.
HTML files that MkDocs copies as they are (from content/, or generated fragments) are finished
after the build."""

from pathlib import Path
from typing import Any

from regiokaart.page_finish import finish_file, finish_page

# The HTML files of the docs that MkDocs copies rather than renders (abs_dest_path, dest_uri).
_copied: list[tuple[str, str]] = []


def on_files(files: Any, **_: Any) -> Any:
    _copied[:] = [
        (file.abs_dest_path, file.dest_uri)
        for file in files.static_pages()
        if file.dest_uri.endswith(".html")
    ]
    return files


def on_post_page(output: str, **_: Any) -> str:
    return finish_page(output)


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    """Pages of the theme itself, such as 404.html."""
    return finish_page(output_content) if template_name.endswith(".html") else output_content


def on_post_build(**_: Any) -> None:
    for path, where in _copied:
        if Path(path).is_file():
            finish_file(Path(path), where)
