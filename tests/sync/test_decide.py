"""The three-way decision, case by case (pure: no server)."""

from dataclasses import replace

import pytest

from contacts_cli.model import Contact, Phone
from contacts_cli.sync import decide as sync
from contacts_cli.sync.decide import RemoteCard, decide
from contacts_cli.sync.state import Item, content_hash
from contacts_cli.vcard.card import ParsedCard

ANA = Contact(
    id="a1",
    uid="u1",
    name="Ana Pisonero",
    kind="spokesperson",
    title="Spokesperson for Trade",
    phones=(Phone("+3222954320", "+32 2 295 43 20", "fixed"),),
    created="2026-01-01T00:00:00Z",
    updated="2026-01-01T00:00:00Z",
)
EDITED = replace(ANA, title="Chief Spokesperson", updated="2026-02-01T00:00:00Z")
BASE = Item("https://dav/u1.vcf", '"e1"', content_hash(ANA))


def remote(contact: Contact | None, etag: str = '"e1"') -> RemoteCard:
    card = None if contact is None else ParsedCard(1, replace(contact, id=""), (), None)
    return RemoteCard("https://dav/u1.vcf", etag, card)


# (local, remote, base) -> action without --prefer, with --prefer local, with --prefer remote
CASES = [
    ("new here", ANA, None, None, sync.SEND_NEW, sync.SEND_NEW, sync.SEND_NEW),
    ("new there", None, remote(ANA), None, sync.TAKE_NEW, sync.TAKE_NEW, sync.TAKE_NEW),
    (
        "new on both, same",
        ANA,
        remote(replace(ANA, updated="x")),
        None,
        sync.LINK,
        sync.LINK,
        sync.LINK,
    ),
    ("new on both, differing", ANA, remote(EDITED), None, sync.CONFLICT, sync.SEND, sync.TAKE),
    ("unchanged", ANA, remote(None), BASE, None, None, None),
    ("edited here", EDITED, remote(None), BASE, sync.SEND, sync.SEND, sync.SEND),
    ("edited there", ANA, remote(EDITED, '"e2"'), BASE, sync.TAKE, sync.TAKE, sync.TAKE),
    ("edited both, same", EDITED, remote(EDITED, '"e2"'), BASE, sync.LINK, sync.LINK, sync.LINK),
    (
        "edited both, differing",
        EDITED,
        remote(replace(ANA, title="Deputy"), '"e2"'),
        BASE,
        sync.CONFLICT,
        sync.SEND,
        sync.TAKE,
    ),
    (
        "deleted here",
        None,
        remote(None),
        BASE,
        sync.DELETE_REMOTE,
        sync.DELETE_REMOTE,
        sync.DELETE_REMOTE,
    ),
    ("deleted there", ANA, None, BASE, sync.DELETE_LOCAL, sync.DELETE_LOCAL, sync.DELETE_LOCAL),
    ("deleted both", None, None, BASE, sync.FORGET, sync.FORGET, sync.FORGET),
    (
        "deleted here, edited there",
        None,
        remote(EDITED, '"e2"'),
        BASE,
        sync.CONFLICT,
        sync.DELETE_REMOTE,
        sync.TAKE_NEW,
    ),
    ("edited here, deleted there", EDITED, None, BASE, sync.CONFLICT, sync.SEND_NEW, sync.DELETE_LOCAL),
]


@pytest.mark.parametrize(("label", "mine", "theirs", "base", "plain", "local", "remote_"), CASES)
def test_decide(
    label: str,
    mine: Contact | None,
    theirs: RemoteCard | None,
    base: Item | None,
    plain: str | None,
    local: str | None,
    remote_: str | None,
) -> None:
    for prefer, expected in ((None, plain), ("local", local), ("remote", remote_)):
        found = decide(
            {"u1": mine} if mine else {},
            {"u1": theirs} if theirs else {},
            {"u1": base} if base else {},
            prefer,
        )
        assert [d.action for d in found] == ([expected] if expected else []), (label, prefer)
        if expected == sync.CONFLICT:
            assert found[0].why and found[0].local is mine and found[0].remote is theirs


def test_an_extra_key_or_a_new_id_is_not_a_local_change() -> None:
    moved = replace(ANA, id="zz", extra={"custom": 1})
    assert decide({"u1": moved}, {"u1": remote(None)}, {"u1": BASE}) == []


def test_prefer_must_be_a_side() -> None:
    with pytest.raises(ValueError, match="prefer"):
        decide({}, {}, {}, "both")
