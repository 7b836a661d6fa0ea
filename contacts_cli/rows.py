"""Search rows: one folded line of text per entry, the form every search compares against.

An entry's fields are joined by tabs (see ROW_FIELDS) and the rows of many entries are folded in one
pass, so that the expensive Unicode work runs in C over one string instead of per field in Python.
The store keeps these rows in an index beside the file (index.py), so a search need not parse the
whole store. Pure functions, no third-party imports.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Final

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
# The other way names are written without their letters: Müller as Mueller, Ødegaard as Oedegaard,
# Ångström as Aangstroem. A name with one of these letters gets this second spelling in its row.
_TRANSLIT_ALT: Final = str.maketrans(
    {
        "ä": "ae",
        "Ä": "Ae",
        "ö": "oe",
        "Ö": "Oe",
        "ü": "ue",
        "Ü": "Ue",
        "ø": "oe",
        "Ø": "Oe",
        "å": "aa",
        "Å": "Aa",
    }
)
_ALT_LETTERS: Final = "[äÄöÖüÜøØåÅ]|[aouAOU]\u0308|[aA]\u030a"
# Patterns are kept as text: `re` compiles and caches each on first use, off the start-up path.
_MARKS: Final = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# Anything that is not plain printable text becomes a space in a row: controls, separators, format
# characters and the row's own delimiters must never split or join fields.
_NOT_TEXT: Final = r"[^\S ]|[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"

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
    "alt",
)
NAME, TITLE, AREAS, ORGANIZATION, EMAILS, NOTE, DIGITS, KIND, LANGUAGES, ID, ALT = range(len(ROW_FIELDS))
FIELD_SEP: Final = "\t"
LIST_SEP: Final = "\x1f"
# A word of letters (what typos are looked for among), and what separates the words of a folded field.
WORD: Final = r"[^\W\d_]+"
WORD_BREAK: Final = r"[^\w]+"


def fold(text: str) -> str:
    """Text as search compares it: no case, no accents (Müller -> muller, Ødegaard -> odegaard), NFC = NFD."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return re.sub(_MARKS, "", decomposed).casefold()


def alt_spelling(name: str) -> str:
    """The name written without umlauts, ø and å (Müller -> Mueller), or "" when it has none of them."""
    if not re.search(_ALT_LETTERS, name):
        return ""
    composed = unicodedata.normalize("NFC", name)
    return composed.translate(_TRANSLIT_ALT)


def plain(text: str) -> str:
    """Text with controls, tabs and line breaks made spaces, so it stays inside its field of a row."""
    return text if text.isprintable() else re.sub(_NOT_TEXT, " ", text)


def _row_text(record: Mapping[str, Any]) -> str:
    phones = record.get("phones") or ()
    name = plain(record["name"])
    return FIELD_SEP.join(
        (
            name,
            plain(record.get("title") or ""),
            LIST_SEP.join(plain(a) for a in record.get("areas") or ()),
            plain(record.get("organization") or ""),
            LIST_SEP.join(plain(e) for e in record.get("emails") or ()),
            plain(record.get("note") or ""),
            " ".join(p["e164"].lstrip("+") + (p.get("extension") or "") for p in phones),
            plain(record["kind"]),
            " ".join(record.get("languages") or ()),
            plain(record["id"]),
            alt_spelling(name),
        )
    )


def rows_for(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """The folded search row of each record, folded in one pass over all of them."""
    texts = [_row_text(r) for r in records]
    if not texts:
        return []
    return fold("\n".join(texts)).split("\n")


def name_of(row: str) -> str:
    """A row's folded name, without splitting the whole row."""
    return row[: row.find(FIELD_SEP)]
