"""Planning an import: which cards add an entry, update one, merge into one, or are skipped, and why.

Pure: cards and the entries already there in, a plan out; nothing is written here. The caller applies
the plan in one store transaction (`txn.add(*plan.added)`, `txn.replace(*plan.replaced)`), so that an
interrupted import leaves the store as it was.

CardDAV sync (sync/decide.py) reads cards the same way but decides differently: it matches by UID only, never
merges by number or email, and does not compare REV dates; what was last synced tells it which side
changed, and a change on both sides is a conflict, not a skip or a merge.

The rules:
- A card whose UID an entry has updates that entry, unless the entry was changed after the card was
  made (its REV is older): then the card is skipped, or with `merge` merged in. A card that says what
  the entry already says changes nothing.
- A new card sharing a number or an email with an entry (one already there, or one this import adds)
  is a likely duplicate: skipped, or with `merge` merged into that entry.
- Merging keeps everything the entry has and adds the numbers, emails, areas and languages it lacks,
  and the fields it leaves empty.
- A card that could not be read is reported, and the others go on.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from contacts_cli.model import Contact, new_id, now, unique
from contacts_cli.vcard.card import ParsedCard, name_parts

ADDED: Final = "added"
UPDATED: Final = "updated"
MERGED: Final = "merged"
UNCHANGED: Final = "unchanged"
SKIPPED: Final = "skipped"
UNREADABLE: Final = "unreadable"
ACTIONS: Final = (ADDED, UPDATED, MERGED, UNCHANGED, SKIPPED, UNREADABLE)

_SINGLE_FIELDS: Final = ("title", "organization", "family", "note", "source", "sourced")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the import does with one card."""

    index: int  # the card's place in the sequence given to plan_import (0-based)
    card: ParsedCard
    action: str  # one of ACTIONS
    # The entry as it will be stored (added, updated, merged) or as it stays (unchanged); else None.
    contact: Contact | None
    # For the report: why a card is skipped or unreadable, what a merge added or kept.
    reason: str | None = None
    # The entry the card matched (same UID, or same number or email), as it was before this card.
    target: Contact | None = None
    # When that entry came from an earlier card of this import: that card's index, for the report.
    earlier: int | None = None


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Every card's outcome, and the entries to write: new ones, and new versions of existing ones."""

    outcomes: tuple[Outcome, ...]
    added: tuple[Contact, ...]
    replaced: tuple[Contact, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.replaced)


def plan_import(
    cards: Sequence[ParsedCard],
    existing: Iterable[Contact],
    *,
    merge: bool = False,
    moment: str | None = None,
) -> ImportPlan:
    """Plan the import of `cards` into a store holding `existing`; see the module's rules.

    New entries get fresh ids unique among the existing ones; `moment` (default: now) stamps entries
    whose card carries no REV, and merges.
    """
    return _Planner(existing, merge=merge, moment=moment or now()).plan(cards)


def merged(entry: Contact, card: Contact) -> tuple[Contact, list[str], list[str]]:
    """`entry` with what `card` adds to it, what was added, and which of the card's fields were not taken."""
    added: list[str] = []
    kept: list[str] = []
    changes: dict[str, Any] = {}
    implied = name_parts(entry.name, None, entry.kind)[0]
    for name in _SINGLE_FIELDS:
        mine, theirs = getattr(entry, name), getattr(card, name)
        if name == "family" and (mine or implied) == theirs:
            continue
        if theirs and not mine:
            changes[name] = theirs
            added.append(name)
        elif theirs and theirs != mine:
            kept.append(name)
    have = {p.key for p in entry.phones}
    phones = [p for p in card.phones if p.key not in have]
    if phones:
        changes["phones"] = entry.phones + tuple(phones)
        added.extend(p.display + (f" ext. {p.extension}" if p.extension else "") for p in phones)
    have_emails = {e.casefold() for e in entry.emails}
    emails = [e for e in card.emails if e.casefold() not in have_emails]
    if emails:
        changes["emails"] = entry.emails + tuple(emails)
        added.extend(emails)
    for name in ("areas", "languages"):
        combined = unique((*getattr(entry, name), *getattr(card, name)))
        if combined != getattr(entry, name):
            changes[name] = combined
            added.append(name)
    return replace(entry, **changes), added, kept


def keys(contact: Contact) -> set[str]:
    """What makes two entries likely the same: their numbers (with extension) and emails, casefolded."""
    return {p.key for p in contact.phones} | {e.casefold() for e in contact.emails}


def _content(contact: Contact) -> Contact:
    """What a card can say about an entry; a family name equal to the one N implies is no news."""
    implied = contact.family == name_parts(contact.name, None, contact.kind)[0]
    return replace(contact, id="", created="", updated="", family=None if implied else contact.family)


def _who(contact: Contact, new: bool) -> str:
    return f"{contact.name} ({'added by this import' if new else contact.id})"


class _Planner:
    def __init__(self, existing: Iterable[Contact], *, merge: bool, moment: str) -> None:
        self.merge = merge
        self.moment = moment
        self.entries: dict[str, Contact] = {}
        self.by_uid: dict[str, str] = {}
        self.by_key: dict[str, list[str]] = {}
        for contact in existing:
            self._index(contact)
        self.before = dict(self.entries)
        self.taken = set(self.entries)
        # Ids added by this import, and existing ids it changes, in order (dicts: ordered sets).
        self.new: dict[str, None] = {}
        self.changed: dict[str, None] = {}
        self.uids_seen: dict[str, int] = {}  # UID -> index of the card that brought it
        self.origin: dict[str, int] = {}  # id of an entry this import adds -> index of its card

    def _index(self, contact: Contact) -> None:
        self.entries[contact.id] = contact
        self.by_uid.setdefault(contact.uid, contact.id)
        for key in keys(contact):
            owners = self.by_key.setdefault(key, [])
            if contact.id not in owners:
                owners.append(contact.id)

    def _store(self, contact: Contact) -> None:
        old = self.entries.get(contact.id)
        if old is not None:
            for key in keys(old) - keys(contact):
                self.by_key[key].remove(contact.id)
        self._index(contact)
        if contact.id in self.before:
            self.changed[contact.id] = None
        else:
            self.new[contact.id] = None

    def plan(self, cards: Sequence[ParsedCard]) -> ImportPlan:
        outcomes = [self._one(index, card) for index, card in enumerate(cards)]
        counts = dict.fromkeys(ACTIONS, 0)
        for outcome in outcomes:
            counts[outcome.action] += 1
        return ImportPlan(
            outcomes=tuple(outcomes),
            added=tuple(self.entries[i] for i in self.new),
            replaced=tuple(self.entries[i] for i in self.changed),
            counts=counts,
        )

    def _one(self, index: int, card: ParsedCard) -> Outcome:
        incoming = card.contact
        if incoming is None:
            return Outcome(index, card, UNREADABLE, None, card.error or "could not be read")
        earlier = self.uids_seen.get(incoming.uid)
        if earlier is not None:
            return Outcome(index, card, SKIPPED, None, "repeats the UID of an earlier card", earlier=earlier)
        self.uids_seen[incoming.uid] = index
        same_uid = self.by_uid.get(incoming.uid)
        if same_uid is not None:
            return self._same_uid(index, card, incoming, self.entries[same_uid])
        owners = unique(o for key in keys(incoming) for o in self.by_key.get(key, ()))
        if not owners:
            return self._add(index, card, incoming)
        targets = [self.entries[o] for o in owners]
        if self.merge and len(targets) == 1:
            return self._merge(index, card, incoming, targets[0], "likely the same entry")
        shared = sorted(
            (p.display for p in incoming.phones if any(p.key in keys(t) for t in targets)),
        ) + sorted(e for e in incoming.emails if any(e.casefold() in keys(t) for t in targets))
        who = ", ".join(_who(t, t.id not in self.before) for t in targets)
        if len(targets) > 1:
            reason = f"shares {', '.join(shared)} with several entries: {who}; not merged"
        else:
            reason = f"likely duplicate of {who}: same {', '.join(shared)}; pass --merge to merge it"
        return Outcome(index, card, SKIPPED, None, reason, targets[0], self.origin.get(targets[0].id))

    def _add(self, index: int, card: ParsedCard, incoming: Contact) -> Outcome:
        updated = incoming.updated or self.moment
        contact = replace(
            incoming, id=new_id(self.taken), created=incoming.created or updated, updated=updated
        )
        self.taken.add(contact.id)
        self.origin[contact.id] = index
        self._store(contact)
        return Outcome(index, card, ADDED, contact)

    def _same_uid(self, index: int, card: ParsedCard, incoming: Contact, entry: Contact) -> Outcome:
        if _content(incoming) == _content(entry):
            return Outcome(index, card, UNCHANGED, entry, None, entry)
        if incoming.updated and entry.updated and incoming.updated < entry.updated:
            if self.merge:
                return self._merge(index, card, incoming, entry, "older than the entry")
            reason = (
                f"{_who(entry, entry.id not in self.before)} was changed after this card was made "
                f"({entry.updated} > {incoming.updated}); pass --merge to add what the card has"
            )
            return Outcome(index, card, SKIPPED, None, reason, entry)
        contact = replace(
            incoming, id=entry.id, created=entry.created, updated=incoming.updated or self.moment
        )
        self._store(contact)
        return Outcome(index, card, UPDATED, contact, None, entry)

    def _merge(self, index: int, card: ParsedCard, incoming: Contact, entry: Contact, why: str) -> Outcome:
        contact, added, kept = merged(entry, incoming)
        who = _who(entry, entry.id not in self.before)
        if contact == entry:
            return Outcome(index, card, UNCHANGED, entry, f"{why}: {who} already has all it says", entry)
        contact = replace(contact, updated=max(self.moment, entry.updated))
        self._store(contact)
        reason = f"{why}: merged into {who}, adding {', '.join(added)}"
        if kept:
            reason += f"; kept the entry's {', '.join(kept)}"
        return Outcome(index, card, MERGED, contact, reason, entry)
