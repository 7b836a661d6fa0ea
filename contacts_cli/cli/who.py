"""The `who` command: who speaks on a subject, grouped by organisation."""

from typing import Annotated

import typer

from contacts_cli.cli import edge, output


def register(app: typer.Typer) -> None:
    app.command("who")(who_command)


def who_command(
    ctx: typer.Context,
    subject: Annotated[
        list[str], typer.Argument(help="A policy area or words of one, e.g. trade or foreign affairs.")
    ],
    org: edge.OrgFilter = None,
    lang: edge.LangFilter = None,
    fmt: output.FormatOpt = None,
    as_json: output.JsonOpt = False,
) -> None:
    """Who speaks on a subject, by organisation, with their numbers.

    Entries whose policy areas or title mention the subject.

    Spokespersons come first in each organisation, then press officers, then press offices.

    Example: contacts who trade
    """
    from contacts_cli.who import covering, subject_text

    chosen = output.chosen(fmt, as_json)
    phrase = " ".join(subject)
    subject_text(phrase)  # an empty subject is refused before the store is opened
    filters = edge.filters(kind=None, org=org, area=None, lang=lang)
    view = edge.open_store(ctx).view()
    found, fuzzy = covering(view.rows, phrase, view.words, filters)
    contacts = [view.contact(i) for i in found]
    if fuzzy:
        edge.err(f"No entry mentions {phrase!r}; showing areas and titles a typo away from it.")
    if chosen != output.Format.table:
        output.print_entries(contacts, chosen, query=phrase)
    elif not contacts:
        edge.err(f"No entry covers {phrase!r}; try `contacts search {phrase}`.")
    else:
        console = edge.out_console()
        console.print(output.who_table(contacts, styled=console.is_terminal))
