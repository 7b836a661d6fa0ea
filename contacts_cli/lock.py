"""An exclusive lock on a small file beside the store, held across a whole read-modify-write.

An OS lock (flock on POSIX, msvcrt on Windows) on an open descriptor: the kernel releases it when the
process dies, so a killed writer never leaves the store locked. We do this ourselves rather than
through filelock because importing filelock costs about a tenth of an `add` on a 10,000-entry store.
"""

import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contacts_cli.errors import LockTimeout, StoreError

# Group-writable, so that colleagues who share a folder through a group can all take the lock.
LOCK_MODE = 0o664


@contextmanager
def exclusive(path: Path, *, timeout: float, what: Path) -> Iterator[None]:
    """Hold the lock at `path` for the block, waiting at most `timeout` seconds; `what` names the store."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, LOCK_MODE)
    except OSError as exc:
        raise StoreError(
            f"cannot lock {what}: {exc.strerror} creating {path.name} in {path.parent}; "
            "writing needs a folder you can write to (reading does not)"
        ) from None
    try:
        _share(fd)
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"{what} is locked by another contacts process (waited {timeout:g} s); "
                    "try again, or pass a longer --lock-timeout"
                )
            time.sleep(random.uniform(0.005, 0.02))
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _share(fd: int) -> None:
    # The umask may have taken the group's write bit off a lock file we just made.
    try:
        if os.fstat(fd).st_mode & LOCK_MODE != LOCK_MODE:
            os.fchmod(fd, LOCK_MODE)
    except (OSError, AttributeError):
        pass  # not ours to change, or no fchmod on this platform


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
