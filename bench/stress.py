"""What the store holds up to, as figures: concurrent writers and readers, kill -9 during writes,
damaged stores. Prints what was tried and what was lost (the answer must be 0).

    python bench/stress.py                      # 8 writers x 50 adds, 30 kills, every damaged shape
    python bench/stress.py --writers 16 --writes 100 --kills 100
"""

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import contacts_exe, ensure_bytecode
from bench.synth import write_store
from contacts_cli.store import Store


def run(exe: str, store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [exe, "--db", str(store), "--lock-timeout", "300", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def load(exe: str, folder: Path, writers: int, writes: int) -> dict[str, int]:
    store = folder / "load.json"
    stop = threading.Event()
    reads = {"ok": 0, "failed": 0}

    def reader() -> None:
        while not stop.is_set():
            result = run(exe, store, "search", "--json")
            try:
                json.loads(result.stdout) if result.returncode == 0 else None
                reads["ok" if result.returncode == 0 else "failed"] += 1
            except json.JSONDecodeError:
                reads["failed"] += 1

    def writer(w: int) -> list[str]:
        ids = []
        for i in range(writes):
            result = run(
                exe, store, "add", f"Stress W{w} N{i}", "--kind", "spokesperson", "--note", f"{w}/{i}"
            )
            if result.returncode == 0:
                ids.append(result.stdout.strip())
        return ids

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    with ThreadPoolExecutor(writers) as pool:
        reported = [i for ids in pool.map(writer, range(writers)) for i in ids]
    stop.set()
    for thread in threads:
        thread.join()
    stored = {c.id for c in Store(store).load()}
    return {
        "writers": writers,
        "writes reported": len(reported),
        "writes lost": len(set(reported) - stored),
        "searches": reads["ok"] + reads["failed"],
        "searches failed or broken": reads["failed"],
    }


def kills(exe: str, folder: Path, count: int) -> dict[str, int]:
    store = write_store(folder / "kills.json", 20_000)
    target = Store(store).load()[0].id
    rng = random.Random(5)
    confirmed: set[str] = set()
    survived = unparsable = lost = 0
    for i in range(count):
        argv = (
            ["add", f"Killed {i}", "--kind", "press-officer"]
            if i % 2 == 0
            else ["edit", target, "--note", f"edit {i}"]
        )
        proc = subprocess.Popen(
            [exe, "--db", str(store), *argv], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        time.sleep(rng.uniform(0.02, 0.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        if proc.returncode == 0 and argv[0] == "add":
            confirmed.add(out.strip())
        elif proc.returncode == -signal.SIGKILL:
            survived += 1
        try:
            json.loads(store.read_bytes())
        except ValueError:
            unparsable += 1
        lost = len(confirmed - {c.id for c in Store(store).load()})
    return {"kill -9 sent": survived, "stores left unparsable": unparsable, "reported adds lost": lost}


def damaged(exe: str, folder: Path) -> dict[str, int]:
    from tests.test_store import DAMAGED

    tried = changed = tracebacks = wrong_exit = 0
    for name, payload in DAMAGED.items():
        store = folder / f"damaged-{len(name)}-{tried}.json"
        store.write_bytes(payload)
        for args in (
            ["search", "x"],
            ["show", "x"],
            ["add", "A B", "--kind", "spokesperson"],
            ["remove", "x", "--yes"],
        ):
            result = run(exe, store, *args)
            tried += 1
            tracebacks += "Traceback" in result.stderr
            wrong_exit += result.returncode != 1
            changed += store.read_bytes() != payload
    return {"damaged stores x commands": tried, "tracebacks": tracebacks, "wrong exit codes": wrong_exit,
            "stores changed": changed}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=50)
    parser.add_argument("--kills", type=int, default=30)
    args = parser.parse_args()
    exe = contacts_exe()
    ensure_bytecode()
    with tempfile.TemporaryDirectory(prefix="contacts-stress-") as tmp:
        folder = Path(tmp)
        for title, figures in (
            ("concurrent writers and readers", load(exe, folder, args.writers, args.writes)),
            ("kill -9 during add and edit (20,000-entry store)", kills(exe, folder, args.kills)),
            ("damaged stores", damaged(exe, folder)),
        ):
            print(f"\n{title}")
            for key, value in figures.items():
                print(f"  {key:<32}{value:>8}")


if __name__ == "__main__":
    main()
