"""Planning the import of a release's contacts: which are new, which update an entry, which are left.

Pure: the entries found in a release and the entries already there in, a plan out. The caller writes
the plan in one store transaction. The rules:

- An entry already in the directory is one that shares a number or an email with the found contact,
  or has the same name (folded as search folds it: case, accents, Ł/L and Mueller/Müller aside) and
  the same organisation, both known; a press office must match a press office. A namesake whose
  organisation differs or is unknown on either side is another person: the contact is added beside
  it, and the step names it. A matched entry is updated, never duplicated: its numbers, emails and
  languages gain what the release adds (nothing is removed), the title and kind become the release's
  (it is the fresher source), an empty organisation is filled, and it records the release as its source.
- A contact that matches several entries is left alone and reported: merging them is for a person.
- Every entry added or updated records where it came from (`source`) and when (`sourced`). An
  entry the release names but does not change ("unchanged") records it too: the release confirmed
  it, and `sourced` says when it was last confirmed.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from contacts_cli.model import Contact, infer_kind, new_id, new_uid, unique
from contacts_cli.rows import alt_spelling, fold

ADD: Final = "add"
UPDATE: Final = "update"
UNCHANGED: Final = "unchanged"
SKIP: Final = "skip"


@dataclass(frozen=True, slots=True)
class Step:
    """What importing does with one found contact."""

    action: str
    found: Contact
    contact: Contact | None  # the entry as it will be stored (add, update) or as it is (unchanged)
    target: Contact | None = None  # the entry it matched, before this import
    changes: tuple[str, ...] = ()
    reason: str | None = None
    namesakes: tuple[Contact, ...] = ()  # entries of the same name not taken as this contact (add)


@dataclass(frozen=True, slots=True)
class ReleasePlan:
    steps: tuple[Step, ...]
    added: tuple[Contact, ...]
    replaced: tuple[Contact, ...]

    @property
    def changes(self) -> bool:
        return bool(self.added or self.replaced)

    def count(self, action: str) -> int:
        return sum(1 for s in self.steps if s.action == action)


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _name_keys(name: str) -> set[str]:
    """A name as search matches it: folded, and folded in its spelling without umlauts (Mueller)."""
    keys = {_folded(name)}
    if alt := alt_spelling(name):
        keys.add(_folded(alt))
    return keys


def _same_organisation(one: Contact, other: Contact) -> bool:
    """Both organisations known and the same, folded."""
    mine, theirs = _folded(one.organization or ""), _folded(other.organization or "")
    return bool(mine) and mine == theirs


def _keys(contact: Contact) -> set[str]:
    return {p.key for p in contact.phones} | {e.casefold() for e in contact.emails}


def plan_release(found: Sequence[Contact], existing: Iterable[Contact], *, moment: str) -> ReleasePlan:
    """Plan adding `found` (entries without ids, from a release) to a directory holding `existing`."""
    entries: dict[str, Contact] = {c.id: c for c in existing}
    before = dict(entries)
    by_key: dict[str, set[str]] = {}
    by_name: dict[str, set[str]] = {}

    def index(contact: Contact) -> None:
        for key in _keys(contact):
            by_key.setdefault(key, set()).add(contact.id)
        for name in _name_keys(contact.name):
            by_name.setdefault(name, set()).add(contact.id)

    for contact in entries.values():
        index(contact)
    new: dict[str, None] = {}
    changed: dict[str, None] = {}
    steps: list[Step] = []
    for contact in found:
        owners = {o for key in _keys(contact) for o in by_key.get(key, ())}
        namesakes: list[Contact] = []
        for candidate in sorted({c for name in _name_keys(contact.name) for c in by_name.get(name, ())}):
            other = entries[candidate]
            desks_agree = (contact.kind == "press-office") == (other.kind == "press-office")
            if desks_agree and _same_organisation(contact, other):
                owners.add(candidate)
            elif candidate not in owners:
                namesakes.append(other)
        if not owners:
            added = replace(
                contact,
                id=new_id(entries),
                uid=new_uid(),
                created=moment,
                updated=moment,
                sourced=contact.sourced or moment,
            )
            entries[added.id] = added
            new[added.id] = None
            index(added)
            steps.append(Step(ADD, contact, added, namesakes=tuple(namesakes)))
            continue
        if len(owners) > 1:
            who = ", ".join(f"{entries[o].name} ({o})" for o in sorted(owners))
            reason = f"matches several entries: {who}; edit them by hand"
            steps.append(Step(SKIP, contact, None, reason=reason))
            continue
        target = entries[owners.pop()]
        updated, what = _update(target, contact, moment)
        if not what:
            # Nothing new, but the release confirms the entry: record it as the entry's source.
            confirmed = replace(target, source=contact.source, sourced=contact.sourced or moment)
            if (confirmed.source, confirmed.sourced) != (target.source, target.sourced):
                entries[target.id] = confirmed
                (changed if target.id in before else new)[target.id] = None
            steps.append(Step(UNCHANGED, contact, confirmed, before.get(target.id, target)))
            continue
        entries[target.id] = updated
        index(updated)
        (changed if target.id in before else new)[target.id] = None
        steps.append(Step(UPDATE, contact, updated, before.get(target.id, target), tuple(what)))
    return ReleasePlan(
        tuple(steps),
        added=tuple(entries[i] for i in new),
        replaced=tuple(entries[i] for i in changed),
    )


def with_context(
    found: Sequence[Contact], organization: str | None, areas: Sequence[str], languages: Sequence[str]
) -> tuple[Contact, ...]:
    """`found` with what the letterhead shows: the organisation where the release names none, and
    the areas and languages added to every entry. Languages are checked (InvalidInput if unknown)."""
    from contacts_cli.model import check_language, clean_text

    codes = [check_language(code) for code in languages]
    topics = [t for t in (clean_text("area", a) for a in areas) if t]
    return tuple(
        replace(
            contact,
            organization=contact.organization or organization,
            areas=unique((*contact.areas, *topics)),
            languages=unique((*contact.languages, *codes)),
        )
        for contact in found
    )


def _update(entry: Contact, found: Contact, moment: str) -> tuple[Contact, list[str]]:
    """`entry` with what the release says, and a list of what changed, for the report."""
    what: list[str] = []
    changes: dict[str, Any] = {}
    have = {p.key for p in entry.phones}
    phones = [p for p in found.phones if p.key not in have]
    if phones:
        changes["phones"] = entry.phones + tuple(phones)
        what.extend(f"number {p.display}" + (f" ext. {p.extension}" if p.extension else "") for p in phones)
    mails = {e.casefold() for e in entry.emails}
    emails = [e for e in found.emails if e.casefold() not in mails]
    if emails:
        changes["emails"] = entry.emails + tuple(emails)
        what.extend(f"email {e}" for e in emails)
    languages = unique((*entry.languages, *found.languages))
    if languages != entry.languages:
        changes["languages"] = languages
        what.append(f"languages {', '.join(languages)}")
    areas = unique((*entry.areas, *found.areas))
    if areas != entry.areas:
        changes["areas"] = areas
        what.append(f"areas {', '.join(areas)}")
    if found.title and found.title != entry.title:
        changes["title"] = found.title
        what.append(f"title {entry.title!r} -> {found.title!r}" if entry.title else f"title {found.title!r}")
        if found.kind != entry.kind and infer_kind(found.title) == found.kind:
            changes["kind"] = found.kind
            what.append(f"kind {entry.kind} -> {found.kind}")
    if found.organization and not entry.organization:
        changes["organization"] = found.organization
        what.append(f"organization {found.organization!r}")
    if not what:
        return entry, []
    changes.update(source=found.source, sourced=found.sourced or moment, updated=moment)
    return replace(entry, **changes), what
