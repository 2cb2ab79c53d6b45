"""The one list of ways to write a mobile number or a personal e-mail address, for every privacy test.

WRITINGS are written out in the text itself: `regiokaart check` refuses them in the sources.
MARKUP_SPLITS are split or hidden by markup that the page joins again (issue 21: 59 of 80 such
variants passed check and were published whole; a second attack run found 29 more, with invisible
characters, reversed text and white space in link targets): the build refuses them on the built
page.
Each variant hides the number 06-12345678 (+31612345678) or the address
j.jansen@gemeente.example.nl, unless it says otherwise.
"""

from dataclasses import dataclass

MOBILE = "+31612345678"
ADDRESS = "j.jansen@gemeente.example.nl"


@dataclass(frozen=True)
class Variant:
    description: str
    markup: str
    key: str = MOBILE  # what a reader gets, as privacy.Finding.key
    # Published whole from a data field too. Data fields are Markdown with raw HTML escaped
    # (pages/text.py): a comment, an entity or a tag there is shown as written, not interpreted.
    from_data: bool = True
    # Only in a hand-written page: the Markdown of data fields has no images, tel: links, attr_list
    # or abbreviation definitions (pages/text.py).
    content_only: bool = False


# Mobile numbers as people write them (what `check` has refused from the start).
MOBILE_WRITINGS = [
    "06 - 12 34 56 78",
    "06–12345678",  # en dash
    "(06) 12345678",
    "06/12345678",
    "+31 6 12345678",
    "0031 6 12345678",
    "+31 (0)6 12345678",
    "０６１２３４５６７８",  # full-width digits
    "06-12345678",
    "0612345678",
    "06.29.62.00.47",
    "06 1234 5678",
    # invisible characters a reader does not see (Unicode format characters, category Cf)
    "06-1234\u200c5678",  # zero-width non-joiner
    "06-1234\u200d5678",  # zero-width joiner
    "06-1234\ufeff5678",  # byte order mark
    "06-1234\u20635678",  # invisible separator
    "06-1234\u200e5678",  # left-to-right mark
    "\u202e87654321-60\u202c",  # reversed: a right-to-left override shows 06-12345678
]

# Personal addresses as people write them: (as written, as reported).
PERSONAL_ADDRESSES = [
    ("teamleider.jansen@gemeente.example.nl", "teamleider.jansen@gemeente.example.nl"),
    ("infojeroen@gemeente.example.nl", "infojeroen@gemeente.example.nl"),
    ("Info.Jansen@gemeente.example.nl", "Info.Jansen@gemeente.example.nl"),
    ("j.jansen (at) gemeente.example.nl", "j.jansen@gemeente.example.nl"),
    ("j.jansen[at]gemeente.example.nl", "j.jansen@gemeente.example.nl"),
    ("j.jansen [AT] gemeente [punt] example [punt] nl", "j.jansen@gemeente.example.nl"),
    ("j.jansen apenstaartje gemeente.example.nl", "j.jansen@gemeente.example.nl"),
    ("j.jansen＠gemeente.example.nl", "j.jansen@gemeente.example.nl"),  # full-width @
    # invisible characters next to '@', in the domain and in the local part
    ("j.jansen\u200b@gemeente.example.nl", "j.jansen@gemeente.example.nl"),
    ("j.jansen@gemeen\u00adte.example.nl", "j.jansen@gemeente.example.nl"),  # soft hyphen
    ("jansen\u200binfo@gemeente.example.nl", "janseninfo@gemeente.example.nl"),  # not info@
    ("jansen\u200cinfo@gemeente.example.nl", "janseninfo@gemeente.example.nl"),
    ("\u202eln.elpmaxe.etneemeg@nesnaj.j\u202c", "j.jansen@gemeente.example.nl"),  # reversed
    # letters beyond ASCII
    ("j.jansen@gemeënte.example.nl", "j.jansen@gemeënte.example.nl"),
    ("jörg.jansen@gemeente.example.nl", "jörg.jansen@gemeente.example.nl"),
]

OTHER_NUMBERS = {"06.29.62.00.47": "+31629620047"}  # the writings of other numbers than MOBILE

WRITINGS = [
    Variant(f"mobiel nummer als {number}", number, OTHER_NUMBERS.get(number, MOBILE))
    for number in MOBILE_WRITINGS
] + [
    Variant(f"persoonlijk adres als {written}", written, key=address.lower())
    for written, address in PERSONAL_ADDRESSES
]

MARKUP_SPLITS = [
    # comments
    Variant("HTML-commentaar in het nummer", "06-1234<!-- -->5678", from_data=False),
    Variant("commentaar dat met --!> sluit", "06-1234<!-- x --!>5678", from_data=False),
    Variant("commentaar in het adres", "j.jansen<!-- -->@gemeente.example.nl", ADDRESS, False),
    # entities
    Variant("decimale entiteit voor het streepje", "06&#45;12345678", from_data=False),
    Variant("hexadecimale entiteit voor het streepje", "06&#x2D;12345678", from_data=False),
    Variant("cijfers als entiteiten", "&#48;&#54;-12345678", from_data=False),
    Variant("benoemde entiteit &hyphen;", "06&hyphen;12345678", from_data=False),
    Variant("vaste spaties als entiteit", "06&nbsp;1234&nbsp;5678", from_data=False),
    Variant("zachte afbreking als entiteit", "06-1234&shy;5678", from_data=False),
    Variant("nulbreedte-spatie als entiteit", "06-1234&#8203;5678", from_data=False),
    Variant("@ als entiteit", "j.jansen&#64;gemeente.example.nl", ADDRESS, False),
    Variant("@ als benoemde entiteit", "j.jansen&commat;gemeente.example.nl", ADDRESS, False),
    Variant("punt in het domein als entiteit", "j.jansen@gemeente&#46;example.nl", ADDRESS, False),
    # emphasis and other Markdown
    Variant("nadruk midden in het nummer", "06-1234*5*678"),
    Variant("vet midden in het nummer", "06-1234**5**678"),
    Variant("code midden in het nummer", "06-1234`5`678"),
    Variant("backslash voor het streepje", "06\\-12345678"),
    Variant("regelovergang binnen een alinea", "06-1234\n5678"),
    Variant("linktekst en tekst erna", "[06-1234](https://example.nl/)5678"),
    Variant("vet lokaal deel", "**j.jansen**@gemeente.example.nl", ADDRESS),
    Variant("cursief domein", "j.jansen@*gemeente*.example.nl", ADDRESS),
    Variant("(at) in vet", "j.jansen **(at)** gemeente.example.nl", ADDRESS),
    # tags
    Variant("span in het nummer", "06-1234<span>5</span>678", from_data=False),
    Variant("span met attribuut", '06-<span class="x">1234</span>5678', from_data=False),
    Variant("wbr in het nummer", "06-1234<wbr>5678", from_data=False),
    Variant("span rond @", "j.jansen<span>@</span>gemeente.example.nl", ADDRESS, False),
    Variant("commentaar, tag en entiteit samen", "06-12<!-- -->34<b>5</b>6&#55;8", from_data=False),
    # link targets
    Variant(
        "mailto-link, @ procentgecodeerd",
        "[mail ons](mailto:j.jansen%40gemeente.example.nl)",
        ADDRESS,
    ),
    Variant(
        "mailto-link, helemaal procentgecodeerd",
        "[mail ons](mailto:%6A%2E%6A%61%6E%73%65%6E%40gemeente.example.nl)",
        ADDRESS,
    ),
    Variant(
        "mailto-link in HTML, @ als entiteit",
        '<a href="mailto:j.jansen&#x40;gemeente.example.nl">mail ons</a>',
        ADDRESS,
        False,
    ),
    Variant("tel:-link, + procentgecodeerd", "[bel ons](tel:%2B31612345678)", content_only=True),
    Variant(
        "tel:-link, streepje procentgecodeerd", "[bel ons](tel:06%2D12345678)", content_only=True
    ),
    # texts a screen reader or a tooltip gives
    Variant(
        "alt-tekst van een afbeelding",
        "![06&#45;12345678](https://example.nl/a.png)",
        content_only=True,
    ),
    Variant(
        "title van een link", '[site](https://example.nl/ "06&#45;12345678")', content_only=True
    ),
    Variant("title in HTML", '<abbr title="06&#45;12345678">VT</abbr>', content_only=True),
    Variant("title via attr_list", 'Bel ons\n{: title="06&#45;12345678" }', content_only=True),
    # invisible characters as entities: the page decodes them, a reader does not see them
    Variant("nulbreedte-niet-verbinder als entiteit", "06-1234&zwnj;5678", from_data=False),
    Variant("nulbreedte-verbinder als entiteit", "06-1234&zwj;5678", from_data=False),
    Variant("BOM als entiteit", "06-1234&#xFEFF;5678", from_data=False),
    Variant("onzichtbaar scheidingsteken als entiteit", "06-1234&#x2063;5678", from_data=False),
    Variant("richtingsteken als entiteit", "06-1234&lrm;5678", from_data=False),
    Variant("nulbreedte-spatie voor @", "j.jansen&#8203;@gemeente.example.nl", ADDRESS, False),
    Variant("zachte afbreking in het domein", "j.jansen@gemeen&shy;te.example.nl", ADDRESS, False),
    Variant(
        "nulbreedte-niet-verbinder maakt janseninfo@ tot info@",
        "jansen&zwnj;info@gemeente.example.nl",
        "janseninfo@gemeente.example.nl",
        False,
    ),
    # reversed text: the browser shows the number the right way round
    Variant("omgekeerd in <bdo dir=rtl>", '<bdo dir="rtl">87654321-60</bdo>', from_data=False),
    Variant(
        "omgekeerd adres in <bdo dir=rtl>",
        '<bdo dir="rtl">ln.elpmaxe.etneemeg@nesnaj.j</bdo>',
        ADDRESS,
        False,
    ),
    Variant(
        "omgekeerd na een override als entiteit", "&#x202E;87654321-60&#x202C;", from_data=False
    ),
    # white space in a link target, which the browser's URL parser drops
    Variant(
        "tab als entiteit in een mailto-link",
        '<a href="mailto:j.jansen@gem&#9;eente.example.nl">mail ons</a>',
        ADDRESS,
        False,
    ),
    Variant(
        "nieuwe regel in een mailto-link",
        '<a href="mailto:j.jansen@gem\neente.example.nl">mail ons</a>',
        ADDRESS,
        False,
    ),
    Variant(
        "tab als entiteit in een Markdown-mailto-link",
        "[mail ons](mailto:j.jansen@gem&#9;eente.example.nl)",
        ADDRESS,
        content_only=True,  # a data field shows the entity as written
    ),
    Variant(
        "nieuwe regel als entiteit in een tel:-link",
        '<a href="tel:06-1234&#10;5678">bel</a>',
        from_data=False,
    ),
    Variant(
        "tab als entiteit in een tel:-link", '<a href="tel:0612&#9;345678">bel</a>', from_data=False
    ),
    Variant(
        "mailto als actie van een formulier",
        '<form action="mailto:j.jansen&#64;gemeente.example.nl"><button>Mail</button></form>',
        ADDRESS,
        False,
    ),
]

# What a browser shows as written, so the page holds no number (no finding may be made).
SHOWN_LITERALLY = [
    "<textarea>06-1234<!-- -->5678</textarea>",  # raw text: a comment there is text
    "<textarea>06-1234<b>5</b>678</textarea>",
]
