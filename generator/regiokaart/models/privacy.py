"""The privacy rules in one place: which texts carry a mobile number or a personal e-mail address.

The portal publishes contact details of organisations and functions only, never of persons. Every
text that reaches the site goes through `find_personal_data` (free text) or the two field checks
(`phone_field_error`, `email_field_error`).

A text is read as a reader sees it: full-width forms as ASCII (NFKC), and without the characters
nobody sees (INVISIBLE: zero-width characters, direction marks, the soft hyphen, every format
character), so 06-1234<U+200C>5678 is a number and jansen<U+200B>info@… is not info@. A text that
holds a right-to-left override (U+202E, or <bdo dir="rtl"> on a page) shows what follows it the
other way round; such a text is read reversed too.

Every scan is linear in the length of the text, whatever the text: numbers are looked for only in
runs of digits and separators (each run handed to the matcher once), e-mail addresses only in a
bounded window around each '@' or written-out at-sign ('(at)', '[at]', ' apenstaartje ').
"""

import dataclasses
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

# Local parts of e-mail addresses that belong to a role or an organisation, not to a person. Only the
# whole local part counts: teamleider.jansen@… and infojeroen@… are personal. A region lists its own
# function mailboxes (plegeraanpak@…) in region.function_mailboxes.
ROLE_MAILBOXES = frozenset(
    {
        "info",
        "contact",
        "secretariaat",
        "aanmelden",
        "aanmelding",
        "aanmeldingen",
        "algemeen",
        "post",
        "mail",
        "servicedesk",
        "klantenservice",
        "helpdesk",
        "communicatie",
        "pers",
        "receptie",
        "team",
        "vragen",
        "advies",
        "hulp",
        "loket",
        "zorgloket",
        "meldpunt",
        "bureau",
        "office",
        "administratie",
        "planning",
        "intake",
        "redactie",
        "webmaster",
        "privacy",
        "klachten",
        "nieuwsbrief",
        "noreply",
        "no-reply",
    }
)

MOBILE_IN_TEXT = (
    "bevat een mobiel telefoonnummer ({number}); publiceer alleen contactgegevens van een "
    "organisatie of functie"
)
PERSONAL_EMAIL_IN_TEXT = (
    "bevat een persoonlijk e-mailadres ({address}); publiceer alleen een algemeen adres"
)
MOBILE_IN_PHONE_FIELD = (
    "dit is een mobiel nummer; publiceer alleen een algemeen nummer van de organisatie"
)
PERSONAL_EMAIL_FIELD = (
    "dit lijkt een persoonlijk e-mailadres; publiceer alleen een algemeen adres van de organisatie "
    "of een functie (zoals info@…), of zet een functieadres van de regio in "
    "region.function_mailboxes"
)
NOT_REPEATED = "hier niet herhaald"  # in place of the number or address, where it is published
INVALID_EMAIL = "geen geldig e-mailadres"
TOO_MANY_NUMBERS = (
    "bevat te veel cijferreeksen om op mobiele nummers te controleren; maak de tekst korter"
)
MAX_FINDINGS = 20  # of each kind in one text


class TextKind(StrEnum):
    """How a text is scanned: free text anywhere, or a contact field holding one value."""

    TEXT = "text"
    EMAIL = "email"
    PHONE = "phone"  # the model refuses a mobile number in a phone field itself


@dataclass(frozen=True)
class SiteText:
    """A text that reaches the site, and where it is written.

    A data value is located as a whole (the line and column of the value); the text of a hand-written
    file (whole_file) is located per character, so each finding gets its own line and column.
    """

    file: str
    text: str
    line: int = 1
    column: int = 1
    field: str = ""
    kind: TextKind = TextKind.TEXT
    whole_file: bool = False


@dataclass(frozen=True)
class Finding:
    """Personal data in a text: where it starts (offset in the text as written), what to say, and
    what was found the same however it is written (key: the number as +316…, the address in lower
    case; empty when the text holds too many numbers to check); withheld says it without the
    personal data itself, for where the message is published (a national overview's page)."""

    start: int
    message: str
    key: str = ""
    withheld: str = ""


@dataclass(frozen=True)
class LocatedFinding:
    """A finding with the line and column where it is written."""

    line: int
    column: int
    message: str


def scan_site_text(
    site_text: SiteText, function_mailboxes: Collection[str] = ()
) -> list[LocatedFinding]:
    """Every piece of personal data in one text that reaches the site, located."""
    if site_text.kind is TextKind.PHONE:
        return []
    if site_text.kind is TextKind.EMAIL:
        error = email_field_error(site_text.text, function_mailboxes)
        # a malformed address is the model's message; only a personal one is said here
        if error is None or error == INVALID_EMAIL:
            return []
        return [LocatedFinding(site_text.line, site_text.column, error)]
    findings = find_personal_data(site_text.text, function_mailboxes)
    if not site_text.whole_file:
        return [LocatedFinding(site_text.line, site_text.column, f.message) for f in findings]
    positions = line_columns(site_text.text, [f.start for f in findings])
    return [
        LocatedFinding(site_text.line + line - 1, column, f.message)
        for f, (line, column) in zip(findings, positions, strict=True)
    ]


def find_personal_data(text: str, function_mailboxes: Collection[str] = ()) -> list[Finding]:
    """Mobile numbers and personal e-mail addresses in free text, in the order they are written
    (read as shown: without invisible characters, and reversed too after a right-to-left
    override)."""
    # NFKC: full-width digits and '＠' become ASCII. Offsets are mapped back to the text as written
    # only when something is found (rare, and slower).
    normal = visible(unicodedata.normalize("NFKC", text))
    reverse = RIGHT_TO_LEFT_OVERRIDE in text
    findings = _findings(normal, function_mailboxes, reverse)
    if findings and normal != text:
        per_character, origin = _normalise_per_character(text)
        located = [
            Finding(origin[f.start], f.message, f.key, f.withheld)
            for f in _findings(per_character, function_mailboxes, reverse)
        ]
        # never lose a finding to a difference between the two normalisations
        findings = located or [
            dataclasses.replace(f, start=min(f.start, len(text) - 1)) for f in findings
        ]
    return findings


def _findings(text: str, function_mailboxes: Collection[str], reverse: bool) -> list[Finding]:
    """_findings_forward, and when reverse those of text reversed that differ (at the offset of
    their last character as written)."""
    found = _findings_forward(text, function_mailboxes)
    if reverse:
        seen = {f.key or f.message for f in found}
        last = len(text) - 1
        found += [
            dataclasses.replace(f, start=last - f.start)
            for f in _findings_forward(text[::-1], function_mailboxes)
            if (f.key or f.message) not in seen
        ]
        found.sort(key=lambda f: f.start)
    return found


def _findings_forward(text: str, function_mailboxes: Collection[str]) -> list[Finding]:
    # Up to MAX_FINDINGS of each: enough to act on, and bounded work on a text full of numbers.
    numbers = islice(_mobile_numbers(text), MAX_FINDINGS)
    personal = (
        (start, address)
        for start, address in _email_addresses(text)
        if not is_role_mailbox(address, function_mailboxes)
    )
    found = [
        Finding(
            start,
            MOBILE_IN_TEXT.format(number=number),
            key,
            MOBILE_IN_TEXT.format(number=NOT_REPEATED),
        )
        if number
        else Finding(start, TOO_MANY_NUMBERS, withheld=TOO_MANY_NUMBERS)
        for start, number, key in numbers
    ]
    found += [
        Finding(
            start,
            PERSONAL_EMAIL_IN_TEXT.format(address=address),
            address.lower(),
            PERSONAL_EMAIL_IN_TEXT.format(address=NOT_REPEATED),
        )
        for start, address in islice(personal, MAX_FINDINGS)
    ]
    return sorted(found, key=lambda f: f.start)


def phone_field_error(value: str) -> str | None:
    """Why a phone field may not be published, or None."""
    numbers = _mobile_numbers(visible(unicodedata.normalize("NFKC", value)))
    return MOBILE_IN_PHONE_FIELD if next(numbers, None) else None


def email_field_error(value: str, function_mailboxes: Collection[str] = ()) -> str | None:
    """Why an e-mail field may not be published (not an address, or a person's), or None."""
    if email_syntax_error(value):
        return INVALID_EMAIL
    return None if is_role_mailbox(value, function_mailboxes) else PERSONAL_EMAIL_FIELD


def email_syntax_error(value: str) -> str | None:
    """'geen geldig e-mailadres' when value is not one address, else None."""
    # bounded first: the pattern backtracks over the domain
    return INVALID_EMAIL if len(value) > MAX_ADDRESS or not _ADDRESS.fullmatch(value) else None


def is_role_mailbox(address: str, function_mailboxes: Collection[str] = ()) -> bool:
    """True when the whole local part is a role word, or the address is a listed function mailbox."""
    local = address.rsplit("@", 1)[0].lower()
    return local in ROLE_MAILBOXES or address.lower() in _lowered(function_mailboxes)


def _lowered(addresses: Collection[str]) -> frozenset[str]:
    return frozenset(address.lower() for address in addresses)


# --- what a reader sees ---------------------------------------------------------------------------

# Characters a reader does not see: every format character (Unicode category Cf, up to Unicode 15:
# the soft hyphen, zero-width characters, direction marks and overrides, U+2060-U+2064, the BOM, tag
# characters, ...) and the other default-ignorable code points (variation selectors, the combining
# grapheme joiner, Hangul fillers). tests/test_privacy.py holds this to unicodedata's Cf.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]+"
)
RIGHT_TO_LEFT_OVERRIDE = "\u202e"


def visible(text: str) -> str:
    """text without the characters a reader does not see (INVISIBLE)."""
    return text if text.isascii() else INVISIBLE.sub("", text)


# --- mobile numbers -------------------------------------------------------------------------------

# A run of digits and what the matcher accepts between the digits of one number (spaces, dashes
# of every width, dots, slashes, brackets, '+'; not a line break; invisible characters are gone
# before): a greedy class with nothing after it, so finding the runs never backtracks.
_NUMBER_RUN = re.compile(r"\d[\d ()\[\]./~+\-\u2010-\u2015\u2212\u30fc]*")
_NOT_DIGIT = re.compile(r"\D+")
# Every Dutch mobile number, however written (06…, +31 6…, 0031 6…, +31 (0)6…), has these digits in
# a row; runs without them never reach the matcher, which is slow.
_MOBILE_DIGITS = re.compile(r"(?:06|316)\d{8}")
_LEADING = "+(["
# The matcher takes up to a millisecond per candidate; no real text holds this much that looks like
# mobile numbers, so more is refused rather than checked for minutes.
MAX_NUMBER_TEXT = 20_000
DUTCH = 31


def _mobile_numbers(text: str) -> Iterator[tuple[int, str | None, str]]:
    """(offset, number as written, number as +316…) of each Dutch mobile number in text (NFKC);
    (offset, None, "") and no more where text holds more runs of digits than MAX_NUMBER_TEXT to
    check."""
    budget = MAX_NUMBER_TEXT
    for run in _NUMBER_RUN.finditer(text):
        if not _MOBILE_DIGITS.search(_NOT_DIGIT.sub("", run.group())):
            continue
        budget -= len(run.group())
        if budget < 0:
            yield run.start(), None, ""
            return
        # The matcher sees the run with what leads it ("+31 …", "(06) …") and the character on each
        # side, by which it tells a number from part of a word or a code ("NL02ABNA0612345678").
        start = run.start()
        while start > max(0, run.start() - 2) and text[start - 1] in _LEADING:
            start -= 1
        start = max(0, start - 1)
        window = text[start : run.end() + 1]
        # max_tries: every candidate in the run (the default gives up after 65,535).
        matcher = PhoneNumberMatcher(window, "NL", leniency=Leniency.VALID, max_tries=len(window))
        for match in matcher:
            number = match.number
            if (
                number.country_code == DUTCH
                and phonenumbers.number_type(number) == PhoneNumberType.MOBILE
            ):
                key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                yield start + match.start, match.raw_string, key


# --- e-mail addresses -----------------------------------------------------------------------------

MAX_LOCAL = 64  # RFC 5321
MAX_DOMAIN = 253
MAX_ADDRESS = 254
# An address in a contact field: ASCII, as mail servers take it.
_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# '@' and the ways people write it out so that robots miss it. The bracketed forms only: "at" alone
# occurs in prose and names ("Kunst at Home" is no address).
_AT_SIGN = re.compile(
    r"@|[(\[{<]\s{0,3}(?:at|apenstaartje)\s{0,3}[)\]}>]|\sapenstaartje\s", re.IGNORECASE
)
_DOT_WRITTEN_OUT = re.compile(r"\s{0,3}[(\[{<]\s{0,3}(?:dot|punt)\s{0,3}[)\]}>]\s{0,3}", re.I)
# An address in text: letters and digits of any script too (jörg@gemeënte.nl, as mail takes it
# since RFC 6531), '_' in the local part only (a word's emphasis in Markdown is not part of it).
_LOCAL_REVERSED = re.compile(r"[\w.%+-]+")
_DOMAIN_CHARS = re.compile(r"(?:[^\W_]|[.-])+")
_DOMAIN = re.compile(r"(?:[^\W_]|[.-])+\.[^\W\d_]{2,}")


def _email_addresses(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of each e-mail address in text, '(at)'-forms written back as '@'.

    Looks only at a bounded window on either side of each at-sign: linear in the length of text."""
    for at in _AT_SIGN.finditer(text):
        before, after = at.start(), at.end()
        if at.group() != "@":  # "x (at) y": spaces around a written-out at-sign
            while before > max(0, at.start() - 3) and text[before - 1].isspace():
                before -= 1
            while after < min(len(text), at.end() + 3) and text[after].isspace():
                after += 1
        # the local part, read backwards from the at-sign
        reversed_local = _LOCAL_REVERSED.match(text[max(0, before - MAX_LOCAL) : before][::-1])
        local = reversed_local.group()[::-1].lstrip("._") if reversed_local else ""
        domain = _domain_after(text, after) if local else None
        if local and domain:
            yield before - len(local), f"{local}@{domain}"


def _domain_after(text: str, start: int) -> str | None:
    """The domain that starts at start, with written-out dots ("gemeente (punt) nl") as '.'."""
    parts = []
    position, end = start, min(len(text), start + MAX_DOMAIN)
    while position < end:
        chars = _DOMAIN_CHARS.match(text, position, end)
        dot = _DOT_WRITTEN_OUT.match(text, chars.end(), end) if chars else None
        if chars:
            parts.append(chars.group())
        if not chars or not dot:
            break
        parts.append(".")
        position = dot.end()
    domain = _DOMAIN.match("".join(parts))
    return domain.group() if domain else None


# --- positions ------------------------------------------------------------------------------------


def _normalise_per_character(text: str) -> tuple[str, list[int]]:
    """text in NFKC and visible, character by character, with the offset in text of each
    character."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = visible(unicodedata.normalize("NFKC", char))
        parts.append(normal)
        origin.extend([index] * len(normal))
    return "".join(parts), origin


def line_columns(text: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """1-based (line, column) of each offset (ascending) in text, in one pass."""
    positions = []
    line, line_start, scanned = 1, 0, 0
    for offset in offsets:
        newlines = text.count("\n", scanned, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, offset) + 1
        scanned = offset
        positions.append((line, offset - line_start + 1))
    return positions
