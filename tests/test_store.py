"""The store on real files: shapes it refuses, what an edit keeps, modes, links, locks."""

import json
import os
import stat
from pathlib import Path

import pytest

from contacts_cli.errors import LockTimeout, StoreDamaged, StoreTooNew
from contacts_cli.lock import exclusive
from contacts_cli.model import Contact
from contacts_cli.store import Store, dump_store, empty_data

from .conftest import ANA

GOOD = dump_store(empty_data())[0]

DAMAGED = {
    "truncated": GOOD[: len(GOOD) // 2],
    "trailing garbage": GOOD + b"}garbage",
    "nul padded": GOOD + b"\x00" * 64,
    "nul only": b"\x00" * 4096,
    "empty": b"",
    "whitespace only": b"  \n\t\n",
    "a list": b"[]",
    "an object without tables": b"{}",
    "contacts not an object": b'{"_meta": {"1": {"schema": 1}}, "contacts": []}',
    "schema not a number": b'{"_meta": {"1": {"schema": "one"}}, "contacts": {}}',
    "entry not an object": b'{"_meta": {"1": {"schema": 1}}, "contacts": {"1": 5}}',
    "entry without a name": b'{"_meta": {"1": {"schema": 1}}, "contacts": {"1": {"id": "a", "kind": "x"}}}',
    "entry key not a number": b'{"_meta": {"1": {"schema": 1}}, "contacts": {"x": {}}}',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "latin-1 bytes": '{"_meta": {"1": {"schema": 1}}, "contacts": {"1": {"name": "M\u00fcller"}}}'.encode(
        "latin-1"
    ),
    "utf-8 bom": b"\xef\xbb\xbf" + GOOD,
    "half a surrogate pair": b'{"_meta": {"1": {"schema": 1}}, "contacts": {"1": '
    b'{"id": "a1b2c3d4", "name": "Ana \\ud800 M", "kind": "spokesperson"}}}',
    "half a surrogate pair, upper case": b'{"_meta": {"1": {"schema": 1}}, "contacts": {"1": '
    b'{"id": "a1b2c3d4", "name": "Ana", "kind": "spokesperson", "note": "\\uDC01"}}}',
}


def test_an_escaped_surrogate_pair_is_text_and_the_store_stays_writable(store_path, cli):
    store_path.write_bytes(
        b'{"_meta": {"1": {"schema": 1}}, "contacts": {"1": '
        b'{"id": "a1b2c3d4", "name": "Ana \\ud83d\\ude00 M", "kind": "spokesperson"}}}'
    )
    cli.ok("add", "Peter Stano", "--kind", "spokesperson")
    assert "Ana \U0001f600 M" in store_path.read_text("utf-8")


@pytest.mark.parametrize("name", DAMAGED)
def test_damaged_store_is_refused_and_left_byte_identical(name, store_path, cli):
    store_path.write_bytes(DAMAGED[name])
    for args in (["search", "x"], ["list", "--json"], ["show", "x"], list(ANA), ["remove", "x", "--yes"]):
        result = cli.fails(*args)
        assert str(store_path) in result.stderr
        assert store_path.read_bytes() == DAMAGED[name]


def test_damaged_store_raises_store_damaged(store_path):
    store_path.write_bytes(b"{")
    with pytest.raises(StoreDamaged, match="not valid JSON"), Store(store_path).transaction():
        pass


def test_fields_this_version_does_not_know_survive_an_edit(store_path, cli):
    cli.ok(*ANA)
    data = json.loads(store_path.read_text())
    record = next(iter(data["contacts"].values()))
    record["pronouns"] = "she/her"
    record["phones"][0]["x-desk"] = "trade"  # an unknown key on a known value is not ours to keep
    data["x-future-table"] = {"1": {"anything": [1, 2]}}
    store_path.write_text(json.dumps(data))
    cli.ok("edit", "pisonero", "--title", "Spokesperson for Trade and Economic Security")
    after = json.loads(store_path.read_text())
    record = next(iter(after["contacts"].values()))
    assert record["pronouns"] == "she/her"
    assert record["title"] == "Spokesperson for Trade and Economic Security"
    assert after["x-future-table"] == {"1": {"anything": [1, 2]}}


def test_a_store_from_a_newer_version_is_read_but_never_written(store_path, cli):
    cli.ok(*ANA)
    data = json.loads(store_path.read_text())
    data["_meta"]["1"]["schema"] = 99
    store_path.write_text(json.dumps(data))
    before = store_path.read_bytes()
    assert cli.json("search", "pisonero")[0]["name"] == "Ana Pisonero"
    result = cli.fails("edit", "pisonero", "--title", "x")
    assert "newer contacts-cli" in result.stderr
    assert store_path.read_bytes() == before
    with pytest.raises(StoreTooNew), Store(store_path).transaction():
        pass


def test_file_mode_is_kept(store_path, cli):
    cli.ok(*ANA)
    os.chmod(store_path, 0o640)
    cli.ok("edit", "pisonero", "--note", "Mornings only")
    assert stat.S_IMODE(store_path.stat().st_mode) == 0o640


def test_a_symlinked_store_stays_a_symlink(tmp_path, cli):
    real = tmp_path / "shared" / "press.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    cli.ok("--db", str(link), *ANA)
    cli.ok("--db", str(link), "edit", "pisonero", "--note", "x")
    assert link.is_symlink() and real.is_file()
    assert json.loads(real.read_text())["contacts"]["1"]["note"] == "x"
    assert (tmp_path / "shared" / "press.json.lock").exists()


def test_a_held_lock_times_out_with_a_clear_error(store_path, cli):
    cli.ok(*ANA)
    before = store_path.read_bytes()
    lock = Path(str(store_path) + ".lock")
    with exclusive(lock, timeout=1, what=store_path):
        result = cli.fails("--lock-timeout", "0.2", "edit", "pisonero", "--note", "x")
    assert "locked by another contacts process" in result.stderr
    assert store_path.read_bytes() == before
    with (
        exclusive(lock, timeout=1, what=store_path),
        pytest.raises(LockTimeout),
        Store(store_path, lock_timeout=0.1).transaction(),
    ):
        pass


def test_the_lock_file_is_group_writable(store_path):
    old = os.umask(0o022)  # the usual umask takes the group's write bit off new files
    try:
        store = Store(store_path)
        with store.transaction() as txn:
            assert txn.ids() == set()
            assert stat.S_IMODE(store.lock_path.stat().st_mode) & 0o060 == 0o060
    finally:
        os.umask(old)


def test_read_only_commands_create_nothing(tmp_path, cli):
    store = tmp_path / "new" / "contacts.json"
    store.parent.mkdir()
    for args in (["search", "x"], ["list"], ["list", "--json"]):
        cli.ok("--db", str(store), *args)
    cli.fails("--db", str(store), "show", "x")
    assert list(store.parent.iterdir()) == []


def test_a_failed_write_leaves_the_store_and_no_temp_file(store_path, cli, monkeypatch):
    cli.ok(*ANA)
    before = store_path.read_bytes()

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = cli.fails("edit", "pisonero", "--note", "x")
    assert "No space left on device" in result.stderr
    assert store_path.read_bytes() == before
    assert not [p for p in store_path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_write_clears_the_temp_files_of_dead_writers_but_not_a_readers_index_in_flight(store_path, cli):
    cli.ok(*ANA)
    dead = store_path.parent / f".{store_path.name}.k3j_x9qz.tmp"
    reading = store_path.parent / f".{store_path.name}.index.a8f2m1pq.tmp"
    dead.write_text("half a store")
    reading.write_text("half an index")
    cli.ok("edit", "pisonero", "--note", "x")
    assert not dead.exists() and reading.exists()


def test_transactions_write_once_and_keep_order(store_path):
    store = Store(store_path)
    contacts = [
        Contact(id=f"{i:08x}", uid=f"u{i}", name=f"Person {i}", kind="spokesperson") for i in range(5)
    ]
    with store.transaction() as txn:
        txn.add(*contacts)
    with store.transaction() as txn:
        txn.remove(contacts[1])
        txn.replace(Contact(id=contacts[3].id, uid="u3", name="Renamed", kind="press-officer"))
    names = [c.name for c in store.load()]
    assert names == ["Person 0", "Person 2", "Renamed", "Person 4"]


def test_store_is_one_entry_per_line(store_path, cli):
    cli.ok(*ANA)
    cli.ok("add", "Peter Stano", "--title", "Lead Spokesperson", "--phone", "+32 460 75 45 53")
    lines = Path(store_path).read_text().splitlines()
    assert sum(1 for line in lines if line.startswith(' "')) == 3  # _meta's one record and two entries


def test_the_index_is_rebuilt_by_every_write_and_ignored_when_stale(store_path, cli):
    cli.ok(*ANA)
    index = store_path.with_name("contacts.json.index")
    assert index.exists()
    assert [e["name"] for e in cli.json("search", "pisonero")] == ["Ana Pisonero"]
    # A hand edit of the same length: the old index would still find "Pisonero".
    text = store_path.read_text()
    # (Zabalaga: no name near Pisonero, so typo tolerance cannot find the entry under its old name.)
    store_path.write_text(text.replace("Pisonero", "Zabalaga").replace("pisonero", "zabalaga"))
    assert cli.json("search", "pisonero") == []
    assert [e["name"] for e in cli.json("search", "zabalaga")] == ["Ana Zabalaga"]
    # A store replaced by another file of a different content.
    other = store_path.with_name("other.json")
    cli.ok("--db", str(other), "add", "Peter Stano", "--kind", "spokesperson")
    os.replace(other, store_path)
    assert [e["name"] for e in cli.json("search")] == ["Peter Stano"]
    cli.ok("edit", "stano", "--note", "x")
    assert [e["note"] for e in cli.json("search", "stano")] == ["x"]


def test_a_read_never_creates_an_index(store_path, cli):
    cli.ok(*ANA)
    store_path.with_name("contacts.json.index").unlink()
    assert [e["name"] for e in cli.json("search", "ana")] == ["Ana Pisonero"]
    assert not store_path.with_name("contacts.json.index").exists()
