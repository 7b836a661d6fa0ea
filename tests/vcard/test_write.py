"""Our vCards as an independent consumer reads them: vobject, the parser khard and Radicale use."""

import re
from dataclasses import replace

import pytest

from contacts_cli.errors import InvalidInput
from contacts_cli.vcard.read import parse_vcards
from contacts_cli.vcard.write import file_name, fold, qr_vcard, to_vcard

from .cards import DESK, PALOMA, one, values, vobject_card


def lines_of(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text[:-2].split("\r\n")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_frame_utf8_crlf_no_bom_and_the_required_properties(version):
    text = to_vcard(PALOMA, version)
    data = text.encode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") and data.count(b"\r") == data.count(b"\r\n")
    lines = lines_of(text)
    assert lines[:2] == ["BEGIN:VCARD", f"VERSION:{version}"]
    assert lines[-1] == "END:VCARD" and text.endswith("END:VCARD\r\n")
    names = [re.split(r"[;:]", line, maxsplit=1)[0] for line in lines if not line.startswith(" ")]
    for required in ("FN", "N", "UID", "REV"):
        assert names.count(required) == 1, required


def test_vobject_reads_every_field_of_a_3_0_card():
    card = vobject_card(to_vcard(PALOMA))
    assert one(card, "version") == "3.0"
    assert one(card, "fn") == "Paloma Hall Caballero"
    name = one(card, "n")
    assert (name.family, name.given) == ("Hall Caballero", "Paloma")
    assert one(card, "org") == ["European External Action Service"]
    assert one(card, "title") == "Press Officer for Foreign Affairs and Security Policy"
    assert one(card, "role") == "Press officer"
    assert one(card, "categories") == [
        "Foreign Affairs and Security Policy",
        "Trade, Economic Security; Sanctions",
    ]
    tels = [(c.value, c.params.get("TYPE"), c.group) for c in card.getChildren() if c.name == "TEL"]
    assert tels == [
        ("+3222968560", ["WORK", "VOICE"], None),
        ("+32460768560", ["CELL"], None),
        ("+3222954320 ext. 123", ["WORK", "VOICE"], "item1"),
    ]
    [label] = [c for c in card.getChildren() if c.name == "X-ABLABEL"]
    assert (label.group, label.value) == ("item1", "Press desk")
    emails = [(c.value, c.params.get("TYPE")) for c in card.getChildren() if c.name == "EMAIL"]
    assert emails == [
        ("paloma.hall-caballero@eeas.example.eu", ["INTERNET", "WORK"]),
        ("press@eeas.example.eu", ["INTERNET", "WORK"]),
    ]
    assert one(card, "note") == PALOMA.note
    assert one(card, "uid") == PALOMA.uid
    assert one(card, "rev") == "2026-11-29T10:00:00Z"
    assert one(card, "x-contacts-kind") == "press-officer"
    assert values(card, "x-contacts-language") == ["es", "en", "fr"]
    assert one(card, "x-contacts-source") == PALOMA.source
    assert one(card, "x-contacts-sourced") == PALOMA.sourced
    assert one(card, "x-contacts-created") == PALOMA.created
    assert values(card, "lang") == []


def test_vobject_reads_every_field_of_a_4_0_card():
    card = vobject_card(to_vcard(PALOMA, "4.0"))
    assert one(card, "version") == "4.0"
    assert one(card, "fn") == "Paloma Hall Caballero"
    assert (one(card, "n").family, one(card, "n").given) == ("Hall Caballero", "Paloma")
    tels = [
        (c.value, c.params.get("VALUE"), c.params.get("TYPE")) for c in card.getChildren() if c.name == "TEL"
    ]
    assert tels == [
        ("tel:+3222968560", ["uri"], ["work,voice"]),
        ("tel:+32460768560", ["uri"], ["cell"]),
        ("tel:+3222954320;ext=123", ["uri"], ["work,voice"]),
    ]
    langs = [(c.value, c.params.get("PREF")) for c in card.getChildren() if c.name == "LANG"]
    assert langs == [("es", ["1"]), ("en", ["2"]), ("fr", ["3"])]
    assert values(card, "x-contacts-language") == []
    assert [c.params.get("TYPE") for c in card.getChildren() if c.name == "EMAIL"] == [["work"], ["work"]]
    assert one(card, "rev") == "20261129T100000Z"
    assert one(card, "note") == PALOMA.note


def test_a_press_office_is_filed_under_its_own_name():
    card = vobject_card(to_vcard(DESK))
    assert one(card, "fn") == "Trade press desk"
    assert (one(card, "n").family, one(card, "n").given) == ("Trade press desk", "")
    assert one(card, "role") == "Press office"
    assert one(vobject_card(to_vcard(DESK, "4.0")), "kind") == "org"
    assert values(card, "kind") == []


@pytest.mark.parametrize(
    ("name", "family", "kind", "n_family", "n_given"),
    [
        ("Peter Stano", None, "spokesperson", "Stano", "Peter"),
        ("Paloma Hall Caballero", "Hall Caballero", "press-officer", "Hall Caballero", "Paloma"),
        ("Xi Jinping", "Xi", "spokesperson", "Xi", "Jinping"),
        ("Madonna", None, "spokesperson", "Madonna", ""),
        (
            "Anna von der Leyen-Schmidt",
            "von der Leyen-Schmidt",
            "spokesperson",
            "von der Leyen-Schmidt",
            "Anna",
        ),
    ],
)
def test_family_names_map_to_n(name, family, kind, n_family, n_given):
    contact = replace(DESK, name=name, family=family, kind=kind)
    n = one(vobject_card(to_vcard(contact)), "n")
    assert (n.family, n.given) == (n_family, n_given)
    [parsed] = parse_vcards(to_vcard(contact))
    assert parsed.contact is not None and parsed.contact.family == (
        family if family != name.split()[-1] else None
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("C:\\new", "C:\\\\new"),
    ],
)
def test_text_values_are_escaped(value, written):
    text = to_vcard(replace(DESK, title=value))
    assert f"\r\nTITLE:{written}\r\n" in text
    assert one(vobject_card(text), "title") == value


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_every_kind_of_line_break_is_escaped_in_a_note_and_removed_elsewhere(brk):
    contact = replace(DESK, note=f"one{brk}two", title=f"Head{brk}of Unit", name=f"Desk{brk}Name")
    text = to_vcard(contact)
    assert "\r\nNOTE:one\\ntwo\r\n" in text
    assert "\r\nTITLE:Head of Unit\r\n" in text
    assert "\r\nFN:Desk Name\r\n" in text
    body = text.replace("\r\n", "")
    assert not re.search(r"[\r\n\x0b\x0c\x85\u2028\u2029]", body)


def test_user_text_never_becomes_a_property_a_parameter_or_a_group():
    attack = "x\r\nTEL:+1 555 0100\r\nitem9.X-ABLabel:owned\nEMAIL;TYPE=evil:a@b.c"
    contact = replace(
        PALOMA,
        name="Eve " + attack,
        title=attack,
        organization=attack,
        family=attack,
        areas=(attack,),
        phones=(replace(PALOMA.phones[2], label=attack),),
        emails=("eve@example.org",),
        note=attack,
        source=attack,
        sourced=attack,
        uid="uid;TYPE=x:" + attack,
    )
    for version in ("3.0", "4.0"):
        text = to_vcard(contact, version)
        names = sorted({c.name for c in vobject_card(text).getChildren()})
        expected = {
            "VERSION",
            "PRODID",
            "UID",
            "FN",
            "N",
            "ORG",
            "TITLE",
            "ROLE",
            "CATEGORIES",
            "TEL",
            "EMAIL",
        }
        expected |= {"X-ABLABEL", "NOTE", "X-CONTACTS-KIND", "X-CONTACTS-SOURCE", "X-CONTACTS-SOURCED"}
        expected |= {"X-CONTACTS-CREATED", "REV"} | (
            {"LANG"} if version == "4.0" else {"X-CONTACTS-LANGUAGE"}
        )
        assert set(names) == expected
        card = vobject_card(text)
        assert [c.group for c in card.getChildren() if c.group] == ["item1", "item1"]
        assert [c.value for c in card.getChildren() if c.name == "TEL"] == (
            ["tel:+3222954320;ext=123"] if version == "4.0" else ["+3222954320 ext. 123"]
        )
        assert [c.value for c in card.getChildren() if c.name == "EMAIL"] == ["eve@example.org"]


def test_control_characters_never_reach_the_file():
    # The store refuses them, but a store edited by hand may hold anything.
    dirty = "A\x00B\x1b[31mC\x07D\u202eE\u200bF\ufeffG\x7fH\x9bI\tJ"
    contact = replace(PALOMA, name=dirty, title=dirty, note=dirty + "\nline", areas=(dirty,))
    text = to_vcard(contact)
    assert not re.search(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]", text.replace("\r\n", "")
    )
    assert one(vobject_card(text), "fn") == "AB[31mCDEFGHI J"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    contact = replace(DESK, note="Ünïcödé ☎ 電話 🗞️ " * 40, title="x" * 300)
    for version in ("3.0", "4.0"):
        text = to_vcard(contact, version)
        for line in lines_of(text):
            assert len(line.encode("utf-8")) <= 75
        card = vobject_card(text)
        assert one(card, "note") == contact.note.strip() or one(card, "note") == contact.note
        assert one(card, "title") == "x" * 300


@pytest.mark.parametrize("width", range(1, 5))
def test_folding_cuts_between_characters_of_every_utf8_width(width):
    char = {1: "a", 2: "é", 3: "電", 4: "🗞"}[width]
    for prefix in range(0, 8):
        line = "NOTE:" + "x" * prefix + char * 100
        folded = fold(line)
        parts = folded.split("\r\n")
        assert all(len(p.encode("utf-8")) <= 75 for p in parts)
        assert all(p.startswith(" ") for p in parts[1:])
        assert parts[0] + "".join(p[1:] for p in parts[1:]) == line


def test_an_unknown_version_is_refused():
    with pytest.raises(InvalidInput, match=r"use 3\.0 or 4\.0"):
        to_vcard(PALOMA, "2.1")


def test_the_qr_card_keeps_what_a_phone_needs_and_nothing_else():
    card = vobject_card(qr_vcard(PALOMA))
    names = {c.name for c in card.getChildren()}
    assert names == {"VERSION", "UID", "FN", "N", "ORG", "TITLE", "TEL", "X-ABLABEL", "EMAIL"}


@pytest.mark.parametrize(
    ("name", "contact_id", "expected"),
    [
        ("Peter Stano", "5ad0e4c1", "Peter-Stano-5ad0e4c1.vcf"),
        ("Ødegaard, Ingrid (MFA)", "0000abcd", "Ødegaard-Ingrid-MFA-0000abcd.vcf"),
        ("../../etc/passwd", "12345678", "etc-passwd-12345678.vcf"),
        ("CON", "12345678", "CON-12345678.vcf"),
        ("???", "12345678", "entry-12345678.vcf"),
        ("Mu\u0308ller", "12345678", "Müller-12345678.vcf"),
        ("हिन्दी प्रवक्ता", "12345678", "हिन्दी-प्रवक्ता-12345678.vcf"),
    ],
)
def test_file_names_are_readable_stable_and_safe(name, contact_id, expected):
    assert file_name(replace(DESK, name=name, id=contact_id)) == expected


def test_file_names_stay_short_enough_for_every_file_system():
    name = file_name(replace(DESK, name="Ω" * 500))
    assert len(name.encode("utf-8")) < 255
