"""The press contacts of a release: find its contact block, read it into people, desks and numbers.

Pure: text in, entries (without ids) and notes out. How it reads a release:

1. Where: after a heading such as "Press contacts:" or "For more information" (to the next "Notes to
   editors" or prose), and the runs of short lines that carry a number or an address after the body,
   as at the foot of an EEAS release. Numbers and names in the body's prose are never read.
2. What: each line is cut at numbers, addresses and separators (`;` `|` `•` a spaced dash, `,` `(`) into
   pieces, each a name, a title, an organisation, a desk, a hotline, languages, or a number with the
   label before it ("Tel.", "M:", "Fax").
3. Who: a name opens a person; titles, numbers, addresses and languages after it are theirs. A title
   printed before a name waits for it. Numbers of a desk ("Press office: ...") or with nobody to go to
   make a press-office entry. Fax numbers and hotlines go to nobody, and the notes say so.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Final

from contacts_cli import release_words as words
from contacts_cli.errors import InvalidInput
from contacts_cli.model import Contact, Phone, check_email, infer_kind, unique

# How far a contact block runs after its heading, at most.
BLOCK_LINES: Final = 60
# How much of a line a heading's inline block reads ("For more information: Name - Tel.: ...").
INLINE_CHARS: Final = 1200

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)", re.UNICODE)
_SEPARATORS = re.compile(
    r"\s*(?:[;|•·▪►■●/]|\s[–—-]\s|,|\(|\)|\[|\]|:\s|:(?=[A-ZÀ-Þ])|\s(?:or|oder|ou)\s)\s*"
)
_GENERIC_MAILBOX = re.compile(
    r"^(?:press|media|presse|pressestelle|pressoffice|press\.office|newsroom|news|info|comms|"
    r"communications?|communication|prensa|stampa|pers|medien|mediarelations|media\.relations|"
    r"contact|kontakt|office|secretariat|spokesperson|sprecher|porte-parole|portavoz|rp|pr)\b",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:by|written by|author|reporting by|editing by|edited by|compiled by|photos? by|photo credit|"
    r"credit|posted by|published by|redakteur|verfasst von|auteur|par|text|foto|photo)\b\s*[:,]?",
    re.IGNORECASE,
)


def _words(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


def _has(pattern: str, text: str) -> bool:
    return re.search(_words(pattern), text, re.IGNORECASE) is not None


@dataclass(slots=True)
class _Entry:
    name: str
    kind: str | None = None
    title: str | None = None
    organization: str | None = None
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    def reachable(self) -> bool:
        return bool(self.phones or self.emails)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The entries found (ids empty: nothing is stored yet) and notes on what was left out, and why."""

    contacts: tuple[Contact, ...]
    notes: tuple[str, ...] = ()
    region: str | None = None


@dataclass(frozen=True, slots=True)
class _Piece:
    kind: str  # name, title, org, desk, hotline, langs, marker, signature, phone, email, other, break
    text: str = ""
    phone: Phone | None = None
    label: str | None = None  # fax, mobile, phone, or None
    line: int = 0


def extract(text: str, region: str | None = None, *, source: str | None = None, when: str = "") -> Extraction:
    """The press contacts of a release's text. `region` reads numbers without a country code."""
    lines = text.split("\n")
    spans = contact_spans(lines)
    notes: list[str] = []
    guessed = None
    if region is None:
        guessed = _guess_region(lines, spans)
    pieces = _pieces(lines, spans, region or guessed)
    entries, more = _assemble(pieces)
    notes.extend(more)
    notes.extend(_unread(lines, spans, region or guessed))
    if guessed and _count(lines, spans, guessed) > _count(lines, spans, None):
        notes.insert(0, f"numbers without a country code were read as {guessed}; pass --region to choose")
    contacts = tuple(_contact(e, source, when) for e in entries)
    return Extraction(contacts, tuple(unique(notes)), region or guessed)


# --- 1. Where the contacts are ---------------------------------------------------------------------

_MARKER_START = re.compile(
    rf"^[\W_]*(?:{words.MARKERS})(?![\w-])\s*(?:\([^)]*\))?\s*[:：\-–—]?\s*", re.IGNORECASE
)
# Inside a sentence only unmistakable headings count ("... For more information, contact Jane Doe").
_MARKER_INLINE = re.compile(
    r"(?<![\w-])(?:press contacts?|media contacts?|for (?:further|more) information|media enquiries|"
    r"press enquiries|media inquiries|press inquiries|pressekontakt|contacts? presse|contactos? de prensa|"
    r"contatti stampa|perscontact|f[üu]r r[üu]ckfragen|pour plus d'informations|para m[áa]s informaci[óo]n|"
    r"for media (?:queries|enquiries|inquiries)|media queries|para mais informa[çc][õo]es)"
    r"(?![\w-])(?:[^:\n]{0,40}?"
    r"(?:please contact|contact|kontaktieren sie|contacter|contactez|contacte)(?![\w-])\s*[:,]?\s*"
    r"|\s*[:,]?\s*)",
    re.IGNORECASE,
)
_STOP = re.compile(rf"^[\W_]*(?:{words.STOPS})", re.IGNORECASE)


def contact_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) pairs to read, in order: the contact blocks of the text."""
    chosen: dict[int, int] = {}
    for index, line in enumerate(lines):
        start = _marker_at(line)
        if start is None:
            continue
        chosen[index] = min(start, chosen.get(index, start))
        for follow in range(index + 1, min(len(lines), index + BLOCK_LINES)):
            after = lines[follow]
            if _STOP.match(after) or (_prose(after) and _marker_at(after) is None):
                break
            chosen.setdefault(follow, 0)
    # Runs of short lines with a number or an address, after the first paragraph of prose.
    first_prose = next((i for i, line in enumerate(lines) if _prose(line)), -1)
    run: list[int] = []
    stopped = False
    for index in range(first_prose + 1, len(lines) + 1):
        ahead = lines[index] if index < len(lines) else None
        if ahead is not None and _STOP.match(ahead):
            stopped = True
        elif ahead is not None and stopped and _marker_at(ahead) is not None:
            stopped = False
        if ahead is not None and not _prose(ahead) and not stopped:
            run.append(index)
            continue
        reachable = any(_EMAIL.search(lines[i]) or re.search(r"\d[\d ()./-]{5,}\d", lines[i]) for i in run)
        headed = [i for i in run if _marker_at(lines[i]) is not None]
        if headed:
            run = run[run.index(headed[0]) :]
        if reachable and any(_names_someone(lines[i]) for i in run):
            for i in run:
                chosen.setdefault(i, 0)
        run = []
    return sorted(chosen.items())


def _names_someone(line: str) -> bool:
    """Whether a line names a person or a desk, so that a run of short lines is a contact block."""
    if _has(words.DESK, line):
        return True
    text = _EMAIL.sub(" ; ", line)
    for part in _SEPARATORS.split(re.sub(r"[+(]?\d[\d ()./-]*\d", " ; ", text)):
        part = part.strip(" .,:;-–—*_\"'“”«»")
        if part and (_clean_name(part) or _name_prefix(part)):
            return True
    return False


def _marker_at(line: str) -> int | None:
    """The column after a contact heading in `line`, or None."""
    found = _MARKER_START.match(line)
    inline = _MARKER_INLINE.search(line)
    if found and inline and inline.start() <= found.end() < inline.end():
        return inline.end()
    if found and (
        found.end() == len(line)
        or line[found.end() - 1 : found.end()].strip() in (":", "：")
        or re.search(r"[:：\-–—]\s*$", found.group())
        or not _has("contacts?|kontakte?|contact", found.group())
    ):
        return found.end()
    return inline.end() if inline else None


_QUOTED = re.compile(
    r"^[\"“”„«»']|(?<![\w-])"
    r"(?:said|says|added|explained|sagte|erklärte|a déclaré|a dit|ha dichiarato|dijo|zei)(?![\w-])"
)


def _prose(line: str) -> bool:
    tokens = [t for t in _EMAIL.sub(" ", line).split() if re.search(r"[^\W\d_]{2}", t)]
    count = len(tokens)
    if count >= 18 or len(line) > 240 or (count >= 4 and _QUOTED.search(line)):
        return True
    lower = sum(1 for t in tokens if t[:1].islower() and t.isalpha() and t not in words.PARTICLES)
    if lower >= 7:
        return True
    if _EMAIL.search(line) or re.search(r"\+?\d[\d ()./-]{6,}\d", line):
        return False
    return count >= 8 and line.rstrip().endswith((".", "!", "?", '"', "”", "»"))


# --- 2. Pieces ---------------------------------------------------------------------------------------

_LABEL_BEFORE = re.compile(
    rf"(?<![\w-])(?P<label>{words.FAX_LABELS}|{words.MOBILE_LABELS}|{words.PHONE_LABELS}|e-?mail)\.?"
    r"(?:\s*/\s*(?:fax|tel|mobile|m|t|f)\.?)*\s*(?:\((?:\w+\.?)\))?\s*[:.\-–]?\s*$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(
    rf"^\s*[\(\[]\s*(?P<label>{words.FAX_LABELS}|{words.MOBILE_LABELS}|{words.PHONE_LABELS})\.?\s*[\)\]]",
    re.IGNORECASE,
)


def _label_kind(label: str) -> str:
    lower = label.lower().rstrip(".")
    if re.fullmatch(words.FAX_LABELS, lower):
        return "fax"
    if re.fullmatch(words.MOBILE_LABELS, lower):
        return "mobile"
    return "phone"


def _pieces(lines: list[str], spans: list[tuple[int, int]], region: str | None) -> list[_Piece]:
    from contacts_cli.phones import find_numbers

    pieces: list[_Piece] = []
    previous = -2
    for index, column in spans:
        if index != previous + 1 and pieces:
            pieces.append(_Piece("break", line=index))
        previous = index
        line = lines[index][column : column + INLINE_CHARS]
        if not line.strip():
            continue
        if column == 0 and _STOP.match(line):
            continue
        pieces.append(_Piece("newline", line=index))
        heading = _MARKER_START.match(line) if column == 0 else None
        if heading and _has(words.DESK, heading.group()):
            heading = None  # "Media relations: +1 ..." names the desk the number belongs to
        if heading and heading.end() < len(line) and _marker_at(line) == heading.end():
            column = heading.end()
            line = line[column:]
        if column and _marker_at(lines[index]) == column:
            pieces.append(_Piece("marker", lines[index][:column].strip(), line=index))
        found: list[tuple[int, int, str, Phone | None]] = [
            (s, e, "phone", p) for s, e, p in find_numbers(line, region)
        ]
        found += [(m.start(), m.end(), "email", None) for m in _EMAIL.finditer(line)]
        found = sorted(f for f in found if not any(f[0] >= o[0] and f[1] <= o[1] and f != o for o in found))
        at = 0
        label: str | None = None
        line_kind = _line_kind(line)
        for start, end, what, phone in found:
            gap = line[at:start]
            if at and what == "phone":
                after = _LABEL_AFTER.match(gap)
                if after and pieces and pieces[-1].kind == "phone":
                    pieces[-1] = replace(pieces[-1], label=_label_kind(after.group("label")))
                    gap = gap[after.end() :]
            before = _LABEL_BEFORE.search(gap)
            if before:
                label = (
                    _label_kind(before.group("label"))
                    if not before.group("label").lower().startswith(("e-mail", "email"))
                    else label
                )
                gap = gap[: before.start()]
            elif gap.strip(" ,;/|") or what == "email":
                label = None if gap.strip(" ,;/|") else label
            pieces.extend(_text_pieces(gap, index, line_kind))
            if what == "phone" and phone is not None:
                pieces.append(_Piece("phone", line[start:end], phone, label, index))
            else:
                pieces.append(_Piece("email", line[start:end].rstrip(".,;"), line=index))
            at = end
        rest = line[at:]
        after = _LABEL_AFTER.match(rest)
        if after and pieces and pieces[-1].kind == "phone":
            pieces[-1] = replace(pieces[-1], label=_label_kind(after.group("label")))
            rest = rest[after.end() :]
        pieces.extend(_text_pieces(rest, index, line_kind))
    return pieces


def _line_kind(line: str) -> str | None:
    """What a whole line is about when it names a hotline, a desk or a signature."""
    if _SIGNATURE.match(line):
        return "signature"
    if _has(words.HOTLINE, line):
        return "hotline"
    return None


def _text_pieces(text: str, line: int, line_kind: str | None) -> list[_Piece]:
    out: list[_Piece] = []
    if line_kind == "signature" and text.strip():
        return [_Piece("signature", text.strip(), line=line)]
    for part in _SEPARATORS.split(text):
        part = part.strip(" .,:;-–—*_\"'“”«»")
        part = re.sub(r"^(?:or|and|oder|und|ou|et|o|y|of|en)\s+", "", part)
        if not part or not re.search(r"[^\W\d_]", part):
            continue
        out.extend(_classify(part, line, line_kind))
    return out


_TRAILING_LABEL = re.compile(rf"\s+(?:{words.PHONE_LABELS}|{words.MOBILE_LABELS}|e-?mail)\.?$", re.IGNORECASE)


def _classify(part: str, line: int, line_kind: str | None) -> list[_Piece]:
    if line_kind == "hotline" or _has(words.HOTLINE, part):
        return [_Piece("hotline", part, line=line)]
    if _has(words.DESK, part) and not _name_prefix(part):
        return [_Piece("desk", part, line=line)]
    if _MARKER_START.fullmatch(part) or _MARKER_START.fullmatch(part + ":"):
        return [_Piece("marker", part, line=line)]
    if re.fullmatch(words.AUDIENCES, part, re.IGNORECASE):
        return [_Piece("other", part, line=line)]
    languages = _languages(part)
    if languages:
        return [_Piece("langs", " ".join(languages), line=line)]
    name = _clean_name(part)
    if name:
        return [_Piece("name", name, line=line)]
    if part[:1].islower():
        # A lower-case title before the name, as Nordic, Dutch or French releases print it.
        suffix = _name_suffix(part)
        if suffix:
            return [_Piece("title", suffix[1], line=line), _Piece("name", suffix[0], line=line)]
    if _is_title(part):
        prefix = _name_prefix(part)
        if prefix:
            name_text, title_text = prefix
            return [_Piece("name", name_text, line=line), _Piece("title", title_text, line=line)]
        return [_Piece("title", part, line=line)]
    if _is_org(part):
        return [_Piece("org", part, line=line)]
    return [_Piece("other", part, line=line)]


_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|[A-Z]\.(?:-?[A-Z]\.)*|(?:d|l|O|D)['’][A-ZÀ-Þ][\w'’-]*)$"
)
_HONORIFIC = re.compile(rf"^(?:(?:{words.HONORIFICS})\.?\s+)+", re.IGNORECASE)


def _clean_name(text: str) -> str | None:
    """`text` as a person's name without honorific or rank, or None when it is not a name."""
    text = _HONORIFIC.sub("", text.strip())
    text = _TRAILING_LABEL.sub("", text).strip(" ,:")
    tokens = text.split()
    if not 2 <= len(tokens) <= 6 or re.search(r"[\d@/&+]", text):
        return None
    proper = 0
    for token in tokens:
        if token.lower() in words.PARTICLES and token != tokens[0]:
            continue
        if not _NAME_WORD.match(token) or token.endswith("-"):
            return None
        proper += 1
    if proper < 2 or _is_title(text) or _is_org(text) or _has(words.DESK + "|" + words.MARKERS, text):
        return None
    if _has(r"the|of|for|in|on|at|to|with|from|our|your|new|all|more|read|see|page|language", text):
        return None
    return text


def _name_prefix(text: str) -> tuple[str, str] | None:
    """A name glued before its title ("Peter Stano Lead Spokesperson ..."): (name, title), or None."""
    found = re.search(_words(words.TITLE_WORDS), text, re.IGNORECASE)
    if not found or found.start() == 0:
        return None
    name = _clean_name(text[: found.start()].strip(" ,–—-:"))
    return (name, text[found.start() :].strip()) if name else None


def _name_suffix(text: str) -> tuple[str, str] | None:
    """A name after a lower-case title ("viestintäpäällikkö Mikko Virtanen"): (name, title), or None."""
    tokens = text.split()
    for size in range(min(5, len(tokens) - 1), 1, -1):
        name = _clean_name(" ".join(tokens[-size:]))
        if name and tokens[-size][:1].isupper():
            return name, " ".join(tokens[:-size])
    return None


def _is_title(text: str) -> bool:
    return _has(words.TITLE_WORDS, text) or infer_kind(text) is not None


def _is_org(text: str) -> bool:
    return _has(words.ORG_WORDS, text) or re.search(_words(words.ORG_SUFFIXES), text) is not None


def _languages(text: str) -> list[str]:
    """Language codes when `text` is nothing but languages ("EN, FR", "speaks German and French")."""
    from contacts_cli.model import LANGUAGES

    body = re.sub(
        r"^(?:languages?|langues?|sprachen|idiomas?|lingue|speaks?|spricht|parle)\s*:?\s*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    tokens = [t for t in re.split(r"[\s,/]+|\band\b|\bund\b|\bet\b", body) if t]
    if not tokens:
        return []
    codes = []
    for token in tokens:
        if re.fullmatch(r"[A-Z]{2}", token) and token.lower() in LANGUAGES and token != "EU":
            codes.append(token.lower())
        elif token.lower() in words.LANGUAGE_NAMES and (
            body != text or len(tokens) > 1 or token[0].isupper()
        ):
            codes.append(words.LANGUAGE_NAMES[token.lower()])
        else:
            return []
    return codes


# --- 3. People and desks ------------------------------------------------------------------------------

_CONNECTOR_END = re.compile(
    r"(?<![\w-])(?:and|for|of|the|to|on|in|&|de|des|du|la|le|et|für|und|der|y|e|di|del)$"
)
DEFAULT_DESK: Final = "Press office"


class _Assembler:
    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.desks: dict[str, _Entry] = {}
        self.notes: list[str] = []
        self.current: _Entry | None = None
        self.current_line = -1
        self.title_line = -1
        self.pending: str | None = None
        self.org: str | None = None
        self.line_desk: _Entry | None = None
        # A desk named on a line of its own ("Pressestelle") takes the numbers of the lines after it.
        self.block_desk: _Entry | None = None
        self.line_start = False
        self.line_hotline = False
        self.ignoring = False
        self.last = ""

    def run(self, pieces: list[_Piece]) -> tuple[list[_Entry], list[str]]:
        for index, piece in enumerate(pieces):
            ahead = next((p for p in pieces[index + 1 :] if p.kind != "newline"), None)
            getattr(self, "_" + piece.kind)(piece, ahead)
            self.line_start = piece.kind == "newline"
            if piece.kind != "newline":
                self.last = piece.kind
        people: dict[str, _Entry] = {}
        kept: list[_Entry] = []
        for entry in self.entries:
            if not entry.reachable():
                continue
            same = people.get(entry.name.casefold()) if entry.kind is None else None
            if same is not None:
                _absorb(same, entry)
                continue
            if entry.kind is None:
                people[entry.name.casefold()] = entry
            kept.append(entry)
        return kept, self.notes

    def _break(self, piece: _Piece, ahead: _Piece | None) -> None:
        self.current, self.pending, self.ignoring, self.block_desk = None, None, False, None

    def _newline(self, piece: _Piece, ahead: _Piece | None) -> None:
        self.line_desk, self.line_hotline = None, False

    def _marker(self, piece: _Piece, ahead: _Piece | None) -> None:
        self.current, self.pending, self.ignoring, self.block_desk = None, None, False, None

    def _signature(self, piece: _Piece, ahead: _Piece | None) -> None:
        self.current, self.pending, self.ignoring = None, None, True

    def _hotline(self, piece: _Piece, ahead: _Piece | None) -> None:
        self.line_hotline = True

    def _desk(self, piece: _Piece, ahead: _Piece | None) -> None:
        self.ignoring = False
        self.current = None
        self.line_desk = self._desk_entry(piece.text)
        alone = self.line_start and (ahead is None or ahead.line != piece.line)
        self.block_desk = self.line_desk if alone else None

    def _desk_entry(self, text: str) -> _Entry:
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
        key = f"{name.casefold()}|{(self.org or '').casefold()}"
        desk = self.desks.get(key)
        if desk is None:
            desk = self.desks[key] = _Entry(name, kind="press-office", organization=self.org)
            self.entries.append(desk)
        return desk

    def _org(self, piece: _Piece, ahead: _Piece | None) -> None:
        if self.current is not None and not self.current.reachable() and piece.line == self.current_line:
            self.current.organization = self.current.organization or piece.text
            return
        if self.current is not None and not self.current.reachable() and self.current.organization is None:
            self.current.organization = piece.text
            return
        self.org = piece.text
        self.current = None

    def _langs(self, piece: _Piece, ahead: _Piece | None) -> None:
        if self.current is not None:
            self.current.languages.extend(piece.text.split())

    def _name(self, piece: _Piece, ahead: _Piece | None) -> None:
        if self.ignoring:
            return
        entry = _Entry(piece.text, organization=self.org, title=self.pending)
        self.pending, self.block_desk = None, None
        self.entries.append(entry)
        self.current, self.current_line, self.line_desk = entry, piece.line, None
        self.title_line = piece.line if entry.title else -1

    def _title(self, piece: _Piece, ahead: _Piece | None) -> None:
        if self.ignoring:
            return
        current = self.current
        if current is None:
            same_line = self.pending is not None and self.last == "title"
            self.pending = f"{self.pending}, {piece.text}" if same_line else piece.text
            return
        if current.title is not None and not current.reachable() and _is_org(piece.text):
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

    def _other(self, piece: _Piece, ahead: _Piece | None) -> None:
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

    def _phone(self, piece: _Piece, ahead: _Piece | None) -> None:
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

    def _email(self, piece: _Piece, ahead: _Piece | None) -> None:
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


def _owner_by_address(local: str, entries: list[_Entry]) -> _Entry | None:
    """The person whose name the address spells (peter.stano@ is Peter Stano's)."""
    letters = re.sub(r"[^a-z]", "", _ascii(local))
    if len(letters) < 4:
        return None
    for entry in reversed(entries):
        if entry.kind is not None:
            continue
        parts = [re.sub(r"[^a-z]", "", _ascii(w)) for w in entry.name.split()]
        family = parts[-1]
        if (
            len(family) >= 3
            and family in letters
            and (parts[0] in letters or letters.startswith(parts[0][:1]))
        ):
            return entry
    return None


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _absorb(into: _Entry, other: _Entry) -> None:
    into.title = into.title or other.title
    into.organization = into.organization or other.organization
    into.phones.extend(p for p in other.phones if all(p.key != q.key for q in into.phones))
    into.emails.extend(e for e in other.emails if e not in into.emails)
    into.languages.extend(other.languages)


def _assemble(pieces: list[_Piece]) -> tuple[list[_Entry], list[str]]:
    return _Assembler().run(pieces)


def _contact(entry: _Entry, source: str | None, when: str) -> Contact:
    kind = entry.kind or infer_kind(entry.title) or "press-officer"
    return Contact(
        id="",
        uid="",
        name=entry.name,
        kind=kind,
        title=entry.title,
        organization=entry.organization,
        phones=tuple(entry.phones),
        emails=unique(entry.emails),
        languages=unique(entry.languages),
        source=source,
        sourced=when or None,
    )


# --- Regions and numbers that could not be read --------------------------------------------------------


def _guess_region(lines: list[str], spans: list[tuple[int, int]]) -> str | None:
    """The country of the block's international numbers, else of its addresses' domains."""
    from contacts_cli.phones import find_numbers, is_region, region_of

    votes: dict[str, int] = {}
    for index, column in spans:
        line = lines[index][column : column + INLINE_CHARS]
        for _, _, phone in find_numbers(line, None):
            region = region_of(phone.e164)
            if region:
                votes[region] = votes.get(region, 0) + 1
        if not votes:
            for match in _EMAIL.finditer(line):
                tld = match.group().rsplit(".", 1)[-1].upper()
                tld = {"UK": "GB"}.get(tld, tld)
                if len(tld) == 2 and is_region(tld):
                    votes[tld] = votes.get(tld, 0) + 1
    return max(votes, key=lambda r: votes[r]) if votes else None


def _count(lines: list[str], spans: list[tuple[int, int]], region: str | None) -> int:
    from contacts_cli.phones import find_numbers

    return sum(len(find_numbers(lines[i][c : c + INLINE_CHARS], region)) for i, c in spans)


_DIGITS = re.compile(r"(?<![\w+])\+?\(?\d[\d ()./-]{5,}\d(?![\w])")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _unread(lines: list[str], spans: list[tuple[int, int]], region: str | None) -> list[str]:
    """Digit runs in the block that look like numbers but were not read as any: said, never hidden."""
    from contacts_cli.phones import find_numbers

    notes = []
    for index, column in spans:
        line = lines[index][column : column + INLINE_CHARS]
        masked = list(line)
        for start, end, _ in find_numbers(line, region):
            masked[start:end] = " " * (end - start)
        for match in _DIGITS.finditer("".join(masked)):
            text = match.group().strip()
            if sum(c.isdigit() for c in text) >= 7 and not _DATE.match(text):
                hint = "" if region else "; pass --region if it has no country code"
                notes.append(f"could not read {text!r} as a phone number{hint}")
    return notes
