"""Reading ahead: the next item of a reader made in another thread while this one is used."""

from __future__ import annotations

import threading
from collections.abc import Iterator


def ahead(items: Iterator) -> Iterator:
    """``items``, the next one made in another thread while this one is used: Arrow's CSV
    reader parses the next block while the columns of this one are checked, a workbook's
    next block of XML is unzipped while this one is looked at. What the reader raises is
    raised here, in turn."""
    import queue

    waiting: queue.Queue = queue.Queue(maxsize=1)
    done = object()
    stop = threading.Event()

    def hand(entry: tuple) -> bool:
        """Put ``entry`` in the queue unless the consumer has stopped (then never block)."""
        while not stop.is_set():
            try:
                waiting.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not hand((item, None)):
                    return
            hand((done, None))
        except BaseException as error:  # noqa: BLE001 — handed to the consumer
            hand((done, error))

    producer = threading.Thread(target=produce, daemon=True)
    producer.start()
    try:
        while True:
            item, error = waiting.get()
            if error is not None:
                raise error
            if item is done:
                return
            yield item
    finally:
        stop.set()
        producer.join()
