"""Front matter is written through libyaml's emitter where it writes the same bytes as PyYAML's
(regiokaart.site.pages.site._entry); these tests hold it to PyYAML's safe_dump on random texts."""

import html

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from regiokaart.site.pages.site import front_matter

PIECES = st.sampled_from(
    [
        " ",
        "  ",
        ": ",
        " #",
        "-",
        "- ",
        "? ",
        "'",
        '"',
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        ",",
        "[",
        "]",
        "{",
        "}",
        "\n",
        "\t",
        "\\",
        "é",
        "€",
        "😀",
        "\u2028",
        "\x85",
        "\ufeff",
        "\u00a0",
        "\u200b",
        "\u0301",
        "yes",
        "no",
        "null",
        "~",
        "true",
        "on",
        "12",
        "1e3",
        ".inf",
        "0x1",
        "2026-01-01",
        "---",
        "...",
        "woord",
        "Lang",
        "a-b",
    ]
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(PIECES, max_size=80).map("".join),
    st.lists(
        st.sampled_from(["woord", "lang", "x:", "é", "a-b", "12", "ja", "'", "#"]), max_size=120
    ).map(" ".join),
)


def reference(**fields: object) -> str:
    escaped = {k: html.escape(v) if isinstance(v, str) else v for k, v in fields.items()}
    return "---\n" + yaml.safe_dump(escaped, allow_unicode=True, sort_keys=False) + "---\n\n"


@settings(max_examples=3000, deadline=None)
@given(title=TEXT, description=TEXT, number=st.integers(), hide=st.lists(TEXT, max_size=3))
def test_front_matter_is_pyyaml_safe_dump(
    title: str, description: str, number: int, hide: list[str]
) -> None:
    fields = {"title": title, "description": description, "aanbod_nr": number, "hide": hide}
    assert front_matter(**fields) == reference(**fields)


def test_other_values_and_no_fields() -> None:
    fields = {"title": "x", "flag": True, "none": None, "ratio": 1.5}
    assert front_matter(**fields) == reference(**fields)
    assert front_matter() == reference()
