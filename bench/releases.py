"""How well `extract` reads press releases: recall, precision, exact numbers and titles, forbidden numbers.

Three sets, scored apart:

- `held-back`: real releases (tests/releases/corpus/held-back/), chosen by a fixed rule before any
  tuning (tests/releases/corpus/README.md) and never tuned on. This is the figure to quote.
- `tuned`: the other real releases (tests/releases/corpus/tuned/), which the extractor was tuned on.
- `fixtures`: the releases written here in press-office layouts (tests/releases/fixtures/), kept as
  regression tests; they are not evidence of how well real releases are read.

Each NAME.(txt|html|pdf) has NAME.expected.json: the contacts a careful reader takes from it (name,
kind, title, phones in E.164 with ;ext=, emails), the --region a user would pass, if any, and
`forbidden`: fax, switchboard and hotline numbers that must go to nobody.

    python bench/releases.py              # the totals of each set
    python bench/releases.py -v           # and each release's misses and extras
    python bench/releases.py --set held-back --only de-
    python bench/releases.py --speed      # seconds to read a 50-page PDF and a 10 MB text release

An extracted entry matches an expected one with the same name (case and accents aside); a desk
(press-office) also matches by a shared number or address. Recall: expected entries found. Precision:
extracted entries expected. Exact numbers: matched entries whose numbers are exactly the expected
ones. Exact titles, kinds, emails and names are scored the same way. Forbidden numbers kept: how many
times a number listed as forbidden ends up on any extracted entry.
"""

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contacts_cli.model import Contact
from contacts_cli.releases.extract import extract
from contacts_cli.releases.text import release_text

ROOT = Path(__file__).resolve().parent.parent / "tests" / "releases"
SETS = {
    "held-back": ROOT / "corpus" / "held-back",
    "tuned": ROOT / "corpus" / "tuned",
    "fixtures": ROOT / "fixtures",
}
SUFFIXES = (".txt", ".html", ".pdf")


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    ).strip()


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    matched: int = 0
    exact_phones: int = 0
    exact_titles: int = 0
    right_kinds: int = 0
    exact_emails: int = 0
    exact_names: int = 0
    forbidden_kept: int = 0
    lines: list[str] = field(default_factory=list)


def releases(folder: Path, only: str | None) -> list[Path]:
    found = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    return [p for p in found if only is None or p.name.startswith(only)]


def matches(want: dict[str, Any], got: Contact) -> bool:
    if fold(want["name"]) == fold(got.name):
        return True
    if want["kind"] == "press-office" == got.kind:
        keys = {p.key for p in got.phones} | {e.casefold() for e in got.emails}
        return bool(keys & (set(want.get("phones", ())) | {e.casefold() for e in want.get("emails", ())}))
    return False


def score_one(path: Path, score: Score) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    text = release_text(path.read_bytes(), path.name).text
    got = list(extract(text, expected.get("region")).contacts)
    score.expected += len(expected["contacts"])
    score.extracted += len(got)
    forbidden = set(expected.get("forbidden", ()))
    for entry in got:
        kept = forbidden & {p.key for p in entry.phones}
        if kept:
            score.forbidden_kept += len(kept)
            score.lines.append(f"  {path.name}: {entry.name} holds forbidden {sorted(kept)}")
    left = list(got)
    for want in expected["contacts"]:
        hit = next((g for g in left if matches(want, g)), None)
        if hit is None:
            score.lines.append(f"  {path.name}: missed {want['name']}")
            continue
        left.remove(hit)
        score.matched += 1
        if hit.name == want["name"]:
            score.exact_names += 1
        else:
            score.lines.append(f"  {path.name}: name {hit.name!r} != {want['name']!r}")
        phones = sorted(p.key for p in hit.phones)
        if phones == sorted(want.get("phones", ())):
            score.exact_phones += 1
        else:
            score.lines.append(f"  {path.name}: {want['name']}: phones {phones} != {sorted(want['phones'])}")
        if hit.title == want.get("title"):
            score.exact_titles += 1
        else:
            score.lines.append(f"  {path.name}: {want['name']}: title {hit.title!r} != {want.get('title')!r}")
        if hit.kind == want["kind"]:
            score.right_kinds += 1
        else:
            score.lines.append(f"  {path.name}: {want['name']}: kind {hit.kind} != {want['kind']}")
        if sorted(e.casefold() for e in hit.emails) == sorted(e.casefold() for e in want.get("emails", ())):
            score.exact_emails += 1
        else:
            score.lines.append(
                f"  {path.name}: {want['name']}: emails {list(hit.emails)} != {want.get('emails')}"
            )
    for extra in left:
        score.lines.append(
            f"  {path.name}: extra {extra.name} ({extra.kind}, {[p.key for p in extra.phones]})"
        )


def rate(n: int, of: int) -> str:
    return f"{n / of:.3f} ({n}/{of})" if of else "n/a"


def report(name: str, paths: list[Path], score: Score) -> list[str]:
    return [
        f"[{name}] releases: {len(paths)}",
        f"  recall:                 {rate(score.matched, score.expected)}",
        f"  precision:              {rate(score.matched, score.extracted)}",
        f"  exact numbers:          {rate(score.exact_phones, score.matched)}",
        f"  exact titles:           {rate(score.exact_titles, score.matched)}",
        f"  right kinds:            {rate(score.right_kinds, score.matched)}",
        f"  exact emails:           {rate(score.exact_emails, score.matched)}",
        f"  exact names:            {rate(score.exact_names, score.matched)}",
        f"  forbidden numbers kept: {score.forbidden_kept}",
    ]


def speed() -> None:
    """Time extract on a 50-page PDF (made by reportlab) and a 10 MB text, each with the seed's foot."""
    import tempfile
    import time

    from contacts_cli.releases.text import read_release
    from tests.releases.pdfs import text_pdf

    foot = "\n".join((ROOT / "fixtures" / "eeas-foot-block.txt").read_text("utf-8").strip().split("\n")[-9:])
    with tempfile.TemporaryDirectory() as folder:
        pdf = text_pdf(Path(folder) / "long.pdf", foot, pages=50)
        big = Path(folder) / "big.txt"
        body = "The Council adopted conclusions on the matter and will return to it at its next meeting.\n"
        big.write_text(body * (10_000_000 // len(body)) + "\n" + foot + "\n", "utf-8")
        for label, path in (("50-page PDF", pdf), ("10 MB text", big)):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                found = extract(read_release(path, path.name).text).contacts
                times.append(time.perf_counter() - start)
            names = ", ".join(c.name for c in found)
            size = path.stat().st_size / 1e6
            print(f"{label}: {min(times):.2f} s best of 3 ({size:.1f} MB; found {names})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="only these sets")
    parser.add_argument("--only", help="only releases whose file name starts with this")
    parser.add_argument("--speed", action="store_true", help="time a 50-page PDF and a 10 MB text")
    args = parser.parse_args()
    if args.speed:
        speed()
        return
    for name in args.set or list(SETS):
        score = Score()
        paths = releases(SETS[name], args.only)
        for path in paths:
            score_one(path, score)
        if args.verbose:
            print("\n".join(score.lines))
        print("\n".join(report(name, paths, score)))


if __name__ == "__main__":
    main()
