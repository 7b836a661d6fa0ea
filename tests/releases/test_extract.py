"""The extractor over releases we wrote in the layouts press offices use, and its parts one by one."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts_cli.errors import InvalidInput
from contacts_cli.model import CONTROL_CHARS, KINDS
from contacts_cli.phones import find_numbers
from contacts_cli.releases.extract import extract
from contacts_cli.releases.text import release_text

RELEASES = Path(__file__).resolve().parent / "fixtures"
CORPUS = sorted(p for p in RELEASES.iterdir() if p.suffix in (".txt", ".html"))


def found(text: str, region: str | None = None):
    return extract(release_text(text.encode("utf-8"), "test").text, region)


def people(text: str, region: str | None = None) -> dict[str, list[str]]:
    return {c.name: [p.key for p in c.phones] for c in found(text, region).contacts}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_release_of_the_corpus_gives_exactly_its_contacts(path: Path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    result = extract(release_text(path.read_bytes(), path.name).text, expected.get("region"))
    got = {
        c.name: (c.kind, c.title, sorted(p.key for p in c.phones), sorted(c.emails), list(c.languages))
        for c in result.contacts
    }
    want = {
        w["name"]: (
            w["kind"],
            w.get("title"),
            sorted(w.get("phones", [])),
            sorted(w.get("emails", [])),
            w.get("languages", []),
        )
        for w in expected["contacts"]
    }
    assert got == want


def test_the_eeas_foot_block_gives_the_seed_contacts_exactly():
    contacts = extract(release_text((RELEASES / "eeas-foot-block.txt").read_bytes(), "x").text).contacts
    assert [(c.name, c.kind, c.title, [p.e164 for p in c.phones]) for c in contacts] == [
        (
            "Peter Stano",
            "spokesperson",
            "Lead Spokesperson for Foreign Affairs and Security Policy",
            ["+32460754553"],
        ),
        (
            "Paloma Hall Caballero",
            "press-officer",
            "Press Officer for Foreign Affairs and Security Policy",
            ["+3222968560", "+32460768560"],
        ),
    ]


@pytest.mark.parametrize(
    ("text", "region", "keys"),
    [
        ("Tel.: +32 (0)2 296 85 60 / +32 (0)460 76 85 60", None, ["+3222968560", "+32460768560"]),
        ("T: 0032 2 295 43 20; M 0460 79 43 20", "BE", ["+3222954320", "+32460794320"]),
        ("Tel. +49 (0)30 18 272-2040/2041", None, ["+4930182722040", "+4930182722041"]),
        ("+44 20 7946 0018 ext. 123", None, ["+442079460018;ext=123"]),
        ("Tél. : 01 42 75 80 00", "FR", ["+33142758000"]),
        ("0032 2 295 43 20", None, ["+3222954320"]),
        ("on 12/05/2024, case 2040/2041", None, []),
    ],
)
def test_find_numbers_reads_the_notations_of_press_offices(text, region, keys):
    assert [p.key for _, _, p in find_numbers(text, region)] == keys


def test_the_matcher_try_limit_never_hides_a_number():
    # phonenumbers' matcher gives up after 65,535 candidates by default and would find nothing here.
    text = "ref 12 " * 70_000 + " call +32 2 296 85 60"
    assert [p.e164 for _, _, p in find_numbers(text)] == ["+3222968560"]


def test_fax_numbers_and_hotlines_go_to_nobody_and_the_notes_say_so():
    result = found(
        "Press contact:\nJan Peeters, Spokesperson\nTel. +32 2 501 02 11\nFax +32 2 501 02 99\n"
        "Citizens' hotline: +32 800 12 345\n"
    )
    assert [(c.name, [p.e164 for p in c.phones]) for c in result.contacts] == [
        ("Jan Peeters", ["+3225010211"])
    ]
    assert any("fax" in n and "+32 2 501 02 99" in n for n in result.notes)
    assert any("hotline" in n for n in result.notes)


def test_numbers_in_the_body_are_never_read():
    text = (
        "The ministry opened a line for the public on +32 2 555 12 12, where staff answer questions every "
        "day from eight to eight, including on public holidays and at weekends.\n\n"
        "Press contacts:\nLaura Janssens\nSpokesperson\n+32 2 555 12 34\n"
    )
    assert people(text) == {"Laura Janssens": ["+3225551234"]}


def test_a_desk_without_a_person_is_a_press_office_entry():
    result = found("For media enquiries:\nPress Office: +44 20 7946 0999, press@example.org.uk\n")
    [desk] = result.contacts
    assert (desk.name, desk.kind, [p.e164 for p in desk.phones], list(desk.emails)) == (
        "Press Office",
        "press-office",
        ["+442079460999"],
        ["press@example.org.uk"],
    )


def test_honorifics_and_ranks_are_not_part_of_the_name_but_particles_and_accents_are():
    text = (
        "Press contacts:\nDr. Ursula von der Leyen-Brandt, Spokesperson, +49 30 1234 5678\n"
        "Prof. José María de la Fuente, Press Officer, +34 91 379 97 60\n"
        "Chief Inspector Siobhán O'Brien, Media Officer, +353 1 666 0000\n"
    )
    assert list(people(text)) == ["Ursula von der Leyen-Brandt", "José María de la Fuente", "Siobhán O'Brien"]


def test_a_contact_with_only_an_email_is_kept_and_one_with_neither_is_not():
    text = "Contacts:\nMarta Rossi, Press Officer, marta.rossi@example.it\nLuca Bianchi, Analyst\n"
    result = found(text)
    assert [(c.name, list(c.emails)) for c in result.contacts] == [
        ("Marta Rossi", ["marta.rossi@example.it"])
    ]


def test_national_numbers_take_the_region_of_the_other_numbers_and_say_so():
    result = found("Press contacts:\nAnne Dupont\nPorte-parole\n+33 1 42 75 80 00\nPort. 06 12 34 56 78\n")
    [anne] = result.contacts
    assert [p.e164 for p in anne.phones] == ["+33142758000", "+33612345678"]
    assert result.region == "FR"
    assert any("read as FR" in n for n in result.notes)


def test_a_number_that_cannot_be_read_is_reported_not_hidden():
    result = found("Press contacts:\nAnne Dupont\nPorte-parole\nTel. 01 42 75 80 00\n")
    assert result.contacts == ()
    assert any("01 42 75 80 00" in n and "--region" in n for n in result.notes)
    assert people("Press contacts:\nAnne Dupont\nPorte-parole\nTel. 01 42 75 80 00\n", "FR") == {
        "Anne Dupont": ["+33142758000"]
    }


def test_a_family_name_printed_in_capitals_is_kept_as_the_family_name():
    result = found("Press contacts:\nFlorence DE LA FERTÉ (+32 2 296 57 89)\nOlof GILL (+32 2 296 59 66)\n")
    assert [(c.name, c.family) for c in result.contacts] == [
        ("Florence DE LA FERTÉ", "DE LA FERTÉ"),
        ("Olof GILL", None),  # the last word: what vCard's N takes anyway
    ]


def test_pdf_hyphenation_and_glue_are_undone():
    text = (
        "Press contacts:\nPaloma Hall CaballeroPress Officer for Foreign Affairs and Secu-\n"
        "rity Policy+32 (0)2 296 85 60\n"
    )
    [paloma] = found(text).contacts
    assert (paloma.name, paloma.title) == (
        "Paloma Hall Caballero",
        "Press Officer for Foreign Affairs and Security Policy",
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(
                [
                    "Press contacts:",
                    "Peter Stano",
                    "Lead Spokesperson",
                    "+32 (0)460 75 45 53",
                    "Fax: +32 2 296 85 61",
                    "press@example.eu",
                    "Tel.",
                    " | ",
                    " – ",
                    "(EN, FR)",
                    "Press office",
                    "\n",
                    "Written by",
                    "2040/2041",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_any_text_gives_entries_with_clean_names_and_never_fails(parts):
    try:
        text = release_text("".join(parts).encode("utf-8", "surrogatepass"), "fuzz").text
    except InvalidInput as refused:  # binary-looking input is refused with a message, never a crash
        assert "fuzz" in str(refused)
        return
    result = extract(text)
    for contact in result.contacts:
        assert contact.name.strip() and contact.name == contact.name.strip()
        assert not re.search(CONTROL_CHARS, contact.name + (contact.title or ""))
        assert contact.phones or contact.emails
        assert contact.kind in KINDS


def _entry(id: str, name: str, organization: str | None, *numbers: str, kind: str = "spokesperson"):
    from contacts_cli.model import Contact
    from contacts_cli.phones import parse_phone

    return Contact(
        id=id,
        uid=id,
        name=name,
        kind=kind,
        organization=organization,
        phones=tuple(parse_phone(n) for n in numbers),
    )


@pytest.mark.parametrize(
    ("stored", "printed"),
    [
        ("Łukasz Kowalski", "Lukasz Kowalski"),
        ("Katrin Müller", "Katrin Mueller"),
        ("Katrin Mueller", "Katrin Müller"),
        ("Ødegaard Berg", "Odegaard Berg"),
        ("José  García", "Jose Garcia"),
    ],
)
def test_import_matches_names_as_search_folds_them(stored, printed):
    from contacts_cli.releases.plan import UPDATE, plan_release

    existing = [_entry("a1", stored, "Ministry of Finance", "+48 22 123 45 67")]
    found = [_entry("", printed, "ministry of  FINANCE", "+48 22 765 43 21")]
    plan = plan_release(found, existing, moment="2026-11-28T12:00:00Z")
    assert [s.action for s in plan.steps] == [UPDATE]
    assert plan.replaced[0].id == "a1" and not plan.added


@pytest.mark.parametrize(
    ("stored_org", "printed_org"),
    [("Acme Bank", "Ministry of Finance"), ("Acme Bank", None), (None, "Ministry of Finance"), (None, None)],
)
def test_a_name_alone_is_not_the_same_person_unless_both_organisations_are_known_and_equal(
    stored_org, printed_org
):
    from contacts_cli.releases.plan import ADD, plan_release

    existing = [_entry("a1", "John Smith", stored_org, "+44 20 7946 0000")]
    found = [_entry("", "John Smith", printed_org, "+44 20 7946 0999", kind="press-officer")]
    plan = plan_release(found, existing, moment="2026-11-28T12:00:00Z")
    assert [s.action for s in plan.steps] == [ADD]
    assert [c.id for c in plan.steps[0].namesakes] == ["a1"]
    assert not plan.replaced and plan.added[0].organization == printed_org


def test_a_shared_number_still_matches_a_namesake_of_unknown_organisation():
    from contacts_cli.releases.plan import UPDATE, plan_release

    existing = [_entry("a1", "John Smith", None, "+44 20 7946 0000")]
    found = [_entry("", "John Smith", "Acme Bank", "+44 20 7946 0000")]
    plan = plan_release(found, existing, moment="2026-11-28T12:00:00Z")
    assert [s.action for s in plan.steps] == [UPDATE] and plan.replaced[0].organization == "Acme Bank"
