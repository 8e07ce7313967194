"""``opendata adopt``: take over datasets already on the portal, published by hand.

For each dataset: ``datasets/<name>/datapackage.yaml`` from the portal's passport (the
portal's name kept, whatever it is), its uploaded spreadsheets and CSVs downloaded beside it
as sources published as they are (``formats: []``) with the 835 standard they follow or an
inferred schema, and its links and documents listed as ``portal_only``. The portal's dataset
and resource ids go to the publication log with the sha256 of what was downloaded, so the
next ``publish`` updates those very resources, and sends nothing while nothing changed.
Nothing on the portal changes here.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from opendata.build.package import project_path
from opendata.build.scaffold import PLACEHOLDERS, relative, sheet_schema
from opendata.check.schemas import dump_yaml
from opendata.errors import DefinitionError, OpendataError, OutputError
from opendata.history.log import Filters, PublicationLog, new_run_id
from opendata.paths import sha256_of
from opendata.portal.client import Portal, PortalError, PortalNotFound, portal_time
from opendata.project import datagovua
from opendata.project.config import Project
from opendata.project.definition import DEFINITION_FILE, RESOURCE_NAME, resource_name_for
from opendata.read.sheets import read_sheet

SOURCE_LIMIT = 100 << 20  # an uploaded spreadsheet larger than this stays portal-only


@dataclass
class AdoptedFile:
    resource: str  # the definition's resource name
    resource_id: str
    path: Path
    schema: Path
    standard: str | None  # the 835 standard recognised, else the schema was inferred


@dataclass
class Adoption:
    dataset: str
    definition: Path | None = None
    files: list[AdoptedFile] = field(default_factory=list)
    portal_only: list[dict] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # passport fields validate will flag
    skipped: OpendataError | None = None  # why not adopted (already here, nothing to keep…)
    private: bool = False

    def json(self, lang: str) -> dict:
        return {"dataset": self.dataset, "adopted": self.skipped is None,
                "definition": str(self.definition) if self.skipped is None else None,
                "skipped": self.skipped.message(lang) if self.skipped else None,
                "private": self.private,
                "files": [{"resource": f.resource, "resource_id": f.resource_id,
                           "path": str(f.path), "schema": str(f.schema),
                           "standard": f.standard} for f in self.files],
                "portal_only": self.portal_only, "passport_gaps": self.gaps}


def dataset_name(target: str) -> str:
    """The dataset a name, an id or a portal page URL (…/dataset/<name>) names."""
    if "://" not in target:
        return target
    parts = [p for p in urlsplit(target).path.split("/") if p]
    if "dataset" in parts[:-1]:
        return unquote(parts[parts.index("dataset") + 1])
    raise DefinitionError("adopt-url-invalid", url=target)


def adopt_datasets(project: Project, portal: Portal, log: PublicationLog,
                   targets: list[str]) -> list[Adoption]:
    run_id, user = new_run_id(), portal_user(portal)
    adoptions = []
    for target in targets:
        shown = portal.dataset(dataset_name(target))
        if shown is None:
            raise PortalNotFound("adopt-not-found", dataset=target, portal=portal.url)
        adoptions.append(adopt(project, portal, log, datagovua.normalised_dataset(shown),
                               run_id, user))
    return adoptions


def adopt_organization(project: Project, portal: Portal, log: PublicationLog,
                       organization: str) -> list[Adoption]:
    """Every dataset of ``organization``; those the project already has are left alone."""
    owner = portal.organization(organization)
    run_id, user = new_run_id(), portal_user(portal)
    adoptions = []
    for listed in portal.datasets_of(owner["id"]):
        shown = datagovua.normalised_dataset(listed)
        try:
            adoptions.append(adopt(project, portal, log, shown, run_id, user))
        except OutputError:  # the disk: nothing more can be written
            raise
        except OpendataError as error:  # this dataset only: a file that does not come, a
            adoptions.append(Adoption(shown["name"], skipped=error))  # name, a link…
    return adoptions


def portal_user(portal: Portal) -> str:
    """Who adopts, for the log: the key's user, or nobody when public data is read without one."""
    return portal.user() if portal.has_key else ""


def adopt(project: Project, portal: Portal, log: PublicationLog, shown: dict, run_id: str,
          user: str) -> Adoption:
    """Adopt one dataset (``shown`` normalised). The files go to
    ``datasets/.<name>.partial`` first, so a failed download or an unreadable file leaves
    no half-made dataset behind."""
    name = shown["name"]
    if not datagovua.NAME.fullmatch(name):  # a portal's answer never becomes a path as is
        raise DefinitionError("dataset-name-invalid", name=name)
    folder = project.datasets_folder / name
    if folder.exists():
        raise DefinitionError("adopt-exists", path=str(folder))
    adoption = Adoption(name, folder / DEFINITION_FILE, private=bool(shown.get("private")))
    partial = project.datasets_folder / f".{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    written: list[Path] = []
    try:
        resources: list[dict] = []
        hashes: dict[str, str] = {}
        for resource in shown.get("resources") or []:
            taken = adopt_file(project, portal, shown, resource, partial, adoption)
            if taken is None:
                adoption.portal_only.append({key: resource.get(key) or "" for key in
                                             ("id", "name", "format", "url")})
                continue
            written.append(taken.schema)
            hashes[taken.resource_id] = sha256_of(taken.path)
            kept: dict[str, object] = {
                "name": taken.resource, "title": resource.get("name") or "",
                "path": taken.path.name, "schema": relative(taken.schema, folder),
                "formats": [], "publish_source": True}
            if (resource.get("format") or "").upper() != taken.path.suffix[1:].upper():
                kept["portal_format"] = resource.get("format") or ""
            resources.append(kept)
            taken.path = folder / taken.path.name
        if not resources:
            raise DefinitionError("adopt-no-files", dataset=name, portal=portal.url)
        passport = datagovua.passport_from_portal(shown, project.organization)
        adoption.gaps = sorted({str(f.field) for f in datagovua.check_passport(
            name, {**project.defaults(), **passport})})
        descriptor = {**{key: text for key, text in PLACEHOLDERS.items()
                         if key not in passport}, **passport}
        descriptor = {"name": name, **{k: v for k, v in descriptor.items() if k != "name"},
                      "resources": resources}
        if adoption.portal_only:
            descriptor["portal_only"] = adoption.portal_only
        (partial / DEFINITION_FILE).write_text(
            f"# Adopted from {portal.url}/dataset/{name}: the portal's passport and files.\n"
            "# Files are published as they are (formats: []); list csv, json to convert.\n"
            + dump_yaml(descriptor), encoding="utf-8")
        partial.replace(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        for schema in written:
            schema.unlink(missing_ok=True)
        raise
    record(log, portal, shown, adoption, hashes, run_id, user, project.root)
    return adoption


def adopt_file(project: Project, portal: Portal, shown: dict, resource: dict, partial: Path,
               adoption: Adoption) -> AdoptedFile | None:
    """Download an uploaded spreadsheet or CSV and give it a schema; None for what stays
    portal-only (links, documents, files opendata cannot read)."""
    extension = datagovua.resource_format(resource)
    if resource.get("url_type") != "upload" or extension not in datagovua.TABLE_FORMATS:
        return None
    extension = extension.lower()
    file_name = unquote(urlsplit(resource.get("url") or "").path.rsplit("/", 1)[-1])
    stem = file_name.rpartition(".")[0] or file_name
    taken = {f.resource for f in adoption.files}
    title = resource.get("name") or stem
    if title.lower().endswith(f".{extension}"):
        title = title[:-len(extension) - 1]
    base = stem.lower() if RESOURCE_NAME.fullmatch(stem.lower()) else resource_name_for(title)
    name = base
    for number in range(2, len(taken) + 3):
        if name not in taken:
            break
        name = f"{base}-{number}"
    path = partial / f"{name}.{extension}"
    try:
        _digest, size = portal.download(resource["url"], path, SOURCE_LIMIT)
    except PortalError as error:
        if error.code == "portal-download-too-large":
            return None  # kept on the portal, as it is
        raise
    if resource.get("size") is not None and size != resource["size"]:
        raise PortalError("adopt-download-short", url=resource["url"], size=size,
                          expected=resource["size"])
    schema_name = shown["name"] if not adoption.files else f"{shown['name']}-{name}"
    try:
        opened = read_sheet(path)
        schema, _written, _findings, standard, _title = sheet_schema(
            project, schema_name, opened, spreadsheet=path)
    except OpendataError as error:
        if error.code == "dataset-exists":  # a schema of that name: never overwritten
            raise
        path.unlink()  # unreadable as a table: it stays on the portal as it is
        return None
    adopted = AdoptedFile(name, resource["id"], path, schema, standard)
    adoption.files.append(adopted)
    return adopted


def record(log: PublicationLog, portal: Portal, shown: dict, adoption: Adoption,
           hashes: dict[str, str], run_id: str, user: str, root: Path) -> None:
    """The portal's ids to the log: the dataset with its passport's digest, each file with
    the sha256 of what was downloaded (a hand upload has no ``hash`` on the portal)."""
    common = {"run_id": run_id, "portal": portal.url, "portal_user": user,
              "dataset": adoption.dataset, "dataset_id": shown["id"], "outcome": "ok"}
    log.append({**common, "action": "adopt-dataset", "url": f"{portal.url}/dataset/"
                f"{adoption.dataset}", "sha256": datagovua.passport_digest(
                    datagovua.portal_passport(shown, datagovua.PASSPORT_FIELDS))})
    urls = {r["id"]: r.get("url") for r in shown.get("resources") or []}
    for adopted in adoption.files:
        digest = hashes[adopted.resource_id]
        log.append({**common, "action": "adopt-resource", "resource": adopted.path.name,
                    "resource_id": adopted.resource_id, "url": urls[adopted.resource_id],
                    "sha256": digest, "bytes": adopted.path.stat().st_size,
                    "source": project_path(adopted.path, root), "source_sha256": digest})


def content_of(resource: dict | None, adopted: dict[str, dict]) -> str | None:
    """The sha256 of what a portal resource holds: its ``hash``, or, for a file uploaded by
    hand, what ``adopt`` downloaded, while the portal shows no upload onto it since (its
    ``last_modified`` no later than the adoption, its size the same)."""
    if resource is None:
        return None
    if resource.get("hash"):
        return resource["hash"]
    row = adopted.get(resource["id"])
    if row is None or resource.get("size") not in (None, "", row["bytes"], str(row["bytes"])):
        return None
    changed = portal_time(resource.get("last_modified") or resource.get("metadata_modified"))
    adopted_at = portal_time(row["time"])
    # the log keeps whole seconds: an upload within the adoption's own second counts as before it
    return row["sha256"] if changed and adopted_at and changed.replace(
        microsecond=0) <= adopted_at else None


def adopted_resources(log: PublicationLog, portal: str, dataset: str) -> dict[str, dict]:
    """Resource id → the log's newest ``adopt-resource`` row for it on ``portal``."""
    found: dict[str, dict] = {}
    for row in log.entries(Filters(dataset=dataset, portal=portal)):  # newest first
        if row["action"] == "adopt-resource" and row["outcome"] == "ok":
            found.setdefault(row["resource_id"], row)
    return found
