"""Finding entries: folding text, matching and ranking a query, resolving a REF to one entry.

Pure functions. Entries are searched as *rows*: one folded line of text per entry with its fields
separated by tabs (see ROW_FIELDS), built for many entries at once so that the expensive Unicode work
runs in C over one string instead of per field in Python. The store keeps these rows in an index beside
the file, so a search need not parse the whole store. User input is always plain text, never a pattern.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from contacts_cli.errors import Ambiguous, NotFound

# Letters that Unicode does not decompose into a base letter plus marks.
_TRANSLIT: Final = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ẞ": "ss",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ł": "l",
        "Ł": "l",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
    }
)
# Patterns are kept as text: `re` compiles and caches each on first use, off the start-up path.
_MARKS: Final = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# Anything that is not plain printable text becomes a space in a row: controls, separators, format
# characters and the row's own delimiters must never split or join fields.
_NOT_TEXT: Final = r"[^\S ]|[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
_PHONE_TERM: Final = r"\+?[\d\s().\-/]*\d[\d\s().\-/]*"
_NON_DIGITS: Final = r"\D"
_WORD_BREAK: Final = r"[^\w]+"

ROW_FIELDS: Final = (
    "name",
    "title",
    "areas",
    "organization",
    "emails",
    "note",
    "digits",
    "kind",
    "languages",
    "id",
)
NAME, TITLE, AREAS, ORGANIZATION, EMAILS, NOTE, DIGITS, KIND, LANGUAGES, ID = range(len(ROW_FIELDS))
FIELD_SEP: Final = "\t"
LIST_SEP: Final = "\x1f"

# Points a term earns by where it matched; an entry's score is the sum over its terms.
NAME_EXACT: Final = 100
NAME_WORD_START: Final = 80
NAME_INSIDE: Final = 60
PHONE: Final = 50
TITLE_SCORE: Final = 40
AREA_SCORE: Final = 35
ORGANIZATION_SCORE: Final = 30
EMAIL_SCORE: Final = 20
NOTE_SCORE: Final = 10
_TEXT_FIELDS: Final = (
    (TITLE, TITLE_SCORE),
    (AREAS, AREA_SCORE),
    (ORGANIZATION, ORGANIZATION_SCORE),
    (EMAILS, EMAIL_SCORE),
    (NOTE, NOTE_SCORE),
)


def fold(text: str) -> str:
    """Text as search compares it: no case, no accents (Müller -> muller, Ødegaard -> odegaard), NFC = NFD."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return re.sub(_MARKS, "", decomposed).casefold()


def _plain(text: str) -> str:
    return text if text.isprintable() else re.sub(_NOT_TEXT, " ", text)


def _row_text(record: Mapping[str, Any]) -> str:
    phones = record.get("phones") or ()
    return FIELD_SEP.join(
        (
            _plain(record["name"]),
            _plain(record.get("title") or ""),
            LIST_SEP.join(_plain(a) for a in record.get("areas") or ()),
            _plain(record.get("organization") or ""),
            LIST_SEP.join(_plain(e) for e in record.get("emails") or ()),
            _plain(record.get("note") or ""),
            " ".join(p["e164"].lstrip("+") + (p.get("extension") or "") for p in phones),
            _plain(record["kind"]),
            " ".join(record.get("languages") or ()),
            _plain(record["id"]),
        )
    )


def rows_for(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """The folded search row of each record, folded in one pass over all of them."""
    texts = [_row_text(r) for r in records]
    if not texts:
        return []
    return fold("\n".join(texts)).split("\n")


def phone_digits(term: str) -> str | None:
    """The digits a phone-like term matches against, without trunk or international zeros; else None."""
    if not re.fullmatch(_PHONE_TERM, term.strip()):
        return None
    digits = re.sub(_NON_DIGITS, "", unicodedata.normalize("NFKC", term)).lstrip("0")
    return digits if len(digits) >= 4 else None


@dataclass(frozen=True, slots=True)
class Filters:
    """Field filters that narrow a search without ranking it."""

    kind: str | None = None
    organization: str | None = None
    area: str | None = None
    language: str | None = None

    def accept(self, fields: Sequence[str]) -> bool:
        if self.kind and fields[KIND] != self.kind:
            return False
        if self.language and self.language not in fields[LANGUAGES].split():
            return False
        if self.organization and fold(self.organization) not in fields[ORGANIZATION]:
            return False
        return not (self.area and not any(fold(self.area) in a for a in fields[AREAS].split(LIST_SEP)))

    def __bool__(self) -> bool:
        return any((self.kind, self.organization, self.area, self.language))


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching entry: its position among the rows and how well it matched."""

    index: int
    score: int


@dataclass(frozen=True, slots=True)
class Term:
    """One query word, folded, with the digits it stands for when it looks like a number."""

    text: str
    digits: str | None

    def in_row(self, row: str) -> bool:
        return self.text in row or (self.digits is not None and self.digits in row)


def parse_terms(terms: Iterable[str]) -> list[Term]:
    folded = ((fold(_plain(term)).strip(), term) for term in terms)
    return [Term(text, phone_digits(raw)) for text, raw in folded if text]


def term_score(fields: Sequence[str], term: Term) -> int:
    """How well one term matches an entry's row fields: the best field, 0 if none."""
    name = fields[NAME]
    text = term.text
    if text == name:
        return NAME_EXACT
    best = 0
    position = name.find(text)
    while position >= 0:
        if position == 0 or not name[position - 1].isalnum():
            return NAME_WORD_START
        best = NAME_INSIDE
        position = name.find(text, position + 1)
    if best:
        return best
    if term.digits and term.digits in fields[DIGITS]:
        return PHONE
    for field, score in _TEXT_FIELDS:
        if text in fields[field]:
            return score
    return 0


def rank(rows: Sequence[str], terms: Sequence[str], filters: Filters | None = None) -> list[Hit]:
    """Rows matching every term and the filters, best first, then by name; no terms means every row."""
    parsed = parse_terms(terms)
    filters = filters or Filters()
    hits = []
    for index, row in enumerate(rows):
        # A cheap test on the whole row first: most rows fail it and are never split.
        if not all(term.in_row(row) for term in parsed):
            continue
        fields = row.split(FIELD_SEP)
        if filters and not filters.accept(fields):
            continue
        total = 0
        for term in parsed:
            score = term_score(fields, term)
            if not score:
                break
            total += score
        else:
            hits.append(Hit(index, total))
    hits.sort(key=lambda h: (-h.score, _name_key(rows[h.index])))
    return hits


def _name_key(row: str) -> str:
    return row[: row.find(FIELD_SEP)]


def resolve(rows: Sequence[str], ref: str, describe: Callable[[int], str]) -> int:
    """The position of the one entry a REF names: an id, a unique id prefix, or a name (or words of it).

    `describe` names a candidate (id and name as the user knows them) when the REF is ambiguous.
    """
    wanted = ref.strip()
    if not wanted:
        raise NotFound("empty reference; give an entry's id or name")
    split = [row.split(FIELD_SEP) for row in rows]
    for index, fields in enumerate(split):
        if fields[ID] == wanted.lower():
            return index
    folded = fold(_plain(wanted))
    words = folded.split()
    stages = (
        [i for i, f in enumerate(split) if f[NAME] == folded],
        [i for i, f in enumerate(split) if len(wanted) >= 3 and f[ID].startswith(wanted.lower())],
        [i for i, f in enumerate(split) if words and _words_match(f[NAME], words)],
    )
    for found in stages:
        if len(found) == 1:
            return found[0]
        if found:
            found.sort(key=lambda i: split[i][NAME])
            listed = ", ".join(describe(i) for i in found[:10])
            more = f" and {len(found) - 10} more" if len(found) > 10 else ""
            raise Ambiguous(f"{ref!r} matches {len(found)} entries: {listed}{more}; use the id")
    raise NotFound(f"no entry matches {ref!r}; try `contacts search {wanted}`")


def _words_match(name: str, words: list[str]) -> bool:
    """Every word of the reference starts a word of the name."""
    name_words = re.split(_WORD_BREAK, name)
    return all(any(nw.startswith(w) for nw in name_words) for w in words)
