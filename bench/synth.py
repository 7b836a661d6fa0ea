"""Synthetic directories for benchmarks and load tests: realistic names, titles, numbers; deterministic."""

import random
import sys
from pathlib import Path

from contacts_cli.model import Contact, Phone
from contacts_cli.store import Store

FIRST = [
    "Peter",
    "Paloma",
    "Ana",
    "Olof",
    "Nabila",
    "Eric",
    "Arianna",
    "Johannes",
    "Sonya",
    "Tim",
    "Dana",
    "Balazs",
    "Lea",
    "Miriam",
    "Jürgen",
    "Ødegaard",
    "Zoé",
    "Łukasz",
    "Siobhán",
    "Ionuț",
    "Chloé",
    "Mário",
    "Ágnes",
    "Björn",
    "Dörte",
    "Nuno",
    "François",
    "Kateřina",
    "Íñigo",
    "Renée",
    "Håkon",
    "Đorđe",
    "Maja",
    "Ülle",
    "Kostas",
    "Eleni",
    "Tomás",
    "Inês",
    "Matteo",
    "Giulia",
]
LAST = [
    "Stano",
    "Hall",
    "Pisonero",
    "Gill",
    "Massrali",
    "Mamer",
    "Podestà",
    "Bernhardt",
    "Gualtieri",
    "McPhie",
    "Spinant",
    "Ujvari",
    "Zuber",
    "Andreasen",
    "Müller",
    "Ødegaard",
    "Dupré",
    "Kowalski",
    "Ní",
    "Bhriain",
    "Popescu",
    "Lefèvre",
    "Gonçalves",
    "Szabó",
    "Lindqvist",
    "Schröder",
    "Álvarez",
    "Nováková",
    "Zubizarreta",
    "Østergaard",
    "Đorđević",
    "Novak",
    "Tamm",
    "Papadopoulos",
    "Georgiou",
    "Ó",
    "Súilleabháin",
    "Ferreira",
    "Rossi",
    "Bianchi",
    "García",
    "Fernández",
]
AREAS = [
    "Trade",
    "Foreign Affairs and Security Policy",
    "Climate Action",
    "Energy",
    "Health and Food Safety",
    "Competition",
    "Migration and Home Affairs",
    "Digital Economy",
    "Agriculture",
    "Budget",
    "Economy",
    "Justice",
    "Transport",
    "Environment",
    "Education",
    "Research and Innovation",
    "Defence",
    "Fisheries",
    "Taxation",
    "Humanitarian Aid",
]
ORGS = [
    "European Commission",
    "European External Action Service",
    "European Parliament",
    "Council of the EU",
    "European Central Bank",
    "Federal Foreign Office",
    "Ministère de l'Europe et des Affaires étrangères",
    "Ministry of Foreign Affairs of Ireland",
    "NATO",
    "OSCE",
    "Europol",
    "Frontex",
]
LANGS = ("en", "fr", "de", "es", "it", "nl", "pl", "pt", "sv", "el")


# The entry's position is part of its numbers, so no two entries of one or two synthetic sets share a number
# (an import would rightly take that for a duplicate); the rest is random. Up to 100,000 positions.
def _mobile(rng: random.Random, i: int) -> Phone:
    digits = f"4{rng.choice('6789')}{i % 100_000:05d}{rng.randrange(100):02d}"
    display = f"+32 {digits[:3]} {digits[3:5]} {digits[5:7]} {digits[7:]}"
    return Phone(e164=f"+32{digits}", display=display, type="mobile")


def _fixed(rng: random.Random, i: int) -> Phone:
    digits = f"2{rng.randrange(2, 9)}{i % 100_000:05d}{rng.randrange(10)}"  # Brussels 02 2x-8x are valid
    return Phone(e164=f"+32{digits}", display=f"+32 2 {digits[1:4]} {digits[4:6]} {digits[6:]}", type="fixed")


def contacts(n: int, seed: int = 7) -> list[Contact]:
    """n distinct entries; ids and UIDs are derived from the position so runs are comparable."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        area = rng.choice(AREAS)
        kind = rng.choice(("spokesperson", "spokesperson", "press-officer", "press-office"))
        title = {
            "spokesperson": f"Spokesperson for {area}",
            "press-officer": f"Press Officer for {area}",
            "press-office": f"Press Office, {area}",
        }[kind]
        name = f"{first} {last}" if kind != "press-office" else f"{area} press desk {i}"
        phones = (_mobile(rng, i),) if kind != "press-office" else ()
        phones += (_fixed(rng, i),) if rng.random() < 0.6 else ()
        out.append(
            Contact(
                id=f"{i:08x}",
                uid=f"00000000-0000-4000-8000-{i:012x}",
                name=name,
                kind=kind,
                title=title,
                organization=rng.choice(ORGS),
                areas=(area,),
                phones=phones,
                emails=(f"{first}.{last}.{i}@example.eu".lower().replace(" ", ""),),
                languages=tuple(rng.sample(LANGS, rng.randint(1, 3))),
                note="Mornings only" if rng.random() < 0.1 else None,
                created="2026-01-01T00:00:00Z",
                updated="2026-01-01T00:00:00Z",
            )
        )
    return out


def write_store(path: Path, n: int, seed: int = 7) -> Path:
    """A store file holding n synthetic entries, written through a store transaction (so with its index)."""
    with Store(path).transaction() as txn:
        txn.add(*contacts(n, seed))
    return path


if __name__ == "__main__":
    write_store(Path(sys.argv[1]), int(sys.argv[2]))
