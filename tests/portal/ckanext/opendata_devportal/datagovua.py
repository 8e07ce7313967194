"""The local portal as data.gov.ua runs: CKAN 2.11 made to answer as the portal's 2019 fork.

data.gov.ua runs ``908Inc/ckan`` branch ``dgua`` (``ckan/__init__.py``: ``2.7.2``) with a
private ``ckanext-dgua``. Each difference a publisher meets is reproduced here from that
fork's code, named by its file, so that opendata is tested against what the portal does and
not against what today's CKAN does:

1. ``status_show`` says ``2.7.2`` and the fork's extensions (``ckan/logic/action/get.py``).
2. Actions the fork lacks (``package_revise``, API tokens, collaborators; all CKAN 2.9)
   answer as its API controller answers any unknown action: HTTP 400 whose body is a bare
   JSON *string*, translated into the site's language (``ckan/controllers/api.py``,
   ``action()`` → ``_finish_bad_request``; ``ckan/i18n/uk_UA/LC_MESSAGES/ckan.po``).
3. ``user_show`` without ``id`` is ``NotFound`` (``ckan/logic/action/get.py``).
4. Keys are legacy per-user UUIDs (``user.apikey``), read from ``X-CKAN-API-Key``, then
   ``Authorization`` as it is; an unknown key is an anonymous visitor, so today's JWT API
   tokens are not accepted (``ckan/views/__init__.py``, ``_get_user_for_apikey``).
5. A request body over 10 MB is refused by the front web server with its own HTML 413 page
   before CKAN sees it; CKAN's own limit is ``ckan.max_resource_size`` = 10
   (``ckan/lib/uploader.py``, the default the portal's config template leaves).
6. ``metadata_modified`` moves only if it is more than a minute old (commit f8dafbf28,
   ``ckan/logic/action/update.py``, ``package_update``).
7. Pre-moderation: a dataset created by a user who is not a sysadmin stays private until a
   moderator approves it (the fork's ``premoderation_log`` table, migration 088; the
   workflow itself is in the private extension, so its exact shape is inferred). The
   test-only action ``devportal_moderate`` plays the moderator.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import ckan.lib.search as search
import ckan.logic as logic
import ckan.model as model
import ckan.plugins as plugins
import ckan.plugins.toolkit as toolkit
from flask import g, request
from sqlalchemy import text

VERSION = "2.7.2"
# ckan.plugins of the portal is not published: the fork's own plugins and the extensions
# its answers show (qa.openness_score → ckanext-qa and its archiver; the 908Inc harvester)
EXTENSIONS = ["dgua", "scheming_datasets", "harvest", "ckan_harvester", "qa", "archiver",
              "report", "datastore", "datapusher", "resource_proxy", "recline_view",
              "text_view", "image_view", "stats"]
NOT_IN_FORK = {"package_revise", "api_token_create", "api_token_revoke", "api_token_list",
               "package_collaborator_create", "package_collaborator_delete",
               "package_collaborator_list", "package_collaborator_list_for_user"}
# _('Bad request') + ' - ' + _('Action name not known: %s') in the fork's uk_UA catalogue
UNKNOWN_ACTION = "Неправильний запит - Назва дії невідома: {}"
MAX_BODY = 10 * 1024 * 1024
# what nginx answers past client_max_body_size
TOO_LARGE_PAGE = (b"<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n"
                  b"<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n"
                  b"<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
KEY = "devportal.legacy_key"
MODERATION = "devportal_premoderation"


class ForkFront:
    """The WSGI layer in front of CKAN: the front server's body limit, the API controller's
    answer to an unknown action, and the fork's reading of the key header."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY:
            drain(environ["wsgi.input"], length)
            start_response("413 Request Entity Too Large", [
                ("Content-Type", "text/html"), ("Content-Length", str(len(TOO_LARGE_PAGE)))])
            return [TOO_LARGE_PAGE]
        if path.startswith("/api/") and "/action/" in path:
            name = path.rstrip("/").rsplit("/", 1)[-1]
            if name in NOT_IN_FORK:
                drain(environ["wsgi.input"], length)
                body = json.dumps(UNKNOWN_ACTION.format(name)).encode()
                start_response("400 Bad Request", [
                    ("Content-Type", "application/json;charset=utf-8"),
                    ("Content-Length", str(len(body)))])
                return [body]
        # _get_user_for_apikey: X-CKAN-API-Key, then Authorization as it is. CKAN 2.11's
        # own token reader must not see either header: it is given to identify() instead.
        key = environ.pop("HTTP_X_CKAN_API_KEY", "") or environ.get("HTTP_AUTHORIZATION", "")
        environ.pop("HTTP_AUTHORIZATION", None)
        if key:
            environ[KEY] = key
        return self.app(environ, start_response)


def drain(stream, length: int) -> None:
    while length > 0:
        block = stream.read(min(length, 1 << 20))
        if not block:
            return
        length -= len(block)


def execute(sql: str, **params: Any) -> list:
    with model.meta.engine.begin() as connection:
        connection.execute(text(f"""CREATE TABLE IF NOT EXISTS {MODERATION} (
            package_id TEXT PRIMARY KEY, user_name TEXT, state TEXT, moderator TEXT,
            wanted_private BOOLEAN)"""))
        result = connection.execute(text(sql), params)
        return result.fetchall() if result.returns_rows else []


def is_sysadmin(context) -> bool:
    user = model.User.by_name(context.get("user") or "")
    return bool(user and user.sysadmin)


def pending(package_id: str) -> bool:
    return bool(execute(f"SELECT 1 FROM {MODERATION} WHERE package_id = :id AND "
                        "state = 'pending'", id=package_id))


@toolkit.side_effect_free
def status_show(original, context, data_dict):
    toolkit.check_access("status_show", context, data_dict)
    return {"site_title": toolkit.config.get("ckan.site_title"),
            "site_description": toolkit.config.get("ckan.site_description"),
            "site_url": toolkit.config.get("ckan.site_url"), "ckan_version": VERSION,
            "error_emails_to": toolkit.config.get("email_to"),
            "locale_default": "uk_UA", "extensions": EXTENSIONS}


@toolkit.side_effect_free
def user_show(original, context, data_dict):
    if not data_dict.get("id") and not data_dict.get("user_obj"):
        toolkit.check_access("user_show", context, data_dict)  # CKAN's debug mode asks
        raise logic.NotFound
    return original(context, data_dict)


def package_create(original, context, data_dict):
    if is_sysadmin(context):
        return original(context, data_dict)
    created = original(context, {**data_dict, "private": True})
    execute(f"INSERT INTO {MODERATION} VALUES (:id, :user, 'pending', NULL, :wanted)",
            id=created["id"], user=context.get("user"),
            wanted=toolkit.asbool(data_dict.get("private", False)))
    return created


def package_update(original, context, data_dict):
    package = model.Package.get(data_dict.get("id") or data_dict.get("name") or "")
    if package is None:
        return original(context, data_dict)
    if pending(package.id) and not is_sysadmin(context):
        # asked to be public: so it will be once approved (CKAN's own calls, such as
        # resource_create's, pass the dataset back as it is, private while pending)
        if "private" in data_dict and not toolkit.asbool(data_dict["private"]):
            execute(f"UPDATE {MODERATION} SET wanted_private = FALSE WHERE package_id = :id",
                    id=package.id)
        data_dict = {**data_dict, "private": True}
    before = package.metadata_modified
    updated = original(context, data_dict)
    if before >= dt.datetime.utcnow() - dt.timedelta(minutes=1):
        # in the request's own transaction: resource_create commits it later
        model.Session.query(model.Package).filter_by(id=package.id).update(
            {"metadata_modified": before}, synchronize_session="fetch")
        if not context.get("defer_commit"):
            model.repo.commit()
            search.rebuild(package.id)
        if isinstance(updated, dict):
            updated["metadata_modified"] = before.isoformat()
    return updated


def devportal_moderate(context, data_dict):
    """The moderator (a sysadmin) approves a pending dataset, or all of them without id: each
    becomes as private as its publisher asked."""
    toolkit.check_access("sysadmin", context, data_dict)
    wanted = data_dict.get("id")
    rows = execute(f"SELECT package_id, wanted_private FROM {MODERATION} "
                   "WHERE state = 'pending'")
    approved = []
    for package_id, private in rows:
        package = model.Package.get(package_id)
        if wanted and package is not None and wanted not in (package.id, package.name):
            continue
        execute(f"UPDATE {MODERATION} SET state = 'approved', moderator = :user "
                "WHERE package_id = :id", user=context.get("user"), id=package_id)
        if package is not None:
            toolkit.get_action("package_patch")({"ignore_auth": True, "user": context["user"]},
                                                {"id": package_id, "private": bool(private)})
            approved.append(package.name)
    return approved


class DataGovUaPlugin(plugins.SingletonPlugin):
    plugins.implements(plugins.IMiddleware, inherit=True)
    plugins.implements(plugins.IAuthenticator, inherit=True)
    plugins.implements(plugins.IActions)

    def make_middleware(self, app, config):
        app.wsgi_app = ForkFront(app.wsgi_app)
        return app

    def identify(self):
        key = request.environ.get(KEY)
        if not key:
            return None
        user = model.Session.query(model.User).filter_by(apikey=key).first()
        if user is not None and user.is_active:
            g._login_user = user  # flask-login's current user for this request
            g.login_via_auth_header = True  # as for a token: an API call, no CSRF form
        return None

    def get_actions(self):
        return {"status_show": toolkit.chained_action(status_show),
                "user_show": toolkit.chained_action(user_show),
                "package_create": toolkit.chained_action(package_create),
                "package_update": toolkit.chained_action(package_update),
                "devportal_moderate": devportal_moderate}
