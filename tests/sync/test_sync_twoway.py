"""Changes on both sides: edits and deletes travel both ways; conflicts are shown and settled by --prefer."""

import json
from pathlib import Path

import pytest

from contacts_cli.store import Store
from contacts_cli.sync import run
from contacts_cli.sync.carddav import Client
from tests.conftest import ANA, Cli
from tests.sync import helpers
from tests.sync.conftest import PASSWORD, USER, Radicale


@pytest.fixture
def synced(cli: Cli, book: str, password_env: str) -> tuple[str, str]:
    """A store with Ana, synced with the book once; (Ana's UID, her card's URL)."""
    cli.ok(*ANA)
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-env", password_env)
    cli.ok("sync")
    uid = cli.json("list")[0]["uid"]
    return uid, f"{book}{uid}.vcf"


def edit_on_server(url: str, old: str, new: str) -> None:
    current = helpers.get(url)
    assert current.status_code == 200 and old in current.text
    helpers.put(url, current.text.replace(old, new), current.headers["ETag"])


def ana(cli: Cli) -> dict:  # type: ignore[type-arg]
    return cli.json("show", "pisonero")  # type: ignore[no-any-return]


def test_an_edit_here_reaches_the_server(cli: Cli, synced: tuple[str, str]) -> None:
    _, url = synced
    cli.ok("edit", "pisonero", "--title", "Chief Spokesperson")
    assert "1 changed on the server" in cli.ok("sync").stderr
    assert "TITLE:Chief Spokesperson" in helpers.get(url).text
    assert "nothing to do" in cli.ok("sync").stderr


def test_an_edit_on_the_server_reaches_here(cli: Cli, synced: tuple[str, str], store_path: Path) -> None:
    uid, url = synced
    edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Spokesperson for Trade and Tariffs")
    assert "1 changed here" in cli.ok("sync").stderr
    entry = ana(cli)
    assert entry["title"] == "Spokesperson for Trade and Tariffs"
    assert entry["uid"] == uid and len(entry["phones"]) == 2
    before = store_path.read_bytes()
    assert "nothing to do" in cli.ok("sync").stderr
    assert store_path.read_bytes() == before


def test_a_delete_here_deletes_on_the_server(cli: Cli, synced: tuple[str, str]) -> None:
    _, url = synced
    cli.ok("remove", "pisonero", "--yes")
    assert "1 deleted on the server" in cli.ok("sync").stderr
    assert helpers.get(url).status_code == 404
    assert "nothing to do" in cli.ok("sync").stderr


def test_a_delete_on_the_server_deletes_here(cli: Cli, synced: tuple[str, str]) -> None:
    _, url = synced
    helpers.delete(url)
    assert "1 deleted here" in cli.ok("sync").stderr
    assert cli.json("list") == []
    assert "nothing to do" in cli.ok("sync").stderr


def test_edits_on_both_sides_are_a_conflict_until_prefer_settles_it(
    cli: Cli, synced: tuple[str, str], store_path: Path
) -> None:
    _, url = synced
    cli.ok("edit", "pisonero", "--title", "Chief Spokesperson")
    edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Deputy Spokesperson")
    before, server_before = store_path.read_bytes(), helpers.get(url).text
    result = cli("sync")
    assert result.exit_code == 1
    assert "Conflict: Ana Pisonero" in result.stderr and "changed here and on the server" in result.stderr
    # Both versions, field by field.
    assert "title: here 'Chief Spokesperson' | on the server 'Deputy Spokesperson'" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error: 1 conflict not settled")
    assert "Traceback" not in result.stderr
    assert store_path.read_bytes() == before and helpers.get(url).text == server_before
    assert cli("sync").exit_code == 1  # still a conflict: nothing was lost or settled silently

    assert "1 changed here" in cli.ok("sync", "--prefer", "remote").stderr
    assert ana(cli)["title"] == "Deputy Spokesperson"
    assert "nothing to do" in cli.ok("sync").stderr


def test_prefer_local_overwrites_the_server(cli: Cli, synced: tuple[str, str]) -> None:
    _, url = synced
    cli.ok("edit", "pisonero", "--title", "Chief Spokesperson")
    edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Deputy Spokesperson")
    assert "1 changed on the server" in cli.ok("sync", "--prefer", "local").stderr
    assert "TITLE:Chief Spokesperson" in helpers.get(url).text
    assert "nothing to do" in cli.ok("sync").stderr


def test_a_delete_against_an_edit_is_a_conflict_not_a_loss(cli: Cli, synced: tuple[str, str]) -> None:
    _, url = synced
    cli.ok("remove", "pisonero", "--yes")
    edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Deputy Spokesperson")
    result = cli("sync")
    assert result.exit_code == 1 and "deleted here, changed on the server" in result.stderr
    assert "Deputy Spokesperson" in helpers.get(url).text
    assert cli.json("list") == []
    cli.ok("sync", "--prefer", "remote")
    assert ana(cli)["title"] == "Deputy Spokesperson"


def test_an_edit_against_a_server_delete_is_a_conflict(cli: Cli, synced: tuple[str, str]) -> None:
    _, url = synced
    helpers.delete(url)
    cli.ok("edit", "pisonero", "--title", "Chief Spokesperson")
    result = cli("sync")
    assert result.exit_code == 1 and "changed here, deleted on the server" in result.stderr
    assert ana(cli)["title"] == "Chief Spokesperson"
    cli.ok("sync", "--prefer", "local")
    assert "TITLE:Chief Spokesperson" in helpers.get(url).text


def test_dry_run_reports_and_writes_nothing(
    cli: Cli, synced: tuple[str, str], store_path: Path, radicale: Radicale, book: str
) -> None:
    _, url = synced
    cli.ok("edit", "pisonero", "--title", "Chief Spokesperson")
    helpers.put(book + "phone-2.vcf", helpers.card("phone-2", "Olof Gill"))
    before, server_before = store_path.read_bytes(), helpers.get(url).text
    result = cli.ok("sync", "--dry-run")
    assert "Dry run" in result.stderr
    assert "1 changed on the server" in result.stderr and "1 added here" in result.stderr
    assert store_path.read_bytes() == before and helpers.get(url).text == server_before
    assert len(radicale.cards(book)) == 2


def test_a_card_changed_by_someone_else_during_the_sync_is_not_overwritten(
    cli: Cli, synced: tuple[str, str], store_path: Path
) -> None:
    """A real race on the real server: the colleague's write lands between our listing and our PUT."""
    _, url = synced
    cli.ok("edit", "pisonero", "--title", "Chief Spokesperson")

    class Raced(Client):
        def put(self, href: str, card: str, etag: str | None) -> str | None:
            edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Deputy Spokesperson")
            return super().put(href, card, etag)

    store = Store(store_path)
    with Raced(url.rsplit("/", 1)[0] + "/", USER, PASSWORD, name="office") as client:
        outcome = run.run(store, "office", client)
    assert [d.why for d in outcome.conflicts] == ["changed on the server by someone else during this sync"]
    assert outcome.conflicts[0].remote is not None
    assert outcome.conflicts[0].remote.contact is not None
    assert outcome.conflicts[0].remote.contact.title == "Deputy Spokesperson"
    assert "Deputy Spokesperson" in helpers.get(url).text  # their change survived
    assert ana(cli)["title"] == "Chief Spokesperson"  # and ours is still here
    result = cli("sync")
    assert result.exit_code == 1 and "changed here and on the server" in result.stderr


def test_state_file_holds_no_secret(cli: Cli, synced: tuple[str, str], store_path: Path) -> None:
    state = store_path.with_name(store_path.name + ".sync-office.json")
    data = json.loads(state.read_text())
    assert PASSWORD not in state.read_text()
    assert len(data["items"]) == 1


def test_a_sync_stopped_between_the_store_and_the_state_resumes_cleanly(
    cli: Cli, synced: tuple[str, str], book: str, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is written, the state is not (the process dies in between): nothing is taken twice."""
    from contacts_cli.sync import state as syncstate

    _, url = synced
    helpers.put(book + "phone-9.vcf", helpers.card("phone-9", "Olof Gill"))
    edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Deputy Spokesperson")
    state_before = store_path.with_name(store_path.name + ".sync-office.json").read_bytes()

    class Died(Exception):
        pass

    def die(*args: object) -> None:
        raise Died

    real_write = syncstate.write
    monkeypatch.setattr(syncstate, "write", die)
    with pytest.raises(Died):
        cli("sync")
    monkeypatch.setattr(syncstate, "write", real_write)
    assert store_path.with_name(store_path.name + ".sync-office.json").read_bytes() == state_before
    assert {e["name"] for e in cli.json("list")} == {"Ana Pisonero", "Olof Gill"}

    result = cli.ok("sync")
    assert "2 already the same on both sides" in result.stderr
    assert len(cli.json("list")) == 2 and ana(cli)["title"] == "Deputy Spokesperson"
    assert "nothing to do" in cli.ok("sync").stderr


def test_a_sync_token_the_server_no_longer_knows_falls_back_to_a_full_listing(
    cli: Cli, synced: tuple[str, str], store_path: Path
) -> None:
    _, url = synced
    state_file = store_path.with_name(store_path.name + ".sync-office.json")
    state = json.loads(state_file.read_text())
    assert state["token"]  # Radicale offers sync-collection
    state["token"] = "http://radicale.org/ns/sync/0000000000000000"
    state_file.write_text(json.dumps(state))
    edit_on_server(url, "TITLE:Spokesperson for Trade", "TITLE:Deputy Spokesperson")
    assert "1 changed here" in cli.ok("sync").stderr
    assert ana(cli)["title"] == "Deputy Spokesperson"
    assert json.loads(state_file.read_text())["token"] != state["token"]


def test_a_card_made_unreadable_on_the_server_does_not_delete_the_entry(
    cli: Cli, synced: tuple[str, str]
) -> None:
    _, url = synced
    current = helpers.get(url)
    uid = url.rsplit("/", 1)[1].removesuffix(".vcf")
    broken = f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:\r\nN:;;;;\r\nNOTE:no name\r\nEND:VCARD\r\n"
    helpers.put(url, broken, current.headers["ETag"])
    result = cli.ok("sync")
    assert "can no longer be read" in result.stderr and "Not read from the server" in result.stderr
    assert ana(cli)["title"] == "Spokesperson for Trade"


@pytest.fixture
def twelve(cli: Cli, book: str, password_env: str, store_path: Path) -> list[str]:
    """Twelve entries synced with the book once; their UIDs."""
    for i in range(12):
        cli.ok("add", f"Desk Officer{i}", "--kind", "press-officer", "--phone", f"+32 2 299 10 {i:02d}")
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-env", password_env)
    cli.ok("sync")
    return [entry["uid"] for entry in cli.json("list")]


def test_a_server_that_lost_most_cards_does_not_empty_the_directory(
    cli: Cli, book: str, twelve: list[str], store_path: Path
) -> None:
    for uid in twelve[:11]:
        helpers.delete(f"{book}{uid}.vcf")
    before = store_path.read_bytes()
    result = cli.fails("sync")
    assert "would delete 11 of the 12 entries synced before here" in result.stderr
    assert "--allow-deletes" in result.stderr
    assert store_path.read_bytes() == before
    assert "11 deleted here" in cli.ok("sync", "--allow-deletes").stderr
    assert len(cli.json("list")) == 1


def test_a_store_emptied_here_does_not_empty_the_address_book(
    cli: Cli, book: str, twelve: list[str], store_path: Path
) -> None:
    for entry in cli.json("list"):
        cli.ok("remove", entry["id"], "--yes")
    result = cli.fails("sync")
    assert "would delete 12 of the 12 entries synced before on the server" in result.stderr
    assert all(helpers.get(f"{book}{uid}.vcf").status_code == 200 for uid in twelve)
    assert "12 deleted on the server" in cli.ok("sync", "--allow-deletes").stderr
    assert all(helpers.get(f"{book}{uid}.vcf").status_code == 404 for uid in twelve)


def test_a_few_deletions_need_no_confirmation(cli: Cli, book: str, twelve: list[str]) -> None:
    for uid in twelve[:3]:
        helpers.delete(f"{book}{uid}.vcf")
    assert "3 deleted here" in cli.ok("sync").stderr
