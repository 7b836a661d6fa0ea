"""Bytes of a file a user gives us (a .vcf, a press release) to text: BOMs, UTF-16, Windows-1252."""

import re


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """The text of a .vcf file's bytes, and a note when it was not UTF-8.

    A byte order mark is dropped; UTF-16 (with a mark, or recognisable by its zero bytes) is read as
    such; bytes that are not UTF-8 are read as Windows-1252, as old Outlook and phones wrote them.
    """
    import codecs

    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "is UTF-16; read as such"
    elif b"\x00" in data[:64]:
        encoding = "utf-16-le" if data[:1] != b"\x00" else "utf-16-be"
        return data.decode(encoding, errors="replace"), "is UTF-16; read as such"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few broken bytes, or another encoding altogether?
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if len(re.findall("[^\x00-\x7f\ufffd]", text)) > broken:
        return (
            text,
            f"is not valid UTF-8; {broken} broken byte sequence{'s' if broken > 1 else ''} shown as \ufffd",
        )
    return data.decode("cp1252", errors="replace"), "is not UTF-8; read as Windows-1252"
