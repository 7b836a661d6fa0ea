"""import-release --org/--area/--lang, a re-import that only confirms, and a vCard given by mistake."""

from pathlib import Path

from contacts_cli.store import Store

HERE = Path(__file__).resolve().parent
# The seed release: its foot names no organisation (the EEAS letterhead does).
MINISTRY = HERE / "fixtures" / "eeas-foot-block.txt"


def entries(store_path: Path):
    return {c.name: c for c in Store(store_path).load()}


def test_org_area_and_lang_set_what_the_letterhead_only_shows(cli, store_path):
    result = cli.ok(
        "import-release",
        str(MINISTRY),
        "--org",
        "European External Action Service",
        "--area",
        "Foreign affairs",
        "--area",
        "Ukraine",
        "--lang",
        "en",
        "--yes",
    )
    assert "2 added" in result.stderr
    peter = entries(store_path)["Peter Stano"]
    assert peter.organization == "European External Action Service"
    assert peter.areas == ("Foreign affairs", "Ukraine")
    assert peter.languages == ("en",)
    who = cli.ok("who", "ukraine", "--format", "json", env={"COLUMNS": "120"})
    assert "Peter Stano" in who.stdout


def test_an_unknown_language_is_refused_before_anything_is_written(cli, store_path):
    result = cli.fails("import-release", str(MINISTRY), "--lang", "danish", "--yes")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: 'danish' is not an ISO 639-1 language code; write two letters such as en, fr, de"
    ]
    assert not store_path.exists() or not entries(store_path)


def test_an_unchanged_reimport_records_the_release_that_confirmed_the_entry(cli, store_path):
    cli.ok(
        "import-release",
        str(MINISTRY),
        "--org",
        "European External Action Service",
        "--source",
        "first",
        "--yes",
    )
    before = entries(store_path)["Peter Stano"]
    again = cli.ok(
        "import-release",
        str(MINISTRY),
        "--org",
        "European External Action Service",
        "--source",
        "https://www.eeas.europa.eu/eeas/russiaukraine-transatlantic-coordination",
        "--yes",
    )
    assert "unchanged: Peter Stano" in again.stderr and "confirming it" in again.stderr
    after = entries(store_path)["Peter Stano"]
    assert after.id == before.id and after.phones == before.phones
    assert before.source == "first"
    assert after.source == "https://www.eeas.europa.eu/eeas/russiaukraine-transatlantic-coordination"
    assert after.sourced is not None and after.sourced >= (before.sourced or "")


def test_import_release_given_a_vcard_says_to_use_import(cli, tmp_path, store_path):
    # A card as `contacts export` writes it, the file a colleague would hand over.
    cli.ok("add", "Ana Pisonero", "--kind", "spokesperson", "--phone", "+32 2 295 43 20")
    card = tmp_path / "colleagues.vcf"
    card.write_text(cli.ok("export").stdout, "utf-8")
    for args in (("import-release", str(card), "--yes"), ("extract", str(card))):
        result = cli.fails(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            f"Error: {card} is a vCard file, not a press release; import it with: contacts import {card}"
        ]
