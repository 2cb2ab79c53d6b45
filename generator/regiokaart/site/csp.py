"""A Content-Security-Policy for every page: only the portal's own files, inline scripts by hash.

The policy goes into the page as a <meta> tag, so it holds on any web server, also on an intranet
or in a subfolder where nobody sets headers. A meta policy cannot say frame-ancestors; a server
that can send headers may add that one.

Only the theme's inline scripts are hashed, never one inside a page's own content (the element
with CONTENT_ATTRIBUTE): a script that slipped into the content from data or Markdown stays blocked.
"""

import base64
import contextlib
import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

# Everything the portal loads comes from the site itself. Material's icons are SVG data: URIs in
# its CSS (img-src data:); Pagefind compiles its WebAssembly in the page when it has no worker
# ('wasm-unsafe-eval' allows WebAssembly only, never JavaScript's eval). Inline scripts are
# allowed one by one by hash.
FIXED_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

POLICY_META = '<meta http-equiv="Content-Security-Policy"'

# theme/main.html wraps each page's own content (what Markdown made of data and content/) in a
# <div> with this attribute.
CONTENT_ATTRIBUTE = "data-pagefind-body"

# A <script> with one of these types (or none) runs; any other type is a data block, never run.
_RUNNABLE_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}

# One pass over the page in C, token by token: comments, elements whose text is no markup (a
# <script> in a comment, a <title> or a <textarea> is no script), tags, doctypes. Only the tokens
# that matter have a named group, so Python skips the others at once. Loops are possessive and an
# unquoted "<" ends a broken tag, so any input takes linear time. Names are matched in any case.
_ATTRIBUTES = r"""(?:[^>"'<]++|"[^"]*+"|'[^']*+')*+"""
_RAW_TEXT = "style|textarea|title|xmp|iframe|noembed|noframes|noscript"
_TOKEN = re.compile(
    r"<(?:!--.*?(?:-->|\Z)"
    rf"|(?P<script_attributes>(?i:script)(?=[\s/>]){_ATTRIBUTES})>"
    r"(?P<script>.*?)(?:</(?i:script)(?=[\s/>])[^>]*+>|\Z)"
    rf"|(?P<raw>(?i:{_RAW_TEXT}))(?=[\s/>]){_ATTRIBUTES}>"
    r".*?(?:</(?i:(?P=raw))(?=[\s/>])[^>]*+>|\Z)"
    rf"|(?P<div_end>/?)(?P<div>(?i:div)(?=[\s/>]){_ATTRIBUTES})>"
    rf"|(?P<head>(?i:head|html|meta)(?=[\s/>]){_ATTRIBUTES})>"
    r"|(?P<doctype>!(?i:doctype)[^>]*+>)"
    rf"|/?[a-zA-Z][^\s/>]*+{_ATTRIBUTES}>"
    r"|[!?/][^>]*+>)",
    re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


@dataclass
class _Page:
    """What the policy needs from a page: its theme's inline scripts and where the tag goes."""

    inline_scripts: list[str] = field(default_factory=list)
    insert_at: int = 0


def attributes_of(markup: str) -> dict[str, str]:
    """The attributes of a tag's markup after its name, names lower case, values unescaped."""
    return {
        name.lower(): html.unescape(next((v for v in values if v), ""))
        for name, *values in _ATTRIBUTE.findall(markup)
    }


def is_inline_runnable(attributes: dict[str, str]) -> bool:
    """Whether a <script> with these attributes runs its own text (no src, a script type)."""
    if "src" in attributes:
        return False
    return attributes.get("type", "").strip().lower() in _RUNNABLE_TYPES


def _scan(page: str) -> _Page:
    found = _Page()
    head_end: int | None = None  # after <head>, until the next token says whether a charset follows
    fallback = 0  # after <html> or the doctype, for a page without <head>
    content_depth = 0  # > 0 inside the page's own content: nesting of <div> in it
    for token in _TOKEN.finditer(page):
        kind = token.lastgroup
        if head_end is not None:
            # The charset must stay in the first 1024 bytes: the policy goes after a leading one.
            tag = token["head"] or ""
            leading = not page[head_end : token.start()].strip()
            if leading and tag[:4].lower() == "meta" and "charset" in attributes_of(tag[4:]):
                found.insert_at = token.end()
            head_end = None
        if kind is None or kind == "raw":
            continue
        if kind == "script":
            attributes = attributes_of(token["script_attributes"][6:])
            if not content_depth and is_inline_runnable(attributes):
                found.inline_scripts.append(token["script"])
        elif kind == "div":
            if content_depth:
                content_depth += -1 if token["div_end"] else 1
            elif not token["div_end"] and CONTENT_ATTRIBUTE in token["div"]:
                content_depth = int(CONTENT_ATTRIBUTE in attributes_of(token["div"][3:]))
        elif kind == "head" and not content_depth:
            tag = token["head"][:4].lower()
            if tag == "head" and not found.insert_at:
                found.insert_at = head_end = token.end()
            elif tag == "html":
                fallback = token.end()
        elif kind == "doctype" and not fallback:
            fallback = token.end()
    if not found.insert_at:
        # No <head> tag (a hand-written file): a <meta> after <html> or the doctype, before any
        # content, still lands in the head the browser makes up.
        found.insert_at = fallback
    return found


def script_hash(text: str) -> str:
    """The CSP source for one inline script, as the browser computes it ('sha256-…')."""
    # Browsers hash the parsed text: the HTML parser turns CR LF and lone CR into LF first.
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(page: str) -> list[str]:
    """The hashes of the runnable inline scripts outside the page's content, once each, in order."""
    return list(dict.fromkeys(script_hash(text) for text in _scan(page).inline_scripts))


# Other origins the pages of the build in progress may fetch from (connect-src): only the national
# overview has them, for its search over the regional portals' indexes (federation/site.py).
_connect_sources: list[str] = []
_ORIGIN = re.compile(r"https?://(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")


@contextlib.contextmanager
def connecting_to(origins: Iterable[str]) -> Iterator[None]:
    """Pages finished inside may also fetch from origins (each scheme://host[:port]); anything
    else is refused with ValueError, so nothing can widen or break the policy."""
    wanted = list(dict.fromkeys(origins))
    for origin in wanted:
        if not _ORIGIN.fullmatch(origin):
            raise ValueError(f"geen oorsprong (schema://host[:poort]): {origin!r}")
    _connect_sources[:] = wanted
    try:
        yield
    finally:
        _connect_sources.clear()


def policy_for(hashes: list[str]) -> str:
    """The policy text for a page whose inline scripts have these hashes."""
    directives = {name: list(sources) for name, sources in FIXED_DIRECTIVES.items()}
    directives["script-src"] += hashes
    if _connect_sources:
        directives["connect-src"] = ["'self'", *_connect_sources]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def has_policy(page: str) -> bool:
    """Whether a page has its policy already: first in <head>, after a leading charset, which
    must be in the first 1024 bytes."""
    return POLICY_META in page[:1024]


def add_policy(page: str) -> str:
    """The page with its Content-Security-Policy first in <head> (after a leading charset)."""
    found = _scan(page)
    hashes = list(dict.fromkeys(script_hash(text) for text in found.inline_scripts))
    # The policy quotes with single quotes: escaping the double quote is enough for the attribute.
    content = html.escape(policy_for(hashes), quote=False).replace('"', "&quot;")
    tag = f'{POLICY_META} content="{content}">'
    return page[: found.insert_at] + tag + page[found.insert_at :]
