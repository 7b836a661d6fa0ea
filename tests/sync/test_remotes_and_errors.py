"""Remote configuration and the ways a sync fails: one clear line, exit 1, nothing changed here."""

import json
import socket
import stat
from pathlib import Path

import pytest

from contacts_cli.store import Store
from contacts_cli.sync import run
from contacts_cli.sync.carddav import Client, RemoteError
from tests.conftest import ANA, Cli
from tests.sync import helpers
from tests.sync.conftest import BOB, BOB_BOOK, PASSWORD, USER, Radicale


def remotes_file(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".remotes.json")


def test_remote_add_list_remove(cli: Cli, store_path: Path, tmp_path: Path) -> None:
    secret_file = tmp_path / "pw"
    secret_file.write_text(PASSWORD + "\n")
    cli.ok(
        "remote",
        "add",
        "office",
        "https://dav.example.org/ana/book/",
        "--user",
        "ana",
        "--password-env",
        "PW",
    )
    cli.ok(
        "remote",
        "add",
        "home",
        "http://127.0.0.1:5232/ana/b/",
        "--user",
        "ana",
        "--password-file",
        str(secret_file),
    )
    path = remotes_file(store_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert data["remotes"]["office"] == {
        "url": "https://dav.example.org/ana/book/",
        "user": "ana",
        "password_env": "PW",
    }
    assert PASSWORD not in path.read_text()
    listed = cli.ok("remote", "list").stdout.splitlines()
    assert listed == [
        f"home\thttp://127.0.0.1:5232/ana/b/\tuser ana\tpassword {secret_file}",
        "office\thttps://dav.example.org/ana/book/\tuser ana\tpassword $PW",
    ]
    assert PASSWORD not in "".join(listed)
    cli.fails("remote", "add", "office", "https://other.example.org/", "--user", "x")
    cli.ok("remote", "remove", "office")
    assert [line.split("\t")[0] for line in cli.ok("remote", "list").stdout.splitlines()] == ["home"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    cli.fails("remote", "remove", "office")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("bad name!", "https://x.example.org/"), "remote name"),
        (("office", "ftp://x.example.org/"), "not an http(s) URL"),
        (("office", "https://ana:pw@x.example.org/"), "holds a user name or password"),
        (
            ("office", "https://x.example.org/", "--user", "a", "--password-env", "hunter2!"),
            "variable's name",
        ),
        (("office", "https://x.example.org/", "--password-env", "PW"), "needs a user name"),
    ],
)
def test_remote_add_refuses_bad_input(cli: Cli, store_path: Path, args: tuple[str, ...], says: str) -> None:
    result = cli.fails("remote", "add", *args)
    assert says in result.stderr
    assert "hunter2" not in result.stderr and ":pw@" not in result.stderr
    assert not remotes_file(store_path).exists()


def test_sync_without_remotes_or_with_several(cli: Cli) -> None:
    assert "no remote" in cli.fails("sync").stderr
    cli.ok("remote", "add", "a", "https://a.example.org/", "--user", "u", "--password-env", "PW")
    cli.ok("remote", "add", "b", "https://b.example.org/", "--user", "u", "--password-env", "PW")
    assert "several remotes (a, b)" in cli.fails("sync").stderr
    assert "no remote named 'c'" in cli.fails("sync", "c").stderr


def test_unset_password_variable_is_one_line_naming_the_variable(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UNSET_PW", raising=False)
    cli.ok("remote", "add", "office", "https://a.example.org/", "--user", "u", "--password-env", "UNSET_PW")
    assert "UNSET_PW is not set" in cli.fails("sync").stderr


def test_wrong_password(cli: Cli, book: str, store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok(*ANA)
    monkeypatch.setenv("WRONG_PW", "not-the-password")
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-env", "WRONG_PW")
    before = store_path.read_bytes()
    result = cli.fails("sync")
    assert "refused the user name or password" in result.stderr
    assert "not-the-password" not in result.stderr
    assert store_path.read_bytes() == before
    assert not store_path.with_name(store_path.name + ".sync-office.json").exists()


def test_server_down(cli: Cli, store_path: Path, password_env: str) -> None:
    cli.ok(*ANA)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens once the socket is closed
    cli.ok(
        "remote",
        "add",
        "office",
        f"http://127.0.0.1:{port}/ana/book/",
        "--user",
        USER,
        "--password-env",
        password_env,
    )
    before = store_path.read_bytes()
    result = cli.fails("sync")
    assert f"cannot reach 127.0.0.1:{port}" in result.stderr
    assert PASSWORD not in result.stderr
    assert store_path.read_bytes() == before


def test_not_an_address_book(cli: Cli, radicale: Radicale, password_env: str, store_path: Path) -> None:
    calendar = radicale.storage / "collection-root" / USER / "calendar"
    calendar.mkdir(exist_ok=True)
    (calendar / ".Radicale.props").write_text(json.dumps({"tag": "VCALENDAR"}))
    cli.ok(*ANA)
    cli.ok(
        "remote",
        "add",
        "cal",
        f"{radicale.base}{USER}/calendar/",
        "--user",
        USER,
        "--password-env",
        password_env,
    )
    before = store_path.read_bytes()
    assert "is a calendar collection, not an address book" in cli.fails("sync").stderr
    cli.ok(
        "remote",
        "add",
        "gone",
        f"{radicale.base}{USER}/no-such-book/",
        "--user",
        USER,
        "--password-env",
        password_env,
    )
    assert "does not exist" in cli.fails("sync", "gone").stderr
    assert store_path.read_bytes() == before


def test_discovery_from_the_server_base_url(cli: Cli, radicale: Radicale, password_env: str) -> None:
    cli.ok(*ANA)
    cli.ok("remote", "add", "office", radicale.base, "--user", BOB, "--password-env", password_env)
    assert "1 created on the server" in cli.ok("sync").stderr
    assert len(list((radicale.storage / "collection-root" / BOB / BOB_BOOK).glob("*.vcf"))) == 1
    assert "nothing to do" in cli.ok("sync").stderr


def test_a_card_the_server_refuses_stops_the_sync_before_anything_local(
    cli: Cli, book: str, store_path: Path
) -> None:
    """Radicale refuses a second card with a UID it already holds under another name (409)."""
    cli.ok(*ANA)
    uid = cli.json("list")[0]["uid"]
    helpers.put(book + "phone-3.vcf", helpers.card("phone-3", "Olof Gill"))  # to be taken here

    class Clash(Client):
        def put(self, href: str, card: str, etag: str | None) -> str | None:
            helpers.put(book + "elsewhere.vcf", helpers.card(uid, "Ana Pisonero"))
            return super().put(href, card, etag)

    before = store_path.read_bytes()
    with Clash(book, USER, PASSWORD, name="office") as client, pytest.raises(RemoteError) as caught:
        run.run(Store(store_path), "office", client)
    message = str(caught.value)
    assert "the server refused the card" in message and "HTTP 409" in message
    assert "for Ana Pisonero" in message and "nothing was changed here" in message
    assert store_path.read_bytes() == before  # Olof was not taken: nothing local is written


def test_a_password_file_is_read_at_sync_time(
    cli: Cli, book: str, tmp_path: Path, radicale: Radicale
) -> None:
    secret = tmp_path / "dav-password"
    secret.write_text(PASSWORD + "\n")
    cli.ok(*ANA)
    cli.ok("remote", "add", "office", book, "--user", USER, "--password-file", str(secret))
    assert "1 created on the server" in cli.ok("sync").stderr
    secret.unlink()
    result = cli.fails("sync")
    assert "cannot read its password file" in result.stderr and str(secret) in result.stderr
