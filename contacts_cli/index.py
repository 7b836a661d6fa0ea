"""The search index beside a store: each entry's folded search row, where its record sits in the file,
and the vocabulary that typos are looked for among.

Derived data, never the truth. Every write rebuilds it after replacing the store; before use it is
checked against the exact bytes of the store (size and CRC-32), and when it does not match it is not
used at all. With it, a search reads two files and parses only the entries it prints, instead of
parsing the whole store.
"""

import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# 2: rows gained the alternative spelling of names, and the index the vocabulary.
FORMAT: Final = 2


@dataclass(frozen=True, slots=True)
class Index:
    """Rows and record spans, in the store's order."""

    doc_ids: list[str]
    rows: list[str]
    # Byte offset and length of each entry's JSON object within the store file.
    spans: list[tuple[int, int]]
    # The words of the rows that a typo may be of (search.vocabulary), sorted.
    words: list[str]

    def rows_by_doc_id(self) -> dict[str, str]:
        return dict(zip(self.doc_ids, self.rows, strict=True))


def index_path(real_store_path: Path) -> Path:
    return real_store_path.with_name(real_store_path.name + ".index")


def signature(store_bytes: bytes) -> dict[str, int]:
    return {"size": len(store_bytes), "crc32": zlib.crc32(store_bytes)}


def read(path: Path, store_bytes: bytes) -> Index | None:
    """The index at `path` if it was built from exactly `store_bytes`; None if missing, stale or damaged."""
    try:
        text = path.read_bytes().decode("utf-8")
        header_line, spans_line, words_line, rows_text = text.split("\n", 3)
        header = json.loads(header_line)
        if header.get("format") != FORMAT or header.get("store") != signature(store_bytes):
            return None
        doc_ids, flat = json.loads(spans_line)
        words = json.loads(words_line)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError):
        return None
    rows = rows_text.split("\n") if doc_ids else []
    if not (len(rows) == len(doc_ids) == len(flat) // 2 == header.get("count")):
        return None
    if not isinstance(words, list):
        return None
    spans = list(zip(flat[::2], flat[1::2], strict=True))
    return Index(doc_ids=doc_ids, rows=rows, spans=spans, words=words)


def serialize(
    store_bytes: bytes,
    doc_ids: Sequence[str],
    rows: Sequence[str],
    spans: Mapping[str, tuple[int, int]],
    words: Sequence[str],
) -> bytes:
    """The index file for a store whose entries are `doc_ids` in order."""
    header = {"format": FORMAT, "store": signature(store_bytes), "count": len(doc_ids)}
    flat = [n for doc_id in doc_ids for n in spans[doc_id]]
    parts = (json.dumps(header), json.dumps([list(doc_ids), flat]), json.dumps(list(words)), "\n".join(rows))
    text = "\n".join(parts)
    return text.encode("utf-8")
