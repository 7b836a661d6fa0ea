"""vCard text <-> contacts. Pure: text in, text out; no files, no terminal.

Writing follows RFC 2426 (vCard 3.0, the default: what iOS, macOS, Android, Google Contacts and Outlook
import best) and RFC 6350 (4.0, on request): UTF-8, CRLF line ends, lines folded at 75 octets without
splitting a character, `\\ , ; newline` escaped in text values, always FN, N, UID and REV. Stored text
only ever becomes a value: property names, parameters and groups are ours, and line breaks and control
characters in a value are escaped or removed.

Reading (read.py) is tolerant: 2.1, 3.0 and 4.0 as phones and mail clients write them.

Our own fields travel in X-CONTACTS-* properties (kind, languages in 3.0, source, sourced, created) so
that export, import, export gives the same file. The areas travel in CATEGORIES, where other clients
show and edit them.
"""

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from contacts_cli.errors import InvalidInput
from contacts_cli.model import Contact
from contacts_cli.vcard.card import (
    PRODID,
    ROLES,
    VERSIONS,
    X_CREATED,
    X_KIND,
    X_LANGUAGE,
    X_SOURCE,
    X_SOURCED,
    line_text,
    name_parts,
    note_text,
)

_ESCAPES: Final = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_NOT_TEL: Final = r"[^+0-9]"
_NOT_DIGIT: Final = r"[^0-9]"
_REV_BASIC: Final = r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z"
FOLD_AT: Final = 75


def to_vcard(contact: Contact, version: str = "3.0") -> str:
    """One card for `contact`, ending with END:VCARD and CRLF. InvalidInput for a version we do not write."""
    if version not in VERSIONS:
        raise InvalidInput(f"vCard version {version!r} is not one we write; use 3.0 or 4.0")
    return _card(contact, version, full=True)


def qr_vcard(contact: Contact) -> str:
    """A short 3.0 card for a QR code: name, organisation, title, numbers, emails and UID, nothing else."""
    return _card(contact, "3.0", full=False)


def file_name(contact: Contact) -> str:
    """A stable, readable file name for the entry's card: its name's words and id (Peter-Stano-5ad0e4c1.vcf).

    Only letters, digits and marks of any script are kept, so the name is safe on every file system.
    """
    words = "".join(
        ch if unicodedata.category(ch)[0] in "LNM" else " "
        for ch in unicodedata.normalize("NFC", contact.name)
    ).split()
    slug = "-".join(words)[:60].strip("-") or "entry"
    ident = re.sub(r"[^0-9A-Za-z]", "", contact.id) or "x"
    return f"{slug}-{ident}.vcf"


def escape(value: str) -> str:
    return value.translate(_ESCAPES)


def fold(line: str) -> str:
    """A content line folded at 75 octets (continuations start with a space), never inside a character."""
    if len(line) <= FOLD_AT and line.isascii():
        return line
    data = line.encode("utf-8")
    if len(data) <= FOLD_AT:
        return line
    parts = []
    start, limit = 0, FOLD_AT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back up to the character's start
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, FOLD_AT - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _card(contact: Contact, version: str, *, full: bool) -> str:
    v4 = version == "4.0"
    name = line_text(contact.name).strip()
    family, given = name_parts(name, line_text(contact.family or "").strip() or None, contact.kind)
    out = ["BEGIN:VCARD", f"VERSION:{version}"]
    if full:
        out.append(f"PRODID:{PRODID}")
    if v4 and contact.kind == "press-office":
        out.append("KIND:org")
    out.append(f"UID:{escape(line_text(contact.uid))}")
    out.append(f"FN:{escape(name)}")
    out.append(f"N:{escape(family)};{escape(given)};;;")
    _put(out, "ORG", contact.organization)
    _put(out, "TITLE", contact.title)
    if full and contact.kind in ROLES:
        out.append(f"ROLE:{ROLES[contact.kind]}")
    areas = [escape(a) for a in _clean_lines(contact.areas)]
    if full and areas:
        out.append("CATEGORIES:" + ",".join(areas))
    group = 0
    for phone in contact.phones:
        number = re.sub(_NOT_TEL, "", phone.e164)
        extension = re.sub(_NOT_DIGIT, "", phone.extension or "")
        cell = phone.type == "mobile"
        label = line_text(phone.label or "").strip()
        prefix = ""
        if label:
            group += 1
            prefix = f"item{group}."
        if v4:
            types = "cell" if cell else '"work,voice"'
            value = f"tel:{number}" + (f";ext={extension}" if extension else "")
            out.append(f"{prefix}TEL;VALUE=uri;TYPE={types}:{value}")
        else:
            # libphonenumber's own notation for an extension: phones and mail clients show it as is.
            types = "CELL" if cell else "WORK,VOICE"
            value = number + (f" ext. {extension}" if extension else "")
            out.append(f"{prefix}TEL;TYPE={types}:{value}")
        if label:
            out.append(f"{prefix}X-ABLabel:{escape(label)}")
    email_type = "work" if v4 else "INTERNET,WORK"
    out.extend(f"EMAIL;TYPE={email_type}:{escape(e)}" for e in _clean_lines(contact.emails))
    if full:
        _full_fields(contact, v4, out)
    out.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in out)


def _full_fields(contact: Contact, v4: bool, out: list[str]) -> None:
    languages = [escape(code) for code in _clean_lines(contact.languages)]
    if v4:
        out.extend(f"LANG;PREF={rank}:{code}" for rank, code in enumerate(languages, 1))
    note = note_text(contact.note or "").strip()
    if note:
        out.append(f"NOTE:{escape(note)}")
    _put(out, X_KIND, contact.kind)
    if not v4:
        # One property per language: readers such as vobject keep only the first item of a list value.
        out.extend(f"{X_LANGUAGE}:{code}" for code in languages)
    _put(out, X_SOURCE, contact.source)
    _put(out, X_SOURCED, contact.sourced)
    _put(out, X_CREATED, contact.created)
    updated = line_text(contact.updated).strip()
    if updated:
        # 4.0 wants the basic ISO 8601 form (20261128T033000Z); 3.0 readers expect the extended one.
        basic = re.fullmatch(_REV_BASIC, updated) if v4 else None
        if basic:
            year, month, day, hour, minute, second = basic.groups()
            updated = f"{year}{month}{day}T{hour}{minute}{second}Z"
        out.append(f"REV:{escape(updated)}")


def _put(out: list[str], name: str, value: str | None) -> None:
    """A one-line text property, unless the value is empty once made safe."""
    text = line_text(value).strip() if value else ""
    if text:
        out.append(f"{name}:{escape(text)}")


def _clean_lines(values: Iterable[str]) -> list[str]:
    return [text for text in (line_text(v).strip() for v in values) if text]
