"""Indentation out of built pages: shorter, the same to read, scripts and preformatted text untouched."""

import re

from hypothesis import given
from hypothesis import strategies as st

from regiokaart.site.html_compact import compact_whitespace


def test_indentation_and_blank_lines_become_one_newline() -> None:
    page = "<ul>\n    <li>\n      <a href='x'>Een</a>\n\n\n    </li>\n  </ul>\n"
    assert compact_whitespace(page) == "<ul>\n<li>\n<a href='x'>Een</a>\n</li>\n</ul>\n"


def test_words_and_inline_elements_keep_their_space() -> None:
    assert compact_whitespace("<p>Bel\n      <strong>112</strong>\n   bij gevaar</p>") == (
        "<p>Bel\n<strong>112</strong>\nbij gevaar</p>"
    )
    assert compact_whitespace("<p>een  twee</p>") == "<p>een  twee</p>", "no newline: as it is"


def test_preformatted_text_scripts_styles_and_comments_stay_exactly() -> None:
    kept = [
        "<pre class='x'>regel 1\n    ingesprongen\n\n</pre>",
        "<PRE>\n  hoofdletters\n</PRE >",
        "<textarea name=t>\n  tekst\n</textarea>",
        "<script>\n  if (a) {\n    b();\n  }\n</script>",
        '<script type="application/json">\n  {"a": 1}\n</script>',
        "<style>\n  p {\n    color: red;\n  }\n</style>",
        "<!--[if IE]>\n   oud\n<![endif]-->",
    ]
    page = "\n    ".join(["<div>", *kept, "</div>"])
    compacted = compact_whitespace(page)
    rest = compacted
    for part in kept:
        assert part in compacted
        rest = rest.replace(part, "")
    assert rest == "<div>\n\n\n\n\n\n\n\n</div>", "the indentation between them goes"


def visible_words(page: str) -> list[str]:
    return re.sub(r"<[^>]*>", " ", page).split()


@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<b>", "</b>", "woord", "ander", " ", "\n", "\t", "  \n  "]
        ),
        max_size=40,
    )
)
def test_the_words_a_reader_sees_do_not_change(tokens: list[str]) -> None:
    page = "".join(tokens)
    compacted = compact_whitespace(page)
    assert visible_words(compacted) == visible_words(page)
    assert re.sub(r"\s+", " ", compacted) == re.sub(r"\s+", " ", page), "only whitespace shortened"
