"""MkDocs hooks: every page finished and checked for personal data (page_finish.py) as MkDocs
writes it, rather than read and written once more afterwards; in a dirty build (regiokaart serve)
just the pages built again.
Each finished page also goes to the search index while the build goes on (search.stream_page).
HTML files that MkDocs copies as they are (from content/, or generated fragments) are finished
after the build."""

from pathlib import Path
from typing import Any

from regiokaart.site.finish import finish_file, finish_published_page
from regiokaart.site.search import stream_page

# The HTML files of the docs that MkDocs copies rather than renders (abs_dest_path, dest_uri).
_copied: list[tuple[str, str]] = []


def on_files(files: Any, **_: Any) -> Any:
    _copied[:] = [
        (file.abs_dest_path, file.dest_uri)
        for file in files.static_pages()
        if file.dest_uri.endswith(".html")
    ]
    return files


def on_post_page(output: str, page: Any, **_: Any) -> str:
    finished = finish_published_page(output, page.file.dest_uri)
    stream_page(page.file.dest_uri, finished)
    return finished


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    """Pages of the theme itself, such as 404.html."""
    if not template_name.endswith(".html"):
        return output_content
    finished = finish_published_page(output_content, template_name)
    stream_page(template_name, finished)
    return finished


def on_post_build(**_: Any) -> None:
    for path, where in _copied:
        if Path(path).is_file():
            stream_page(where, finish_file(Path(path), where))
