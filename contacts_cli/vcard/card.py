"""What the vCard reader and writer share: names of our properties, line patterns, the card as read.

Pure, no files. The writer (write.py) and the reader (read.py) both import this module and never
each other.
"""

import re
from dataclasses import dataclass
from typing import Final

from contacts_cli.model import CONTROL_CHARS, Contact

VERSIONS: Final = ("3.0", "4.0")
PRODID: Final = "-//contacts-cli//contacts-cli//EN"
ROLES: Final = {
    "spokesperson": "Spokesperson",
    "press-officer": "Press officer",
    "press-office": "Press office",
}

X_KIND: Final = "X-CONTACTS-KIND"
X_LANGUAGE: Final = "X-CONTACTS-LANGUAGE"
X_SOURCE: Final = "X-CONTACTS-SOURCE"
X_SOURCED: Final = "X-CONTACTS-SOURCED"
X_CREATED: Final = "X-CONTACTS-CREATED"

# Every way text can break a line: a value must never end a content line early.
BREAKS: Final = "\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"
CONTROLS_BUT_NEWLINE: Final = "(?!\n)" + CONTROL_CHARS
BEGIN_LINE: Final = r"(?im)^[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t\r]*$"
END_LINE: Final = r"(?im)^[ \t]*END[ \t]*:[ \t]*VCARD[ \t\r]*$"


@dataclass(frozen=True, slots=True)
class ParsedCard:
    """One card of a text as read: the entry it holds, or why it could not be read."""

    position: int  # 1-based index of the card in the text
    contact: Contact | None  # None when the card could not be read; id is "" (assigned on import)
    problems: tuple[str, ...]  # what was left out or changed, and why (an invalid number...), for the report
    error: str | None  # why the card could not be read (when contact is None)
    # Properties holding data that contacts has no field for (ADR, PHOTO, URL...): skipped, named here.
    not_kept: tuple[str, ...] = ()


def count_cards(text: str) -> int:
    """How many cards `text` begins: cheap, for sizing a progress bar before reading."""
    if "\n" not in text:
        text = text.replace("\r", "\n")  # old Mac line ends
    return len(re.findall(BEGIN_LINE, text))


def name_parts(name: str, family: str | None, kind: str) -> tuple[str, str]:
    """(family name, given names) for N: an explicit family name wins; else the last word of a person's
    name, or the whole name of a press office (so that address books list it under its name)."""
    if family:
        if name.endswith(family):
            given = name[: len(name) - len(family)]
        elif name.startswith(family):
            given = name[len(family) :]
        else:
            given = name.replace(family, " ", 1) if family in name else name
        return family, " ".join(given.split())
    if kind == "press-office":
        return name, ""
    words = name.rsplit(None, 1)
    if len(words) < 2:
        return name, ""
    return words[1], words[0]


def line_text(value: str) -> str:
    """A one-line value: line breaks and tabs become spaces, control and bidi characters go."""
    if value.isprintable():
        return value
    return re.sub(CONTROL_CHARS, "", re.sub(BREAKS, " ", value.replace("\t", " ")))


def note_text(value: str) -> str:
    """A multi-line value: every kind of line break becomes a newline, tabs spaces; controls and bidi go."""
    if value.isprintable():
        return value
    return re.sub(CONTROLS_BUT_NEWLINE, "", re.sub(BREAKS, "\n", value.replace("\t", " ")))
