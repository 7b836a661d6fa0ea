"""Run a command (a full argv) again and again; kill -9 it at random moments spread over how long it
takes here, now.

Fixed sleep windows flake: on a loaded machine every kill comes too early, on an idle one too late. Every
fifth run is left alone and timed, and the kills that follow fall between 0.1x and 1.2x that time, so most
runs die part-way, some finish, and both happen on any machine.
"""

import random
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import NamedTuple


class Run(NamedTuple):
    round: int
    killed: bool
    returncode: int
    stdout: str


def killed_at_random(
    argv_for: Callable[[int], list[str]], seed: object, rounds: int = 10, min_kills: int = 3
) -> Iterator[Run]:
    rng = random.Random(str(seed))
    measured = 0.0
    kills = 0
    i = 0
    while i < rounds or (kills < min_kills and i < rounds * 4):
        started = time.monotonic()
        proc = subprocess.Popen(
            argv_for(i),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        killed = False
        if i % 5 != 0:
            time.sleep(rng.uniform(0.1, 1.2) * measured)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed = True
                kills += 1
        out, err = proc.communicate(timeout=120)
        if not killed:
            assert proc.returncode == 0, err
            if i % 5 == 0:
                measured = time.monotonic() - started
        yield Run(i, killed, proc.returncode, out.strip())
        i += 1
    assert kills >= min_kills, "no run could be killed part-way; is the command instant?"
