"""Helper processes that die with the process that started them, however it ends (kill -9 too).

On Linux a child asks the kernel for SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG) and
then checks that the parent is still the one that started it, which closes the race of a parent
killed before the request. A forked child does that itself (die_with_parent); a program is started
through this file run as a script (tied_command), which does it and then becomes the program (the
request survives exec). The kernel sends the signal when the *thread* that started the child ends,
so the thread that starts a helper must also be the one that waits for it (as every caller does).

Run as a script it imports only the standard library: `python -I -S child_processes.py PID -- CMD…`.
Elsewhere than Linux the commands are left as they are.
"""

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
_LAUNCH_FAILED = 127  # as a shell says when a command cannot be run


def can_tie() -> bool:
    return sys.platform.startswith("linux")


def die_with_parent(parent: int) -> None:
    """In a child: be killed when the parent (by process id) dies; end now if it already did."""
    if not can_tie():
        return
    libc = ctypes.CDLL(None)  # this program's symbols, the C library's among them
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return  # not granted: the helper still ends when its pipes close
    if os.getppid() != parent:  # the parent died before the request: no signal will come
        os._exit(1)


def tied_command(command: list[str]) -> list[str]:
    """command, started so that it dies with this process: the program runs as itself (same
    process id, same pipes), only after a small launcher asked for the signal."""
    if not can_tie():
        return command
    launcher = [sys.executable, "-I", "-S", os.path.abspath(__file__), str(os.getpid()), "--"]
    return [*launcher, *command]


def _launch(argv: list[str]) -> None:
    """The launcher: tie to the parent, then become the command."""
    parent, separator, *command = argv
    if separator != "--" or not command:
        sys.exit("gebruik: child_processes.py PID -- PROGRAMMA [ARGUMENTEN…]")
    die_with_parent(int(parent))
    try:
        os.execv(command[0], command)
    except OSError as error:
        sys.stderr.write(f"kan {command[0]} niet starten: {error.strerror}\n")
        os._exit(_LAUNCH_FAILED)


if __name__ == "__main__":
    _launch(sys.argv[1:])
