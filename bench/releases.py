"""How well `extract` reads press releases: recall, precision and exact-phone rate over the fixture corpus.

Each tests/releases/fixtures/NAME.(txt|html) has NAME.expected.json: the contacts a careful reader
takes from it (name, kind, title, phones in E.164 with ;ext=, emails) and, if the release needs one,
the --region a user would pass.

    python bench/releases.py              # the totals
    python bench/releases.py -v           # and each release's misses and extras
    python bench/releases.py --only de-   # releases whose name starts so

An extracted entry matches an expected one with the same name (case and accents aside); a desk
(press-office) also matches by a shared number or address. Recall: expected entries found. Precision:
extracted entries expected. Exact phones: matched entries whose numbers are exactly the expected ones
(none missing, none extra, fax numbers included as extras). Titles, kinds, emails and names (as
printed, a desk's included) are scored the same way.
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

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "releases" / "fixtures"


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
    lines: list[str] = field(default_factory=list)


def releases(only: str | None) -> list[Path]:
    found = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html") and p.is_file())
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--only", help="only releases whose file name starts with this")
    args = parser.parse_args()
    score = Score()
    paths = releases(args.only)
    for path in paths:
        score_one(path, score)
    if args.verbose:
        print("\n".join(score.lines))

    def rate(n: int, of: int) -> str:
        return f"{n / of:.3f} ({n}/{of})" if of else "n/a"

    print(f"releases:      {len(paths)}")
    print(f"recall:        {rate(score.matched, score.expected)}")
    print(f"precision:     {rate(score.matched, score.extracted)}")
    print(f"exact phones:  {rate(score.exact_phones, score.matched)}")
    print(f"exact titles:  {rate(score.exact_titles, score.matched)}")
    print(f"right kinds:   {rate(score.right_kinds, score.matched)}")
    print(f"exact emails:  {rate(score.exact_emails, score.matched)}")
    print(f"exact names:   {rate(score.exact_names, score.matched)}")


if __name__ == "__main__":
    main()
