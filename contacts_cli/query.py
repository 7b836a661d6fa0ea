"""A search query: words to find anywhere, and `field:value` terms (khard-style) that look in one field.

    stano                  a word anywhere (name first, then number, title, areas, organisation, ...)
    area:trade kind:spokesperson
    "title:foreign affairs"   a field term with spaces, quoted as one shell word

A word of letters followed by a colon is always a field: an unknown one is refused with the known ones
named, never taken as free text (so a typo like `are:trade` cannot silently match nothing).
Pure functions.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from contacts_cli.errors import InvalidInput
from contacts_cli.rows import fold, plain

FIELDS: Final = ("name", "title", "org", "area", "email", "phone", "kind", "lang")
_FIELD_TERM: Final = r"([A-Za-z]+):(.*)"
_PHONE_TERM: Final = r"\+?[\d\s().\-/]*\d[\d\s().\-/]*"
_NON_DIGITS: Final = r"\D"
# A trunk zero in brackets after the country code, as press offices write numbers: +32 (0)2 295 43 20.
_BRACKETED_TRUNK: Final = r"^(\s*(?:\+|00)\s*[1-9]\d{0,2})\s*\(\s*0\s*\)"


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: folded text, the digits it stands for when it looks like a number, its field."""

    raw: str
    text: str
    digits: str | None
    # None: anywhere. Otherwise one of FIELDS.
    field: str | None = None

    def __str__(self) -> str:
        return self.raw


def phone_digits(term: str) -> str | None:
    """The digits a phone-like term matches against, without trunk or international zeros; else None.

    A stored number's digits are its E.164 form (rows.py), so `+32 (0)2 ...` drops the bracketed zero
    that `+32 2 ...` never had; `0032 ...` and `02 ...` lose their leading zeros.
    """
    if not re.fullmatch(_PHONE_TERM, term.strip()):
        return None
    normal = re.sub(_BRACKETED_TRUNK, r"\1", unicodedata.normalize("NFKC", term))
    digits = re.sub(_NON_DIGITS, "", normal).lstrip("0")
    return digits if len(digits) >= 4 else None


def known_fields() -> str:
    return ", ".join(f"{f}:" for f in FIELDS)


def parse_query(terms: Iterable[str]) -> list[Term]:
    """The terms of a query; InvalidInput for an unknown field or a field term without a usable value."""
    parsed = []
    for raw in terms:
        stripped = plain(raw).strip()
        match = re.fullmatch(_FIELD_TERM, stripped, re.DOTALL)
        if match is None:
            text = fold(stripped).strip()
            if text:
                parsed.append(Term(raw, text, phone_digits(raw)))
            continue
        parsed.append(_field_term(raw, match.group(1).lower(), match.group(2).strip()))
    return parsed


def _field_term(raw: str, field: str, value: str) -> Term:
    if field not in FIELDS:
        raise InvalidInput(
            f"unknown field {field + ':'!r} in {raw!r}; use one of {known_fields()} "
            "(or leave out the colon to search for the words)"
        )
    if not value:
        raise InvalidInput(f"{raw!r} has nothing after the colon; write it as {field}:WORD")
    if field == "kind":
        from contacts_cli.model import check_kind

        return Term(raw, check_kind(value), None, field)
    if field == "lang":
        from contacts_cli.model import check_language

        return Term(raw, check_language(value), None, field)
    if field == "phone":
        digits = phone_digits(value)
        if digits is None:
            raise InvalidInput(f"{raw!r}: write at least 4 digits of the number after phone:")
        return Term(raw, digits, digits, field)
    text = fold(value).strip()
    if not text:
        raise InvalidInput(f"{raw!r} has nothing to search for after the colon; write it as {field}:WORD")
    return Term(raw, text, None, field)
