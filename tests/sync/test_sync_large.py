"""A first sync of 500 entries, read back by a second store; and a sync killed half-way, then resumed."""

import os
import signal
import subprocess
import time
from pathlib import Path

from bench.vcard import write_store
from contacts_cli.store import Store
from tests.conftest import Cli, contacts_script
from tests.sync import helpers
from tests.sync.conftest import USER, Radicale

SIZE = 500


def comparable(store: Store) -> dict[str, dict]:  # type: ignore[type-arg]
    out = {}
    for contact in store.load():
        record = contact.to_record()
        for key in ("id", "created", "updated"):
            record.pop(key)
        out[contact.uid] = record
    return out


def test_500_entries_travel_to_the_server_and_back_unchanged(
    cli: Cli, radicale: Radicale, book: str, password_env: str, store_path: Path, tmp_path: Path
) -> None:
    write_store(store_path, SIZE)
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-env", password_env)
    assert f"{SIZE} created on the server" in cli.ok("sync").stderr
    assert len(radicale.cards(book)) == SIZE
    before = store_path.read_bytes()
    assert "nothing to do" in cli.ok("sync").stderr
    assert store_path.read_bytes() == before

    colleague = tmp_path / "colleague.json"
    cli.ok(
        "--db",
        str(colleague),
        "remote",
        "add",
        "office",
        book,
        "--user",
        USER,
        "--password-env",
        password_env,
    )
    assert f"{SIZE} added here" in cli.ok("--db", str(colleague), "sync").stderr
    assert comparable(Store(colleague)) == comparable(Store(store_path))
    assert "nothing to do" in cli.ok("--db", str(colleague), "sync").stderr
    assert "nothing to do" in cli.ok("sync").stderr


def test_a_sync_killed_half_way_resumes_without_duplicates_or_losses(
    cli: Cli, radicale: Radicale, book: str, password_env: str, store_path: Path
) -> None:
    write_store(store_path, SIZE)
    for i in range(20):  # cards from phones, to be taken here
        helpers.put(
            f"{book}phone-{i}.vcf", helpers.card(f"phone-{i}", f"Olof Gill{i}", tel=f"+3222954{i:03d}")
        )
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-env", password_env)
    process = subprocess.Popen(
        [contacts_script(), "sync"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ)
    )
    deadline = time.monotonic() + 60
    while len(radicale.cards(book)) < 20 + SIZE // 3:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    sent_before_kill = len(radicale.cards(book)) - 20
    assert 0 < sent_before_kill < SIZE
    assert len(Store(store_path).load()) == SIZE  # the takes come last, in one transaction: not yet

    result = cli.ok("sync")
    assert "20 added here" in result.stderr
    assert len(radicale.cards(book)) == SIZE + 20
    local = Store(store_path).load()
    assert len(local) == SIZE + 20 and len({c.uid for c in local}) == SIZE + 20
    assert "nothing to do" in cli.ok("sync").stderr
