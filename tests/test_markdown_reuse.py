"""One Markdown parser, reset between texts, and the memo by text give what a new parser gives
(regiokaart.safe_text.render_markdown)."""

import html

import markdown
import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokaart import safe_text as text_module

PIECES = st.sampled_from(
    [
        "woord",
        " ",
        "\n",
        "\n\n",
        "* ",
        "- ",
        "1. ",
        "**",
        "*",
        "_",
        "`",
        "[a](https://x.nl)",
        "[1]: https://y.nl",
        "[1]",
        "<b>",
        "&",
        "> ",
        "    ",
        "#",
        "ggz",
        "\\",
        "<https://z.nl>",
    ]
)


def fresh(text: str) -> str:
    rendered = markdown.markdown(html.escape(text, quote=False), output_format="html")
    return nh3.clean(
        rendered,
        tags=text_module.ALLOWED_TAGS,
        attributes=text_module.ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


@settings(max_examples=500, deadline=None)
@given(texts=st.lists(st.lists(PIECES, min_size=1, max_size=30).map("".join), max_size=5))
def test_reused_parser_is_a_new_parser(texts: list[str]) -> None:
    for text in texts:  # one after the other through the same parser, and again from the memo
        assert str(text_module.render_markdown(text)) == fresh(text)
        assert str(text_module.render_markdown(text)) == fresh(text)


PLAIN = st.sampled_from(
    [
        "woord",
        "Lang",
        " ",
        "  ",
        "\n",
        ".",
        ",",
        ";",
        ":",
        "'",
        "(",
        ")",
        "?",
        "/",
        "%",
        "-",
        "é",
        "ë",
        "1",
        "1.",
        "2)",
        "a",
        "Z",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(text=st.lists(PLAIN, min_size=1, max_size=40).map("".join))
def test_plain_lines_without_the_parser(text: str) -> None:
    assert str(text_module.render_markdown(text)) == fresh(text)
