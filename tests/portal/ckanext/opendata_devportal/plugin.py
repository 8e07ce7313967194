"""The local portal's CKAN plugin: runs without Solr, validates like data.gov.ua.

Solr cannot be installed on the machines this project runs on, and CKAN cannot save a
dataset without indexing it. This plugin swaps in CKAN's own ``NoopSearchIndex`` and a
search query that finds nothing, so datasets are saved and read by id or name
(``package_show``) — which is how opendata looks them up on the real portal too.
"""

from __future__ import annotations

from typing import Any

import ckan.lib.search as search
import ckan.plugins as plugins
from ckan.lib.navl.dictization_functions import Invalid, StopOnError, missing
from ckan.lib.search.index import NoopSearchIndex
from ckan.lib.search.query import PackageSearchQuery


class EmptyPackageSearchQuery(PackageSearchQuery):
    """Answers every dataset search as an empty index would."""

    def run(self, query: dict[str, Any], permission_labels=None, **kwargs) -> dict[str, Any]:
        fields = query.get("facet.field") or []
        self.count, self.results = 0, []
        # organization_list(all_fields=True) reads facets["owner_org"] for its counts
        self.facets = {field: {} for field in ([fields] if isinstance(fields, str) else fields)}
        return {"results": [], "count": 0}

    def get_all_entity_ids(self, max_results: int = 1000) -> list[str]:
        return []


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
        search._INDICES["package"] = NoopSearchIndex
        search._QUERIES["package"] = EmptyPackageSearchQuery
        # model_dictize builds search.PackageSearchQuery() directly
        search.PackageSearchQuery = EmptyPackageSearchQuery

    def get_validators(self):
        return {"max_characters": max_characters, "tags_required": tags_required}
