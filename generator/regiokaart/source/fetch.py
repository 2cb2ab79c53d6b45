"""Reading a web address within bounds: one deadline for the whole answer (connecting, redirects,
every byte) and a cap on its size, however slowly or endlessly a server sends.

urllib's timeout holds for each read on its own, so a server that sends a byte a second never
reaches it. Here a thread of its own reads, and the caller waits for it until the deadline at most;
then the connections it opened are shut, which ends its read. (A name lookup cannot be interrupted;
the caller does not wait for it either, and the thread ends when the lookup does.)
Only http and https are followed, redirects too. The answer may come packed with gzip (asked for:
a JSON file is a tenth of its size so); it is unpacked as it comes, and the cap holds for what it
unpacks to.
"""

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from typing import Any, cast

CHUNK = 64 * 1024


class FetchFailed(Exception):
    """The address could not be read within its bounds; message and hint say why, in Dutch."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


NETWORK_HINT = "is er een netwerkverbinding? Download het bestand anders en geef het bestandspad"
SLOW_HINT = "probeer het later opnieuw, of download het bestand en geef het bestandspad"


# Why a redirect to an address is not followed (in Dutch), or None to follow it.
RedirectRule = Callable[[str], str | None]


def fetch(
    url: str,
    *,
    max_bytes: int,
    seconds: float,
    user_agent: str,
    redirect_refused: RedirectRule | None = None,
) -> bytes:
    """The body of the answer at url (http or https), at most max_bytes, all within seconds. A
    redirect is followed unless redirect_refused gives a reason for its address."""
    download = _Download(url, max_bytes, seconds, user_agent, redirect_refused)
    worker = threading.Thread(target=download.run, name="regiokaart-fetch", daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    if worker.is_alive():
        download.stop()
        raise FetchFailed(too_slow(seconds, download.received), SLOW_HINT)
    if download.failure is not None:
        raise download.failure
    return bytes(download.body)


def too_slow(seconds: float, received: int) -> str:
    got = f"{received:,} bytes ontvangen".replace(",", ".") if received else "nog niets ontvangen"
    return (
        f"de webserver is te traag: het bestand was niet binnen {seconds:g} seconden binnen ({got})"
    )


def too_big(max_bytes: int) -> str:
    return f"het bestand is te groot: groter dan {max_bytes:,} bytes".replace(",", ".")


class _Download:
    """One download in its worker thread; the caller reads received, body and failure after it."""

    def __init__(
        self,
        url: str,
        max_bytes: int,
        seconds: float,
        user_agent: str,
        redirect_refused: RedirectRule | None = None,
    ) -> None:
        self.url, self.max_bytes, self.seconds = url, max_bytes, seconds
        self.user_agent = user_agent
        self.redirect_refused = redirect_refused
        self.body = bytearray()
        self.received = 0
        self.failure: FetchFailed | None = None
        # A copy of each connection's socket: shutting it ends a read of the connection in any
        # thread, also while TLS is set up (when the connection has no socket object of its own).
        self._copies: list[socket.socket] = []
        self._stopped = self._released = False
        self._lock = threading.Lock()

    def watch(self, connection: socket.socket) -> None:
        """A connection of this download, to be shut when it is stopped (at once if it is)."""
        copy = connection.dup()
        with self._lock:
            if self._released:
                copy.close()
                return
            self._copies.append(copy)
            if self._stopped:
                _shut(copy)

    def stop(self) -> None:
        """The caller gives up: end every read of this download."""
        with self._lock:
            self._stopped = True
            for copy in self._copies:
                _shut(copy)

    def run(self) -> None:
        try:
            self._read()
        except FetchFailed as failure:
            self.failure = failure
        except urllib.error.HTTPError as error:
            self.failure = FetchFailed(http_error_reason(error))
        except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as error:
            if isinstance(getattr(error, "reason", error), TimeoutError):
                # One wait took the whole deadline: as slow as the caller gives up on.
                self.failure = FetchFailed(too_slow(self.seconds, self.received), SLOW_HINT)
            else:
                reason = network_reason(error)
                self.failure = FetchFailed(f"webadres niet bereikbaar: {reason}", NETWORK_HINT)
        finally:
            with self._lock:
                self._released = True
                for copy in self._copies:
                    copy.close()
                self._copies.clear()

    def _read(self) -> None:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip"}
        request = urllib.request.Request(self.url, headers=headers)
        with self._opener().open(request, timeout=self.seconds) as response:
            unpacked = _unpacking(response.headers.get("Content-Encoding", ""))
            declared = response.headers.get("Content-Length", "")
            if unpacked is None and declared.strip().isdigit() and int(declared) > self.max_bytes:
                raise FetchFailed(too_big(self.max_bytes))
            while chunk := response.read1(CHUNK):
                room = self.max_bytes - len(self.body)
                self.body += chunk if unpacked is None else unpacked.more(chunk, room)
                self.received = len(self.body)
                if self.received > self.max_bytes:
                    raise FetchFailed(too_big(self.max_bytes))
                if self._stopped:
                    return
            if unpacked is not None:
                unpacked.end()

    def _opener(self) -> urllib.request.OpenerDirector:
        """urllib's opener for http and https only (no ftp or file), with watched connections."""
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            urllib.request.UnknownHandler(),
            _HTTPHandler(self),
            _HTTPSHandler(self),
            urllib.request.HTTPDefaultErrorHandler(),
            _RedirectHandler(self.redirect_refused),
            urllib.request.HTTPErrorProcessor(),
        ):
            opener.add_handler(handler)
        return opener


class _Gunzip:
    """A gzip body unpacked as it comes, never to more than the room left and one byte (which
    says it is too big): a small packed file cannot grow to fill the memory."""

    def __init__(self) -> None:
        self._unpacker = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)  # gzip header and trailer

    def more(self, chunk: bytes, room: int) -> bytes:
        try:
            unpacked = self._unpacker.decompress(chunk, max(room, 0) + 1)
        except zlib.error:
            raise FetchFailed(PACKED_DAMAGED) from None
        if self._unpacker.eof and self._unpacker.unused_data:
            # Bytes after the end: another gzip member or padding, which no web server sends;
            # taken as damage, so they cannot pile up outside the cap.
            raise FetchFailed(PACKED_DAMAGED)
        return unpacked

    def end(self) -> None:
        if not self._unpacker.eof:
            raise FetchFailed("het ingepakte bestand (gzip) is niet compleet aangekomen")


PACKED_DAMAGED = "het ingepakte bestand (gzip) is beschadigd"


def _unpacking(encoding: str) -> _Gunzip | None:
    """How a body with this Content-Encoding is unpacked: None when it is not packed."""
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return None
    if name in ("gzip", "x-gzip"):
        return _Gunzip()
    shown = _shown(encoding.strip())
    raise FetchFailed(
        f"de webserver stuurt het bestand ingepakt als '{shown}'; regiokaart leest alleen gzip"
    )


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """urllib's redirects (http and https only, no loops), each address asked of a rule first."""

    def __init__(self, refused: RedirectRule | None) -> None:
        super().__init__()
        self._refused = refused

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        reason = self._refused(newurl) if self._refused is not None else None
        if reason is not None:
            fp.close()
            raise FetchFailed(f"de webserver verwijst door naar {_shown(newurl)}: {reason}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _shut(connection: socket.socket) -> None:
    """End the connection's reads in any thread (close alone would not wake a blocked read)."""
    with contextlib.suppress(OSError):  # already shut or closed
        connection.shutdown(socket.SHUT_RDWR)


MAX_SHOWN_LOCATION = 200  # characters of a redirect's target shown in a message


def http_error_reason(error: urllib.error.HTTPError) -> str:
    """Why an answer with an HTTP error code could not be used, in Dutch: a redirect that is not
    followed (not http or https, or a loop) is said as such, not as a bare code."""
    if 300 <= error.code < 400:
        location = error.headers.get("Location", "") if error.headers is not None else ""
        target = f" ({_shown(location)})" if location else ""
        return (
            f"de webserver verwijst door naar een adres dat niet gevolgd wordt{target}: "
            "alleen http en https, en niet in een kring"
        )
    return f"de webserver antwoordt met foutcode {error.code}"


def _shown(location: str) -> str:
    """A redirect's target as a message shows it: ASCII, at most MAX_SHOWN_LOCATION characters."""
    shown = location.encode("ascii", "backslashreplace").decode("ascii")
    return shown[:MAX_SHOWN_LOCATION] + "…" if len(shown) > MAX_SHOWN_LOCATION else shown


def network_reason(error: Exception) -> str:
    """Why a web address could not be read, in a few Dutch words."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, socket.gaierror):
        return "de naam van de server is niet te vinden"
    if isinstance(reason, ConnectionRefusedError):
        return "de server weigert de verbinding"
    if isinstance(reason, http.client.HTTPException):
        return "de server gaf een onleesbaar antwoord"
    if isinstance(reason, ValueError):
        return "geen geldig webadres"
    return "geen verbinding"


class _WatchedHTTP(http.client.HTTPConnection):
    """A connection whose socket the download watches from the moment it exists (http.client
    opens it through _create_connection, and wraps it for TLS afterwards)."""

    def __init__(self, *args: Any, download: _Download, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        def create_watched(*args: Any, **kwargs: Any) -> socket.socket:
            connection = socket.create_connection(*args, **kwargs)
            download.watch(connection)
            return connection

        self._create_connection: Callable[..., socket.socket] = create_watched


class _WatchedHTTPS(_WatchedHTTP, http.client.HTTPSConnection):
    pass


# urllib's handlers make a connection of the class they are given, with the arguments they are
# given; typeshed knows only the standard constructor, hence the casts.


class _Watching:
    """What both handlers below share: the download whose connections they make."""

    def __init__(self, download: _Download) -> None:
        super().__init__()
        self._download = download


class _HTTPHandler(_Watching, urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(cast(Any, _WatchedHTTP), req, download=self._download)


class _HTTPSHandler(_Watching, urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(cast(Any, _WatchedHTTPS), req, download=self._download)
