"""Property tests: arbitrary Unicode names, titles and notes survive the trip out and back in."""

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts_cli.model import CONTROL_CHARS, KINDS, LANGUAGES, Contact
from contacts_cli.vcard.card import name_parts
from contacts_cli.vcard.read import parse_vcards
from contacts_cli.vcard.write import to_vcard

from .cards import one, phone, values, vobject_card

PHONES = [
    phone("+32 2 296 85 60"),
    phone("+32 460 76 85 60"),
    phone("+49 30 18 17 0"),
    phone("+33 1 43 17 53 53 ext. 42"),
    phone("+1 202 647 4000", label="Ops center"),
    phone("+44 20 7008 1500"),
]


def _valid(text: str) -> str:
    """What the store accepts as one line of text: no control characters, trimmed."""
    return re.sub(CONTROL_CHARS, "", text).strip()


# Any character a Python str can hold and UTF-8 can write: every script, emoji, combining marks,
# the vCard specials \ , ; : = and quotes, and the controls that the store never lets in.
anything = st.text(st.characters(exclude_categories=["Cs"]), max_size=120)
one_line = anything.map(_valid)
required_line = one_line.filter(bool)
multiline = st.lists(one_line, min_size=1, max_size=4).map(lambda lines: "\n".join(lines).strip())


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    name = draw(required_line)
    return Contact(
        id="",
        uid=draw(st.uuids()).__str__(),
        name=name,
        kind=draw(st.sampled_from(KINDS)),
        title=draw(one_line) or None,
        organization=draw(one_line) or None,
        family=draw(st.one_of(st.none(), st.just(name.split()[-1]), one_line)) or None,
        areas=tuple(dict.fromkeys(a for a in draw(st.lists(one_line, max_size=3)) if a)),
        phones=tuple(
            replace(p, label=draw(one_line) or None) if draw(st.booleans()) else p
            for p in draw(st.lists(st.sampled_from(PHONES), max_size=3, unique=True))
        ),
        emails=tuple(
            draw(
                st.lists(
                    st.sampled_from(["a@example.org", "b.c+press@example.eu", "d,e;f@example.de"]),
                    unique=True,
                )
            )
        ),
        languages=tuple(draw(st.lists(st.sampled_from(sorted(LANGUAGES)), max_size=3, unique=True))),
        note=draw(multiline) or None,
        source=draw(one_line) or None,
        sourced=draw(st.sampled_from([None, "2026-11-28T03:30:00Z"])),
        created="2026-11-28T03:30:00Z",
        updated="2026-11-29T10:00:00Z",
    )


def _as_read(contact: Contact) -> Contact:
    """The contact as a reader gives it back: a family name equal to the one N would imply is implied."""
    implied = name_parts(contact.name, None, contact.kind)[0]
    return replace(contact, family=None if contact.family == implied else contact.family)


@settings(max_examples=150, deadline=None)
@given(contacts(), st.sampled_from(["3.0", "4.0"]))
def test_export_parses_back_to_the_same_values(contact, version):
    text = to_vcard(contact, version)
    [card] = parse_vcards(text)
    assert card.error is None and card.problems == ()
    assert card.contact == _as_read(contact)


@settings(max_examples=150, deadline=None)
@given(contacts(), st.sampled_from(["3.0", "4.0"]))
def test_no_line_is_longer_than_75_octets_and_only_crlf_ends_lines(contact, version):
    text = to_vcard(contact, version)
    assert text.endswith("END:VCARD\r\n")
    for line in text[:-2].split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        assert not re.search(CONTROL_CHARS, line), repr(line)


@settings(max_examples=100, deadline=None)
@given(contacts(), st.sampled_from(["3.0", "4.0"]))
def test_vobject_reads_the_same_names_titles_and_notes(contact, version):
    card = vobject_card(to_vcard(contact, version))
    assert one(card, "fn") == contact.name
    family, given_names = name_parts(contact.name, contact.family, contact.kind)
    n = one(card, "n")
    assert (n.family, n.given) == (family, given_names)
    assert values(card, "title") == ([contact.title] if contact.title else [])
    assert values(card, "org") == ([[contact.organization]] if contact.organization else [])
    assert values(card, "note") == ([contact.note] if contact.note else [])
    assert values(card, "categories") == ([list(contact.areas)] if contact.areas else [])
    assert values(card, "x-contacts-source") == ([contact.source] if contact.source else [])
    assert values(card, "email") == list(contact.emails)
    assert values(card, "x-ablabel") == [p.label for p in contact.phones if p.label]
    assert values(card, "uid") == [contact.uid]


@settings(max_examples=100, deadline=None)
@given(anything, anything, st.sampled_from(["3.0", "4.0"]))
def test_dirty_text_from_a_hand_edited_store_never_breaks_the_card(name, note, version):
    contact = Contact(
        id="x", uid="u", name=name or "x", kind="spokesperson", title=name, note=note, areas=(name,)
    )
    text = to_vcard(contact, version)
    lines = text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")
    assert not any(re.search(CONTROL_CHARS, line) for line in lines)
    props = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert set(props) <= {
        "BEGIN",
        "VERSION",
        "PRODID",
        "UID",
        "FN",
        "N",
        "TITLE",
        "ROLE",
        "CATEGORIES",
        "NOTE",
        "END",
        "X-CONTACTS-KIND",
    }
    vobject_card(text)


BREAKS = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]
INJECTED = "Evil{0}END:VCARD{0}BEGIN:VCARD{0}VERSION:3.0{0}FN:Mallory{0}TEL:+1 900 555 0100{0}X"


def _field_with(field: str, text: str) -> Contact:
    """The Stano entry with text put into one field, as a hand-edited or imported store might hold it."""
    base = Contact(
        id="x", uid="stano", name="Peter Stano", kind="spokesperson", title="Lead Spokesperson",
        organization="EEAS", areas=("Foreign affairs",), phones=(PHONES[0],), emails=("a@example.org",),
        note="Mornings", source="release.txt",
    )  # fmt: skip
    if field in {"areas", "emails"}:
        return replace(base, **{field: (text,)})
    if field == "label":
        return replace(base, phones=(replace(PHONES[0], label=text),))
    return replace(base, **{field: text})


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("brk", BREAKS, ids=repr)
@pytest.mark.parametrize(
    "field", ["name", "title", "organization", "family", "areas", "emails", "label", "note", "source"]
)
def test_a_line_break_in_any_field_never_makes_a_property_or_a_card(field, brk, version):
    clean = vobject_card(to_vcard(_field_with(field, "Evil X"), version))
    text = to_vcard(_field_with(field, INJECTED.format(brk)), version)
    unfolded = text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")
    assert [line for line in unfolded if line.endswith(":VCARD")] == ["BEGIN:VCARD", "END:VCARD"]
    assert not any(re.search(CONTROL_CHARS, line) for line in unfolded)
    assert not any(re.search("[\u2028\u2029\x85]", line) for line in unfolded)
    card = vobject_card(text)  # exactly one card, or this raises
    assert sorted(card.contents) == sorted(clean.contents)
    assert [len(v) for _, v in sorted(card.contents.items())] == [
        len(v) for _, v in sorted(clean.contents.items())
    ]
    assert "Mallory" not in [one(card, "fn")]
    [read] = parse_vcards(text)
    assert read.contact is not None and len(read.contact.phones) == 1
