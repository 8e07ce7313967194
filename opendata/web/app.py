"""``opendata serve``: the staff's desk in the browser, a thin layer over the library.

Each page asks the library what the command line asks it (status, validation, the plan,
the log, the audit) and renders it server-side with Jinja (escaped: nothing from a
spreadsheet or a portal is ever markup); there is no JavaScript. Work that takes long runs
as a job (:mod:`opendata.web.jobs`) whose page refreshes itself until it is done.

It is safe on a shared computer: it listens on 127.0.0.1 only; the address it opens carries
a random token that becomes a cookie, and any request without it is refused; the Host and
Origin headers must be this desk's own (DNS rebinding); every form that changes something
carries a CSRF token; an upload lands only where the definition says, within the CLI's
limits; an API key typed in goes to the OS keyring (or the desk's memory), never into a
page, a URL, a log or an error.
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import secrets
import tempfile
from contextlib import closing
from pathlib import Path

from flask import Flask, Response, abort, redirect, render_template, request, send_file, url_for

from opendata import messages
from opendata.errors import DefinitionError, OpendataError
from opendata.project import datagovua
from opendata.project.config import Project, find_project
from opendata.project.definition import Definition, resource_name_for
from opendata.web.jobs import Job, Jobs

COOKIE = "opendata_desk"
UPLOADS = Path(".opendata") / "uploads"
MAX_UPLOAD_BYTES = 200 << 20  # a council's workbook is a few MB; the readers bound the rest
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def create_app(root: Path, token: str, lang: str = "uk") -> Flask:
    """The desk for the project in ``root``; ``token`` opens it (see the module)."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES, PORT=None)
    csrf = secrets.token_urlsafe(24)
    jobs = Jobs(lang)
    typed_keys: dict[str, str] = {}  # portal URL → a key typed in where no keyring exists
    checks: dict[str, dict] = {}  # dataset → its last validation, as the home page shows it

    def project() -> Project:
        return find_project(root)

    def say(code: str, **params) -> str:
        return messages.render(code, lang, **params)

    @app.context_processor
    def common() -> dict:
        return {"t": say, "csrf": csrf, "lang": lang, "known": messages.CATALOG}

    def own_hosts() -> set[str]:
        port = app.config["PORT"] or request.host.rpartition(":")[2]
        return {f"127.0.0.1:{port}", f"localhost:{port}"}

    @app.before_request
    def guard():  # type: ignore[no-untyped-def]
        if request.host not in own_hosts():  # a name that resolved to us: not ours
            abort(403)
        origin = request.headers.get("Origin")
        if origin and origin.removeprefix("http://") not in own_hosts():
            abort(403)
        given = request.args.get("token")
        if given is not None and hmac.compare_digest(given, token):
            opened = redirect(request.path)
            opened.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
            return opened
        if not hmac.compare_digest(request.cookies.get(COOKIE, ""), token):
            return Response(render_template("refused.html"), 403)
        if request.method == "POST" and not hmac.compare_digest(
                request.form.get("csrf", ""), csrf):
            abort(403)
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
            "frame-ancestors 'self'; form-action 'self'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        # same-origin: with no-referrer, browsers send "Origin: null" on our own forms
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(OpendataError)
    def said(error: OpendataError):  # type: ignore[no-untyped-def]
        return render_template("error.html", message=error.message(lang)), 400

    @app.errorhandler(403)
    def refused(_error):  # type: ignore[no-untyped-def]
        return render_template("refused.html"), 403

    # ---- home

    @app.get("/")
    def home():  # type: ignore[no-untyped-def]
        from opendata.history import log as history
        from opendata.history import status as statuses

        found = project()
        portal = found.portal(None).url
        today = dt.datetime.now(dt.UTC).date()
        with closing(history.PublicationLog(found.log_location, read_only=True)) as log:
            rows = [(statuses.dataset_status(d, found.root, log, portal, today), d,
                     checks.get(d.name)) for d in found.definitions()]
        rows.sort(key=lambda row: row[0].urgency)
        return render_template("home.html", rows=rows, portal=portal,
                               job=jobs.last("check"), frequency=frequency_label)

    @app.post("/check")
    def check_all():  # type: ignore[no-untyped-def]
        from opendata.check.validation import validate_dataset

        def work(job: Job) -> None:
            for definition in project().definitions():
                job.say(say("desk-checking", name=definition.name))
                checks[definition.name] = summary(validate_dataset(definition))
            job.say(say("desk-checked", count=len(checks)))

        return redirect(url_for("job_page", job_id=jobs.start("check", work).id))

    @app.get("/job/<job_id>")
    def job_page(job_id: str):  # type: ignore[no-untyped-def]
        job = jobs.get(job_id) or abort(404)
        return render_template("job.html", job=job)

    # ---- a dataset: its passport, its tables

    def dataset(name: str) -> Definition:
        return project().definition(name)

    @app.get("/dataset/<name>")
    def dataset_page(name: str):  # type: ignore[no-untyped-def]
        from opendata.project import edit

        definition = dataset(name)
        findings = datagovua.check_passport(name, definition.passport)
        root_ = project().root
        return render_template(
            "dataset.html", definition=definition, values=form_values(definition.passport),
            findings={f.field: f.message(lang) for f in findings},
            frequencies=datagovua.FREQUENCIES, licenses=datagovua.LICENSES,
            frequency_labels=[label for label, _days in datagovua.FREQUENCIES.values()],
            languages=("uk", "en", "ru"), saved=field_labels(request.args.get("saved"), lang),
            replaced=request.args.get("replaced"), kept=request.args.get("kept"),
            previous={r.name: bool(edit.previous_versions(definition, r, root_))
                      for r in definition.resources},
            check=checks.get(name))

    @app.post("/dataset/<name>/passport")
    def save_passport(name: str):  # type: ignore[no-untyped-def]
        from opendata.project import edit

        form = request.form
        values: dict[str, object] = {f: form.get(f, "").strip() for f in edit.FORM_FIELDS
                                     if f != "keywords" and f in form}
        values["keywords"] = [k.strip() for k in form.getlist("keywords") if k.strip()]
        changed = edit.save_passport(dataset(name), values)
        return redirect(url_for("dataset_page", name=name, saved=",".join(changed) or "-"))

    @app.get("/dataset/<name>/report.html")
    def report_page(name: str):  # type: ignore[no-untyped-def]
        from opendata.check.validation import validate_dataset
        from opendata.report.html import html_report

        report = validate_dataset(dataset(name))
        checks[name] = summary(report)
        return Response(html_report(report, lang), mimetype="text/html")

    @app.get("/dataset/<name>/report.xlsx")
    def report_workbook(name: str):  # type: ignore[no-untyped-def]
        from opendata.check.validation import validate_dataset
        from opendata.report.xlsx import write_xlsx_report

        report = validate_dataset(dataset(name))
        with tempfile.TemporaryDirectory(prefix="opendata-desk-") as scratch:
            path = Path(scratch) / f"{name}.xlsx"
            write_xlsx_report(report, path, lang)
            data = path.read_bytes()
        return send_file(io.BytesIO(data), as_attachment=True,
                         download_name=f"{name}-{say('desk-report-file')}.xlsx")

    def resource_of(definition: Definition, resource: str):  # type: ignore[no-untyped-def]
        return next((r for r in definition.resources if r.name == resource), None) or abort(404)

    @app.post("/dataset/<name>/<resource>/upload")
    def upload(name: str, resource: str):  # type: ignore[no-untyped-def]
        from opendata.project import edit

        definition = dataset(name)
        target = resource_of(definition, resource)
        sent = request.files.get("file")
        if sent is None or not sent.filename:
            raise DefinitionError("desk-upload-none")
        if Path(sent.filename).suffix.lower() != target.path.suffix.lower():
            raise DefinitionError("desk-upload-format", file=sent.filename,
                                  wanted=target.path.suffix)
        kept = edit.replace_source(definition, target, sent.read(), project().root)
        checks.pop(name, None)
        return redirect(url_for("dataset_page", name=name, replaced=resource,
                                kept=str(kept.relative_to(project().root))))

    @app.post("/dataset/<name>/<resource>/undo")
    def undo(name: str, resource: str):  # type: ignore[no-untyped-def]
        from opendata.project import edit

        definition = dataset(name)
        edit.undo_replace(definition, resource_of(definition, resource), project().root)
        checks.pop(name, None)
        return redirect(url_for("dataset_page", name=name, saved="-"))

    @app.post("/dataset/<name>/<resource>/fix")
    def fix(name: str, resource: str):  # type: ignore[no-untyped-def]
        from opendata.build.fix import fix_file
        from opendata.check.schemas import load_schema

        definition = dataset(name)
        target = resource_of(definition, resource)
        source = target.require_source(definition.path)
        output = project().root / "build" / "fixed" / name / source.name
        fix_file(source, load_schema(target.schema_path), output, target.sheet,
                 target.header_row, target.encoding, target.delimiter, target.totals_rows,
                 lang)
        return send_file(output, as_attachment=True,
                         download_name=f"{source.stem} ({say('desk-fixed')}){source.suffix}")

    # ---- a new dataset from a workbook

    @app.get("/new")
    def new_page():  # type: ignore[no-untyped-def]
        return render_template("new.html", upload=None)

    @app.post("/new")
    def new_upload():  # type: ignore[no-untyped-def]
        from opendata.standards.catalogue import standards
        from opendata.standards.detect import detect_sheets

        sent = request.files.get("file")
        if sent is None or not sent.filename:
            raise DefinitionError("desk-upload-none")
        suffix = Path(sent.filename).suffix.lower()
        if suffix not in SPREADSHEETS:
            raise DefinitionError("desk-upload-format", file=sent.filename,
                                  wanted=", ".join(SPREADSHEETS))
        upload_id = secrets.token_hex(8)
        folder = project().root / UPLOADS / upload_id
        folder.mkdir(parents=True)
        path = folder / f"{safe_stem(sent.filename)}{suffix}"
        sent.save(path)
        try:
            standards()
            _opened, matches = detect_sheets(path)
        except OpendataError:  # no standards yet, or none read: a schema is inferred
            matches = []
        best = next((m for m in matches if m.fits), None)
        return render_template("new.html", upload=upload_id, file=path.name, best=best,
                               matches=matches[:3], name=resource_name_for(path.stem))

    @app.post("/new/create")
    def new_create():  # type: ignore[no-untyped-def]
        from opendata.build.scaffold import new_dataset

        upload_id = request.form.get("upload", "")
        if not upload_id.isalnum():
            abort(400)
        folder = project().root / UPLOADS / upload_id
        files = sorted(folder.iterdir()) if folder.is_dir() else []
        if not files:
            abort(404)
        name = request.form.get("name", "").strip()
        new_dataset(project(), name, files[0], infer=request.form.get("infer") == "1")
        return redirect(url_for("dataset_page", name=name, saved="-"))

    # ---- publish

    def portal_key(url: str) -> str:
        profile = project().portal(None)
        return profile.optional_api_key() or typed_keys.get(url, "")

    @app.get("/publish")
    def publish_page():  # type: ignore[no-untyped-def]
        profile = project().portal(None)
        return render_template("publish.html", portal=profile.url,
                               has_key=bool(portal_key(profile.url)),
                               plan=jobs.last("plan"), run=jobs.last("publish"))

    @app.post("/key")
    def key():  # type: ignore[no-untyped-def]
        from opendata.project.config import checked_key

        url = project().portal(None).url
        typed = checked_key(request.form.get("key", "").strip(), say("desk-key-where"))
        if not typed:
            raise DefinitionError("desk-key-empty")
        try:
            import keyring

            keyring.set_password("opendata", url, typed)
        except Exception:  # noqa: BLE001 — no keyring here: kept for this desk's life only
            typed_keys[url] = typed
        return redirect(url_for("publish_page"))

    @app.post("/publish/plan")
    def plan():  # type: ignore[no-untyped-def]
        def work(job: Job):  # type: ignore[no-untyped-def]
            return publish_run(job, dry_run=True)

        return redirect(url_for("job_page", job_id=jobs.start("plan", work).id))

    @app.post("/publish")
    def publish():  # type: ignore[no-untyped-def]
        def work(job: Job):  # type: ignore[no-untyped-def]
            return publish_run(job, dry_run=False)

        return redirect(url_for("job_page", job_id=jobs.start("publish", work).id))

    def publish_run(job: Job, dry_run: bool):  # type: ignore[no-untyped-def]
        from opendata.history import log as history
        from opendata.portal import check as checking
        from opendata.portal import publish as publishing
        from opendata.portal.client import Portal

        found = project()
        profile = found.portal(None)
        portal = Portal(profile.url, portal_key(profile.url))
        if dry_run:
            job.say(say("desk-portal-check", portal=profile.url))
            checked = checking.check_portal(portal, profile.max_upload_mb, found)
            job.result = {"check": checked}
        elif not portal.has_key:
            profile.api_key()  # says how to give one
        job.say(say("desk-planning"))
        with closing(history.PublicationLog(found.log_location, read_only=dry_run)) as log:
            run = publishing.plan_publication(found.definitions(), found.root, portal, log,
                                              dry_run, max_upload_mb=profile.max_upload_mb)
            if not dry_run:
                publishing.carry_out(run, portal, log, lang, lambda step: job.say(
                    say("desk-uploaded", file=step.file)))
        return {**(job.result or {}), "run": run}

    # ---- look back

    @app.get("/log")
    def log_page():  # type: ignore[no-untyped-def]
        from opendata.history import log as history

        found = project()
        dataset_filter = request.args.get("dataset") or None
        outcome = request.args.get("outcome") or None
        portal = found.portal(None).url
        with closing(history.PublicationLog(found.log_location, read_only=True)) as log:
            entries = log.entries(history.Filters(dataset_filter, None, None, portal,
                                                  outcome))
        return render_template("log.html", entries=entries, portal=portal,
                               dataset=dataset_filter or "", outcome=outcome or "",
                               names=[d.name for d in found.definitions()])

    @app.post("/verify")
    def verify():  # type: ignore[no-untyped-def]
        from opendata.history import log as history
        from opendata.history import status as statuses
        from opendata.portal.client import Portal

        def work(job: Job):  # type: ignore[no-untyped-def]
            found = project()
            profile = found.portal(None)
            job.say(say("desk-verifying", portal=profile.url))
            with closing(history.PublicationLog(found.log_location, read_only=True)) as log:
                return statuses.verify(log, Portal(profile.url, ""), False)

        return redirect(url_for("job_page", job_id=jobs.start("verify", work).id))

    @app.post("/audit")
    def audit():  # type: ignore[no-untyped-def]
        from opendata.audit import inventory
        from opendata.portal.client import Portal

        def work(job: Job):  # type: ignore[no-untyped-def]
            found = project()
            profile = found.portal(None)
            organization = found.organization or ""
            job.say(say("desk-auditing", organization=organization, portal=profile.url))
            return inventory.audit(Portal(profile.url, ""), [organization],
                                   dt.datetime.now(dt.UTC).date(),
                                   on_dataset=lambda done, total: job.say(
                                       say("desk-audited", done=done, total=total)))

        return redirect(url_for("job_page", job_id=jobs.start("audit", work).id))

    @app.get("/job/<job_id>/audit.html")
    def audit_report(job_id: str):  # type: ignore[no-untyped-def]
        from opendata.report import audit as render

        job = jobs.get(job_id)
        if job is None or job.kind != "audit" or job.result is None:
            abort(404)
        return Response(render.html(job.result, lang), mimetype="text/html")

    return app


def desk_server(app: Flask, port: int):  # type: ignore[no-untyped-def]
    """Werkzeug's threaded server for ``app`` on 127.0.0.1 only, without a line on the
    terminal for every request (staff read the terminal for the address)."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            pass

    server = make_server("127.0.0.1", port, app, threaded=True, request_handler=Quiet)
    app.config["PORT"] = server.server_port
    return server


def summary(report) -> dict:  # type: ignore[no-untyped-def]
    """A validation as the home page shows it."""
    passport = sum(f.severity == "error" for f in report.metadata)
    return {"valid": report.valid, "table_errors": sum(t.errors for t in report.tables),
            "passport_gaps": passport}


def form_values(passport: dict) -> dict:
    """The passport as the form shows it: one value a field, keywords as a list."""
    licenses = passport.get("licenses") or [{"name": "cc-by"}]
    first = licenses[0].get("name") if isinstance(licenses[0], dict) else licenses[0]
    found = passport.get("maintainer")
    maintainer: dict = found if isinstance(found, dict) else {}
    return {"title": passport.get("title") or "", "description":
            passport.get("description") or "", "keywords": datagovua.keywords_of(passport),
            "purpose": passport.get("purpose") or "",
            "update_frequency": frequency_label(passport.get("update_frequency"), ""),
            "language": passport.get("language") or "uk", "license": first,
            "maintainer.name": maintainer.get("name") or "",
            "maintainer.email": maintainer.get("email") or ""}


def field_labels(saved: str | None, lang: str) -> str | None:
    """The fields a save changed, as the form names them."""
    if not saved or saved == "-":
        return saved
    codes = [f"field-{name}" if name != "license" else "desk-license"
             for name in saved.split(",")]
    return ", ".join(messages.render(code, lang) for code in codes
                     if code in messages.CATALOG)


def frequency_label(value: str | None, unknown: str = "—") -> str:
    """The Ukrainian label of an update frequency, as staff write it in the passport."""
    known = datagovua.frequency_value(value or "")
    return datagovua.FREQUENCIES[known][0] if known else (value or unknown)


def safe_stem(filename: str) -> str:
    """An uploaded file's name as a name of our own folder may hold."""
    stem = Path(filename.replace("\\", "/")).name.rsplit(".", 1)[0]
    kept = "".join(c for c in stem if c.isalnum() or c in " -_().")[:100].strip(" .")
    return kept or "table"
