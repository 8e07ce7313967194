"""``opendata audit``: what an organisation really has on the portal, whoever published it.

Every dataset of the organisations is listed with ``package_search`` (``fq`` on
``owner_org``, a page at a time; the pages carry each dataset's passport and resources, so
nothing more is asked per dataset) and judged as monitors do: its last real update (the
newest resource ``last_modified``, else ``metadata_modified``) against its declared update
frequency (the intervals of ``status``), its passport against ``validate``'s rules, formats
that are not machine-readable, and links that answer with an error. With ``files``, each
table (uploaded, or linked) is downloaded once (a cache keyed by its URL and ``hash`` or
``last_modified``), its 835 standard detected and the file validated against it; the
verdict is kept beside the file, so a rerun neither downloads nor validates it again.

Link checks and downloads run on a few threads, each host (the portal, every linked site)
at a bounded rate; 429 and ``Retry-After`` are honoured. Only a small record per dataset is
kept. Nothing is ever written to the portal, and no key is needed for public data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from opendata.errors import OpendataError, OutputError
from opendata.paths import inside
from opendata.portal.client import USER_AGENT, Portal, PortalError, portal_time
from opendata.portal.http import BoundedSession
from opendata.project import datagovua
from opendata.standards.catalogue import cache_base

LINK_TIMEOUT = 15  # seconds for a link to answer
# threads; requests a second to one host at most (people who script data.gov.ua keep to
# about one a second)
JOBS, RATE = 8, 1.0
FILE_LIMIT = 50 << 20  # a table larger than this is not downloaded
DOWNLOAD_SECONDS = 300  # a table's whole download


@dataclass
class FileVerdict:
    resource: str
    standard: str | None = None  # the 835 standard the header follows, if one clearly does
    valid: bool | None = None  # against that standard; None without one
    errors: int = 0

    def json(self) -> dict:
        return {"resource": self.resource, "standard": self.standard, "valid": self.valid,
                "errors": self.errors}


@dataclass
class DatasetAudit:
    name: str
    organization: str
    title: str
    update_frequency: str | None
    last_updated: str | None
    next_due: str | None
    overdue: bool
    overdue_days: int
    passport_gaps: list[str]  # validate's metadata codes
    passport_fields: list[str]  # the passport field of each gap, in the same order
    not_machine_readable: list[str] = field(default_factory=list)
    dead_links: list[str] = field(default_factory=list)
    files: list[FileVerdict] = field(default_factory=list)

    @property
    def not_to_standard(self) -> bool:
        return any(f.valid is False for f in self.files)

    def json(self) -> dict:
        return {"name": self.name, "organization": self.organization, "title": self.title,
                "update_frequency": self.update_frequency, "last_updated": self.last_updated,
                "next_due": self.next_due, "overdue": self.overdue,
                "overdue_days": self.overdue_days, "passport_gaps": self.passport_gaps,
                "passport_fields": self.passport_fields,
                "not_machine_readable": self.not_machine_readable,
                "dead_links": self.dead_links, "files": [f.json() for f in self.files]}


@dataclass
class Audit:
    portal: str
    datasets: list[DatasetAudit] = field(default_factory=list)
    requests: int = 0  # made to the portal and to the links
    downloaded: int = 0  # files downloaded; those found in the cache are not
    cached: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def counted(self, throttle: Throttle, url: str) -> None:
        """Wait for the next request's turn at ``url``'s host, and count it."""
        throttle.wait(urlsplit(url).netloc)
        self.add(requests=1)

    def add(self, **counts: int) -> None:
        """Count from any thread."""
        with self.lock:
            for name, count in counts.items():
                setattr(self, name, getattr(self, name) + count)

    @property
    def summary(self) -> dict:
        return {"datasets": len(self.datasets),
                "overdue": sum(d.overdue for d in self.datasets),
                "incomplete": sum(bool(d.passport_gaps) for d in self.datasets),
                "not_machine_readable": sum(bool(d.not_machine_readable)
                                            for d in self.datasets),
                "not_to_standard": sum(d.not_to_standard for d in self.datasets)}

    @property
    def ok(self) -> bool:
        summary = self.summary
        return not summary["overdue"] and not summary["incomplete"]

    def json(self) -> dict:
        return {"portal": self.portal, "summary": self.summary,
                "datasets": [d.json() for d in self.datasets]}


class Throttle:
    """At most ``rate`` request starts a second to each host, across threads: the portal
    and every linked site get their own turns."""

    def __init__(self, rate: float):
        self.interval = 1 / rate if rate > 0 else 0.0
        self.lock = threading.Lock()
        self.next: dict[str, float] = {}

    def wait(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next.get(host, 0.0))
            self.next[host] = start + self.interval
        time.sleep(max(0.0, start - now))


def audit(portal: Portal, organizations: list[str], today: dt.date, files: bool = False,
          jobs: int = JOBS, rate: float = RATE,
          on_dataset: Callable[[int, int], None] | None = None,
          internal_links: bool = False) -> Audit:
    """Audit every dataset of ``organizations``. ``on_dataset(done, total)`` follows along.
    A link to an internal address is dead (nobody outside can follow it) and never requested
    unless ``internal_links``: anyone who can add a link to a dataset could otherwise make a
    monitor's machine call into its own network."""
    if files:
        from opendata.standards.catalogue import standards

        standards()  # no standards in the cache: say what to run before any download

    found = Audit(portal.url)
    throttle = Throttle(rate)
    # one try each, no key: links lead to other hosts; each answer bounded in time and size
    links_session = BoundedSession(LINK_TIMEOUT, FILE_LIMIT,
                                   trusted=None if internal_links else [portal.url])
    links_session.headers["User-Agent"] = USER_AGENT
    owners = []
    for organization in dict.fromkeys(organizations):  # each once, in the order given
        found.counted(throttle, portal.url)
        owners.append(portal.organization(organization)["id"])

    def page_turn() -> None:
        found.counted(throttle, portal.url)

    links: dict[str, Future] = {}  # one check per URL, however many datasets link it
    pending = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        def check(resource: dict) -> Future:
            if resource["url"] not in links:
                links[resource["url"]] = pool.submit(link_is_dead, links_session,
                                                     resource["url"], throttle, found)
            return links[resource["url"]]

        for owner in owners:
            for listed in portal.datasets_of(owner, wait=page_turn):
                shown = datagovua.normalised_dataset(listed)
                web = [r for r in shown["resources"]
                       if r.get("url", "").startswith(("http://", "https://"))]
                checks = [(r.get("name") or r["url"], check(r)) for r in web
                          if r.get("url_type") != "upload"]
                downloads = [pool.submit(file_verdict, portal, r, throttle, found,
                                         links_session) for r in web if files and
                             datagovua.resource_format(r) in datagovua.TABLE_FORMATS]
                pending.append((judge(shown, today), checks, downloads))
        for done, (record, checks, downloads) in enumerate(pending, 1):
            record.dead_links = [name for name, dead in checks if dead.result()]
            record.files = [download.result() for download in downloads]
            found.datasets.append(record)
            if on_dataset is not None:
                on_dataset(done, len(pending))
    return found


def judge(shown: dict, today: dt.date) -> DatasetAudit:
    """The verdicts that need nothing but the dataset as the portal lists it (``shown``,
    normalised: see datagovua.normalised_dataset)."""
    frequency = shown.get("update_frequency") or None
    resources = shown["resources"]
    stamps = [t for t in (portal_time(r.get("last_modified")) for r in resources) if t]
    moment = max(stamps) if stamps else portal_time(shown.get("metadata_modified"))
    last = moment.isoformat(timespec="seconds") if moment else None
    value = datagovua.frequency_value(frequency or "")
    days = datagovua.FREQUENCIES[value][1] if value else None
    due = overdue_days = None
    if moment and days:
        due = moment.date() + dt.timedelta(days=days)
        overdue_days = max((today - due).days, 0)
    findings = datagovua.check_passport(shown["name"], datagovua.passport_from_portal(shown))
    return DatasetAudit(
        name=shown["name"], organization=(shown.get("organization") or {}).get("name") or "",
        title=shown.get("title") or "", update_frequency=frequency, last_updated=last,
        next_due=due.isoformat() if due else None, overdue=bool(overdue_days),
        overdue_days=overdue_days or 0, passport_gaps=[f.code for f in findings],
        passport_fields=[str(f.field) for f in findings],
        not_machine_readable=[r.get("name") or r.get("url") or r["id"] for r in resources
                              if datagovua.resource_format(r) in datagovua.NOT_MACHINE_READABLE])


def link_is_dead(session, url: str, throttle: Throttle, found: Audit) -> bool:
    """Whether a link answers with an error (or not at all). HEAD first; a server that
    refuses HEAD is asked with GET, of which only the headers are read. A server that
    says "too many requests" is waited for once (its Retry-After, up to a minute); it
    answered, so it is not dead."""
    import requests

    methods = ["HEAD", "GET"]
    waited = False
    while methods:
        found.counted(throttle, url)
        try:
            with session.request(methods[0], url, timeout=(LINK_TIMEOUT, LINK_TIMEOUT),
                                 allow_redirects=True, stream=True) as answer:
                status, later = answer.status_code, answer.headers.get("Retry-After", "")
        except requests.RequestException:
            return True
        if status == 429:
            if waited or not later.isdigit() or int(later) > 60:
                return False
            time.sleep(int(later))
            waited = True
            continue
        if methods[0] == "HEAD" and status in (403, 405, 501):
            methods.pop(0)
            continue
        return status >= 400
    return True


def file_verdict(portal: Portal, resource: dict, throttle: Throttle, found: Audit,
                 links_session) -> FileVerdict:
    """Download an uploaded table (or take it from the cache), detect its standard and
    validate it against it."""
    from opendata.check.schemas import load_schema
    from opendata.check.validation import validate_file
    from opendata.standards.catalogue import INDEX, cache_folder
    from opendata.standards.detect import detect_sheets

    verdict = FileVerdict(resource.get("name") or resource["id"])
    try:
        path = cached_download(portal, resource, throttle, found, links_session)
    except PortalError:
        if resource.get("url_type") == "upload":  # the portal announces it, does not serve it
            verdict.valid, verdict.errors = False, 1
        return verdict  # a link that does not answer is a dead link, said as such
    except OSError as error:  # the cache cannot be written: disk full, read-only home
        raise OutputError.of(error, cache_base() / "audit") from None
    if path is None:  # larger than FILE_LIMIT: not judged
        return verdict
    # the verdict is kept beside the file, for the standards it was reached with
    standards = hashlib.sha256((cache_folder() / INDEX).read_bytes()).hexdigest()
    kept = verdict_path(path)
    try:
        known = json.loads(kept.read_text(encoding="utf-8"))
        if known.pop("standards") == standards:
            return FileVerdict(verdict.resource, **known)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # none yet, or not one we wrote: judged again
    try:
        opened, matches = detect_sheets(path)
        best = matches[0] if matches else None
        if best is not None and best.fits:
            verdict.standard = best.standard.name
            table = validate_file(path, load_schema(cache_folder() / best.standard.schema),
                                  opened.name)
            verdict.errors = table.errors
            verdict.valid = table.errors == 0
    except OpendataError:  # not readable as a table
        verdict.valid, verdict.errors = False, 1
    known = {"standards": standards, **verdict.json()}
    del known["resource"]
    try:
        kept.write_text(json.dumps(known), encoding="utf-8")
    except OSError as error:
        raise OutputError.of(error, kept) from None
    return verdict


def cached_download(portal: Portal, resource: dict, throttle: Throttle, found: Audit,
                    links_session) -> Path | None:
    """The resource's file in the cache, downloaded only if it is new to the cache. An
    upload's version is its ``hash`` or ``last_modified``; a linked file's is what its
    server says in ``ETag`` or ``Last-Modified`` (without either it is downloaded each
    time). Links are read with one try and no key."""
    import requests

    url, upload = resource["url"], resource.get("url_type") == "upload"
    session = None if upload else links_session
    if upload:
        version = resource.get("hash") or resource.get("last_modified") or \
            resource.get("metadata_modified") or ""
    else:
        found.counted(throttle, url)
        try:
            with links_session.head(url, timeout=(LINK_TIMEOUT, LINK_TIMEOUT),
                                    allow_redirects=True) as answer:
                version = answer.headers.get("ETag") or answer.headers.get("Last-Modified")
        except requests.RequestException:
            raise PortalError("portal-unreachable", portal=url, reason="no answer") from None
    suffix = "." + datagovua.resource_format(resource).lower()
    key = hashlib.sha256(f"{url}\n{version}".encode()).hexdigest()
    path = inside(cache_base() / "audit" / key[:2], f"{key}{suffix}", portal.url)
    if version is not None and path.is_file():
        found.add(cached=1)
        return path
    if str(resource.get("size") or "").isdigit() and int(resource["size"]) > FILE_LIMIT:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{threading.get_ident()}.partial")
    found.counted(throttle, url)
    try:
        portal.download(url, partial, FILE_LIMIT, session, DOWNLOAD_SECONDS)
    except PortalError as error:
        if error.code == "portal-download-too-large":
            return None
        raise
    partial.replace(path)
    verdict_path(path).unlink(missing_ok=True)  # a new download of a file without a version
    found.add(downloaded=1)
    return path


def verdict_path(path: Path) -> Path:
    """Where a cached file's verdict is kept: beside it."""
    return path.with_name(path.name + ".verdict.json")
