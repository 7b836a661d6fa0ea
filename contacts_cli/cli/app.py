"""The `contacts` command: typer commands that parse, call the core, render, and map errors to exit codes."""

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from contacts_cli.cli import complete, edge, output
from contacts_cli.errors import ContactsError, Duplicate, InvalidInput
from contacts_cli.model import Contact, Phone

if TYPE_CHECKING:
    from contacts_cli.store import Transaction


class ContactsGroup(TyperGroup):
    """Maps expected failures to one `Error:` line and exit 1, once, for every command.

    Run from the console script, it also builds each command only when it is asked for (see main()):
    typer turns every parameter of every command into a Click parameter up front, a few milliseconds
    of each run spent on commands that do not run.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, Callable[[], Any]] = {}
        self.lazy_order: list[str] = []  # the commands built on demand, in the order typer would list them

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ContactsError as error:
            raise edge.fail(error) from None

    def list_commands(self, ctx: Any) -> list[str]:
        # typer lists commands before groups (`remote`); keep that order whichever have been built.
        return [
            *self.lazy_order,
            *(name for name in super().list_commands(ctx) if name not in self.lazy_order),
        ]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        build = self.lazy.pop(cmd_name, None)
        if build is not None:
            self.add_command(build(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] not in self.lazy:
            # An unknown name: build them all, so that typer can suggest the one meant.
            for name in list(self.lazy):
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=ContactsGroup,
    name="contacts",
    help="A press contact directory: find the spokesperson or press officer who speaks on a subject.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# A table longer than a screen or two helps nobody on deadline; scripts use --json, which has no cap.
TABLE_LIMIT = 50

KindOpt = Annotated[
    str | None,
    typer.Option("--kind", "-k", help="spokesperson, press-officer or press-office.", show_default=False),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for programs instead of a table.")]
RegionOpt = Annotated[
    str | None,
    typer.Option("--region", help="Country for numbers written without a country code, e.g. BE."),
]


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option("--db", envvar="CONTACTS_DB", help="The store file. Default: your user data folder."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region", envvar="CONTACTS_REGION", help="Default country for numbers without a country code."
        ),
    ] = None,
    lock_timeout: Annotated[
        float, typer.Option("--lock-timeout", min=0, help="Seconds to wait for another writer.")
    ] = 10.0,
) -> None:
    """Find, keep and share press contacts.

    Example: contacts search trade --kind spokesperson
    """
    ctx.obj = edge.Options(db=db, region=region, lock_timeout=lock_timeout)


def _parse_phones(numbers: list[str], region: str | None) -> tuple[Phone, ...]:
    if not numbers:
        return ()
    from contacts_cli.phones import parse_phone

    phones = [parse_phone(n, region) for n in numbers]
    return tuple({p.key: p for p in phones}.values())


def _check_unique(txn: "Transaction", contact: Contact, *, force: bool) -> None:
    """Refuse a number or email another entry has, naming that entry, unless --force."""
    if force:
        return
    owners = txn.owners(contact)
    shown = {p.key: p.display for p in contact.phones} | {e.casefold(): e for e in contact.emails}
    for key, text in shown.items():
        owner = owners.get(key)
        if owner is not None:
            raise Duplicate(
                f"{text} already belongs to {owner[1]} ({owner[0]}); pass --force to keep it on both entries"
            )


def _kind_for(kind: str | None, title: str | None, name: str) -> str:
    from contacts_cli.model import check_kind, infer_kind

    if kind:
        return check_kind(kind)
    inferred = infer_kind(title)
    if inferred is None:
        raise InvalidInput(
            f"say what {name!r} is: pass --kind spokesperson, press-officer or press-office "
            "(the title does not tell)"
        )
    return inferred


@app.command("add")
def add_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name as printed, or the office's name.")],
    kind: KindOpt = None,
    title: Annotated[str | None, typer.Option("--title", "-t", help="Title as printed.")] = None,
    org: Annotated[str | None, typer.Option("--org", "-o", help="Organisation.")] = None,
    family: Annotated[
        str | None, typer.Option("--family", help="Family name when it is not the last word.")
    ] = None,
    area: Annotated[list[str] | None, typer.Option("--area", "-a", help="Policy area (repeat).")] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", "-p", help="Phone number (repeat).")] = None,
    email: Annotated[list[str] | None, typer.Option("--email", "-e", help="Email address (repeat).")] = None,
    lang: Annotated[
        list[str] | None, typer.Option("--lang", "-l", help="ISO 639-1 language (repeat).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="Free text.")] = None,
    region: RegionOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Add even if a number or email is taken.")] = False,
) -> None:
    """Add an entry and print its id.

    Example: contacts add "Ana Pisonero" --title "Spokesperson for Trade" --org "European Commission"
    --area Trade --phone "+32 (0)2 295 43 20" --phone "0460 79 43 20" --region BE --lang es
    """
    from contacts_cli.model import (
        check_email,
        check_language,
        clean_text,
        new_uid,
        require_text,
        stamp,
        unique,
    )

    clean_name = require_text("name", name)
    clean_title = clean_text("title", title)
    contact = Contact(
        id="",
        uid=new_uid(),
        name=clean_name,
        kind=_kind_for(kind, clean_title, clean_name),
        title=clean_title,
        organization=clean_text("organization", org),
        family=clean_text("family name", family),
        areas=unique(a for a in (clean_text("area", a) for a in area or ()) if a),
        phones=_parse_phones(phone or [], edge.region_default(region, ctx)),
        emails=unique(check_email(e) for e in email or ()),
        languages=unique(check_language(code) for code in lang or ()),
        note=clean_text("note", note, multiline=True),
    )
    with edge.open_store(ctx).transaction() as txn:
        from contacts_cli.model import new_id

        _check_unique(txn, contact, force=force)
        contact = stamp(replace(contact, id=new_id(txn.ids())))
        txn.add(contact)
    typer.echo(contact.id)


@app.command("search")
def search_command(
    ctx: typer.Context,
    terms: edge.TermsArg = None,
    kind: edge.KindFilter = None,
    org: edge.OrgFilter = None,
    area: edge.AreaFilter = None,
    lang: edge.LangFilter = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most N entries.")] = None,
    fmt: output.FormatOpt = None,
    as_json: output.JsonOpt = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say why each entry matched and what it scored.")
    ] = False,
) -> None:
    """Find entries, best match first. No terms lists every entry.

    A term may name its field: name:, title:, org:, area:, email:, phone:, kind:, lang:. A word a typo
    away from a name, title, area or organisation matches too, below every exact match.

    Example: contacts search area:trade kind:spokesperson
    """
    chosen = output.chosen(fmt, as_json)
    filters = edge.filters(kind=kind, org=org, area=area, lang=lang)
    view = edge.open_store(ctx).view()
    words = terms or []
    hits = view.search(words, filters)
    if limit is None and chosen == output.Format.table and len(hits) > TABLE_LIMIT:
        edge.err(
            f"Showing the best {TABLE_LIMIT} of {len(hits)} matches; add a word, or pass --limit or --json."
        )
        limit = TABLE_LIMIT
    hits = hits[:limit]
    extra: list[dict[str, Any]] = [{"score": h.score} for h in hits]
    why = None
    if explain:
        reasons = view.explain(hits, words)
        for more, found in zip(extra, reasons, strict=True):
            more["explain"] = [
                {"term": r.term, "field": r.field, "how": r.how, "points": r.points} for r in found
            ]
        why = [
            f"score {h.score}" + "".join(f"; {r}" for r in found)
            for h, found in zip(hits, reasons, strict=True)
        ]
    output.print_entries(
        [view.contact(h.index) for h in hits], chosen, query=" ".join(words), extra=extra, why=why
    )


@app.command("list")
def list_command(ctx: typer.Context, fmt: output.FormatOpt = None, as_json: output.JsonOpt = False) -> None:
    """List every entry by name.

    Example: contacts list --format csv > directory.csv
    """
    chosen = output.chosen(fmt, as_json)
    view = edge.open_store(ctx).view()
    output.print_entries([view.contact(h.index) for h in view.search([])], chosen)


@app.command("show")
def show_command(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="An id, a unique id prefix, or a name.", autocompletion=complete.entry_names)
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show one entry in full.

    Example: contacts show stano
    """
    from contacts_cli import render

    contact = edge.open_store(ctx).view().resolve(ref)
    if as_json:
        typer.echo(render.json_text(render.entry_json(contact), pretty=True))
    else:
        console = edge.out_console()
        console.print(render.contact_detail(contact, styled=console.is_terminal))


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="An id, a unique id prefix, or a name.", autocompletion=complete.entry_names)
    ],
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    family: Annotated[str | None, typer.Option("--family", help="Family name; '' clears it.")] = None,
    kind: KindOpt = None,
    title: Annotated[str | None, typer.Option("--title", "-t", help="New title; '' clears it.")] = None,
    org: Annotated[str | None, typer.Option("--org", "-o", help="New organisation; '' clears it.")] = None,
    add_phone: Annotated[list[str] | None, typer.Option("--add-phone", help="Add a number (repeat).")] = None,
    remove_phone: Annotated[
        list[str] | None, typer.Option("--remove-phone", help="Remove a number (repeat).")
    ] = None,
    add_email: Annotated[list[str] | None, typer.Option("--add-email", help="Add an email (repeat).")] = None,
    remove_email: Annotated[
        list[str] | None, typer.Option("--remove-email", help="Remove an email (repeat).")
    ] = None,
    area: Annotated[
        list[str] | None, typer.Option("--area", "-a", help="Replace the policy areas (repeat).")
    ] = None,
    lang: Annotated[
        list[str] | None, typer.Option("--lang", "-l", help="Replace the languages (repeat).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="New note; '' clears it.")] = None,
    region: RegionOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Keep a number or email another entry has.")] = False,
) -> None:
    """Change an entry; options not given stay as they are.

    Example: contacts edit pisonero --add-phone "+32 460 79 43 21"
    """
    from contacts_cli.model import (
        check_email,
        check_kind,
        check_language,
        clean_text,
        require_text,
        stamp,
        unique,
    )

    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = require_text("name", name)
    if family is not None:
        changes["family"] = clean_text("family name", family)
    if kind is not None:
        changes["kind"] = check_kind(kind)
    if title is not None:
        changes["title"] = clean_text("title", title)
    if org is not None:
        changes["organization"] = clean_text("organization", org)
    if area is not None:
        changes["areas"] = unique(a for a in (clean_text("area", a) for a in area) if a)
    if lang is not None:
        changes["languages"] = unique(check_language(code) for code in lang)
    if note is not None:
        changes["note"] = clean_text("note", note, multiline=True)
    region = edge.region_default(region, ctx)
    added_phones = _parse_phones(add_phone or [], region)
    added_emails = [check_email(e) for e in add_email or ()]
    if not (changes or added_phones or added_emails or remove_phone or remove_email):
        raise InvalidInput("nothing to change; pass at least one option such as --title or --add-phone")

    with edge.open_store(ctx).transaction() as txn:
        contact = txn.view.resolve(ref)
        phones = _without_phones(contact, remove_phone or [], region) + added_phones
        emails = _without_emails(contact, remove_email or []) + tuple(added_emails)
        edited = replace(
            contact,
            **changes,
            phones=tuple({p.key: p for p in phones}.values()),
            emails=unique(emails),
        )
        _check_unique(txn, replace(edited, phones=added_phones, emails=tuple(added_emails)), force=force)
        if edited == contact:
            edge.err(f"{contact.name} ({contact.id}) already reads so; nothing changed.")
            return
        txn.replace(stamp(edited))
    edge.err(f"Updated {edited.name} ({edited.id}).")


def _without_phones(contact: Contact, numbers: list[str], region: str | None) -> tuple[Phone, ...]:
    from contacts_cli.search import phone_digits

    phones = list(contact.phones)
    for number in numbers:
        digits = phone_digits(number)
        found = (
            [p for p in phones if digits and (p.e164 + (p.extension or "")).endswith(digits)]
            if digits
            else []
        )
        if not found:
            have = ", ".join(p.display for p in contact.phones) or "none"
            raise InvalidInput(f"{contact.name} has no number {number!r} (numbers: {have})")
        phones = [p for p in phones if p not in found]
    return tuple(phones)


def _without_emails(contact: Contact, addresses: list[str]) -> tuple[str, ...]:
    emails = list(contact.emails)
    for address in addresses:
        kept = [e for e in emails if e.casefold() != address.strip().casefold()]
        if len(kept) == len(emails):
            have = ", ".join(contact.emails) or "none"
            raise InvalidInput(f"{contact.name} has no email {address!r} (emails: {have})")
        emails = kept
    return tuple(emails)


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="An id, a unique id prefix, or a name.", autocompletion=complete.entry_names)
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Remove an entry.

    Example: contacts remove pisonero --yes
    """
    store = edge.open_store(ctx)
    contact = store.view().resolve(ref)
    if not edge.confirm(f"Remove {contact.name} ({contact.id})?", yes=yes, hint="pass --yes to remove it"):
        edge.err("Nothing removed.")
        raise typer.Exit(1)
    with store.transaction() as txn:
        # Resolve again under the lock: the entry may have changed or gone since we asked.
        current = txn.view.resolve(contact.id)
        txn.remove(current)
    edge.err(f"Removed {contact.name} ({contact.id}).")


def main() -> None:
    """Console-script entry point: the group with its commands built when they are first asked for."""
    import typer.main

    infos = list(app.registered_commands)
    app.registered_commands = []
    try:
        group = typer.main.get_command(app)
    finally:
        app.registered_commands = infos
    assert isinstance(group, ContactsGroup)

    def builder(info: "typer.models.CommandInfo") -> Callable[[], Any]:
        return lambda: typer.main.get_command_from_info(
            info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
        )

    for info in infos:
        assert info.name, "every command is registered with its name"
        group.lazy[info.name] = builder(info)
        group.lazy_order.append(info.name)
    group(prog_name="contacts")


from contacts_cli.cli import vcard as cli_vcard  # noqa: E402

cli_vcard.register(app)

from contacts_cli.cli import releases as cli_release  # noqa: E402

cli_release.register(app)

from contacts_cli.cli import who as cli_who  # noqa: E402

cli_who.register(app)

from contacts_cli.cli import sync as cli_sync  # noqa: E402

cli_sync.register(app)
