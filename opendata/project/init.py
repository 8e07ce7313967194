"""``opendata init``: a working project in an empty folder.

It writes ``opendata.toml`` (the organization, its EDRPOU code, the prod/test/local portal
profiles, where the log lives), the ``datasets/`` and ``schemas/`` folders and a
``.gitignore`` for what must not be committed. When the portal answers, the organization is
looked up there first (``organization_show``, public: no key needed), so that a typo is
caught now and not at the first publish.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from opendata.errors import DefinitionError
from opendata.project.config import CONFIG_FILE, PORTALS

EDRPOU = re.compile(r"\d{8}")
GITIGNORE = "# written by opendata init: outputs and local state, never committed\n" \
            "/build/\n/.opendata/\n"


@dataclass
class Initialised:
    folder: Path
    organization_title: str | None  # as the portal has it; None when it was not asked
    checked: bool  # the portal answered and knows the organization
    completed: bool = False  # an existing project's TODO title filled in (init again)


TITLE_TODO = "TODO: назва організації, як на порталі"
TODO_NOTE = "   # opendata init again completes it"


def init_project(folder: Path, organization: str, edrpou: str | None = None,
                 portal: str = "prod") -> Initialised:
    """A new project; run again where the portal did not answer the first time, it
    completes the organization's title instead of refusing."""
    if (folder / CONFIG_FILE).exists():
        return complete_project(folder, organization, portal)
    if not re.fullmatch(r"[a-z0-9_-]{2,100}", organization):
        raise DefinitionError("init-organization-name", name=organization)
    if edrpou is not None and not EDRPOU.fullmatch(edrpou):
        raise DefinitionError("init-edrpou", edrpou=edrpou)
    url = PORTALS.get(portal, portal).rstrip("/")
    title, checked = organization_on_portal(url, organization)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datasets").mkdir(exist_ok=True)
    (folder / "schemas").mkdir(exist_ok=True)
    (folder / CONFIG_FILE).write_text(config_text(organization, title, edrpou, portal),
                                      encoding="utf-8")
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")
    return Initialised(folder, title, checked)


def complete_project(folder: Path, organization: str, portal: str) -> Initialised:
    """Fill in the organization's title left as TODO; anything else already there is a
    project that is never overwritten."""
    path = folder / CONFIG_FILE
    text = path.read_text(encoding="utf-8")
    todo = f"organization_title = {json.dumps(TITLE_TODO, ensure_ascii=False)}{TODO_NOTE}"
    if todo not in text:
        raise DefinitionError("init-exists", path=str(path))
    title, checked = organization_on_portal(PORTALS.get(portal, portal).rstrip("/"),
                                            organization)
    if title:
        path.write_text(text.replace(todo, "organization_title = " +
                                     json.dumps(title, ensure_ascii=False)), encoding="utf-8")
    return Initialised(folder, title, checked, completed=True)


def organization_on_portal(url: str, name: str) -> tuple[str | None, bool]:
    """(its title, True) when the portal knows ``name``; (None, False) when the portal does
    not answer. A portal that answers without it refuses, listing the closest names."""
    from opendata.portal.client import Portal, PortalError, PortalNotFound

    portal = Portal(url, "", retries=1, timeout=15)
    try:
        found = portal.organization(name)
    except PortalNotFound:
        raise
    except PortalError:
        return None, False
    return found.get("title") or None, True


def config_text(organization: str, title: str | None, edrpou: str | None,
                portal: str) -> str:
    default = portal if portal in PORTALS else "custom"
    portals = dict(PORTALS)
    if default == "custom":
        portals["custom"] = portal
    lines = ["# The publishing project (opendata init). Every dataset under datasets/ inherits",
             "# `organization` unless its definition names another.", "",
             f"organization = {json.dumps(organization)}   # owner_org on the portal"]
    lines.append(f"organization_title = {json.dumps(title or TITLE_TODO, ensure_ascii=False)}"
                 + ("" if title else TODO_NOTE))
    if edrpou:
        lines.append(f"publisher_id = {json.dumps(edrpou)}   # EDRPOU code, for the register")
    lines += ["", "# Where `opendata publish` sends datasets; --portal takes a profile or a URL.",
              f"default_portal = {json.dumps(default)}",
              "# The portal whose addresses the register of datasets lists.",
              'register_portal = "prod"', ""]
    for name, url in portals.items():
        lines += [f"[portals.{name}]", f"url = {json.dumps(url)}", ""]
    lines += ["# The publication log: a SQLite file (created on first use) or a postgresql://",
              "# URL shared by a team.", "[log]", 'path = ".opendata/log.sqlite"', ""]
    return "\n".join(lines)
