"""Several real processes on one real store: nothing lost to a race, nothing broken by a kill -9."""

import json
import random
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.synth import write_store
from contacts_cli.store import Store

from .conftest import contacts_script


def _add(store: Path, name: str, phone: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            contacts_script(),
            "--db",
            str(store),
            "--lock-timeout",
            "60",
            "add",
            name,
            "--kind",
            "spokesperson",
            "--phone",
            phone,
            "--email",
            f"{name.replace(' ', '.').lower()}@example.eu",
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_eight_processes_adding_at_once_lose_nothing(tmp_path):
    store = tmp_path / "shared.json"
    workers, per_worker = 8, 25

    def worker(w: int) -> list[str]:
        ids = []
        for i in range(per_worker):
            result = _add(store, f"Writer{w} Entry{i}", f"+32 2 55{w} {i // 10:02d} {i % 10}0")
            assert result.returncode == 0, result.stderr
            ids.append(result.stdout.strip())
        return ids

    with ThreadPoolExecutor(workers) as pool:
        reported = [i for ids in pool.map(worker, range(workers)) for i in ids]
    contacts = Store(store).load()
    assert len(reported) == len(set(reported)) == workers * per_worker
    assert {c.id for c in contacts} == set(reported)
    assert len({c.name for c in contacts}) == workers * per_worker


def test_kill_9_during_writes_never_breaks_the_store_nor_loses_a_reported_add(tmp_path):
    store = write_store(tmp_path / "big.json", 20_000)
    rng = random.Random(1)
    kept: list[str] = []
    killed = 0
    for i in range(12):
        proc = subprocess.Popen(
            [
                contacts_script(),
                "--db",
                str(store),
                "add",
                f"Killable Person{i}",
                "--kind",
                "press-officer",
                "--phone",
                f"+32 2 556 {i:02d} 00",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        out, _ = proc.communicate()
        if proc.returncode == 0:
            kept.append(out.strip())
        data = json.loads(store.read_bytes())  # parses, whatever the moment of the kill
        assert len(data["contacts"]) >= 20_000 + len(kept)
        ids = {c.id for c in Store(store).load()}
        assert set(kept) <= ids
    assert killed >= 3, "the kills all came too late to test anything; slow machine?"
    assert kept, "no add finished; the kills all came too early"
    # The next write clears the temp files that killed writers left behind.
    assert _add(store, "Last Writer", "+32 2 557 00 00").returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
