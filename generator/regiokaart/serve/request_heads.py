"""One thread reads the request heads of all new connections to serve, so that no worker waits for
a client: a connection that stays idle or sends its request slowly holds no thread, and is closed
when its head is not complete within a deadline (10 s in serve), however slowly it drips.

Only a complete head is handed on, with the bytes read; serve answers GET and HEAD only, which have
no body, so the head is the whole request.
"""

import contextlib
import selectors
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# What http.server accepts: a request line of up to 64 KiB and up to 100 header lines of up to 64 KiB
# each. A head longer than this is handed on as it is, marked incomplete (serve answers 431 or 414).
MAX_HEAD = 256 * 1024
_END_OF_HEAD = (b"\r\n\r\n", b"\n\n")

# (connection, client address, the head's bytes, whether the head is complete)
Deliver = Callable[[socket.socket, object, bytes, bool], None]


@dataclass
class _Waiting:
    address: object
    deadline: float
    head: bytearray = field(default_factory=bytearray)


class HeadReader:
    """Reads heads until closed; `add` hands it a new connection, `deliver` gets each full head.

    At most max_waiting connections wait for their head: beyond that the one waiting longest is
    closed, so a flood of idle connections cannot use up the process's file descriptors.
    """

    def __init__(self, deliver: Deliver, deadline: float, max_waiting: int) -> None:
        self._deliver = deliver
        self._deadline = deadline
        self._max_waiting = max_waiting
        self._selector = selectors.DefaultSelector()
        self._waiting: dict[socket.socket, _Waiting] = {}  # in order of arrival
        self._new: list[tuple[socket.socket, object]] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._wake_reader, self._wake_writer = socket.socketpair()
        for end in (self._wake_reader, self._wake_writer):
            end.setblocking(False)
        self._selector.register(self._wake_reader, selectors.EVENT_READ)
        self._thread = threading.Thread(target=self._run, name="serve-request-heads", daemon=True)
        self._thread.start()

    def add(self, connection: socket.socket, address: object) -> None:
        """Read this connection's head from now on (called by the accepting thread)."""
        with self._lock:
            if self._closed.is_set():
                _close(connection)
                return
            self._new.append((connection, address))
        self._wake()

    def close(self) -> None:
        """Stop reading and close every connection still waiting for its head."""
        with self._lock:
            self._closed.set()
        self._wake()
        self._thread.join()
        for connection in [*self._waiting, *(c for c, _ in self._new)]:
            _close(connection)
        self._waiting.clear()
        self._new.clear()
        self._selector.close()
        self._wake_reader.close()
        self._wake_writer.close()

    def _wake(self) -> None:
        # BlockingIOError: already awake (the buffer is full); OSError: closed
        with contextlib.suppress(OSError):
            self._wake_writer.send(b"\0")

    def _run(self) -> None:
        while not self._closed.is_set():
            for key, _ in self._selector.select(self._time_to_next_deadline()):
                if key.fileobj is self._wake_reader:
                    self._take_new()
                else:
                    self._read(key.fileobj)  # type: ignore[arg-type]
            self._close_overdue()

    def _time_to_next_deadline(self) -> float:
        if not self._waiting:
            return 1.0
        first = next(iter(self._waiting.values()))  # the oldest has the nearest deadline
        return min(1.0, max(0.0, first.deadline - time.monotonic()))

    def _take_new(self) -> None:
        try:
            while self._wake_reader.recv(4096):
                pass
        except BlockingIOError:
            pass
        with self._lock:
            new, self._new = self._new, []
        for connection, address in new:
            connection.setblocking(False)
            self._waiting[connection] = _Waiting(address, time.monotonic() + self._deadline)
            self._selector.register(connection, selectors.EVENT_READ)
            if len(self._waiting) > self._max_waiting:
                self._drop(next(iter(self._waiting)))

    def _read(self, connection: socket.socket) -> None:
        waiting = self._waiting[connection]
        try:
            chunk = connection.recv(MAX_HEAD + 1 - len(waiting.head))
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client went away before its request was complete
            self._drop(connection)
            return
        waiting.head += chunk
        complete = any(end in waiting.head for end in _END_OF_HEAD)
        if complete or len(waiting.head) > MAX_HEAD:
            self._selector.unregister(connection)
            del self._waiting[connection]
            connection.setblocking(True)
            self._deliver(connection, waiting.address, bytes(waiting.head), complete)

    def _close_overdue(self) -> None:
        now = time.monotonic()
        for connection, waiting in list(self._waiting.items()):
            if waiting.deadline > now:
                break  # in order of arrival: the rest came later
            self._drop(connection)

    def _drop(self, connection: socket.socket) -> None:
        self._selector.unregister(connection)
        del self._waiting[connection]
        _close(connection)


def _close(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # not connected any more
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()
