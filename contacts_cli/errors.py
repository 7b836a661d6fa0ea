"""Expected failures. Each carries a message fit to show a user as is; the CLI maps them to exit 1."""


class ContactsError(Exception):
    """An expected failure: bad input, a missing entry, a damaged or busy store."""


class InvalidInput(ContactsError):
    """A value given by the user (a number, an email, a kind, ...) that we cannot accept."""


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
