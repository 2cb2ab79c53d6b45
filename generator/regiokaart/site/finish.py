"""The last step of every built page, whatever engine built it: its indentation out
(html_compact.py), its Content-Security-Policy in (csp.py), and what a reader gets from it checked
for personal data (published_privacy.py).

MkDocs does it while it writes each page (mkdocs/finish_pages.py); for an engine without such a
step, finish_site goes over the written site once.
"""

import re
from pathlib import Path

from regiokaart.site.csp import add_policy, has_policy
from regiokaart.site.html_compact import compact_whitespace
from regiokaart.site.published_privacy import WITHHELD_FRAGMENT, WITHHELD_PAGE, page_is_clean


class UnreadablePage(Exception):
    """A built page is not UTF-8."""


def is_document(text: str) -> bool:
    """Whether HTML text is a whole page rather than a fragment of one."""
    return re.search(r"<head[\s>]", text, re.IGNORECASE) is not None


def finish_page(text: str) -> str:
    """Every HTML file with its policy: a whole page compacted too; a fragment (no <head>, such as
    the social map's card files) otherwise as it is, with the policy at its start, where a browser
    that opens the file by itself makes up the <head> it goes into. A file finished already stays
    as it is."""
    if has_policy(text):
        return text
    if not is_document(text):
        return add_policy(text)
    return add_policy(compact_whitespace(text))


def finish_published_page(text: str, where: str) -> str:
    """finish_page of a page as it is published (where: its path in the site): a notice in its
    place when a reader would get personal data from it (published_privacy.py)."""
    if not page_is_clean(where, text):
        text = WITHHELD_PAGE if is_document(text) else WITHHELD_FRAGMENT
    return finish_page(text)


def finish_site(site_dir: Path) -> None:
    """finish_page for every HTML file of a built site."""
    for page in sorted(site_dir.rglob("*.html")):
        finish_file(page, page.relative_to(site_dir).as_posix())


def finish_file(page: Path, where: str) -> str:
    """finish_page for one HTML file (where: its name in messages); returns its text."""
    raw = page.read_bytes()  # bytes, so line endings stay exactly as the engine wrote them
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadablePage(
            f"{where}: het bestand is geen UTF-8, dus kan er geen Content-Security-Policy "
            "in; sla het op als UTF-8"
        ) from None
    finished = finish_published_page(text, where)
    if finished != text:
        page.write_bytes(finished.encode("utf-8"))
    return finished
