"""Black-box reliability: the installed `contacts` script in real processes, on real files.

Load from several writers and readers at once, faults (kill -9, a full disk, a read-only folder, a held
lock), damaged stores, schema versions, and hostile text reaching a terminal.
"""

import contextlib
import json
import os
import re
import resource
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.kills import killed_at_random
from bench.synth import contacts, write_store
from contacts_cli.lock import exclusive
from contacts_cli.store import Store
from contacts_cli.vcard.write import to_vcard

from .conftest import FIXTURES, contacts_script
from .test_store import DAMAGED


def run(
    store: Path, *args: str, env: dict[str, str] | None = None, **kwargs
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [contacts_script(), "--db", str(store), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kwargs,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], *, names: Path | None = None) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    if names is not None:
        assert str(names) in result.stderr


@contextlib.contextmanager
def searches_in_a_loop(store: Path, readers: int = 2) -> Iterator[list[str]]:
    """Runs `search --json` in a loop beside the block; yields one line per search, "ok" or what broke."""
    stop = threading.Event()
    outcomes: list[str] = []

    def reader() -> None:
        while not stop.is_set():
            result = run(store, "search", "--json")
            try:
                assert result.returncode == 0
                assert isinstance(json.loads(result.stdout), list)
                outcomes.append("ok")
            except (AssertionError, json.JSONDecodeError):
                outcomes.append(f"{result.returncode} {result.stdout[:200]!r} {result.stderr[:200]!r}")

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    for thread in threads:
        thread.start()
    try:
        yield outcomes
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def _add_stream(store: Path, w: int, count: int) -> list[str]:
    ids = []
    for i in range(count):
        result = run(
            store, "--lock-timeout", "120", "add", f"Writer{w} Entry{i}", "--kind", "spokesperson",
            "--phone", f"+32 2 56{w} {i // 10:02d} {i % 10}1",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        ids.append(result.stdout.strip())
    return ids


def test_eight_writers_fifty_adds_each_and_readers_in_a_loop(tmp_path):
    store = tmp_path / "shared.json"
    assert run(store, "add", "Seed Entry", "--kind", "press-office").returncode == 0
    with searches_in_a_loop(store) as searches, ThreadPoolExecutor(8) as pool:
        reported = [i for ids in pool.map(lambda w: _add_stream(store, w, 50), range(8)) for i in ids]
    assert searches and set(searches) == {"ok"}, [s for s in searches if s != "ok"]
    stored = {c.id for c in Store(store).load()}
    assert len(reported) == 400
    assert set(reported) <= stored and len(stored) == 401


def test_a_3000_card_import_and_a_stream_of_adds_while_searches_loop(tmp_path):
    store = write_store(tmp_path / "shared.json", 500)
    cards = tmp_path / "cards.vcf"
    cards.write_text("".join(to_vcard(c) for c in contacts(3_000, seed=21)), newline="")
    with searches_in_a_loop(store) as searches, ThreadPoolExecutor(2) as pool:
        imported = pool.submit(run, store, "--lock-timeout", "120", "import", str(cards))
        added = pool.submit(_add_stream, store, 1, 30)
        assert imported.result().returncode == 0, imported.result().stderr
        reported = added.result()
    assert searches and set(searches) == {"ok"}, [s for s in searches if s != "ok"]
    stored = Store(store).load()
    assert set(reported) <= {c.id for c in stored}
    assert {c.uid for c in contacts(3_000, seed=21)} <= {c.uid for c in stored}


@pytest.mark.parametrize("command", ["add", "edit"])
def test_kill_9_at_random_moments_keeps_a_parsing_store_and_every_reported_write(tmp_path, command):
    store = write_store(tmp_path / "big.json", 20_000)
    first = Store(store).load()[0]
    confirmed: dict[str, str] = {}  # id -> the note a write reported as saved
    finished: list[int] = []

    def argv(i: int) -> list[str]:
        if command == "add":
            return [
                contacts_script(),
                "--db",
                str(store),
                "add",
                f"Killable {i}",
                "--kind",
                "press-officer",
                "--note",
                f"n{i}",
            ]
        return [contacts_script(), "--db", str(store), "edit", first.id, "--note", f"n{i}"]

    for run_ in killed_at_random(argv, seed=command):
        if run_.returncode == 0:
            finished.append(run_.round)
            confirmed[run_.stdout if command == "add" else first.id] = f"n{run_.round}"
        json.loads(store.read_bytes())  # the store parses whatever the moment of the kill
        notes = {c.id: c.note for c in Store(store).load()}
        if command == "add":
            assert {entry_id: notes.get(entry_id) for entry_id in confirmed} == confirmed
            assert len(notes) >= 20_000 + len(confirmed)
        elif finished:
            # The latest reported edit is kept, unless a later killed one got through entirely.
            assert notes[first.id] in {f"n{j}" for j in range(finished[-1], run_.round + 1)}
    assert finished, "no write finished"
    # The next write clears the temp files that killed writers left behind.
    assert run(store, "add", "Last Writer", "--kind", "press-office").returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_full_disk_gives_a_clear_error_and_leaves_the_store(tmp_path):
    store = write_store(tmp_path / "store.json", 2_000)
    before = store.read_bytes()

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) // 2, len(before) // 2))

    result = run(store, "add", "Ana Pisonero", "--kind", "spokesperson", preexec_fn=small_files)
    assert_clean_failure(result, names=store)
    assert "File too large" in result.stderr
    assert store.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make a folder read-only even for root (immutable attribute), or skip when that is impossible."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        undo = ["chattr", "-i", str(folder)]
    else:
        os.chmod(folder, 0o555)
        made, undo = True, ["chmod", "755", str(folder)]
    try:
        probe = folder / ".probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            made = False
        if not made:
            pytest.skip("cannot make a folder read-only here")
        yield
    finally:
        subprocess.run(undo, capture_output=True)


def test_a_read_only_folder_gives_a_clear_error_and_reads_still_work(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "contacts.json"
    assert run(store, "add", "Peter Stano", "--kind", "spokesperson").returncode == 0
    (folder / "contacts.json.lock").unlink()
    before = store.read_bytes()
    with read_only(folder):
        result = run(store, "add", "Ana Pisonero", "--kind", "spokesperson")
        assert_clean_failure(result, names=store)
        found = run(store, "search", "stano", "--json")
        assert found.returncode == 0 and json.loads(found.stdout)[0]["name"] == "Peter Stano"
    assert store.read_bytes() == before


def test_a_held_lock_times_out_clearly(tmp_path):
    store = tmp_path / "store.json"
    assert run(store, "add", "Peter Stano", "--kind", "spokesperson").returncode == 0
    before = store.read_bytes()
    with exclusive(Path(f"{store}.lock"), timeout=1, what=store):
        started = time.monotonic()
        result = run(store, "--lock-timeout", "0.5", "edit", "stano", "--note", "x")
        waited = time.monotonic() - started
    assert_clean_failure(result, names=store)
    assert "--lock-timeout" in result.stderr
    assert waited < 10
    assert store.read_bytes() == before


def test_mode_symlink_and_group_writable_lock_are_kept(tmp_path):
    real = tmp_path / "office" / "press.json"
    real.parent.mkdir()
    link = tmp_path / "mine.json"
    link.symlink_to(real)
    assert run(link, "add", "Peter Stano", "--kind", "spokesperson").returncode == 0
    os.chmod(real, 0o660)
    assert run(link, "edit", "stano", "--note", "x").returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.stat().st_mode & 0o777 == 0o660
    assert (tmp_path / "office" / "press.json.lock").stat().st_mode & 0o060 == 0o060


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_every_command_refuses_a_damaged_store_and_leaves_its_bytes(tmp_path, name):
    store = tmp_path / "damaged.json"
    store.write_bytes(DAMAGED[name])
    for args in (["search", "x"], ["list", "--json"], ["show", "x"], ["add", "A B", "--kind", "spokesperson"],
                 ["edit", "x", "--note", "y"], ["remove", "x", "--yes"]):  # fmt: skip
        assert_clean_failure(run(store, *args), names=store)
    assert store.read_bytes() == DAMAGED[name]


def test_a_store_from_every_schema_version_reads(tmp_path):
    fixtures = sorted((FIXTURES / "stores").glob("schema-*.json"))
    assert fixtures, "keep a fixture store for every schema version"
    for fixture in fixtures:
        store = tmp_path / fixture.name
        shutil.copy(fixture, store)
        listed = run(store, "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert {e["name"] for e in json.loads(listed.stdout)} >= {"Peter Stano", "Paloma Hall Caballero"}
        assert run(store, "edit", "stano", "--note", "checked").returncode == 0


def test_an_older_schema_is_migrated_under_the_lock_after_a_byte_identical_backup(tmp_path):
    store = tmp_path / "store.json"
    shutil.copy(FIXTURES / "stores" / "schema-1.json", store)
    before = store.read_bytes()

    def to_two(data):
        for record in data["contacts"].values():
            record["pronouns"] = None
        return data

    with Store(store, schema_version=2, migrations={1: to_two}).transaction() as txn:
        txn.replace(txn.view.resolve("stano"))
    backup = tmp_path / "store.json.schema1.bak"
    assert backup.read_bytes() == before
    data = json.loads(store.read_text())
    assert data["_meta"]["1"]["schema"] == 2
    assert all("pronouns" in r for r in data["contacts"].values())
    # This version (schema 1) now reads that store but never writes it.
    after = store.read_bytes()
    result = run(store, "edit", "stano", "--note", "x")
    assert_clean_failure(result, names=store)
    assert "newer" in result.stderr
    assert store.read_bytes() == after


HOSTILE = {
    "rich markup": "[bold red]LOUD[/bold red] [link=https://evil.example]x[/link] [/]",
    "OSC 8 hyperlink": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "clear screen": "\x1b[2J\x1b[H",
    "window title": "\x1b]0;pwned\x07",
    "C1 CSI": "\x9b2J",
    "bidi override": "\u202egnp.exe\u202c",
    "colour": "\x1b[31mred\x1b[0m",
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
@pytest.mark.parametrize("force_color", [False, True])
def test_hostile_text_prints_inert_on_a_terminal_and_piped(tmp_path, hostile, force_color):
    store = tmp_path / "store.json"
    assert run(store, "add", "Eve Placeholder", "--kind", "spokesperson").returncode == 0
    data = json.loads(store.read_text())
    record = data["contacts"]["1"]
    text = HOSTILE[hostile]
    record.update(
        name=f"Eve {text}", title=f"Spokesperson {text}", note=text, organization=f"Org {text}",
        areas=[f"Trade {text}"], emails=["eve@example.org"],
    )  # fmt: skip
    store.write_text(json.dumps(data))
    env = (
        {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"}
        if force_color
        else {"COLUMNS": "200"}
    )
    commands = (
        ["search", "eve"], ["search", "eve", "--explain"], ["show", record["id"]], ["list"], ["who", "trade"],
        ["search", "eve", "--format", "mutt"], ["search", "eve", "--format", "csv"],
        ["who", "trade", "-f", "jsonl"],
    )  # fmt: skip
    for args in commands:
        result = run(store, *args, env=env)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        if force_color:
            assert re.search(r"\x1b(?!\[[0-9;]*m)", out) is None, repr(out)  # our colour, and nothing else
            assert "\x1b[31mred" not in out, repr(out)
        else:
            assert "\x1b" not in out, repr(out)
        assert not re.search("[\x07\x9b\u202e\u202c]", out), repr(out)
        if hostile == "rich markup":
            assert "[bold red]LOUD[/bold red]" in out
