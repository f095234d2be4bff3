"""Keeping Python's cyclic garbage collector off what a file read builds: paused during the read, spared at exit.

Reading a big workbook makes millions of lists and cells, none of them
cyclic garbage, and CPython's collector walks the whole growing heap again
each time enough new objects pile up: five full passes, about 0.45 s of the
4.9 s it takes to read the 200 000-row 听课 log.  Reference counting still
frees everything as usual while the collector is paused; it runs again when
the last reader leaves, as it was before (threads may read at the same time).

A command-line process still holds what it read when it ends, and the
interpreter's last collection walks it all once more before the operating
system frees the memory anyway: 0.3 s after importing that log.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_readers = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is as it was once every block has ended.

    >>> import gc
    >>> with collector_paused():
    ...     with collector_paused():
    ...         gc.isenabled()
    ...     gc.isenabled()
    False
    False
    >>> gc.isenabled()
    True
    """
    global _readers, _was_enabled
    with _lock:
        if _readers == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _readers += 1
    try:
        yield
    finally:
        with _lock:
            _readers -= 1
            if _readers == 0 and _was_enabled:
                gc.enable()


def spare_last_collection() -> None:
    """Put every object alive now out of the collector's reach, for a process that is about to exit.

    Nothing is freed or kept longer by this: the process ends, and its memory goes with it.

    >>> import gc
    >>> spare_last_collection()
    >>> gc.get_freeze_count() > 0
    True
    >>> gc.unfreeze()  # (a doctest's process goes on)
    """
    gc.freeze()
