"""The vCard commands: export, import and qr."""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from contacts_cli.cli import complete, edge
from contacts_cli.errors import InvalidInput, StoreError, reading

if TYPE_CHECKING:
    from contacts_cli import qr
    from contacts_cli.model import Contact
    from contacts_cli.store import Store
    from contacts_cli.vcard.card import ParsedCard
    from contacts_cli.vcard.plan import ImportPlan

# Files with at least this many cards get a progress bar while they are read (on a terminal only).
PROGRESS_FROM: Final = 2_000


class VCardVersion(StrEnum):
    v3 = "3.0"
    v4 = "4.0"


# Export's -o is the output file, as in most tools that write one; --org keeps its long name.
ExportOrgFilter = Annotated[
    str | None, typer.Option("--org", help="Only this organisation.", show_default=False)
]


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("import")(import_command)
    app.command("qr")(qr_command)


def export_command(
    ctx: typer.Context,
    terms: edge.TermsArg = None,
    kind: edge.KindFilter = None,
    org: ExportOrgFilter = None,
    area: edge.AreaFilter = None,
    lang: edge.LangFilter = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (replaced whole, atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            metavar="DIR",
            help="Write one .vcf per entry into DIR (Outlook reads only a file's first card).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        VCardVersion,
        typer.Option("--vcard-version", help="3.0 (what phones and mail clients read best) or 4.0."),
    ] = VCardVersion.v3,
) -> None:
    """Write entries as vCards.

    The same terms and filters as search choose the entries; none: every entry. vCard 3.0 by default,
    to stdout, or to one file (-o) or one file per entry (--dir); a summary goes to stderr.

    Example: contacts export --area trade -o trade.vcf
    """
    if output is not None and folder is not None:
        raise typer.BadParameter("give -o FILE or --dir DIR, not both", param_hint="'-o' / '--dir'")
    from contacts_cli.vcard.write import to_vcard

    filters = edge.filters(kind=kind, org=org, area=area, lang=lang)
    store = edge.open_store(ctx)
    target = output if output is not None and str(output) != "-" else None  # -o - is stdout
    if target is not None:
        _refuse_store_files(store, target)
        if target.is_dir():
            raise InvalidInput(f"{target} is a folder; use --dir {target} to write one file per entry there")
    if folder is not None:
        _refuse_store_files(store, folder)
    view = store.view()
    contacts = [view.contact(hit.index) for hit in view.search(terms or [], filters)]
    if not contacts:
        edge.err("No entries match; nothing exported.")
        return
    what = f"{len(contacts)} {'entry' if len(contacts) == 1 else 'entries'} as vCard {version.value}"
    if folder is not None:
        renamed = _write_folder(folder, contacts, version.value)
        moved = f"; {renamed} renamed" if renamed else ""
        edge.err(f"Exported {what} to {folder}{os.sep} (one file each{moved}).")
        return
    payload = "".join(to_vcard(c, version.value) for c in contacts).encode("utf-8")
    if target is not None:
        from contacts_cli.store import write_atomic

        write_atomic(target, payload)
        edge.err(f"Exported {what} to {target}.")
    else:
        typer.echo(payload, nl=False)
        edge.err(f"Exported {what}.")


def _refuse_store_files(store: "Store", target: Path) -> None:
    """Never write an export over the store, its lock or its index, however the path is spelled."""
    real = Path(os.path.realpath(target))
    guarded = (store.real_path, store.lock_path, store.index_path)
    same = real in guarded
    if not same and target.exists():
        same = any(p.exists() and os.path.samefile(target, p) for p in guarded)
    if same:
        raise InvalidInput(
            f"{target} is the contacts store (or its lock or index), not a place for an export; "
            "give another file name"
        )


def _write_folder(folder: Path, contacts: list["Contact"], version: str) -> int:
    """One file per entry; an entry's file from an earlier export under an older name is removed."""
    from contacts_cli.store import write_atomic
    from contacts_cli.vcard.write import file_name, to_vcard

    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder; give a folder to --dir")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        present = os.listdir(folder)
    except OSError as exc:
        raise StoreError(f"cannot write into {folder}: {exc.strerror}; nothing was exported") from None
    names = {c.id: file_name(c) for c in contacts}
    wanted = set(names.values())
    for contact in contacts:
        # Not fsynced one by one: an export can be made again, and 10,000 fsyncs take minutes.
        write_atomic(folder / names[contact.id], to_vcard(contact, version).encode("utf-8"), durable=False)
    endings = {"-" + name.rsplit("-", 1)[1]: name for name in names.values()}
    renamed = 0
    for name in present:
        ending = "-" + name.rsplit("-", 1)[-1]
        if ending in endings and name not in wanted and name.endswith(".vcf"):
            try:
                (folder / name).unlink()
                renamed += 1
            except OSError:
                pass
    return renamed


def import_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="vCard files (.vcf); - reads standard input.", metavar="FILE...", show_default=False
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
    ] = False,
    region: Annotated[
        str | None,
        typer.Option("--region", help="Country for numbers written without a country code, e.g. BE."),
    ] = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge", help="Merge a likely duplicate into the entry it matches instead of skipping it."
        ),
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Kind of the cards that do not say (default: from the title, else press-officer).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read vCards into the directory.

    New cards are added; a card with an entry's UID updates it; one sharing a number or an email with
    an entry is skipped as a likely duplicate (or merged into it with --merge). The whole import is one
    write; a report on stderr says what was done with each card, and why.

    Example: contacts import colleagues.vcf --region BE --dry-run
    """
    from contacts_cli.model import check_kind
    from contacts_cli.phones import check_region
    from contacts_cli.vcard.plan import plan_import

    region = check_region(edge.region_default(region, ctx))
    default_kind = check_kind(kind) if kind else None
    sources = [_read_source(path) for path in files]
    cards, origins = _parse_all(sources, region, default_kind)
    store = edge.open_store(ctx)
    if dry_run:
        plan = plan_import(cards, store.view().contacts(), merge=merge)
    else:
        with store.transaction() as txn:
            plan = plan_import(cards, txn.view.contacts(), merge=merge)
            txn.add(*plan.added)
            txn.replace(*plan.replaced)
    _report(plan, origins, [label for label, _ in sources], dry_run=dry_run, kind_given=bool(kind))


def _read_source(path: Path) -> tuple[str, str]:
    """(label, text) of one FILE argument; InvalidInput naming it when it cannot be read or holds no card."""
    from contacts_cli.decode import decode_bytes
    from contacts_cli.vcard.card import count_cards

    label = "stdin" if str(path) == "-" else str(path)
    with reading(label, f"give the .vcf files in it, e.g. {label}/*.vcf"):
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    text, note = decode_bytes(data)
    if not count_cards(text):
        raise InvalidInput(f"{label} holds no vCard (no BEGIN:VCARD line); give a .vcf file")
    if note:
        edge.err(f"{label}: {note}.")
    return label, text


def _parse_all(
    sources: list[tuple[str, str]], region: str | None, default_kind: str | None
) -> tuple[list["ParsedCard"], list[int]]:
    """Every card of every source, and for each the index of the source it came from."""
    from contacts_cli.vcard.card import count_cards
    from contacts_cli.vcard.read import iter_vcards

    cards: list[ParsedCard] = []
    origins: list[int] = []
    total = sum(count_cards(text) for _, text in sources)
    console = None
    if total >= PROGRESS_FROM:
        from rich.console import Console

        console = Console(stderr=True)
    if console is None or not console.is_terminal:
        for number, (_, text) in enumerate(sources):
            for card in iter_vcards(text, region, default_kind=default_kind):
                cards.append(card)
                origins.append(number)
        return cards, origins
    from rich.progress import Progress

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Reading cards", total=total)
        for number, (_, text) in enumerate(sources):
            for card in iter_vcards(text, region, default_kind=default_kind):
                cards.append(card)
                origins.append(number)
                if len(cards) % 250 == 0:
                    progress.update(task, completed=len(cards))
    return cards, origins


def _report(
    plan: "ImportPlan", origins: list[int], labels: list[str], *, dry_run: bool, kind_given: bool
) -> None:
    """The import's report on stderr: what was skipped or changed and why, card by card, then the totals.

    What a card lost on the way in (a bad number, a photo) is told for the cards that are written; a
    card skipped or already there has nothing to lose.
    """
    from contacts_cli.vcard.plan import ADDED, MERGED, SKIPPED, UNREADABLE, UPDATED
    from contacts_cli.vcard.read import NO_KIND

    written = {o.index for o in plan.outcomes if o.action in (ADDED, UPDATED, MERGED)}
    repeated: dict[tuple[int, str], list[int]] = {}
    for outcome in plan.outcomes:
        for problem in outcome.card.problems if outcome.index in written else ():
            repeated.setdefault((origins[outcome.index], problem), []).append(outcome.card.position)
    not_kept: dict[str, int] = {}
    for outcome in plan.outcomes:
        card = outcome.card
        where = f"{labels[origins[outcome.index]]}: card {card.position}"
        if card.contact is not None:
            where += f" ({card.contact.name})"
        if outcome.action == UNREADABLE:
            edge.err(f"{where}: not read: {outcome.reason}")
        elif outcome.action == SKIPPED:
            earlier = ""
            if outcome.earlier is not None:
                first = plan.outcomes[outcome.earlier].card
                earlier = f" (see {labels[origins[outcome.earlier]]}: card {first.position})"
            edge.err(f"{where}: skipped: {outcome.reason}{earlier}")
        elif outcome.action == MERGED or outcome.reason:
            edge.err(f"{where}: {outcome.reason}")
        if outcome.index not in written:
            continue
        for problem in card.problems:
            if len(repeated[(origins[outcome.index], problem)]) == 1:
                edge.err(f"{where}: {problem}")
        for name in card.not_kept:
            not_kept[name] = not_kept.get(name, 0) + 1
    for (source, problem), positions in repeated.items():
        if len(positions) > 1:
            shown = ", ".join(str(p) for p in positions[:10])
            more = f" and {len(positions) - 10} more" if len(positions) > 10 else ""
            edge.err(f"{labels[source]}: cards {shown}{more}: {problem}")
    if any(problem == NO_KIND for _, problem in repeated) and not kind_given:
        edge.err("Pass --kind to choose the kind of the cards that do not say it.")
    if not_kept:
        listed = ", ".join(
            f"{name} on {n} card{'s' if n > 1 else ''}" for name, n in sorted(not_kept.items())
        )
        edge.err(f"Not kept (contacts has no field for them): {listed}.")
    edge.err(_totals(plan, dry_run=dry_run))


def _totals(plan: "ImportPlan", *, dry_run: bool) -> str:
    from contacts_cli.vcard.plan import ACTIONS

    words = {"unreadable": "not read"}
    parts = [f"{plan.counts[a]} {words.get(a, a)}" for a in ACTIONS if plan.counts[a]]
    cards = len(plan.outcomes)
    head = f"{cards} card{'s' if cards != 1 else ''}"
    if dry_run:
        return f"Dry run, nothing written. {head}: would be {', '.join(parts)}."
    return f"Imported {head}: {', '.join(parts)}."


def qr_command(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(help="An id, a unique id prefix, or a name.", autocompletion=complete.entry_names)
    ],
    png: Annotated[
        Path | None,
        typer.Option("--png", metavar="FILE", help="Write the code as a PNG image.", show_default=False),
    ] = None,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="Write the code as an SVG image.", show_default=False),
    ] = None,
) -> None:
    """Show an entry's card as a QR code for a phone camera.

    --png and --svg write it as an image instead.

    Example: contacts qr stano
    """
    from contacts_cli import qr
    from contacts_cli.store import write_atomic
    from contacts_cli.vcard.write import qr_vcard

    store = edge.open_store(ctx)
    contact = store.view().resolve(ref)
    code = qr.make(qr_vcard(contact))
    who = f"{contact.name} ({contact.id})"
    if png is None and svg is None:
        _show(code, who)
        return
    for target, render in ((png, qr.png_bytes), (svg, qr.svg_bytes)):
        if target is not None:
            _refuse_store_files(store, target)
            write_atomic(target, render(code))
            edge.err(f"Wrote the QR code of {who} to {target}.")


def _show(code: "qr.Code", who: str) -> None:
    import shutil

    from contacts_cli import qr

    terminal = sys.stdout.isatty()
    colour = terminal and not os.environ.get("NO_COLOR")
    typer.echo(qr.terminal_text(code, colour=colour), nl=False)
    edge.err(f"{who}: scan it with a phone camera to add the contact.")
    if terminal and not colour:
        edge.err(
            "NO_COLOR is set, so the code has the terminal's colours; if a phone cannot read it, use --png."
        )
    columns = shutil.get_terminal_size().columns
    if terminal and code.width > columns:
        edge.err(f"The code is {code.width} columns wide and the terminal {columns}; widen it or use --png.")
