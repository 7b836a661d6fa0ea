"""The commands as a user meets them: exit codes, stdout and stderr apart, JSON parsed, never scraped."""

import json
import os
import re

import pytest

from contacts_cli import render
from tests.conftest import ANA

ENTRY_KEYS = {"id", "name", "kind", "title", "organization", "areas", "phones", "emails", "languages", "note"}


def test_add_prints_the_id_and_search_finds_it(cli):
    new_id = cli.ok(*ANA).stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{8}", new_id)
    [entry] = cli.json("search", "trade", "--kind", "spokesperson")
    assert entry.keys() >= ENTRY_KEYS
    assert entry["id"] == new_id
    assert entry["name"] == "Ana Pisonero"
    assert entry["kind"] == "spokesperson"
    assert entry["areas"] == ["Trade"]
    assert entry["languages"] == ["es", "en"]
    assert entry["emails"] == ["ana.pisonero@example.eu"]
    assert entry["phones"] == [
        {
            "e164": "+3222954320",
            "display": "+32 2 295 43 20",
            "type": "fixed",
            "extension": None,
            "label": None,
        },
        {
            "e164": "+32460794320",
            "display": "+32 460 79 43 20",
            "type": "mobile",
            "extension": None,
            "label": None,
        },
    ]
    assert entry["note"] is None


def test_the_issue_walkthrough(cli):
    cli.ok(*ANA)
    cli.ok("show", "pisonero")
    cli.ok("edit", "pisonero", "--add-phone", "+32 460 79 43 21")
    shown = json.loads(cli.ok("show", "pisonero", "--json").stdout)
    assert [p["e164"] for p in shown["phones"]] == ["+3222954320", "+32460794320", "+32460794321"]
    cli.ok("remove", "pisonero", "--yes")
    assert cli.json("search", "pisonero") == []


def test_kind_is_inferred_from_the_title_or_asked_for(cli):
    cli.ok("add", "Paloma Hall Caballero", "--title", "Press Officer for Foreign Affairs and Security Policy")
    assert cli.json("show", "paloma")["kind"] == "press-officer"
    result = cli.fails("add", "Jane Doe", "--title", "Head of Unit")
    assert "--kind" in result.stderr


def test_region_comes_from_the_environment(cli):
    cli.fails("add", "Jane Doe", "--kind", "spokesperson", "--phone", "0460 75 45 53")
    cli.ok(
        "add", "Jane Doe", "--kind", "spokesperson", "--phone", "0460 75 45 53", env={"CONTACTS_REGION": "BE"}
    )
    assert cli.json("show", "jane")["phones"][0]["e164"] == "+32460754553"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--phone", "0460 75 45 53"), "'0460 75 45 53' has no country code"),
        (("--phone", "+32 12"), "'+32 12' is too short for Belgium"),
        (("--email", "not-an-email"), "'not-an-email' is not an email address"),
        (("--lang", "english"), "'english' is not an ISO 639-1 language code"),
        (("--kind", "journalist"), "unknown kind 'journalist'"),
        (("--region", "XX", "--phone", "02 296 85 60"), "'XX' is not a region code"),
        (("--title", "a\x1b]0;owned\x07"), "control character"),
    ],
)
def test_bad_input_is_one_error_line_and_changes_nothing(cli, store_path, args, says):
    cli.ok(*ANA)
    before = store_path.read_bytes()
    result = cli.fails("add", "Jane Doe", "--kind", "spokesperson", *args)
    assert says in result.stderr
    assert result.stdout == ""
    assert store_path.read_bytes() == before


def test_a_number_or_email_another_entry_has_is_refused_unless_forced(cli, store_path):
    cli.ok(*ANA)
    result = cli.fails("add", "Other", "--kind", "press-office", "--phone", "+32 2 295 43 20")
    assert "already belongs to Ana Pisonero" in result.stderr
    result = cli.fails("add", "Other", "--kind", "press-office", "--email", "Ana.Pisonero@EXAMPLE.eu")
    assert "already belongs to Ana Pisonero" in result.stderr
    cli.ok("add", "Other", "--kind", "press-office", "--phone", "+32 2 295 43 20", "--force")
    assert len(cli.json("list")) == 2
    cli.ok("add", "Trade desk", "--kind", "press-office")
    result = cli.fails("edit", "trade desk", "--add-phone", "+32 460 79 43 20")
    assert "already belongs to Ana Pisonero" in result.stderr


def test_references_by_id_prefix_and_name(cli):
    ana = cli.ok(*ANA).stdout.strip()
    assert cli.json("show", ana)["name"] == "Ana Pisonero"
    assert cli.json("show", ana[:4])["name"] == "Ana Pisonero"
    assert cli.json("show", "Ana Pisonero")["id"] == ana
    assert cli.json("show", "ana pis")["id"] == ana
    cli.fails("show", "nobody")


def test_an_ambiguous_name_is_refused_with_the_candidates(cli):
    cli.ok("add", "Peter Stano", "--kind", "spokesperson")
    cli.ok("add", "Petra Stanova", "--kind", "press-officer")
    result = cli.fails("show", "stan")
    assert "matches 2 entries" in result.stderr
    assert "Peter Stano" in result.stderr and "Petra Stanova" in result.stderr
    cli.fails("remove", "stan", "--yes")
    assert len(cli.json("list")) == 2


def test_remove_without_yes_and_without_a_terminal_refuses_at_once(cli, run_script):
    cli.ok(*ANA)
    result = run_script("remove", "pisonero", input="y\n")
    assert result.returncode == 1
    assert "--yes" in result.stderr and result.stderr.startswith("Error: ")
    assert len(cli.json("list")) == 1


def test_edit_changes_only_what_is_given(cli):
    cli.ok(*ANA)
    cli.ok(
        "edit",
        "pisonero",
        "--title",
        "Spokesperson for Trade and Agriculture",
        "--area",
        "Trade",
        "--area",
        "Agriculture",
        "--remove-phone",
        "+32 2 295 43 20",
        "--add-email",
        "ana@example.eu",
        "--remove-email",
        "ana.pisonero@example.eu",
        "--lang",
        "fr",
        "--note",
        "Mornings only",
    )
    entry = cli.json("show", "pisonero")
    assert entry["title"] == "Spokesperson for Trade and Agriculture"
    assert entry["areas"] == ["Trade", "Agriculture"]
    assert [p["e164"] for p in entry["phones"]] == ["+32460794320"]
    assert entry["emails"] == ["ana@example.eu"]
    assert entry["languages"] == ["fr"]
    assert entry["note"] == "Mornings only"
    assert entry["organization"] == "European Commission"
    cli.ok("edit", "pisonero", "--note", "")
    assert cli.json("show", "pisonero")["note"] is None
    assert "no number" in cli.fails("edit", "pisonero", "--remove-phone", "+32 2 999 99 99").stderr
    assert "nothing to change" in cli.fails("edit", "pisonero").stderr


def test_search_ranks_name_matches_before_title_matches(cli):
    cli.ok("add", "Maria Trade", "--kind", "press-officer")
    cli.ok(*ANA)
    names = [e["name"] for e in cli.json("search", "trade")]
    assert names == ["Maria Trade", "Ana Pisonero"]


@pytest.mark.parametrize("term", ["muller", "MÜLLER", "Mu\u0308ller", "M\u00fcller"])
def test_search_ignores_case_and_accents(cli, term):
    cli.ok("add", "Jürgen Müller", "--kind", "spokesperson")
    assert [e["name"] for e in cli.json("search", term)] == ["Jürgen Müller"]


@pytest.mark.parametrize(
    "term", ["0460 79 43 20", "+32460794320", "460794320", "0032 460 79 43 20", "79 43 20"]
)
def test_a_number_matches_however_it_is_written(cli, term):
    cli.ok(*ANA)
    assert [e["name"] for e in cli.json("search", term)] == ["Ana Pisonero"]


def test_terms_are_anded_and_filters_narrow(cli):
    cli.ok(*ANA)
    cli.ok(
        "add",
        "Olof Gill",
        "--title",
        "Spokesperson for Trade",
        "--org",
        "European Commission",
        "--lang",
        "en",
    )
    assert len(cli.json("search", "trade")) == 2
    assert [e["name"] for e in cli.json("search", "trade", "ana")] == ["Ana Pisonero"]
    assert [e["name"] for e in cli.json("search", "--lang", "es")] == ["Ana Pisonero"]
    assert [e["name"] for e in cli.json("search", "--area", "trade")] == ["Ana Pisonero"]
    assert len(cli.json("search", "--org", "commission")) == 2
    assert len(cli.json("search", "--limit", "1")) == 1
    assert cli.json("search", "nothing-like-this") == []


@pytest.mark.parametrize("term", ["(a+)+$", "(", "\\", "[", ".*", "a|b"])
def test_queries_are_plain_text(cli, term):
    cli.ok(*ANA)
    assert cli.json("search", term) == []


def test_empty_search_is_success_with_a_hint_on_stderr(cli):
    result = cli.ok("search", "nobody")
    assert result.stdout == ""
    assert "No entries match" in result.stderr


def test_table_shows_people_and_numbers(cli):
    cli.ok(*ANA)
    out = cli.ok("search", "ana").stdout
    for text in ("Ana Pisonero", "Spokesperson for Trade", "+32 460 79 43 20", "mobile", "fixed"):
        assert text in out
    assert "\x1b" not in out  # no colour when not on a terminal


HOSTILE = [
    "[bold red]Shout[/]",
    "[/]",
    "[link=https://evil.example]click[/link]",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b]0;window title\x07",
    "\x9b31m",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("command", ["search", "show", "list"])
def test_stored_markup_and_escapes_are_shown_inert(cli, store_path, hostile, command):
    cli.ok("add", "Placeholder", "--kind", "spokesperson", "--title", "Spokesperson")
    data = json.loads(store_path.read_text())
    record = data["contacts"]["1"]
    record["name"] = f"Eve {hostile}"
    record["title"] = f"Spokesperson {hostile}"
    record["note"] = hostile
    store_path.write_text(json.dumps(data))
    args = {"search": ["search", "eve"], "show": ["show", "1"], "list": ["list"]}[command]
    if command == "show":
        args = ["show", record["id"]]
    for env in ({}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}):
        out = cli.ok(*args, env=env).stdout
        assert re.search(r"\x1b(?!\[[0-9;]*m)", out) is None, repr(out)  # only colour SGR, nothing else
        assert "\x9b" not in out and "\u202e" not in out and "\x07" not in out
        if command == "show":
            assert f"Eve {render.inert(hostile)}" in out  # the text itself, visibly
    raw = json.loads(cli.ok(*args[:2], "--json").stdout) if command != "list" else cli.json("list")
    entry = raw if isinstance(raw, dict) else raw[0]
    assert entry["name"] == f"Eve {hostile}"  # JSON keeps the data exact, escaped


def test_json_escapes_terminal_controls(cli, store_path):
    cli.ok("add", "Placeholder", "--kind", "spokesperson")
    data = json.loads(store_path.read_text())
    data["contacts"]["1"]["name"] = "Eve \x9b31m \u202e"
    store_path.write_text(json.dumps(data))
    out = cli.ok("list", "--json").stdout
    assert "\x9b" not in out and "\u202e" not in out
    assert json.loads(out)[0]["name"] == "Eve \x9b31m \u202e"


def test_first_run_creates_the_default_store_from_the_starter_directory(cli, tmp_path):
    env = {"CONTACTS_DB": ""}
    os.environ.pop("CONTACTS_DB")
    result = cli.ok("search", "stano", "--json", env=env)
    [stano] = json.loads(result.stdout)
    assert stano["name"] == "Peter Stano"
    assert stano["title"] == "Lead Spokesperson for Foreign Affairs and Security Policy"
    assert stano["organization"] == "European External Action Service"
    assert [p["e164"] for p in stano["phones"]] == ["+32460754553"]
    assert "starter directory" in result.stderr
    created = tmp_path / "xdg-data" / "contacts-cli" / "contacts.json"
    assert created.is_file()
    again = cli.ok("search", "hall", "--json", env=env)
    assert "starter directory" not in again.stderr
    [paloma] = json.loads(again.stdout)
    assert paloma["kind"] == "press-officer"
    assert paloma["family"] == "Hall Caballero"
    assert [p["e164"] for p in paloma["phones"]] == ["+3222968560", "+32460768560"]


def test_an_explicit_store_that_does_not_exist_starts_empty(cli, tmp_path):
    assert cli.json("search") == []
    cli.ok(*ANA)
    assert len(cli.json("list")) == 1


def test_usage_errors_exit_2(cli):
    assert cli("search", "--limit", "0").exit_code == 2
    assert cli("frobnicate").exit_code == 2
    assert cli("add").exit_code == 2


def test_installed_script_and_module_run(run_script, store_path):
    import subprocess
    import sys

    result = run_script(*ANA)
    assert result.returncode == 0, result.stderr
    found = subprocess.run(
        [sys.executable, "-m", "contacts_cli", "search", "pisonero", "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    )
    assert json.loads(found.stdout)[0]["id"] == result.stdout.strip()
