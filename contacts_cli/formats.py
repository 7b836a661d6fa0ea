"""Output formats for scripts and mail clients: JSON lines, CSV that is safe in a spreadsheet, mutt's query
format. Pure functions from entries to text; the table and JSON lists are in render.py.
"""

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Any, Final

from contacts_cli.model import Contact
from contacts_cli.rows import plain


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    mutt = "mutt"


CSV_COLUMNS: Final = (
    "id",
    "name",
    "kind",
    "title",
    "organization",
    "areas",
    "languages",
    "emails",
    "note",
)
# A spreadsheet reads a cell starting with one of these as a formula (OWASP's list, with the full-width
# forms that some spreadsheets fold to them).
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_E164: Final = r"\+[1-9]\d{5,14}"


def safe_cell(value: str, *, number: bool = False) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a `'` before it.

    `number`: the cell is a validated number from the store; a bare E.164 number stays as it is.
    """
    if number and re.fullmatch(_E164, value):
        return value
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_chunks(contacts: Sequence[Contact], size: int = 1000) -> Iterator[str]:
    """Entries as CSV with a header, in pieces of `size` entries (a large directory is never one string in
    memory); lists joined by "; ", one column per number (phone, phone2, ...).

    Controls and bidi marks in a cell are written as visible escapes (\\x1b), as in the table: a CSV piped
    to a terminal or opened in an editor must not act on them.
    """
    import csv
    import io

    from contacts_cli.render import inert

    width = max((len(c.phones) for c in contacts), default=0) or 1
    phone_columns = ["phone", *(f"phone{n}" for n in range(2, width + 1))]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*CSV_COLUMNS, *phone_columns])
    for position, c in enumerate(contacts, 1):
        cells = [
            c.id,
            c.name,
            c.kind,
            c.title or "",
            c.organization or "",
            "; ".join(c.areas),
            "; ".join(c.languages),
            "; ".join(c.emails),
            c.note or "",
        ]
        numbers = [p.e164 + (f";ext={p.extension}" if p.extension else "") for p in c.phones]
        numbers += [""] * (width - len(numbers))
        writer.writerow(
            [safe_cell(inert(v, keep_newlines=True)) for v in cells]
            + [safe_cell(n, number=True) for n in numbers]
        )
        if position % size == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def json_chunks(records: Iterable[Mapping[str, Any]], *, lines: bool, size: int = 1000) -> Iterator[str]:
    """A JSON list of the records (as render.json_text writes it), or one object a line, in pieces."""
    from contacts_cli.render import json_text

    batch: list[str] = []
    first = True
    for record in records:
        batch.append(json_text(record))
        if len(batch) == size:
            yield _joined(batch, lines=lines, first=first)
            batch, first = [], False
    if batch or first:
        yield _joined(batch, lines=lines, first=first)
    if not lines:
        yield "]\n"


def _joined(batch: list[str], *, lines: bool, first: bool) -> str:
    if lines:
        return "".join(text + "\n" for text in batch)
    return ("[" if first else ", ") + ", ".join(batch) if batch else ("[" if first else "")


def mutt_text(contacts: Sequence[Contact], query: str) -> str:
    """mutt's and aerc's query format: a first line for the status bar, then email TAB name TAB title."""
    lines = [f"{plain(e)}\t{plain(c.name)}\t{plain(c.title or c.kind)}" for c in contacts for e in c.emails]
    what = plain(query) or "every entry"
    count = f"{len(lines)} address{'es' if len(lines) != 1 else ''}"
    return "\n".join([f"contacts: {count} for {what}", *lines]) + "\n"
