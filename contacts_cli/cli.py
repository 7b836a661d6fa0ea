"""The `contacts` command: typer commands that parse, call the core, render, and map errors to exit codes."""

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from contacts_cli import edge
from contacts_cli.errors import ContactsError, Duplicate, InvalidInput
from contacts_cli.model import Contact, Phone

if TYPE_CHECKING:
    from contacts_cli.store import Transaction


class ContactsGroup(TyperGroup):
    """Maps expected failures to one `Error:` line and exit 1, once, for every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ContactsError as error:
            raise edge.fail(error) from None


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
    as_json: JsonOpt = False,
) -> None:
    """Find entries, best match first. No terms lists every entry.

    Example: contacts search trade --kind spokesperson
    """
    filters = edge.filters(kind=kind, org=org, area=area, lang=lang)
    view = edge.open_store(ctx).view()
    hits = view.search(terms or [], filters)
    if limit is None and not as_json and len(hits) > TABLE_LIMIT:
        edge.err(
            f"Showing the best {TABLE_LIMIT} of {len(hits)} matches; add a word, or pass --limit or --json."
        )
        limit = TABLE_LIMIT
    _print_contacts([view.contact(h.index) for h in hits[:limit]], as_json=as_json)


@app.command("list")
def list_command(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List every entry by name.

    Example: contacts list --json
    """
    view = edge.open_store(ctx).view()
    _print_contacts([view.contact(h.index) for h in view.search([])], as_json=as_json)


def _print_contacts(contacts: list[Contact], *, as_json: bool) -> None:
    from contacts_cli import render

    if as_json:
        typer.echo(render.json_text([render.entry_json(c) for c in contacts]))
    elif not contacts:
        edge.err("No entries match.")
    else:
        console = edge.out_console()
        console.print(render.contacts_table(contacts, styled=console.is_terminal, width=console.width))


@app.command("show")
def show_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="An id, a unique id prefix, or a name.")],
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
    ref: Annotated[str, typer.Argument(help="An id, a unique id prefix, or a name.")],
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
    ref: Annotated[str, typer.Argument(help="An id, a unique id prefix, or a name.")],
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
    """Console-script entry point."""
    app(prog_name="contacts")


from contacts_cli import cli_vcard  # noqa: E402

cli_vcard.register(app)

from contacts_cli import cli_sync  # noqa: E402

cli_sync.register(app)
