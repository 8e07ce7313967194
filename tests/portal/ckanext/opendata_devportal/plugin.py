"""The local portal's CKAN plugin: runs without Solr, searches and validates like data.gov.ua.

Solr cannot be installed on the machines this project runs on, and CKAN cannot save a
dataset without indexing it. This plugin swaps in a small search index kept in a table of
CKAN's own PostgreSQL database: each dataset's validated dictionary (what Solr would store),
its organisation, state, permission labels and a lowercased text to match words against.
``package_search`` then answers the way data.gov.ua does for what opendata asks: ``fq`` on
``owner_org``/``organization``/``name``/``state``…, free words in ``q``, ``rows``/``start``
paging, ``sort`` on a few columns, and facet counts per organisation.
"""

from __future__ import annotations

import json
import re
from typing import Any

import ckan.lib.plugins as lib_plugins
import ckan.lib.search as search
import ckan.model as model
import ckan.plugins as plugins
from ckan.lib.navl.dictization_functions import Invalid, MissingNullEncoder, StopOnError, missing
from ckan.lib.search.index import SearchIndex
from ckan.lib.search.query import PackageSearchQuery
from sqlalchemy import text

TABLE = "devportal_search"
CREATE = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, owner_org TEXT, organization TEXT,
    state TEXT, private BOOLEAN, metadata_modified TEXT, title TEXT, labels TEXT[],
    words TEXT, data TEXT)"""
# the columns a query may filter on (Solr's field names) and sort by
FILTERS = {"id": "id", "name": "name", "owner_org": "owner_org",
           "organization": "organization", "state": "state", "title": "title"}
SORTS = {"name": "name", "title_string": "title", "metadata_modified": "metadata_modified",
         "metadata_created": "metadata_modified"}
TERM = re.compile(r'([+-]?)(\w+):(\([^)]*\)|"[^"]*"|\S+)')


def execute(sql: str, **params: Any) -> list:
    """Run ``sql`` on a connection of its own, committed at once: the index must not wait
    for (or roll back with) the request's transaction, as Solr would not."""
    ensure_table()
    with model.meta.engine.begin() as connection:
        result = connection.execute(text(sql), params)
        return result.fetchall() if result.returns_rows else []


def ensure_table() -> None:
    """The table, created on first use (``dev-portal reset`` drops the whole database)."""
    with model.meta.engine.begin() as connection:
        if connection.execute(text(f"SELECT to_regclass('{TABLE}')")).scalar() is not None:
            return
    try:
        with model.meta.engine.begin() as connection:
            connection.execute(text(CREATE))
    except Exception:  # another request created it at the same moment
        pass


class PostgresPackageIndex(SearchIndex):
    """Stores each dataset as Solr would: its validated dict, for package_search to return."""

    def update_dict(self, pkg_dict: dict[str, Any], defer_commit: bool = False) -> None:
        plugin = lib_plugins.lookup_package_plugin(pkg_dict.get("type"))
        validated, _errors = lib_plugins.plugin_validate(
            plugin, {"model": model, "session": model.Session}, pkg_dict,
            plugin.show_package_schema(), "package_show")
        package = model.Package.get(pkg_dict["id"])
        labels = lib_plugins.get_permission_labels().get_dataset_labels(package) \
            if package else []
        words = " ".join(str(part) for part in (
            pkg_dict.get("name"), pkg_dict.get("title"), pkg_dict.get("notes"),
            *(tag["name"] for tag in pkg_dict.get("tags") or []))).lower()
        execute(f"""INSERT INTO {TABLE} VALUES (:id, :name, :owner_org, :organization,
                    :state, :private, :modified, :title, :labels, :words, :data)
                    ON CONFLICT (id) DO UPDATE SET name = :name, owner_org = :owner_org,
                    organization = :organization, state = :state, private = :private,
                    metadata_modified = :modified, title = :title, labels = :labels,
                    words = :words, data = :data""",
                id=pkg_dict["id"], name=pkg_dict["name"], owner_org=pkg_dict.get("owner_org"),
                organization=(pkg_dict.get("organization") or {}).get("name"),
                state=pkg_dict.get("state"), private=bool(pkg_dict.get("private")),
                modified=pkg_dict.get("metadata_modified"), title=pkg_dict.get("title"),
                labels=labels, words=words,
                data=json.dumps(validated, cls=MissingNullEncoder))

    def insert_dict(self, data: dict[str, Any]) -> None:
        self.update_dict(data)

    def remove_dict(self, data: dict[str, Any]) -> None:
        execute(f"DELETE FROM {TABLE} WHERE id = :id OR name = :id", id=data["id"])


class PostgresPackageSearchQuery(PackageSearchQuery):
    """Answers package_search from the table above."""

    def run(self, query: dict[str, Any], permission_labels=None, **kwargs) -> dict[str, Any]:
        where, params = ["TRUE"], {}
        for n, (sign, field, value) in enumerate(
                TERM.findall(f"{query.get('fq') or ''} {query.get('fq_list') or ''}")):
            clause = term_clause(field, value, f"p{n}", params)
            if clause:
                where.append(f"NOT ({clause})" if sign == "-" else clause)
        q = str(query.get("q") or "*:*")
        for n, (_sign, field, value) in enumerate(TERM.findall(q)):
            clause = term_clause(field, value, f"q{n}", params)
            if clause:
                where.append(clause)
        for n, word in enumerate(TERM.sub(" ", q).replace("*:*", " ").lower().split()):
            where.append(f"words LIKE :w{n}")
            params[f"w{n}"] = f"%{word.strip(chr(34))}%"
        if permission_labels is not None:
            where.append("labels && :user_labels")
            params["user_labels"] = list(permission_labels)
        condition = " AND ".join(where)
        self.count = execute(f"SELECT count(*) FROM {TABLE} WHERE {condition}",
                             **params)[0][0]
        rows = execute(f"""SELECT id, data FROM {TABLE} WHERE {condition}
                           ORDER BY {order_by(query.get('sort'))}
                           LIMIT :rows OFFSET :start""",
                       rows=int(query.get("rows", 10)), start=int(query.get("start", 0)),
                       **params)
        self.results = [{"id": id_, "validated_data_dict": data, "data_dict": data}
                        for id_, data in rows]
        fields = query.get("facet.field") or []
        self.facets = {}
        for field in [fields] if isinstance(fields, str) else fields:
            column = FILTERS.get(field)
            counted = execute(f"""SELECT {column}, count(*) FROM {TABLE} WHERE {condition}
                                  AND {column} IS NOT NULL GROUP BY {column}""",
                              **params) if column else []
            self.facets[field] = dict(counted)
        return {"results": self.results, "count": self.count}

    def get_all_entity_ids(self, max_results: int = 1000) -> list[str]:
        return [id_ for id_, in execute(f"SELECT id FROM {TABLE} LIMIT :n", n=max_results)]


def term_clause(field: str, value: str, key: str, params: dict) -> str | None:
    """SQL for one ``field:value`` term (value: a word, "a phrase" or (a OR b))."""
    values = [v.strip('"') for v in re.split(r"\s+OR\s+", value.strip("()"))]
    if field == "capacity":
        return "NOT private" if values == ["public"] else "private"
    if field == "private":
        return "private" if values == ["true"] else "NOT private"
    column = FILTERS.get(field)
    if column is None:
        return None  # a field this small index does not know: ignored, like Solr's defaults
    params[key] = values
    return f"{column} = ANY(:{key})"


def order_by(sort: str | None) -> str:
    parts = []
    for part in (sort or "").split(","):
        words = part.split()
        if words and words[0] in SORTS:
            direction = "DESC" if len(words) > 1 and words[1].lower() == "desc" else "ASC"
            parts.append(f"{SORTS[words[0]]} {direction}")
    return ", ".join(parts + ["name ASC"])


def max_characters(limit):
    """A validator factory for scheming: ``max_characters(512)``."""
    limit = int(limit)

    def validator(value):
        if isinstance(value, str) and len(value) > limit:
            raise Invalid(f"Must be at most {limit} characters long (is {len(value)})")
        return value

    return validator


def tags_required(key, data, errors, context):
    """Keywords are required. CKAN itself re-saves a dataset with its ``tags`` list and no
    ``tag_string`` (e.g. in resource_create), so either form counts."""
    if data.get(key) in (None, "", missing) and not any(k[0] == "tags" for k in data):
        errors[key].append("Missing value")
        raise StopOnError


class DevPortalPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IConfigurer)
    plugins.implements(plugins.IValidators)

    def update_config(self, config):
        search._INDICES["package"] = PostgresPackageIndex
        search._QUERIES["package"] = PostgresPackageSearchQuery
        # model_dictize builds search.PackageSearchQuery() directly
        search.PackageSearchQuery = PostgresPackageSearchQuery

    def get_validators(self):
        return {"max_characters": max_characters, "tags_required": tags_required}
