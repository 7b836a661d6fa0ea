"""The CardDAV commands: `remote add/list/remove` and `sync`."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from contacts_cli.cli import edge
from contacts_cli.errors import InvalidInput

if TYPE_CHECKING:
    from contacts_cli.store import Store
    from contacts_cli.sync.remotes import Remote

remote_app = typer.Typer(
    name="remote",
    help="Add, list or remove the CardDAV address books to sync with.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Prefer(StrEnum):
    local = "local"
    remote = "remote"


def register(app: typer.Typer) -> None:
    app.add_typer(remote_app)
    app.command("sync")(sync_command)


@remote_app.command("add")
def remote_add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A short name for the remote, such as office.")],
    url: Annotated[str, typer.Argument(help="The address book's URL (or the server's, to look it up).")],
    user: Annotated[str | None, typer.Option("--user", "-u", help="User name on the server.")] = None,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env", metavar="VAR", help="Read the password from this environment variable."
        ),
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file", metavar="FILE", help="Read the password from the first line of FILE."
        ),
    ] = None,
) -> None:
    """Add a CardDAV address book to sync with.

    The password is never stored: give the variable or file it is read from, or none to be asked at
    each sync. The remotes file beside the store is readable by you only.

    Example: contacts remote add office https://dav.example.org/ana/book/ --user ana --password-env PW
    """
    from contacts_cli.sync import remotes

    if password_env and password_file:
        raise InvalidInput("give --password-env or --password-file, not both")
    if (password_env or password_file) and not user:
        raise InvalidInput("a password needs a user name; pass --user too")
    store = edge.open_store(ctx)
    remote = remotes.Remote(
        name=remotes.check_name(name),
        url=remotes.check_url(url),
        user=user,
        password_env=password_env,
        password_file=str(password_file.expanduser().resolve()) if password_file else None,
    )
    remotes.save(store, remote)
    edge.err(f"Added remote {name!r} ({remote.url}). Sync with: contacts sync {name}")


@remote_app.command("list")
def remote_list_command(ctx: typer.Context) -> None:
    """List the remotes: name, URL, user, where the password comes from.

    Example: contacts remote list
    """
    from contacts_cli.render import inert
    from contacts_cli.sync import remotes

    found = remotes.load(edge.open_store(ctx))
    if not found:
        edge.err("No remotes yet; add one with: contacts remote add NAME URL --user USER")
        return
    for remote in found.values():
        user = remote.user or "-"
        fields = (remote.name, remote.url, f"user {user}", f"password {remote.password_source}")
        typer.echo("\t".join(inert(f) for f in fields))


@remote_app.command("remove")
def remote_remove_command(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The remote's name.")]
) -> None:
    """Forget a remote; nothing on the server or here is deleted.

    What was last synced with it is forgotten too.

    Example: contacts remote remove office
    """
    from contacts_cli.sync import remotes, state

    store = edge.open_store(ctx)
    remotes.remove(store, name)
    state.forget(store, name)
    edge.err(f"Removed remote {name!r}; its cards and your entries are left as they are.")


def sync_command(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="The remote (optional when there is only one).", show_default=False)
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Report what would change here and on the server; write nothing."),
    ] = False,
    prefer: Annotated[
        Prefer | None,
        typer.Option(
            "--prefer", help="Settle conflicts: keep the local or the remote version.", show_default=False
        ),
    ] = None,
    allow_deletes: Annotated[
        bool,
        typer.Option(
            "--allow-deletes",
            help="Carry out a sync that deletes more than 10 entries and most of those synced before.",
        ),
    ] = False,
) -> None:
    """Sync the directory both ways with a CardDAV address book.

    Entries new, changed or deleted on either side since the last sync travel to the other. An entry
    changed on both sides (or deleted on one, changed on the other) is a conflict: both versions are
    shown, nothing is written for it, and the exit status is 1, until --prefer settles it.

    Example: contacts sync office --dry-run
    """
    from contacts_cli.phones import check_region
    from contacts_cli.sync import report, run
    from contacts_cli.sync.carddav import Client

    store = edge.open_store(ctx)
    remote = _pick(store, name)
    password = _password(remote)
    region = check_region(edge.region_default(None, ctx))
    with Client(remote.url, remote.user, password, name=remote.name) as client:
        outcome = run.run(
            store,
            remote.name,
            client,
            prefer=prefer.value if prefer else None,
            dry_run=dry_run,
            region=region,
            progress=_progress if sys.stderr.isatty() else None,
            allow_deletes=allow_deletes,
        )
    for line in report.lines(outcome, remote.name):
        edge.err(line)
    conflicts = len(outcome.conflicts)
    if conflicts:
        edge.err(
            f"Error: {conflicts} conflict{'s' if conflicts > 1 else ''} not settled; "
            "pass --prefer local or --prefer remote to settle them"
        )
        raise typer.Exit(1)


def _progress(what: str, done: int, total: int) -> None:
    # A counter on one terminal line; a sync of thousands of cards takes minutes against some servers.
    if done == total or done % 10 == 0:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r{what.capitalize()} {done}/{total}{end}")
        sys.stderr.flush()


def _pick(store: "Store", name: str | None) -> "Remote":
    from contacts_cli.sync import remotes

    if name is not None:
        return remotes.get(store, name)
    found = remotes.load(store)
    if len(found) == 1:
        return next(iter(found.values()))
    if not found:
        raise InvalidInput("no remote to sync with; add one with: contacts remote add NAME URL --user USER")
    raise InvalidInput(f"several remotes ({', '.join(sorted(found))}); name the one to sync with")


def _password(remote: "Remote") -> str | None:
    from contacts_cli.sync import remotes

    found = remotes.password(remote)
    if found is not None or not remote.user:
        return found
    if not sys.stdin.isatty():
        raise remotes.NoPassword(
            f"remote {remote.name!r} has no password source and stdin is not a terminal to ask on; "
            "add it again with --password-env or --password-file"
        )
    import getpass

    return getpass.getpass(f"Password for {remote.user} on {remote.name}: ")
