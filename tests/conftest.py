"""Every test gets its own store under tmp_path; nothing touches a real user directory."""

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from contacts_cli.cli.app import app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def contacts_script() -> str:
    """The installed console script, as a user runs it."""
    found = shutil.which("contacts", path=str(Path(sys.executable).parent)) or shutil.which("contacts")
    assert found, "the contacts script is not installed; pip install -e '.[test]'"
    return found


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = tmp_path / "contacts.json"
    monkeypatch.setenv("CONTACTS_DB", str(store))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CONTACTS_REGION", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return store


@pytest.fixture
def store_path(isolated: Path) -> Path:
    return isolated


class Cli:
    """Runs the app in-process and keeps stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
        return self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    def ok(self, *args: str, **kwargs: Any) -> Any:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def fails(self, *args: str, code: int = 1, **kwargs: Any) -> Any:
        result = self(*args, **kwargs)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        if code == 1:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
            assert "Traceback" not in result.stderr
        return result


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def run_script() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed `contacts` script in a subprocess with the test's environment."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None, timeout: float = 60):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run(
            [contacts_script(), *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
        )

    return run


ANA = (
    "add",
    "Ana Pisonero",
    "--kind",
    "spokesperson",
    "--title",
    "Spokesperson for Trade",
    "--org",
    "European Commission",
    "--area",
    "Trade",
    "--phone",
    "+32 (0)2 295 43 20",
    "--phone",
    "0460 79 43 20",
    "--region",
    "BE",
    "--email",
    "ana.pisonero@example.eu",
    "--lang",
    "es",
    "--lang",
    "en",
)
