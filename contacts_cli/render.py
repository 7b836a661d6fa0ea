"""Output: rich tables and detail views for people, JSON text for programs. Returns, never prints.

Stored text is data: it goes into rich as `Text` (never markup) and every control character is shown
as a visible escape, so a name can neither style, link, move the cursor nor reorder the terminal.
"""

import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

from contacts_cli.model import CONTROL_CHARS, Contact, Phone

if TYPE_CHECKING:
    from rich.console import RenderableType

# What json.dumps leaves raw but a terminal may act on, and lone surrogates that cannot be encoded.
_JSON_UNSAFE: Final = "[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
_TYPE_MARKS: Final = {"mobile": "mobile", "fixed": "fixed", "fixed-or-mobile": "fixed/mobile"}


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """Text with every control and bidi character replaced by a visible escape such as \\x1b."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return re.sub(CONTROL_CHARS, escape, text)


def json_text(value: Any, *, pretty: bool = False) -> str:
    """JSON for programs. Controls that JSON leaves raw (C1, bidi) are written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2 if pretty else None)
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)


def entry_json(contact: Contact, **more: Any) -> dict[str, Any]:
    record = contact.to_record()
    record.update(more)
    return record


def phone_text(phone: Phone) -> str:
    """A number as a person reads it: international format, extension, type, label."""
    parts = [phone.display]
    if phone.extension:
        parts.append(f"ext. {phone.extension}")
    mark = _TYPE_MARKS.get(phone.type, phone.type)
    if mark != "unknown":
        parts.append(f"({mark})")
    if phone.label:
        parts.append(f"[{phone.label}]")
    return inert(" ".join(parts))


def contacts_table(
    contacts: Sequence[Contact], *, styled: bool, width: int, why: Sequence[str] | None = None
) -> "RenderableType":
    """The search/list table. Wide terminals get a column per field; narrow ones stack related fields.

    `why`: a line per entry saying why it matched (search --explain), shown in a last column.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    wide = width >= 140
    table = Table(
        box=box.SIMPLE_HEAD if styled else None,
        show_edge=False,
        header_style="bold" if styled else "",
        pad_edge=False,
    )
    dim = "dim" if styled else ""
    table.add_column("ID", style=dim, no_wrap=True)
    table.add_column("Name", ratio=2, min_width=10)
    if wide:
        table.add_column("Kind", no_wrap=True)
    table.add_column("Title", ratio=4, min_width=12)
    if wide:
        table.add_column("Organization", ratio=3, min_width=10)
    # Numbers never wrap: a number broken over two lines gets dialled wrong.
    table.add_column("Phones" if wide else "Phones / emails", no_wrap=True)
    if wide:
        table.add_column("Emails", overflow="fold", ratio=2, min_width=10)
    if why is not None:
        table.add_column("Why", ratio=3, min_width=12)
    for position, c in enumerate(contacts):
        reason = (Text(inert(why[position])),) if why is not None else ()
        name = Text(inert(c.name), style="bold" if styled else "")
        title = Text(inert(c.title or ""))
        phones = Text("\n".join(phone_text(p) for p in c.phones))
        emails = Text("\n".join(inert(e) for e in c.emails))
        organization = Text(inert(c.organization or ""))
        if wide:
            table.add_row(Text(c.id), name, Text(c.kind), title, organization, phones, emails, *reason)
        else:
            name.append(f"\n{c.kind}", style=dim)
            if c.organization:
                title.append("\n" if c.title else "").append(organization.plain, style=dim)
            reach = Text("\n").join(part for part in (phones, emails) if part.plain)
            table.add_row(Text(c.id), name, title, reach, *reason)
    return table


def contact_detail(contact: Contact, *, styled: bool) -> "RenderableType":
    """The `show` view: every field of one entry, labelled."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold" if styled else "", no_wrap=True)
    grid.add_column()
    rows: list[tuple[str, Iterable[str] | str | None]] = [
        ("Name", contact.name),
        ("Family name", contact.family),
        ("Kind", contact.kind),
        ("Title", contact.title),
        ("Organization", contact.organization),
        ("Areas", contact.areas),
        ("Languages", contact.languages),
    ]
    for label, value in rows:
        if value:
            text = value if isinstance(value, str) else ", ".join(value)
            grid.add_row(label, Text(inert(text)))
    for index, phone in enumerate(contact.phones):
        grid.add_row("Phones" if index == 0 else "", Text(phone_text(phone)))
    for index, email in enumerate(contact.emails):
        grid.add_row("Emails" if index == 0 else "", Text(inert(email)))
    if contact.note:
        grid.add_row("Note", Text(inert(contact.note, keep_newlines=True)))
    if contact.source:
        origin = contact.source + (f" ({contact.sourced})" if contact.sourced else "")
        grid.add_row("Source", Text(inert(origin)))
    grid.add_row("ID", Text(f"{contact.id}  (UID {inert(contact.uid)})"))
    grid.add_row("Updated", Text(inert(f"{contact.updated}  (created {contact.created})")))
    return grid
