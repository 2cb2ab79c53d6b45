"""regiokaart serve: serves the built portal and rebuilds when content/ or data/ change."""

import contextlib
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiokaart.serve.live_build import LiveBuild
from regiokaart.serve.server import BuildStatus, PortalServer, overlay_tag, rebuild, snapshot
from tests.conftest import replace_in

# Generous, so that a hang fails the test instead of blocking it forever; never a time to meet.
SOCKET_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def start_serve(project: Path, port: int) -> "subprocess.Popen[str]":
    """`regiokaart serve` on project in a process of its own; its output (both streams) in a pipe."""
    command = ["serve", "--project", str(project), "--port", str(port)]
    return subprocess.Popen(
        [sys.executable, "-m", "regiokaart.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(predicate, seconds: float = 90) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail("condition not met in time")


def test_serve_rebuilds_on_changes_and_keeps_last_good_site(mini_project: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = start_serve(mini_project, port)
    try:
        wait_for(lambda: "Testland" in fetch(base))
        assert overlay_tag(1).decode() in fetch(base), "served pages get the overlay script"
        (preview,) = mini_project.glob(".staging-*/site")  # serve's own folder, beside site/
        built = "".join(p.read_text("utf-8") for p in preview.rglob("*.html"))
        assert "Testland" in built
        assert "__regiokaart__" not in built, "the built site itself never gets it"
        replace_in(
            mini_project / "content" / "over.md",
            "# Over dit portaal",
            "# Over dit portaal en zijn makers",
        )
        wait_for(lambda: "Over dit portaal en zijn makers" in fetch(base + "over/"))
        replace_in(
            mini_project / "data" / "offers.yaml",
            "name: Steungroep voor plegers",
            "name: Lotgenotengroep voor plegers",
        )
        wait_for(lambda: "Lotgenotengroep voor plegers" in fetch(base + "aanbod/steungroep/"))
        replace_in(
            mini_project / "data" / "offers.yaml",
            "effectiveness: Goed onderbouwd",
            "effectiveness: Goed",
        )
        wait_for(lambda: json.loads(fetch(base + "__regiokaart__/status"))["problems"])
        status = json.loads(fetch(base + "__regiokaart__/status"))
        assert any("offers.yaml:31:20: offers[1].effectiveness:" in p for p in status["problems"])
        assert "Lotgenotengroep voor plegers" in fetch(base + "aanbod/steungroep/"), (
            "the last good site stays"
        )
    finally:
        process.terminate()
        output = process.communicate(timeout=SOCKET_TIMEOUT)[0]
    assert not list(mini_project.glob(".staging-*")), "serve removes its folder when it stops"
    assert not (mini_project / "site").exists(), "site/ is written by regiokaart build only"
    assert "offers.yaml:31:20: offers[1].effectiveness: ongeldige waarde 'Goed'" in output
    assert "Bouwen mislukt; de vorige versie blijft zichtbaar." in output
    assert "Traceback" not in output


def test_a_failed_rebuild_is_told_to_open_pages_and_cleared_by_a_good_one(
    mini_project: Path, tmp_path: Path
) -> None:
    status = BuildStatus()
    replace_in(
        mini_project / "data" / "offers.yaml", "effectiveness: Onbekend", "effectiveness: Onbekendd"
    )
    live = LiveBuild(mini_project, tmp_path / "live")
    assert not rebuild(live, status)
    failed = json.loads(status.to_json())
    assert failed["build"] == 0
    assert [p for p in failed["problems"] if ":15:20: offers[0].effectiveness:" in p]
    replace_in(
        mini_project / "data" / "offers.yaml", "effectiveness: Onbekendd", "effectiveness: Onbekend"
    )
    assert rebuild(live, status)
    assert json.loads(status.to_json()) == {"build": 1, "problems": []}


def test_an_unexpected_error_in_a_rebuild_is_shown_and_serve_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_build(self: LiveBuild) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(LiveBuild, "build", broken_build)
    status = BuildStatus()
    status.succeeded()  # a rebuild: an earlier version is being served
    assert not rebuild(LiveBuild(tmp_path, tmp_path / "live"), status)
    assert json.loads(status.to_json())["problems"] == ["onverwachte fout: RuntimeError('kapot')"]
    assert "Bouwen mislukt; de vorige versie blijft zichtbaar." in capsys.readouterr().err


def test_an_edited_offer_is_told_to_open_pages_twice_and_a_broken_first_step_leaves_the_rest(
    mini_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = BuildStatus()
    live = LiveBuild(mini_project, tmp_path / "live")
    assert rebuild(live, status)
    offers = mini_project / "data" / "offers.yaml"
    replace_in(offers, "name: Steungroep voor plegers", "name: Lotgenotengroep voor plegers")
    assert rebuild(live, status)
    assert json.loads(status.to_json())["build"] == 3, "the offer's page first, then the rest"
    assert "Gewijzigde pagina getoond" in capsys.readouterr().out

    def broken(self: LiveBuild, today: object = None) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(LiveBuild, "show_edited_record", broken)
    replace_in(offers, "name: Lotgenotengroep voor plegers", "name: Praatgroep voor plegers")
    assert rebuild(live, status), "the whole build still runs"
    assert json.loads(status.to_json()) == {"build": 4, "problems": []}
    output = capsys.readouterr()
    assert "RuntimeError: kapot" in output.err and "Portaal gebouwd" in output.out
    page = live.site / "aanbod" / "steungroep" / "index.html"
    assert "Praatgroep voor plegers" in page.read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site with symlinks inside it, some pointing outside, and a secret beside it."""
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "index.html").write_text("<html><body><h1>Testportaal</h1></body></html>")
    (site / "sub" / "index.html").write_text("<html><body><h1>Onderpagina</h1></body></html>")
    (site / "assets" / "app.js").write_text("console.log('app');")
    (tmp_path / "secret.txt").write_text("GEHEIM")
    (site / "link-out").symlink_to(tmp_path / "secret.txt")
    (site / "dir-out").symlink_to(tmp_path)
    (site / "abs-out").symlink_to("/etc/passwd")
    (site / "loop").symlink_to(site / "loop")
    (site / "inside").symlink_to(site / "sub" / "index.html")
    return site


@contextlib.contextmanager
def running(site: Path, status: BuildStatus | None = None) -> Iterator[int]:
    """serve's HTTP server on a free port, in a thread; yields the port."""
    server = PortalServer(("127.0.0.1", 0), site, status or BuildStatus())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def raw_request(port: int, method: str, target: str, headers: bytes = b"") -> tuple[int, bytes]:
    """Send a request exactly as written (no client tidies the path up); the status and the answer."""
    line = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode("latin-1")
    with socket.create_connection(("127.0.0.1", port), timeout=SOCKET_TIMEOUT) as sock:
        sock.sendall(line + headers + b"\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    assert answer, "no answer at all: the handler failed"
    return int(answer.split(b" ", 2)[1]), answer


ATTEMPTS = [
    ("/..%00/etc/passwd", 400),
    ("/%00", 400),
    ("/index.html%00.txt", 400),
    ("/../secret.txt", 400),
    ("/../../../../../../etc/passwd", 400),
    ("/assets/../../secret.txt", 400),
    ("/%2e%2e/secret.txt", 400),
    ("/%2E%2E/%2E%2E/etc/passwd", 400),
    ("/.%2e/secret.txt", 400),
    ("/..%2fsecret.txt", 400),
    ("/..%2F..%2Fetc%2Fpasswd", 400),
    ("/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
    ("/..\\secret.txt", 400),
    ("/..%5csecret.txt", 400),
    ("/%5c..%5c..%5cetc%5cpasswd", 400),
    ("/%c0%ae%c0%ae/secret.txt", 400),  # overlong UTF-8 for '.'
    ("/%ff", 400),
    ("/%zz", 400),
    ("/%2", 400),
    ("/%0d%0aSet-Cookie:%20x=1", 400),
    ("http://127.0.0.1/../secret.txt", 400),
    ("file:///etc/passwd", 400),
    ("etc/passwd", 400),
    ("/" + "../" * 2000 + "etc/passwd", 400),
    ("//etc/passwd", 404),
    ("/etc/passwd", 404),
    ("/secret.txt", 404),
    ("/link-out", 404),
    ("/dir-out/secret.txt", 404),
    ("/dir-out/site/../secret.txt", 400),
    ("/abs-out", 404),
    ("/loop", 404),
    ("/missing/", 404),
    ("/" + "a" * 5000, 404),
    ("/" + "a/" * 3000, 404),
    ("/" + "a" * 70000, 414),  # longer than http.server reads of a request line
]


@pytest.mark.parametrize(("target", "expected"), ATTEMPTS, ids=lambda v: str(v)[:40])
def test_every_request_is_answered_and_nothing_outside_the_site_is_served(
    site: Path, target: str, expected: int, capfd: pytest.CaptureFixture[str]
) -> None:
    with running(site) as port:
        status, answer = raw_request(port, "GET", target)
    assert status == expected
    assert b"GEHEIM" not in answer
    assert b"root:" not in answer
    assert "Traceback" not in capfd.readouterr().err


def test_the_site_is_served_with_the_overlay_script_in_its_pages(site: Path) -> None:
    with running(site) as port:
        status, page = raw_request(port, "GET", "/")
        assert status == 200
        assert page.endswith(b"<h1>Testportaal</h1>" + overlay_tag(0) + b"</body></html>")
        assert b"<script>" not in page, "no inline script: the portal's CSP forbids it"
        status, script = raw_request(port, "GET", "/assets/app.js")
        assert status == 200
        assert script.endswith(b"\r\n\r\nconsole.log('app');")
        assert b"Content-Type: text/javascript" in script
        assert raw_request(port, "GET", "/inside")[0] == 200, "a symlink inside the site is fine"
        status, redirect = raw_request(port, "GET", "/sub?filter=1")
        assert status == 301
        assert b"Location: /sub/?filter=1\r\n" in redirect
        assert b"<h1>Onderpagina</h1>" in raw_request(port, "GET", "/sub/")[1]
    assert "__regiokaart__" not in (site / "index.html").read_text(), "the site stays as built"


def test_head_answers_the_headers_without_the_body(site: Path) -> None:
    with running(site) as port:
        body = raw_request(port, "GET", "/")[1].split(b"\r\n\r\n", 1)[1]
        status, head = raw_request(port, "HEAD", "/")
    assert status == 200
    assert head.endswith(b"\r\n\r\n"), "nothing after the headers"
    assert f"\r\nContent-Length: {len(body)}\r\n".encode() in head


def test_a_site_that_is_a_symlink_is_looked_up_again_for_every_request(tmp_path: Path) -> None:
    for version in ("1", "2"):
        (tmp_path / f"site-{version}").mkdir()
        (tmp_path / f"site-{version}" / "index.html").write_text(f"<body>versie {version}</body>")
    site = tmp_path / "site"
    site.symlink_to(tmp_path / "site-1")
    with running(site) as port:
        assert b"versie 1" in raw_request(port, "GET", "/")[1]
        (tmp_path / "site-new").symlink_to(tmp_path / "site-2")
        (tmp_path / "site-new").replace(site)  # how a build may swap in a new version
        assert b"versie 2" in raw_request(port, "GET", "/")[1]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO"])
def test_other_methods_are_not_allowed(site: Path, method: str) -> None:
    with running(site) as port:
        status, answer = raw_request(port, method, "/")
    assert status == 405
    assert b"\r\nAllow: GET, HEAD\r\n" in answer


def test_the_build_status_and_overlay_script_are_served(site: Path) -> None:
    status = BuildStatus()
    with running(site, status) as port:
        base = f"http://127.0.0.1:{port}/__regiokaart__/"
        assert json.loads(fetch(base + "status")) == {"build": 0, "problems": []}
        status.failed(["data/offers.yaml:3:5: id: <b>fout</b>"])
        assert json.loads(fetch(base + "status"))["problems"] == [
            "data/offers.yaml:3:5: id: <b>fout</b>"
        ]
        status.succeeded()
        assert json.loads(fetch(base + "status")) == {"build": 1, "problems": []}
        assert "/__regiokaart__/status" in fetch(base + "overlay.js")
    assert not list(site.rglob("*overlay*")), "not part of the site"


def test_200_concurrent_requests_are_all_answered(site: Path) -> None:
    count = 200
    start = threading.Barrier(count)
    statuses: list[int | str] = []

    def get_page() -> None:
        start.wait(timeout=SOCKET_TIMEOUT)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)
        try:
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        except OSError as error:
            statuses.append(repr(error))
        finally:
            connection.close()

    with running(site) as port:
        threads = [threading.Thread(target=get_page) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [200] * count


def open_connections(port: int, count: int, head: bytes = b"") -> list[socket.socket]:
    """count connections to serve, each sending head (nothing: idle), none sending the rest."""
    connections = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", port), timeout=SOCKET_TIMEOUT)
        connection.sendall(head)
        connections.append(connection)
    return connections


def closed_by_the_server(connection: socket.socket) -> bool:
    """True when the server closed the connection without answering; waits up to SOCKET_TIMEOUT."""
    with connection:
        try:
            return connection.recv(1) == b""
        except ConnectionResetError:
            return True


HALF_SENT = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"  # the blank line that ends it never comes


def test_idle_and_half_sent_connections_hold_no_worker_and_are_closed_after_the_deadline(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PortalServer, "request_deadline", 2.0)
    before = threading.active_count()
    with running(site) as port:
        waiting = open_connections(port, 150) + open_connections(port, 150, HALF_SENT)
        assert raw_request(port, "GET", "/")[0] == 200, "answered while 300 wait"
        # the accepting loop, the head reader and the workers
        assert threading.active_count() - before <= PortalServer.max_workers + 2
        assert all(closed_by_the_server(connection) for connection in waiting)


def test_a_request_sent_a_byte_at_a_time_is_closed_at_the_deadline_however_slowly_it_drips(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PortalServer, "request_deadline", 1.0)
    head = HALF_SENT + b"X-Slow: " + b"a" * 400 + b"\r\n\r\n"  # at 20 bytes a second: 22 s
    sent = 0
    with running(site) as port:
        connection = socket.create_connection(("127.0.0.1", port), timeout=SOCKET_TIMEOUT)
        with connection, contextlib.suppress(OSError):  # a write after the server closed fails
            for byte in head:
                connection.sendall(bytes([byte]))
                sent += 1
                time.sleep(0.05)
    assert sent < len(head), "closed before the head was complete"


def test_beyond_the_bound_the_connection_waiting_longest_is_closed(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PortalServer, "max_waiting", 10)
    with running(site) as port:
        oldest = open_connections(port, 5)
        newer = open_connections(port, 10, HALF_SENT)
        assert all(closed_by_the_server(connection) for connection in oldest)
        for connection in newer:  # still waiting for the rest of their request
            with connection:
                connection.sendall(b"\r\n")
                assert connection.recv(65536).startswith(b"HTTP/1.0 200 ")


def test_a_head_longer_than_the_bound_is_refused(site: Path) -> None:
    header = b"X-Long: " + b"a" * 60_000 + b"\r\n"
    with running(site) as port:
        status, answer = raw_request(port, "GET", "/", headers=header * 6)
    assert status == 431
    assert "Kopregels te lang" in answer.decode("utf-8")


def serve_threads(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def test_serve_keeps_its_threads_bounded_and_stops_cleanly_with_connections_open(
    mini_project: Path,
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = start_serve(mini_project, port)
    waiting: list[socket.socket] = []
    try:
        wait_for(lambda: "Testland" in fetch(base))
        before = serve_threads(process.pid)
        waiting = open_connections(port, 150) + open_connections(port, 150, HALF_SENT)
        assert "Testland" in fetch(base), "answered while 300 wait"
        assert serve_threads(process.pid) <= before + PortalServer.max_workers
    finally:
        process.terminate()  # with 300 connections open
        output = process.communicate(timeout=SOCKET_TIMEOUT)[0]
    assert process.returncode == 0
    assert "Traceback" not in output
    assert all(closed_by_the_server(connection) for connection in waiting)
    assert not list(mini_project.glob(".staging-*")), "serve removed its folder"


def test_a_rebuild_under_way_when_serve_stops_skips_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve waits for a rebuild before it removes its folder: stopping must not wait for a whole
    build and search index that nobody will see."""
    done: list[str] = []
    monkeypatch.setattr(LiveBuild, "show_edited_record", lambda self: done.append("record"))
    monkeypatch.setattr(LiveBuild, "build", lambda self: done.append("build") or (1, []))
    monkeypatch.setattr(LiveBuild, "index_search", lambda self: done.append("index"))
    live, stopping = LiveBuild(tmp_path, tmp_path / "live"), threading.Event()
    rebuild(live, BuildStatus(), stopping)
    assert done == ["record", "build", "index"]
    done.clear()
    stopping.set()
    rebuild(live, BuildStatus(), stopping)
    assert done == ["record"]


def test_a_watched_folder_that_cannot_be_read_is_a_change_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "region.yaml").write_text("name: X\n")
    before = snapshot(tmp_path)
    assert str(tmp_path / "data" / "region.yaml") in before
    real_is_file = Path.is_file

    def denied(path: Path) -> bool:
        if path == tmp_path / "data":
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", denied)
    after = snapshot(tmp_path)  # what the watcher does; it must not end the watcher's thread
    assert str(tmp_path / "data" / "region.yaml") not in after
    assert after != before


def test_a_first_build_that_fails_does_not_promise_a_previous_version(
    mini_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_in(
        mini_project / "data" / "offers.yaml", "effectiveness: Onbekend", "effectiveness: Onbekendd"
    )
    assert not rebuild(LiveBuild(mini_project, tmp_path / "live"), BuildStatus())
    err = capsys.readouterr().err
    assert "Bouwen mislukt; er is nog geen versie om te tonen." in err
    assert "vorige versie" not in err
