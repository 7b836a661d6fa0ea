"""Helpers for the vCard tests: contacts to write, and vobject (the parser khard and Radicale use) to read."""

from typing import Any

import vobject

from contacts_cli.model import Contact, Phone
from contacts_cli.phones import parse_phone


def phone(text: str, label: str | None = None) -> Phone:
    return parse_phone(text, None, label)


PALOMA = Contact(
    id="b83f2a97",
    uid="e1a94c62-5f0d-4b7a-8c3e-9d2f6b1a7e54",
    name="Paloma Hall Caballero",
    kind="press-officer",
    title="Press Officer for Foreign Affairs and Security Policy",
    organization="European External Action Service",
    family="Hall Caballero",
    areas=("Foreign Affairs and Security Policy", "Trade, Economic Security; Sanctions"),
    phones=(
        phone("+32 2 296 85 60"),
        phone("+32 460 76 85 60"),
        phone("+32 2 295 43 20 ext. 123", label="Press desk"),
    ),
    emails=("paloma.hall-caballero@eeas.example.eu", "press@eeas.example.eu"),
    languages=("es", "en", "fr"),
    note="Mornings only.\nBack-up: the duty press officer, 24/7; \\ never the switchboard.",
    source='EEAS press release "Russia/Ukraine: Transatlantic coordination continues", 28 Nov; p. 2',
    sourced="2026-11-28T03:30:00Z",
    created="2026-11-28T03:30:00Z",
    updated="2026-11-29T10:00:00Z",
)

DESK = Contact(
    id="0c0ffee0",
    uid="00000000-0000-4000-8000-00000000d35c",
    name="Trade press desk",
    kind="press-office",
    organization="European Commission",
    phones=(phone("+32 2 299 11 11"),),
    created="2026-11-01T08:00:00Z",
    updated="2026-11-01T08:00:00Z",
)


def vobject_card(text: str) -> Any:
    """The one card in `text` as vobject reads it."""
    cards = list(vobject.readComponents(text))
    assert len(cards) == 1, cards
    return cards[0]


def values(card: Any, name: str) -> list[Any]:
    return [child.value for child in card.getChildren() if child.name == name.upper()]


def one(card: Any, name: str) -> Any:
    found = values(card, name)
    assert len(found) == 1, (name, found)
    return found[0]
