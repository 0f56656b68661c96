"""Writing an output file whole: a regular file (or a symbolic link to one, written through: the link stays) is
written beside its real target, then renamed over it, so an interrupted run leaves the old file or none, never
half of one; a terminal, a pipe, a device or an open descriptor (``/dev/stdout``, ``/dev/fd/N``) is written to in
place. The command line's reports and the archive's export both write this way.

>>> written_in_place(Path("/dev/null")), written_in_place(Path("/no/such/dir/report.txt"))
(True, False)
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

__all__ = ["replacing", "written_in_place"]


def written_in_place(target: Path) -> bool:
    """Whether ``target`` is written to as it stands rather than replaced: anything but a regular file (a
    terminal, a pipe, ``/dev/null``), or a name for one of this process's open descriptors (``/dev/stdout``,
    ``/dev/fd/1``), whatever it is open on. False for a file that does not exist yet."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode) or _names_a_descriptor(target)


_DESCRIPTORS = re.compile(r"/proc/(?:self|thread-self|\d+)(?:/task/\d+)?/fd")
"""The folder of a process's open descriptors, as ``os.path.realpath`` gives it."""


def _names_a_descriptor(path: Path) -> bool:
    """Whether ``path``, its symbolic links followed one by one, is an entry of ``/proc/PID/fd`` (where
    ``/dev/stdout`` and ``/dev/fd/N`` lead): such an entry is a descriptor, not a file to replace."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        folder, name = os.path.split(current)
        folder = os.path.realpath(folder)
        if _DESCRIPTORS.fullmatch(folder):
            return True
        current = os.path.join(folder, name)
        if not os.path.islink(current):
            return False
        current = os.path.normpath(os.path.join(folder, os.readlink(current)))
    return False


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A path ``.NAME.partial`` beside ``target``'s real file (its symbolic links followed; it may not exist
    yet) to write to; when the block ends without an error it is renamed over the real file, keeping that file's
    permissions. The partial file never outlives the block."""
    real = Path(os.path.realpath(target))
    partial = real.with_name(f".{real.name}.partial")
    try:
        yield partial
        with contextlib.suppress(FileNotFoundError):
            os.chmod(partial, stat.S_IMODE(real.stat().st_mode))
        os.replace(partial, real)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
