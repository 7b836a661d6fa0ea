"""The directory's value objects and their invariants. No I/O, no third-party imports."""

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Final

from contacts_cli.errors import InvalidInput

KINDS: Final = ("spokesperson", "press-officer", "press-office")

PHONE_TYPES: Final = (
    "mobile",
    "fixed",
    "fixed-or-mobile",
    "toll-free",
    "premium-rate",
    "shared-cost",
    "voip",
    "personal",
    "pager",
    "uan",
    "voicemail",
    "unknown",
)

# ISO 639-1, the two-letter language codes.
LANGUAGES: Final = frozenset(
    (
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da "
        "de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz "
        "ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
        "lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi "
        "pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti "
        "tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
    ).split()
)

SCHEMA_VERSION: Final = 1

# C0 and C1 controls, DEL, and the format characters that reorder or hide text (bidi embeddings,
# overrides and isolates, zero-width marks, line and paragraph separators).
# Lone surrogates (from undecodable bytes on the command line) cannot be written as UTF-8 at all.
# Patterns are kept as text: `re` compiles and caches each on first use, off the start-up path.
CONTROL_CHARS: Final = "[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"

_EMAIL: Final = r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+"


@dataclass(frozen=True, slots=True)
class Phone:
    """A validated number: E.164 plus extension, its international display form and its type."""

    e164: str
    display: str
    type: str
    extension: str | None = None
    label: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "e164": self.e164,
            "display": self.display,
            "type": self.type,
            "extension": self.extension,
            "label": self.label,
        }

    @property
    def key(self) -> str:
        """The identity of a number: two entries sharing it are likely duplicates."""
        return self.e164 if self.extension is None else f"{self.e164};ext={self.extension}"


@dataclass(frozen=True, slots=True)
class Contact:
    """One directory entry: a spokesperson, a press officer or a press office."""

    id: str
    uid: str
    name: str
    kind: str
    title: str | None = None
    organization: str | None = None
    family: str | None = None
    areas: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    sourced: str | None = None
    created: str = ""
    updated: str = ""
    # Keys of the stored record that this version does not know; kept so that an edit never drops them.
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_record(self) -> dict[str, Any]:
        """The entry as the JSON object the store holds and `--json` prints."""
        record: dict[str, Any] = dict(self.extra)
        record.update(
            id=self.id,
            uid=self.uid,
            name=self.name,
            kind=self.kind,
            title=self.title,
            organization=self.organization,
            family=self.family,
            areas=list(self.areas),
            phones=[p.to_record() for p in self.phones],
            emails=list(self.emails),
            languages=list(self.languages),
            note=self.note,
            source=self.source,
            sourced=self.sourced,
            created=self.created,
            updated=self.updated,
        )
        return record


_KNOWN_KEYS: Final = frozenset(Contact.__dataclass_fields__) - {"extra"}


def contact_from_record(record: Mapping[str, Any]) -> Contact:
    """Rebuild a Contact from a stored record; raises KeyError/TypeError/ValueError on a wrong shape."""
    phones = tuple(
        Phone(
            e164=str(p["e164"]),
            display=str(p.get("display") or p["e164"]),
            type=str(p.get("type") or "unknown"),
            extension=p.get("extension"),
            label=p.get("label"),
        )
        for p in record.get("phones") or ()
    )
    return Contact(
        id=str(record["id"]),
        uid=str(record.get("uid") or record["id"]),
        name=str(record["name"]),
        kind=str(record["kind"]),
        title=record.get("title"),
        organization=record.get("organization"),
        family=record.get("family"),
        areas=_strings(record.get("areas")),
        phones=phones,
        emails=_strings(record.get("emails")),
        languages=_strings(record.get("languages")),
        note=record.get("note"),
        source=record.get("source"),
        sourced=record.get("sourced"),
        created=str(record.get("created") or ""),
        updated=str(record.get("updated") or ""),
        extra={k: v for k, v in record.items() if k not in _KNOWN_KEYS},
    )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return tuple(str(v) for v in value)


def now() -> str:
    """The current time as the store writes it: UTC, ISO 8601, seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def stamp(contact: Contact) -> Contact:
    """The same entry with its updated time set to now (and its created time, for a new one)."""
    moment = now()
    return replace(contact, created=contact.created or moment, updated=moment)


def new_uid() -> str:
    import uuid  # here, not at the top: most commands never make one

    return str(uuid.uuid4())


def new_id(taken: Iterable[str] | set[str]) -> str:
    """A short random id, unique among `taken`."""
    taken_set = taken if isinstance(taken, set) else set(taken)
    while True:
        candidate = os.urandom(4).hex()
        if candidate not in taken_set:
            return candidate


def clean_text(what: str, value: str | None, *, multiline: bool = False) -> str | None:
    """Trim a user-given text; refuse control characters (a newline only where `multiline`)."""
    if value is None:
        return None
    if multiline:
        value = value.replace("\r\n", "\n")
    bad = re.search(CONTROL_CHARS, value.replace("\n", "") if multiline else value)
    if bad:
        raise InvalidInput(
            f"{what} {value.strip()[:40]!r} contains the control character "
            f"U+{ord(bad.group()):04X}; remove it"
        )
    value = value.strip()
    return value or None


def require_text(what: str, value: str | None) -> str:
    cleaned = clean_text(what, value)
    if not cleaned:
        raise InvalidInput(f"{what} is empty; give a {what}")
    return cleaned


def check_kind(value: str) -> str:
    kind = value.strip().lower().replace("_", "-").replace(" ", "-")
    if kind not in KINDS:
        raise InvalidInput(f"unknown kind {value!r}; use one of: {', '.join(KINDS)}")
    return kind


# Title words that tell the kind, in the languages press releases come in. Officers are tested before
# offices because "Press Officer" contains "Press Office".
_KIND_WORDS: Final = (
    (
        "spokesperson",
        r"spokes(?:person|man|woman|people)|porte-?parole|sprecher(?:in)?|portavoce|portavoz|"
        r"presse?sprecher(?:in)?|woordvoerder|talesperson|talsperson|rzecznik|mluv[čc][ií]",
    ),
    (
        "press-officer",
        r"press (?:and media )?officer|media officer|communications? officer|press attach[ée]|"
        r"attach[ée]e? de presse|pressereferent(?:in)?|media relations officer|"
        r"press secretary|persvoorlichter|chargée? de presse",
    ),
    (
        "press-office",
        r"press office|press desk|media desk|press service|newsroom|media relations|press centre|"
        r"press center|pressestelle|service de presse|bureau de presse|duty press|media centre",
    ),
)


def infer_kind(title: str | None) -> str | None:
    """The kind a printed title states, or None when it does not say."""
    if not title:
        return None
    for kind, words in _KIND_WORDS:
        # re caches compiled patterns; compiling here keeps them off the start-up path of other commands.
        if re.search(rf"\b(?:{words})", title, re.IGNORECASE):
            return kind
    return None


def check_email(value: str) -> str:
    email = value.strip()
    if len(email) > 254 or not re.fullmatch(_EMAIL, email) or re.search(CONTROL_CHARS, email):
        raise InvalidInput(f"{value!r} is not an email address; write it as name@example.org")
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def check_language(value: str) -> str:
    code = value.strip().lower()
    if code not in LANGUAGES:
        raise InvalidInput(
            f"{value!r} is not an ISO 639-1 language code; write two letters such as en, fr, de"
        )
    return code


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Values in first-seen order without repeats."""
    return tuple(dict.fromkeys(values))
