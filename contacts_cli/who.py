"""Who covers a subject: the entries whose areas (or title) mention it, grouped by organisation,
spokespersons first, then press officers, then press offices. Pure functions over search rows.
"""

import re
from collections.abc import Sequence
from typing import Final

from contacts_cli.rows import AREAS, FIELD_SEP, KIND, LIST_SEP, NAME, ORGANIZATION, TITLE, fold, plain
from contacts_cli.search import Filters

KIND_ORDER: Final = {"spokesperson": 0, "press-officer": 1, "press-office": 2}
_WORD: Final = r"[^\W\d_]+"


def covering(
    rows: Sequence[str], subject: str, words: Sequence[str], filters: Filters | None = None
) -> tuple[list[int], bool]:
    """The rows that cover `subject`, in the order `who` shows them, and whether they are typo matches.

    Exact mentions first: the folded subject inside an area or the title. Only when nothing mentions
    it are areas and titles with a word a typo away from each of the subject's words taken.
    """
    wanted = fold(plain(subject)).strip()
    filters = filters or Filters()
    if not wanted:
        return [], False
    found = []
    for index, row in enumerate(rows):
        if wanted not in row:
            continue
        fields = row.split(FIELD_SEP)
        mentions = wanted in fields[TITLE] or any(wanted in a for a in fields[AREAS].split(LIST_SEP))
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

    subject_words = re.findall(_WORD, wanted)
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
        have = set(re.findall(_WORD, fields[TITLE] + " " + fields[AREAS]))
        if all(options & have for options in accepted):
            found.append((index, fields))
    return found
