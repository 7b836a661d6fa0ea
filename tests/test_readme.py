"""The README stays true: its first two commands, and an example for every command the CLI has."""

import re

import typer

from contacts_cli.cli.app import app

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_paths(group, prefix=()):
    for name, command in group.commands.items():
        if getattr(command, "hidden", False):
            continue
        if hasattr(command, "commands"):
            yield from _command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_command_has_an_example_in_the_readme():
    group = typer.main.get_command(app)
    missing = []
    for path in _command_paths(group):
        words = re.escape(" ".join(path))
        example = re.compile(rf"^\s+contacts (?:--\S+ \S+ )*{words}\b", re.MULTILINE)
        if not example.search(README):
            missing.append(" ".join(path))
    assert missing == []


def test_the_readme_starts_with_install_and_search_then_install_and_test():
    commands = re.findall(r"^    (python3 -m venv .+)$", README, re.MULTILINE)[:2]
    assert len(commands) == 2
    assert "pip install" in commands[0] and "contacts search" in commands[0]
    assert "pip install -e '.[test]'" in commands[1]
    test_command = commands[1].rsplit("&& ", 1)[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"\n{test_command}\n" in ci, "CI must run the README's test command verbatim"
