"""export, import and qr as a user meets them: files, stdout and stderr apart, the store safe on failure."""

import os
import re
import shutil
from pathlib import Path

import pytest

from contacts_cli.model import Contact
from contacts_cli.store import Store
from contacts_cli.vcard.read import parse_vcards
from tests.conftest import ANA

from .cards import one, vobject_card

VCARDS = Path(__file__).resolve().parent / "fixtures"
STARTER = Path(__file__).resolve().parents[2] / "data" / "starter.json"


@pytest.fixture
def starter(store_path: Path) -> Path:
    shutil.copy(STARTER, store_path)
    return store_path


def cards_in(text: str) -> list[Contact]:
    parsed = parse_vcards(text)
    assert all(p.error is None and p.problems == () for p in parsed), parsed
    return [p.contact for p in parsed]


def test_export_writes_every_entry_to_stdout_and_a_summary_to_stderr(cli, starter):
    result = cli.ok("export")
    assert result.stderr == "Exported 2 entries as vCard 3.0.\n"
    out = result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF
    assert out.count("BEGIN:VCARD\r\n") == 2 and out.endswith("END:VCARD\r\n")
    assert out.count("\n") == out.count("\r\n")
    assert [c.name for c in cards_in(out)] == ["Paloma Hall Caballero", "Peter Stano"]
    first = out[: out.index("END:VCARD") + len("END:VCARD\r\n")]
    assert one(vobject_card(first), "n").family == "Hall Caballero"


def test_export_selects_with_the_terms_and_filters_of_search(cli):
    cli.ok(*ANA)
    cli.ok(
        "add",
        "Peter Stano",
        "--kind",
        "spokesperson",
        "--org",
        "EEAS",
        "--area",
        "Foreign Affairs",
        "--lang",
        "fr",
    )
    cli.ok("add", "Trade desk", "--kind", "press-office", "--org", "European Commission", "--area", "Trade")

    def names(*args):
        return sorted(c.name for c in cards_in(cli.ok("export", *args).stdout))

    assert names() == ["Ana Pisonero", "Peter Stano", "Trade desk"]
    assert names("trade") == ["Ana Pisonero", "Trade desk"]
    assert names("trade", "--kind", "press-office") == ["Trade desk"]
    assert names("--org", "commission") == ["Ana Pisonero", "Trade desk"]
    assert names("-a", "foreign") == ["Peter Stano"]
    assert names("-l", "fr") == ["Peter Stano"]
    result = cli.ok("export", "nobody")
    assert (result.stdout, result.stderr) == ("", "No entries match; nothing exported.\n")
    assert "unknown kind" in cli.fails("export", "--kind", "journalist").stderr


def test_export_to_a_file_is_atomic_and_never_over_the_store(cli, starter, tmp_path):
    out = tmp_path / "press.vcf"
    result = cli.ok("export", "-o", str(out), "--vcard-version", "4.0")
    assert result.stdout == ""
    assert result.stderr == f"Exported 2 entries as vCard 4.0 to {out}.\n"
    assert out.read_bytes().count(b"VERSION:4.0\r\n") == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    before = starter.read_bytes()
    os.symlink(starter, tmp_path / "link.json")
    os.link(starter, tmp_path / "hard.json")
    cli.ok("search", "stano")  # writes the index beside the store
    for target in (
        starter,
        tmp_path / "link.json",
        tmp_path / "hard.json",
        tmp_path / "sub" / ".." / starter.name,
        Path(str(starter) + ".index"),
        Path(str(starter) + ".lock"),
    ):
        assert "is the contacts store" in cli.fails("export", "-o", str(target)).stderr
    assert starter.read_bytes() == before
    assert "is a folder; use --dir" in cli.fails("export", "-o", str(tmp_path)).stderr
    assert cli.fails("export", "-o", str(tmp_path / "missing" / "x.vcf")).stderr.startswith(
        "Error: cannot write"
    )
    assert cli.ok("export", "-o", "-").stdout.count("BEGIN:VCARD") == 2


def test_export_to_a_folder_writes_one_stable_readable_file_per_entry(cli, starter, tmp_path):
    folder = tmp_path / "cards"
    result = cli.ok("export", "--dir", str(folder))
    assert result.stderr == f"Exported 2 entries as vCard 3.0 to {folder}{os.sep} (one file each).\n"
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["Paloma-Hall-Caballero-b83f2a97.vcf", "Peter-Stano-5ad0e4c1.vcf"]
    assert one(vobject_card((folder / files[1]).read_text()), "fn") == "Peter Stano"
    (folder / "mine.vcf").write_text("kept")
    cli.ok("edit", "stano", "--name", "Peter Stano-Novak")
    result = cli.ok("export", "--dir", str(folder))
    assert "1 renamed" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "Paloma-Hall-Caballero-b83f2a97.vcf",
        "Peter-Stano-Novak-5ad0e4c1.vcf",
        "mine.vcf",
    ]
    assert cli("export", "-o", "x.vcf", "--dir", str(folder)).exit_code == 2
    assert cli("export", "--vcard-version", "2.1").exit_code == 2
    assert "is a file, not a folder" in cli.fails("export", "--dir", str(folder / "mine.vcf")).stderr


def test_export_import_export_gives_identical_files(cli, starter, tmp_path):
    cli.ok(*ANA)
    cli.ok(
        "edit",
        "pisonero",
        "--family",
        "Pisonero",
        "--note",
        "Line one\nLine two; with, specials \\",
        "--add-phone",
        "+32 2 295 43 20 ext. 77",
    )
    for version in ("3.0", "4.0"):
        first = cli.ok("export", "--vcard-version", version).stdout_bytes
        other = tmp_path / f"other-{version}.json"
        (tmp_path / "in.vcf").write_bytes(first)
        result = cli.ok("--db", str(other), "import", str(tmp_path / "in.vcf"))
        assert result.stderr == "Imported 3 cards: 3 added.\n"
        assert cli.ok("--db", str(other), "export", "--vcard-version", version).stdout_bytes == first
        # Importing into the store it came from changes nothing at all.
        before = starter.read_bytes()
        assert cli.ok("import", str(tmp_path / "in.vcf")).stderr == "Imported 3 cards: 3 unchanged.\n"
        assert starter.read_bytes() == before


def test_import_of_the_fixtures_reports_every_card_that_needs_a_word(cli, store_path):
    files = [
        str(VCARDS / name) for name in ("apple.vcf", "google.vcf", "outlook.vcf", "android21.vcf", "v4.vcf")
    ]
    result = cli.ok("import", *files, "--region", "FR")
    err = result.stderr
    assert result.stdout == ""
    assert f"{VCARDS / 'outlook.vcf'}: is not UTF-8; read as Windows-1252.\n" in err
    assert (
        f"{VCARDS / 'outlook.vcf'}: card 1 (Siobhán O'Brien): left out the fax number '+353 1 408 2400'\n"
        in err
    )
    assert (
        "android21.vcf: card 2 (Maja Novak): left out a number: '040 123 456' is not a valid number in France"
        in err
    )
    assert "android21.vcf: cards 1, 2: says neither spokesperson, press officer nor press office" in err
    assert "Pass --kind to choose the kind of the cards that do not say it.\n" in err
    assert (
        "Not kept (contacts has no field for them): ADR on 2 cards, BDAY on 1 card, LABEL on 1 card, " in err
    )
    assert err.endswith("Imported 9 cards: 9 added.\n")
    entries = {e["name"]: e for e in cli.json("list")}
    assert len(entries) == 9
    assert entries["Chloé Dupré"]["phones"][0]["e164"] == "+33143175353"
    assert entries["Matteo Rossi"]["phones"][0]["extension"] == "102"
    assert entries["Ingrid Ødegaard"]["note"].endswith("før kl. 9.")
    again = cli.ok("import", *files, "--region", "FR")
    # Nothing is written, so nothing is lost: only the file's encoding and the totals are worth a line.
    assert again.stderr == (
        f"{VCARDS / 'outlook.vcf'}: is not UTF-8; read as Windows-1252.\nImported 9 cards: 9 unchanged.\n"
    )


def test_a_card_that_cannot_be_read_is_reported_with_its_position_and_the_others_import(cli, store_path):
    result = cli.ok("import", str(VCARDS / "broken.vcf"))
    path = VCARDS / "broken.vcf"
    assert f"{path}: card 1: not read: has no END:VCARD line (is the file cut short?)\n" in result.stderr
    assert f"{path}: card 2: not read: has no name (no FN, N or ORG)\n" in result.stderr
    assert (
        f"{path}: card 3 (Evil]8;;https://attacker.example/Name[2J): left out a number: '+32 12'"
        in result.stderr
    )
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr.endswith("Imported 4 cards: 2 added, 2 not read.\n")
    assert sorted(e["name"] for e in cli.json("list")) == [
        "Evil]8;;https://attacker.example/Name[2J",
        "Last Good Card",
    ]


def test_dry_run_reports_and_writes_nothing(cli, starter):
    before = starter.read_bytes()
    result = cli.ok("import", str(VCARDS / "v4.vcf"), "--dry-run")
    assert result.stderr.endswith("Dry run, nothing written. 2 cards: would be 2 added.\n")
    assert starter.read_bytes() == before


def test_duplicates_are_skipped_unless_merge(cli, store_path, tmp_path):
    cli.ok(*ANA)
    card = tmp_path / "ana.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A. Pisonero\r\nTEL:+32 2 295 43 20\r\nTEL:+32 470 00 00 01\r\n"
        "TITLE:Spokesperson\r\nEND:VCARD\r\n"
    )
    result = cli.ok("import", str(card))
    assert "card 1 (A. Pisonero): skipped: likely duplicate of Ana Pisonero (" in result.stderr
    assert "same +32 2 295 43 20; pass --merge to merge it" in result.stderr
    assert result.stderr.endswith("Imported 1 card: 1 skipped.\n")
    result = cli.ok("import", str(card), "--merge")
    assert "merged into Ana Pisonero" in result.stderr and "adding +32 470 00 00 01" in result.stderr
    [entry] = cli.json("list")
    assert [p["e164"] for p in entry["phones"]] == ["+3222954320", "+32460794320", "+32470000001"]


def test_unreadable_files_fail_before_anything_is_written(cli, starter, tmp_path):
    before = starter.read_bytes()
    good = str(VCARDS / "v4.vcf")
    (tmp_path / "notes.txt").write_text("not a card")
    cases = [
        ((good, str(tmp_path / "missing.vcf")), "cannot read"),
        ((good, str(tmp_path)), "is a folder"),
        ((good, str(tmp_path / "notes.txt")), "holds no vCard"),
        ((good, "--region", "XX"), "is not a region code"),
        ((good, "--kind", "journalist"), "unknown kind"),
    ]
    for args, says in cases:
        assert says in cli.fails("import", *args).stderr
    assert starter.read_bytes() == before
    assert cli("import").exit_code == 2


def test_the_report_points_at_the_earlier_card_a_card_repeats(cli, store_path):
    v4 = str(VCARDS / "v4.vcf")
    result = cli.ok("import", v4, v4)
    assert (
        f"{v4}: card 2 (Press Office of the Italian Foreign Ministry): skipped: repeats the UID of an "
        in (result.stderr)
    )
    assert f"earlier card (see {v4}: card 2)\n" in result.stderr
    assert result.stderr.endswith("Imported 4 cards: 2 added, 2 skipped.\n")


def test_import_reads_stdin_and_the_kind_option(cli, store_path):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Jane Doe\nEND:VCARD\n"
    result = cli.ok("import", "-", "--kind", "spokesperson", input=text)
    assert result.stderr == "Imported 1 card: 1 added.\n"
    assert cli.json("show", "jane")["kind"] == "spokesperson"


def test_no_progress_bar_when_stderr_is_not_a_terminal(cli, store_path, tmp_path):
    text = "".join(f"BEGIN:VCARD\nFN:Person {i}\nTITLE:Spokesperson\nEND:VCARD\n" for i in range(2500))
    (tmp_path / "many.vcf").write_text(text)
    result = cli.ok("import", str(tmp_path / "many.vcf"))
    assert result.stderr == "Imported 2500 cards: 2500 added.\n"


def test_the_store_is_as_it_was_when_the_import_fails_midway(cli, starter, tmp_path, monkeypatch):
    from contacts_cli import store as store_module

    before = starter.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", broken)
    result = cli.fails("import", str(VCARDS / "v4.vcf"))
    assert "No space left on device" in result.stderr
    assert starter.read_bytes() == before
    assert len(Store(starter).load()) == 2


def test_imported_text_is_shown_inert(cli, store_path, tmp_path):
    # The reader removes controls; a store edited by hand could still hold some, so the report escapes too.
    card = tmp_path / "x.vcf"
    card.write_text("BEGIN:VCARD\nFN:[bold]Eve[/bold]\nTITLE:Spokesperson\nTEL:+32 12\nEND:VCARD\n")
    result = cli.ok("import", str(card))
    assert "card 1 ([bold]Eve[/bold]): left out a number" in result.stderr
    assert re.search(r"[\x00-\x08\x0b-\x1f]", result.stderr) is None
