"""QR codes of vCards that a phone camera reads: for the terminal, as PNG and as SVG. Pure, no I/O.

segno (a pure-Python QR library) makes the symbol; the terminal drawing is ours, so that it is the
right way round on any terminal: two rows of modules per line with half-block characters, dark
modules in the foreground colour, and (when colour is allowed) black on white set explicitly rather
than left to the terminal's theme, since phone cameras read dark-on-light codes best.
"""

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from contacts_cli.errors import InvalidInput

if TYPE_CHECKING:
    import segno

QUIET_ZONE: Final = 4  # modules of light border the standard asks for
PIXELS_PER_MODULE: Final = 8
_BLACK_ON_WHITE: Final = "\x1b[30;107m"
_RESET: Final = "\x1b[0m"
# (top dark, bottom dark) -> the character that draws them in the foreground colour.
_HALF_BLOCKS: Final = {
    (False, False): " ",
    (True, False): "\u2580",
    (False, True): "\u2584",
    (True, True): "\u2588",
}


@dataclass(frozen=True, slots=True)
class Code:
    """A QR symbol: its modules row by row, quiet zone included (True is dark), and the symbol itself."""

    rows: tuple[tuple[bool, ...], ...]
    symbol: "segno.QRCode"  # kept for writing PNG and SVG

    @property
    def width(self) -> int:
        return len(self.rows[0])


def make(text: str) -> Code:
    """The QR code of `text` as UTF-8 bytes: full size (phones do not read Micro QR), level L or better."""
    import segno
    from segno import DataOverflowError

    try:
        symbol = segno.make(text.encode("utf-8"), error="L", boost_error=True, micro=False, mode="byte")
    except DataOverflowError:
        raise InvalidInput(
            f"the card is too long for a QR code ({len(text.encode('utf-8'))} bytes); "
            "shorten the note or title, or share it with `contacts export`"
        ) from None
    rows = tuple(tuple(bool(m) for m in row) for row in symbol.matrix_iter(border=QUIET_ZONE))
    return Code(rows=rows, symbol=symbol)


def terminal_text(code: Code, *, colour: bool) -> str:
    """The code drawn with half blocks, two module rows a line; `colour`: black on white, set explicitly."""
    rows = list(code.rows)
    if len(rows) % 2:
        rows.append((False,) * code.width)
    lines = []
    for top, bottom in zip(rows[::2], rows[1::2], strict=True):
        drawn = "".join(_HALF_BLOCKS[pair] for pair in zip(top, bottom, strict=True))
        lines.append(f"{_BLACK_ON_WHITE}{drawn}{_RESET}" if colour else drawn)
    return "\n".join(lines) + "\n"


def png_bytes(code: Code) -> bytes:
    return _saved(code, "png")


def svg_bytes(code: Code) -> bytes:
    return _saved(code, "svg")


def _saved(code: Code, kind: str) -> bytes:
    out = io.BytesIO()
    # An explicit white background: a transparent one turns dark in dark-mode viewers.
    code.symbol.save(out, kind=kind, scale=PIXELS_PER_MODULE, border=QUIET_ZONE, dark="#000", light="#fff")
    return out.getvalue()
