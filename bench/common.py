"""Timing whole processes against a floor measured in the same run, interleaved, so that a noisy machine
moves both alike. Prints ratios; the absolute seconds are there for context only."""

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

PYTHON = sys.executable


def contacts_exe() -> str:
    found = shutil.which("contacts", path=str(Path(PYTHON).parent)) or shutil.which("contacts")
    if not found:
        sys.exit("the contacts script is not installed: pip install -e .")
    return found


def ensure_bytecode() -> None:
    """Compile the package as an installed wheel would be: pip writes bytecode at install, but an
    editable checkout under PYTHONDONTWRITEBYTECODE would compile every module on every run."""
    import compileall

    package = Path(__file__).resolve().parent.parent / "contacts_cli"
    compileall.compile_dir(str(package), quiet=1)


def run_once(argv: Sequence[str], env: dict[str, str] | None = None, stdin: bytes = b"") -> float:
    """Wall time of one process, in seconds; a failing process stops the benchmark."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    _, stderr = proc.communicate(stdin)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {stderr.decode(errors='replace')}")
    return elapsed


# Linux keeps a process's peak RSS across fork and exec, so a child of this (large) benchmark process
# would report at least our own peak. A small fresh Python starts the measured process instead.
_MEASURE = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss if os.waitstatus_to_exitcode(status) == 0 else -1)
"""


def peak_rss_kib(argv: Sequence[str]) -> int:
    """Peak resident memory of one run, from the kernel's accounting of the child."""
    out = subprocess.run([PYTHON, "-c", _MEASURE, *argv], capture_output=True, text=True, check=True)
    kib = int(out.stdout)
    if kib < 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return kib


def compare(cases: dict[str, Callable[[int], Sequence[str]]], repeat: int) -> dict[str, float]:
    """Median seconds of each case, runs interleaved case by case. A case gets the round number."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for round_ in range(repeat):
        for name, argv in cases.items():
            times[name].append(run_once(argv(round_)))
    return {name: statistics.median(values) for name, values in times.items()}


def report(title: str, medians: dict[str, float], floor: str, targets: dict[str, float]) -> list[str]:
    """Print each case as a ratio to the floor, with its target; return the cases that missed."""
    print(f"\n{title}")
    print(f"  {'case':<28}{'median s':>10}{'x floor':>10}{'target':>9}")
    missed = []
    base = medians[floor]
    for name, value in medians.items():
        ratio = value / base
        target = targets.get(name)
        mark = ""
        if target is not None:
            mark = "ok" if ratio <= target else "MISSED"
            if ratio > target:
                missed.append(f"{title}: {name} {ratio:.2f}x > {target}x")
        shown_target = f"{target:.2f}x" if target else ""
        print(f"  {name:<28}{value:>10.3f}{ratio:>9.2f}x{shown_target:>9} {mark}")
    return missed
