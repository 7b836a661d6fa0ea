"""Shell completion of entry references for the commands that take a REF (show, edit, remove, qr).

Typer's completion (`contacts --install-completion`) completes commands and options; this adds the
entries of the store. A reference may be any word of a name, so a word is what is completed: `sta`
becomes `stano`, with the entries it names as the description (zsh and fish show it). Single words
need no quoting in any shell, and typer keeps only candidates that start with what was typed. Three or
more hex digits also complete to ids. The store is the one the command line names (--db, CONTACTS_DB,
else the default one); completion never creates or changes a file.
"""

from pathlib import Path
from typing import Final

import typer

from contacts_cli.errors import ContactsError

# More would scroll the candidates off the screen; typing one more letter narrows them.
MAX_CANDIDATES: Final = 100


def entry_names(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Words of entry names (and ids) that `incomplete` starts, each with the entries it names."""
    try:
        return candidates(_store_path(ctx), incomplete)
    except ContactsError:  # a damaged or unreadable store: nothing to offer, and no error in the shell
        return []


def _store_path(ctx: typer.Context) -> Path | None:
    from contacts_cli.cli.edge import default_store_path

    db = ctx.find_root().params.get("db")
    if db:
        return Path(db)
    default = default_store_path()
    return default if default.exists() else None


def candidates(path: Path | None, incomplete: str) -> list[tuple[str, str]]:
    """(value, description) pairs for what a user typed, from the store at `path`."""
    if path is None or " " in incomplete.strip():
        return []
    import re

    from contacts_cli.rows import FIELD_SEP, ID, NAME, WORD_BREAK, fold, plain
    from contacts_cli.store import Store

    view = Store(path).view()
    typed = plain(incomplete).strip()
    wanted = fold(typed)
    words: dict[str, list[int]] = {}
    for index, row in enumerate(view.rows):
        fields = row.split(FIELD_SEP)
        for word in re.split(WORD_BREAK, fields[NAME]):
            if word and word.startswith(wanted):
                # Keep what was typed as typed (Mü stays Mü); complete with the rest of the word.
                words.setdefault(typed + word[len(wanted) :], []).append(index)
        if len(wanted) >= 3 and fields[ID].startswith(wanted):
            words.setdefault(fields[ID], []).append(index)
    items = []
    for value in sorted(words, key=fold)[:MAX_CANDIDATES]:
        indices = sorted(set(words[value]))
        names = [view.contact(i).name for i in indices[:3]]
        more = f" and {len(indices) - 3} more" if len(indices) > 3 else ""
        items.append((value, plain(", ".join(names) + more)))
    return items
