"""CardDAV sync against a local Radicale (started here on 127.0.0.1), as whole `contacts` processes.

The floor, measured in the same run, is `contacts import` of the same cards into a new store: the local
work of turning cards into entries. A first sync adds the server's work and one HTTP request per card.
Radicale's filesystem storage grows its per-PUT cost with the size of the collection, so sizes past a
few thousand measure Radicale more than contacts.

    python bench/sync.py
    python bench/sync.py --size 500 --size 2000 --repeat 1
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import contacts_exe, ensure_bytecode, run_once
from bench.vcard import write_store
from tests.sync.conftest import PASSWORD, USER, running


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, action="append", help="entries (repeat; default 500)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per size (median)")
    args = parser.parse_args()
    sizes = args.size or [500]
    exe = contacts_exe()
    ensure_bytecode()
    env = {"BENCH_DAV_PW": PASSWORD}
    with tempfile.TemporaryDirectory(prefix="contacts-bench-") as tmp, running(Path(tmp) / "dav") as server:
        folder = Path(tmp)
        for size in sizes:
            rows: dict[str, list[float]] = {}
            for round_ in range(args.repeat):
                source = write_store(folder / f"source-{size}-{round_}.json", size)
                cards = folder / f"cards-{size}.vcf"
                run_once([exe, "--db", str(source), "export", "-o", str(cards)])
                # The store that sends is made by `import`, as a user's store is made by contacts'
                # own writes (with its search index); that import is the floor.
                here = folder / f"a-{size}-{round_}.json"
                colleague = folder / f"b-{size}-{round_}.json"
                book = server.new_book()
                add = ["remote", "add", "office", book, "--user", USER, "--password-env", "BENCH_DAV_PW"]
                cases = {
                    "floor: import the cards": [exe, "--db", str(here), "import", str(cards)],
                    "remote add": [exe, "--db", str(here), *add],
                    "first sync, sending": [exe, "--db", str(here), "sync"],
                    "second sync, no change": [exe, "--db", str(here), "sync"],
                    "first sync, taking": [exe, "--db", str(colleague), "sync"],
                    "second sync after taking": [exe, "--db", str(colleague), "sync"],
                }
                run_once([exe, "--db", str(colleague), *add])
                for name, argv in cases.items():
                    rows.setdefault(name, []).append(run_once(argv, env))
            medians = {name: sorted(values)[len(values) // 2] for name, values in rows.items()}
            base = medians["floor: import the cards"]
            print(f"\n{size:,} entries against Radicale on 127.0.0.1; median of {args.repeat}")
            print(f"  {'case':<28}{'median s':>10}{'x floor':>10}")
            for name, value in medians.items():
                print(f"  {name:<28}{value:>10.3f}{value / base:>9.2f}x")


if __name__ == "__main__":
    main()
