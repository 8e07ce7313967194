"""``opendata portal check``: what staff run before their first publish, and whenever one fails.

Read-only. It asks the portal what it runs, whether the key is accepted and whom it speaks
for, where that key may publish, which licences the portal knows, and says for each thing
that would stop a publish what to do about it. Parts that need no key are checked without.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opendata import messages
from opendata.errors import DefinitionError
from opendata.portal.client import PACKAGE_REVISE_SINCE, Identity, Portal, PortalInfo
from opendata.project import datagovua
from opendata.project.config import Project


@dataclass
class Item:
    """One thing checked: ``ok`` False stops a publish; None is information."""

    code: str
    ok: bool | None
    params: dict = field(default_factory=dict)

    def message(self, lang: str) -> str:
        return messages.render(f"check-{self.code}", lang, **self.params)

    def json(self, lang: str) -> dict:
        return {"code": self.code, "ok": self.ok, "message": self.message(lang)}


@dataclass
class PortalCheck:
    portal: str
    info: PortalInfo
    identity: Identity
    max_upload_mb: float
    organization: str | None
    licenses_used: list[str]
    licenses_unknown: list[str]
    items: list[Item]

    @property
    def ok(self) -> bool:
        return all(item.ok is not False for item in self.items)

    def json(self, lang: str) -> dict:
        return {
            "portal": self.portal, "ok": self.ok, **self.info.json(),
            "package_revise": self.info.since(PACKAGE_REVISE_SINCE),
            "key": {"given": bool(self.identity.fingerprint),
                    "accepted": self.identity.accepted, "user": self.identity.user,
                    "fingerprint": self.identity.fingerprint or None},
            "organizations": sorted(str(o.get("name")) for o in self.identity.organizations),
            "organization": None if self.organization is None else {
                "name": self.organization,
                "may_publish": self.identity.may_publish_to(self.organization)},
            "licenses": {"used": self.licenses_used, "unknown": self.licenses_unknown},
            "max_upload_mb": self.max_upload_mb,
            "checks": [item.json(lang) for item in self.items],
        }


def check_portal(portal: Portal, max_upload_mb: float, project: Project | None) -> PortalCheck:
    """Ask the portal; ``project`` (if the check runs in one) names the organization and the
    licences its definitions use."""
    info = portal.about()
    items = [Item("version", None, {"version": info.version or "?",
                                    "extensions": ", ".join(info.extensions) or "—"})]
    identity = portal.identity()
    if not identity.fingerprint:
        items.append(Item("key-missing", False))
    elif identity.accepted is False:
        items.append(Item("key-refused", False))
    else:
        items.append(Item("key-accepted" if identity.user else "key-accepted-unnamed",
                          identity.accepted, {"user": identity.user,
                                              "fingerprint": identity.fingerprint}))
    organization = project.organization if project else None
    if identity.accepted is not False and identity.fingerprint:
        items.append(Item("organizations", None, {"names": identity.organization_names()}))
    if organization and identity.fingerprint and identity.accepted is not False:
        allowed = identity.may_publish_to(organization)
        items.append(Item("organization-ok" if allowed else "organization-refused", allowed,
                          {"organization": organization}))
    used: list[str] = []
    if project is not None:
        try:
            definitions = project.definitions()
        except DefinitionError:  # validate names what is wrong with a definition
            definitions = []
        used = sorted({datagovua.license_id(d.passport) for d in definitions} - {""})
    known = {str(item.get("id")) for item in portal.call("license_list") or []
             if isinstance(item, dict)}
    unknown = [license_ for license_ in used if license_ not in known]
    if used:
        items.append(Item("licenses-unknown" if unknown else "licenses-ok", not unknown,
                          {"licenses": ", ".join(unknown or used)}))
    items.append(Item("upload-limit", None, {"limit": f"{max_upload_mb:g}"}))
    items.append(Item("package-revise" if info.since(PACKAGE_REVISE_SINCE)
                      else "package-patch", None))
    return PortalCheck(portal.url, info, identity, max_upload_mb, organization, used, unknown,
                       items)
