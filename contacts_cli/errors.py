"""Expected failures. Each carries a message fit to show a user as is; the CLI maps them to exit 1."""

from collections.abc import Iterator
from contextlib import contextmanager


class ContactsError(Exception):
    """An expected failure: bad input, a missing entry, a damaged or busy store."""


class InvalidInput(ContactsError):
    """A value given by the user (a number, an email, a kind, ...) that we cannot accept."""


@contextmanager
def reading(label: str, folder: str) -> Iterator[None]:
    """Turns the OS errors of reading a file the user named into one InvalidInput naming it.

    `folder`: what to do instead when the name is a folder.
    """
    try:
        yield
    except FileNotFoundError:
        raise InvalidInput(f"cannot read {label}: no such file; check the path") from None
    except IsADirectoryError:
        raise InvalidInput(f"{label} is a folder; {folder}") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {label}: {exc.strerror}") from None


class InvalidPhone(InvalidInput):
    """A phone number that is not a valid international number."""


class NotFound(ContactsError):
    """No entry answers to a reference."""


class Ambiguous(ContactsError):
    """A reference that matches several entries."""


class Duplicate(ContactsError):
    """A number or email that another entry already has."""


class StoreError(ContactsError):
    """The store cannot be read or written."""


class StoreDamaged(StoreError):
    """The store does not parse or has the wrong shape; it is left untouched."""


class StoreTooNew(StoreError):
    """The store was written by a newer contacts-cli; we do not write it."""


class LockTimeout(StoreError):
    """Another process held the store's lock for longer than we wait."""


class NeedsConfirmation(ContactsError):
    """A destructive command that would prompt, run without a terminal to prompt on."""


class MassDeletion(ContactsError):
    """A sync would delete most of what was synced before: refused unless the user says it is meant."""
