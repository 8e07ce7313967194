"""The publishing project: ``opendata.toml``, its portal profiles, and its datasets.

A council keeps one project: ``opendata.toml`` at the root, one folder per dataset under
``datasets/`` (each with a ``datapackage.yaml``), and Table Schemas under ``schemas/``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from opendata.errors import DefinitionError, UsageError
from opendata.project.definition import DEFINITION_FILE, Definition, load_definition
from opendata.read import limits
from opendata.read.sheets import CSV_EXTENSIONS, OTHER_SHEETS, WORKBOOK_EXTENSIONS

CONFIG_FILE = "opendata.toml"
DATA_EXTENSIONS = tuple(WORKBOOK_EXTENSIONS) + CSV_EXTENSIONS + OTHER_SHEETS
PORTALS = {"prod": "https://data.gov.ua", "test": "https://test.data.gov.ua",
           "local": "http://127.0.0.1:5050"}  # the profiles a new project gets
# CKAN's ckan.max_resource_size unless a portal sets another; data.gov.ua publishes none
DEFAULT_MAX_UPLOAD_MB = 10.0


@dataclass
class Project:
    root: Path
    config: dict = field(default_factory=dict)

    @property
    def organization(self) -> str | None:
        return self.config.get("organization")

    @property
    def datasets_folder(self) -> Path:
        return self.root / "datasets"

    def dataset_names(self) -> list[str]:
        if not self.datasets_folder.is_dir():
            return []
        return sorted(p.parent.name for p in self.datasets_folder.glob(f"*/{DEFINITION_FILE}"))

    def definition(self, name: str) -> Definition:
        folder = self.datasets_folder / name
        if not (folder / DEFINITION_FILE).is_file():
            raise DefinitionError("dataset-not-found", name=name,
                                  available=", ".join(self.dataset_names()) or "—")
        return load_definition(folder, self.defaults(), self.root)

    def definitions(self) -> list[Definition]:
        """Every dataset; two definitions with one name would publish over each other."""
        found = [self.definition(name) for name in self.dataset_names()]
        folders: dict[str, list[str]] = {}
        for definition in found:
            folders.setdefault(definition.name, []).append(definition.folder.name)
        for name, where in folders.items():
            if len(where) > 1:
                raise DefinitionError("dataset-duplicate", name=name, folders=", ".join(where))
        return found

    def portal(self, name_or_url: str | None = None) -> PortalProfile:
        """The portal a command talks to: a profile of opendata.toml, or a URL."""
        profiles = self.config.get("portals", {})
        wanted = name_or_url or self.config.get("default_portal") or "prod"
        if wanted.startswith(("http://", "https://")):
            found = next((portal_of(n, p) for n, p in profiles.items()
                          if p.get("url", "").rstrip("/") == wanted.rstrip("/")), None)
            return found or PortalProfile(None, wanted.rstrip("/"))
        if wanted not in profiles or "url" not in profiles[wanted]:
            raise DefinitionError("portal-unknown", name=wanted,
                                  available=", ".join(sorted(profiles)) or "—")
        return portal_of(wanted, profiles[wanted])

    @property
    def log_location(self) -> str:
        """Where the publication log lives: a SQLite path (relative to the project) or a
        postgresql:// URL."""
        location = self.config.get("log", {}).get("path", ".opendata/log.sqlite")
        if "://" in location:
            return location
        return str(self.root / location)

    def defaults(self) -> dict:
        """Passport values every dataset inherits unless its definition says otherwise."""
        return {"organization": self.organization} if self.organization else {}


def portal_of(name: str, profile: dict) -> PortalProfile:
    """A profile of ``[portals.NAME]``; a limit that is not a positive number is refused."""
    limit = profile.get("max_upload_mb", DEFAULT_MAX_UPLOAD_MB)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit < 1e6:
        raise DefinitionError("portal-max-upload-invalid", name=name, value=str(limit)[:40])
    return PortalProfile(name, str(profile["url"]).rstrip("/"), profile.get("api_key_env"),
                         float(limit))


@dataclass
class PortalProfile:
    name: str | None  # None for a portal given by URL
    url: str
    api_key_env: str | None = None  # a variable holding this portal's key
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB  # the largest file the portal accepts

    def api_key(self) -> str:
        """The key from the environment (the profile's variable, then OPENDATA_API_KEY) or
        the OS keyring; never from a file. Raises if there is none: nothing prompts."""
        import os

        for variable in filter(None, (self.api_key_env, "OPENDATA_API_KEY")):
            if os.environ.get(variable, "").strip():
                return checked_key(os.environ[variable].strip(), variable)
        key = keyring_key(self.url)
        if key:
            return checked_key(key.strip(), "keyring")
        import importlib.util

        stored = importlib.util.find_spec("keyring") is not None
        raise DefinitionError("api-key-missing", portal=self.url,
                              variable=self.api_key_env or "OPENDATA_API_KEY",
                              hint="api-key-keyring" if stored else "api-key-no-keyring")

    def optional_api_key(self) -> str:
        """The key if there is one; public data is read without (adopt, audit)."""
        try:
            return self.api_key()
        except DefinitionError:
            return ""


def checked_key(key: str, where: str) -> str:
    """A key as portals issue them: one word of printable characters. A space, a line
    break or a control character inside is a paste gone wrong, refused before it is sent
    (or printed inside some library's message)."""
    if any(c.isspace() or not c.isprintable() for c in key):
        raise DefinitionError("api-key-invalid", where=where)
    return key


def keyring_key(url: str) -> str | None:
    """The key stored with `keyring set opendata URL`, if the keyring library is installed."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password("opendata", url)
    except Exception:  # no usable keyring backend on this machine
        return None


def portal_profile(name_or_url: str | None = None) -> PortalProfile:
    """The portal of the project here, or, outside any project (a monitor's audit), a URL
    or one of the known portals (prod by default)."""
    try:
        return find_project().portal(name_or_url)
    except DefinitionError as error:
        if error.code != "project-not-found":
            raise
    wanted = name_or_url or "prod"
    if wanted in PORTALS or wanted.startswith(("http://", "https://")):
        return PortalProfile(None, PORTALS.get(wanted, wanted).rstrip("/"))
    raise DefinitionError("portal-unknown", name=wanted, available=", ".join(PORTALS))


def find_project(start: Path | None = None) -> Project:
    """The project whose ``opendata.toml`` is in ``start`` (default: here) or above it."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        config = folder / CONFIG_FILE
        if config.is_file():
            try:
                found = Project(folder, tomllib.loads(config.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
                raise DefinitionError("project-invalid", path=str(config),
                                      reason=" ".join(str(error).split())) from None
            check_config(found.config, config)
            limits.configure(found.config.get("limits", {}))
            return found
    raise DefinitionError("project-not-found", path=str(start))


def check_config(config: dict, path: Path) -> None:
    """The tables of opendata.toml are tables, and each portal has a URL: a value written
    where a section belongs is said in one line, never met later as a crash."""
    def wrong(reason: str) -> DefinitionError:
        return DefinitionError("project-invalid", path=str(path), reason=reason)

    for section in ("log", "portals", "limits"):
        if section in config and not isinstance(config[section], dict):
            raise wrong(f"[{section}] must be a section ([{section}] on a line of its own, "
                        f"its settings below), not {type(config[section]).__name__}")
    for name, profile in config.get("portals", {}).items():
        if not isinstance(profile, dict) or not isinstance(profile.get("url"), str):
            raise wrong(f"[portals.{name}] needs url = \"https://…\"")
    if not isinstance(config.get("log", {}).get("path", ""), str):
        raise wrong("[log] path must be a file path or a postgresql:// address in quotes")


def resolve_targets(targets: tuple[str, ...]) -> list[Definition | Path]:
    """What the user named: spreadsheet paths stay paths, everything else is a dataset
    (a folder, its datapackage.yaml, or a name). No targets means every dataset."""
    if not targets:
        return list(find_project().definitions())
    try:
        find_project()  # the project's [limits] hold for its single files too
    except DefinitionError as error:
        if error.code != "project-not-found":
            raise
    resolved: list[Definition | Path] = []
    for target in targets:
        path = Path(target)
        if path.suffix.lower() in DATA_EXTENSIONS:
            resolved.append(path)
        elif path.name == DEFINITION_FILE or (path / DEFINITION_FILE).is_file():
            folder = path.parent if path.name == DEFINITION_FILE else path
            resolved.append(load_definition(folder, *project_context(folder)))
        else:
            try:
                resolved.append(find_project().definition(target))
            except DefinitionError as error:
                later = [t for t in targets[targets.index(target) + 1:]
                         if Path(t).suffix.lower() in DATA_EXTENSIONS]
                if error.code != "dataset-not-found" or not later:
                    raise
                # "2024 остаточна.xlsx" typed without quotes: two words, not a dataset
                name = " ".join(targets[targets.index(target):targets.index(later[0]) + 1])
                raise DefinitionError("target-split", name=name) from None
    return resolved


def project_context(folder: Path) -> tuple[dict, Path | None]:
    """The defaults and the root of the project ``folder`` is in."""
    try:
        found = find_project(folder)
    except DefinitionError:
        return {}, None  # a dataset folder outside any project stands on its own
    return found.defaults(), found.root


def fix_target(target: str, schema_path: str | None, resource_name: str | None,
               sheet: str | None, header_row: int | None
               ) -> tuple[Path, str | Path, str | None, int | None]:
    """(source, schema, sheet, header row) of what ``opendata fix`` is asked to fix: a file
    with its schema, or a dataset's table (named with ``resource_name`` when it has
    several)."""
    [found] = resolve_targets((target,))
    if isinstance(found, Path):
        if schema_path is None:
            raise UsageError("schema-required", path=str(found))
        return found, schema_path, sheet, header_row
    resources = [r for r in found.resources if resource_name in (None, r.name)]
    if len(resources) != 1:
        raise UsageError("fix-which-resource", name=found.name,
                         resources=", ".join(r.name for r in found.resources))
    resource = resources[0]
    return (resource.require_source(found.path), resource.schema_path,
            sheet or resource.sheet, header_row or resource.header_row)
