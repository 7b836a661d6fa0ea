"""The press-release commands: extract (read only) and import-release."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from contacts_cli.cli import edge, output
from contacts_cli.errors import InvalidInput

if TYPE_CHECKING:
    from contacts_cli.model import Contact
    from contacts_cli.releases.extract import Extraction
    from contacts_cli.releases.plan import ReleasePlan, Step

FileArg = Annotated[
    Path,
    typer.Argument(help="The release: a text or HTML file; - reads standard input.", metavar="FILE"),
]
RegionOpt = Annotated[
    str | None,
    typer.Option("--region", help="Country for numbers written without a country code, e.g. BE."),
]


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
    app.command("import-release")(import_release_command)


def extract_command(
    ctx: typer.Context,
    file: FileArg,
    region: RegionOpt = None,
    fmt: output.FormatOpt = None,
    as_json: output.JsonOpt = False,
) -> None:
    """Print the press contacts found in a release; nothing is saved.

    Finds the contact block ("Press contacts:", "For more information", the names and numbers at the
    foot), and reads names, titles, numbers and emails. Fax numbers and hotlines are left out, and
    the notes on stderr say so. --format json/jsonl/csv/mutt print the entries as search does (no id
    yet); --json is short for --format json.

    Example: contacts extract release.txt --region BE
    """
    from rich.table import Table

    from contacts_cli import render

    chosen = output.chosen(fmt, as_json)
    label, found = _extract(ctx, file, region, source=None)
    contacts = list(found.contacts)
    if chosen != output.Format.table:
        unsaved = {"id": None, "uid": None, "created": None, "updated": None}
        output.print_entries(contacts, chosen, extra=[unsaved] * len(contacts))
    elif contacts:
        console = edge.out_console()
        table = render.contacts_table(contacts, styled=console.is_terminal, width=console.width)
        if isinstance(table, Table) and table.columns and table.columns[0].header == "ID":
            table.columns.pop(0)  # nothing is saved yet, so there is no id to show
        console.print(table)
    edge.err(_found_line(label, len(contacts)))


def import_release_command(
    ctx: typer.Context,
    file: FileArg,
    region: RegionOpt = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="URL", help="Where the release is from (default: the file's name)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
    org: Annotated[
        str | None,
        typer.Option("--org", "-o", help="Organisation of the entries the release does not name one for."),
    ] = None,
    area: Annotated[
        list[str] | None, typer.Option("--area", "-a", help="Policy area of every entry (repeat).")
    ] = None,
    lang: Annotated[
        list[str] | None, typer.Option("--lang", "-l", help="ISO 639-1 language of every entry (repeat).")
    ] = None,
) -> None:
    """Add the press contacts of a release to the directory.

    Shows what it will add or update, then asks (without a terminal, pass --yes). An entry already
    there (same number or email, or same name in the same organisation) is updated, never duplicated;
    a namesake elsewhere is added apart, and the plan names it. Each entry records the release
    (--source URL, else the file name) and the time; an entry the release only confirms records it
    too. --org, --area and --lang give what the letterhead shows but the contact block does not: the
    organisation of entries the release names none for, and areas and languages for every entry.

    Example: contacts import-release release.html --source https://example.eu/press/123 --yes
    Example: contacts import-release ministry.pdf --org "Ministry of Finance" --area budget --lang de --yes
    """
    from contacts_cli.model import check_language, clean_text, now
    from contacts_cli.releases.plan import plan_release, with_context

    origin = clean_text("source", source) or ("stdin" if str(file) == "-" else file.name)
    # Checked before the release is read, so a typo is the only line the user sees.
    context = (clean_text("organisation", org), area or [], [check_language(code) for code in lang or []])
    label, found = _extract(ctx, file, region, source=origin)
    if not found.contacts:
        raise InvalidInput(
            f"found no press contacts in {label}; check it is the release's full text "
            "(contacts extract shows what is read)"
        )
    contacts = with_context(found.contacts, *context)
    store = edge.open_store(ctx)
    plan = plan_release(contacts, store.view().contacts(), moment=now())
    _show(plan)
    if dry_run:
        edge.err(f"Dry run, nothing written. {_totals(plan)}.")
        return
    if not plan.changes:
        edge.err(f"Nothing to change. {_totals(plan)}.")
        return
    question = f"Write these changes to {store.path}?"
    if not edge.confirm(question, yes=yes, hint="pass --yes to import them, or --dry-run to see them"):
        edge.err("Nothing imported.")
        raise typer.Exit(1)
    with store.transaction() as txn:
        # Planned again under the lock: the store may have changed while the user read the plan.
        final = plan_release(contacts, txn.view.contacts(), moment=now())
        txn.add(*final.added)
        txn.replace(*final.replaced)
    if [s.action for s in final.steps] != [s.action for s in plan.steps]:
        edge.err("The directory changed meanwhile; this is what was written:")
        _show(final)
    edge.err(f"Imported from {label}: {_totals(final)}.")


def _extract(
    ctx: typer.Context, file: Path, region: str | None, *, source: str | None
) -> "tuple[str, Extraction]":
    from contacts_cli.model import now
    from contacts_cli.phones import check_region
    from contacts_cli.releases.extract import extract
    from contacts_cli.releases.text import read_release

    region = check_region(edge.region_default(region, ctx))
    label = "stdin" if str(file) == "-" else str(file)
    stream = sys.stdin.buffer if str(file) == "-" else None
    read = read_release(file, label, stream)
    found = extract(read.text, region, source=source or label, when=now())
    for note in read.notes:  # these name the input themselves
        edge.err(f"{note}.")
    for note in found.notes:
        edge.err(f"{label}: {note}.")
    return label, found


def _found_line(label: str, count: int) -> str:
    if not count:
        return f"No press contacts found in {label}."
    return f"Found {count} contact{'s' if count != 1 else ''} in {label}; nothing saved."


def _describe(contact: "Contact") -> str:
    from contacts_cli.render import phone_text

    parts = [f"{contact.name} ({contact.kind})"]
    if contact.title:
        parts.append(contact.title)
    parts.extend(phone_text(p) for p in contact.phones)
    parts.extend(contact.emails)
    return " - ".join(parts)


def _show(plan: "ReleasePlan") -> None:
    from contacts_cli.releases.plan import ADD, SKIP, UNCHANGED

    for step in plan.steps:
        if step.action == ADD:
            edge.err(f"add: {_describe(step.found)}" + _namesakes(step))
        elif step.action == UNCHANGED:
            assert step.contact is not None
            edge.err(
                f"unchanged: {step.contact.name} ({step.contact.id}) already has all the release says; "
                "the release is recorded as confirming it"
            )
        elif step.action == SKIP:
            edge.err(f"skip: {step.found.name}: {step.reason}")
        else:
            assert step.contact is not None
            edge.err(f"update: {step.contact.name} ({step.contact.id}): {'; '.join(step.changes)}")


def _namesakes(step: "Step") -> str:
    """Why an entry of the same name was not updated: a person is one organisation's."""
    if not step.namesakes:
        return ""
    others = "; ".join(
        f"{c.name} ({c.id}, {c.organization or 'organisation unknown'})" for c in step.namesakes
    )
    return f" (namesake already there: {others}; added apart, as the organisations are not known to be one)"


def _totals(plan: "ReleasePlan") -> str:
    from contacts_cli.releases.plan import ADD, SKIP, UNCHANGED, UPDATE

    words = {ADD: "added", UPDATE: "updated", UNCHANGED: "unchanged", SKIP: "skipped"}
    parts = [f"{plan.count(a)} {w}" for a, w in words.items() if plan.count(a)]
    return ", ".join(parts)
