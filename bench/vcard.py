"""vCard import and export of 10,000 entries as whole processes, against the core floor of the same run:

    python -c "import typer, rich.console, rich.table, json; json.load(open(STORE))"

The issue's targets are absolute: import 10,000 cards within 4 s, export 10,000 entries within 1.5 s.
For scale, vobject alone takes about 13 s to parse and 7 s to write 10,000 cards on these machines.

    python bench/vcard.py
    python bench/vcard.py --size 10000 --repeat 5
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, compare, contacts_exe, ensure_bytecode, run_once
from bench.synth import contacts
from contacts_cli.errors import InvalidPhone
from contacts_cli.phones import parse_phone
from contacts_cli.store import CONTACTS_TABLE, dump_store, empty_data, write_atomic

TARGETS_S = {"import (new store)": 4.0, "export -o": 1.5}


def write_store(path: Path, n: int) -> Path:
    """A store of n synthetic entries holding only numbers that `add` accepts, as a real store does.

    bench/synth.py makes some Belgian fixed numbers that phonenumbers rejects (+32 2 961 90 24); an
    export of a real store never carries those, and reporting them would time the error path instead.
    """
    from dataclasses import replace

    def valid(number: str) -> bool:
        try:
            parse_phone(number)
        except InvalidPhone:
            return False
        return True

    entries = [replace(c, phones=tuple(p for p in c.phones if valid(p.e164))) for c in contacts(n)]
    data = empty_data()
    data[CONTACTS_TABLE] = {str(i + 1): c.to_record() for i, c in enumerate(entries)}
    write_atomic(path, dump_store(data)[0])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    exe = contacts_exe()
    ensure_bytecode()
    with tempfile.TemporaryDirectory(prefix="contacts-bench-") as tmp:
        folder = Path(tmp)
        store = write_store(folder / "store.json", args.size)
        run_once([exe, "--db", str(store), "search", "warm-up"])  # the first read builds the index
        cards = folder / "cards.vcf"
        run_once([exe, "--db", str(store), "export", "-o", str(cards)])
        cards4 = folder / "cards4.vcf"
        run_once([exe, "--db", str(store), "export", "-o", str(cards4), "--vcard-version", "4.0"])
        floor = f"import typer, rich.console, rich.table, json; json.load(open({str(store)!r}))"
        cases = {
            "floor": lambda r: [PYTHON, "-c", floor],
            "export -o": lambda r: [exe, "--db", str(store), "export", "-o", str(folder / "out.vcf")],
            "export 4.0 to stdout": lambda r: [exe, "--db", str(store), "export", "--vcard-version", "4.0"],
            "import (new store)": lambda r: [
                exe,
                "--db",
                str(folder / f"new-{r}.json"),
                "import",
                str(cards),
            ],
            "import 4.0 (new store)": lambda r: [
                exe,
                "--db",
                str(folder / f"new4-{r}.json"),
                "import",
                str(cards4),
            ],
            "import again (unchanged)": lambda r: [exe, "--db", str(store), "import", str(cards)],
        }
        medians = compare(cases, args.repeat)
        megabytes = cards.stat().st_size / 1e6
    base = medians["floor"]
    print(f"\n{args.size:,} entries, {megabytes:.1f} MB of vCard 3.0; median of {args.repeat}")
    print(f"  {'case':<28}{'median s':>10}{'x floor':>10}{'target s':>10}")
    missed = []
    for name, value in medians.items():
        target = TARGETS_S.get(name)
        mark = ""
        if target is not None:
            mark = "ok" if value <= target else "MISSED"
            if value > target:
                missed.append(f"{name}: {value:.2f} s > {target} s")
        shown = f"{target:.1f}" if target else ""
        print(f"  {name:<28}{value:>10.3f}{value / base:>9.2f}x{shown:>10} {mark}")
    print("\nall targets met" if not missed else "\ntargets missed:\n  " + "\n  ".join(missed))


if __name__ == "__main__":
    main()
