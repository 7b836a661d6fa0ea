"""Reading vCards as phones and mail clients write them: 2.1, 3.0 and 4.0, with their habits.

2.1: QUOTED-PRINTABLE with soft line breaks, CHARSET, bare types (`TEL;CELL`), folding that keeps the
space. 3.0: Apple's `item1.` groups with X-ABLabel. 4.0: `tel:` URIs, VALUE=uri, LANG. LF or CRLF.
Photos and other properties that contacts has no field for are skipped and named. Imported text is
data: control characters are removed (newlines kept in notes) and every change is reported. A card
that cannot be read is reported with its position; the cards after it are read on.

parse_vcards and iter_vcards are the entry points.
"""

import binascii
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Final

from contacts_cli.errors import InvalidInput, InvalidPhone
from contacts_cli.model import (
    CONTROL_CHARS,
    KINDS,
    Contact,
    Phone,
    check_email,
    check_kind,
    check_language,
    infer_kind,
    unique,
)
from contacts_cli.vcard.card import (
    BEGIN_LINE,
    BREAKS,
    END_LINE,
    ROLES,
    X_CREATED,
    X_KIND,
    X_LANGUAGE,
    X_SOURCE,
    X_SOURCED,
    ParsedCard,
    line_text,
    name_parts,
    note_text,
)

Prop = tuple[str | None, dict[str, list[str]], str]  # group, parameters, raw value

_KEPT: Final = frozenset(
    (
        "FN",
        "N",
        "ORG",
        "TITLE",
        "ROLE",
        "CATEGORIES",
        "TEL",
        "EMAIL",
        "NOTE",
        "LANG",
        "UID",
        "REV",
        "KIND",
        "X-ABLABEL",
        "X-ABSHOWAS",
        X_KIND,
        X_LANGUAGE,
        X_SOURCE,
        X_SOURCED,
        X_CREATED,
    )
)
# Properties that describe the card or the program that wrote it, not the person: skipped without a word.
_SILENT: Final = frozenset(
    "BEGIN END VERSION PRODID PROFILE NAME SOURCE SORT-STRING CLASS MAILER CLIENTPIDMAP XML".split()
)
_ENCODINGS: Final = frozenset(("QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"))
# Google's and Android's own groups, not policy areas.
_SYSTEM_GROUPS: Final = frozenset(("mycontacts", "starred", "starred in android"))
_ROLE_KINDS: Final = {label.casefold(): kind for kind, label in ROLES.items()} | {k: k for k in KINDS}
_APPLE_LABEL: Final = r"_\$!<.*>!\$_"  # Apple's built-in labels (_$!<Mobile>!$_): TYPE says as much
_STAMP: Final = (
    r"(\d{4})-?(\d\d)-?(\d\d)(?:[T ](\d\d):?(\d\d)(?::?(\d\d))?(?:[.,]\d+)?(Z|[+-]\d\d(?::?\d\d)?)?)?"
)
_ESCAPED: Final = r"\\(.)"
DEFAULT_KIND: Final = "press-officer"
_UID_NAMESPACE: Final = "9b7b1c2e-52a4-4d0e-8a53-6f1f3c0e7a11"  # ours, for UIDs made from a card's text
NO_KIND: Final = "says neither spokesperson, press officer nor press office; recorded as " + DEFAULT_KIND


def parse_vcards(
    text: str, region: str | None = None, *, default_kind: str | None = None
) -> list[ParsedCard]:
    """Every card in `text` (2.1, 3.0 or 4.0; LF or CRLF), in order; see iter_vcards."""
    return list(iter_vcards(text, region, default_kind=default_kind))


def iter_vcards(
    text: str, region: str | None = None, *, default_kind: str | None = None
) -> Iterator[ParsedCard]:
    """The cards in `text` one by one, for a progress bar.

    Numbers are validated as `add` does (`region` for national numbers); one that is not valid is left
    out and named in `problems`. A card that does not say what it is gets `default_kind`, or else the
    kind its title tells, or else press-officer, which `problems` then says.
    """
    return read_cards(text, region, default_kind)


def read_cards(text: str, region: str | None, default_kind: str | None) -> Iterator[ParsedCard]:
    """The cards of `text` one by one (see vcard.iter_vcards)."""
    if default_kind is not None:
        default_kind = check_kind(default_kind)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(BEGIN_LINE, text)
    # Switchboards and press desks recur on many cards: each distinct number is checked once.
    numbers: dict[str, Phone | str] = {}  # a number's text -> the Phone, or why it is not valid
    for position, chunk in enumerate(chunks[1:], 1):
        end = re.search(END_LINE, chunk)
        if end is None:
            yield ParsedCard(position, None, (), "has no END:VCARD line (is the file cut short?)")
            continue
        yield _Card(position, region, default_kind, numbers).read(chunk[: end.start()])


class _Card:
    """The reading of one card: its properties, then the entry they make, noting every problem."""

    def __init__(
        self,
        position: int,
        region: str | None,
        default_kind: str | None,
        numbers: dict[str, Phone | str],
    ) -> None:
        self.position = position
        self.numbers = numbers
        self.region = region
        self.default_kind = default_kind
        self.body = ""
        self.problems: list[str] = []
        self.found: dict[str, list[Prop]] = {}
        self.not_kept: dict[str, None] = {}

    def read(self, body: str) -> ParsedCard:
        self.body = body
        self._properties(body)
        contact, error = self._contact()
        return ParsedCard(self.position, contact, tuple(self.problems), error, tuple(self.not_kept))

    # -- content lines -------------------------------------------------------------------------------

    def _properties(self, body: str) -> None:
        if re.search("(?i)quoted-printable", body):
            body = _join_soft_breaks(body)
        if re.search(r"(?im)^VERSION[ \t]*:[ \t]*2\.1", body):
            # 2.1 folds before a space that belongs to the value; 3.0 and 4.0 add the space to fold.
            body = re.sub(r"\n(?=[ \t])", "", body)
        elif "\n " in body or "\n\t" in body:
            body = re.sub(r"\n[ \t]", "", body)
        for line in body.split("\n"):
            if not line or line.isspace():
                continue
            colon = line.find(":")
            if colon >= 0 and '"' in line[:colon]:
                colon = _colon_outside_quotes(line)
            name, _, rest = line[:colon].partition(";")
            name = name.strip().upper()
            group = None
            dot = name.rfind(".")
            if dot >= 0:
                group, name = name[:dot], name[dot + 1 :]
            if colon < 0 or not (name.isascii() and name.replace("-", "").isalnum()):
                self.problems.append(f"left out a line that is not a property: {line.strip()[:40]!r}")
                continue
            params = _params(rest) if rest else {}
            value = line[colon + 1 :]
            encoding = params["ENCODING"][0].upper() if "ENCODING" in params else ""
            if name not in _KEPT:
                if name not in _SILENT and not name.startswith("X-"):
                    self.not_kept[name] = None
                continue
            if encoding in ("QUOTED-PRINTABLE", "B", "BASE64"):
                value = self._decoded(name, value, encoding, params.get("CHARSET"))
            self.found.setdefault(name, []).append((group, params, value))

    def _decoded(self, name: str, value: str, encoding: str, charset: list[str] | None) -> str:
        try:
            if encoding == "QUOTED-PRINTABLE":
                data = binascii.a2b_qp(value.encode("utf-8"))
            else:
                data = binascii.a2b_base64(value.encode("ascii", errors="replace"))
        except (binascii.Error, ValueError):
            self.problems.append(f"{name}: the {encoding} text is damaged; read as written")
            return value
        wanted = charset[0].strip() if charset else "utf-8"
        try:
            return data.decode(wanted)
        except LookupError:
            self.problems.append(f"{name}: unknown CHARSET {wanted[:20]!r}; read as UTF-8")
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")

    # -- the entry ----------------------------------------------------------------------------------

    def _first(self, name: str) -> str | None:
        values = self.found.get(name)
        return values[0][2] if values else None

    def _text(self, what: str, name: str) -> str | None:
        raw = self._first(name)
        if raw is None:
            return None
        return self._line(what, _unescape(raw)) or None

    def _contact(self) -> tuple[Contact | None, str | None]:
        n = [self._line("name", part) for part in _components(self._first("N") or "", ";")]
        n += [""] * (5 - len(n))
        organization = ", ".join(
            part
            for part in (self._line("organization", p) for p in _components(self._first("ORG") or "", ";"))
            if part
        )
        name = self._text("name", "FN") or " ".join(p for p in (n[3], n[1], n[2], n[0], n[4]) if p)
        only_organization = not name and bool(organization)
        name = name or organization
        if not name:
            return None, "has no name (no FN, N or ORG)"
        title = self._text("title", "TITLE")
        role = self._text("role", "ROLE")
        kind, ours = self._kind(title, role, only_organization)
        if not title and role and role.casefold() not in _ROLE_KINDS:
            title = role  # a role that is not our kind is the nearest thing to a title
        family = n[0] if n[0] and n[0] != name_parts(name, None, kind)[0] else None
        return (
            Contact(
                id="",
                uid=self._text("UID", "UID") or self._uid_from_content(),
                name=name,
                kind=kind,
                title=title,
                organization=organization or None,
                family=family,
                areas=self._areas(ours),
                phones=self._phones(),
                emails=self._emails(),
                languages=self._languages(),
                note=self._note(),
                source=self._text("source", X_SOURCE),
                sourced=self._text("sourced", X_SOURCED),
                created=self._stamp(X_CREATED),
                updated=self._stamp("REV"),
            ),
            None,
        )

    def _uid_from_content(self) -> str:
        """A UID for a card that has none, the same every time the same card is read: importing a
        file twice then finds the entries it made instead of adding them again."""
        import uuid

        return str(uuid.uuid5(uuid.UUID(_UID_NAMESPACE), self.body.strip()))

    def _kind(self, title: str | None, role: str | None, only_organization: bool) -> tuple[str, bool]:
        """The entry's kind, and whether the card says it in our own property (it was written by us)."""
        stated = self._first(X_KIND)
        if stated is not None:
            kind = _unescape(stated).strip().lower()
            if kind in KINDS:
                return kind, True
            self.problems.append(f"{X_KIND} {stated.strip()[:40]!r} is not a kind we know; ignored")
        if (
            only_organization
            or (self._first("KIND") or "").strip().lower() in ("org", "group")
            or (self._first("X-ABSHOWAS") or "").strip().upper() == "COMPANY"
        ):
            return "press-office", False
        told = (_ROLE_KINDS.get(role.casefold()) if role else None) or infer_kind(title) or infer_kind(role)
        if told:
            return told, False
        if self.default_kind:
            return self.default_kind, False
        self.problems.append(NO_KIND)
        return DEFAULT_KIND, False

    def _areas(self, ours: bool) -> tuple[str, ...]:
        areas = [
            self._line("area", area)
            for _, _, value in self.found.get("CATEGORIES", ())
            for area in _components(value, ",")
        ]
        return unique(a for a in areas if a and (ours or a.casefold() not in _SYSTEM_GROUPS))

    def _phones(self) -> tuple[Phone, ...]:
        props = self.found.get("TEL")
        if not props:
            return ()
        from contacts_cli.phones import parse_phone

        labels = {group: value for group, _, value in self.found.get("X-ABLABEL", ()) if group}
        phones: dict[str, Phone] = {}
        for group, params, value in props:
            raw = self._line("number", _unescape(value))
            if not raw:
                continue
            if raw[:4].lower() == "tel:":
                raw = raw[4:]
            types = params.get("TYPE", ())
            if any(t.upper() == "FAX" for t in types):
                self.problems.append(f"left out the fax number {raw[:40]!r}")
                continue
            label = self._line("label", _unescape(labels[group])) if group in labels else ""
            if re.fullmatch(_APPLE_LABEL, label):
                label = ""
            # Android writes a custom label as a type of its own: TEL;X-Duty phone:...
            custom = [t[2:] for t in types if t[:2].upper() == "X-" and len(t) > 2]
            if not label and custom:
                label = self._line("label", custom[0])
            checked = self.numbers.get(raw)
            if checked is None:
                try:
                    checked = parse_phone(raw, self.region)
                except InvalidPhone as exc:
                    checked = str(exc)
                self.numbers[raw] = checked
            if isinstance(checked, str):
                self.problems.append(f"left out a number: {checked}")
                continue
            phone = replace(checked, label=label or None)
            phones.setdefault(phone.key, phone)
        return tuple(phones.values())

    def _emails(self) -> tuple[str, ...]:
        emails: dict[str, str] = {}
        for _, _, value in self.found.get("EMAIL", ()):
            raw = self._line("email", _unescape(value))
            if raw[:7].lower() == "mailto:":
                raw = raw[7:]
            if not raw:
                continue
            try:
                email = check_email(raw)
            except InvalidInput as exc:
                self.problems.append(f"left out an email: {exc}")
                continue
            emails.setdefault(email.casefold(), email)
        return tuple(emails.values())

    def _languages(self) -> tuple[str, ...]:
        by_preference = sorted(self.found.get("LANG", ()), key=_preference)
        codes = [_unescape(value) for _, _, value in by_preference]
        codes += [c for _, _, value in self.found.get(X_LANGUAGE, ()) for c in _components(value, ",")]
        languages = []
        for code in codes:
            tag = self._line("language", code)
            if not tag:
                continue
            try:
                languages.append(check_language(re.split(r"[-_]", tag)[0]))
            except InvalidInput:
                self.problems.append(f"left out the language {tag[:20]!r}: not an ISO 639-1 code")
        return unique(languages)

    def _note(self) -> str | None:
        notes = []
        for _, _, value in self.found.get("NOTE", ()):
            raw = _unescape(value)
            text = note_text(raw)
            if text != raw:
                self._report("note", raw, multiline=True)
            notes.append(text.strip())
        return "\n\n".join(n for n in notes if n) or None

    def _stamp(self, name: str) -> str:
        raw = self._first(name)
        if raw is None or not raw.strip():
            return ""
        stamp = _timestamp(_unescape(raw))
        if stamp is None:
            self.problems.append(f"{name} {raw.strip()[:40]!r} is not a date and time; ignored")
            return ""
        return stamp

    def _line(self, what: str, value: str) -> str:
        """A one-line value made safe; a change other than trimming spaces is reported."""
        if value.isprintable():
            return value.strip()
        cleaned = line_text(value)
        if cleaned != value.replace("\t", " "):
            self._report(what, value, multiline=False)
        return cleaned.strip()

    def _report(self, what: str, value: str, *, multiline: bool) -> None:
        # In a note every kind of line break simply becomes a newline: not worth a word.
        removed = sorted(set(re.findall(CONTROL_CHARS, re.sub(BREAKS, " ", value))) - {"\t"})
        if not multiline and re.search(BREAKS, value):
            self.problems.append(f"{what}: line breaks replaced by spaces")
        if removed:
            shown = ", ".join(f"U+{ord(c):04X}" for c in removed[:5]) + (", ..." if len(removed) > 5 else "")
            self.problems.append(f"{what}: removed control characters ({shown})")


def _join_soft_breaks(body: str) -> str:
    """Quoted-printable values with their soft line breaks (a line ending in `=`) joined up.

    Done before unfolding: the line after a soft break may start with a space that is part of the text.
    """
    lines = body.split("\n")
    joined = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.endswith("=") and "QUOTED-PRINTABLE" in line.partition(":")[0].upper():
            while line.endswith("=") and index < len(lines):
                line = line[:-1] + lines[index]
                index += 1
        joined.append(line)
    return "\n".join(joined)


def _params(rest: str) -> dict[str, list[str]]:
    """Parameters by upper-case name. 2.1's bare ones (`CELL`, `QUOTED-PRINTABLE`) become TYPE or ENCODING."""
    params: dict[str, list[str]] = {}
    parts = rest.split(";") if '"' not in rest else _split_outside_quotes(rest, ";")
    for part in parts:
        key, equals, value = part.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not equals:
            params.setdefault("ENCODING" if key in _ENCODINGS else "TYPE", []).append(part.strip())
        elif key == "TYPE":
            # TYPE=work,voice and TYPE="work,voice" both list two types.
            params.setdefault(key, []).extend(t.strip() for t in value.replace('"', "").split(","))
        else:
            params.setdefault(key, []).append(value.strip().strip('"'))
    return params


def _colon_outside_quotes(line: str) -> int:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return re.sub(_ESCAPED, _unescaped, value, flags=re.DOTALL)


def _unescaped(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char in "nN" else char


def _components(value: str, separator: str) -> list[str]:
    """A structured (`;`) or list (`,`) value split on unescaped separators, each part unescaped."""
    if "\\" not in value:
        return value.split(separator)
    parts: list[str] = []
    current: list[str] = []
    for piece in re.split(r"(\\.|" + re.escape(separator) + ")", value, flags=re.DOTALL):
        if piece == separator:
            parts.append("".join(current))
            current = []
        elif len(piece) == 2 and piece[0] == "\\":
            current.append("\n" if piece[1] in "nN" else piece[1])
        else:
            current.append(piece)
    parts.append("".join(current))
    return parts


def _preference(prop: Prop) -> int:
    pref = prop[1].get("PREF", ["100"])[0]
    return int(pref) if pref.isdigit() else 100


def _timestamp(value: str) -> str | None:
    """A date and time as the store writes them (UTC, 2026-11-28T03:30:00Z), or None."""
    found = re.fullmatch(_STAMP, value.strip(), flags=re.IGNORECASE)
    if not found:
        return None
    from datetime import UTC, datetime, timedelta

    year, month, day, hour, minute, second, zone = found.groups()
    try:
        moment = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tzinfo=UTC
        )
    except ValueError:
        return None
    if zone and zone.upper() != "Z":
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:]) if len(zone) > 3 else 0)
        moment = moment - offset if zone[0] == "+" else moment + offset
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
