"""The lines a sync reports: conflicts with both versions, what was not read or kept, and the totals.

Pure: an Outcome in, lines of text out; the CLI prints them on stderr (made inert there).
"""

from typing import Final

from contacts_cli.model import Contact
from contacts_cli.sync import decide
from contacts_cli.sync.decide import Decision
from contacts_cli.sync.run import Outcome

_FIELDS: Final = (
    "name",
    "kind",
    "title",
    "organization",
    "family",
    "areas",
    "phones",
    "emails",
    "languages",
    "note",
    "source",
    "sourced",
)
_WORDS: Final = {
    decide.SEND_NEW: "created on the server",
    decide.SEND: "changed on the server",
    decide.DELETE_REMOTE: "deleted on the server",
    decide.TAKE_NEW: "added here",
    decide.TAKE: "changed here",
    decide.DELETE_LOCAL: "deleted here",
    decide.LINK: "already the same on both sides",
}


def lines(outcome: Outcome, remote: str) -> list[str]:
    out: list[str] = []
    for decision in outcome.decisions:
        if decision.action == decide.CONFLICT:
            out.extend(conflict_lines(decision))
        elif decision.why:
            out.append(f"{_who(decision)}: {decision.why}")
    out.extend(f"Not read from the server: {u}" for u in outcome.unreadable)
    out.extend(f"Skipped: {s}" for s in outcome.skipped)
    out.extend(f"Taken: {p}" for p in outcome.problems)
    out.append(totals(outcome, remote))
    return out


def conflict_lines(decision: Decision) -> list[str]:
    """A conflict and both versions: the fields on which they differ, or which side deleted it."""
    mine = decision.local
    theirs = decision.remote.contact if decision.remote is not None else None
    out = [f"Conflict: {_who(decision)}: {decision.why}"]
    if mine is None or theirs is None:
        kept = mine or theirs
        if kept is not None:
            side = "here" if mine is not None else "on the server"
            out.append(
                f"  {side}: " + "; ".join(f"{f} {_value(kept, f)}" for f in _FIELDS if _value(kept, f))
            )
        return out
    for name in _FIELDS:
        a, b = _value(mine, name), _value(theirs, name)
        if a != b:
            out.append(f"  {name}: here {a or '(none)'} | on the server {b or '(none)'}")
    return out


def totals(outcome: Outcome, remote: str) -> str:
    parts = [
        f"{outcome.count(action)} {_WORDS[action]}"
        for action in (
            decide.SEND_NEW,
            decide.SEND,
            decide.DELETE_REMOTE,
            decide.TAKE_NEW,
            decide.TAKE,
            decide.DELETE_LOCAL,
            decide.LINK,
        )
        if outcome.count(action)
    ]
    conflicts = outcome.count(decide.CONFLICT)
    if conflicts:
        left = "they were" if conflicts > 1 else "it was"
        parts.append(f"{conflicts} conflict{'s' if conflicts > 1 else ''} left as {left}")
    body = ", ".join(parts) if parts else "nothing to do, both sides agree"
    if outcome.dry_run:
        return f"Dry run with {remote!r}, nothing written. Would be: {body}."
    return f"Synced with {remote!r}: {body}."


def _who(decision: Decision) -> str:
    contact = decision.local or (decision.remote.contact if decision.remote is not None else None)
    if contact is None:
        return f"UID {decision.uid}"
    return f"{contact.name} ({contact.id})" if contact.id else f"{contact.name} (UID {decision.uid})"


def _value(contact: Contact, name: str) -> str:
    value = getattr(contact, name)
    if name == "phones":
        return ", ".join(p.display + (f" ext. {p.extension}" if p.extension else "") for p in value)
    if isinstance(value, tuple):
        return ", ".join(value)
    return repr(value) if value else ""
