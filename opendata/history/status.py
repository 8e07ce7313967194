"""What needs action: overdue datasets, unpublished changes, and drift on the portal.

``status`` reads the publication log and the local sources: when each dataset was last
really sent to the portal, when the next update is due by its frequency (the intervals
monitoring projects use), and whether its sources or passport changed since. ``verify``
checks that the portal still holds what the log says was published (without downloading,
unless asked) and that the log itself has not been edited.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from opendata import messages
from opendata.build.package import project_path
from opendata.history.log import Filters, PublicationLog
from opendata.paths import sha256_of
from opendata.portal.adopt import content_of
from opendata.portal.client import Portal
from opendata.project import datagovua
from opendata.project.definition import Definition

SENT = ("create-dataset", "update-dataset", "create-resource", "update-resource",
        "delete-resource")
DATASET_ACTIONS = ("create-dataset", "update-dataset", "adopt-dataset")


@dataclass
class DatasetStatus:
    name: str
    update_frequency: str | None
    last_published: str | None  # UTC time of the last change that reached the portal
    next_due: str | None
    overdue: bool
    days_overdue: int
    changed: bool  # sources or passport differ from what was last published
    never_published: bool
    changed_sources: list[str] = field(default_factory=list)
    missing_sources: list[str] = field(default_factory=list)  # named but not on disk
    # workbooks `new` copied whose original was edited after the copy (see origin)
    originals_changed: list[str] = field(default_factory=list)

    @property
    def urgency(self) -> tuple:
        return (not self.overdue, -self.days_overdue, not self.changed,
                not self.never_published, self.name)

    def json(self) -> dict:
        return asdict(self)


def dataset_status(definition: Definition, root: Path, log: PublicationLog, portal: str,
                   today: dt.date) -> DatasetStatus:
    rows = log.entries(Filters(dataset=definition.name, portal=portal))  # newest first
    sent = [r for r in rows if r["outcome"] == "ok" and r["action"] in SENT]
    frequency = datagovua.frequency_value(definition.passport.get("update_frequency") or "")
    last = sent[0]["time"] if sent else None
    days = datagovua.FREQUENCIES[frequency][1] if frequency else None
    due = overdue_days = None
    if last and days:
        due = dt.date.fromisoformat(last[:10]) + dt.timedelta(days=days)
        overdue_days = (today - due).days
    missing_sources = [project_path(r.path, root) for r in definition.resources
                       if not r.path.is_file()]
    changed_sources = [
        project_path(r.path, root) for r in definition.resources
        if project_path(r.path, root) in missing_sources
        or recorded(rows, source=project_path(r.path, root)) != sha256_of(r.path)]
    passport_changed = passport_digest(definition) != recorded(rows, actions=DATASET_ACTIONS)
    return DatasetStatus(
        name=definition.name, update_frequency=frequency, last_published=last,
        next_due=due.isoformat() if due else None,
        overdue=bool(overdue_days and overdue_days > 0),
        days_overdue=max(overdue_days or 0, 0),
        changed=bool(changed_sources) or passport_changed,
        never_published=not sent and not any(r["action"] == "adopt-dataset" for r in rows
                                             if r["outcome"] == "ok"),
        changed_sources=changed_sources, missing_sources=missing_sources,
        originals_changed=[str(r.origin[0]) for r in definition.resources
                           if r.origin is not None and r.original_changed])


def recorded(rows: list[dict], source: str | None = None, actions=None) -> str | None:
    """The sha256 the newest ok or skipped row recorded for a source (or a passport)."""
    for row in rows:
        if row["outcome"] not in ("ok", "skipped"):
            continue
        if source is not None and row["source"] == source:
            return row["source_sha256"]
        if actions is not None and row["action"] in actions:
            return row["sha256"]
    return None


def passport_digest(definition: Definition) -> str | None:
    try:
        return datagovua.passport_digest(datagovua.package_dict(definition.name,
                                                                definition.passport))
    except (KeyError, TypeError):  # an incomplete passport: validate says what is missing
        return None


@dataclass
class Difference:
    dataset: str | None
    resource: str | None
    problem: str  # a message code: verify-…
    expected: str | None = None
    found: str | None = None

    def json(self) -> dict:
        return asdict(self)

    def message(self, lang: str) -> str:
        return messages.render(self.problem, lang, expected=self.expected, found=self.found)


def verify(log: PublicationLog, portal: Portal, deep: bool = False,
           datasets: tuple[str, ...] | list[str] = ()) -> list[Difference]:
    """Differences between what the log says was published on ``portal`` and the portal.
    ``datasets`` (the project's) are looked at even when the log has nothing of them: the
    files the portal holds for them must be explained by the log too."""
    differences = [Difference(None, None, f"verify-log-{b.problem}", found=f"#{b.seq}")
                   for b in log.chain_breaks()]
    published: dict[str, dict] = {}
    for row in log.entries(Filters(portal=portal.url), newest_first=False):
        if row["outcome"] not in ("ok", "skipped") or row["action"] == "validate" or \
                not row["dataset"]:  # a run's own rows (what the portal said of itself)
            continue
        state = published.setdefault(row["dataset"], {"dataset": None, "files": {},
                                                      "hashes": set(), "adopted": {},
                                                      "moderation": None})
        if row["sha256"] and row["action"] not in DATASET_ACTIONS:
            state["hashes"].add(row["sha256"])
        if row["action"] == "adopt-resource":
            state["adopted"][row["resource_id"]] = row
        if row["action"] in DATASET_ACTIONS:
            state["dataset"] = row
            if row["outcome"] == "ok":
                state["moderation"] = json.loads(row["details"] or "{}").get("moderation")
        elif row["action"] == "delete-resource":
            state["files"].pop(row["resource"], None)
        elif row["action"] != "keep-resource":
            state["files"][row["resource"]] = row
    for name in datasets:
        if name not in published and portal.dataset(name) is not None:
            published[name] = {"dataset": None, "files": {}, "hashes": set(), "adopted": {},
                               "moderation": None}
    for name, state in sorted(published.items()):
        differences += verify_dataset(name, state, portal, deep)
    return differences


def verify_dataset(name: str, state: dict, portal: Portal, deep: bool) -> list[Difference]:
    shown = portal.dataset(name)
    if shown is None or shown.get("state") == "deleted":
        return [Difference(name, None, "verify-dataset-missing")]
    found = []
    if state["dataset"] is not None:
        passport = datagovua.portal_passport(shown, datagovua.PASSPORT_FIELDS)
        if state["moderation"] == "pending":  # private until the portal's moderators approve
            passport["private"] = False
        digest = datagovua.passport_digest(passport)
        if digest != state["dataset"]["sha256"]:
            found.append(Difference(name, None, "verify-passport-differs"))
    resources = {r["id"]: r for r in shown.get("resources", [])}
    for file, row in sorted(state["files"].items()):
        resource = resources.get(row["resource_id"])
        if resource is None:
            found.append(Difference(name, file, "verify-resource-missing"))
            continue
        if content_of(resource, state["adopted"]) != row["sha256"]:
            found.append(Difference(name, file, "verify-hash-differs", row["sha256"],
                                    resource.get("hash")))
        if resource.get("size") is not None and resource["size"] != row["bytes"]:
            found.append(Difference(name, file, "verify-size-differs", str(row["bytes"]),
                                    str(resource["size"])))
        if deep:
            digest, _size = portal.download(resource["url"])
            if digest != row["sha256"]:
                found.append(Difference(name, file, "verify-content-differs", row["sha256"],
                                        digest))
    # The chain shows edits and gaps, not the newest rows gone: anchor the log to the
    # portal, where every file we uploaded carries its sha256 in the resource's hash.
    for resource in shown.get("resources", []):
        if resource.get("hash") and resource["hash"] not in state["hashes"]:
            found.append(Difference(name, resource.get("name") or resource["id"],
                                    "verify-hash-unexplained", found=resource["hash"]))
    return found
