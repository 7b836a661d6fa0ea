"""Start-up, search and add as whole processes, against the floor from the core and search issues:

    python -c "import typer, rich.console, rich.table, json; json.load(open(STORE))"

and, for the bundled starter directory, `python -c "import typer, rich.console, rich.table"`.

    python bench/core.py                 # 10,000 and 100,000 entries
    python bench/core.py --sizes 10000 --repeat 15
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, compare, contacts_exe, ensure_bytecode, peak_rss_kib, report, run_once
from bench.synth import write_store

TARGETS = {
    10_000: {"search --json": 1.1, "search (table)": 1.3, "add": 1.6},
    100_000: {"search --json": 1.1, "search (table)": 1.3},
}
STARTER_TARGETS = {"search stano (table)": 1.2, "search stano --json": 1.2}
MEMORY_LIMIT_MIB = 400


def bench_size(exe: str, folder: Path, size: int, repeat: int) -> list[str]:
    store = folder / f"store-{size}.json"
    write_store(store, size)
    run_once([exe, "--db", str(store), "search", "warm-up"])  # the first read builds the index
    floor = f"import typer, rich.console, rich.table, json; json.load(open({str(store)!r}))"
    cases = {
        "floor": lambda r: [PYTHON, "-c", floor],
        "search --json": lambda r: [exe, "--db", str(store), "search", "stano", "--json"],
        "search (table)": lambda r: [exe, "--db", str(store), "search", "stano"],
        "search 2 terms + filter": lambda r: [
            exe,
            "--db",
            str(store),
            "search",
            "trade",
            "gill",
            "--kind",
            "spokesperson",
            "--json",
        ],
        "search by number": lambda r: [exe, "--db", str(store), "search", "0460 12", "--json"],
        "search typo (stanno)": lambda r: [exe, "--db", str(store), "search", "stanno", "--json"],
        "search field terms": lambda r: [
            exe,
            "--db",
            str(store),
            "search",
            "area:trade",
            "kind:spokesperson",
            "lang:fr",
            "--json",
        ],
        "search --explain": lambda r: [exe, "--db", str(store), "search", "gill", "--explain", "--json"],
        "search --format csv": lambda r: [exe, "--db", str(store), "search", "stano", "--format", "csv"],
        "who fisheries --json": lambda r: [exe, "--db", str(store), "who", "fisheries", "--json"],
        "who (table, narrowed)": lambda r: [
            exe,
            "--db",
            str(store),
            "who",
            "fisheries",
            "--org",
            "europol",
            "--lang",
            "el",
        ],
        "add": lambda r: [
            exe,
            "--db",
            str(store),
            "add",
            f"Bench Person {r}",
            "--kind",
            "spokesperson",
            "--phone",
            f"+33 1 44 55 {r // 100 % 100:02d} {r % 100:02d}",  # synth.py makes only Belgian numbers
            "--email",
            f"bench{r}@example.eu",
        ],
    }
    medians = compare(cases, repeat)
    missed = report(
        f"{size:,} entries ({store.stat().st_size / 1e6:.1f} MB store)",
        medians,
        "floor",
        TARGETS.get(size, {}),
    )
    floor_rss = peak_rss_kib([PYTHON, "-c", floor]) / 1024
    print(f"  peak memory (limit {MEMORY_LIMIT_MIB} MiB): floor {floor_rss:.0f} MiB")
    for what, argv in (
        ("search --json", [exe, "--db", str(store), "search", "stano", "--json"]),
        ("search (table)", [exe, "--db", str(store), "search", "stano"]),
        ("list --json (every entry)", [exe, "--db", str(store), "list", "--json"]),
        ("list --format csv", [exe, "--db", str(store), "list", "--format", "csv"]),
    ):
        rss = peak_rss_kib(argv) / 1024
        print(f"    {what:<27}{rss:>6.0f} MiB")
        if rss > MEMORY_LIMIT_MIB:
            missed.append(f"{size:,}: {what} used {rss:.0f} MiB")
    # Not a target, for the record: without a usable index (deleted, or the store edited by hand) a
    # read parses the whole store as the floor does, and holds the file's bytes beside it.
    store.with_name(store.name + ".index").unlink()
    rss = peak_rss_kib([exe, "--db", str(store), "search", "stanno", "--json"]) / 1024
    print(f"    {'search, no index (info)':<27}{rss:>6.0f} MiB")
    return missed


def bench_starter(exe: str, folder: Path, repeat: int) -> list[str]:
    store = folder / "starter.json"
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "starter.json", store)
    run_once([exe, "--db", str(store), "search", "warm-up"])
    cases = {
        "floor": lambda r: [PYTHON, "-c", "import typer, rich.console, rich.table"],
        "search stano (table)": lambda r: [exe, "--db", str(store), "search", "stano"],
        "search stano --json": lambda r: [exe, "--db", str(store), "search", "stano", "--json"],
        "show stano": lambda r: [exe, "--db", str(store), "show", "stano"],
    }
    return report("starter directory (2 entries)", compare(cases, repeat), "floor", STARTER_TARGETS)


def bench_typos() -> None:
    """The synthetic directories have a few hundred distinct words; a real one of 100,000 entries may
    have as many distinct surnames. Time the typo lookup (rapidfuzz) over that many, in process."""
    import random
    import string
    import time

    from contacts_cli.fuzzy import close_words

    rng = random.Random(1)
    letters = string.ascii_lowercase
    words = sorted({"".join(rng.choices(letters, k=rng.randint(4, 12))) for _ in range(100_000)})
    close_words("warm", words)  # imports rapidfuzz
    start = time.perf_counter()
    for term in ("pisonro", "stanno", "gill", "odegard"):
        close_words(term, words)
    per_term = (time.perf_counter() - start) / 4
    print(f"\ntypo lookup among {len(words):,} distinct words: {per_term * 1000:.1f} ms a term")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    exe = contacts_exe()
    ensure_bytecode()
    missed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="contacts-bench-") as tmp:
        folder = Path(tmp)
        missed += bench_starter(exe, folder, args.repeat)
        for size in args.sizes:
            missed += bench_size(exe, folder, size, args.repeat)
    bench_typos()
    print("\nall targets met" if not missed else "\ntargets missed:\n  " + "\n  ".join(missed))


if __name__ == "__main__":
    main()
