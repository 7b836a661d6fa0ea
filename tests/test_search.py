"""Search that puts the right person first: folding, typos, ranking tiers, field terms, --explain."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from contacts_cli import fuzzy
from contacts_cli.errors import InvalidInput
from contacts_cli.query import parse_query
from contacts_cli.rows import fold, rows_for
from contacts_cli.search import rank, vocabulary

from .conftest import ANA


def add(cli, name, *more):
    return cli.ok("add", name, "--kind", "spokesperson", *more).stdout.strip()


def names(cli, *args):
    return [e["name"] for e in cli.json("search", *args)]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("odegaard", "Martin Ødegaard"),
        ("oedegaard", "Martin Ødegaard"),
        ("mueller", "Jürgen Müller"),
        ("muller", "Jürgen Müller"),
        ("juergen", "Jürgen Müller"),
        ("MÜLLER", "Jürgen Mu\u0308ller"),  # NFC query, NFD name
        ("Mu\u0308ller", "Jürgen Müller"),  # NFD query, NFC name
        ("strasse", "Anna Straße"),
        ("aeroe", "Lars Ærø"),
        ("angstrom", "Eva Ångström"),
        ("aangstroem", "Eva Ångström"),
        ("lukasz", "Łukasz Kowalski"),
        ("dorde", "Đorđe Novak"),
    ],
)
def test_accents_case_normal_forms_and_transliterations_match(cli, typed, stored):
    add(cli, stored)
    add(cli, "Someone Else")
    assert names(cli, typed) == [stored]


@pytest.mark.parametrize(("typed", "stored"), [("stanno", "Peter Stano"), ("pisonro", "Ana Pisonero")])
def test_typos_find_the_person(cli, typed, stored):
    add(cli, stored)
    add(cli, "Olof Gill")
    assert names(cli, typed) == [stored]


def test_typos_rank_below_exact_matches(cli):
    add(cli, "Anna Stanno")
    add(cli, "Peter Stano")
    assert names(cli, "stano") == ["Peter Stano", "Anna Stanno"]
    assert names(cli, "stanno") == ["Anna Stanno", "Peter Stano"]
    # A swap of two letters is one edit.
    assert names(cli, "stnao") == ["Peter Stano"]
    # Short words are not guessed at: too many neighbours.
    assert names(cli, "gil") == []


def test_ranking_tiers_in_the_order_the_issue_gives(cli):
    add(cli, "Trade")  # exact name
    add(cli, "Zoe Tradewell")  # a name word starts with it
    add(cli, "Ada Hightrade")  # elsewhere in the name
    add(cli, "Bea Title", "--title", "Spokesperson for Trade")
    add(cli, "Cy Area", "--area", "Trade")
    add(cli, "Di Org", "--org", "Trade Union")
    add(cli, "Ed Trada")  # a typo of a name word
    add(cli, "Fay Nothing", "--title", "Spokesperson for Energy")
    found = cli.json("search", "trade")
    assert [e["name"] for e in found] == [
        "Trade",
        "Zoe Tradewell",
        "Ada Hightrade",
        "Bea Title",
        "Cy Area",
        "Di Org",
        "Ed Trada",
    ]
    scores = [e["score"] for e in found]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)


def test_ties_are_sorted_by_name_as_a_person_expects(cli):
    for name in ("Olsen", "Ødegaard", "Nielsen", "Zola", "Ärnström", "Adams"):
        add(cli, name, "--area", "Fisheries")
    assert names(cli, "fisheries") == ["Adams", "Ärnström", "Nielsen", "Ødegaard", "Olsen", "Zola"]


def test_explain_says_why_in_json_and_in_the_table(cli):
    add(cli, "Peter Stano", "--title", "Lead Spokesperson")
    [entry] = cli.json("search", "stanno", "lead", "--explain")
    assert entry["score"] == entry["explain"][0]["points"] + entry["explain"][1]["points"]
    assert entry["explain"][0] == {
        "term": "stanno",
        "field": "name",
        "how": "close to 'stano' (1 edit)",
        "points": entry["explain"][0]["points"],
    }
    assert entry["explain"][1]["field"] == "title"
    [plain] = cli.json("search", "stanno", "lead")
    assert "explain" not in plain and plain["score"] == entry["score"]
    table = cli.ok("search", "stanno", "lead", "--explain").stdout
    assert "Why" in table and "close to 'stano'" in table


def test_field_terms(cli):
    cli.ok(*ANA)
    add(cli, "Olof Gill", "--title", "Spokesperson for Trade", "--lang", "sv", "--email", "olof@example.eu")
    cli.ok("add", "Trade desk", "--kind", "press-office", "--area", "Trade", "--phone", "+32 2 299 11 11")
    assert sorted(names(cli, "area:trade")) == ["Ana Pisonero", "Trade desk"]
    assert names(cli, "area:trade", "kind:spokesperson") == ["Ana Pisonero"]
    assert names(cli, "kind:press-office") == ["Trade desk"]
    assert names(cli, "lang:sv") == ["Olof Gill"]
    assert names(cli, "title:trade") == ["Ana Pisonero", "Olof Gill"]
    assert names(cli, "name:trade") == ["Trade desk"]
    assert names(cli, "name:spokesperson") == []  # name: looks at names only
    assert names(cli, "email:olof@") == ["Olof Gill"]
    assert names(cli, "phone:02 299 11") == ["Trade desk"]
    assert names(cli, "org:commission") == ["Ana Pisonero"]
    assert names(cli, "org:comission") == ["Ana Pisonero"]  # typos count in a field too
    assert names(cli, "Title:TRADE", "gill") == ["Olof Gill"]
    assert names(cli, "title:spokesperson for trade") == ["Ana Pisonero", "Olof Gill"]
    assert names(cli, "10:30") == []  # digits before a colon are not a field


@pytest.mark.parametrize(
    ("term", "says"),
    [
        (
            "x:y",
            "unknown field 'x:' in 'x:y'; use one of name:, title:, org:, area:, email:, phone:, "
            "kind:, lang:",
        ),
        ("are:trade", "unknown field 'are:'"),
        ("name:", "has nothing after the colon"),
        ("kind:journalist", "unknown kind 'journalist'"),
        ("lang:english", "not an ISO 639-1 language code"),
        ("phone:12", "at least 4 digits"),
    ],
)
def test_bad_field_terms_are_one_error_line(cli, term, says):
    cli.ok(*ANA)
    result = cli.fails("search", term)
    assert says in result.stderr
    assert result.stdout == ""


def test_parse_query_keeps_free_text_and_fields_apart():
    terms = parse_query(["Müller", "area:Foreign Affairs", "0460 79", "kind:Press Office"])
    assert [(t.field, t.text, t.digits) for t in terms] == [
        (None, "muller", None),
        ("area", "foreign affairs", None),
        (None, "0460 79", "46079"),
        ("kind", "press-office", None),
    ]
    with pytest.raises(InvalidInput):
        parse_query(["http://example.org"])


def test_a_typo_of_a_name_added_later_is_found_through_the_index(cli, store_path):
    cli.ok(*ANA)
    add(cli, "Balazs Ujvari")
    index = store_path.with_name("contacts.json.index")
    assert "ujvari" in index.read_text().splitlines()[2]  # the vocabulary line
    assert names(cli, "ujvary") == ["Balazs Ujvari"]


@settings(max_examples=300, deadline=None)
@given(st.text("abcdeé", max_size=9), st.text("abcdeé", max_size=9), st.integers(0, 3))
def test_our_distance_agrees_with_rapidfuzz(a, b, limit):
    expected = min(OSA.distance(a, b), limit + 1)
    assert fuzzy.osa_distance(a, b, limit) == expected


def test_small_and_large_vocabularies_give_the_same_close_words():
    words = sorted({fold(w) for w in "stano stani stand stanza pisonero gill hall sano stan".split()})
    small = fuzzy.close_words("stano", words)
    padding = [f"zz{n:05d}" for n in range(fuzzy.SMALL_VOCABULARY + 1)]
    large = fuzzy.close_words("stano", words + padding)
    assert small == large == {"stani": 1, "stand": 1, "sano": 1, "stan": 1}


def test_rank_works_without_an_index_vocabulary():
    rows = rows_for(
        [
            {"id": "1", "name": "Peter Stano", "kind": "spokesperson"},
            {"id": "2", "name": "Jürgen Müller", "kind": "spokesperson"},
        ]
    )
    assert "mueller" in vocabulary(rows) and "stano" in vocabulary(rows)
    assert [h.index for h in rank(rows, ["stanno"])] == [0]
    assert [h.index for h in rank(rows, ["muellr"])] == [1]


def test_installed_script_ranks_and_explains(run_script, store_path):
    assert run_script("add", "Peter Stano", "--kind", "spokesperson").returncode == 0
    result = run_script("search", "stanno", "--json", "--explain")
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)
    assert entry["name"] == "Peter Stano" and entry["explain"][0]["field"] == "name"
    bad = run_script("search", "x:y")
    assert (
        bad.returncode == 1
        and bad.stderr.startswith("Error: unknown field")
        and "Traceback" not in bad.stderr
    )


def _index_header(store_path):
    return json.loads(store_path.with_name("contacts.json.index").read_text().split("\n", 1)[0])


def test_a_stale_index_is_rebuilt_by_the_next_read_and_never_used(cli, store_path):
    import zlib

    cli.ok(*ANA)
    # A hand edit that keeps the size: only the checksum tells the index is stale.
    text = store_path.read_text().replace("Pisonero", "Zabalaga").replace("pisonero", "zabalaga")
    store_path.write_text(text)
    assert names(cli, "pisonero") == []  # the stale rows say Pisonero: not used
    assert names(cli, "zabalgaa") == ["Ana Zabalaga"]  # typo of the new name: the vocabulary is new too
    raw = store_path.read_bytes()
    assert _index_header(store_path)["store"] == {"size": len(raw), "crc32": zlib.crc32(raw)}
    vocabulary_line = store_path.with_name("contacts.json.index").read_text().split("\n")[2]
    assert "zabalaga" in json.loads(vocabulary_line) and "pisonero" not in json.loads(vocabulary_line)


def test_an_index_of_another_format_or_damaged_is_not_trusted(cli, store_path):
    cli.ok(*ANA)
    index = store_path.with_name("contacts.json.index")
    good = index.read_text()
    header, spans, _words, rows = good.split("\n", 3)
    # Format 1 had no vocabulary line and rows without the other spelling of names.
    old = json.loads(header) | {"format": 1}
    index.write_text("\n".join((json.dumps(old), spans, rows.replace("pisonero", "someoneelse"))))
    assert names(cli, "pisonero") == ["Ana Pisonero"]
    assert _index_header(store_path)["format"] == 2
    # Right signature, but rows that lie about the entry and a vocabulary that is not a list.
    index.write_text("\n".join((header, spans, "{}", rows.replace("pisonero", "someoneelse"))))
    assert names(cli, "pisonero") == ["Ana Pisonero"]
    assert names(cli, "someoneelse") == []
    assert index.read_text() == good


def test_every_write_rebuilds_the_index_with_the_new_words(cli, store_path):
    cli.ok(*ANA)
    cli.ok("edit", "pisonero", "--name", "Ana Zubizarreta")
    raw = store_path.read_bytes()
    import zlib

    assert _index_header(store_path)["store"] == {"size": len(raw), "crc32": zlib.crc32(raw)}
    assert names(cli, "zubizareta") == ["Ana Zubizarreta"]
    cli.ok("remove", "zubizarreta", "--yes")
    assert names(cli, "zubizareta") == [] and names(cli, "ana") == []


def test_references_accept_the_other_spelling_too(cli):
    add(cli, "Jürgen Müller")
    assert cli.json("show", "mueller")["name"] == "Jürgen Müller"
    assert cli.json("show", "juergen mueller")["name"] == "Jürgen Müller"
    assert cli.json("show", "muller")["name"] == "Jürgen Müller"


@pytest.mark.parametrize(
    "typed",
    [
        "+32 (0)2 295 43 20",  # as press offices print it, and as README's `add` example stores it
        "+32(0)2 295 43 20",
        "+32 ( 0 ) 2 295 43 20",
        "0032 (0)2 295 43 20",
        "+32 2 295 43 20",
        "0032 2 295 43 20",
        "02 295 43 20",
        "(0)2 295 43 20",
    ],
)
def test_a_number_is_found_however_it_is_written(cli, typed):
    cli.ok(*ANA)
    assert names(cli, typed) == ["Ana Pisonero"]
    assert names(cli, f"phone:{typed}") == ["Ana Pisonero"]


def test_a_trunk_zero_in_brackets_is_dropped_only_after_a_country_code():
    from contacts_cli.query import phone_digits

    assert phone_digits("+32 (0)2 295 43 20") == "3222954320"
    assert phone_digits("0044 (0) 20 7946 0000") == "442079460000"
    assert phone_digits("+32 2 295 43 20") == "3222954320"
    # Not after a country code: the digits stay as written.
    assert phone_digits("2 (0)95 43") == "209543"


def test_filters_fold_their_text_once_not_once_a_row(monkeypatch):
    from contacts_cli import search
    from contacts_cli.search import Filters

    rows = rows_for(
        {
            "id": f"{i:08x}",
            "name": f"Person {i}",
            "kind": "spokesperson",
            "organization": "Comisión Europea",
            "areas": ["Política Comercial"],
        }
        for i in range(300)
    )
    filters = Filters(organization="COMISIÓN", area="política")
    calls = []
    real = search.fold
    monkeypatch.setattr(search, "fold", lambda text: calls.append(text) or real(text))
    assert len(rank(rows, [], filters)) == 300
    assert calls == []  # the filter was folded when it was made
    assert Filters(organization="x") == Filters(organization="x")
