"""Files from strangers, through the installed script: random bytes, cards cut short, broken photos,
cards without FN, and a 20,000-card file. A clear message or a correct result, never a traceback."""

import random
import subprocess
import sys

import pytest

from bench.synth import contacts
from contacts_cli.store import Store
from contacts_cli.vcard.write import to_vcard

from .conftest import contacts_script
from .test_reliability import assert_clean_failure, run

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Peter Stano\r\nN:Stano;Peter;;;\r\n"
    "TITLE:Lead Spokesperson for Foreign Affairs and Security Policy\r\n"
    "TEL;TYPE=CELL:+32 460 75 45 53\r\nEMAIL:peter.stano@example.eu\r\nEND:VCARD\r\n"
)


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode in (0, 1), (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.mark.parametrize("seed", range(8))
def test_random_bytes_are_refused_in_one_line_and_write_nothing(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "random.vcf"
    path.write_bytes(rng.randbytes(rng.choice([0, 1, 100, 5_000, 200_000])))
    store = tmp_path / "store.json"
    result = run(store, "import", str(path))
    assert_clean_failure(result, names=path)
    assert not store.exists()


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_inside_a_card_never_give_a_traceback(tmp_path, seed):
    rng = random.Random(seed)
    middle = CARD.index("TITLE")
    path = tmp_path / "noisy.vcf"
    path.write_bytes(CARD[:middle].encode() + rng.randbytes(300) + b"\r\n" + CARD[middle:].encode())
    result = run(tmp_path / "store.json", "import", str(path))
    assert_no_traceback(result)


def test_a_file_cut_at_any_byte_imports_the_whole_cards_before_the_cut(tmp_path):
    cards = contacts(6, seed=3)
    data = "".join(to_vcard(c) for c in cards).encode()
    ends = [i + len(b"END:VCARD") for i in range(len(data)) if data.startswith(b"END:VCARD", i)]
    edges = [end + step for end in ends[:2] for step in (-1, 0, 1)]  # just before, at and after END:VCARD
    for cut in [*random.Random(1).sample(range(1, len(data)), 25), *edges]:
        store = tmp_path / f"cut-{cut}.json"
        path = tmp_path / f"cut-{cut}.vcf"
        path.write_bytes(data[:cut])
        result = run(store, "import", str(path))
        assert_no_traceback(result)
        whole = sum(end <= cut for end in ends)
        kept = {c.uid for c in Store(store).load()} if store.exists() else set()
        assert kept == {c.uid for c in cards[:whole]}, (cut, result.stderr)


def test_a_bad_base64_photo_is_not_kept_and_the_card_is(tmp_path):
    path = tmp_path / "photo.vcf"
    path.write_text(CARD.replace("END:VCARD", "PHOTO;ENCODING=b;TYPE=JPEG:!!!@@@not base64===\r\nEND:VCARD"))
    store = tmp_path / "store.json"
    result = run(store, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "PHOTO" in result.stderr
    [entry] = Store(store).load()
    assert entry.name == "Peter Stano" and entry.phones[0].e164 == "+32460754553"


def test_cards_without_fn_take_their_name_from_n_or_org_or_are_reported(tmp_path):
    path = tmp_path / "nofn.vcf"
    path.write_text(
        CARD.replace("FN:Peter Stano\r\n", "")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:EEAS Press Office\r\nTEL:+32 2 584 11 11\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n"
    )
    store = tmp_path / "store.json"
    result = run(store, "import", str(path))
    assert_no_traceback(result)
    assert "card 3" in result.stderr
    assert sorted(c.name for c in Store(store).load()) == ["EEAS Press Office", "Peter Stano"]


def test_a_20000_card_file_imports_within_60_seconds_and_500_mb(tmp_path):
    path = tmp_path / "big.vcf"
    path.write_text("".join(to_vcard(c) for c in contacts(20_000, seed=5)), newline="")
    store = tmp_path / "store.json"
    # A fresh parent process, so the peak is this import's own and not an earlier child's.
    measure = (
        "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, contacts_script(), "--db", str(store), "import", str(path)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    peak_mib = int(result.stdout.split()[-1]) // 1024
    assert peak_mib < 500
    assert len(Store(store).load()) == 20_000
