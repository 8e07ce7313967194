"""The 835 structure standards at hand: fetched once into the user's cache, listed, and
named anywhere a schema is accepted (``annex-35/projects`` or ``35/projects``).

The cache (``$OPENDATA_CACHE``, else ``$XDG_CACHE_HOME/opendata``, else
``~/.cache/opendata``) holds ``standards/835/index.csv`` — annex, resource, Ukrainian title,
the path of its CSVW ``schema.json`` — and those files. A source is a folder or a web address
laid out the same way (the mirror of the standards), or, by default, the standards' public
repository on GitHub, whose folders are named «Додаток_35_Громадський_бюджет/projects».
Nothing of the standards is kept in a project's repository.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from opendata.errors import DefinitionError
from opendata.paths import inside

REPOSITORY = "HubashovD/amendments-835-rec"
TREE_URL = f"https://api.github.com/repos/{REPOSITORY}/git/trees/HEAD?recursive=1"
RAW_URL = f"https://raw.githubusercontent.com/{REPOSITORY}/HEAD/"
UPSTREAM_PATH = re.compile(r"Додаток_(\d+)_([^/]+)/\s*(\w+)/schema\.json")
NAME = re.compile(r"(?:annex-)?0*(\d{1,3})/(\w+)")
INDEX = "index.csv"
MAX_FILE_BYTES = 5 << 20


@dataclass(frozen=True)
class Standard:
    annex: int
    resource: str
    title: str
    schema: str  # the path of its schema.json, relative to the catalogue

    @property
    def name(self) -> str:
        return f"annex-{self.annex:02d}/{self.resource}"

    def json(self) -> dict:
        return {"annex": self.annex, "resource": self.resource, "title": self.title}


def cache_base() -> Path:
    """This computer's cache of opendata: ``$OPENDATA_CACHE``, else ~/.cache/opendata."""
    if os.environ.get("OPENDATA_CACHE"):
        return Path(os.environ["OPENDATA_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "opendata"


def cache_folder() -> Path:
    return cache_base() / "standards" / "835"


def standards(folder: Path | None = None) -> list[Standard]:
    """The standards in the cache, by annex; refuses, saying what to run, if there are none."""
    index = (folder or cache_folder()) / INDEX
    if not index.is_file():
        raise DefinitionError("standards-missing")
    with index.open(encoding="utf-8") as file:
        return [Standard(int(row["annex"]), row["resource"], row["title_uk"], row["schema"])
                for row in csv.DictReader(file)]


def schema_path(name: str) -> Path | None:
    """The cached schema.json that ``annex-35/projects`` or ``35/projects`` names."""
    match = NAME.fullmatch(name.strip().strip("/"))
    if match is None:
        return None
    annex, resource = int(match.group(1)), match.group(2)
    for standard in standards():
        if standard.annex == annex and standard.resource.lower() == resource.lower():
            return cache_folder() / standard.schema
    raise DefinitionError("standard-unknown", name=name)


def resolve(name_or_path: str) -> str:
    """A schema file as given, or the cached schema.json of the standard it names
    (``annex-35/projects``, ``35/projects``, ``annex-35/projects/schema.json``)."""
    if Path(name_or_path).is_file():
        return name_or_path
    name = name_or_path.strip().removesuffix("/schema.json")
    if NAME.fullmatch(name.strip("/")) is None:
        return name_or_path  # a file that is not there: said so by whoever reads it
    return str(schema_path(name))


def update(source: str | None = None) -> list[Standard]:
    """Fetch the standards from ``source`` into the cache, replacing what was there only
    when every schema was fetched and read."""
    from opendata.check.schemas import import_csvw_file

    target = cache_folder()
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    found = listing(source)
    for standard, where in found:
        path = inside(partial, standard.schema, source or "index.csv")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fetch(where))
        import_csvw_file(path)  # a file that is not a CSVW schema stops the update
    with (partial / INDEX).open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["annex", "resource", "title_uk", "schema"])
        for standard, _where in found:
            writer.writerow([standard.annex, standard.resource, standard.title,
                             standard.schema])
    shutil.rmtree(target, ignore_errors=True)
    partial.replace(target)
    return [standard for standard, _ in found]


def listing(source: str | None) -> list[tuple[Standard, str]]:
    """(standard, where its schema.json is) for every standard of ``source``."""
    if source is None:
        import json

        tree = json.loads(fetch(TREE_URL))
        return upstream_standards([item["path"] for item in tree.get("tree", [])])
    base = source.rstrip("/")
    text = fetch(f"{base}/{INDEX}").decode("utf-8-sig")
    found = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            standard = Standard(int(row["annex"]), str(row["resource"]),
                                str(row["title_uk"]), str(row["schema"]))
        except (KeyError, ValueError, TypeError):
            raise DefinitionError("standards-source", source=source, reason=f"{INDEX}, row "
                                  f"{number}: not annex,resource,title_uk,schema") from None
        found.append((standard, f"{base}/{standard.schema}"))
    return found


def upstream_standards(paths: list[str]) -> list[tuple[Standard, str]]:
    """The standards in the public repository's own layout."""
    from urllib.parse import quote

    found = []
    for path in sorted(paths):
        match = UPSTREAM_PATH.fullmatch(path)
        if match:
            annex, title, resource = int(match.group(1)), match.group(2), match.group(3)
            standard = Standard(annex, resource, " ".join(title.replace("_", " ").split()),
                                f"annex-{annex:02d}/{resource}/schema.json")
            found.append((standard, RAW_URL + quote(path)))
    return found


def fetch(where: str) -> bytes:
    """A file of the source: a local path or a web address (bounded in size and time)."""
    if not where.startswith(("http://", "https://")):
        path = Path(where)
        if not path.is_file():
            raise DefinitionError("standards-source", source=where, reason="no such file")
        return path.read_bytes()[:MAX_FILE_BYTES]
    import requests

    from opendata.portal.http import BoundedSession

    try:  # bounded in time and size, as every answer from the network
        with BoundedSession(120, MAX_FILE_BYTES, trusted=[where]) as session:
            answer = session.get(where, timeout=(10, 60))
            answer.raise_for_status()
            data = answer.content
    except requests.HTTPError as error:
        raise DefinitionError("standards-source", source=where,
                              reason=f"HTTP {error.response.status_code}") from None
    except requests.RequestException as error:  # offline, or the address does not answer
        hint = "net-too-slow" if isinstance(error, requests.Timeout) else \
            "net-no-connection" if isinstance(error, requests.ConnectionError) else \
            "net-failed"
        raise DefinitionError("standards-offline", source=where.split("/")[2]
                              if "://" in where else where, hint=hint) from None
    if len(data) > MAX_FILE_BYTES:
        raise DefinitionError("standards-source", source=where, reason="the file is too large")
    return data
