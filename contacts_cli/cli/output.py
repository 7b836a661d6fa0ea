"""Printing entries in the format a command was asked for: a table for people, JSON, JSON lines, CSV or
mutt's query format for programs. The edge's one way out for search, list and who.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from contacts_cli.cli import edge
from contacts_cli.errors import InvalidInput
from contacts_cli.formats import Format

if TYPE_CHECKING:
    from rich.console import RenderableType

    from contacts_cli.model import Contact

__all__ = ["Format", "FormatOpt", "JsonOpt", "chosen", "print_entries", "who_table"]

FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="table (for people), json, jsonl, csv (safe in spreadsheets) or mutt (its query_command).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]


def chosen(fmt: Format | None, as_json: bool) -> Format:
    """The format asked for; --json and a --format other than json contradict each other."""
    if as_json and fmt not in (None, Format.json):
        raise InvalidInput(f"--json and --format {fmt} ask for two formats; pass one of them")
    if as_json:
        return Format.json
    return fmt or Format.table


def print_entries(
    contacts: Sequence["Contact"],
    fmt: Format,
    *,
    query: str = "",
    extra: Sequence[Mapping[str, Any]] | None = None,
    why: Sequence[str] | None = None,
) -> None:
    """Entries to stdout in `fmt`. `extra`: keys added to each entry's JSON (score, explain)."""
    from contacts_cli import formats, render

    # Written in pieces: 100,000 entries as one string would be the largest thing in memory.
    if fmt in (Format.json, Format.jsonl):
        records = (render.entry_json(c, **(extra[i] if extra else {})) for i, c in enumerate(contacts))
        for chunk in formats.json_chunks(records, lines=fmt == Format.jsonl):
            typer.echo(chunk, nl=False)
    elif fmt == Format.csv:
        for chunk in formats.csv_chunks(contacts):
            typer.echo(chunk, nl=False)
    elif fmt == Format.mutt:
        typer.echo(formats.mutt_text(contacts, query), nl=False)
    elif not contacts:
        edge.err("No entries match.")
    else:
        console = edge.out_console()
        table = render.contacts_table(contacts, styled=console.is_terminal, width=console.width, why=why)
        console.print(table)


def who_table(contacts: Sequence["Contact"], *, styled: bool) -> "RenderableType":
    """`who`'s table: one section per organisation, its people in the order given, with their numbers."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from contacts_cli.render import inert, phone_text
    from contacts_cli.rows import fold

    orgs = [fold(c.organization or "") for c in contacts]

    table = Table(
        box=box.SIMPLE_HEAD if styled else None,
        show_edge=False,
        header_style="bold" if styled else "",
        pad_edge=False,
    )
    # The kind goes under the name, as in search's table: with a column of its own the numbers were cut
    # at 80 columns.
    table.add_column("Organization", ratio=2, min_width=10)
    table.add_column("Name", ratio=2, min_width=13)
    table.add_column("Title", ratio=3, min_width=12)
    table.add_column("Phones", no_wrap=True)
    for position, c in enumerate(contacts):
        first = position == 0 or orgs[position - 1] != orgs[position]
        last = position == len(contacts) - 1 or orgs[position + 1] != orgs[position]
        org = Text(inert(c.organization or "(no organisation)"), style="bold" if styled else "")
        table.add_row(
            org if first else Text(""),
            Text.assemble(inert(c.name), (f"\n{c.kind}", "dim" if styled else "")),
            Text(inert(c.title or "")),
            Text("\n".join(phone_text(p) for p in c.phones)),
            end_section=last,
        )
    return table
