"""Named CardDAV remotes, kept in a JSON file beside the store (mode 0600).

The file holds where a password comes from (an environment variable's name or a file's path), never a
password: secrets stay out of the store, the command line, logs and error messages. The file is
changed under the store's lock and replaced atomically.
"""

import json
import os
import re
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from contacts_cli.errors import ContactsError, InvalidInput, NotFound, StoreError

if TYPE_CHECKING:
    from contacts_cli.store import Store

FILE_MODE: Final = 0o600
_NAME: Final = r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}"
_ENV_NAME: Final = r"[A-Za-z_][A-Za-z0-9_]*"


class NoPassword(ContactsError):
    """A remote whose password cannot be found (variable unset, file missing) and cannot be asked for."""


@dataclass(frozen=True, slots=True)
class Remote:
    name: str
    url: str
    user: str | None = None
    password_env: str | None = None
    password_file: str | None = None

    def to_record(self) -> dict[str, str]:
        record = {"url": self.url}
        for key in ("user", "password_env", "password_file"):
            value = getattr(self, key)
            if value:
                record[key] = value
        return record

    @property
    def password_source(self) -> str:
        if self.password_env:
            return f"${self.password_env}"
        if self.password_file:
            return self.password_file
        return "asked" if self.user else "none"


def remotes_path(store: "Store") -> Path:
    real = store.real_path
    return real.with_name(real.name + ".remotes.json")


def check_name(name: str) -> str:
    if not re.fullmatch(_NAME, name):
        raise InvalidInput(
            f"remote name {name!r} is not usable; use up to 40 letters, digits, - and _, such as office"
        )
    return name


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f"{url!r} is not an http(s) URL; give the address book's URL, "
            "such as https://cloud.example.org/remote.php/dav/addressbooks/users/ana/contacts/"
        )
    if parts.username or parts.password:
        # Keep a password out of the file and out of every message: the URL is shown by `remote list`.
        raise InvalidInput("the URL holds a user name or password; pass --user and --password-env instead")
    return url.strip()


def load(store: "Store") -> dict[str, Remote]:
    """The remotes, by name; none when the file does not exist."""
    path = remotes_path(store)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(raw)
        return {
            name: Remote(
                name=name,
                url=str(item["url"]),
                user=item.get("user"),
                password_env=item.get("password_env"),
                password_file=item.get("password_file"),
            )
            for name, item in data["remotes"].items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreError(f"{path} is not a remotes file; move it aside and add the remotes again") from None


def get(store: "Store", name: str) -> Remote:
    found = load(store)
    if name not in found:
        known = ", ".join(sorted(found)) or "none yet; add one with `contacts remote add NAME URL`"
        raise NotFound(f"no remote named {name!r} (remotes: {known})")
    return found[name]


def save(store: "Store", remote: Remote, *, replace: bool = False) -> None:
    """Add a remote (or replace one, with `replace`), under the store's lock."""
    check_name(remote.name)
    check_url(remote.url)
    if remote.password_env and not re.fullmatch(_ENV_NAME, remote.password_env):
        raise InvalidInput("--password-env takes a variable's name, such as OFFICE_PASSWORD; not a password")
    with _locked(store):
        found = load(store)
        if remote.name in found and not replace:
            raise InvalidInput(f"a remote named {remote.name!r} exists; remove it first or pick another name")
        found[remote.name] = remote
        _write(store, found)


def remove(store: "Store", name: str) -> Remote:
    with _locked(store):
        found = load(store)
        if name not in found:
            raise NotFound(f"no remote named {name!r}; `contacts remote list` shows them")
        gone = found.pop(name)
        _write(store, found)
    return gone


def password(remote: Remote) -> str | None:
    """The remote's password from its variable or file; None when it has none configured.

    NoPassword when the configured source is empty or missing; the message names the source only.
    """
    if remote.password_env:
        value = os.environ.get(remote.password_env)
        if not value:
            raise NoPassword(
                f"remote {remote.name!r}: its password variable {remote.password_env} is not set"
            )
        return value
    if remote.password_file:
        path = Path(remote.password_file).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise NoPassword(
                f"remote {remote.name!r}: cannot read its password file {path}: {exc.strerror}"
            ) from None
        first = text.splitlines()[0] if text.strip() else ""
        if not first:
            raise NoPassword(f"remote {remote.name!r}: its password file {path} is empty")
        return first
    return None


def _locked(store: "Store") -> AbstractContextManager[None]:
    from contacts_cli.lock import exclusive

    path = remotes_path(store)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from None
    return exclusive(store.lock_path, timeout=store.lock_timeout, what=store.path)


def _write(store: "Store", remotes: dict[str, Remote]) -> None:
    from contacts_cli.store import write_atomic

    path = remotes_path(store)
    payload = json.dumps(
        {"remotes": {name: r.to_record() for name, r in sorted(remotes.items())}}, indent=1
    ).encode("utf-8")
    if not path.exists():
        # Created 0600 before anything is in it; write_atomic keeps the mode it finds.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror}") from None
    os.chmod(path, FILE_MODE)
    write_atomic(path, payload + b"\n")
