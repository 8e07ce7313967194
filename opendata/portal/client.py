"""The portal client: CKAN's Action API through ckanapi, with timeouts and retries.

A portal is known before it is talked to: ``status_show`` (once per client) gives its CKAN
version and extensions, and the client picks its actions by what that version has — never
by reading the words of an error, which portals translate (data.gov.ua runs a 2019 fork of
CKAN 2.7.2 whose default language is Ukrainian). Errors are told apart by HTTP status and
CKAN's ``__type`` only.

Every request has a timeout. Reads (``package_show``, ``user_show``…) are retried with
exponential backoff by urllib3's ``Retry`` on connection errors, timeouts, 5xx and 429
(honouring ``Retry-After``). A write is sent again only when it certainly did not reach the
portal: the connection was never made, or the portal answered 429/503 with ``Retry-After``.
After any other failure (a timeout, a connection cut after sending, 500/502/504) the upload
may have landed, so :meth:`Portal.write` first asks the caller to look (``package_show``)
and only sends again if it did not. CKAN's errors become :class:`PortalError` in the staff's
terms, and the API key never appears in them: it is sent raw in ``Authorization`` (and
``X-CKAN-API-Key`` for old CKAN), as data.gov.ua expects, only to the portal's own host.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from opendata import __version__, messages
from opendata.errors import OpendataError
from opendata.project import datagovua

CONNECT_TIMEOUT = 10  # seconds to connect
ANSWER_TIMEOUT = 120  # seconds to wait for an answer (uploads are slow); OPENDATA_TIMEOUT
RETRIES = 4
BACKOFF = 0.5  # 0.5, 1, 2, 4 s between tries
DOWNLOAD_LIMIT = 2 << 30  # verify --deep reads at most this much of one file
DOWNLOAD_SECONDS = 1800  # a whole download, however slow the line
ANSWER_LIMIT = 64 << 20  # an action's answer (JSON), on the wire and decompressed
USER_AGENT = f"opendata/{__version__}"
PAGE = 100  # datasets per package_search request (CKAN allows up to 1000)
MAX_DATASETS = 100_000  # of one organization: far more than any has


class PortalError(OpendataError):
    """The portal refused or failed a request. ``ambiguous``: a write may have landed all
    the same (the answer was lost or was a server error)."""

    ambiguous = False


class PortalNotFound(PortalError):
    """The dataset or resource is not (or no longer) on the portal."""


# What CKAN gained when: the client asks a portal only for what its version has.
PACKAGE_REVISE_SINCE = (2, 9)  # package_revise; before it, package_patch
USER_SHOW_SELF_SINCE = (2, 10)  # user_show without id names the key's user
DASHBOARD_UNTIL = (2, 10)  # dashboard_* in CKAN's core: refused to anonymous visitors


@dataclass(frozen=True)
class PortalInfo:
    """What ``status_show`` says of a portal."""

    version: str
    extensions: tuple[str, ...]
    locale: str | None

    @property
    def release(self) -> tuple[int, ...]:
        """The version as numbers (``2.7.2`` → (2, 7, 2)); () if it says none."""
        numbers = re.findall(r"\d+", self.version)[:3]
        return tuple(int(n) for n in numbers)

    def since(self, release: tuple[int, ...]) -> bool:
        return bool(self.release) and self.release >= release

    def json(self) -> dict:
        return {"ckan_version": self.version, "extensions": list(self.extensions),
                "locale_default": self.locale}


@dataclass(frozen=True)
class Identity:
    """Whom the key speaks for, as far as the portal can say: ``user`` where it names
    users (CKAN 2.10 and later), else only that the key is accepted; ``organizations``:
    those it may create and update datasets in."""

    accepted: bool | None  # None: the portal has no way to say
    user: str | None
    fingerprint: str
    organizations: tuple[dict, ...]

    @property
    def shown(self) -> str:
        """The user for the log and the screen: its name, or the key's fingerprint."""
        return self.user or self.fingerprint

    def may_publish_to(self, organization: str) -> bool:
        return any(organization in (o.get("name"), o.get("id")) for o in self.organizations)

    def organization_names(self) -> str:
        return ", ".join(sorted(str(o.get("name")) for o in self.organizations)) or "—"


def key_fingerprint(key: str) -> str:
    """A short digest that tells keys apart in the log without revealing them."""
    return f"key-sha256:{hashlib.sha256(key.encode()).hexdigest()[:12]}" if key else ""


class UploadTooLarge(PortalError):
    """A file over the portal's upload limit: refused before it is sent, or by the portal."""


class Portal:
    def __init__(self, url: str, api_key: str, retries: int = RETRIES, backoff: float = BACKOFF,
                 timeout: float | None = None):
        import ckanapi

        from opendata.portal.http import BoundedSession, CappedRetry

        self.url = url.rstrip("/")
        self._key = api_key
        self._info: PortalInfo | None = None
        self.retries, self.backoff = retries, backoff
        answer = timeout or float(os.environ.get("OPENDATA_TIMEOUT") or ANSWER_TIMEOUT)
        self.timeout = (CONNECT_TIMEOUT, answer)

        def client(retry: CappedRetry):
            session = BoundedSession(answer, ANSWER_LIMIT, retry, trusted=[self.url])
            return ckanapi.RemoteCKAN(self.url, apikey=api_key, session=session,
                                      user_agent=USER_AGENT)

        self._reader = client(CappedRetry(
            total=retries, connect=retries, read=retries, status=retries,
            backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=None,  # CKAN's actions are POSTs, reads included
            respect_retry_after_header=True, raise_on_status=False))
        # a write again only if it never left, or the portal said "later" (Retry-After on
        # 413/429/503, which urllib3 honours even without a status list)
        self._writer = client(CappedRetry(
            total=retries, connect=retries, read=0, status=retries, other=0,
            backoff_factor=backoff, status_forcelist=(), allowed_methods=None,
            respect_retry_after_header=True, raise_on_status=False))

    def call(self, action: str, files: dict | None = None, write: bool = False, **data) -> Any:
        """One action; whatever the portal said comes back with the key taken out of it."""
        try:
            return self._call(action, files, write, **data)
        except PortalError as error:
            error.params = self.scrubbed(error.params)
            raise

    def scrubbed(self, value):
        """``value`` (text, or lists and mappings of it) without the key in any form."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {k: self.scrubbed(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.scrubbed(v) for v in value]
        return value

    def _call(self, action: str, files: dict | None, write: bool, **data) -> Any:
        import ckanapi
        import requests

        from opendata.portal.http import AnswerTooLarge, AnswerTooSlow, RetryAfterTooLong

        client = self._writer if write else self._reader
        try:
            return client.call_action(action, data, files=files,
                                      requests_kwargs={"timeout": self.timeout})
        except ckanapi.NotFound:
            raise PortalNotFound("portal-not-found", portal=self.url, action=action) from None
        except ckanapi.ValidationError as error:
            errors = error.error_dict if isinstance(error.error_dict, dict) \
                else {"": [str(error.error_dict)]}
            if set(errors) - {"__type"} == {"upload"}:  # CKAN's own size limit, or the like
                said = errors["upload"]
                said = "; ".join(map(str, said)) if isinstance(said, list) else str(said)
                raise UploadTooLarge("portal-upload-refused", portal=self.url,
                                     reason=self.redact(" ".join(said.split()))[:300]) from None
            raise PortalRefusal(errors) from None
        except ckanapi.NotAuthorized:
            raise PortalError("portal-not-authorized", portal=self.url, action=action) from None
        except (AnswerTooSlow, AnswerTooLarge, RetryAfterTooLong) as error:
            code = {AnswerTooSlow: "portal-too-slow", AnswerTooLarge: "portal-too-large",
                    RetryAfterTooLong: "portal-retry-after"}[type(error)]
            failure = PortalError(code, portal=self.url, action=action,
                                  seconds=int(getattr(error, "seconds", self.timeout[1])),
                                  limit=ANSWER_LIMIT >> 20)
            failure.ambiguous = isinstance(error, AnswerTooSlow)
            raise failure from None
        except RecursionError:  # JSON nested past what Python's parser takes
            raise PortalError("portal-failed", portal=self.url,
                              reason=f"{action}: an answer nested too deep") from None
        except ckanapi.CKANAPIError as error:
            status, reason = api_error(error)
            if status == 413:  # the portal's front server: the request body is too large
                raise UploadTooLarge("portal-upload-too-large", portal=self.url) from None
            failure = PortalError("portal-failed", portal=self.url,
                                  reason=self.redact(reason)[:300])
            failure.ambiguous = status is None or status >= 500
            raise failure from None
        except requests.RequestException as error:
            # the innermost cause, e.g. "[Errno 111] Connection refused" or "Read timed out."
            reason = one_line(error).rsplit(": ", 1)[-1].strip("()\"' ")
            failure = PortalError("portal-unreachable", portal=self.url,
                                  reason=self.redact(reason)[:300])
            failure.ambiguous = True
            raise failure from None

    def write(self, action: str, landed: Callable[[], dict | None], upload: Path | None = None,
              **data) -> dict:
        """Send a write. If it fails in a way that may have reached the portal, ``landed``
        looks at what the portal now holds: what it returns is taken as the answer; only
        if it returns None is the write sent again (with backoff, at most ``retries``
        times). Nothing is ever sent twice that the portal may already have."""
        for attempt in range(self.retries + 1):
            try:
                if upload is None:
                    return self.call(action, write=True, **data)
                with upload.open("rb") as file:
                    return self.call(action, files={"upload": (upload.name, file)},
                                     write=True, **data)
            except PortalError as error:
                if not error.ambiguous or attempt == self.retries:
                    raise
                time.sleep(self.backoff * 2 ** attempt)
                try:
                    found = landed()
                except PortalError:
                    raise error from None
                if found is not None:
                    return found
        raise AssertionError("unreachable")

    @property
    def session(self):
        """The reading session (retries, Retry-After); it holds no key of its own."""
        return self._reader.session

    @property
    def has_key(self) -> bool:
        return bool(self._key)

    def redact(self, text: str) -> str:
        """``text`` without the key: as it is, and as JSON, Python and URLs escape it."""
        if not self._key:
            return text
        import json
        from urllib.parse import quote

        for form in {self._key, json.dumps(self._key)[1:-1], repr(self._key)[1:-1],
                     quote(self._key, safe="")}:
            text = text.replace(form, "***")
        return text

    def about(self) -> PortalInfo:
        """The portal's CKAN version, extensions and language: asked once per client."""
        if self._info is None:
            found = self.call("status_show")
            if not isinstance(found, dict):
                raise PortalError("portal-failed", portal=self.url,
                                  reason="status_show: not CKAN's answer")
            extensions = found.get("extensions")
            self._info = PortalInfo(
                str(found.get("ckan_version") or ""),
                tuple(str(e) for e in extensions) if isinstance(extensions, list) else (),
                str(found["locale_default"]) if found.get("locale_default") else None)
        return self._info

    def identity(self) -> Identity:
        """Whom the key speaks for, and where it may publish; asks only what the portal's
        version has. CKAN takes an unknown key for an anonymous visitor, so "not accepted"
        is told by an action that refuses visitors."""
        info = self.about()
        fingerprint = key_fingerprint(self._key)
        if not self._key:
            return Identity(False, None, fingerprint, ())
        user: str | None = None
        accepted: bool | None = None
        if info.since(USER_SHOW_SELF_SINCE):
            try:
                user, accepted = str(self.call("user_show")["name"]), True
            except PortalNotFound:
                accepted = False
        elif info.release and info.release < DASHBOARD_UNTIL:
            try:
                self.call("dashboard_new_activities_count")
                accepted = True
            except PortalError as error:
                if error.code == "portal-not-authorized":
                    accepted = False
        organizations = self.call("organization_list_for_user", permission="create_dataset")
        organizations = tuple(o for o in organizations or [] if isinstance(o, dict))
        if accepted is None and organizations:
            accepted = True  # only a user the portal knows can publish anywhere
        return Identity(accepted, user, fingerprint, organizations)

    def user(self, organizations: list[str] | None = None) -> str:
        """The user the key belongs to (its fingerprint where the portal cannot name it).
        A key the portal does not accept, or one that may not publish to one of
        ``organizations``, is refused here, before anything is sent."""
        identity = self.identity()
        if identity.accepted is False:
            raise PortalError("portal-key-refused", portal=self.url)
        for organization in organizations or []:
            if not identity.may_publish_to(organization):
                raise PortalError("portal-no-rights", portal=self.url,
                                  organization=organization,
                                  allowed=identity.organization_names())
        return identity.shown

    def dataset(self, name: str) -> dict | None:
        """The dataset by name or id, or None. Never a search: portals may not index."""
        try:
            return self.call("package_show", id=name)
        except PortalNotFound:
            return None

    def create_dataset(self, package: dict) -> dict:
        def landed():
            return self.dataset(package["name"])

        return self.write("package_create", landed, **package)

    def update_dataset(self, dataset_id: str, changes: dict) -> dict:
        """Change some fields only; resources are left exactly as they are. The same
        change sent twice gives the same dataset, so it is simply sent again."""
        if self.about().since(PACKAGE_REVISE_SINCE):
            return self.write("package_revise", lambda: None, match={"id": dataset_id},
                              update=changes)["package"]
        # CKAN before 2.9 has no package_revise; its package_patch reads the dataset and
        # saves it whole, resources included
        return self.write("package_patch", lambda: None, id=dataset_id, **changes)

    def create_resource(self, dataset_id: str, path: Path, known: set[str],
                        **fields) -> dict:
        """Upload ``path`` as a new resource; after a lost answer, a resource that was not
        there before (not in ``known``) holding these very bytes is the one we created."""
        def landed():
            shown = self.dataset(dataset_id) or {}
            return next((r for r in shown.get("resources", []) if r["id"] not in known
                         and r.get("hash") == fields.get("hash")), None)

        return self.write("resource_create", landed, upload=path, package_id=dataset_id,
                          **fields)

    def replace_file(self, dataset_id: str, resource_id: str, path: Path, **fields) -> dict:
        """Upload ``path`` onto an existing resource: same id, same URL."""
        def landed():
            shown = self.dataset(dataset_id) or {}
            return next((r for r in shown.get("resources", []) if r["id"] == resource_id
                         and r.get("hash") == fields.get("hash")), None)

        return self.write("resource_patch", landed, upload=path, id=resource_id, **fields)

    def patch_resource(self, resource_id: str, **fields) -> dict:
        return self.write("resource_patch", lambda: None, id=resource_id, **fields)

    def delete_resource(self, resource_id: str) -> None:
        try:
            self.write("resource_delete", lambda: None, id=resource_id)
        except PortalNotFound:
            pass  # already gone: what was asked for

    def download(self, url: str, to: Path | None = None, limit: int = DOWNLOAD_LIMIT,
                 session=None, deadline: float = DOWNLOAD_SECONDS) -> tuple[str, int]:
        """The sha256 and size of a resource's file, read as a stream and written to ``to``
        if given. The key goes only to the portal's own host; at most ``limit`` bytes are
        read, on the wire and decompressed, within ``deadline`` seconds (more is an error,
        and a partial file is removed). ``session``: another session than the portal's
        (one without retries, for other hosts)."""
        import requests

        from opendata.portal.http import InternalAddressRefused

        own = urlsplit(url)[:2] == urlsplit(self.url)[:2]
        digest, size = hashlib.sha256(), 0
        try:
            with (session or self._reader.session).get(url, timeout=self.timeout, stream=True,
                                          deadline=deadline,
                                          headers={"Authorization": self._key}
                                          if own and self._key else {}) as response, \
                    (to.open("wb") if to else open(os.devnull, "wb")) as sink:
                response.raise_for_status()
                for block in response.iter_content(1 << 20):
                    size += len(block)
                    if size > limit or response.raw.tell() > limit:
                        raise PortalError("portal-download-too-large", url=url,
                                          limit=limit >> 20)
                    digest.update(block)
                    sink.write(block)
                if getattr(response, "cut_off", bool)():  # what came is not the whole file
                    raise PortalError("portal-too-slow", portal=self.url, action=url,
                                      seconds=int(deadline))
        except (requests.RequestException, PortalError) as error:
            if to is not None:
                to.unlink(missing_ok=True)
            if isinstance(error, PortalError):
                raise
            if isinstance(error, InternalAddressRefused):
                raise PortalError("portal-internal-address", url=url) from None
            raise PortalError("portal-unreachable", portal=self.url,
                              reason=self.redact(one_line(error))[:300]) from None
        return digest.hexdigest(), size

    def organization(self, name: str) -> dict:
        """The organization by name or id. An unknown one is PortalNotFound, naming the
        portal's closest organization names (a typo is the usual cause)."""
        import difflib

        try:
            return self.call("organization_show", id=name)
        except PortalNotFound:
            try:
                names = self.call("organization_list")
            except PortalError:
                names = []
        closest = difflib.get_close_matches(name, [str(n) for n in names], n=5, cutoff=0.5)
        raise PortalNotFound("organization-unknown", name=name, portal=self.url,
                             closest=", ".join(closest) or "—")

    def datasets_of(self, organization_id: str, page: int | None = None,
                    wait: Callable[[], None] | None = None) -> Iterator[dict]:
        """Every dataset of an organization, as package_search lists them, page by page
        (``fq`` on ``owner_org``, sorted by name so that pages do not overlap), each once;
        paging stops at a page that brings nothing new, and at MAX_DATASETS. ``wait`` is
        called before each request (to keep to a rate)."""
        start, rows, seen = 0, page or PAGE, set[str]()
        while start < MAX_DATASETS:
            if wait is not None:
                wait()
            found = self.call("package_search", fq=f'owner_org:"{organization_id}"',
                              rows=rows, start=start, sort="name asc",
                              include_private=bool(self._key))
            results = found.get("results") if isinstance(found, dict) else None
            results = [d for d in results or [] if isinstance(d, dict)]
            new = [d for d in results if str(d.get("id")) not in seen]
            seen.update(str(d.get("id")) for d in new)
            yield from new
            start += len(results)
            count = found.get("count") if isinstance(found, dict) else None
            # a page of nothing new ends it, whatever count the portal claims
            if not new or not isinstance(count, int) or start >= count:
                return


def portal_time(text) -> dt.datetime | None:
    """A timestamp as CKAN gives it (``2024-01-15T10:00:00.123456``, naive UTC; or with a
    zone, a space, only a date), in UTC without a zone; None for anything else."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def munged_file_name(name: str) -> str:
    """The file name CKAN gives an upload (ckan.lib.munge.munge_filename): lowercase, ASCII
    letters, digits, ``_ . -`` only, spaces as ``-``, 3 to 100 characters."""
    name = unicodedata.normalize("NFKD", name.lower().strip())
    name = re.sub(r"[^a-z0-9_. -]", "", name.encode("ascii", "ignore").decode())
    name = re.sub(r"-+", "-", name.replace(" ", "-"))
    stem, extension = os.path.splitext(name)
    extension = extension[:21]
    stem = stem.ljust(max(1, 3 - len(extension)), "_")[:100 - len(extension)]
    return stem + extension


class PortalRefusal(PortalError):
    """The portal refused some fields of a dataset; said with the passport's labels."""

    def __init__(self, errors: dict):
        refused = {field: "; ".join(map(str, problems)) if isinstance(problems, list)
                   else str(problems) for field, problems in sorted(errors.items())
                   if field != "__type"}
        super().__init__("portal-validation", refused=refused)

    def message(self, lang: str = "uk") -> str:
        parts = [f"«{datagovua.portal_field_label(field, lang)}» ({field}): {said}"
                 for field, said in self.params["refused"].items()]
        return messages.render("portal-validation", lang, details="; ".join(parts))


def api_error(error: Exception) -> tuple[int | None, str]:
    """ckanapi reports an answer that is not CKAN's JSON as repr([url, status, body]): its
    status, and a reason said as "HTTP 500: <start of the body>"."""
    import ast

    try:
        _url, status, body = ast.literal_eval(str(error))
    except (ValueError, SyntaxError, TypeError):
        return None, one_line(error)
    body = " ".join(str(body).split())[:120]
    return int(status), f"HTTP {status}" + (f": {body}" if body else "")


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())
