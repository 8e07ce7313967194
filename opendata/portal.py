"""The portal client: CKAN's Action API through ckanapi, with timeouts and retries.

Every request has a timeout. Connection errors, timeouts, 5xx and 429 are retried with
exponential backoff by urllib3's ``Retry`` (honouring ``Retry-After``); other 4xx answers are
not retried. CKAN's errors become :class:`PortalError` in the staff's terms, and the API key
never appears in them: it is sent raw in ``Authorization`` (and ``X-CKAN-API-Key`` for old
CKAN), as data.gov.ua expects, and nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__, datagovua, messages
from .errors import OpendataError

TIMEOUT = (10, 120)  # seconds to connect, seconds to wait for an answer (uploads are slow)
RETRIES = 4
BACKOFF = 0.5  # 0.5, 1, 2, 4 s between tries


class PortalError(OpendataError):
    """The portal refused or failed a request."""


class Portal:
    def __init__(self, url: str, api_key: str, retries: int = RETRIES, backoff: float = BACKOFF):
        import ckanapi
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        self.url = url.rstrip("/")
        self._key = api_key
        retry = Retry(total=retries, connect=retries, read=retries, status=retries,
                      backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=None,  # CKAN's actions are POSTs
                      respect_retry_after_header=True, raise_on_status=False)
        session = requests.Session()
        session.mount("http://", HTTPAdapter(max_retries=retry))
        session.mount("https://", HTTPAdapter(max_retries=retry))
        self._ckan = ckanapi.RemoteCKAN(self.url, apikey=api_key, session=session,
                                        user_agent=f"opendata/{__version__}")

    def call(self, action: str, files: dict | None = None, **data) -> Any:
        import ckanapi
        import requests

        try:
            return self._ckan.call_action(action, data, files=files,
                                          requests_kwargs={"timeout": TIMEOUT})
        except ckanapi.NotFound:
            raise
        except ckanapi.ValidationError as error:
            raise PortalRefusal(error.error_dict if isinstance(error.error_dict, dict)
                                else {"": [str(error.error_dict)]})
        except ckanapi.NotAuthorized:
            raise PortalError("portal-not-authorized", portal=self.url, action=action)
        except ckanapi.CKANAPIError as error:
            raise PortalError("portal-failed", portal=self.url,
                              reason=self.redact(api_error_reason(error))[:300])
        except requests.RequestException as error:
            # the innermost cause, e.g. "[Errno 111] Connection refused" or "Read timed out."
            reason = one_line(error).rsplit(": ", 1)[-1].strip("()\"' ")
            raise PortalError("portal-unreachable", portal=self.url,
                              reason=self.redact(reason)[:300])

    def redact(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def user(self) -> str:
        """The portal user the key belongs to; a wrong key is refused here, before any change."""
        import ckanapi

        try:
            found = self.call("user_show")
        except ckanapi.NotFound:  # CKAN answers an unknown key as an anonymous visitor
            raise PortalError("portal-not-authorized", portal=self.url, action="user_show")
        return found["name"]

    def dataset(self, name: str) -> dict | None:
        """The dataset by name, or None. Never a search: portals may not index."""
        import ckanapi

        try:
            return self.call("package_show", id=name)
        except ckanapi.NotFound:
            return None

    def create_dataset(self, package: dict) -> dict:
        return self.call("package_create", **package)

    def update_dataset(self, dataset_id: str, changes: dict) -> dict:
        """Change some fields only; resources are left exactly as they are."""
        try:
            return self.call("package_revise", match={"id": dataset_id},
                             update=changes)["package"]
        except PortalError as error:
            if "Action name not known" not in error.params.get("reason", ""):
                raise
        # CKAN before 2.9 has no package_revise; its package_patch reads the dataset and
        # saves it whole, resources included
        return self.call("package_patch", id=dataset_id, **changes)

    def upload(self, action: str, path: Path, **fields) -> dict:
        with path.open("rb") as file:
            return self.call(action, files={"upload": (path.name, file)}, **fields)

    def download(self, url: str) -> bytes:
        """A resource's file, as anyone downloads it (for ``verify --deep``)."""
        import requests

        try:
            response = self._ckan.session.get(url, timeout=TIMEOUT,
                                              headers={"Authorization": self._key})
            response.raise_for_status()
        except requests.RequestException as error:
            raise PortalError("portal-unreachable", portal=self.url,
                              reason=self.redact(one_line(error))[:300])
        return response.content

    def patch_resource(self, resource_id: str, **fields) -> dict:
        return self.call("resource_patch", id=resource_id, **fields)

    def delete_resource(self, resource_id: str) -> None:
        self.call("resource_delete", id=resource_id)


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


def api_error_reason(error: Exception) -> str:
    """ckanapi reports an answer that is not CKAN's JSON as repr([url, status, body]):
    say it as "HTTP 500: <start of the body>"."""
    import ast

    try:
        _url, status, body = ast.literal_eval(str(error))
    except (ValueError, SyntaxError, TypeError):
        return one_line(error)
    body = " ".join(str(body).split())[:120]
    return f"HTTP {status}" + (f": {body}" if body else "")


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())
