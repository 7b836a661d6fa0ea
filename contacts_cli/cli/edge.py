"""What every command of the terminal edge shares: global options, the store, consoles, confirmations."""

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from contacts_cli.errors import ContactsError, NeedsConfirmation, StoreError

if TYPE_CHECKING:
    from rich.console import Console

    from contacts_cli.search import Filters
    from contacts_cli.store import Store

APP_NAME: Final = "contacts-cli"
STORE_NAME: Final = "contacts.json"


# The query options that search, export and other selecting commands share.
TermsArg = Annotated[
    list[str] | None, typer.Argument(help="Words to find; all must match.", show_default=False)
]
KindFilter = Annotated[
    str | None,
    typer.Option(
        "--kind", "-k", help="Only spokesperson, press-officer or press-office.", show_default=False
    ),
]
OrgFilter = Annotated[
    str | None, typer.Option("--org", "-o", help="Only this organisation.", show_default=False)
]
AreaFilter = Annotated[
    str | None, typer.Option("--area", "-a", help="Only this policy area.", show_default=False)
]
LangFilter = Annotated[
    str | None, typer.Option("--lang", "-l", help="Only entries speaking this language.", show_default=False)
]


def filters(*, kind: str | None, org: str | None, area: str | None, lang: str | None) -> "Filters":
    """The checked filters of a selecting command."""
    from contacts_cli.model import check_kind, check_language
    from contacts_cli.search import Filters

    return Filters(
        kind=check_kind(kind) if kind else None,
        organization=org,
        area=area,
        language=check_language(lang) if lang else None,
    )


@dataclass(frozen=True, slots=True)
class Options:
    """The global options, kept on the typer context."""

    db: Path | None
    region: str | None
    lock_timeout: float


def options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    if isinstance(obj, Options):
        return obj
    return Options(db=None, region=None, lock_timeout=10.0)


def default_store_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / STORE_NAME


def starter_bytes() -> bytes:
    """The bundled starter directory: inside the wheel, or data/ beside the package in a checkout."""
    package_dir = Path(__file__).resolve().parents[1]  # contacts_cli/, above cli/
    for candidate in (package_dir / "_data" / "starter.json", package_dir.parent / "data" / "starter.json"):
        if candidate.is_file():
            return candidate.read_bytes()
    raise StoreError("the starter directory is missing from this installation; reinstall contacts-cli")


def open_store(ctx: typer.Context) -> "Store":
    """The store the user named (--db, CONTACTS_DB) or the default one, created from the starter directory."""
    from contacts_cli.store import Store

    opts = options(ctx)
    if opts.db is not None:
        return Store(opts.db, lock_timeout=opts.lock_timeout)
    store = Store(default_store_path(), lock_timeout=opts.lock_timeout)
    if not store.exists():
        _create_from_starter(store)
    return store


def _create_from_starter(store: "Store") -> None:
    from contacts_cli.store import read_contacts

    starter = read_contacts(starter_bytes(), Path("starter.json"))
    try:
        store.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create {store.path.parent}: {exc.strerror}; pass --db PATH") from None
    with store.transaction() as txn:
        if txn.ids():
            return  # another process created it meanwhile
        txn.add(*starter)
    err(
        f"Created {store.path} with the starter directory ({len(starter)} entries). "
        "Use --db or CONTACTS_DB to keep another one."
    )


def err(message: str) -> None:
    """A line for people on stderr; stored text in it is made inert."""
    from contacts_cli.render import inert

    typer.echo(inert(message), err=True)


def out_console() -> "Console":
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False, markup=False)


def confirm(question: str, *, yes: bool, hint: str) -> bool:
    """True when the user agreed (or passed --yes). Never prompts without a terminal on stdin."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise NeedsConfirmation(
            f"{question.rstrip('?')}: stdin is not a terminal, so nothing was asked; {hint}"
        )
    return typer.confirm(question, default=False, err=True)


def region_default(explicit: str | None, ctx: typer.Context) -> str | None:
    return explicit or options(ctx).region or os.environ.get("CONTACTS_REGION") or None


def fail(error: ContactsError) -> typer.Exit:
    """Report an expected failure the one way the CLI does: `Error: ...` on stderr, exit 1."""
    err(f"Error: {error}")
    return typer.Exit(1)
