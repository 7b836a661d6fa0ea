"""A PDF release's text, page by page, with pypdf (pure Python; imported only when a PDF is read).

Press offices send PDFs. Their text layer is read as a text release is; a PDF that is encrypted with
a password, or made of scanned images with no text at all, is refused with one line naming the
file and saying what to do.
"""

import io
import logging
from typing import Final

from contacts_cli.errors import InvalidInput

# A release PDF is a few pages; a 50-page annual report is a few MB. Anything far larger is not a
# release, and reading it whole would hold it all in memory.
MAX_PDF: Final = 64 * 1024 * 1024


def pdf_text(data: bytes, label: str) -> str:
    """The text of every page of the PDF `data`, pages separated by a line break."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    # pypdf reports repairable damage through logging; the user gets one line of ours, not its chatter.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted(label)
        pages = [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise _encrypted(label) from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError) as exc:
        # pypdf's own error for damaged files, and the plain errors its parser lets escape on them.
        raise InvalidInput(
            f"{label} is a PDF that cannot be read ({type(exc).__name__}); "
            "save it again from its viewer, or give the release as text"
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise InvalidInput(
            f"{label} is a PDF with no text in it (scanned pages); run OCR on it (e.g. ocrmypdf) "
            "or give the release as text"
        )
    return text


def _encrypted(label: str) -> InvalidInput:
    return InvalidInput(
        f"{label} is an encrypted PDF; open it with its password and save an unencrypted copy, "
        "or give the release as text"
    )
