"""A proxy in front of the local portal that fails chosen requests, as real networks do."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

# rule(action, attempt number for that action) → a verdict. Before forwarding: "500",
# "drop" (the connection dies), "html" (an error page where JSON was expected),
# "refuse-quoting-key" (a refusal whose text repeats the API key, as a hostile portal's
# might). After
# forwarding, so that the portal did the work: "504-after" (a gateway gives up), "cut-after"
# (the connection dies), "slow-after" (the answer comes only after SLOW seconds, past the
# client's timeout). "429": too many requests, come back after RETRY_AFTER seconds (before
# forwarding). Or "pass".
Rule = Callable[[str, int], str]
SLOW = 4.0
RETRY_AFTER = 1


class FaultyProxy:
    def __init__(self, upstream: str, rule: Rule):
        self.upstream, self.rule = upstream.rstrip("/"), rule
        self.attempts: Counter[str] = Counter()  # requests received, per action
        self.forwarded: Counter[str] = Counter()  # requests the portal received
        self.times: list[tuple[str, float]] = []  # (action, when it arrived), in order
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.forward()

            def do_POST(self):
                self.forward()

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                action = self.path.rstrip("/").rsplit("/", 1)[-1]
                proxy.attempts[action] += 1
                proxy.times.append((action, time.monotonic()))
                verdict = proxy.rule(action, proxy.attempts[action])
                if verdict == "429":
                    self.send_response(429)
                    self.send_header("Retry-After", str(RETRY_AFTER))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if verdict == "drop":  # the connection dies without an answer
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if verdict == "html":  # a proxy's error page, with a 200 status
                    self.answer(200, "text/html",
                                b"<html><body><h1>Service Unavailable</h1></body></html>")
                    return
                if verdict == "refuse-quoting-key":  # a hostile portal repeats the key
                    key = self.headers.get("Authorization") or ""
                    self.answer(409, "application/json", json.dumps({
                        "success": False, "error": {
                            "__type": "Validation Error",
                            "name": [f"key {key} may not create datasets"],
                            "notes": [f"also {json.dumps(key)[1:-1]} and {key!r}"]}}).encode())
                    return
                if verdict == "500":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                answer = requests.request(self.command, proxy.upstream + self.path, data=body,
                                          headers=headers, timeout=60, allow_redirects=False)
                proxy.forwarded[action] += 1
                if verdict == "504-after":
                    self.send_response(504)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if verdict == "cut-after":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if verdict == "slow-after":
                    time.sleep(SLOW)
                try:
                    self.send_response(answer.status_code)
                    for key in ("Content-Type", "Location"):
                        if key in answer.headers:
                            self.send_header(key, answer.headers[key])
                    self.send_header("Content-Length", str(len(answer.content)))
                    self.end_headers()
                    self.wfile.write(answer.content)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as a slow answer's client does

            def answer(self, status: int, content_type: str, body: bytes):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
