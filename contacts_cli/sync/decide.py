"""The three-way decision of a CardDAV sync: for each UID, the local entry, the server's card and what
was last synced (the base) decide what to do. Pure: no network, no files.

- New on one side (no base): created on the other. On both sides with the same content: only recorded.
- Changed on one side since the base: the change travels to the other side.
- Deleted on one side, unchanged on the other: deleted on the other side too.
- Changed on both sides (differently), or deleted on one side and changed on the other: a conflict.
  Nothing is written for it, and nothing is lost, unless `prefer` says which side wins.
- Deleted on both sides: the base is forgotten.

How this differs from `contacts import` (vcard/plan.py): sync matches cards by UID only and never merges
by number or email; it does not compare REV dates but asks the base what changed on which side.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final

from contacts_cli.model import Contact
from contacts_cli.sync.state import Item, content_hash
from contacts_cli.vcard.card import ParsedCard, name_parts

SEND_NEW: Final = "send-new"  # create the card on the server
SEND: Final = "send"  # replace the server's card with the local entry
TAKE_NEW: Final = "take-new"  # add the server's card as a local entry
TAKE: Final = "take"  # replace the local entry with the server's card
DELETE_REMOTE: Final = "delete-remote"
DELETE_LOCAL: Final = "delete-local"
LINK: Final = "link"  # both sides already agree; record them as synced
FORGET: Final = "forget"  # deleted on both sides; drop the base
CONFLICT: Final = "conflict"
ACTIONS: Final = (SEND_NEW, SEND, TAKE_NEW, TAKE, DELETE_REMOTE, DELETE_LOCAL, LINK, FORGET, CONFLICT)
REMOTE_WRITES: Final = (SEND_NEW, SEND, DELETE_REMOTE)
LOCAL_WRITES: Final = (TAKE_NEW, TAKE, DELETE_LOCAL)
PREFER: Final = ("local", "remote")


@dataclass(frozen=True, slots=True)
class RemoteCard:
    """A card on the server: where it is, its ETag, and (when it was fetched) what it says."""

    href: str
    etag: str
    card: ParsedCard | None = None  # None: unchanged since the base, so not fetched

    @property
    def contact(self) -> Contact | None:
        return self.card.contact if self.card is not None else None


@dataclass(frozen=True, slots=True)
class Decision:
    uid: str
    action: str  # one of ACTIONS
    local: Contact | None
    remote: RemoteCard | None
    base: Item | None
    why: str = ""  # for a conflict, and for a conflict resolved by --prefer: what happened on each side


def same_content(a: Contact, b: Contact) -> bool:
    """Whether two entries say the same, leaving aside ids, times and a family name that N implies."""
    return _content(a) == _content(b)


def _content(contact: Contact) -> Contact:
    implied = contact.family == name_parts(contact.name, None, contact.kind)[0]
    return replace(contact, id="", created="", updated="", family=None if implied else contact.family)


def decide(
    local: Mapping[str, Contact],
    remote: Mapping[str, RemoteCard],
    base: Mapping[str, Item],
    prefer: str | None = None,
) -> list[Decision]:
    """One decision per UID that needs something done (unchanged UIDs are left out), in a stable order."""
    if prefer is not None and prefer not in PREFER:
        raise ValueError(f"prefer must be one of {PREFER}, not {prefer!r}")
    decisions = []
    for uid in sorted(set(local) | set(remote) | set(base)):
        decision = _one(uid, local.get(uid), remote.get(uid), base.get(uid), prefer)
        if decision is not None:
            decisions.append(decision)
    return decisions


def _one(
    uid: str, mine: Contact | None, theirs: RemoteCard | None, base: Item | None, prefer: str | None
) -> Decision | None:
    def make(action: str, why: str = "") -> Decision:
        return Decision(uid, action, mine, theirs, base, why)

    if base is None:
        if mine is not None and theirs is not None:
            if theirs.contact is not None and same_content(mine, theirs.contact):
                return make(LINK)
            return _conflict(make, prefer, "added here and on the server, differently", SEND, TAKE)
        if mine is not None:
            return make(SEND_NEW)
        if theirs is not None and theirs.contact is not None:
            return make(TAKE_NEW)
        return None
    mine_changed = mine is not None and content_hash(mine) != base.hash
    theirs_changed = theirs is not None and theirs.etag != base.etag
    if mine is None and theirs is None:
        return make(FORGET)
    if mine is None:
        assert theirs is not None
        if not theirs_changed:
            return make(DELETE_REMOTE)
        return _conflict(make, prefer, "deleted here, changed on the server", DELETE_REMOTE, TAKE_NEW)
    if theirs is None:
        if not mine_changed:
            return make(DELETE_LOCAL)
        return _conflict(make, prefer, "changed here, deleted on the server", SEND_NEW, DELETE_LOCAL)
    if mine_changed and theirs_changed:
        if theirs.contact is not None and same_content(mine, theirs.contact):
            return make(LINK)
        return _conflict(make, prefer, "changed here and on the server", SEND, TAKE)
    if mine_changed:
        return make(SEND)
    if theirs_changed:
        if theirs.contact is None:
            return None  # not fetched: cannot happen when the caller fetches every changed card
        return make(TAKE)
    return None


def _conflict(
    make: Callable[[str, str], Decision], prefer: str | None, why: str, if_local: str, if_remote: str
) -> Decision:
    if prefer == "local":
        return make(if_local, f"{why}; kept the local version (--prefer local)")
    if prefer == "remote":
        return make(if_remote, f"{why}; kept the server's version (--prefer remote)")
    return make(CONFLICT, why)
