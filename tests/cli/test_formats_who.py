"""`--format` on search, list and who, and `contacts who AREA`."""

import csv
import io
import json
import os
from pathlib import Path

import pytest

from contacts_cli.formats import safe_cell
from contacts_cli.model import Contact
from contacts_cli.store import Store
from tests.conftest import ANA


def add(cli, name, kind, *more):
    return cli.ok("add", name, "--kind", kind, *more).stdout.strip()


@pytest.fixture
def desk(cli):
    """Trade people at two organisations, added out of the order who shows them."""
    cli.ok(*ANA)
    add(
        cli,
        "Trade press desk",
        "press-office",
        "--org",
        "European Commission",
        "--area",
        "Trade",
        "--phone",
        "+32 2 299 11 11",
    )
    add(
        cli,
        "Zoe Officer",
        "press-officer",
        "--org",
        "European Commission",
        "--area",
        "Trade",
        "--phone",
        "+32 2 299 22 22",
        "--email",
        "zoe@example.eu",
    )
    add(
        cli,
        "Olof Gill",
        "spokesperson",
        "--org",
        "European Commission",
        "--title",
        "Spokesperson for Trade",
        "--phone",
        "+32 460 11 22 33",
    )
    add(
        cli,
        "Hanna Handel",
        "spokesperson",
        "--org",
        "Bundesministerium",
        "--area",
        "Trade",
        "--lang",
        "de",
        "--phone",
        "+49 30 18615 0",
    )
    add(cli, "Eva Energy", "spokesperson", "--org", "Bundesministerium", "--area", "Energy")


def test_who_groups_by_organisation_and_orders_kinds(cli, desk):
    found = cli.json("who", "trade")
    assert [(e["organization"], e["name"]) for e in found] == [
        ("Bundesministerium", "Hanna Handel"),
        ("European Commission", "Ana Pisonero"),
        ("European Commission", "Olof Gill"),
        ("European Commission", "Zoe Officer"),
        ("European Commission", "Trade press desk"),
    ]
    assert [e["name"] for e in cli.json("who", "trade", "--lang", "de")] == ["Hanna Handel"]


def test_who_table_shows_each_organisation_once_with_numbers(cli, desk):
    out = cli.ok("who", "trade").stdout
    assert out.count("European Commission") == 1 and out.count("Bundesministerium") == 1
    for number in ("+32 2 299 11 11", "+32 460 11 22 33", "+32 2 295 43 20", "+49 30 186150"):
        assert number in out, (number, out)
    lines = out.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if name in line)
        for name in ("Hanna Handel", "Ana Pisonero", "Olof Gill", "Zoe Officer", "Trade press desk")
    ]
    assert order == sorted(order)


def test_who_with_a_typo_says_so_and_nothing_says_nothing(cli, desk):
    result = cli.ok("who", "trde", "--json")
    assert len(json.loads(result.stdout)) == 5
    assert "typo" in result.stderr
    none = cli.ok("who", "fisheries")
    assert none.stdout == "" and "No entry covers 'fisheries'" in none.stderr
    assert json.loads(cli.ok("who", "fisheries", "--json").stdout) == []


def test_who_takes_several_words(cli):
    add(cli, "Peter Stano", "spokesperson", "--area", "Foreign Affairs and Security Policy")
    assert [e["name"] for e in cli.json("who", "foreign", "affairs")] == ["Peter Stano"]


def test_jsonl_is_one_object_a_line_and_json_a_list(cli, desk):
    lines = cli.ok("search", "trade", "--format", "jsonl").stdout.splitlines()
    as_list = cli.json("search", "trade")
    assert [json.loads(line) for line in lines] == as_list
    assert cli.ok("search", "nobody", "--format", "jsonl").stdout == ""
    assert cli.ok("list", "-f", "json").stdout == cli.ok("list", "--json").stdout


def test_csv_is_parseable_and_has_every_number(cli, desk):
    text = cli.ok("list", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    by_name = {r["name"]: r for r in rows}
    assert len(rows) == 6
    assert by_name["Ana Pisonero"]["phone"] == "+3222954320"
    assert by_name["Ana Pisonero"]["phone2"] == "+32460794320"
    assert by_name["Ana Pisonero"]["languages"] == "es; en"
    assert by_name["Eva Energy"]["phone"] == ""


def test_csv_cells_never_start_a_formula(cli, store_path):
    add(
        cli,
        '=HYPERLINK("http://evil.example","x")',
        "spokesperson",
        "--title",
        "+1 trick",
        "--org",
        "-2+3",
        "--note",
        "@SUM(A1)",
        "--phone",
        "+32 460 75 45 53",
        "--email",
        "a@example.eu",
    )
    add(cli, "Tab", "spokesperson", "--area", "x", "--phone", "+32 2 299 11 11 ext. 12")
    rows = list(csv.reader(io.StringIO(cli.ok("list", "--format", "csv").stdout)))
    header, *body = rows
    for row in body:
        for column, cell in zip(header, row, strict=True):
            if column.startswith("phone") and cell.startswith("+"):
                assert cell[1:].isdigit(), cell  # only a bare validated number keeps its +
            else:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    first = dict(zip(header, body[0], strict=True))
    assert first["name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert first["phone"] == "+32460754553"
    assert dict(zip(header, body[1], strict=True))["phone"] == "'+3222991111;ext=12"


@pytest.mark.parametrize(
    ("value", "number", "cell"),
    [
        ("=1+2", False, "'=1+2"),
        ("\tx", False, "'\tx"),
        ("\rx", False, "'\rx"),
        ("＝1", False, "'＝1"),
        ("+32460754553", True, "+32460754553"),
        ("+32460754553", False, "'+32460754553"),
        ("+32 460", True, "'+32 460"),
        ("Stano", False, "Stano"),
    ],
)
def test_safe_cell(value, number, cell):
    assert safe_cell(value, number=number) == cell


def test_mutt_query_format(cli, desk, store_path):
    # Text that add refuses can still arrive by hand edits or old imports: it must not break the lines.
    with Store(store_path).transaction() as txn:
        txn.add(
            Contact(
                id="0000e71c",
                uid="u",
                name="Evil\tName",
                kind="spokesperson",
                title="Line\u2028break\nthird",
                emails=("evil@example.eu",),
            )
        )
    out = cli.ok("search", "trade", "--format", "mutt").stdout
    first, *lines = out.splitlines()
    assert first == "contacts: 2 addresses for trade"
    assert lines == [
        "ana.pisonero@example.eu\tAna Pisonero\tSpokesperson for Trade",
        "zoe@example.eu\tZoe Officer\tpress-officer",
    ]
    evil = cli.ok("search", "evil", "--format", "mutt").stdout.splitlines()
    assert evil[1].split("\t") == ["evil@example.eu", "Evil Name", "Line break third"]
    assert len(evil) == 2
    assert cli.ok("search", "nobody", "--format", "mutt").stdout == "contacts: 0 addresses for nobody\n"


def test_json_and_another_format_contradict(cli):
    result = cli.fails("search", "--json", "--format", "csv")
    assert "--json and --format csv" in result.stderr
    cli.fails("search", "--format", "xml", code=2)


def test_formats_print_every_match_but_the_table_the_best_50(cli, store_path):
    from bench.synth import contacts

    with Store(store_path).transaction() as txn:
        txn.add(*contacts(60))
    assert len(cli.ok("list", "--format", "jsonl").stdout.splitlines()) == 60
    assert len(list(csv.reader(io.StringIO(cli.ok("search", "--format", "csv").stdout)))) == 61
    table = cli.ok("search")
    assert "best 50 of 60" in table.stderr


def test_the_installed_script_writes_csv(run_script, store_path):
    assert run_script(*ANA).returncode == 0
    result = run_script("who", "trade", "--format", "csv")
    assert result.returncode == 0, result.stderr
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["name"] == "Ana Pisonero" and row["phone"] == "+3222954320"


@pytest.mark.parametrize("count", [0, 1, 999, 1000, 1001, 2500])
def test_json_written_in_pieces_is_the_json_of_the_whole_list(count):
    from contacts_cli import formats, render

    records = [{"n": n, "name": f"Entry {n}\u202e"} for n in range(count)]
    assert "".join(formats.json_chunks(records, lines=False)) == render.json_text(records) + "\n"
    assert "".join(formats.json_chunks(records, lines=True)) == "".join(
        render.json_text(r) + "\n" for r in records
    )


def test_csv_written_in_pieces_is_the_whole_csv(cli, store_path):
    from bench.synth import contacts
    from contacts_cli import formats
    from contacts_cli.store import Store

    entries = contacts(2345)
    whole = list(formats.csv_chunks(entries, size=10**6))
    pieces = list(formats.csv_chunks(entries, size=1000))
    assert len(whole) == 1 and len(pieces) == 3
    assert "".join(pieces) == whole[0]
    with Store(store_path).transaction() as txn:
        txn.add(*entries)
    printed = list(csv.reader(io.StringIO(cli.ok("list", "--format", "csv").stdout)))
    expected = list(csv.reader(io.StringIO(whole[0])))
    assert printed[0] == expected[0] and sorted(printed[1:]) == sorted(expected[1:])


@pytest.mark.parametrize("subject", ["", "   ", "\t"])
def test_who_without_a_subject_is_one_error_line(cli, desk, subject):
    result = cli.fails("who", subject)
    assert "subject" in result.stderr and "contacts who trade" in result.stderr
    assert result.stdout == ""


def test_who_matches_whole_words_or_word_starts_not_letters_inside_words(cli, desk):
    add(cli, "Sven Synergy", "spokesperson", "--org", "Bundesministerium", "--area", "Synergy")
    add(cli, "Alice Ai", "spokesperson", "--org", "Bundesministerium", "--area", "AI")
    add(cli, "Pia Foreign", "spokesperson", "--area", "Foreign Affairs")

    def who(*subject):
        return sorted(e["name"] for e in cli.json("who", *subject))

    assert who("energy") == ["Eva Energy"]  # not Synergy
    assert who("ai") == ["Alice Ai"]  # not Affairs
    assert who("e") == []  # one letter is not the start of every word with it
    assert who("ene") == ["Eva Energy"]  # a word start of three letters or more
    assert who("foreign", "aff") == ["Pia Foreign"]
    assert who("affairs") == ["Pia Foreign"]
    assert who("trade")[:1] == ["Ana Pisonero"] and "Alice Ai" not in who("trade")


def test_who_still_falls_back_to_typos_of_whole_words(cli, desk):
    result = cli.ok("who", "enrgy", "--json")
    assert [e["name"] for e in json.loads(result.stdout)] == ["Eva Energy"]
    assert "typo" in result.stderr


def test_who_table_keeps_every_number_and_its_type_whole_at_80_columns(cli, monkeypatch):
    from contacts_cli.render import phone_text

    cli.ok("add", "Paloma Hall Caballero", "--kind", "press-officer",
           "--org", "European External Action Service",
           "--title", "Press Officer for Foreign Affairs and Security Policy", "--area", "Foreign",
           "--phone", "+32 460 76 85 60", "--phone", "+32 2 296 85 60")  # fmt: skip
    monkeypatch.setenv("COLUMNS", "80")
    out = cli.ok("who", "foreign", "affairs").stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    [entry] = Store(Path(os.environ["CONTACTS_DB"])).load()
    for phone in entry.phones:
        assert phone_text(phone) in out, out
    assert "press-officer" in out
