"""Several real processes on one real store: nothing lost to a race, nothing broken by a kill -9."""

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
