"""Reading the cards phones and mail clients write: fixtures in their styles, and the format's corners."""

from pathlib import Path

import pytest

from contacts_cli.decode import decode_bytes
from contacts_cli.errors import InvalidInput
from contacts_cli.vcard.card import count_cards
from contacts_cli.vcard.read import NO_KIND, parse_vcards

VCARDS = Path(__file__).resolve().parent / "fixtures"


def read_fixture(name: str, region: str | None = None):
    text, note = decode_bytes((VCARDS / name).read_bytes())
    return parse_vcards(text, region), note


def summary(card):
    """The parts of a read card a test compares, without the random UID of a card that had none."""
    c = card.contact
    return {
        "name": c.name,
        "kind": c.kind,
        "title": c.title,
        "organization": c.organization,
        "family": c.family,
        "areas": list(c.areas),
        "phones": [(p.e164, p.type, p.extension, p.label) for p in c.phones],
        "emails": list(c.emails),
        "languages": list(c.languages),
        "note": c.note,
        "updated": c.updated,
    }


def test_apple_cards_with_item_groups_labels_photos_and_a_company_card():
    (asa, office), note = read_fixture("apple.vcf")
    assert note is None
    assert summary(asa) == {
        "name": "Åsa Lindqvist",
        "kind": "press-officer",  # "Press Secretary" says so
        "title": "Press Secretary to the Minister",
        "organization": "Ministry for Foreign Affairs, Press Office",
        "family": None,
        "areas": [],
        "phones": [
            ("+4684051000", "fixed", None, "Duty phone"),
            ("+46701234567", "mobile", None, None),
            ("+4684055740", "fixed", None, None),  # Apple's own label _$!<Work>!$_ adds nothing
        ],
        "emails": ["asa.lindqvist@gov.example.se"],
        "languages": [],
        "note": "Answers texts faster than calls.\nNo calls after 22:00, Stockholm time.",
        "updated": "",
    }
    assert asa.problems == ()
    assert asa.not_kept == ("ADR", "PHOTO")
    assert summary(office)["kind"] == "press-office"  # X-ABShowAs:COMPANY
    assert summary(office)["name"] == "Press Office of the Federal Foreign Office"
    assert summary(office)["organization"] == "Auswärtiges Amt"
    assert summary(office)["phones"] == [("+493018172020", "fixed", None, "Press desk")]
    assert office.contact.uid == "6B29FC40-CA47-1067-B31D-00DD010662DA"
    assert office.not_kept == ("URL",)


def test_google_cards_drop_googles_own_groups_and_report_a_national_number():
    (chloe, tomas), _ = read_fixture("google.vcf")
    assert summary(chloe)["areas"] == ["Europe", "Press"]
    assert summary(chloe)["kind"] == "spokesperson"  # porte-parole
    assert summary(chloe)["phones"] == [("+33612345678", "mobile", None, None)]
    assert summary(chloe)["emails"] == ["chloe.dupre@diplomatie.example.fr", "chloe.dupre@mail.example.com"]
    assert summary(chloe)["note"] == "Met at the Brussels summit, March."
    [problem] = chloe.problems
    assert "'01 43 17 53 53' has no country code" in problem and "--region" in problem
    assert chloe.not_kept == ("URL", "BDAY")
    assert summary(tomas)["areas"] == []
    assert tomas.problems == (NO_KIND,)
    assert summary(tomas)["kind"] == "press-officer"
    (chloe_fr, _), _ = read_fixture("google.vcf", region="FR")
    assert summary(chloe_fr)["phones"] == [
        ("+33143175353", "fixed", None, None),
        ("+33612345678", "mobile", None, None),
    ]
    assert chloe_fr.problems == ()


def test_outlook_2_1_in_windows_1252_with_quoted_printable_and_a_fax():
    (siobhan,), note = read_fixture("outlook.vcf")
    assert note == "is not UTF-8; read as Windows-1252"
    assert summary(siobhan) == {
        "name": "Siobhán O'Brien",
        "kind": "press-officer",
        "title": "Press Officer",
        "organization": "Department of Foreign Affairs, Communications Unit",
        "family": None,  # the last word of the name, as N says
        "areas": [],
        "phones": [("+35314082000", "fixed", None, None), ("+353871234567", "mobile", None, None)],
        "emails": ["siobhan.obrien@dfa.example.ie"],
        "languages": [],
        "note": "Covers EU affairs and Brexit.\nCall the press office first if urgent.",
        "updated": "2026-10-01T10:15:00Z",
    }
    assert siobhan.problems == ("left out the fax number '+353 1 408 2400'",)
    assert siobhan.not_kept == ("ADR", "LABEL")


def test_android_2_1_quoted_printable_utf8_soft_breaks_bare_types_and_custom_labels():
    (ingrid, maja), _ = read_fixture("android21.vcf", region="SI")
    assert summary(ingrid)["name"] == "Ingrid Ødegaard"
    assert summary(ingrid)["title"] == "Kommunikasjonsrådgiver, pressevakt"
    assert summary(ingrid)["note"] == "Snakker norsk, engelsk og fransk. Foretrekker e-post før kl. 9."
    assert summary(ingrid)["phones"] == [
        ("+4791234567", "mobile", None, None),
        ("+4723950000", "fixed", None, None),
        ("+4723950001", "fixed", None, "Vakttelefon"),
    ]
    assert ingrid.not_kept == ("PHOTO",)
    assert ingrid.problems == (NO_KIND,)
    assert summary(maja)["phones"] == [
        ("+38640123456", "mobile", None, None),
        ("+38614782000", "fixed", None, None),
    ]
    assert summary(maja)["emails"] == ["maja.novak@gov.example.si"]


def test_vcard_4_tel_uris_with_extensions_lang_preferences_and_an_organisation():
    (matteo, office), _ = read_fixture("v4.vcf")
    assert summary(matteo) == {
        "name": "Matteo Rossi",
        "kind": "spokesperson",  # portavoce
        "title": "Portavoce",
        "organization": "Ministero degli Affari Esteri",
        "family": None,
        "areas": ["Foreign Affairs", "Migration"],
        "phones": [("+390636912000", "fixed", "102", None), ("+393471234567", "mobile", None, None)],
        "emails": ["matteo.rossi@esteri.example.it"],
        "languages": ["it", "en"],
        "note": "Speaks for the Minister on migration.\nBackground briefings on Fridays.",
        "updated": "2026-11-15T08:30:00Z",
    }
    assert matteo.contact.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert matteo.problems == ("left out the fax number '+39-06-3691-9999'",)
    assert summary(office)["kind"] == "press-office"  # KIND:org
    assert summary(office)["updated"] == "2026-11-15T07:30:00Z"  # +01:00 made UTC


def test_broken_cards_are_reported_by_position_and_the_others_still_read():
    cards, _ = read_fixture("broken.vcf")
    assert [c.position for c in cards] == [1, 2, 3, 4]
    assert cards[0].contact is None and "END:VCARD" in cards[0].error
    assert cards[1].contact is None and "has no name" in cards[1].error
    evil = cards[2]
    assert evil.contact.name == "Evil]8;;https://attacker.example/Name[2J"
    assert evil.contact.title == "Spokesperson roF Trade"
    assert evil.contact.organization == "Acme Corp"
    assert evil.contact.note == "first line\nsecond line\nthird line\nfourth"
    assert [p.e164 for p in evil.contact.phones] == ["+32460794320"]
    assert evil.contact.emails == ("good@example.org",)
    assert evil.contact.languages == ()
    assert evil.contact.updated == ""
    assert evil.contact.kind == "spokesperson"  # the unknown X-CONTACTS-KIND is ignored; the title tells
    assert set(evil.problems) == {
        "left out a line that is not a property: 'this line has no colon'",
        "organization: removed control characters (U+0000)",
        "name: removed control characters (U+0007, U+001B)",
        "title: removed control characters (U+202C, U+202E)",
        "X-CONTACTS-KIND 'journalist' is not a kind we know; ignored",
        "left out a number: '+32 12' is too short for Belgium; write the full number",
        "left out a number: '0460 79 43 21' has no country code: write it with one (e.g. +32 ...) "
        "or pass --region (e.g. --region BE) or set CONTACTS_REGION",
        "left out an email: 'not-an-email' is not an email address; write it as name@example.org",
        "left out the language 'english': not an ISO 639-1 code",
        "REV 'yesterday' is not a date and time; ignored",
    }
    assert cards[3].contact.name == "Last Good Card" and cards[3].problems == ()


CARD = "BEGIN:VCARD\nVERSION:{version}\nFN:{fn}\n{more}END:VCARD\n"


def card(more: str = "", fn: str = "Ana Pisonero", version: str = "3.0"):
    [parsed] = parse_vcards(CARD.format(version=version, fn=fn, more=more), region="BE")
    return parsed


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_ends_lf_crlf_or_cr_read_alike(ending):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\n Pisonero\nTITLE:Spokesperson\nEND:VCARD\n".replace(
        "\n", ending
    )
    [parsed] = parse_vcards("\ufeff" + text + text.replace("Ana", "Eva"))[:1]
    assert parsed.contact.name == "AnaPisonero"  # 3.0 unfolding drops the one space that folds
    assert count_cards(text * 3) == 3


def test_folding_with_a_tab_and_2_1_folding_that_keeps_the_space():
    assert card("NOTE:one\n\ttwo\n").contact.note == "onetwo"
    assert card("NOTE:one\n two\n", version="2.1").contact.note == "one two"


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:caf=E9 cr=E8me", "café crème"),
        ("NOTE;QUOTED-PRINTABLE;CHARSET=UTF-8:caf=C3=A9=\n cr=C3=A8me", "café crème"),
        ("NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9", "café"),
        ("NOTE;ENCODING=QUOTED-PRINTABLE:caf=E9", "café"),  # no CHARSET and not UTF-8: Windows-1252
        ("NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=x-nonsense:caf=C3=A9", "café"),
        ("NOTE;ENCODING=b;CHARSET=utf-8:Y2Fmw6k=", "café"),
        ("NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0Aline two", "line one\nline two"),
    ],
)
def test_quoted_printable_base64_and_charsets(line, note):
    assert card(line + "\n", version="2.1").contact.note == note


def test_structured_values_split_only_on_unescaped_separators():
    parsed = card("N:Hall\\; Caballero;Paloma;;;\nORG:Acme\\, Inc.;Press\\;Media\nCATEGORIES:a\\,b,c\n")
    assert parsed.contact.family == "Hall; Caballero"
    assert parsed.contact.organization == "Acme, Inc., Press;Media"
    assert parsed.contact.areas == ("a,b", "c")


def test_quoted_parameters_may_hold_colons_and_semicolons():
    parsed = card('TEL;TYPE="work,voice";X-NOTE="a:b;c":+32 2 295 43 20\n')
    assert [p.e164 for p in parsed.contact.phones] == ["+3222954320"]


@pytest.mark.parametrize(
    ("rev", "stamp"),
    [
        ("2026-11-28T03:30:00Z", "2026-11-28T03:30:00Z"),
        ("20261128T033000Z", "2026-11-28T03:30:00Z"),
        ("2026-11-28T04:30:00+01:00", "2026-11-28T03:30:00Z"),
        ("20261127T223000-0500", "2026-11-28T03:30:00Z"),
        ("2026-11-28T03:30:00.123Z", "2026-11-28T03:30:00Z"),
        ("2026-11-28", "2026-11-28T00:00:00Z"),
        ("2026-13-45", ""),
    ],
)
def test_rev_in_every_iso_8601_shape(rev, stamp):
    assert card(f"REV:{rev}\n").contact.updated == stamp


def test_a_name_comes_from_n_or_org_when_fn_is_missing():
    [from_n] = parse_vcards("BEGIN:VCARD\nVERSION:2.1\nN:Hall Caballero;Paloma;;Dr.;\nEND:VCARD\n")
    assert (from_n.contact.name, from_n.contact.family) == ("Dr. Paloma Hall Caballero", "Hall Caballero")
    [from_org] = parse_vcards("BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nORG:EEAS;Press\nEND:VCARD\n")
    assert (from_org.contact.name, from_org.contact.kind) == ("EEAS, Press", "press-office")


def test_kind_from_our_property_role_title_or_the_default():
    assert card("X-CONTACTS-KIND:press-office\n").contact.kind == "press-office"
    assert card("ROLE:Press officer\n").contact.kind == "press-officer"
    assert card("ROLE:Head of Unit\n").contact.title == "Head of Unit"
    assert card("TITLE:Pressesprecherin\n").contact.kind == "spokesperson"
    [told] = parse_vcards(CARD.format(version="3.0", fn="X", more=""), default_kind="spokesperson")
    assert (told.contact.kind, told.problems) == ("spokesperson", ())
    with pytest.raises(InvalidInput):
        parse_vcards(CARD.format(version="3.0", fn="X", more=""), default_kind="journalist")


def test_emails_may_be_mailto_uris_and_repeat_in_other_case():
    parsed = card("EMAIL:mailto:Ana@Example.EU\nEMAIL;TYPE=work:ana@example.eu\n")
    assert parsed.contact.emails == ("Ana@example.eu",)


def test_a_line_break_in_a_one_line_field_is_reported():
    parsed = card("TITLE:Spokesperson\n", fn="Ana\\nPisonero")
    assert parsed.contact.name == "Ana Pisonero"
    assert parsed.problems == ("name: line breaks replaced by spaces",)


def test_lines_that_are_not_properties_are_reported_not_counted_as_data():
    parsed = card("just some words: here\nTEL;TYPE=CELL:+32 460 79 43 20\nno colon at all\n:empty name\n")
    assert parsed.problems == (
        "left out a line that is not a property: 'just some words: here'",
        "left out a line that is not a property: 'no colon at all'",
        "left out a line that is not a property: ':empty name'",
        NO_KIND,
    )
    assert parsed.not_kept == ()
    assert [p.e164 for p in parsed.contact.phones] == ["+32460794320"]


def test_a_card_without_uid_gets_one_and_text_outside_cards_is_ignored():
    text = "garbage\nBEGIN:VCARD\nFN:A\nEND:VCARD\nmore garbage\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
    a, b = parse_vcards(text)
    assert a.contact.uid and b.contact.uid and a.contact.uid != b.contact.uid
    # Made from the card's text: the same card read again gets the same UID, so a second import finds it.
    assert [c.contact.uid for c in parse_vcards(text.replace("\n", "\r\n"))] == [a.contact.uid, b.contact.uid]
    assert parse_vcards("no cards here") == []


@pytest.mark.parametrize(
    ("data", "note"),
    [
        ("BEGIN:VCARD\r\nFN:Zoé\r\nEND:VCARD\r\n".encode("utf-8-sig"), None),
        ("BEGIN:VCARD\r\nFN:Zoé\r\nEND:VCARD\r\n".encode("utf-16"), "is UTF-16; read as such"),
        ("BEGIN:VCARD\r\nFN:Zoé\r\nEND:VCARD\r\n".encode("utf-16-le"), "is UTF-16; read as such"),
        ("BEGIN:VCARD\r\nFN:Zoé\r\nEND:VCARD\r\n".encode("cp1252"), "is not UTF-8; read as Windows-1252"),
        (
            "BEGIN:VCARD\r\nFN:Zoé\r\nNOTE:Ødegaard \xff\r\nEND:VCARD\r\n".encode().replace(
                b"\xc3\xbf", b"\xff"
            ),
            "is not valid UTF-8; 1 broken byte sequence shown as \ufffd",
        ),
    ],
)
def test_file_bytes_in_the_encodings_phones_and_outlook_use(data, note):
    text, said = decode_bytes(data)
    assert said == note
    [parsed] = parse_vcards(text)
    assert parsed.contact.name == "Zoé"


def test_a_number_on_many_cards_keeps_each_cards_label_and_problem():
    text = "".join(
        f"BEGIN:VCARD\nFN:Officer {i}\nTITLE:Press officer\n"
        f"item1.TEL:+32 2 299 11 11\nitem1.X-ABLabel:Desk {i}\n"
        "TEL:+32 12\nEND:VCARD\n"
        for i in range(3)
    )
    cards = parse_vcards(text)
    assert [c.contact.phones[0].label for c in cards] == ["Desk 0", "Desk 1", "Desk 2"]
    assert all(
        c.problems == ("left out a number: '+32 12' is too short for Belgium; write the full number",)
        for c in cards
    )
