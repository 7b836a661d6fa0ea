"""The JSON store: a TinyDB file that is locked for every write, replaced atomically, never half-written.

TinyDB's own JSONStorage rewrites the file in place and does no locking; here TinyDB works on an
in-memory copy of the file for the length of one transaction, and the file is replaced once, atomically,
while an exclusive lock beside it is held across the whole read-modify-write. After each write the
search index beside the store is rebuilt (see index.py).
"""

import gc
import json
import os
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Final

from contacts_cli import index as search_index
from contacts_cli.errors import StoreDamaged, StoreError, StoreTooNew
from contacts_cli.model import SCHEMA_VERSION, Contact, contact_from_record
from contacts_cli.search import Filters, Hit, Reason, explain, fold, rank, resolve, rows_for, vocabulary

CONTACTS_TABLE: Final = "contacts"
META_TABLE: Final = "_meta"
DEFAULT_LOCK_TIMEOUT: Final = 10.0
_KEEP: Final = "it has not been changed; restore it from a backup or move it aside"

# Upgrades from one schema version to the next, applied under the lock after a backup.
# Schema 1 is the first release; an entry appears here when schema 2 arrives.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


def empty_data(schema: int = SCHEMA_VERSION) -> dict[str, Any]:
    return {META_TABLE: {"1": {"schema": schema}}, CONTACTS_TABLE: {}}


class View:
    """A read-only snapshot of a store: search rows, and each entry's record fetched on demand."""

    def __init__(
        self,
        rows: Sequence[str],
        fetch: Callable[[int], Mapping[str, Any]],
        path: Path,
        words: Sequence[str] | None = None,
    ) -> None:
        self.rows = rows
        self._fetch = fetch
        self.path = path
        self._words = words

    @property
    def words(self) -> Sequence[str]:
        """The vocabulary typos are looked for among: from the index, or worked out on first use."""
        if self._words is None:
            self._words = vocabulary(self.rows)
        return self._words

    def __len__(self) -> int:
        return len(self.rows)

    def contact(self, index: int) -> Contact:
        record = self._fetch(index)
        try:
            return contact_from_record(record)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreDamaged(f"{self.path}: entry {index + 1} is not a contact ({exc}); {_KEEP}") from None

    def contacts(self) -> list[Contact]:
        return [self.contact(i) for i in range(len(self.rows))]

    def search(self, terms: Sequence[str], filters: Filters | None = None) -> list[Hit]:
        return rank(self.rows, terms, filters or Filters(), self._words)

    def explain(self, hits: Sequence[Hit], terms: Sequence[str]) -> list[list[Reason]]:
        """Why each hit of search(terms) matched, term by term."""
        return explain(self.rows, [h.index for h in hits], terms, self.words)

    def resolve(self, ref: str) -> Contact:
        """The one entry an id, id prefix or name names; NotFound or Ambiguous otherwise."""

        def describe(i: int) -> str:
            record = self._fetch(i)
            return f"{record.get('id')} {record.get('name')}"

        return self.contact(resolve(self.rows, ref, describe))


class Store:
    """A directory file. Reads never lock (writes replace the file whole); writes go through transaction()."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        schema_version: int = SCHEMA_VERSION,
        migrations: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = MIGRATIONS,
    ) -> None:
        self.path = path
        self.lock_timeout = lock_timeout
        # The schema this code writes, and how to bring older stores up to it (injectable for tests).
        self.schema_version = schema_version
        self.migrations = migrations

    @property
    def real_path(self) -> Path:
        """The file a symlinked store points at: the one we replace, so the link survives."""
        return Path(os.path.realpath(self.path))

    @property
    def lock_path(self) -> Path:
        real = self.real_path
        return real.with_name(real.name + ".lock")

    @property
    def index_path(self) -> Path:
        return search_index.index_path(self.real_path)

    def exists(self) -> bool:
        return self.path.exists()

    def read_bytes(self) -> bytes | None:
        """The store's bytes, or None when it does not exist yet."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise StoreError(f"cannot read {self.path}: it is a folder; point --db at a file") from None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None

    def view(self) -> View:
        """A snapshot for reading. A missing store reads as empty and is not created.

        Uses the index when it matches the store's bytes exactly; otherwise parses and checks the whole
        store, and refreshes a stale index so that the next read is fast again. A read never creates a
        file: a store without an index gets one from its next write.
        """
        raw = self.read_bytes()
        if raw is None:
            return View([], lambda i: {}, self.path)
        found = search_index.read(self.index_path, raw)
        if found is not None:
            spans = found.spans
            return View(
                found.rows,
                lambda i: json.loads(raw[spans[i][0] : spans[i][0] + spans[i][1]]),
                self.path,
                found.words,
            )
        data = parse_store_bytes(raw, self.path)
        records = list(data[CONTACTS_TABLE].values())
        rows = rows_for(records)
        words = None
        if self.index_path.exists():
            words = vocabulary(rows)
            self._refresh_index(raw, data, rows, words)
        return View(rows, records.__getitem__, self.path, words)

    def load(self) -> list[Contact]:
        """Every entry, in store order."""
        return self.view().contacts()

    def _refresh_index(
        self, raw: bytes, data: Mapping[str, Any], rows: Sequence[str], words: Sequence[str]
    ) -> None:
        payload, spans = dump_store(data, expected=raw)
        if payload is not raw:
            return  # not written by us (edited by hand, say): spans would not match, so no index
        doc_ids = list(data[CONTACTS_TABLE])
        _write_index_quietly(self.index_path, search_index.serialize(raw, doc_ids, rows, spans, words))

    @contextmanager
    def transaction(self) -> Iterator["Transaction"]:
        """Lock, read, let the caller change entries, and replace the file once if anything changed."""
        from contacts_cli.lock import exclusive

        with exclusive(self.lock_path, timeout=self.lock_timeout, what=self.path):
            self._remove_stale_temp_files()
            raw = self.read_bytes()
            previous = search_index.read(self.index_path, raw) if raw is not None else None
            if raw is None:
                data = empty_data(self.schema_version)
            else:
                data = parse_store_bytes(raw, self.path, checked=previous is not None)
            version = schema_of(data)
            if version > self.schema_version:
                raise StoreTooNew(
                    f"{self.path} was written by a newer contacts-cli (schema {version}, this one knows "
                    f"{self.schema_version}); upgrade contacts-cli to change it"
                )
            migrated = raw is not None and version < self.schema_version
            if raw is not None and migrated:
                data = self._migrate(data, raw, version)
                previous = None
            txn = Transaction(data, self.path, previous, raw)
            txn.dirty = migrated  # a migrated store is written even when nothing else changes
            yield txn
            if txn.dirty:
                self._commit(txn)
            for hook in txn.after_commit:
                hook()  # still under the lock: files that must follow the store (sync state)

    def _remove_stale_temp_files(self) -> None:
        # Under the lock no write is under way, so any temp file here is left from a writer that died.
        real = self.real_path
        # Only the store's own: readers write the index (`.NAME.index.*.tmp`) without the lock.
        for stale in real.parent.glob(f".{real.name}.*.tmp"):
            if "." not in stale.name[len(real.name) + 2 : -len(".tmp")]:
                _unlink_quietly(str(stale))

    def _commit(self, txn: "Transaction") -> None:
        data = txn.data
        payload, spans = dump_store(data, txn.unchanged_bytes)
        write_atomic(self.real_path, payload)
        doc_ids = list(data[CONTACTS_TABLE])
        rows = txn.rows_after(doc_ids)
        words = txn.words_after(rows)
        _write_index_quietly(self.index_path, search_index.serialize(payload, doc_ids, rows, spans, words))

    def _migrate(self, data: dict[str, Any], raw: bytes, version: int) -> dict[str, Any]:
        backup = self.real_path.with_name(f"{self.real_path.name}.schema{version}.bak")
        if not backup.exists():
            write_atomic(backup, raw)
        while version < self.schema_version:
            data = self.migrations[version](data)
            version += 1
        data[META_TABLE] = {"1": {"schema": self.schema_version}}
        problem = _shape_problem(data, entries=True)
        if problem:
            raise AssertionError(f"migration to schema {self.schema_version} made a bad store: {problem}")
        return data


class Transaction:
    """Changes to the entries of a locked store, applied through TinyDB to an in-memory copy."""

    def __init__(
        self, data: dict[str, Any], path: Path, previous: search_index.Index | None, raw: bytes | None
    ) -> None:
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage

        self._db = TinyDB(storage=MemoryStorage)
        self._db.storage.write(data)
        self._table = self._db.table(CONTACTS_TABLE, cache_size=0)
        self._path = path
        self._records: list[Mapping[str, Any]] = list(data[CONTACTS_TABLE].values())
        self._doc_ids = {record["id"]: int(doc_id) for doc_id, record in data[CONTACTS_TABLE].items()}
        self._known_rows = previous.rows_by_doc_id() if previous is not None else {}
        self._known_spans = (
            dict(zip(previous.doc_ids, previous.spans, strict=True)) if previous is not None else {}
        )
        self._known_words = previous.words if previous is not None else None
        self._fresh_rows: list[str] | None = None
        self._raw = raw or b""
        self._changed: set[int] = set()
        self._view: View | None = None
        self.dirty = False
        # Called under the lock once the store is written (or found unchanged), in order.
        self.after_commit: list[Callable[[], None]] = []

    @property
    def data(self) -> dict[str, Any]:
        tables = self._db.storage.read()
        assert tables is not None, "the in-memory copy was filled when the transaction began"
        return tables

    @property
    def view(self) -> View:
        """The entries as they were when the transaction began."""
        if self._view is None:
            doc_ids = list(self._doc_ids.values())
            if self._known_rows and all(str(d) in self._known_rows for d in doc_ids):
                rows = [self._known_rows[str(d)] for d in doc_ids]
            else:
                rows = rows_for(self._records)
            self._view = View(rows, self._records.__getitem__, self._path)
        return self._view

    def ids(self) -> set[str]:
        return set(self._doc_ids)

    def owners(self, contact: Contact) -> dict[str, tuple[str, str]]:
        """Which other entries already hold one of this entry's numbers or emails: key -> (id, name).

        Keys are Phone.key for numbers and casefolded emails. The search rows narrow the entries to
        look at, so that an add does not walk every record of a large store.
        """
        wanted = {p.key: p.e164.lstrip("+") for p in contact.phones}
        wanted |= {e.casefold(): fold(e) for e in contact.emails}
        if not wanted:
            return {}
        needles = set(wanted.values())
        owners: dict[str, tuple[str, str]] = {}
        for index, row in enumerate(self.view.rows):
            if not any(n in row for n in needles):
                continue
            record = self._records[index]
            if record["id"] == contact.id:
                continue
            keys = [
                f"{p['e164']};ext={p['extension']}" if p.get("extension") else p["e164"]
                for p in record.get("phones") or ()
            ]
            keys += [e.casefold() for e in record.get("emails") or ()]
            owners.update((k, (record["id"], record["name"])) for k in keys if k in wanted)
        return owners

    def add(self, *contacts: Contact) -> None:
        if not contacts:
            return
        ids = self._table.insert_multiple(c.to_record() for c in contacts)
        for contact, doc_id in zip(contacts, ids, strict=True):
            self._doc_ids[contact.id] = doc_id
        self._changed.update(ids)
        self.dirty = True

    def replace(self, *contacts: Contact) -> None:
        """Store new versions of existing entries; keys this version does not know are kept."""
        if not contacts:
            return
        records = {c.id: c.to_record() for c in contacts}

        def apply(document: MutableMapping[str, Any]) -> None:
            document.update(records[document["id"]])

        doc_ids = [self._doc_ids[c.id] for c in contacts]
        # One pass over the table for all of them: TinyDB rebuilds the whole table on every call.
        self._table.update(apply, doc_ids=doc_ids)
        self._changed.update(doc_ids)
        self.dirty = True

    def remove(self, *contacts: Contact) -> None:
        if not contacts:
            return
        self._table.remove(doc_ids=[self._doc_ids.pop(c.id) for c in contacts])
        self.dirty = True

    def unchanged_bytes(self, doc_id: str) -> bytes | None:
        """The JSON of an entry this transaction did not touch, as the file already holds it."""
        span = self._known_spans.get(doc_id)
        if span is None or int(doc_id) in self._changed:
            return None
        return self._raw[span[0] : span[0] + span[1]]

    def rows_after(self, doc_ids: Sequence[str]) -> list[str]:
        """Search rows for the table as it now is: unchanged entries keep the rows they had."""
        table = self.data[CONTACTS_TABLE]
        fresh = [d for d in doc_ids if int(d) in self._changed or d not in self._known_rows]
        if len(fresh) == len(doc_ids):
            rows = rows_for(table[d] for d in doc_ids)
            self._fresh_rows = rows
            return rows
        built = dict(zip(fresh, rows_for(table[d] for d in fresh), strict=True))
        self._fresh_rows = list(built.values())
        return [built[d] if d in built else self._known_rows[d] for d in doc_ids]

    def words_after(self, rows: Sequence[str]) -> list[str]:
        """The vocabulary for the rows after rows_after(): the old one plus the words of changed entries.

        Words of removed or renamed entries may stay: a typo of one finds no row, so they cost nothing
        but a comparison, and the next full rebuild drops them.
        """
        if self._known_words is None or self._fresh_rows is None:
            return vocabulary(rows)
        if self._fresh_rows and len(self._fresh_rows) == len(rows):
            return vocabulary(rows)
        return sorted(set(self._known_words).union(vocabulary(self._fresh_rows)))


def parse_store_bytes(raw: bytes, path: Path, *, checked: bool = False) -> dict[str, Any]:
    """Decode a store's bytes and check its shape; StoreDamaged names the file and what is wrong.

    `checked`: these exact bytes were written, and their entries checked, by us (the index says so),
    so only the outer shape is checked again.
    """
    if not raw.strip():
        raise StoreDamaged(f"{path} is empty; {_KEEP}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreDamaged(f"{path} is not UTF-8 text (byte {exc.start}); {_KEEP}") from None
    if text.startswith("\ufeff"):
        raise StoreDamaged(f"{path} starts with a byte order mark, not JSON; {_KEEP}")
    try:
        data = _loads_without_gc(text)
    except json.JSONDecodeError as exc:
        raise StoreDamaged(
            f"{path} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); {_KEEP}"
        ) from None
    except RecursionError:
        raise StoreDamaged(f"{path} is nested too deeply to be a contacts store; {_KEEP}") from None
    problem = _shape_problem(data, entries=not checked)
    if not problem and not checked and ("\\ud" in text or "\\uD" in text):
        # We write UTF-8, never \u escapes for letters: only a hand-edited store holds one, and an escaped
        # half of a surrogate pair is text that UTF-8 cannot hold, so no write could ever succeed.
        problem = _lone_surrogate(data)
    if problem:
        raise StoreDamaged(f"{path} is not a contacts store ({problem}); {_KEEP}")
    return data  # type: ignore[no-any-return]


def _loads_without_gc(text: str) -> Any:
    # Parsing builds hundreds of thousands of containers and no cycles; the cyclic collector would
    # walk them over and over as they are made (a fifth of an add's time at 10,000 entries).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return json.loads(text)
    finally:
        if enabled:
            gc.enable()


def _shape_problem(data: Any, *, entries: bool) -> str | None:
    if not isinstance(data, dict):
        return f"the top level is a JSON {type(data).__name__}, not an object"
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        return f"no {META_TABLE} table with a schema version"
    schema = meta["1"].get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        return "the schema version is not a positive whole number"
    table = data.get(CONTACTS_TABLE)
    if not isinstance(table, dict):
        return f"no {CONTACTS_TABLE} table"
    if not entries:
        return None
    ids = set()
    for doc_id, record in table.items():
        problem = _record_problem(doc_id, record)
        if problem:
            return f"entry {doc_id[:20]!r} {problem}"
        if record["id"] in ids:
            return f"entry {doc_id!r} repeats the id {record['id']!r}"
        ids.add(record["id"])
    return None


def _lone_surrogate(value: Any, where: str = "") -> str | None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{where or 'a value'} holds a \\u escape of half a surrogate pair, which is not text"
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _lone_surrogate(key, where) or _lone_surrogate(item, where or f"entry {key!r}")
        if found:
            return found
    return None


_TEXT_KEYS: Final = ("title", "organization", "family", "note", "source", "sourced", "uid")
_LIST_KEYS: Final = ("areas", "emails", "languages")


def _record_problem(doc_id: str, record: Any) -> str | None:
    """What makes a stored entry unreadable, or None. Cheap: it runs on every entry of every read."""
    if not doc_id.isdigit():
        return "has a key that is not a number"
    if not isinstance(record, dict):
        return f"is a JSON {type(record).__name__}, not an object"
    for key in ("id", "name", "kind"):
        if not isinstance(record.get(key), str) or not record[key]:
            return f"has no {key}"
    for key in _TEXT_KEYS:
        if not isinstance(record.get(key, ""), str | None):
            return f"has a {key} that is not text"
    for key in _LIST_KEYS:
        value = record.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"has {key} that are not a list of text"
    phones = record.get("phones", [])
    if not isinstance(phones, list):
        return "has phones that are not a list"
    for phone in phones:
        if not isinstance(phone, dict) or not isinstance(phone.get("e164"), str) or not phone["e164"]:
            return "has a phone without an E.164 number"
        if not all(
            isinstance(phone.get(k, ""), str | None) for k in ("display", "type", "extension", "label")
        ):
            return "has a phone field that is not text"
    return None


def read_contacts(raw: bytes, path: Path) -> list[Contact]:
    """Every entry of a store's bytes, checked; for files that are not a live store (the starter)."""
    data = parse_store_bytes(raw, path)
    return [contact_from_record(record) for record in data[CONTACTS_TABLE].values()]


def schema_of(data: Mapping[str, Any]) -> int:
    return int(data[META_TABLE]["1"]["schema"])


def dump_store(
    data: Mapping[str, Any],
    unchanged: Callable[[str], bytes | None] = lambda doc_id: None,
    *,
    expected: bytes | None = None,
) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """Serialise store data, one entry per line so that a diff reads well.

    Also returns where each entry's JSON object lies in the bytes, for the index. `unchanged` gives
    the bytes of entries known not to have changed since the file was read, which are reused as is.
    `expected`: only check, piece by piece, that the data serialises to exactly these bytes, without
    building a second copy of them (a 100,000-entry store is 60 MB); returns them if so, else b"".
    """
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    parts: list[bytes] = []
    spans: dict[str, tuple[int, int]] = {}
    offset = 0

    def put(text: str | bytes) -> int:
        nonlocal offset, expected
        encoded = text.encode("utf-8") if isinstance(text, str) else text
        if expected is None:
            parts.append(encoded)
        elif not expected.startswith(encoded, offset):
            expected = b""
        offset += len(encoded)
        return len(encoded)

    put("{")
    for t_index, (name, table) in enumerate(data.items()):
        put(f"{',' if t_index else ''}\n{dumps(name)}: {{")
        for d_index, (doc_id, doc) in enumerate(table.items()):
            put(f"{',' if d_index else ''}\n {dumps(doc_id)}: ")
            start = offset
            if name == CONTACTS_TABLE:
                spans[doc_id] = (start, put(unchanged(doc_id) or dumps(doc)))
            else:
                put(dumps(doc))
        put("\n}")
    put("\n}\n")
    if expected is not None:
        return (expected if offset == len(expected) else b""), spans
    return b"".join(parts), spans


def write_atomic(target: Path, payload: bytes, *, durable: bool = True) -> None:
    """Write `payload` to a temp file beside `target`, fsync it and rename it over `target`.

    Keeps the target's permission bits; a new file gets the umask's default. Readers see the old
    file or the new one, never a mix. On failure the target is untouched and the temp file removed.
    `durable=False` skips the fsyncs, for caches that are checked before use.
    """
    import tempfile

    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise StoreError(
            f"cannot write {target}: {exc.strerror} in {target.parent}; nothing was changed"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise StoreError(f"cannot write {target}: {exc.strerror}; nothing was changed") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    if durable:
        _fsync_dir(target.parent)


def _write_index_quietly(path: Path, payload: bytes) -> None:
    # The index is a cache: when it cannot be written the store is still right, and a stale index
    # is detected and ignored by the next read.
    with suppress(StoreError):
        write_atomic(path, payload, durable=False)


def _unlink_quietly(path: str) -> None:
    with suppress(OSError):
        os.unlink(path)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk; not every platform allows this.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
