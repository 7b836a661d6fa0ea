"""Pieces of a contact block to people and desks: who each title, number and address belongs to.

Pure. A name opens a person; titles, numbers, addresses and languages after it are theirs. A title
printed before a name waits for it. Numbers of a desk ("Press office: ...") or with nobody to go to
make a press-office entry. Fax numbers, hotlines and what follows an author's credit go to nobody,
and the notes say so.
"""

import re
from dataclasses import dataclass, field
from typing import Final

from contacts_cli.errors import InvalidInput
from contacts_cli.model import Contact, Phone, check_email, infer_kind, unique
from contacts_cli.releases import words
from contacts_cli.releases.lines import Piece, is_org
from contacts_cli.rows import fold

_GENERIC_MAILBOX = re.compile(
    r"^(?:press|media|presse|pressestelle|pressoffice|press\.office|newsroom|news|info|comms|"
    r"communications?|communication|prensa|stampa|pers|medien|mediarelations|media\.relations|"
    r"contact|kontakt|office|secretariat|spokesperson|sprecher|porte-parole|portavoz|rp|pr)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Entry:
    name: str
    kind: str | None = None
    title: str | None = None
    organization: str | None = None
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    def reachable(self) -> bool:
        return bool(self.phones or self.emails)


# --- People and desks ------------------------------------------------------------------------------

_CONNECTOR_END = re.compile(
    r"(?<![\w-])(?:and|for|of|the|to|on|in|&|de|des|du|la|le|et|für|und|der|y|e|di|del)$"
)
DEFAULT_DESK: Final = "Press office"


class _Assembler:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.desks: dict[str, Entry] = {}
        self.notes: list[str] = []
        self.current: Entry | None = None
        self.current_line = -1
        self.title_line = -1
        self.pending: str | None = None
        self.org: str | None = None
        self.line_desk: Entry | None = None
        # A desk named on a line of its own ("Pressestelle") takes the numbers of the lines after it.
        self.block_desk: Entry | None = None
        self.line_start = False
        self.line_hotline = False
        self.ignoring = False
        self.last = ""

    def run(self, pieces: list[Piece]) -> tuple[list[Entry], list[str]]:
        for index, piece in enumerate(pieces):
            ahead = next((p for p in pieces[index + 1 :] if p.kind != "newline"), None)
            getattr(self, "_" + piece.kind)(piece, ahead)
            self.line_start = piece.kind == "newline"
            if piece.kind != "newline":
                self.last = piece.kind
        people: dict[str, Entry] = {}
        kept: list[Entry] = []
        for entry in self.entries:
            if not entry.reachable():
                continue
            same = people.get(fold(entry.name)) if entry.kind is None else None
            if same is not None:
                _absorb(same, entry)
                continue
            if entry.kind is None:
                people[fold(entry.name)] = entry
            kept.append(entry)
        return kept, self.notes

    def _break(self, piece: Piece, ahead: Piece | None) -> None:
        self.current, self.pending, self.ignoring, self.block_desk = None, None, False, None

    def _newline(self, piece: Piece, ahead: Piece | None) -> None:
        self.line_desk, self.line_hotline = None, False

    def _marker(self, piece: Piece, ahead: Piece | None) -> None:
        self.current, self.pending, self.ignoring, self.block_desk = None, None, False, None

    def _signature(self, piece: Piece, ahead: Piece | None) -> None:
        self.current, self.pending, self.ignoring = None, None, True

    def _hotline(self, piece: Piece, ahead: Piece | None) -> None:
        self.line_hotline = True

    def _desk(self, piece: Piece, ahead: Piece | None) -> None:
        self.ignoring = False
        self.current = None
        self.line_desk = self._desk_entry(piece.text)
        alone = self.line_start and (ahead is None or ahead.line != piece.line)
        self.block_desk = self.line_desk if alone else None

    def _desk_entry(self, text: str) -> Entry:
        name = re.sub(r"\s*:$", "", text).strip()
        # "Write to the press office", "Call our newsroom": the desk, not the invitation.
        name = re.sub(
            r"^(?:(?:please )?(?:write|call|contact|e-?mail|phone|ring|reach|to|the|our|your)\s+)+",
            "",
            name,
            flags=re.IGNORECASE,
        )
        name = re.sub(r"\s+(?:on|at|by|via|under)$", "", name, flags=re.IGNORECASE)
        name = name[:1].upper() + name[1:]
        key = f"{fold(name)}|{fold(self.org or '')}"
        desk = self.desks.get(key)
        if desk is None:
            desk = self.desks[key] = Entry(name, kind="press-office", organization=self.org)
            self.entries.append(desk)
        return desk

    def _org(self, piece: Piece, ahead: Piece | None) -> None:
        if self.current is not None and not self.current.reachable() and piece.line == self.current_line:
            self.current.organization = self.current.organization or piece.text
            return
        if self.current is not None and not self.current.reachable() and self.current.organization is None:
            self.current.organization = piece.text
            return
        self.org = piece.text
        self.current = None

    def _langs(self, piece: Piece, ahead: Piece | None) -> None:
        if self.current is not None:
            self.current.languages.extend(piece.text.split())

    def _name(self, piece: Piece, ahead: Piece | None) -> None:
        if self.ignoring:
            return
        entry = Entry(piece.text, organization=self.org, title=self.pending)
        self.pending, self.block_desk = None, None
        self.entries.append(entry)
        self.current, self.current_line, self.line_desk = entry, piece.line, None
        self.title_line = piece.line if entry.title else -1

    def _title(self, piece: Piece, ahead: Piece | None) -> None:
        if self.ignoring:
            return
        current = self.current
        if current is None:
            same_line = self.pending is not None and self.last == "title"
            self.pending = f"{self.pending}, {piece.text}" if same_line else piece.text
            return
        if current.title is not None and not current.reachable() and is_org(piece.text):
            current.organization = current.organization or piece.text
        elif current.title is None and not (
            current.reachable() and ahead is not None and ahead.kind == "name"
        ):
            current.title, self.title_line = piece.text, piece.line
        elif current.title is not None and self.last == "title" and piece.line == self.title_line:
            current.title = f"{current.title}, {piece.text}"
        elif (
            current.title is not None
            and not current.reachable()
            and (
                piece.text[:1].islower()
                or _CONNECTOR_END.search(current.title)
                # A title wrapped by a PDF or a narrow column: a few words on the next line.
                or (piece.line == self.title_line + 1 and len(piece.text.split()) <= 4)
            )
        ):
            current.title, self.title_line = f"{current.title} {piece.text}", piece.line
        elif ahead is not None and ahead.kind == "name":
            self.pending = piece.text
        elif current.title is None:
            current.title, self.title_line = piece.text, piece.line

    def _other(self, piece: Piece, ahead: Piece | None) -> None:
        current = self.current
        if current is None or current.title is None or self.ignoring:
            return
        if self.last == "title" and piece.line == self.title_line:
            current.title = f"{current.title}, {piece.text}"
        elif not current.reachable() and (piece.text[:1].islower() or _CONNECTOR_END.search(current.title)):
            current.title, self.title_line = f"{current.title} {piece.text}", piece.line
        else:
            return
        self.last = "title"

    def _phone(self, piece: Piece, ahead: Piece | None) -> None:
        assert piece.phone is not None
        shown = piece.phone.display + (f" ext. {piece.phone.extension}" if piece.phone.extension else "")
        if piece.label == "fax":
            self.notes.append(f"left out fax number {shown}")
            return
        if self.line_hotline:
            self.notes.append(f"left out hotline number {shown}")
            return
        if self.ignoring:
            self.notes.append(f"left out {shown}: it follows an author's or photographer's credit")
            return
        target = self.line_desk or self.current or self.block_desk or self._desk_entry(DEFAULT_DESK)
        if all(p.key != piece.phone.key for p in target.phones):
            target.phones.append(piece.phone)

    def _email(self, piece: Piece, ahead: Piece | None) -> None:
        try:
            email = check_email(piece.text)
        except InvalidInput:  # a malformed address in a release is skipped, not fatal
            return
        if self.ignoring or self.line_hotline:
            self.notes.append(f"left out {email}: not a press contact's address")
            return
        local = email.split("@", 1)[0]
        target = self.line_desk or (self.block_desk if self.current is None else None)
        if target is None:
            target = _owner_by_address(local, self.entries)
        if target is None and self.current is not None:
            generic = _GENERIC_MAILBOX.match(local) is not None
            if not generic or piece.line == self.current_line:
                target = self.current
        if target is None:
            target = self._desk_entry(DEFAULT_DESK)
        if email.casefold() not in (e.casefold() for e in target.emails):
            target.emails.append(email)


def _owner_by_address(local: str, entries: list[Entry]) -> Entry | None:
    """The person whose name the address spells (peter.stano@ is Peter Stano's)."""
    letters = re.sub(r"[^a-z]", "", fold(local))
    if len(letters) < 4:
        return None
    for entry in reversed(entries):
        if entry.kind is not None:
            continue
        parts = [re.sub(r"[^a-z]", "", fold(w)) for w in entry.name.split()]
        family = parts[-1]
        if (
            len(family) >= 3
            and family in letters
            and (parts[0] in letters or letters.startswith(parts[0][:1]))
        ):
            return entry
    return None


def _absorb(into: Entry, other: Entry) -> None:
    into.title = into.title or other.title
    into.organization = into.organization or other.organization
    into.phones.extend(p for p in other.phones if all(p.key != q.key for q in into.phones))
    into.emails.extend(e for e in other.emails if e not in into.emails)
    into.languages.extend(other.languages)


def assemble(pieces: list[Piece]) -> tuple[list[Entry], list[str]]:
    return _Assembler().run(pieces)


def _capital_family(name: str) -> str | None:
    """The family name EU institutions print in capitals ("Florence DE LA FERTÉ"), when it is more
    than the last word; the last word is what N uses anyway."""
    tokens = name.split()
    family: list[str] = []
    for token in reversed(tokens[1:]):
        letters = [c for c in token if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters):
            break
        family.insert(0, token)
    return " ".join(family) if len(family) > 1 and len(family) < len(tokens) else None


def to_contact(entry: Entry, source: str | None, when: str) -> Contact:
    """The entry as a directory contact, without id yet."""
    inferred = infer_kind(entry.title)
    if inferred is None and entry.title and re.search(words.SPOKESPERSON_TITLES, entry.title, re.IGNORECASE):
        inferred = "spokesperson"
    # A person whose title names a desk ("Director of Media Relations") works there: a press officer.
    kind = entry.kind or (inferred if inferred != "press-office" else None) or "press-officer"
    return Contact(
        id="",
        uid="",
        name=entry.name,
        kind=kind,
        title=entry.title,
        organization=entry.organization,
        family=_capital_family(entry.name) if entry.kind is None else None,
        phones=tuple(entry.phones),
        emails=unique(entry.emails),
        languages=unique(entry.languages),
        source=source,
        sourced=when or None,
    )
