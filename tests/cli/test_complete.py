"""Shell completion through the installed script, as the shells call it (typer's protocol)."""

from tests.conftest import ANA


def bash(run_script, *words, env=None):
    line = " ".join(("contacts", *words))
    cword = len(words) if not line.endswith(" ") else len(words) + 1
    result = run_script(
        env={
            "_CONTACTS_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(cword),
            **(env or {}),
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.split()


def test_commands_and_options_complete(run_script, store_path):
    assert bash(run_script, "wh") == ["who"]
    assert "search" in bash(run_script, "se")
    assert bash(run_script, "search", "--form") == ["--format"]
    assert bash(run_script, "--install-comp") == ["--install-completion"]


def test_entry_names_complete_for_every_command_that_takes_a_reference(run_script, cli, store_path):
    cli.ok(*ANA)
    cli.ok("add", "Peter Stano", "--kind", "spokesperson")
    cli.ok("add", "Anna Stanek", "--kind", "spokesperson")
    for command in ("show", "edit", "remove", "qr"):
        assert bash(run_script, command, "sta") == ["stanek", "stano"], command
    assert bash(run_script, "show", "Pi") == ["Pisonero"]
    assert bash(run_script, "show", "zzz") == []
    ana_id = cli.json("show", "pisonero")["id"]
    assert bash(run_script, "show", ana_id[:4]) == [ana_id]
    # The completed word is a reference the command accepts.
    assert cli.json("show", "stano")["name"] == "Peter Stano"


def test_zsh_and_fish_show_whom_a_word_names(run_script, cli, store_path):
    cli.ok("add", "Peter Stano", "--kind", "spokesperson")
    zsh = run_script(env={"_CONTACTS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "contacts show st"})
    assert '"stano":"Peter Stano"' in zsh.stdout
    fish = run_script(
        env={
            "_CONTACTS_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_ARGS": "contacts qr st",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        }
    )
    assert fish.stdout.splitlines() == ["stano\tPeter Stano"]


def test_completion_uses_the_db_option_and_creates_nothing(run_script, cli, tmp_path, store_path):
    other = tmp_path / "other.json"
    cli.ok("--db", str(other), "add", "Olof Gill", "--kind", "spokesperson")
    assert bash(run_script, "--db", str(other), "show", "gi") == ["gill"]
    # No store at the default place and none named: nothing offered, nothing created.
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert bash(run_script, "show", "gi", env={"CONTACTS_DB": ""}) == []
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_damaged_store_completes_nothing_and_says_nothing(run_script, store_path):
    store_path.write_text("{ not json")
    assert bash(run_script, "show", "st") == []
    assert store_path.read_text() == "{ not json"


def test_the_readme_documents_install_completion():
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "    contacts --install-completion" in readme


def test_the_script_builds_commands_on_demand_yet_lists_and_runs_them_all(run_script, store_path):
    import typer

    from contacts_cli.cli.app import app

    eager = list(typer.main.get_command(app).commands)
    listing = run_script("--help")
    assert listing.returncode == 0
    commands = listing.stdout.split("Commands:", 1)[1]
    listed = [
        line.split()[0] for line in commands.splitlines() if line[:3].startswith("  ") and line[2:3] != " "
    ]
    assert listed == eager
    for name in eager:
        assert run_script(name, "--help").returncode == 0, name
    wrong = run_script("serch", "stano")
    assert wrong.returncode == 2 and "No such command 'serch'. Did you mean 'search'?" in wrong.stderr
