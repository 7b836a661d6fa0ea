"""QR codes read back by a real decoder (zxing-cpp), from the terminal drawing as well as from the PNG."""

import json
import os
import pty
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from contacts_cli import qr
from contacts_cli.vcard.write import qr_vcard
from tests.vcard.cards import PALOMA

from .conftest import contacts_script

STARTER = Path(__file__).resolve().parent.parent / "data" / "starter.json"
_SGR = "\x1b[30;107m"
_RESET = "\x1b[0m"
_MODULES = {" ": (False, False), "\u2580": (True, False), "\u2584": (False, True), "\u2588": (True, True)}


def modules_from_terminal(text: str) -> list[list[bool]]:
    """The module rows a terminal shows for our drawing: each character is a top and a bottom module."""
    rows: list[list[bool]] = []
    for line in text.splitlines():
        pairs = [_MODULES[char] for char in line]
        rows.append([top for top, _ in pairs])
        rows.append([bottom for _, bottom in pairs])
    return rows


def decode(rows: list[list[bool]], scale: int = 4) -> list[str]:
    """What zxing-cpp reads from the modules drawn dark on light; inverted codes are not tried."""
    pixels = bytearray()
    for row in rows:
        line = bytes(0 if dark else 255 for dark in row for _ in range(scale))
        pixels += line * scale
    image = memoryview(bytes(pixels)).cast("B", (len(rows) * scale, len(rows[0]) * scale))
    return [code.text for code in zxingcpp.read_barcodes(image, try_invert=False)]


def test_the_terminal_drawing_scans_as_the_card_dark_on_light():
    code = qr.make(qr_vcard(PALOMA))
    plain = qr.terminal_text(code, colour=False)
    assert decode(modules_from_terminal(plain)) == [qr_vcard(PALOMA)]
    coloured = qr.terminal_text(code, colour=True)
    lines = coloured.splitlines()
    assert all(line.startswith(_SGR) and line.endswith(_RESET) for line in lines)
    assert coloured.replace(_SGR, "").replace(_RESET, "") == plain
    # The quiet zone: four light modules on every side.
    rows = modules_from_terminal(plain)
    assert not any(rows[0]) and not any(row[0] or row[3] or row[-1] or row[-4] for row in rows)


def test_the_png_scans_and_the_svg_is_a_white_backed_image_of_the_same_size():
    code = qr.make(qr_vcard(PALOMA))
    from io import BytesIO

    image = Image.open(BytesIO(qr.png_bytes(code)))
    assert [c.text for c in zxingcpp.read_barcodes(image, try_invert=False)] == [qr_vcard(PALOMA)]
    svg = ET.fromstring(qr.svg_bytes(code))
    side = str(code.width * qr.PIXELS_PER_MODULE)
    assert (svg.get("width"), svg.get("height")) == (side, side)
    assert "Paloma" not in qr.svg_bytes(code).decode()
    assert "#fff" in qr.svg_bytes(code).decode()


def test_no_micro_qr_and_unicode_survives_as_utf8():
    tiny = qr.make("BEGIN:VCARD\r\nFN:Zoé Ødegaard 電話\r\nEND:VCARD\r\n")
    assert tiny.width >= 21 + 2 * qr.QUIET_ZONE  # a full QR code: phone cameras ignore Micro QR
    plain = qr.terminal_text(tiny, colour=False)
    assert decode(modules_from_terminal(plain)) == ["BEGIN:VCARD\r\nFN:Zoé Ødegaard 電話\r\nEND:VCARD\r\n"]


def test_a_card_too_long_for_any_qr_code_is_an_error_that_says_what_to_do():
    from contacts_cli.errors import InvalidInput

    with pytest.raises(InvalidInput, match="too long for a QR code"):
        qr.make("x" * 5000)


def test_qr_command_prints_the_code_and_writes_images(cli, store_path, tmp_path):
    shutil.copy(STARTER, store_path)
    result = cli.ok("qr", "stano")
    assert result.stderr == "Peter Stano (5ad0e4c1): scan it with a phone camera to add the contact.\n"
    [text] = decode(modules_from_terminal(result.stdout))
    assert "FN:Peter Stano\r\n" in text and "TEL;TYPE=CELL:+32460754553\r\n" in text
    assert "\x1b" not in result.stdout  # not a terminal: no colour codes
    png, svg = tmp_path / "stano.png", tmp_path / "stano.svg"
    result = cli.ok("qr", "stano", "--png", str(png), "--svg", str(svg))
    assert result.stdout == ""
    assert f"to {png}." in result.stderr and f"to {svg}." in result.stderr
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(png))] == [text]
    ET.parse(svg)
    assert "is the contacts store" in cli.fails("qr", "stano", "--png", str(store_path)).stderr
    assert "no entry matches" in cli.fails("qr", "nobody").stderr


def test_on_a_terminal_the_code_is_black_on_white_and_names_are_inert(store_path, tmp_path):
    data = json.loads(STARTER.read_text())
    data["contacts"]["1"]["name"] = "Peter \x1b[31mStano\x07"  # a store edited by hand
    store_path.write_text(json.dumps(data))
    primary, secondary = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [contacts_script(), "qr", "5ad0e4c1"],
        stdout=secondary,
        stderr=subprocess.PIPE,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, stderr = proc.communicate(timeout=60)
    os.close(primary)
    assert proc.returncode == 0
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert shown.startswith(_SGR)
    assert set(re.findall(r"\x1b\[[0-9;]*m", shown)) == {_SGR, _RESET}
    rows = modules_from_terminal(shown.replace(_SGR, "").replace(_RESET, ""))
    [text] = decode(rows)
    assert "TEL;TYPE=CELL:+32460754553" in text
    assert b"\x1b" not in stderr and b"\x07" not in stderr
    assert "Peter \\x1b[31mStano\\x07 (5ad0e4c1)" in stderr.decode()
