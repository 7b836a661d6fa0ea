"""The press contacts of a release: find its contact block, read it into people, desks and numbers.

Pure: text in, entries (without ids) and notes out. How it reads a release:

1. Where: after a heading such as "Press contacts:" or "For more information" (to the next "Notes to
   editors" or prose), and the runs of short lines that carry a number or an address after the body,
   as at the foot of an EEAS release. Numbers and names in the body's prose are never read.
2. What: each line is cut into pieces: names, titles, organisations, desks, numbers with their
   labels, addresses (`lines.py`).
3. Who: the pieces become people and desks (`people.py`). Fax numbers and hotlines go to
   nobody, and the notes say so.
"""

import re
from dataclasses import dataclass
from typing import Final

from contacts_cli.model import Contact, unique
from contacts_cli.releases.lines import (
    EMAIL,
    INLINE_CHARS,
    STOP,
    marker_at,
    names_someone,
    pieces,
    prose,
)
from contacts_cli.releases.people import assemble, to_contact

# How far a contact block runs after its heading, at most.
BLOCK_LINES: Final = 60
# How many lines of contact blocks a release can have: real ones have a few dozen; this bounds the
# work on a huge file made of contact-like lines.
MAX_LINES: Final = 300


@dataclass(frozen=True, slots=True)
class Extraction:
    """The entries found (ids empty: nothing is stored yet) and notes on what was left out, and why."""

    contacts: tuple[Contact, ...]
    notes: tuple[str, ...] = ()
    region: str | None = None


def extract(text: str, region: str | None = None, *, source: str | None = None, when: str = "") -> Extraction:
    """The press contacts of a release's text. `region` reads numbers without a country code."""
    lines = text.split("\n")
    spans = contact_spans(lines)
    notes: list[str] = []
    guessed = None
    if region is None:
        guessed = _guess_region(lines, spans)
    found = pieces(lines, spans, region or guessed)
    entries, more = assemble(found)
    notes.extend(more)
    notes.extend(_unread(lines, spans, region or guessed))
    if guessed:
        international = _numbers(lines, spans, None)
        if any(p.key not in international for e in entries for p in e.phones):
            notes.insert(0, f"numbers without a country code were read as {guessed}; pass --region to choose")
    if len(spans) >= MAX_LINES:
        notes.append(f"read only {MAX_LINES} lines of contact blocks; the text has more contact-like lines")
    contacts = tuple(to_contact(e, source, when) for e in entries)
    return Extraction(contacts, tuple(unique(notes)), region or guessed)


# --- Where the contacts are ----------------------------------------------------------------------


def contact_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) pairs to read, in order: the contact blocks of the text, at most MAX_LINES lines.

    Blocks under a heading come first; the runs of short lines nearest the end fill what is left.
    """
    chosen: dict[int, int] = {}
    for index, line in enumerate(lines):
        if len(chosen) >= MAX_LINES:
            break
        start = marker_at(line)
        if start is None:
            continue
        chosen[index] = min(start, chosen.get(index, start))
        for follow in range(index + 1, min(len(lines), index + BLOCK_LINES)):
            after = lines[follow]
            if STOP.match(after) or (prose(after) and marker_at(after) is None):
                break
            chosen.setdefault(follow, 0)
    # Runs of short lines with a number or an address, after the first paragraph of prose.
    first_prose = next((i for i, line in enumerate(lines) if prose(line)), -1)
    run: list[int] = []
    runs: list[int] = []
    stopped = False
    for index in range(first_prose + 1, len(lines) + 1):
        ahead = lines[index] if index < len(lines) else None
        if ahead is not None and STOP.match(ahead):
            stopped = True
        elif ahead is not None and stopped and marker_at(ahead) is not None:
            stopped = False
        if ahead is not None and not prose(ahead) and not stopped:
            run.append(index)
            continue
        reachable = any(EMAIL.search(lines[i]) or re.search(r"\d[\d ()./-]{5,}\d", lines[i]) for i in run)
        headed = [i for i in run if marker_at(lines[i]) is not None]
        if headed:
            run = run[run.index(headed[0]) :]
        if reachable and any(names_someone(lines[i]) for i in run):
            runs.extend(run)
        run = []
    for index in reversed(runs):
        if len(chosen) >= MAX_LINES:
            break
        chosen.setdefault(index, 0)
    return sorted(chosen.items())


# --- Regions and numbers that could not be read --------------------------------------------------------


def _guess_region(lines: list[str], spans: list[tuple[int, int]]) -> str | None:
    """The country of the block's international numbers, else of its addresses' domains."""
    from contacts_cli.phones import find_numbers, is_region, region_of

    votes: dict[str, int] = {}
    for index, column in spans:
        line = lines[index][column : column + INLINE_CHARS]
        for _, _, phone in find_numbers(line, None):
            region = region_of(phone.e164)
            if region:
                votes[region] = votes.get(region, 0) + 1
        if not votes:
            for match in EMAIL.finditer(line):
                tld = match.group().rsplit(".", 1)[-1].upper()
                tld = {"UK": "GB"}.get(tld, tld)
                if len(tld) == 2 and is_region(tld):
                    votes[tld] = votes.get(tld, 0) + 1
    return max(votes, key=lambda r: votes[r]) if votes else None


def _numbers(lines: list[str], spans: list[tuple[int, int]], region: str | None) -> set[str]:
    from contacts_cli.phones import find_numbers

    return {p.key for i, c in spans for _, _, p in find_numbers(lines[i][c : c + INLINE_CHARS], region)}


_DIGITS = re.compile(r"(?<![\w+])\+?\(?\d[\d ()./-]{5,}\d(?![\w])")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _unread(lines: list[str], spans: list[tuple[int, int]], region: str | None) -> list[str]:
    """Digit runs in the block that look like numbers but were not read as any: said, never hidden."""
    from contacts_cli.phones import find_numbers

    notes = []
    for index, column in spans:
        line = lines[index][column : column + INLINE_CHARS]
        masked = list(line)
        for start, end, _ in find_numbers(line, region):
            masked[start:end] = " " * (end - start)
        for match in _DIGITS.finditer("".join(masked)):
            text = match.group().strip()
            if sum(c.isdigit() for c in text) >= 7 and not _DATE.match(text):
                hint = "" if region else "; pass --region if it has no country code"
                notes.append(f"could not read {text!r} as a phone number{hint}")
    return notes
