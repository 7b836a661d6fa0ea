"""A real CardDAV server for the sync tests: Radicale on 127.0.0.1, a free port, a temporary storage
folder and htpasswd auth. One server for the session; each test gets its own address book."""

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

USER = "ana"
PASSWORD = "s3cret-Pw-for-tests"
# A second account with exactly one address book, for service discovery from the server's base URL.
BOB = "bob"
BOB_BOOK = "contacts"


@dataclass
class Radicale:
    base: str  # http://127.0.0.1:PORT/
    storage: Path
    process: subprocess.Popen[bytes]

    def new_book(self) -> str:
        """A fresh, empty address book of USER; its URL."""
        name = uuid.uuid4().hex[:12]
        folder = self.storage / "collection-root" / USER / name
        folder.mkdir(parents=True)
        (folder / ".Radicale.props").write_text(json.dumps({"tag": "VADDRESSBOOK", "D:displayname": name}))
        return f"{self.base}{USER}/{name}/"

    def book_folder(self, url: str) -> Path:
        user, name = url.removeprefix(self.base).strip("/").split("/")
        return self.storage / "collection-root" / user / name

    def cards(self, url: str) -> list[Path]:
        return sorted(self.book_folder(url).glob("*.vcf"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(root: Path) -> Iterator[Radicale]:
    """Radicale on 127.0.0.1 on a free port, storing in `root`, with USER and BOB as its users."""
    storage = root / "storage"
    (storage / "collection-root" / USER).mkdir(parents=True)
    bob_book = storage / "collection-root" / BOB / BOB_BOOK
    bob_book.mkdir(parents=True)
    (bob_book / ".Radicale.props").write_text(json.dumps({"tag": "VADDRESSBOOK"}))
    users = root / "users"
    users.write_text(f"{USER}:{PASSWORD}\n{BOB}:{PASSWORD}\n")
    port = _free_port()
    log = open(root / "radicale.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(storage),
            "--auth-type",
            "htpasswd",
            "--auth-htpasswd-filename",
            str(users),
            "--auth-htpasswd-encryption",
            "plain",
            "--auth-delay",
            "0",
            "--rights-type",
            "owner_only",
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if not k.startswith("RADICALE")},
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((root / "radicale.log").read_text()) from None
                time.sleep(0.1)
        yield Radicale(base, storage, process)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    with running(tmp_path_factory.mktemp("radicale")) as server:
        yield server


@pytest.fixture
def book(radicale: Radicale) -> str:
    return radicale.new_book()


@pytest.fixture
def password_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DAV_TEST_PW", PASSWORD)
    return "DAV_TEST_PW"
