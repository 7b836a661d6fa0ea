"""PDF releases: their text layer is read; encrypted, scanned or damaged PDFs get one clear line."""

import json
from pathlib import Path

import pytest

from contacts_cli.errors import InvalidInput
from contacts_cli.releases.extract import extract
from contacts_cli.releases.text import read_release
from tests.releases.pdfs import encrypted_pdf, image_pdf, text_pdf

SEED = Path(__file__).resolve().parent / "fixtures" / "eeas-foot-block.txt"
SEED_CONTACTS = [
    ("Peter Stano", ["+32460754553"]),
    ("Paloma Hall Caballero", ["+3222968560", "+32460768560"]),
]


def seed_pdf(tmp_path: Path, pages: int = 1) -> Path:
    # The seed release's foot, the way a press office's PDF export prints it.
    foot = SEED.read_text("utf-8").strip().split("\n")[-9:]
    return text_pdf(tmp_path / "release.pdf", "\n".join(foot), pages=pages)


def test_a_pdf_release_gives_the_contacts_of_its_text(tmp_path):
    read = read_release(seed_pdf(tmp_path), "release.pdf")
    contacts = extract(read.text).contacts
    assert [(c.name, [p.e164 for p in c.phones]) for c in contacts] == SEED_CONTACTS


def test_a_long_pdf_is_read_to_its_last_page(tmp_path):
    read = read_release(seed_pdf(tmp_path, pages=12), "report.pdf")
    assert [c.name for c in extract(read.text).contacts] == ["Peter Stano", "Paloma Hall Caballero"]


def test_extract_and_import_release_read_a_pdf(cli, tmp_path, store_path):
    pdf = seed_pdf(tmp_path)
    found = json.loads(cli.ok("extract", str(pdf), "--json").stdout)
    assert [e["name"] for e in found] == ["Peter Stano", "Paloma Hall Caballero"]
    imported = cli.ok("import-release", str(pdf), "--yes")
    assert "2 added" in imported.stderr


def test_an_encrypted_pdf_is_refused_with_one_line(cli, tmp_path, store_path):
    locked = encrypted_pdf(seed_pdf(tmp_path), tmp_path / "locked.pdf")
    with pytest.raises(InvalidInput, match="encrypted PDF"):
        read_release(locked, "locked.pdf")
    result = cli.fails("extract", str(locked))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"Error: {locked} is an encrypted PDF; open it with its password and save an unencrypted copy, "
        "or give the release as text"
    ]


def test_a_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    # Many press PDFs are "encrypted" only against editing: they open without a password.
    open_pdf = encrypted_pdf(seed_pdf(tmp_path), tmp_path / "open.pdf", password="")
    read = read_release(open_pdf, "open.pdf")
    assert [c.name for c in extract(read.text).contacts] == ["Peter Stano", "Paloma Hall Caballero"]


def test_a_scanned_pdf_is_refused_with_one_line(cli, tmp_path, store_path):
    scan = image_pdf(tmp_path / "scan.pdf")
    result = cli.fails("import-release", str(scan), "--yes")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: {scan} is a PDF with no text in it (scanned pages); run OCR on it (e.g. ocrmypdf) "
        "or give the release as text"
    ]


@pytest.mark.parametrize("cut", [20, 200, 2000])
def test_a_cut_off_pdf_is_refused_or_read_never_a_traceback(cli, tmp_path, store_path, cut):
    whole = seed_pdf(tmp_path).read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(whole[:cut])
    result = cli("extract", str(broken))
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith(f"Error: {broken} is a PDF")
