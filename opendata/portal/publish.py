"""``opendata publish``: plan what differs from the portal, then carry out that same plan.

Before anything else the key is checked: the portal must accept it and let it publish to
every organization the definitions name. Each dataset is validated and built; an invalid
one is never sent. The plan compares the build with the portal's ``package_show`` (never a
search): the dataset is created, or its changed passport fields are updated
(``package_revise``, or ``package_patch`` on CKAN before 2.9; neither drops resources);
each file is created, updated in place on its existing resource (same id, same URL), or
left alone. A file is unchanged when its sha256 equals the resource's ``hash`` field, which
is set with every upload: nothing is downloaded to compare. A file over the portal's upload
limit stops its dataset before anything is sent. Resources the definition no longer has
are only reported, and removed with ``prune``. A new dataset that the portal keeps private
for its moderators is reported as waiting for moderation, not as a failure.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opendata.build.package import Build, build_dataset
from opendata.history.log import Filters, PublicationLog, new_run_id
from opendata.portal.adopt import adopted_resources, content_of
from opendata.portal.client import (
    Portal,
    PortalError,
    PortalInfo,
    UploadTooLarge,
    munged_file_name,
)
from opendata.project import datagovua
from opendata.project.definition import Definition

DATAPACKAGE_TITLE = "Опис пакета даних (datapackage.json)"


@dataclass
class FileStep:
    """One file of the build and what to do with its resource on the portal."""

    file: str  # the file name: also the end of an uploaded resource's URL
    title: str
    format: str
    action: str  # create | update | skip | delete | keep
    reason: str  # new | content-changed | metadata-changed | unchanged | removed
    path: Path | None = None
    sha256: str | None = None
    old_sha256: str | None = None
    bytes: int | None = None
    resource_id: str | None = None
    url: str | None = None
    source: str | None = None
    source_sha256: str | None = None
    outcome: str | None = None  # ok | failed | skipped, once carried out; too-large
    error: str | None = None

    def json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "path"}


@dataclass
class DatasetPlan:
    dataset: str
    action: str  # create | update | unchanged | invalid
    build: Build
    package: dict = field(default_factory=dict)
    changes: dict = field(default_factory=dict)  # field → {"old", "new"}
    files: list[FileStep] = field(default_factory=list)
    dataset_id: str | None = None
    url: str | None = None
    outcome: str | None = None  # ok | failed | unchanged | invalid | planned
    error: str | None = None
    known_ids: set[str] = field(default_factory=set)  # the dataset's resources, all of them
    stopped: PortalError | None = None  # why the plan stops before sending anything
    moderation: str | None = None  # "pending": public once the portal's moderators approve

    def error_message(self, lang: str) -> str | None:
        return self.error or (self.stopped.message(lang) if self.stopped else None)

    @property
    def uploads(self) -> list[FileStep]:
        return [f for f in self.files if f.action in ("create", "update") and f.path]


def plan_dataset(definition: Definition, build: Build, portal: Portal, private: bool,
                 prune: bool, published: dict[str, str] | None = None,
                 adopted: dict[str, dict] | None = None, max_upload_mb: float | None = None,
                 awaiting_moderation: bool = False) -> DatasetPlan:
    """The plan for one dataset. A file is matched with its portal resource by the id the
    log recorded when it was published (``published``: file → resource id); a file the log
    does not know is matched by the name CKAN gave its upload. Two resources claiming one
    file stop the plan: nothing is changed until people decide which one stays. A resource
    uploaded by hand has no ``hash``: its content is the one ``adopt`` downloaded
    (``adopted``: resource id → the log's adopt row) while the portal shows no upload since.
    A file over ``max_upload_mb`` stops the plan. ``awaiting_moderation``: the portal was
    asked to make the dataset public and keeps it private for its moderators: asking
    again is no change."""
    if build.folder is None:
        return DatasetPlan(definition.name, "invalid", build, outcome="invalid")
    package = datagovua.package_dict(definition.name, definition.passport, private)
    shown = portal.dataset(definition.name)
    plan = DatasetPlan(definition.name, "create" if shown is None else "update", build, package,
                       url=f"{portal.url}/dataset/{definition.name}")
    resources: list[dict] = []
    if shown is not None:
        plan.dataset_id = shown["id"]
        plan.changes = datagovua.package_changes(package, shown)
        if shown.get("state") == "deleted":  # deleted on the portal: its name is still taken
            plan.changes["state"] = {"old": "deleted", "new": "active"}
        if awaiting_moderation and plan.changes.get("private") == {"old": True, "new": False}:
            del plan.changes["private"]
            plan.moderation = "pending"
        resources = shown.get("resources", [])
        plan.known_ids = {r["id"] for r in resources}
    locals_ = local_files(build, definition)
    portal_only = {r["id"] for r in definition.portal_only}
    by_id = {r["id"]: r for r in resources if r["id"] not in portal_only}
    published = published or {}
    matched = {step.file: by_id.pop(published[step.file]) for step in locals_
               if published.get(step.file) in by_id}
    unclaimed = [r for r in by_id.values() if uploaded_name(r)]
    for step in locals_:
        if step.file in matched:
            continue
        claims = [r for r in unclaimed if uploaded_name(r) == munged_file_name(step.file)]
        if len(claims) > 1:
            plan.outcome, plan.stopped = "failed", DuplicateResources(step.file, claims)
            return plan
        if claims:
            matched[step.file] = claims[0]
            unclaimed.remove(claims[0])
    for step in locals_:
        resource = matched.get(step.file)
        plan.files.append(file_step(step, resource, content_of(resource, adopted or {})))
    for resource in resources:
        if resource["id"] in portal_only:
            plan.files.append(FileStep(resource.get("name") or resource["id"],
                                       resource.get("name") or "", resource.get("format", ""),
                                       "keep", "portal-only", resource_id=resource["id"],
                                       url=resource.get("url")))
    for resource in unclaimed:  # on the portal, no longer in the definition
        name = uploaded_name(resource) or resource["id"]
        plan.files.append(FileStep(name, resource.get("name") or name,
                                   resource.get("format", ""), "delete" if prune else "keep",
                                   "removed", resource_id=resource["id"],
                                   url=resource.get("url")))
    if shown is not None and not plan.changes and all(
            f.action in ("skip", "keep") for f in plan.files):
        plan.action = "unchanged"
    too_large = [f for f in plan.uploads if max_upload_mb is not None and
                 (f.bytes or 0) > max_upload_mb * 1024 * 1024]
    for step in too_large:
        step.outcome = "too-large"
    if too_large:
        plan.outcome = "failed"
        plan.stopped = UploadTooLarge(
            "plan-upload-too-large", file=too_large[0].file,
            size=f"{(too_large[0].bytes or 0) / 1024 / 1024:.1f}", limit=f"{max_upload_mb:g}")
    return plan


class DuplicateResources(PortalError):
    """Two resources of a dataset claim the same file."""

    def __init__(self, file: str, claims: list[dict]):
        super().__init__("plan-duplicate-resources", file=file,
                         ids=", ".join(r["id"] for r in claims))


def awaiting_moderation(log: PublicationLog, portal: str, dataset: str) -> bool:
    """Whether the last change of the dataset itself on ``portal`` left it waiting for the
    portal's moderators."""
    for row in log.entries(Filters(dataset=dataset, portal=portal)):  # newest first
        if row["action"] in ("create-dataset", "update-dataset") and row["outcome"] == "ok":
            return json.loads(row["details"] or "{}").get("moderation") == "pending"
    return False


def published_resources(log: PublicationLog, portal: str, dataset: str) -> dict[str, str]:
    """File → the resource id the log last recorded for it on ``portal`` (files whose
    resource was deleted left out)."""
    found: dict[str, str | None] = {}
    for row in log.entries(Filters(dataset=dataset, portal=portal)):  # newest first
        if row["resource"] in found or row["outcome"] not in ("ok", "skipped") or \
                not row["resource_id"]:
            continue
        found[row["resource"]] = None if row["action"] == "delete-resource" \
            else row["resource_id"]
    return {file: rid for file, rid in found.items() if rid}


def uploaded_name(resource: dict) -> str | None:
    if resource.get("url_type") != "upload" or not resource.get("url"):
        return None
    return resource["url"].rstrip("/").rsplit("/", 1)[-1]


def local_files(build: Build, definition: Definition) -> list[FileStep]:
    """The files of a build, in the order the portal should list them. A spreadsheet
    published as it is keeps its title as the definition has it, which is the portal's
    after ``adopt``; ``datapackage.json`` is published once some resource is converted."""
    assert build.folder is not None and build.manifest is not None  # a build that was made
    package = json.loads((build.folder / "datapackage.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in build.manifest["files"]}
    sources = {s["resource"]: s for s in build.manifest["sources"]}
    as_is = {r.name: r for r in definition.resources if r.as_is}
    steps = []
    for described in package["resources"]:
        resource = described["name"]
        for suffix in ("-json", "-structure", "-source"):
            resource = resource.removesuffix(suffix)
        origin = sources.get(resource, {})
        format_ = described["format"].upper()
        title = described.get("title", described["name"])
        if described["name"] in as_is:
            kept = as_is[described["name"]]
            title = kept.title
            format_ = format_ if kept.portal_format is None else kept.portal_format.upper()
        elif not described["name"].endswith("-structure"):
            title = f"{title} ({format_})"
        steps.append(FileStep(described["path"], title, format_, "", "",
                              build.folder / described["path"],
                              files[described["path"]]["sha256"],
                              bytes=files[described["path"]]["bytes"],
                              source=origin.get("path"), source_sha256=origin.get("sha256")))
    if len(as_is) == len(definition.resources):
        return steps
    steps.append(FileStep("datapackage.json", DATAPACKAGE_TITLE, "JSON", "", "",
                          build.folder / "datapackage.json",
                          files["datapackage.json"]["sha256"],
                          bytes=files["datapackage.json"]["bytes"]))
    return steps


def file_step(local: FileStep, resource: dict | None, content: str | None) -> FileStep:
    if resource is None:
        local.action, local.reason = "create", "new"
        return local
    local.resource_id, local.url = resource["id"], resource.get("url")
    local.old_sha256 = content
    if local.old_sha256 != local.sha256:
        local.action, local.reason = "update", "content-changed"
    elif (resource.get("name") or "", (resource.get("format") or "").upper()) != (
            local.title, local.format):
        local.action, local.reason = "update", "metadata-changed"
        local.path = None  # the file is the same: no upload
    else:
        local.action, local.reason = "skip", "unchanged"
    return local


@dataclass
class Publication:
    """One run of ``publish``: its plans, and whether everything that was due went through."""

    run_id: str
    portal: str
    portal_user: str
    dry_run: bool
    plans: list[DatasetPlan]
    portal_info: PortalInfo | None = None

    @property
    def ok(self) -> bool:
        return all(p.outcome in ("ok", "unchanged", "planned") for p in self.plans)

    @property
    def upload_bytes(self) -> int:
        return sum(step.bytes or 0 for plan in self.plans for step in plan.uploads)


def publication_json(run: Publication, lang: str) -> dict:
    """``publish --format json``: the plan of each dataset and what became of it."""
    return {"ok": run.ok, "dry_run": run.dry_run, "portal": run.portal, "run_id": run.run_id,
            "ckan_version": run.portal_info.version if run.portal_info else None,
            "datasets": [{"dataset": p.dataset, "action": p.action, "outcome": p.outcome,
                          "moderation": p.moderation,
                          "url": p.url, "id": p.dataset_id, "error": p.error_message(lang),
                          "changes": p.changes, "resources": [f.json() for f in p.files],
                          "validation": p.build.report.json(lang) if p.action == "invalid"
                          else None} for p in run.plans]}


def plan_publication(definitions: list[Definition], root: Path, portal: Portal,
                     log: PublicationLog, dry_run: bool = False, private: bool = False,
                     prune: bool = False, max_upload_mb: float | None = None) -> Publication:
    """Validate and build each dataset, and plan what to send; nothing is sent here. A dry
    run builds in a temporary folder: it writes nothing anywhere. A key the portal does not
    accept, or one that may not publish to an organization of the definitions, stops the
    run here, before anything is sent."""
    organizations = sorted({str(d.passport["organization"]) for d in definitions
                            if isinstance(d.passport.get("organization"), str) and
                            not datagovua.placeholder(d.passport["organization"])})
    # a dry run without a key plans against what anyone sees: nothing to check it against
    portal_user = "" if dry_run and not portal.has_key else portal.user(organizations)
    run = Publication(new_run_id(), portal.url, portal_user, dry_run, [], portal.about())
    with tempfile.TemporaryDirectory(prefix="opendata-plan-") as scratch:
        output = Path(scratch) if dry_run else root / "build"
        for definition in definitions:
            build = build_dataset(definition, root, output)
            plan = plan_dataset(definition, build, portal, private, prune,
                                published_resources(log, portal.url, definition.name),
                                adopted_resources(log, portal.url, definition.name),
                                max_upload_mb,
                                awaiting_moderation(log, portal.url, definition.name))
            if dry_run and plan.outcome is None:
                plan.outcome = "unchanged" if plan.action == "unchanged" else "planned"
            run.plans.append(plan)
    return run


def carry_out(run: Publication, portal: Portal, log: PublicationLog, lang: str = "uk",
              on_upload: Callable[[FileStep], None] | None = None) -> None:
    """Apply each plan of ``run``, writing every step to ``log``: first what the portal
    said of itself, once per run."""
    if run.portal_info is not None:
        log.append({"run_id": run.run_id, "portal": run.portal, "portal_user": run.portal_user,
                    "action": "portal-status", "outcome": "ok",
                    "details": json.dumps(run.portal_info.json(), ensure_ascii=False,
                                          sort_keys=True)})
    for plan in run.plans:
        journal = Journal(log, {"run_id": run.run_id, "portal": run.portal,
                                "portal_user": run.portal_user, "dataset": plan.dataset})
        if plan.action == "invalid":
            errors = sum(f.severity == "error" for f in plan.build.report.metadata) + sum(
                t.errors for t in plan.build.report.tables)
            journal.write("validate", "failed", error=f"invalid: {errors} errors")
            continue
        if plan.stopped is not None:  # the plan itself stopped: nothing is sent
            plan.error = plan.stopped.message(lang)
            journal.write("update-dataset", "failed", error=plan.error,
                          dataset_id=plan.dataset_id, url=plan.url)
            continue
        apply(plan, portal, journal, lang, on_upload)


class Journal:
    """Writes a plan's steps to the publication log, each with the run's common fields."""

    def __init__(self, log: PublicationLog, common: dict):
        self.log, self.common = log, common

    def write(self, action: str, outcome: str, *, step: FileStep | None = None,
              **fields: str | None) -> None:
        entry = {**self.common, "action": action, "outcome": outcome, **fields}
        if step is not None:
            entry.update(resource=step.file, sha256=step.sha256, bytes=step.bytes,
                         resource_id=step.resource_id, url=step.url, source=step.source,
                         source_sha256=step.source_sha256)
        self.log.append(entry)


def apply(plan: DatasetPlan, portal: Portal, journal: Journal, lang: str,
          on_upload: Callable[[FileStep], None] | None) -> None:
    """Carry out ``plan``; the first refused request stops this dataset (the next run
    resumes from what the portal then holds)."""
    ids: dict[str, Any] = {"dataset_id": plan.dataset_id, "url": plan.url,
           "sha256": datagovua.passport_digest(plan.package)}
    try:
        if plan.action == "create":
            journal.write("create-dataset", "started", **ids)
            created = portal.create_dataset(plan.package)
            plan.dataset_id = ids["dataset_id"] = created["id"]
            journal.write("create-dataset", "ok", details=moderation(plan, portal), **ids)
        elif plan.changes:
            journal.write("update-dataset", "started", **ids)
            assert plan.dataset_id is not None  # an update is planned on a dataset found
            portal.update_dataset(plan.dataset_id, update_fields(plan.changes))
            journal.write("update-dataset", "ok", details=moderation(plan, portal), **ids)
        else:
            journal.write("update-dataset", "skipped", **ids)
        for step in plan.files:
            apply_file(step, plan, portal, journal, on_upload)
    except PortalError as error:
        plan.outcome, plan.error = "failed", error.message(lang)
        failed = next((s for s in plan.files if s.outcome == "started"), None)
        if failed is not None:
            failed.outcome, failed.error = "failed", plan.error
            journal.write(f"{failed.action}-resource", "failed", step=failed, error=plan.error,
                          dataset_id=plan.dataset_id)
        else:
            action = "create-dataset" if plan.action == "create" else "update-dataset"
            journal.write(action, "failed", error=plan.error, **ids)
        return
    plan.outcome = "unchanged" if plan.action == "unchanged" else "ok"


def moderation(plan: DatasetPlan, portal: Portal) -> str | None:
    """After a dataset was created or changed public: read it back with the key. One the
    portal keeps private is waiting for its moderators (data.gov.ua pre-moderates new
    datasets); the log row says so, and the next run does not ask again."""
    if plan.package.get("private") or (plan.action != "create" and "private" not in
                                       plan.changes):
        return None
    shown = portal.dataset(plan.dataset_id or plan.dataset) or {}
    if shown.get("private") is not True:
        return None
    plan.moderation = "pending"
    return json.dumps({"moderation": "pending"})


def apply_file(step: FileStep, plan: DatasetPlan, portal: Portal, journal: Journal,
               on_upload: Callable[[FileStep], None] | None) -> None:
    if step.action in ("skip", "keep"):
        step.outcome = "skipped"
        journal.write(f"{step.action}-resource", "skipped", step=step, dataset_id=plan.dataset_id)
        return
    step.outcome = "started"
    journal.write(f"{step.action}-resource", "started", step=step, dataset_id=plan.dataset_id)
    fields = {"name": step.title, "format": step.format}
    dataset_id = plan.dataset_id
    assert dataset_id is not None  # the dataset exists by now: found, or just created
    if step.action == "create":
        assert step.path is not None  # a new resource always has its file
        found = portal.create_resource(dataset_id, step.path, plan.known_ids,
                                       hash=step.sha256, **fields)
        step.resource_id, step.url = found["id"], found["url"]
        plan.known_ids.add(found["id"])
        step.outcome = "ok"
        journal.write(f"{step.action}-resource", "ok", step=step, dataset_id=dataset_id)
        if on_upload is not None:
            on_upload(step)
        return
    assert step.resource_id is not None  # delete and update act on a resource found
    if step.action == "delete":
        portal.delete_resource(step.resource_id)
    elif step.path is not None:  # new content, on the same resource: same id, same URL
        found = portal.replace_file(dataset_id, step.resource_id, step.path,
                                    hash=step.sha256, **fields)
        step.url = found["url"]
    else:
        portal.patch_resource(step.resource_id, **fields)
    step.outcome = "ok"
    journal.write(f"{step.action}-resource", "ok", step=step, dataset_id=plan.dataset_id)
    if on_upload is not None and step.path is not None:
        on_upload(step)


def update_fields(changes: dict) -> dict:
    """The changed fields as an update sends them: keywords as CKAN's list of tags."""
    fields = {name: change["new"] for name, change in changes.items()}
    if "tag_string" in fields:
        fields["tags"] = [{"name": k} for k in fields.pop("tag_string").split(",")]
    return fields
