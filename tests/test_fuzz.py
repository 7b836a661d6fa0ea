"""Hypothesis fuzzing of the parsers that take text from strangers: never a traceback."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts_cli.errors import InvalidInput, InvalidPhone
from contacts_cli.phones import parse_phone
from contacts_cli.search import Filters, fold, rank, rows_for

PHONEISH = st.text(alphabet=string.digits + " +-().x;ext=/", max_size=40)
ANY_TEXT = st.text(max_size=60)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(PHONEISH, ANY_TEXT), st.sampled_from([None, "BE", "FR", "US", "DE"]))
def test_parse_phone_accepts_or_refuses_cleanly(text, region):
    try:
        phone = parse_phone(text, region)
    except InvalidPhone as error:
        assert str(error)
    else:
        assert phone.e164.startswith("+") and phone.e164[1:].isdigit()
        assert parse_phone(phone.e164).e164 == phone.e164


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_TEXT, max_size=4), ANY_TEXT)
def test_any_query_over_any_names_ranks_without_error(terms, name):
    record = {"id": "0000abcd", "name": name or "x", "kind": "spokesperson", "title": name, "phones": []}
    rows = rows_for([record])
    assert len(rows) == 1 and "\n" not in rows[0]
    try:
        hits = rank(rows, terms, Filters())
    except InvalidInput as error:
        # Only a field term (`x:y`) with an unknown field or an unusable value is refused.
        assert any(":" in term for term in terms), error
        assert str(error)
    else:
        assert all(h.index == 0 for h in hits)


@given(ANY_TEXT)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


# Lines a stranger's .vcf might hold: real property names with any parameters and values, broken
# folding, stray BEGIN/END, quoted-printable and base64 markers, and plain noise.
VCARD_NAMES = st.sampled_from(
    ["FN", "N", "TEL", "EMAIL", "ORG", "TITLE", "ROLE", "NOTE", "CATEGORIES", "UID", "REV", "PHOTO",
     "X-CONTACTS-KIND", "LANG", "item1.TEL", "item1.X-ABLabel", "ADR", "VERSION", "BEGIN", "END", ""]
)  # fmt: skip
VCARD_PARAMS = st.sampled_from(
    ["", ";TYPE=CELL", ";ENCODING=QUOTED-PRINTABLE", ";ENCODING=b", ";CHARSET=ISO-8859-1", ';LABEL="a:b;c"',
     ";VALUE=uri", ";PREF=1", ";TYPE=", ";=", ';"']
)  # fmt: skip
VCARD_LINE = st.one_of(
    st.tuples(VCARD_NAMES, VCARD_PARAMS, st.text(max_size=40)).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.sampled_from(["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", " folded", "=", "\t"]),
    ANY_TEXT,
)
VCARD_TEXT = st.lists(VCARD_LINE, max_size=25).flatmap(
    lambda lines: st.sampled_from(["\r\n", "\n", "\r"]).map(lambda end: end.join(lines))
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(VCARD_TEXT, st.sampled_from([None, "BE"]), st.booleans())
def test_any_vcard_text_reads_and_plans_an_import_without_error(text, region, merge):
    from contacts_cli.vcard.plan import plan_import
    from contacts_cli.vcard.read import parse_vcards

    cards = parse_vcards(text, region)
    for card in cards:
        assert (card.contact is None) == (card.error is not None)
    plan = plan_import(cards, [], merge=merge, moment="2026-11-28T00:00:00Z")
    assert len(plan.outcomes) == len(cards)
    assert len({c.id for c in plan.added}) == len(plan.added)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2_000))
def test_any_bytes_decode_to_text(data):
    from contacts_cli.decode import decode_bytes

    text, _ = decode_bytes(data)
    assert isinstance(text, str)


NAMEISH = st.text(alphabet="abcdeéöøß ", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMEISH, min_size=1, max_size=8), st.text(alphabet="abcdeéöø", min_size=1, max_size=8))
def test_a_typo_never_outranks_an_exact_match(names, term):
    from contacts_cli.search import explain, vocabulary

    records = [
        {"id": f"{n:08x}", "name": name.strip() or "x", "kind": "spokesperson", "title": name}
        for n, name in enumerate(names)
    ]
    rows = rows_for(records)
    hits = rank(rows, [term])
    reasons = explain(rows, [h.index for h in hits], [term], vocabulary(rows))
    typo = [h.score for h, r in zip(hits, reasons, strict=True) if r[0].how.startswith("close to")]
    exact = [h.score for h, r in zip(hits, reasons, strict=True) if not r[0].how.startswith("close to")]
    assert not typo or not exact or max(typo) < min(exact)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
