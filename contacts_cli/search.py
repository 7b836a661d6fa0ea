"""Finding entries: matching and ranking a query over search rows, resolving a REF to one entry.

Pure functions over rows (rows.py). A term earns points by where it matched, in tiers: the whole name,
a name word starting with it, elsewhere in the name, a number, the title, the areas, the organisation,
an email, the note; and below all of those a typo of a word (fuzzy.py). An entry's score is the sum over
its terms; ties are sorted by folded name, so Ødegaard sorts with O. User input is always plain text,
never a pattern.
"""

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from contacts_cli.errors import Ambiguous, NotFound
from contacts_cli.query import Term, parse_query, phone_digits
from contacts_cli.rows import (
    ALT,
    AREAS,
    DIGITS,
    EMAILS,
    FIELD_SEP,
    ID,
    KIND,
    LANGUAGES,
    LIST_SEP,
    NAME,
    NOTE,
    ORGANIZATION,
    TITLE,
    WORD,
    WORD_BREAK,
    fold,
    name_of,
    plain,
    rows_for,
)

__all__ = ["Filters", "Hit", "Reason", "explain", "fold", "phone_digits", "rank", "resolve", "rows_for"]

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
# Typos rank below every exact match; one edit above two.
FUZZY_NAME: Final = 8
FUZZY_OTHER: Final = 5

_FIELD_NAMES: Final = {
    TITLE: "title",
    AREAS: "areas",
    ORGANIZATION: "organization",
    EMAILS: "emails",
    NOTE: "note",
}
_TEXT_FIELDS: Final = (
    (TITLE, TITLE_SCORE),
    (AREAS, AREA_SCORE),
    (ORGANIZATION, ORGANIZATION_SCORE),
    (EMAILS, EMAIL_SCORE),
    (NOTE, NOTE_SCORE),
)
# Which row fields a field term looks in, with the points a match there earns.
_FIELD_TERMS: Final = {
    "title": ((TITLE, TITLE_SCORE),),
    "org": ((ORGANIZATION, ORGANIZATION_SCORE),),
    "area": ((AREAS, AREA_SCORE),),
    "email": ((EMAILS, EMAIL_SCORE),),
}
_FUZZY_FIELDS: Final = (TITLE, AREAS, ORGANIZATION)
_FUZZY_FIELD_TERMS: Final = {"title": (TITLE,), "org": (ORGANIZATION,), "area": (AREAS,)}


@dataclass(frozen=True, slots=True)
class Filters:
    """Field filters that narrow a search without ranking it."""

    kind: str | None = None
    organization: str | None = None
    area: str | None = None
    language: str | None = None
    # The organisation and area folded once, when the filter is made, not once a row.
    _organization: str = dataclasses.field(init=False, repr=False, compare=False, default="")
    _area: str = dataclasses.field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_organization", fold(self.organization or ""))
        object.__setattr__(self, "_area", fold(self.area or ""))

    def accept(self, fields: Sequence[str]) -> bool:
        if self.kind and fields[KIND] != self.kind:
            return False
        if self.language and self.language not in fields[LANGUAGES].split():
            return False
        if self.organization and self._organization not in fields[ORGANIZATION]:
            return False
        return not (self.area and not any(self._area in a for a in fields[AREAS].split(LIST_SEP)))

    def __bool__(self) -> bool:
        return any((self.kind, self.organization, self.area, self.language))


@dataclass(frozen=True, slots=True)
class Hit:
    """A matching entry: its position among the rows and how well it matched."""

    index: int
    score: int


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one term matched one entry: where, how, and the points it earned."""

    term: str
    field: str
    how: str
    points: int

    def __str__(self) -> str:
        return f"{self.term!r}: {self.field} {self.how} (+{self.points})"


class _Matcher:
    """One term, with the words of the directory it is a typo of."""

    def __init__(self, term: Term, close: dict[str, int]) -> None:
        self.term = term
        self.close = close
        self.needles = [term.text, *close] if term.field not in ("kind", "lang") else []
        if term.digits and term.field is None:
            self.needles.append(term.digits)

    def in_row(self, row: str) -> bool:
        """A cheap test on the whole row: False means it cannot match."""
        return not self.needles or any(n in row for n in self.needles)

    def match(self, fields: Sequence[str]) -> Reason | None:
        term = self.term
        field = term.field
        if field is None or field == "name":
            found = _name_match(fields, term)
            if found or field == "name":
                return found or self._fuzzy(fields, (), name=True)
        if field is None:
            if term.digits and term.digits in fields[DIGITS]:
                return Reason(term.raw, "phone", "number", PHONE)
            for index, points in _TEXT_FIELDS:
                if term.text in fields[index]:
                    return Reason(term.raw, _FIELD_NAMES[index], "contains", points)
            return self._fuzzy(fields, _FUZZY_FIELDS, name=True)
        if field == "kind":
            return Reason(term.raw, "kind", "is", 0) if fields[KIND] == term.text else None
        if field == "lang":
            return Reason(term.raw, "languages", "has", 0) if term.text in fields[LANGUAGES].split() else None
        if field == "phone":
            return Reason(term.raw, "phone", "number", PHONE) if term.text in fields[DIGITS] else None
        for index, points in _FIELD_TERMS[field]:
            if term.text in fields[index]:
                return Reason(term.raw, _FIELD_NAMES[index], "contains", points)
        return self._fuzzy(fields, _FUZZY_FIELD_TERMS.get(field, ()), name=False)

    def _fuzzy(self, fields: Sequence[str], others: Sequence[int], *, name: bool) -> Reason | None:
        if not self.close:
            return None
        best: Reason | None = None
        if name:
            for word in _words(fields[NAME]) + _words(fields[ALT]):
                edits = self.close.get(word)
                if edits is not None:
                    points = FUZZY_NAME - 2 * (edits - 1)
                    if best is None or points > best.points:
                        best = Reason(self.term.raw, "name", _typo(word, edits), points)
            if best:
                return best
        for index in others:
            for word in _words(fields[index]):
                edits = self.close.get(word)
                if edits is not None:
                    points = FUZZY_OTHER - 2 * (edits - 1)
                    if best is None or points > best.points:
                        best = Reason(self.term.raw, _FIELD_NAMES[index], _typo(word, edits), points)
        return best


def _typo(word: str, edits: int) -> str:
    return f"close to {word!r} ({edits} edit{'s' if edits > 1 else ''})"


def _words(text: str) -> list[str]:
    return re.split(WORD_BREAK, text) if text else []


def _name_match(fields: Sequence[str], term: Term) -> Reason | None:
    text = term.text
    best: Reason | None = None
    for name in (fields[NAME], fields[ALT]):
        if not name:
            continue
        if text == name:
            return Reason(term.raw, "name", "is", NAME_EXACT)
        position = name.find(text)
        while position >= 0:
            if position == 0 or not name[position - 1].isalnum():
                best = Reason(term.raw, "name", "word starts with it", NAME_WORD_START)
                break
            if best is None:
                best = Reason(term.raw, "name", "contains", NAME_INSIDE)
            position = name.find(text, position + 1)
    return best


def vocabulary(rows: Sequence[str]) -> list[str]:
    """The words typos are looked for among: of names (and their other spellings), titles, areas, orgs."""
    texts = set()
    for row in rows:
        fields = row.split(FIELD_SEP)
        texts.update(fields[NAME : ORGANIZATION + 1])
        texts.add(fields[ALT])
    return sorted(set(re.findall(WORD, " ".join(texts))))


def _matchers(terms: Sequence[str], words: Callable[[], Sequence[str]]) -> list[_Matcher]:
    from contacts_cli.fuzzy import close_words, max_edits

    parsed = parse_query(terms)
    matchers = []
    for term in parsed:
        close: dict[str, int] = {}
        fuzzy = term.field in (None, "name", "title", "org", "area") and term.digits is None
        if fuzzy and max_edits(term.text) and re.fullmatch(WORD, term.text):
            close = close_words(term.text, words())
        matchers.append(_Matcher(term, close))
    return matchers


def rank(
    rows: Sequence[str],
    terms: Sequence[str],
    filters: Filters | None = None,
    words: Sequence[str] | None = None,
) -> list[Hit]:
    """Rows matching every term and the filters, best first, then by name; no terms means every row.

    `words` is the vocabulary of the rows (see vocabulary()) when it is known already.
    """
    vocab: list[Sequence[str]] = [words] if words is not None else []

    def get_words() -> Sequence[str]:
        if not vocab:
            vocab.append(vocabulary(rows))
        return vocab[0]

    matchers = _matchers(terms, get_words)
    filters = filters or Filters()
    hits = []
    for index, row in enumerate(rows):
        # A cheap test on the whole row first: most rows fail it and are never split.
        if not all(m.in_row(row) for m in matchers):
            continue
        fields = row.split(FIELD_SEP)
        if filters and not filters.accept(fields):
            continue
        total = 0
        for matcher in matchers:
            reason = matcher.match(fields)
            if reason is None:
                break
            total += reason.points
        else:
            hits.append(Hit(index, total))
    hits.sort(key=lambda h: (-h.score, name_of(rows[h.index])))
    return hits


def explain(
    rows: Sequence[str], indices: Sequence[int], terms: Sequence[str], words: Sequence[str]
) -> list[list[Reason]]:
    """Why each of the rows at `indices` matched: a reason per term (with the vocabulary the search used)."""
    matchers = _matchers(terms, lambda: words)
    explained = []
    for index in indices:
        fields = rows[index].split(FIELD_SEP)
        explained.append([r for r in (m.match(fields) for m in matchers) if r is not None])
    return explained


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
    folded = fold(plain(wanted))
    words = folded.split()
    stages = (
        [i for i, f in enumerate(split) if folded in (f[NAME], f[ALT])],
        [i for i, f in enumerate(split) if len(wanted) >= 3 and f[ID].startswith(wanted.lower())],
        [
            i
            for i, f in enumerate(split)
            if words and (_words_match(f[NAME], words) or _words_match(f[ALT], words))
        ],
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
    name_words = re.split(WORD_BREAK, name)
    return all(any(nw.startswith(w) for nw in name_words) for w in words)
