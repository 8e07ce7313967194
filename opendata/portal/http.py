"""HTTP that nothing on the network can stretch: each answer within a deadline and a size.

requests bounds each read, not an answer: a server that sends its headers or body a byte at
a time is never cut, a gzip answer may inflate far past its size, and a redirect's body is
read whole before the redirect is followed. :class:`BoundedSession` is a requests session
that
- gives the whole answer (headers and body, from when the request was sent) a deadline: a
  watchdog shuts the connection's socket when it passes (:class:`AnswerTooSlow`); a
  streamed response's ``cut_off()`` says whether it did, so that a download cut short is
  never taken for the whole file;
- reads a body into memory only up to a size, counted on the wire and after decompression
  (:class:`AnswerTooLarge`); a streamed body (a download) is bounded by its reader;
- follows redirects itself, a few at most, never reading their bodies, and drops the key
  headers when a redirect leaves the host the request was for;
- waits for ``Retry-After`` only up to a cap: longer is a failure with its reason
  (:class:`RetryAfterTooLong`), never a sleep of a day;
- connects to an internal address (a private network, this machine, link-local) only for
  the hosts it is told to trust (:class:`InternalAddressRefused`): a link or redirect that a
  portal's data names cannot reach into the network the machine sits in. The address is
  checked once connected, so a name that resolves differently the second time cannot pass.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

MAX_REDIRECTS = 5
RETRY_AFTER_CAP = 300  # seconds: a portal that asks for more is failing, not busy
KEY_HEADERS = ("Authorization", "X-CKAN-API-Key")


class AnswerTooSlow(requests.Timeout):
    """The whole answer did not come within the deadline."""


class AnswerTooLarge(requests.RequestException):
    """The answer is larger than the size allowed (before or after decompression)."""


class RetryAfterTooLong(Exception):
    """The server asked to come back later than the cap. (Not a requests error: raised
    inside urllib3's retries, it must pass requests' adapter unchanged.)"""

    def __init__(self, seconds: float):
        super().__init__(f"Retry-After {seconds:.0f} s")
        self.seconds = seconds


class InternalAddressRefused(requests.ConnectionError):
    """The host is on an internal address and not one the session trusts."""


class Internal(Exception):
    """Raised inside urllib3 (not an OSError, so that it passes unchanged), said as
    :class:`InternalAddressRefused`."""


def is_internal(address: str) -> bool:
    """Whether an IP address is not on the public internet."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class Watch(threading.local):
    """The deadline of the request this thread is making, if any, and the hosts that may be
    on internal addresses (None: any)."""

    def __init__(self) -> None:
        self.deadline: Deadline | None = None
        self.trusted: frozenset[str] | None = None


WATCH = Watch()


class Watched:
    """A connection that puts its socket under the current request's deadline once the
    request is sent, when the answer is awaited (an upload's own time is not the answer's),
    and that refuses an internal address its request does not trust."""

    def _new_conn(self):  # type: ignore[no-untyped-def]
        sock = super()._new_conn()  # type: ignore[misc]
        trusted, host = WATCH.trusted, self.host.lower()  # type: ignore[attr-defined]
        if trusted is not None and host not in trusted:
            address = sock.getpeername()[0]
            if is_internal(address):
                sock.close()
                raise Internal(f"{host} is on an internal address ({address})")
        return sock

    def getresponse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if WATCH.deadline is not None and self.sock is not None:  # type: ignore[attr-defined]
            WATCH.deadline.watch(self.sock)  # type: ignore[attr-defined]
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class WatchedHTTPConnection(Watched, HTTPConnection):
    pass


class WatchedHTTPSConnection(Watched, HTTPSConnection):
    pass


class WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = WatchedHTTPConnection


class WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = WatchedHTTPSConnection  # type: ignore[assignment]


class CappedRetry(Retry):
    """urllib3's Retry, but a Retry-After past the cap is a failure, not a sleep."""

    def sleep_for_retry(self, response) -> bool:  # type: ignore[no-untyped-def]
        seconds = self.get_retry_after(response)
        if seconds is not None and seconds > RETRY_AFTER_CAP:
            raise RetryAfterTooLong(seconds)
        return super().sleep_for_retry(response)


class WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": WatchedHTTPPool,
                                                   "https": WatchedHTTPSPool}


class Deadline:
    """Shuts the sockets an answer is read from when ``seconds`` have passed since the first
    of them began to wait for it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.timer: threading.Timer | None = None

    def watch(self, sock: socket.socket) -> None:
        self.sockets.append(sock)
        if self.expired:
            self.expire()
        elif self.timer is None:
            self.timer = threading.Timer(self.seconds, self.expire)
            self.timer.daemon = True
            self.timer.start()

    def expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


class BoundedSession(requests.Session):
    """A requests session whose answers are bounded in time and size (see the module)."""

    def __init__(self, answer_seconds: float, max_bytes: int, retry: Retry | None = None,
                 *, trusted: list[str] | None):
        """``trusted``: the hosts that may be on an internal address (a local portal, the
        mirror the user named); None: any host may."""
        super().__init__()
        self.answer_seconds, self.max_bytes = answer_seconds, max_bytes
        self.trusted = None if trusted is None else frozenset(
            (urlsplit(h).hostname or h).lower() for h in trusted)
        adapter = WatchedAdapter(max_retries=retry or CappedRetry(0))
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method, url, **kwargs):  # type: ignore[no-untyped-def, override]
        """As requests' own; ``deadline``: seconds for this answer instead of the
        session's (a large download)."""
        streamed = kwargs.pop("stream", False)
        seconds = kwargs.pop("deadline", None) or self.answer_seconds
        follow = kwargs.pop("allow_redirects", True)
        origin = urlsplit(url)[:2]
        for _hop in range(MAX_REDIRECTS + 1):
            response, deadline = self.watched(seconds, method, url, **kwargs)
            if not (follow and response.is_redirect):
                break
            response.close()  # its body is never read
            deadline.cancel()
            url = urljoin(url, response.headers["location"])
            if response.status_code in (301, 302, 303) and method != "HEAD":
                method = "GET"
                kwargs.pop("data", None)
                kwargs.pop("files", None)
                kwargs.pop("json", None)
            if urlsplit(url)[:2] != origin:  # the key goes to its own host only
                headers = {k: v for k, v in (kwargs.get("headers") or {}).items()
                           if k not in KEY_HEADERS}
                kwargs["headers"] = {**headers, **{k: None for k in KEY_HEADERS}}
        else:
            response.close()
            deadline.cancel()
            raise requests.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")
        if response.is_redirect:  # one not followed: its body is nobody's business
            response.close()
            deadline.cancel()
            response._content = b""
            return response
        if streamed:  # the caller reads it, within the deadline, and closes it
            close = response.close

            def closing() -> None:
                deadline.cancel()
                close()

            response.close = closing  # type: ignore[method-assign]
            response.cut_off = lambda: deadline.expired  # type: ignore[attr-defined]
            return response
        try:
            self.read_body(response, deadline)
        finally:
            deadline.cancel()
        return response

    def send(self, request, **kwargs):  # type: ignore[no-untyped-def, override]
        """The adapter's answer as it is: requests' own send reads a redirect's whole body
        even when told not to follow it (to prepare the next request)."""
        kwargs.pop("allow_redirects", None)
        kwargs["stream"] = True
        return self.get_adapter(url=request.url).send(request, **kwargs)

    def watched(self, seconds, method, url, **kwargs):  # type: ignore[no-untyped-def]
        deadline = Deadline(seconds)
        WATCH.deadline, WATCH.trusted = deadline, self.trusted
        try:
            response = super().request(method, url, stream=True, allow_redirects=False,
                                       **kwargs)
        except requests.RequestException:
            deadline.cancel()
            if deadline.expired:
                raise AnswerTooSlow(f"no whole answer in {seconds:.0f} s") from None
            raise
        except Internal as refused:
            deadline.cancel()
            raise InternalAddressRefused(str(refused)) from None
        finally:
            WATCH.deadline, WATCH.trusted = None, None
        return response, deadline

    def read_body(self, response: requests.Response, deadline: Deadline) -> None:
        """The body into ``response.content``, at most ``max_bytes`` on the wire and after
        decompression."""
        chunks, size = [], 0
        try:
            for chunk in response.raw.stream(1 << 16, decode_content=True):
                size += len(chunk)
                if size > self.max_bytes or response.raw.tell() > self.max_bytes:
                    response.close()
                    raise AnswerTooLarge(f"an answer larger than {self.max_bytes >> 20} MB")
                chunks.append(chunk)
        except AnswerTooLarge:
            raise
        except Exception as error:  # urllib3's and the socket's, once the watchdog has cut
            response.close()
            if deadline.expired:
                raise AnswerTooSlow("no whole answer in time") from None
            raise requests.ConnectionError(str(error)) from None
        if deadline.expired:  # cut off: what came is not the whole answer
            raise AnswerTooSlow("no whole answer in time")
        response._content = b"".join(chunks)
        response._content_consumed = True  # type: ignore[attr-defined]

