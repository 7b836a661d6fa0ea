"""What the store holds up to, as figures: concurrent writers and readers, kill -9 during writes,
damaged stores. Prints what was tried and what was lost (the answer must be 0).

    python bench/stress.py                      # 8 writers x 50 adds, 30 + 15 kills, every damaged shape
    python bench/stress.py --writers 16 --writes 100 --kills 100
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import contacts_exe, ensure_bytecode
from bench.kills import killed_at_random
from bench.synth import contacts, write_store
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
    confirmed: set[str] = set()
    sent = unparsable = 0

    def argv(i: int) -> list[str]:
        if i % 2 == 0:
            return [exe, "--db", str(store), "add", f"Killed {i}", "--kind", "press-officer"]
        return [exe, "--db", str(store), "edit", target, "--note", f"edit {i}"]

    for run_ in killed_at_random(argv, seed=5, rounds=count):
        sent += run_.killed
        if run_.returncode == 0 and run_.round % 2 == 0:
            confirmed.add(run_.stdout)
        try:
            json.loads(store.read_bytes())
        except ValueError:
            unparsable += 1
    lost = len(confirmed - {c.id for c in Store(store).load()})
    return {"kill -9 sent": sent, "stores left unparsable": unparsable, "reported adds lost": lost}


def import_kills(exe: str, folder: Path, count: int) -> dict[str, int]:
    from contacts_cli.vcard.write import to_vcard

    store = write_store(folder / "import.json", 2_000)
    cards = folder / "import.vcf"
    cards.write_text("".join(to_vcard(c) for c in contacts(5_000, seed=11)), newline="")
    before = store.read_bytes()
    sent = untouched = complete = partial = 0
    for run_ in killed_at_random(lambda _: [exe, "--db", str(store), "import", str(cards)], 7, count):
        sent += run_.killed
        if store.read_bytes() == before:
            untouched += 1
        elif len(Store(store).load()) == 5_000:
            complete += 1
        else:
            partial += 1
        store.write_bytes(before)
    return {"kill -9 sent": sent, "left as it was": untouched, "fully imported": complete,
            "partly imported": partial}  # fmt: skip


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
    parser.add_argument("--import-kills", type=int, default=15)
    args = parser.parse_args()
    exe = contacts_exe()
    ensure_bytecode()
    with tempfile.TemporaryDirectory(prefix="contacts-stress-") as tmp:
        folder = Path(tmp)
        for title, figures in (
            ("concurrent writers and readers", load(exe, folder, args.writers, args.writes)),
            ("kill -9 during add and edit (20,000-entry store)", kills(exe, folder, args.kills)),
            ("kill -9 during a 5,000-card import", import_kills(exe, folder, args.import_kills)),
            ("damaged stores", damaged(exe, folder)),
        ):
            print(f"\n{title}")
            for key, value in figures.items():
                print(f"  {key:<32}{value:>8}")


if __name__ == "__main__":
    main()
