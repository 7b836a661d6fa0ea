"""extract and import-release as a user meets them: stdout and stderr apart, the store safe on failure."""

import json
import os
import pty
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from contacts_cli.store import Store
from tests.conftest import contacts_script

RELEASES = Path(__file__).resolve().parent / "fixtures"
STARTER = Path(__file__).resolve().parents[2] / "data" / "starter.json"
EEAS = RELEASES / "eeas-foot-block.txt"


@pytest.fixture
def starter(store_path: Path) -> Path:
    shutil.copy(STARTER, store_path)
    return store_path


def entries(store_path: Path):
    return {c.name: c for c in Store(store_path).load()}


def test_extract_prints_json_in_the_shape_of_search_without_ids_and_writes_nothing(cli, store_path):
    result = cli.ok("extract", str(EEAS), "--json")
    found = json.loads(result.stdout)
    assert [(e["name"], e["kind"], [p["e164"] for p in e["phones"]]) for e in found] == [
        ("Peter Stano", "spokesperson", ["+32460754553"]),
        ("Paloma Hall Caballero", "press-officer", ["+3222968560", "+32460768560"]),
    ]
    assert (
        found[0]["id"] is None
        and found[0]["title"] == "Lead Spokesperson for Foreign Affairs and Security Policy"
    )
    cli.ok("add", "Someone Else", "--kind", "spokesperson")
    searched = json.loads(cli.ok("search", "--json").stdout)
    assert set(found[0]) == set(searched[0]) - {"score"}  # search ranks; extract has nothing to rank
    assert "Found 2 contacts" in result.stderr
    assert not store_path.exists() or "Stano" not in store_path.read_text("utf-8")


def test_extract_prints_a_table_and_the_notes_on_stderr(cli):
    result = cli.ok("extract", str(RELEASES / "de-ministry-pressestelle.txt"))
    assert "Katrin Müller" in result.stdout and "Pressestelle" in result.stdout
    assert "left out fax number +49 30 185352049" in result.stderr
    assert "read as DE" in result.stderr
    assert "+49 30 185352049" not in result.stdout


def test_extract_reads_stdin(cli):
    result = cli.ok("extract", "-", "--json", input=EEAS.read_text("utf-8"))
    assert [e["name"] for e in json.loads(result.stdout)] == ["Peter Stano", "Paloma Hall Caballero"]


def test_extract_with_nothing_found_prints_an_empty_list(cli):
    result = cli.ok("extract", "-", "--json", input="Nothing to see here.\n")
    assert json.loads(result.stdout) == []
    assert "No press contacts found in stdin." in result.stderr


def test_import_release_adds_with_source_and_time_and_a_second_run_only_records_it(cli, store_path):
    result = cli.ok(
        "import-release", str(RELEASES / "un-agency.html"), "--source", "https://example.org/r/1", "--yes"
    )
    assert "add: Maria García (spokesperson)" in result.stderr
    assert "Imported from" in result.stderr and "2 added" in result.stderr
    maria = entries(store_path)["Maria García"]
    assert maria.source == "https://example.org/r/1" and maria.sourced and maria.created
    assert [p.e164 for p in maria.phones] == ["+41795551234"]
    before = entries(store_path)
    again = cli.ok("import-release", str(RELEASES / "un-agency.html"), "--yes")
    assert "2 unchanged" in again.stderr and "added" not in again.stderr
    after = entries(store_path)
    # Nothing but the record of the release that confirmed them (issue 10: source and date).
    assert {n: replace(c, source=None, sourced=None) for n, c in after.items()} == {
        n: replace(c, source=None, sourced=None) for n, c in before.items()
    }
    assert after["Maria García"].source == "un-agency.html"


def test_import_release_updates_an_entry_with_the_same_name_or_number_instead_of_duplicating(cli, starter):
    cli.ok("edit", "stano", "--remove-phone", "+32460754553", "--add-email", "peter.stano@example.eu")
    # Same name and same organisation (no shared number or email): the same person.
    release = (
        "Press contacts:\nPeter Stano, Chief Spokesperson, European External Action Service, "
        "+32 460 75 45 53, +32 2 295 00 11\n"
    )
    result = cli.ok("import-release", "-", "--yes", input=release)
    assert "update: Peter Stano (5ad0e4c1)" in result.stderr
    now = entries(starter)
    assert len(now) == 2
    stano = now["Peter Stano"]
    assert [p.e164 for p in stano.phones] == ["+32460754553", "+3222950011"]
    assert stano.emails == ("peter.stano@example.eu",)
    assert stano.title == "Chief Spokesperson" and stano.source == "stdin"
    # The same number under another spelling of the name is the same entry too.
    result = cli.ok(
        "import-release",
        "-",
        "--yes",
        input="Media contact: P. Stano-Novak, Spokesperson, +32 2 295 00 11, +32 2 295 00 12\n",
    )
    assert len(entries(starter)) == 2
    assert "+3222950012" in [p.e164 for p in entries(starter)["Peter Stano"].phones]


def test_import_release_dry_run_and_a_refusal_write_nothing(cli, starter):
    before = starter.read_bytes()
    dry = cli.ok("import-release", str(RELEASES / "es-ministerio.txt"), "--dry-run")
    assert "add: Luis Ortega Sánchez" in dry.stderr and "Dry run, nothing written" in dry.stderr
    assert starter.read_bytes() == before
    refused = cli("import-release", str(RELEASES / "es-ministerio.txt"))
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines()[-1].startswith("Error: ") and "--yes" in refused.stderr
    assert starter.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
        (bytes(range(256)) * 40, "is not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "word-processor file"),
    ],
)
def test_files_that_are_not_text_give_one_clear_line(cli, tmp_path, starter, content, message):
    bad = tmp_path / "release.bin"
    bad.write_bytes(content)
    before = starter.read_bytes()
    for command in ("extract", "import-release"):
        result = (
            cli.fails(command, str(bad), "--yes")
            if command == "import-release"
            else cli.fails(command, str(bad))
        )
        assert message in result.stderr and str(bad) in result.stderr
    assert starter.read_bytes() == before


def test_a_missing_file_and_a_release_without_contacts_fail_cleanly(cli, tmp_path, starter):
    assert "no such file" in cli.fails("extract", str(tmp_path / "nope.txt")).stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("A release with no contact block at all.\n", "utf-8")
    assert "found no press contacts" in cli.fails("import-release", str(empty), "--yes").stderr


def test_a_50_mb_release_is_read_in_bounded_time_and_its_contacts_found(cli, tmp_path):
    big = tmp_path / "huge.txt"
    body = "The council met again today and discussed the budget for the coming years at length. " * 12 + "\n"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("Annual report\n\n")
        for _ in range(50 * 1024 * 1024 // len(body)):
            handle.write(body)
        handle.write("\nPress contacts:\nLaura Janssens\nSpokesperson\n+32 2 555 12 34\n")
    result = cli.ok("extract", str(big), "--json")
    assert [e["name"] for e in json.loads(result.stdout)] == ["Laura Janssens"]
    assert "is large" in result.stderr and "skipped 51.1 MB" in result.stderr


def test_a_single_50_mb_line_does_not_hang(cli, tmp_path):
    big = tmp_path / "oneline.txt"
    big.write_bytes(b"Press contacts: " + b"12 34 " * (8 * 1024 * 1024) + b"\n")
    result = cli.ok("extract", str(big), "--json")
    assert json.loads(result.stdout) == []


def test_the_installed_script_imports_a_release(run_script, store_path):
    result = run_script("import-release", str(EEAS), "--yes")
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stderr
    listed = run_script("search", "stano", "--json")
    assert [e["name"] for e in json.loads(listed.stdout)] == ["Peter Stano"]


def test_a_file_made_of_contact_like_lines_is_read_in_bounded_work(cli, tmp_path):
    line = "Jan Peeters, Spokesperson, +32 2 501 02 11, jan@example.be\n"
    big = tmp_path / "many.txt"
    big.write_text(
        "A first line of prose that is long enough to be read as a sentence of a release.\n" + line * 40_000
    )
    result = cli.ok("extract", str(big), "--json")
    assert [e["name"] for e in json.loads(result.stdout)] == ["Jan Peeters"]
    assert "read only 300 lines of contact blocks" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_releases_in_other_encodings_keep_their_accents(cli, tmp_path, encoding):
    release = tmp_path / "release.txt"
    text = "Contact presse :\nHélène Lefèvre, porte-parole, +33 1 53 71 53 71\n"
    release.write_bytes(text.encode(encoding))
    result = cli.ok("extract", str(release), "--json")
    assert [e["name"] for e in json.loads(result.stdout)] == ["Hélène Lefèvre"]


def test_control_and_bidi_characters_in_a_release_never_reach_a_name(cli):
    release = "Press contacts:\nJan\u202e Peeters\x1b[31m, Spokesperson, +32 2 501 02 11\n"
    found = json.loads(cli.ok("extract", "-", "--json", input=release).stdout)
    assert [e["name"] for e in found] == ["Jan Peeters"]


def test_a_contact_that_matches_two_entries_is_skipped_and_said(cli, store_path):
    cli.ok("add", "Jan Peeters", "--kind", "spokesperson", "--phone", "+32 2 501 02 11")
    cli.ok("add", "Jan Peeters", "--kind", "press-officer", "--email", "jan.peeters@example.be")
    release = "Press contacts:\nJan Peeters, +32 2 501 02 11, jan.peeters@example.be\n"
    result = cli.ok("import-release", "-", "--yes", input=release)
    assert "skip: Jan Peeters: matches several entries" in result.stderr
    assert "Nothing to change" in result.stderr
    assert len(json.loads(cli.ok("search", "--json").stdout)) == 2


def _on_a_terminal(args: list[str], answer: bytes, store: Path) -> tuple[int, str]:
    """Run the installed script with stdin and stderr on a pseudo-terminal; answer its question."""
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [contacts_script(), *args],
        stdin=secondary,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env=dict(os.environ, CONTACTS_DB=str(store), TERM="dumb"),
    )
    os.close(secondary)
    seen = b""
    answered = False
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not answered and b"[y/N]" in seen:
            os.write(primary, answer)
            answered = True
    os.close(primary)
    return proc.wait(timeout=60), seen.decode("utf-8", errors="replace")


def test_on_a_terminal_import_release_shows_the_plan_and_asks(tmp_path):
    store = tmp_path / "asked.json"
    code, shown = _on_a_terminal(["import-release", str(EEAS)], b"n\n", store)
    assert code == 1 and "add: Peter Stano" in shown and "Nothing imported." in shown
    assert not store.exists() or Store(store).load() == []
    code, shown = _on_a_terminal(["import-release", str(EEAS)], b"y\n", store)
    assert code == 0, shown
    assert sorted(c.name for c in Store(store).load()) == ["Paloma Hall Caballero", "Peter Stano"]


def test_a_namesake_in_another_organisation_is_added_apart_not_merged(cli, store_path, tmp_path):
    cli.ok(
        "add", "John Smith", "--kind", "spokesperson", "--title", "Spokesperson",
        "--org", "Acme Bank", "--phone", "+44 20 7946 0000",
    )  # fmt: skip
    release = tmp_path / "finance.txt"
    release.write_text(
        "Media contact: John Smith, Press Officer, Ministry of Finance, +44 20 7946 0999, "
        "john.smith@finance.example\n",
        "utf-8",
    )
    result = cli.ok("import-release", str(release), "--yes")
    acme = next(c for c in Store(store_path).load() if c.organization == "Acme Bank")
    assert f"namesake already there: John Smith ({acme.id}, Acme Bank)" in result.stderr
    assert "1 added" in result.stderr
    smiths = {c.organization: c for c in Store(store_path).load()}
    assert set(smiths) == {"Acme Bank", "Ministry of Finance"}
    assert smiths["Acme Bank"].title == "Spokesperson" and smiths["Acme Bank"].kind == "spokesperson"
    assert [p.e164 for p in smiths["Acme Bank"].phones] == ["+442079460000"]
    assert [p.e164 for p in smiths["Ministry of Finance"].phones] == ["+442079460999"]


def _binaries(tmp_path: Path) -> list[Path]:
    """Real binaries: an ELF-like header with its zero padding, a file of NULs, a program, and zeros on
    one parity only with random bytes between them (what UTF-16 detection alone would let through)."""
    import random
    import sys

    rng = random.Random(4)
    made = {
        "elf.bin": b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x03\x00\x3e\x00\x01\x00\x00\x00" + bytes(4000),
        "nul.bin": bytes(5000),
        "parity.bin": bytes(b for _ in range(3000) for b in (rng.randrange(1, 256), 0)),
    }
    paths = []
    for name, content in made.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(content)
    program = tmp_path / "program"
    program.write_bytes(Path(sys.executable).resolve().read_bytes()[:200_000])
    return [*paths, program]


def test_binaries_full_of_zero_bytes_are_refused_not_read_as_utf16(cli, tmp_path, starter):
    before = starter.read_bytes()
    for binary in _binaries(tmp_path):
        for args in (["extract", str(binary)], ["import-release", str(binary), "--yes"]):
            result = cli.fails(*args)
            assert f"{binary} is not text (binary data)" in result.stderr, (binary, result.stderr)
            assert "UTF-16" not in result.stderr
    assert starter.read_bytes() == before


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_still_reads_and_the_note_names_the_file_once(
    cli, tmp_path, encoding
):
    release = tmp_path / "release.txt"
    text = "Contact presse :\nHélène Lefèvre, porte-parole, +33 1 53 71 53 71\n"
    release.write_bytes(text.encode(encoding))
    result = cli.ok("extract", str(release), "--json")
    assert [e["name"] for e in json.loads(result.stdout)] == ["Hélène Lefèvre"]
    assert f"{release} is UTF-16; read as such." in result.stderr.splitlines()
    assert f"{release}: {release}" not in result.stderr


def test_extract_prints_every_format_of_search_and_its_table_has_no_empty_id_column(cli):
    table = cli.ok("extract", str(EEAS)).stdout
    assert table.split()[0] == "Name" and "ID" not in table.split("\n")[0]
    assert "Peter Stano" in table
    csv_text = cli.ok("extract", str(EEAS), "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,name,kind")
    assert ",Peter Stano,spokesperson," in csv_text and "+32460754553" in csv_text
    lines = cli.ok("extract", str(EEAS), "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["Peter Stano", "Paloma Hall Caballero"]
    assert json.loads(lines[0])["id"] is None and json.loads(lines[0])["created"] is None
    mailed = "Media contact: Jan Peeters, Spokesperson, +32 2 501 02 11, jan.peeters@example.be\n"
    mutt = cli.ok("extract", "-", "--format", "mutt", input=mailed).stdout.splitlines()
    assert mutt[1:] == ["jan.peeters@example.be\tJan Peeters\tSpokesperson"]
    assert json.loads(cli.ok("extract", str(EEAS), "--format", "json").stdout)[0]["name"] == "Peter Stano"
    assert "two formats" in cli.fails("extract", str(EEAS), "--json", "--format", "csv").stderr
