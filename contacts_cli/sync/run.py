"""Running a sync: list and fetch the server's cards, decide (decide.py), write the server's side with
ETag guards, then the local side in one store transaction, then the state (state.py).

Order matters for a sync that is killed or fails half-way. Server writes come first, and the state is
saved as they go; local changes are one transaction, all or nothing; the state follows the store under
the same lock. Whatever is interrupted, the next sync finds each card either still to do, or the same
on both sides (then only recorded), so nothing is duplicated or lost. A server error stops the sync
before anything local is written.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

from contacts_cli.model import Contact, new_id, now
from contacts_cli.sync import decide
from contacts_cli.sync.carddav import Client, Precondition, RemoteError
from contacts_cli.sync.decide import Decision, RemoteCard
from contacts_cli.sync.state import Item, State, content_hash

if TYPE_CHECKING:
    from contacts_cli.store import Store

# Save the state after this many server writes, so that a killed sync resumes without re-fetching.
SAVE_EVERY: Final = 100
# A sync that would delete more entries than this on one side, and more than half of those synced before,
# stops unless told (allow_deletes): an address book emptied or swapped on the server must not empty the
# directory, nor a store swapped here the server's address book.
MASS_DELETE: Final = 10


@dataclass(slots=True)
class Outcome:
    """What a sync did (or, in a dry run, would do)."""

    decisions: list[Decision] = field(default_factory=list)  # as carried out (races become conflicts)
    unreadable: list[str] = field(default_factory=list)  # server cards that could not be read, and why
    problems: list[str] = field(default_factory=list)  # what was lost on the way in, per taken card
    skipped: list[str] = field(default_factory=list)  # repeated UIDs and the like
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for d in self.decisions if d.action == action)

    @property
    def conflicts(self) -> list[Decision]:
        return [d for d in self.decisions if d.action == decide.CONFLICT]


def run(
    store: "Store",
    remote_name: str,
    client: Client,
    *,
    prefer: str | None = None,
    dry_run: bool = False,
    region: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    allow_deletes: bool = False,
) -> Outcome:
    """Sync the store with the client's address book; see the module's docstring.

    MassDeletion, before anything is written, when the sync would delete more than MASS_DELETE entries
    on one side and more than half of those synced before, unless `allow_deletes`.
    """
    from contacts_cli.sync import state as syncstate

    client.check()
    state = syncstate.load(store, remote_name, client.url)
    outcome = Outcome(dry_run=dry_run)
    listing = client.listing(state.token)
    members = _members(state, listing.members, complete=listing.complete)
    remote = _remote_cards(client, state, members, region, outcome)
    local = _local(store.view().contacts(), outcome)
    base = dict(state.items)
    # A card synced before that the server now holds in a form we cannot read is not a deletion:
    # leave its entry alone rather than delete it here.
    unreadable = {entry.split(": ", 1)[0] for entry in outcome.unreadable}
    for uid, item in state.items.items():
        if item.href in unreadable and uid not in remote:
            base.pop(uid)
            local.pop(uid, None)
            outcome.skipped.append(f"{item.href}: can no longer be read; its entry here is left as it is")
    decisions = decide.decide(local, remote, base, prefer)
    if not dry_run and not allow_deletes:
        _refuse_mass_deletion(decisions, len(state.items))
    if dry_run:
        outcome.decisions = decisions
        return outcome
    before = (state.token, dict(state.items))
    done = _write_remote(store, remote_name, client, state, decisions, progress)
    if any(d.action in (*decide.LOCAL_WRITES, decide.LINK, decide.FORGET) for d in done):
        outcome.decisions = _write_local(store, remote_name, state, done, listing.token, outcome)
        return outcome
    # Nothing to write here: no store transaction (it would read the whole store again), only the
    # state, and only when the server's side or its token moved.
    outcome.decisions = done
    _advance_token(state, done, listing.token, outcome)
    if (state.token, state.items) != before:
        syncstate.save(store, remote_name, state)
    return outcome


def _refuse_mass_deletion(decisions: list[Decision], synced: int) -> None:
    from contacts_cli.errors import MassDeletion

    for action, where, gone in (
        (decide.DELETE_LOCAL, "here", "from the server's address book"),
        (decide.DELETE_REMOTE, "on the server", "from this directory"),
    ):
        count = sum(1 for d in decisions if d.action == action)
        if count > MASS_DELETE and count * 2 > synced:
            raise MassDeletion(
                f"this sync would delete {count} of the {synced} entries synced before {where}, as they are "
                f"gone {gone}; nothing was changed. Check that the address book and the store are the "
                "right ones; if the deletions are meant, sync again with --allow-deletes"
            )


def _advance_token(state: State, decisions: list[Decision], token: str | None, outcome: Outcome) -> None:
    # A conflict left open keeps the old token, so the server reports those cards again next time.
    if not any(d.action == decide.CONFLICT for d in decisions) and not outcome.skipped:
        state.token = token


def _members(state: State, changes: Mapping[str, str | None], *, complete: bool) -> dict[str, str]:
    if complete:
        return {href: etag for href, etag in changes.items() if etag}
    members = {item.href: item.etag for item in state.items.values()}
    for href, etag in changes.items():
        if etag is None:
            members.pop(href, None)
        else:
            members[href] = etag
    return members


def _remote_cards(
    client: Client, state: State, members: Mapping[str, str], region: str | None, outcome: Outcome
) -> dict[str, RemoteCard]:
    from contacts_cli.vcard.read import parse_vcards

    by_href = state.by_href()
    cards: dict[str, RemoteCard] = {}
    wanted = []
    for href, etag in members.items():
        uid = by_href.get(href)
        if uid is not None and state.items[uid].etag == etag:
            cards[uid] = RemoteCard(href, etag)
        else:
            wanted.append(href)
    for href, (etag, text) in client.fetch(wanted).items():
        parsed = parse_vcards(text, region)
        if not parsed or parsed[0].contact is None:
            why = parsed[0].error if parsed else "holds no vCard"
            outcome.unreadable.append(f"{href}: {why}")
            continue
        card = parsed[0]
        uid = card.contact.uid  # type: ignore[union-attr]
        if uid in cards:
            outcome.skipped.append(f"{href}: repeats the UID of {cards[uid].href}; skipped")
            continue
        cards[uid] = RemoteCard(href, etag, card)
    return cards


def _local(contacts: list[Contact], outcome: Outcome) -> dict[str, Contact]:
    local: dict[str, Contact] = {}
    for contact in contacts:
        if contact.uid in local:
            first = local[contact.uid]
            outcome.skipped.append(
                f"{contact.name} ({contact.id}) has the UID of {first.name} ({first.id}); not synced"
            )
            continue
        local[contact.uid] = contact
    return local


def _write_remote(
    store: "Store",
    remote_name: str,
    client: Client,
    state: State,
    decisions: list[Decision],
    progress: Callable[[str, int, int], None] | None,
) -> list[Decision]:
    """Carry out the server's side; returns the decisions as done (a refused write becomes a conflict)."""
    from contacts_cli.sync import state as syncstate
    from contacts_cli.vcard.write import to_vcard

    writes = [d for d in decisions if d.action in decide.REMOTE_WRITES]
    done: list[Decision] = []
    missing_etags: dict[str, str] = {}  # href -> UID of cards whose new ETag the server did not tell
    try:
        for count, decision in enumerate(writes, 1):
            done.append(_write_one(client, state, decision, to_vcard, missing_etags))
            if progress is not None:
                progress("sending", count, len(writes))
            if count % SAVE_EVERY == 0:
                syncstate.save(store, remote_name, state)
        if missing_etags:
            for href, (etag, _) in client.fetch(missing_etags).items():
                uid = missing_etags[href]
                state.items[uid] = replace(state.items[uid], etag=etag)
    except BaseException:
        # Keep what the server already has, so that the next sync need not look at those cards again.
        syncstate.save(store, remote_name, state)
        raise
    return done + [d for d in decisions if d.action not in decide.REMOTE_WRITES]


def _write_one(
    client: Client,
    state: State,
    decision: Decision,
    to_vcard: Callable[[Contact], str],
    missing_etags: dict[str, str],
) -> Decision:
    uid, mine, theirs = decision.uid, decision.local, decision.remote
    if theirs is not None:
        href = theirs.href
    elif decision.base is not None:
        href = decision.base.href
    else:
        href = client.href_for(uid)
    try:
        if decision.action == decide.DELETE_REMOTE:
            assert theirs is not None
            client.delete(href, theirs.etag)
            state.items.pop(uid, None)
            return decision
        assert mine is not None
        etag = client.put(href, to_vcard(mine), theirs.etag if theirs is not None else None)
    except Precondition:
        return _race(client, decision, href)
    except RemoteError as exc:
        who = f"{mine.name} ({mine.id})" if mine is not None else f"UID {uid}"
        raise RemoteError(f"{exc}, for {who}; nothing was changed here") from None
    if etag is None:
        missing_etags[href] = uid
    state.items[uid] = Item(href, etag or "", content_hash(mine))
    return decision


def _race(client: Client, decision: Decision, href: str) -> Decision:
    """Someone else wrote the card between our listing and our write: a conflict, with their version."""
    from contacts_cli.vcard.read import parse_vcards

    current = client.fetch([href]).get(href)
    if current is None:
        why = "deleted on the server by someone else during this sync"
        return replace(decision, action=decide.CONFLICT, remote=None, why=why)
    parsed = parse_vcards(current[1])
    card = parsed[0] if parsed else None
    why = "changed on the server by someone else during this sync"
    return replace(decision, action=decide.CONFLICT, remote=RemoteCard(href, current[0], card), why=why)


def _write_local(
    store: "Store",
    remote_name: str,
    state: State,
    decisions: list[Decision],
    token: str | None,
    outcome: Outcome,
) -> list[Decision]:
    """The local side in one transaction, then the state under the same lock."""
    from contacts_cli.sync import state as syncstate

    final: list[Decision] = []
    with store.transaction() as txn:
        current = {c.uid: c for c in txn.view.contacts()}
        taken_ids = txn.ids()
        added: list[Contact] = []
        replaced: list[Contact] = []
        removed: list[Contact] = []
        moment = now()
        for decision in decisions:
            uid, mine, theirs = decision.uid, decision.local, decision.remote
            if decision.action in decide.LOCAL_WRITES or decision.action == decide.LINK:
                here = current.get(uid)
                if (here is None) != (mine is None) or (
                    here is not None and mine is not None and content_hash(here) != content_hash(mine)
                ):
                    # Edited locally while we talked to the server: leave it for the next sync.
                    outcome.skipped.append(f"{uid}: changed here during the sync; left for the next one")
                    continue
            if decision.action in (decide.TAKE_NEW, decide.TAKE):
                assert theirs is not None and theirs.card is not None and theirs.contact is not None
                incoming = theirs.contact
                updated = incoming.updated or moment
                if mine is None:
                    entry = replace(incoming, id=new_id(taken_ids), created=incoming.created or updated)
                    taken_ids.add(entry.id)
                    added.append(replace(entry, updated=updated))
                    entry = added[-1]
                else:
                    entry = replace(incoming, id=mine.id, created=mine.created, updated=updated)
                    replaced.append(entry)
                outcome.problems.extend(f"{entry.name}: {p}" for p in theirs.card.problems)
                if mine is None:
                    # Sync goes by UID: a card that shares a number with another entry is still taken
                    # (import would skip it), and the report says so, so that a person can merge them.
                    for key, (owner_id, owner_name) in txn.owners(entry).items():
                        outcome.problems.append(
                            f"{entry.name}: shares {key} with {owner_name} ({owner_id}); both kept"
                        )
                state.items[uid] = Item(theirs.href, theirs.etag, content_hash(entry))
            elif decision.action == decide.DELETE_LOCAL:
                assert mine is not None
                removed.append(mine)
                state.items.pop(uid, None)
            elif decision.action == decide.LINK:
                assert mine is not None and theirs is not None
                state.items[uid] = Item(theirs.href, theirs.etag, content_hash(mine))
            elif decision.action == decide.FORGET:
                state.items.pop(uid, None)
            final.append(decision)
        txn.add(*added)
        txn.replace(*replaced)
        txn.remove(*removed)
        _advance_token(state, final, token, outcome)
        txn.after_commit.append(lambda: syncstate.write(store, remote_name, state))
    return final
