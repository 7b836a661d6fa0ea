"""Real PDFs for the tests, made by real PDF producers: reportlab lays out text, pypdf encrypts."""

import io
from pathlib import Path


def text_pdf(path: Path, text: str, *, pages: int = 1) -> Path:
    """A PDF whose text layer is `text` (one line per line), on `pages` pages, the text on the last."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sheet = canvas.Canvas(str(path), pagesize=A4)
    filler = "The Council adopted conclusions on the matter and will return to it at its next meeting."
    for page in range(pages):
        lines = text.split("\n") if page == pages - 1 else [filler] * 50
        y = 800
        for line in lines:
            sheet.drawString(40, y, line)
            y -= 14
            if y < 40:
                sheet.showPage()
                y = 800
        sheet.showPage()
    sheet.save()
    return path


def image_pdf(path: Path) -> Path:
    """A PDF made of a picture only, as a scanner writes one: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(picture).text((20, 80), "Press contact: +32 2 296 85 60", fill="black")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 40, 500, width=500, height=160)
    sheet.showPage()
    sheet.save()
    return path


def encrypted_pdf(source: Path, path: Path, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    with path.open("wb") as handle:
        writer.write(handle)
    return path
