"""Who covers a subject: the entries whose areas (or title) mention it, grouped by organisation,
spokespersons first, then press officers, then press offices. Pure functions over search rows.

A subject mentions an area or title when its words are whole words there, the last one also the start
of a word once it has three letters or more: `energy` is not in Synergy, `ai` is not in Affairs,
`foreign aff` is in Foreign Affairs.
"""

import re
from collections.abc import Sequence
from typing import Final

from contacts_cli.errors import InvalidInput
from contacts_cli.rows import (
    AREAS,
    FIELD_SEP,
    KIND,
    LIST_SEP,
    NAME,
    ORGANIZATION,
    TITLE,
    WORD,
    fold,
    plain,
)
from contacts_cli.search import Filters

KIND_ORDER: Final = {"spokesperson": 0, "press-officer": 1, "press-office": 2}
# Shorter last words must be whole words: one or two letters start far too many.
MIN_WORD_START: Final = 3
# Not after / not before a letter or digit: a word edge, as search's name ranking sees one.
_NOT_AFTER_ALNUM: Final = r"(?<![^\W_])"
_NOT_BEFORE_ALNUM: Final = r"(?![^\W_])"


def subject_text(subject: str) -> str:
    """The folded subject, its words one space apart; InvalidInput when there is nothing to look for."""
    words = fold(plain(subject)).split()
    if not words:
        raise InvalidInput("no subject given; name a policy area, e.g. `contacts who trade`")
    return " ".join(words)


def _mention(wanted: str) -> "re.Pattern[str]":
    words = wanted.split(" ")
    end = "" if len(words[-1]) >= MIN_WORD_START else _NOT_BEFORE_ALNUM
    return re.compile(_NOT_AFTER_ALNUM + r"\s+".join(re.escape(w) for w in words) + end)


def covering(
    rows: Sequence[str], subject: str, words: Sequence[str], filters: Filters | None = None
) -> tuple[list[int], bool]:
    """The rows that cover `subject`, in the order `who` shows them, and whether they are typo matches.

    Exact mentions first: the folded subject inside an area or the title. Only when nothing mentions
    it are areas and titles with a word a typo away from each of the subject's words taken.
    InvalidInput for an empty subject.
    """
    wanted = subject_text(subject)
    filters = filters or Filters()
    mention = _mention(wanted)
    first = wanted.split(" ")[0]
    found = []
    for index, row in enumerate(rows):
        # A cheap test on the whole row first: most rows fail it and are never split.
        if first not in row:
            continue
        fields = row.split(FIELD_SEP)
        mentions = bool(mention.search(fields[TITLE])) or any(
            mention.search(a) for a in fields[AREAS].split(LIST_SEP)
        )
        if mentions and filters.accept(fields):
            found.append((index, fields))
    fuzzy = False
    if not found:
        found = _close(rows, wanted, words, filters)
        fuzzy = bool(found)
    # Entries without an organisation come last, under their own heading.
    found.sort(
        key=lambda p: (not p[1][ORGANIZATION], p[1][ORGANIZATION], KIND_ORDER.get(p[1][KIND], 9), p[1][NAME])
    )
    return [index for index, _ in found], fuzzy


def _close(
    rows: Sequence[str], wanted: str, words: Sequence[str], filters: Filters
) -> list[tuple[int, list[str]]]:
    from contacts_cli.fuzzy import close_words

    subject_words = re.findall(WORD, wanted)
    if not subject_words:
        return []
    accepted = [set(close_words(w, words)) | {w} for w in subject_words]
    found = []
    for index, row in enumerate(rows):
        if not all(any(c in row for c in options) for options in accepted):
            continue
        fields = row.split(FIELD_SEP)
        if not filters.accept(fields):
            continue
        have = set(re.findall(WORD, fields[TITLE] + " " + fields[AREAS]))
        if all(options & have for options in accepted):
            found.append((index, fields))
    return found
