"""Sync against a real Radicale: send, take, edits and deletes both ways, a second sync that does nothing."""

from pathlib import Path

from tests.conftest import ANA, Cli
from tests.sync import helpers
from tests.sync.conftest import USER, Radicale


def setup_remote(cli: Cli, book: str, password_env: str) -> None:
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-env", password_env)


def entries(cli: Cli) -> dict[str, dict]:  # type: ignore[type-arg]
    return {e["uid"]: e for e in cli.json("list")}


def test_first_sync_sends_everything_and_a_second_changes_nothing(
    cli: Cli, radicale: Radicale, book: str, password_env: str, store_path: Path
) -> None:
    cli.ok(*ANA)
    cli.ok("add", "Press Desk Trade", "--kind", "press-office", "--phone", "+32 2 299 11 11")
    setup_remote(cli, book, password_env)
    result = cli.ok("sync")
    assert "2 created on the server" in result.stderr
    assert len(radicale.cards(book)) == 2
    texts = {p.read_text() for p in radicale.cards(book)}
    assert any("FN:Ana Pisonero" in t for t in texts)
    before = store_path.read_bytes()
    again = cli.ok("sync", "office")
    assert "nothing to do" in again.stderr
    assert store_path.read_bytes() == before
    assert len(radicale.cards(book)) == 2


def test_cards_made_elsewhere_are_taken(cli: Cli, book: str, password_env: str) -> None:
    setup_remote(cli, book, password_env)
    helpers.put(book + "phone-1.vcf", helpers.card("phone-1", "Olof Gill"))
    result = cli.ok("sync")
    assert "1 added here" in result.stderr
    taken = entries(cli)["phone-1"]
    assert taken["name"] == "Olof Gill"
    assert taken["phones"][0]["e164"] == "+3222954320"
    assert taken["kind"] == "spokesperson"
    assert "nothing to do" in cli.ok("sync").stderr


def test_a_card_sharing_a_number_with_an_entry_is_taken_and_the_report_says_so(
    cli: Cli, book: str, password_env: str
) -> None:
    cli.ok(*ANA)
    setup_remote(cli, book, password_env)
    helpers.put(book + "desk.vcf", helpers.card("desk", "Trade Desk", tel="+3222954320"))
    result = cli.ok("sync")
    assert "Trade Desk: shares +3222954320 with Ana Pisonero" in result.stderr
    assert {e["name"] for e in cli.json("list")} == {"Ana Pisonero", "Trade Desk"}


def test_without_a_password_source_a_sync_off_a_terminal_says_how_to_give_one(
    cli: Cli, book: str, store_path: Path
) -> None:
    cli.ok("remote", "add", "office", book, "--user", USER)
    assert "password asked" in cli.ok("remote", "list").stdout
    result = cli.fails("sync")
    assert "stdin is not a terminal" in result.stderr and "--password-env" in result.stderr


def test_an_odd_uid_gets_a_safe_card_name_and_syncs_cleanly(
    cli: Cli, radicale: Radicale, book: str, password_env: str, store_path: Path
) -> None:
    odd = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ana@example.eu/card 1?x\r\nFN:Ana Odd\r\nEND:VCARD\r\n"
    vcf = store_path.parent / "odd.vcf"
    vcf.write_text(odd)
    cli.ok("import", str(vcf), "--kind", "spokesperson")
    setup_remote(cli, book, password_env)
    assert "1 created on the server" in cli.ok("sync").stderr
    (card,) = radicale.cards(book)
    assert "UID:ana@example.eu/card 1?x" in card.read_text()
    assert "nothing to do" in cli.ok("sync").stderr
