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
