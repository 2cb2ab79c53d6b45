"""Work for the second core: a forked child computes a result while this process goes on.

A fork sees this process's memory as it is (the dataset is not copied or pickled up front); only the
result comes back, pickled through a pipe. Where a fork is not safe or not there (Windows, macOS'
default, or a process with other threads running, such as regiokaart serve), the work is simply done
here when its result is asked for. A child that dies without a result is done again here too, so
the result never depends on which way it went. The child dies with this process, even with a kill -9
that allows no clean-up (child_processes.die_with_parent).
"""

import contextlib
import ctypes
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

from regiokaart.child_processes import die_with_parent

T = TypeVar("T")


@contextlib.contextmanager
def beside(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """Start work beside this process where that is safe; gives a function that returns its
    result (or raises its exception), waiting for it if need be. Leaving the block stops a child
    whose result was not asked for (as when the caller fails first)."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        yield work
        return
    _give_back_free_memory()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    parent = os.getpid()

    def child() -> None:
        die_with_parent(parent)
        # Only the parent reads: a child holding the reading end too would wait forever to send a
        # large result once the parent is gone.
        receive.close()
        try:
            outcome: tuple[bool, Any] = (True, work())
        except BaseException as error:  # sent back and raised in the parent
            outcome = (False, error)
        send.send(outcome)
        send.close()
        os._exit(0)  # no clean-up of the parent's state (files, atexit) in the child

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def result() -> T:
        try:
            succeeded, value = receive.recv()
        except (EOFError, OSError):  # the child died without a result
            process.join()
            return work()
        process.join()
        if not succeeded:
            raise value
        return cast(T, value)

    try:
        yield result
    finally:
        if process.is_alive():
            process.terminate()
            process.join()
        receive.close()


def _give_back_free_memory() -> None:
    """Hand the memory this process freed back to the system before it forks (glibc's
    malloc_trim): the child starts with every page the parent has, freed or not, so a page given
    back is one fewer in each of the two while both run (reading the regions' files in chunks
    leaves tens of MiB freed but held). Without glibc nothing happens."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
