"""Long work of the desk (validate everything, publish, verify, audit) off the request
thread: each job runs in its own thread, says what it is doing in lines people read, and
keeps its result (or the message of the error that stopped it) for the page that shows it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from opendata.errors import OpendataError


@dataclass
class Job:
    id: str
    kind: str  # check, publish, verify, audit
    lines: list[str] = field(default_factory=list)  # progress, as people read it
    result: Any = None
    error: str | None = None  # the message, in the desk's language
    done: bool = False

    def say(self, line: str) -> None:
        self.lines.append(line)


class Jobs:
    """The desk's jobs by id; at most one of each kind runs at a time."""

    def __init__(self, lang: str):
        self.lang = lang
        self.all: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, kind: str, work: Callable[[Job], Any]) -> Job:
        with self.lock:
            running = next((j for j in self.all.values() if j.kind == kind and not j.done),
                           None)
            if running is not None:
                return running
            job = Job(secrets.token_hex(8), kind)
            self.all[job.id] = job

        def run() -> None:
            try:
                job.result = work(job)
            except OpendataError as error:
                job.error = error.message(self.lang)
            except Exception as error:  # noqa: BLE001 — said on the page, never a crash
                from opendata import messages

                job.error = messages.render("internal-error", self.lang,
                                            reason=type(error).__name__)
            finally:
                job.done = True

        threading.Thread(target=run, name=f"desk-{kind}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        return self.all.get(job_id)

    def last(self, kind: str) -> Job | None:
        found = [j for j in self.all.values() if j.kind == kind]
        return found[-1] if found else None
