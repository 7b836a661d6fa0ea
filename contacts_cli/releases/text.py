"""A press release's bytes to plain lines: encodings, HTML, PDF glue, and a bound on what is read.

Pure apart from `read_release`, which reads a file or stdin without ever holding more than a bounded
amount of it: contact blocks sit at the foot of a release (sometimes under its headline), so a huge
input is read as its head and its tail.
"""

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Final

from contacts_cli.errors import InvalidInput, reading

# What is read of a larger input: its first HEAD and its last TAIL bytes.
HEAD: Final = 256 * 1024
TAIL: Final = 1024 * 1024
# Lines longer than this are prose or junk; they are cut before any pattern sees them.
MAX_LINE: Final = 2000

_BLOCK_TAGS: Final = frozenset(
    "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 section article header footer address blockquote "
    "dd dt dl hr pre aside nav main figure figcaption caption tbody thead tfoot".split()
)
_CELL_TAGS: Final = frozenset(("td", "th"))
_HIDDEN_TAGS: Final = frozenset(("script", "style", "head", "template", "noscript", "svg"))
_HTML_HINT = re.compile(r"<(?:!doctype|html|body|p|div|br|table|span|a|td|li|strong|b)\b[^>]*>", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Soft hyphens and zero-width marks from PDFs and web pages, and the bidi controls that could reorder
# a name on a terminal: none of them is part of a contact.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class ReleaseText:
    """The text to search, and notes for the user about how it was read (each names the input)."""

    text: str
    notes: tuple[str, ...] = ()


def read_release(path: Path, label: str, stream: BinaryIO | None = None) -> ReleaseText:
    """Read FILE (or `stream` for -) as text; InvalidInput naming `label` for what is not a text release."""
    with reading(label, "give a press release file"):
        if stream is not None:
            return _read(stream, label)
        with path.open("rb") as handle:
            return _read(handle, label)


def _read(handle: BinaryIO, label: str) -> ReleaseText:
    head = handle.read(HEAD + TAIL)
    if head.startswith(b"%PDF"):
        # A PDF is read whole (its text is spread over the file), up to a bound.
        from contacts_cli.releases.pdf import MAX_PDF

        rest = handle.read(MAX_PDF + 1 - len(head))
        if len(head) + len(rest) > MAX_PDF:
            raise InvalidInput(
                f"{label} is a PDF of more than {MAX_PDF // (1024 * 1024)} MB, too large for a release; "
                "give the pages with the contacts"
            )
        return release_text(head + rest, label)
    data, skipped = _bounded(handle, head)
    return release_text(data, label, skipped=skipped)


def _bounded(handle: BinaryIO, head: bytes) -> tuple[bytes, int]:
    """The head and tail of a stream whose first bytes are `head`, and how many bytes were skipped."""
    if len(head) < HEAD + TAIL:
        return head, 0
    tail = bytearray(head[HEAD:])
    skipped = 0
    while chunk := handle.read(1024 * 1024):
        tail += chunk
        if len(tail) > TAIL:
            cut = len(tail) - TAIL
            skipped += cut
            del tail[:cut]
    return head[:HEAD] + b"\n" + bytes(tail), skipped


def release_text(data: bytes, label: str, *, skipped: int = 0) -> ReleaseText:
    """The plain text of a release's bytes (text, HTML in any common encoding, or PDF)."""
    if data.startswith(b"%PDF"):
        from contacts_cli.releases.pdf import pdf_text

        return ReleaseText(normalise(pdf_text(data, label)))
    _refuse_binary(data, label)
    from contacts_cli.decode import decode_bytes

    text, note = decode_bytes(data)
    if text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD":
        raise InvalidInput(
            f"{label} is a vCard file, not a press release; import it with: contacts import {label}"
        )
    _refuse_junk(text, label)
    notes = [f"{label} {note}"] if note else []
    if skipped:
        notes.append(
            f"{label} is large: read its first {HEAD // 1024} KB and last {TAIL // 1024} KB, "
            f"where contact blocks are, and skipped {skipped / 1e6:.1f} MB between them"
        )
    if _HTML_HINT.search(text[:200_000]):
        text = html_to_text(text)
    return ReleaseText(normalise(text), tuple(notes))


def _refuse_binary(data: bytes, label: str) -> None:
    sample = data[:8192]
    if sample.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InvalidInput(
            f"{label} is a word-processor file (.docx/.doc); save it as text or HTML and give that"
        )
    if _utf16(sample):
        return
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or controls > len(sample) // 20:
        raise _not_text(label)


def _not_text(label: str) -> InvalidInput:
    return InvalidInput(f"{label} is not text (binary data); give the release as a text or HTML file")


def _utf16(sample: bytes) -> bool:
    """UTF-16: a byte order mark, or (Latin text without one) zeros on one parity of bytes and almost
    none on the other. A binary has zeros on both, and is not text whatever its share of them."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return False
    zeros = sorted((even.count(0) / len(even), odd.count(0) / len(odd)))
    return zeros[1] > 0.4 and zeros[0] <= 0.01


# Characters no release is written in: controls other than line breaks and tabs, unassigned code
# points, private use and lone surrogates. Text that is mostly these was decoded from a binary.
_JUNK_CATEGORIES: Final = frozenset(("Cc", "Cn", "Co", "Cs"))


def _refuse_junk(text: str, label: str) -> None:
    sample = text[:8192]
    junk = sum(
        1
        for c in sample
        if c == "\ufffd" or (c not in "\t\n\r" and unicodedata.category(c) in _JUNK_CATEGORIES)
    )
    if junk > len(sample) // 10:
        raise _not_text(label)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.link: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" | ")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if href.lower().startswith(("mailto:", "tel:")):
                self.link = href.split(":", 1)[1].split("?", 1)[0]
                self.link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a" and self.link is not None:
            # A "Write to the press office" link keeps its address; one showing the address adds nothing.
            shown = "".join(self.link_text)
            target = self.link.replace("%20", " ")
            if re.sub(r"\D", "", target) not in re.sub(r"\D", "", shown) or (
                "@" in target and target.lower() not in shown.lower()
            ):
                self.parts.append(f" {target} ")
            self.link = None

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
            if self.link is not None:
                self.link_text.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, a line per block, with mailto:/tel: link targets kept."""
    parser = _TextParser()
    # Source line breaks inside a paragraph are not lines of the page.
    parser.feed(re.sub(r"\s*\n\s*", " ", html))
    parser.close()
    return "".join(parser.parts)


# Words that PDF copy glues to the end of a name: "Paloma Hall CaballeroPress Officer".
_GLUED_WORD = re.compile(
    r"(?<=[a-zà-ÿ])(?=(?:Press|Lead|Spokes|Head|Media|Director|Senior|Deputy|Chief|Communications?|"
    r"Tel|Phone|Mobile|Fax|E-?mail|Sprecher|Presse|Porte|Attach|Portavoz)\b)"
)
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_])(?=\+\d)|(?<=\d)(?=[A-ZÀ-Ý][a-zà-ÿ])")


def normalise(text: str) -> str:
    """NFC, one kind of space and newline, no invisible or control characters, glue undone, long lines cut."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub(" ", text.replace("\t", " | ").replace("\u2028", "\n").replace("\u2029", "\n"))
    lines = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw[:MAX_LINE]).strip()
        line = _GLUED_NUMBER.sub(" ", _GLUED_WORD.sub(" ", line))
        lines.append(line)
    _join_hyphenated(lines)
    return "\n".join(lines)


_HYPHENATED = re.compile(r"(?<=[^\W\d_])-$")
_WORD_REST = re.compile(r"^([^\W\d_]+)\s*")


def _join_hyphenated(lines: list[str]) -> None:
    """Undo a PDF's hyphenation: "Secu-" / "rity Policy" becomes "Security" / "Policy", in place."""
    for index in range(len(lines) - 1):
        if not _HYPHENATED.search(lines[index]):
            continue
        rest = _WORD_REST.match(lines[index + 1])
        if rest and rest.group(1).islower():
            lines[index] = lines[index][:-1] + rest.group(1)
            lines[index + 1] = lines[index + 1][rest.end() :]
