"""The same pages as a Hugo site with a minimal layout, for a side-by-side build (bench/run.py).

From the docs regiokaart hands to its engine (build.stage_for_engine): each generated page's body
(HTML, as the generator wrote it) becomes a `.html` content file with its title in front matter;
the hand-written Markdown of content/ stays `.md` (Hugo renders it with Goldmark); every other file
(the social map's data and card files, open data, images) goes to static/. The layout is one
baseof, one single and one list template: the title, a small nav (the top sections) and the content.
Where a generated page holds Markdown beside its HTML, Hugo shows that Markdown as text: the
bench compares the cost of building the pages, not their look.
"""

import json
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from regiokaart.routes import is_markdown

CONFIG = """\
baseURL = "/"
locale = "nl"
title = "Kennisportaal"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[security]
allowContent = [".*"]  # the generated pages are HTML content files
[markup.goldmark.renderer]
unsafe = true
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title></head>
<body>
<nav><a href="/">{{ site.Title }}</a>{{ range site.Home.Sections }} <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
# The title is in <title>; the page's own <h1> (or "# ") is in its content, as with MkDocs.
SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
LIST = SINGLE

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>|^# (.+)$", re.DOTALL | re.MULTILINE)
TAG = re.compile(r"<[^>]+>")


def title_of(body: str, fallback: str) -> str:
    match = HEADING.search(body)
    if not match:
        return fallback
    return TAG.sub("", match.group(1) or match.group(2)).strip() or fallback


def content_name(relative: str, suffix: str) -> str:
    """MkDocs' x/index.md (a folder's page) is Hugo's x/_index (a section's page); the top
    index.md is the home page, content/_index."""
    stem = relative.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")] + "_index"
    return stem + suffix


def split_front_matter(text: str) -> tuple[str, str]:
    match = FRONT_MATTER.match(text)
    return (match.group(1), text[match.end() :]) if match else ("", text)


def write_hugo_site(docs: Path, generated: Mapping[str, object], folder: Path) -> int:
    """A Hugo project in folder from the staged docs; generated names the docs files the generator
    made (the rest is content/). Returns the number of content pages."""
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in (("baseof", BASEOF), ("single", SINGLE), ("list", LIST)):
        (folder / "layouts" / "_default" / f"{name}.html").write_text(text, encoding="utf-8")
    pages = 0
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(docs).as_posix()
        if not is_markdown(relative):
            target = folder / "static" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        title = title_of(body, path.stem)
        suffix = ".html" if relative in generated else ".md"
        target = folder / "content" / content_name(relative, suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not re.search(r"^title:", front, re.MULTILINE):
            front = f"title: {json.dumps(title)}\n{front}"  # a JSON string is a YAML string
        target.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        pages += 1
    return pages
