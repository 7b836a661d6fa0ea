"""What was last synced with each remote: per UID the card's href and ETag and a hash of the local
entry as it was then, plus the server's sync-token. One JSON file per remote beside the store, written
atomically under the store's lock (from inside a store transaction, after its commit).

The state is the base of sync's three-way decision. It is written after the store, so a sync killed
half-way leaves a state that is at worst behind the store and the server, never ahead: the next sync
then finds the same card on both sides and only records it (see decide.py), duplicating and losing nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from contacts_cli.errors import StoreError

if TYPE_CHECKING:
    from contacts_cli.model import Contact
    from contacts_cli.store import Store

VERSION: Final = 1


@dataclass(frozen=True, slots=True)
class Item:
    href: str
    etag: str
    hash: str  # content_hash of the local entry as it was synced


@dataclass(slots=True)
class State:
    url: str
    token: str | None = None
    items: dict[str, Item] = field(default_factory=dict)  # UID -> Item

    def by_href(self) -> dict[str, str]:
        return {item.href: uid for uid, item in self.items.items()}


def state_path(store: "Store", remote: str) -> Path:
    real = store.real_path
    return real.with_name(f"{real.name}.sync-{remote}.json")


def content_hash(contact: "Contact") -> str:
    """A fingerprint of an entry's stored fields; its id and unknown extra keys do not count."""
    record = contact.to_record()
    for key in (*contact.extra, "id"):
        record.pop(key, None)
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def load(store: "Store", remote: str, url: str) -> State:
    """The state for `remote`; an empty one when there is none, or when it was for another URL."""
    path = state_path(store, remote)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return State(url)
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data: dict[str, Any] = json.loads(raw)
        if data["version"] != VERSION:
            raise ValueError("version")
        items = {
            uid: Item(str(v["href"]), str(v["etag"]), str(v["hash"])) for uid, v in data["items"].items()
        }
        state = State(str(data["url"]), data.get("token"), items)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreError(
            f"{path} is not a sync state; move it aside and sync again (cards on both sides are matched "
            "by UID, so nothing is duplicated)"
        ) from None
    if state.url != url:
        return State(url)
    return state


def write(store: "Store", remote: str, state: State) -> None:
    """Replace the state file; the caller holds the store's lock."""
    from contacts_cli.store import write_atomic

    data = {
        "version": VERSION,
        "url": state.url,
        "token": state.token,
        "items": {
            uid: {"href": i.href, "etag": i.etag, "hash": i.hash} for uid, i in sorted(state.items.items())
        },
    }
    write_atomic(state_path(store, remote), json.dumps(data, indent=0).encode("utf-8"))


def save(store: "Store", remote: str, state: State) -> None:
    """Take the store's lock and replace the state file (progress while cards are being sent)."""
    from contacts_cli.lock import exclusive

    with exclusive(store.lock_path, timeout=store.lock_timeout, what=store.path):
        write(store, remote, state)


def forget(store: "Store", remote: str) -> None:
    path = state_path(store, remote)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot remove {path}: {exc.strerror}") from None
