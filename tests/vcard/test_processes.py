"""Large imports as real processes: all or nothing under kill -9, and a progress bar only on a terminal."""

import os
import pty
import subprocess

from bench.kills import killed_at_random
from bench.synth import contacts, write_store
from contacts_cli.store import Store
from contacts_cli.vcard.write import to_vcard
from tests.conftest import contacts_script


def _cards(tmp_path, n: int):
    path = tmp_path / "many.vcf"
    path.write_text("".join(to_vcard(c) for c in contacts(n, seed=11)), newline="")
    return path


def test_kill_9_during_a_5000_card_import_leaves_the_store_as_it_was_or_fully_imported(tmp_path):
    store = write_store(tmp_path / "store.json", 2_000)
    cards = _cards(tmp_path, 5_000)  # 2,000 of them update entries of the store (the same UIDs)
    before = store.read_bytes()
    reference = tmp_path / "reference.json"
    reference.write_bytes(before)
    subprocess.run(
        [contacts_script(), "--db", str(reference), "import", str(cards)], check=True, capture_output=True
    )
    complete = {(c.uid, c.name, c.title) for c in Store(reference).load()}
    assert len(complete) == 5_000
    outcomes = []
    argv = [contacts_script(), "--db", str(store), "import", str(cards)]
    for run in killed_at_random(lambda _: argv, seed="import"):
        if store.read_bytes() == before:
            assert run.killed
            outcomes.append("as it was")
        else:
            assert {(c.uid, c.name, c.title) for c in Store(store).load()} == complete
            outcomes.append("imported")
        store.write_bytes(before)  # every run starts from the same store
    assert "as it was" in outcomes and "imported" in outcomes


def test_a_large_import_shows_a_progress_bar_on_a_terminal_only(tmp_path):
    cards = _cards(tmp_path, 2_500)
    primary, secondary = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", CONTACTS_DB=str(tmp_path / "a.json"))
    proc = subprocess.Popen(
        [contacts_script(), "import", str(cards)],
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(primary)
    assert proc.wait(timeout=120) == 0
    shown = seen.decode("utf-8", errors="replace")
    assert "Reading cards" in shown
    assert "2500 added" in shown.replace(",", "")
    piped = subprocess.run(
        [contacts_script(), "--db", str(tmp_path / "b.json"), "import", str(cards)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert piped.returncode == 0
    assert "Reading cards" not in piped.stderr and "\x1b" not in piped.stderr
