"""A fake CKAN and the sites it links to, misbehaving as a hostile network can: on loopback,
each answer bounded in count and time, stopping by itself.

``HostileSite(behaviour)`` answers every request as ``behaviour`` says (a dict, changeable
between requests):

- ``status``, ``headers``: the status line and extra headers;
- ``body``: bytes; or ``endless``: that many bytes of filler after it (cut by the client);
- ``trickle``: seconds between bytes (headers and body are sent a byte at a time);
- ``gzip``: the body is gzip-encoded (a bomb: little on the wire, much inflated);
- ``redirect``: a Location to send with a 302 (and the body after it);
- ``slow_read``: seconds to wait before reading a request's body (a slow upload line);
- ``actions``: action name → behaviour, for a fake portal's API.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_SECONDS = 20  # no answer of this server lasts longer, whatever its behaviour
CHUNK = 1 << 16


def ckan(result, status: int = 200) -> dict:
    return {"status": status, "headers": {"Content-Type": "application/json"},
            "body": json.dumps({"success": True, "result": result}).encode()}


def inflating(megabytes: int) -> bytes:
    """gzip of ``megabytes`` of zeros: about a thousandth of it on the wire."""
    return gzip.compress(b"\0" * (megabytes << 20), compresslevel=9)


class HostileSite:
    def __init__(self, behaviour: dict | None = None):
        self.behaviour = behaviour or {}
        self.requests: list[tuple[str, str, dict]] = []  # (method, path, headers)
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                self.answer()

            def do_HEAD(self):
                self.answer()

            def do_POST(self):
                time.sleep(site.behaviour.get("slow_read", 0))
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.answer()

            def answer(self):
                site.requests.append((self.command, self.path, dict(self.headers)))
                action = self.path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
                how = site.behaviour.get("actions", {}).get(action, site.behaviour)
                started = time.monotonic()
                try:
                    self.send(how, started)
                except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
                    pass  # the client cut it off, as it should
                self.close_connection = True

            def send(self, how: dict, started: float):
                body = how.get("body", b"")
                status = 302 if how.get("redirect") else how.get("status", 200)
                headers = {**how.get("headers", {})}
                if how.get("redirect"):
                    headers["Location"] = how["redirect"]
                if how.get("gzip"):
                    headers["Content-Encoding"] = "gzip"
                endless = how.get("endless", 0)
                if not endless:
                    headers.setdefault("Content-Length", str(len(body)))
                head = f"HTTP/1.1 {status} X\r\n" + "".join(
                    f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
                self.write(head.encode("latin-1"), how.get("trickle"), started)
                if self.command == "HEAD":
                    return
                self.write(body, how.get("trickle"), started)
                sent = 0
                while sent < endless and time.monotonic() - started < MAX_SECONDS:
                    self.wfile.write(b"x" * CHUNK)
                    sent += CHUNK

            def write(self, data: bytes, trickle: float | None, started: float):
                if not trickle:
                    self.wfile.write(data)
                    return
                for byte in data:
                    if time.monotonic() - started > MAX_SECONDS:
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(trickle)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
