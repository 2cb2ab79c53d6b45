"""Reading a web address has one deadline for the whole answer and a cap on its size, against real
local servers that drip a byte a second, send without end, or never answer.

The deadline is made short for the test; each server would take far longer than it to finish (or
never does), so ending at all, with the deadline's message, shows the deadline held. No test
measures time.
"""

import contextlib
import gzip
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from regiokaart.cli import main
from regiokaart.formats import module_import
from regiokaart.source.fetch import FetchFailed, fetch, too_slow
from tests.conftest import tree_digest

DEADLINE = 2.0  # seconds, for the test; the servers below take at least 90
DRIP_BYTES = 90  # a byte a second: far beyond the deadline, and beyond LET_GO_SECONDS
LET_GO_SECONDS = 30  # a bound on waiting for the connection to be let go on a busy machine
HEAD = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"

Answer = Callable[[socket.socket, threading.Event], None]


def drip(connection: socket.socket, stop: threading.Event) -> None:
    """The head at once, then the body a byte a second, then the end of the answer."""
    connection.sendall(HEAD)
    for _ in range(DRIP_BYTES):
        if stop.wait(1):
            return
        connection.sendall(b"x")
    connection.shutdown(socket.SHUT_WR)


def drip_head(connection: socket.socket, stop: threading.Event) -> None:
    """Even the head a byte a second: the client never gets to the body."""
    for byte in (HEAD + b"x" * DRIP_BYTES)[:DRIP_BYTES]:
        if stop.wait(1):
            return
        connection.sendall(bytes([byte]))


def endless(connection: socket.socket, stop: threading.Event) -> None:
    """The head, then data as fast as the client takes it, without end."""
    connection.sendall(HEAD)
    block = b"x" * 65536
    while not stop.is_set():
        connection.sendall(block)


def declared_too_big(connection: socket.socket, stop: threading.Event) -> None:
    """A head that announces more than the cap, and nothing more."""
    connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 99000000\r\n\r\n")


def silent(connection: socket.socket, stop: threading.Event) -> None:
    """Takes the connection and never answers."""


class Server:
    """A real web server on 127.0.0.1 that answers every request with answer; notes when the
    client lets go of a connection (after answering, it waits for that)."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.stop = threading.Event()
        self.let_go = threading.Event()
        self.connections: list[socket.socket] = []
        self.requests: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/module.yaml"
        self.threads = [threading.Thread(target=self.accept, daemon=True)]
        self.threads[0].start()

    def accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            thread = threading.Thread(target=self.handle, args=(connection,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def handle(self, connection: socket.socket) -> None:
        with connection:
            request = b""
            while b"\r\n\r\n" not in request and (part := connection.recv(4096)):
                request += part
            self.requests.append(request)
            try:
                self.answer(connection, self.stop)
                # Answered or not: now wait until the client lets go of the connection.
                while not self.stop.is_set() and connection.recv(4096):
                    pass
            except OSError:
                pass
            self.let_go.set()

    def close(self) -> None:
        self.stop.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self.listener.close()
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for thread in self.threads:
            thread.join(timeout=LET_GO_SECONDS)


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], Server]]:
    servers: list[Server] = []

    def start(answer: Answer) -> Server:
        servers.append(Server(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def fetch_from(server: Server, seconds: float = DEADLINE, max_bytes: int = 2_000_000) -> bytes:
    return fetch(server.url, max_bytes=max_bytes, seconds=seconds, user_agent="test")


@pytest.mark.parametrize("answer", [drip, drip_head, silent], ids=["drip", "drip-head", "silent"])
def test_a_server_slower_than_the_deadline_is_too_slow_and_let_go(
    serve: Callable[[Answer], Server], answer: Answer
) -> None:
    server = serve(answer)
    with pytest.raises(FetchFailed, match="te traag") as failure:
        fetch_from(server)
    assert f"niet binnen {DEADLINE:g} seconden" in failure.value.message
    # The connection is let go (its read shut), not kept until the server is done.
    assert server.let_go.wait(LET_GO_SECONDS)


def test_the_message_says_how_much_arrived() -> None:
    assert too_slow(15, 0).endswith("(nog niets ontvangen)")
    assert too_slow(15, 1234).endswith("(1.234 bytes ontvangen)")


@pytest.mark.parametrize("answer", [endless, declared_too_big], ids=["endless", "declared"])
def test_more_than_the_cap_is_too_big(serve: Callable[[Answer], Server], answer: Answer) -> None:
    # A generous deadline: the cap, not the deadline, must end this.
    server = serve(answer)
    with pytest.raises(FetchFailed, match=r"te groot: groter dan 100\.000 bytes"):
        fetch_from(server, seconds=120, max_bytes=100_000)
    assert server.let_go.wait(LET_GO_SECONDS)


def test_a_whole_answer_within_bounds_is_read(serve: Callable[[Answer], Server]) -> None:
    def small(connection: socket.socket, stop: threading.Event) -> None:
        connection.sendall(HEAD + b"hallo")
        connection.shutdown(socket.SHUT_WR)

    assert fetch_from(serve(small), seconds=120) == b"hallo"


def packed(body: bytes, encoding: str = "gzip", cut: int = 0) -> Answer:
    """An answer whose body is body packed with gzip (cut: that many bytes left off its end),
    labelled with encoding."""
    data = gzip.compress(body, mtime=0)
    data = data[: len(data) - cut]

    def answer(connection: socket.socket, stop: threading.Event) -> None:
        head = f"HTTP/1.0 200 OK\r\nContent-Encoding: {encoding}\r\n"
        connection.sendall(head.encode() + f"Content-Length: {len(data)}\r\n\r\n".encode())
        connection.sendall(data)
        connection.shutdown(socket.SHUT_WR)

    return answer


def test_a_packed_answer_is_asked_for_and_unpacked(serve: Callable[[Answer], Server]) -> None:
    body = b'{"naam": "Veilig Thuis"}' * 1000
    server = serve(packed(body))
    assert fetch_from(server, seconds=120) == body
    assert b"accept-encoding: gzip" in server.requests[0].lower()


def test_the_cap_holds_for_what_a_packed_answer_unpacks_to(
    serve: Callable[[Answer], Server],
) -> None:
    # 20 MB of zeros packs into some 20 kB: well below the cap, until it is unpacked
    server = serve(packed(bytes(20_000_000)))
    with pytest.raises(FetchFailed, match=r"te groot: groter dan 100\.000 bytes"):
        fetch_from(server, seconds=120, max_bytes=100_000)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (packed(b"x" * 5000, cut=10), "het ingepakte bestand (gzip) is niet compleet aangekomen"),
        (packed(b"x" * 5000, encoding="br"), "ingepakt als 'br'; regiokaart leest alleen gzip"),
    ],
    ids=["cut-off", "other-packing"],
)
def test_a_packed_answer_that_cannot_be_unpacked_is_said_so(
    serve: Callable[[Answer], Server], answer: Answer, message: str
) -> None:
    with pytest.raises(FetchFailed) as failure:
        fetch_from(serve(answer), seconds=120)
    assert message in failure.value.message


def damaged(connection: socket.socket, stop: threading.Event) -> None:
    data = bytearray(gzip.compress(b"hallo wereld" * 100, mtime=0))
    data[12:20] = b"\xff" * 8  # in the packed data, after the header
    connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + data)
    connection.shutdown(socket.SHUT_WR)


def endless_after_the_end(connection: socket.socket, stop: threading.Event) -> None:
    """A whole packed file, then zeros without end: they may not pile up outside the cap."""
    connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n")
    connection.sendall(gzip.compress(b"{}", mtime=0))
    with contextlib.suppress(OSError):
        while not stop.is_set():
            connection.sendall(bytes(65536))


@pytest.mark.parametrize("answer", [damaged, endless_after_the_end], ids=["damaged", "trailing"])
def test_a_damaged_packed_answer_is_said_so(
    serve: Callable[[Answer], Server], answer: Answer
) -> None:
    server = serve(answer)
    with pytest.raises(FetchFailed, match=r"het ingepakte bestand \(gzip\) is beschadigd"):
        fetch_from(server, seconds=120)
    assert server.let_go.wait(LET_GO_SECONDS)


def test_only_http_and_https_are_followed(serve: Callable[[Answer], Server]) -> None:
    def to_a_file(connection: socket.socket, stop: threading.Event) -> None:
        connection.sendall(b"HTTP/1.0 302 Found\r\nLocation: file:///etc/passwd\r\n\r\n")
        connection.shutdown(socket.SHUT_WR)

    with pytest.raises(FetchFailed) as failure:
        fetch_from(serve(to_a_file), seconds=120)
    assert failure.value.message == (
        "de webserver verwijst door naar een adres dat niet gevolgd wordt (file:///etc/passwd): "
        "alleen http en https, en niet in een kring"
    )
    assert "root:" not in failure.value.message, "the file is not read"


# --- regiokaart module import URL -------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(drip, "te traag"), (silent, "te traag"), (endless, "te groot")],
    ids=["drip", "silent", "endless"],
)
def test_module_import_from_a_hostile_server_stops_with_a_dutch_message(
    serve: Callable[[Answer], Server],
    monkeypatch: pytest.MonkeyPatch,
    mini_data: Path,
    capsys: pytest.CaptureFixture[str],
    answer: Answer,
    expected: str,
) -> None:
    if answer is not endless:  # the endless server must meet the cap within the real deadline
        monkeypatch.setattr(module_import, "URL_TIMEOUT_SECONDS", DEADLINE)
    server = serve(answer)
    before = tree_digest(mini_data)
    assert main(["module", "import", server.url, "--data", str(mini_data)]) == 1
    err = capsys.readouterr().err
    assert expected in err and server.url in err
    assert "Traceback" not in err
    assert tree_digest(mini_data) == before
