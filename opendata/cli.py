"""The ``opendata`` command: parse, call the library, render, exit.

Exit codes: 0 all good, 1 the data or metadata is invalid, 2 the command cannot run (bad
arguments, an unreadable file, a broken definition) — always with a one-line reason and
never a traceback. Library modules are imported inside the commands so that ``--help``
answers at once.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager

import click

from opendata import __version__, messages
from opendata.help import Group

EXIT_INVALID = 1
EXIT_CANNOT_RUN = 2

lang_option = click.option(
    "--lang", type=click.Choice(messages.LANGUAGES), default="uk", envvar="OPENDATA_LANG",
    show_default=True, help="Language of messages: uk (Ukrainian) or en (English).")
format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text for people; json (on stdout) for scripts.")


report_option = click.option(
    "--report", "report_path", type=click.Path(dir_okay=False),
    help="Also write the findings for people: FILE.xlsx (your workbook marked up, with a "
         "«Перевірка» sheet) or FILE.html (one page for the browser).")
def sheet_options(command):
    """--sheet and --header-row: where in a workbook the table is."""
    command = click.option("--header-row", type=click.IntRange(min=1),
                           help="Row number of the header, if it cannot be found from the "
                                "schema.")(command)
    return click.option("--sheet", help="Sheet name (default: the first visible sheet).")(
        command)


totals_option = click.option(
    "--totals-rows/--no-totals-rows", default=True, show_default=True,
    help="Whether a last row such as «Разом» is a totals row (an error) or a record.")


@click.group(cls=Group)
@click.version_option(__version__, prog_name="opendata")
def cli():
    """Check, convert and publish a council's open data on data.gov.ua.

    Run the commands in the project folder (the one with opendata.toml).
    """
    bound_memory()


@cli.command()
@click.argument("targets", nargs=-1)
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False),
              help="Table Schema (YAML/JSON), an 835 standard's CSVW schema.json, or a "
                   "fetched standard's name (annex-35/projects), for a single spreadsheet "
                   "or CSV.")
@sheet_options
@click.option("--max-errors", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Findings to list per table; 0 lists all.")
@totals_option
@report_option
@format_option
@lang_option
def validate(targets, schema_path, sheet, header_row, max_errors, totals_rows, report_path,
             output_format, lang):
    """Check datasets or spreadsheets before they are published.

    TARGETS are dataset names or folders (default: every dataset of the project), or
    spreadsheet/CSV files, which need --schema. Every finding names its cell as Excel shows
    it (Проєкти!N3). Exit code 0: valid; 1: invalid; 2: cannot run.
    """
    from opendata.check import validation
    from opendata.project import config as project
    from opendata.report import files as reports
    from opendata.report import text as render
    from opendata.standards import catalogue

    with reported(lang, output_format):
        reports.check_path(report_path)
        resolved = project.resolve_targets(targets)
        schema_path = catalogue.resolve(schema_path) if schema_path else None
        report = validation.validate_targets(resolved, schema_path, sheet, header_row,
                                             max_errors, totals_rows)
        if output_format == "json":
            click.echo(json.dumps(report.json(lang), ensure_ascii=False, indent=2))
        else:
            click.echo(render.validation_report(report, lang))
        written_report(report, report_path, lang, output_format)
    sys.exit(0 if report.valid else EXIT_INVALID)


@cli.command()
@click.argument("target")
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False),
              help="For a single file: Table Schema (YAML/JSON), an 835 standard's CSVW "
                   "schema.json, or a fetched standard's name (annex-35/projects).")
@click.option("--resource", "resource_name",
              help="For a dataset of several tables: which one (its name in "
                   "datapackage.yaml).")
@sheet_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The fixed copy to write: .xlsx for a workbook, .csv for a CSV (in the "
                   "source's own encoding and delimiter).")
@format_option
@lang_option
def fix(target, schema_path, resource_name, sheet, header_row, output, output_format, lang):
    """Write a fixed copy of a workbook or CSV: every finding with exactly one safe fix is
    fixed — leading zeros of codes restored (the column set to Text), decimal commas and
    thousands spaces made numbers, dates typed as text made Excel dates shown the same way,
    whitespace around values and a stray apostrophe removed — each fixed cell with a note
    saying what it was. Nothing ambiguous is guessed (03/04/2021 is left, with its finding).

    TARGET is a spreadsheet or CSV (with --schema) or a dataset. The source is never
    changed. Exit code 0: the copy is valid; 1: findings are left (validate the copy to see
    them); 2: cannot run.
    """
    from opendata.build import fix as fixing
    from opendata.check import schemas
    from opendata.project import config as project
    from opendata.report import text as render
    from opendata.standards import catalogue

    with reported(lang, output_format):
        source, schema_file, sheet, header_row = project.fix_target(
            target, schema_path and catalogue.resolve(schema_path), resource_name, sheet,
            header_row)
        fixes = fixing.fix_file(source, schemas.load_schema(schema_file), output, sheet,
                                header_row, lang=lang)
    assert fixes.left is not None
    if output_format == "json":
        click.echo(json.dumps(fixes.json(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render.fixes(fixes, source, schema_file, lang))
    sys.exit(EXIT_INVALID if fixes.left.errors else 0)


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False), required=True,
              help="Table Schema (YAML/JSON), an 835 standard's CSVW schema.json, or a "
                   "fetched standard's name (annex-35/projects).")
@sheet_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The file to write: .csv (UTF-8, comma) or .json (an array of objects).")
@click.option("--force", is_flag=True, help="Write the file even if the source has errors.")
@click.option("--max-errors", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Findings to list; 0 lists all.")
@totals_option
@format_option
@lang_option
def convert(source, schema_path, sheet, header_row, output, force, max_errors, totals_rows,
            output_format, lang):
    """Convert one spreadsheet or CSV into a clean UTF-8 CSV or a JSON file.

    Values are written as the schema types them (ISO dates, a dot as the decimal mark, codes
    with their leading zeros). A source with errors is not converted (exit 1) unless --force.
    """
    from opendata.build import convert as converting
    from opendata.check import schemas, validation
    from opendata.report import text as render
    from opendata.standards import catalogue

    with reported(lang, output_format):
        report = converting.convert_file(source, schemas.load_schema(
            catalogue.resolve(schema_path)), output,
                                         sheet, header_row, force, max_errors,
                                         totals_rows=totals_rows)
        written = force or not report.errors
        if output_format == "json":
            result = validation.Report(tables=[report]).json(lang)
            click.echo(json.dumps({**result, "output": output if written else None},
                                  ensure_ascii=False, indent=2))
        else:
            if report.findings:
                click.echo(render.validation_report(validation.Report(tables=[report]), lang))
            code = "converted" if written else "convert-refused"
            click.echo(messages.render(code, lang, path=output, rows=report.rows))
    sys.exit(0 if written else EXIT_INVALID)


@cli.command()
@click.argument("datasets", nargs=-1)
@click.option("--max-errors", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Findings to list per table; 0 lists all.")
@report_option
@format_option
@lang_option
def build(datasets, max_errors, report_path, output_format, lang):
    """Validate datasets and write their publishable files into build/<dataset>/.

    For each resource: CSV (and JSON if the definition asks), the structure file
    <resource>-structure.csv; for each dataset: datapackage.json and manifest.json (sha256
    and size of every file). An invalid dataset is not built (exit 1); the others are.
    """
    from opendata.build import package as building
    from opendata.project import config as project
    from opendata.report import files as reports
    from opendata.report import text as render

    with reported(lang, output_format):
        reports.check_path(report_path)
        found = project.find_project()
        definitions = ([found.definition(name) for name in datasets] if datasets
                       else found.definitions())
        builds = [building.build_dataset(d, found.root, found.root / "build", max_errors)
                  for d in definitions]
        if output_format == "json":
            click.echo(json.dumps(building.builds_json(builds, lang), ensure_ascii=False,
                                  indent=2))
        else:
            click.echo(render.build_report(builds, lang))
        written_report(reports.combined([b.report for b in builds]), report_path, lang,
                       output_format)
    sys.exit(0 if all(b.folder for b in builds) else EXIT_INVALID)


@cli.command()
@click.argument("datasets", nargs=-1)
@click.option("--portal", "portal_name", metavar="NAME|URL",
              help="A portal profile of opendata.toml (prod, test, local…) or a URL; "
                   "default: default_portal.")
@click.option("--dry-run", is_flag=True, help="Show the plan; change nothing.")
@click.option("--private", is_flag=True,
              help="Publish as private datasets, to review them before they go public.")
@click.option("--prune", is_flag=True,
              help="Remove resources that the definitions no longer have.")
@report_option
@format_option
@lang_option
def publish(datasets, portal_name, dry_run, private, prune, report_path, output_format, lang):
    """Validate, build and publish datasets (default: all): only what changed.

    The plan compares each build with the portal: create the dataset, update the passport
    fields that changed, upload the files whose content changed onto their existing
    resources (ids and URLs stay), leave the rest. Invalid datasets are not sent. Every
    step goes to the publication log. The API key comes from OPENDATA_API_KEY (or the
    profile's api_key_env, or the OS keyring); it is never printed or stored.
    Exit code 0: all published or unchanged; 1: a dataset was invalid or failed; 2: cannot
    run (no key, wrong key, unknown portal).
    """
    from opendata.history import log as history
    from opendata.portal import publish as publishing
    from opendata.portal.client import Portal
    from opendata.project import config as project
    from opendata.report import files as reports
    from opendata.report import text as render

    with reported(lang, output_format):
        reports.check_path(report_path)
        found = project.find_project()
        definitions = ([found.definition(name) for name in datasets] if datasets
                       else found.definitions())
        profile = found.portal(portal_name)
        # a plan only reads: without a key it is made against what anyone sees
        portal = Portal(profile.url, profile.optional_api_key() if dry_run
                        else profile.api_key())
        log = history.PublicationLog(found.log_location, read_only=dry_run)
        run = publishing.plan_publication(definitions, found.root, portal, log, dry_run,
                                          private, prune, profile.max_upload_mb)
        written_report(reports.combined([p.build.report for p in run.plans]), report_path,
                       lang, output_format)
        if not dry_run:
            with render.upload_progress(run.upload_bytes, output_format == "text",
                                        lang) as on_upload:
                publishing.carry_out(run, portal, log, lang, on_upload)
        if output_format == "json":
            click.echo(json.dumps(publishing.publication_json(run, lang), ensure_ascii=False,
                                  indent=2))
        else:
            click.echo(render.publication_report(run, lang))
    sys.exit(0 if run.ok else EXIT_INVALID)


portal_option = click.option(
    "--portal", "portal_name", metavar="NAME|URL",
    help="A portal profile of opendata.toml or a URL; default: default_portal.")


@cli.command("log")
@click.option("--dataset", help="Only this dataset.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="From this day (рррр-мм-дд).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]),
              help="Up to and including this day.")
@click.option("--portal", "portal_name", metavar="NAME|URL|all",
              help="A portal profile of opendata.toml or a URL; default: default_portal, as "
                   "status and verify; all: every portal.")
@click.option("--outcome", type=click.Choice(["ok", "failed", "skipped", "started"]),
              help="Only steps that ended so.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True, help="text for people; json or csv for tools.")
@lang_option
def log_command(dataset, since, until, portal_name, outcome, output_format, lang):
    """What was published: when, by whom, from which file — newest first. Shows the default
    portal, as status and verify do, and says which; --portal all shows every portal."""
    from opendata.history import log as history
    from opendata.project import config as project
    from opendata.report import text as render

    with reported(lang, output_format):
        found = project.find_project()
        portal = None if portal_name == "all" else found.portal(portal_name).url
        filters = history.Filters(dataset, since.date() if since else None,
                                  until.date() if until else None, portal, outcome)
        entries = history.PublicationLog(found.log_location, read_only=True).entries(filters)
        click.echo(render.log_entries(entries, output_format, lang, portal), nl=False)


@cli.command()
@portal_option
@format_option
@lang_option
def status(portal_name, output_format, lang):
    """What needs action: overdue datasets, unpublished changes, never published ones.

    The next update is due by the dataset's update frequency after its last publish that
    changed something on the portal (1, 7, 31, 91, 182 or 364 days).
    """
    import datetime as dt

    from opendata.history import log as history
    from opendata.history import status as statuses
    from opendata.project import config as project
    from opendata.report import text as render

    with reported(lang, output_format):
        found = project.find_project()
        portal = found.portal(portal_name).url
        log = history.PublicationLog(found.log_location, read_only=True)
        today = dt.datetime.now(dt.UTC).date()
        rows = sorted((statuses.dataset_status(d, found.root, log, portal, today)
                       for d in found.definitions()), key=lambda s: s.urgency)
        if output_format == "json":
            click.echo(json.dumps([r.json() for r in rows], ensure_ascii=False, indent=2))
        else:
            click.echo(render.status_table(rows, portal, lang))


@cli.command()
@portal_option
@click.option("--deep", is_flag=True, help="Also download every file and compare its sha256.")
@format_option
@lang_option
def verify(portal_name, deep, output_format, lang):
    """Check that the portal still holds what the log says was published, and that the
    log has not been edited. Exit code 0: all holds; 1: differences (listed)."""
    from opendata.history import log as history
    from opendata.history import status as statuses
    from opendata.portal.client import Portal
    from opendata.project import config as project
    from opendata.report import text as render

    with reported(lang, output_format):
        found = project.find_project()
        profile = found.portal(portal_name)
        # public datasets are read without a key; --deep downloads, as the owner would
        portal = Portal(profile.url, profile.api_key() if deep else
                        profile.optional_api_key())
        log = history.PublicationLog(found.log_location, read_only=True)
        differences = statuses.verify(log, portal, deep,
                                      [d.name for d in found.definitions()])
        if output_format == "json":
            click.echo(json.dumps({"ok": not differences, "portal": portal.url,
                                   "differences": [d.json() for d in differences]},
                                  ensure_ascii=False, indent=2))
        else:
            click.echo(render.differences(differences, portal.url, lang))
    sys.exit(EXIT_INVALID if differences else 0)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the register here (CSV); default: print it.")
@portal_option
@lang_option
def register(output, portal_name, lang):
    """The register of datasets (835, annex 7) from the definitions, as CSV.

    Links point at the portal named by register_portal in opendata.toml (or --portal),
    built from the dataset names, so the register changes only when definitions do.
    """
    from pathlib import Path

    from opendata.history import register as registers
    from opendata.project import config as project

    with reported(lang):
        found = project.find_project()
        portal = found.portal(portal_name or found.config.get("register_portal")).url
        rows = registers.register_rows(found.definitions(), portal,
                                       found.config.get("organization_title", ""),
                                       found.config.get("publisher_id"))
        text = registers.register_csv(rows)
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(text, encoding="utf-8")
            click.echo(messages.render("register-written", lang, path=output, rows=len(rows)))
        else:
            click.echo(text, nl=False)


@cli.command()
@click.argument("name")
@click.option("--from", "spreadsheet", type=click.Path(dir_okay=False),
              help="The spreadsheet or CSV the dataset is kept in.")
@click.option("--update", is_flag=True,
              help="Copy the workbook again from where new took it (after it was edited "
                   "there).")
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False),
              help="A schema to follow (a file, or a fetched 835 standard such as "
                   "annex-35/projects); without it the standard the spreadsheet follows, "
                   "or one inferred.")
@click.option("--sheet", help="Sheet name (default: the first visible sheet).")
@click.option("--infer", is_flag=True,
              help="Infer a schema even if the spreadsheet follows an 835 standard.")
@lang_option
def new(name, spreadsheet, schema_path, sheet, infer, update, lang):
    """Start a dataset NAME (e.g. nizhyn-petitions) from a spreadsheet staff already have.

    Writes datasets/NAME/datapackage.yaml with the spreadsheet beside it, and
    schemas/NAME.schema.yaml: the structure of the 835 standard the spreadsheet follows
    (once `opendata standards update` has fetched them), else one inferred from it (--infer
    forces this). Passport fields that cannot be guessed are marked TODO; validate rejects
    them until they are filled.
    """
    from pathlib import Path

    from opendata.build import scaffold
    from opendata.project import config as project
    from opendata.report import text as render
    from opendata.standards import catalogue

    with reported(lang):
        if update:
            original, copy = scaffold.update_copy(project.find_project(), name)
            click.echo(messages.render("new-updated", lang, original=original,
                                       copy=render.shown(copy)))
            return
        if not spreadsheet:
            from opendata.errors import UsageError
            raise UsageError("new-from-missing", name=name)
        schema_file = Path(catalogue.resolve(schema_path)) if schema_path else None
        created = scaffold.new_dataset(project.find_project(), name, Path(spreadsheet), sheet,
                                       schema_file, infer)
    click.echo(messages.render("new-written", lang, definition=render.shown(created.definition),
                               schema=render.shown(created.schema)))
    click.echo(messages.render("new-copied", lang, copy=render.shown(created.copy),
                               original=created.original, name=name))
    if created.standard:
        click.echo(messages.render("new-standard", lang, standard=created.standard,
                                   schema=render.shown(created.schema)))
    elif created.schema_written and not schema_path:
        click.echo(messages.render("new-schema-inferred", lang,
                                   schema=render.shown(created.schema)))
    if created.findings:
        click.echo(messages.render("new-mismatch", lang))
        for finding in created.findings:
            said = finding.message(lang)
            value = f" «{finding.value}»" if finding.value and finding.value not in said else ""
            click.echo(f"  {finding.cell or ''}{value} {said}".replace("   ", "  "))
    if created.placeholders:
        click.echo(messages.render("new-fill", lang, fields=", ".join(created.placeholders),
                                   name=name))


@cli.command()
@click.argument("datasets", nargs=-1)
@click.option("--organization", help="Adopt every dataset of this organization instead.")
@portal_option
@format_option
@lang_option
def adopt(datasets, organization, portal_name, output_format, lang):
    """Take over datasets already on the portal (published by hand): DATASETS are names,
    ids or page URLs (…/dataset/name), or --organization for all of one organization.

    Writes datasets/<name>/datapackage.yaml from the portal's passport, with the uploaded
    tables downloaded beside it (published as they are; the 835 standard they follow or an
    inferred schema) and links and documents listed as portal-only. The portal's ids go to
    the publication log, so that publish updates those very resources. Nothing on the
    portal changes. No key is needed for public datasets.
    """
    from opendata.history import log as history
    from opendata.portal import adopt as adopting
    from opendata.portal.client import Portal
    from opendata.project import config as project
    from opendata.report import text as render

    with reported(lang, output_format):
        if bool(datasets) == bool(organization):
            from opendata.errors import UsageError
            raise UsageError("adopt-what")
        found = project.find_project()
        profile = found.portal(portal_name)
        portal = Portal(profile.url, profile.optional_api_key())
        log = history.PublicationLog(found.log_location)
        adoptions = (adopting.adopt_organization(found, portal, log, organization)
                     if organization else
                     adopting.adopt_datasets(found, portal, log, list(datasets)))
    if output_format == "json":
        click.echo(json.dumps({"portal": portal.url,
                               "datasets": [a.json(lang) for a in adoptions]},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(render.adoptions(adoptions, lang))


@cli.command()
@click.option("--organization", "organizations", multiple=True, required=True,
              help="An organization's name on the portal; repeat for several.")
@portal_option
@click.option("--files", is_flag=True,
              help="Also download the tables, uploaded or linked (a cache keeps them), "
                   "detect their 835 standard and validate them against it.")
@click.option("--jobs", type=click.IntRange(1, 32), default=8, show_default=True,
              help="Requests at a time (link checks, downloads).")
@click.option("--rate", type=click.FloatRange(min=0.1), default=1.0, show_default=True,
              help="Requests a second to one host at most (the portal, each linked site).")
@click.option("--internal-links", is_flag=True,
              help="Also follow links to internal addresses (a private network, this "
                   "machine); without it they are dead links, never requested.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True, help="text for people; json or csv for tools.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Also write the audit as FILE.xlsx or FILE.html.")
@lang_option
def audit(organizations, portal_name, files, jobs, rate, internal_links, output_format,
          report_path, lang):
    """What organizations really have on the portal, whoever published it: per dataset, the
    last real update against its declared frequency (overdue days), passport gaps, formats
    that are not machine-readable, dead links; with --files, whether each table follows its
    835 standard. Reads only, and needs no key for public data. A link to an internal address
    (a private network, this machine) is a dead link for the public and is not requested.

    Run anywhere: in a project, --portal takes its profiles; elsewhere prod (data.gov.ua),
    test or a URL. Exit code 0: all is well; 1: something is overdue or a passport is
    incomplete; 2: cannot run.
    """
    import datetime as dt

    from opendata.audit import inventory
    from opendata.portal.client import Portal
    from opendata.project import config as project
    from opendata.report import audit as render
    from opendata.report import files as reports

    with reported(lang, output_format):
        reports.check_path(report_path)
        profile = project.portal_profile(portal_name)
        portal = Portal(profile.url, profile.optional_api_key())
        progress = render.progress(lang) if output_format == "text" and \
            sys.stderr.isatty() else None
        found = inventory.audit(portal, list(organizations), dt.datetime.now(dt.UTC).date(),
                                files, jobs, rate, progress, internal_links)
        if report_path:
            render.write_report(found, report_path, lang)
        if output_format == "json":
            click.echo(json.dumps(found.json(), ensure_ascii=False, indent=2))
        elif output_format == "csv":
            click.echo(render.csv_text(found), nl=False)
        else:
            click.echo(render.text(found, lang))
    sys.exit(0 if found.ok else EXIT_INVALID)


@cli.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--organization", required=True,
              help="The organization's name on the portal (owner_org), e.g. "
                   "nizhynska-miska-rada.")
@click.option("--edrpou", help="The organization's EDRPOU code (8 digits), for the register.")
@click.option("--portal", "portal_name", default="prod", show_default=True, metavar="NAME|URL",
              help="prod, test, local or a URL: the default portal, where the organization is "
                   "looked up.")
@lang_option
def init(folder, organization, edrpou, portal_name, lang):
    """Start a project in FOLDER (default: here): opendata.toml, datasets/, schemas/.

    The organization is looked up on the portal when it answers; a name it does not know is
    refused with the closest names it has. An existing project is never overwritten.
    """
    from pathlib import Path

    from opendata.project import init as initialising

    with reported(lang):
        made = initialising.init_project(Path(folder), organization, edrpou, portal_name)
    click.echo(messages.render("init-completed" if made.completed else "init-written", lang,
                               path=made.folder / "opendata.toml"))
    click.echo(messages.render("init-checked" if made.checked else "init-unchecked", lang,
                               title=made.organization_title or organization))
    click.echo(messages.render("init-next", lang, folder=folder))


@cli.group("portal")
def portal_group():
    """The portal itself: what it runs and what the key may do there."""


@portal_group.command("check")
@portal_option
@format_option
@lang_option
def portal_check(portal_name, output_format, lang):
    """Check, reading only, that publishing to the portal can work: its CKAN version and
    extensions, whether the API key is accepted and whose it is, which organizations it may
    publish to (the project's among them?), whether the portal knows the licences the
    definitions use, the upload limit in force, and how passport changes are sent.

    Run it before the first publish and whenever one fails. No key is needed for the parts
    that need none. Exit code 0: publishing can work; 1: something will stop it (each ✗
    says what to do); 2: the portal cannot be reached.
    """
    from opendata.errors import DefinitionError
    from opendata.portal import check as checking
    from opendata.portal.client import Portal
    from opendata.project import config as project
    from opendata.report import text as render

    with reported(lang, output_format):
        profile = project.portal_profile(portal_name)
        try:
            found = project.find_project()
        except DefinitionError:
            found = None
        portal = Portal(profile.url, profile.optional_api_key())
        checked = checking.check_portal(portal, profile.max_upload_mb, found)
    if output_format == "json":
        click.echo(json.dumps(checked.json(lang), ensure_ascii=False, indent=2))
    else:
        click.echo(render.portal_check(checked, lang))
    sys.exit(0 if checked.ok else EXIT_INVALID)


@cli.group()
def standards():
    """The 835 structure standards: fetch them, list them, recognise a spreadsheet's.

    Once fetched, a standard is named wherever a schema is taken: --schema annex-35/projects.
    """


@standards.command("update")
@click.option("--source", metavar="URL|FOLDER",
              help="Where the standards are (index.csv beside them); default: their public "
                   "repository.")
@lang_option
def standards_update(source, lang):
    """Fetch the standards into this computer's cache."""
    from opendata.standards import catalogue

    with reported(lang):
        found = catalogue.update(source)
    click.echo(messages.render("standards-updated", lang, count=len(found),
                               path=catalogue.cache_folder()))


@standards.command("list")
@click.argument("words", nargs=-1)
@click.option("--annex", type=int, help="Only this annex of the Resolution.")
@format_option
@lang_option
def standards_list(words, annex, output_format, lang):
    """The standards in the cache; WORDS filter by title or name."""
    from opendata.standards import catalogue

    with reported(lang, output_format):
        found = [s for s in catalogue.standards() if (annex is None or s.annex == annex)
                 and all(w.casefold() in f"{s.title} {s.name}".casefold() for w in words)]
    if output_format == "json":
        click.echo(json.dumps([s.json() for s in found], ensure_ascii=False, indent=2))
    else:
        for s in found:
            click.echo(f"{s.name:40} {s.title}")


@standards.command("detect")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", help="Sheet name (default: the first visible sheet with a header).")
@format_option
@lang_option
def standards_detect(file, sheet, output_format, lang):
    """Which standard FILE follows, best match first; says so plainly when none fits.

    Without --sheet, the first visible sheet, or the next one when a standard fits none of
    the first's header (a workbook that starts with an instruction sheet).
    """
    from opendata.standards import detect

    with reported(lang, output_format):
        opened, matches = detect.detect_sheets(file, sheet)
    best = matches[0] if matches and matches[0].fits else None
    if output_format == "json":
        click.echo(json.dumps({"file": file, "sheet": opened.name,
                               "standard": best.standard.name if best else None,
                               "header_rows": matches[0].header_rows if matches else None,
                               "matches": [m.json() for m in matches if m.matched]},
                              ensure_ascii=False, indent=2))
        return
    if best is None:
        click.echo(messages.render("standards-none-fits", lang))
    elif opened.name:
        click.echo(messages.render("standards-sheet", lang, sheet=opened.name))
    for m in [m for m in matches if m.matched][:5]:
        click.echo(messages.render("standards-match", lang, name=m.standard.name,
                                   title=m.standard.title, matched=m.matched, total=m.total,
                                   missing=", ".join(m.missing) or "—",
                                   extra=", ".join(m.extra) or "—"))


@cli.group()
def schema():
    """Work with Table Schemas and the official 835 structure standards."""


@schema.command("import")
@click.argument("csvw", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="Where to write the Table Schema, e.g. schemas/NAME.schema.yaml.")
@lang_option
def schema_import(csvw, output, lang):
    """Convert an 835 standard's CSVW schema.json into a Table Schema, fixing its defects.

    Names with stray spaces, tabs or U+2028, Cyrillic letters in Latin names, anyURL,
    duplicate columns and primary keys that cannot be unique are fixed, and each change
    is listed.
    """
    from pathlib import Path

    from opendata.check import schemas
    from opendata.standards import catalogue

    with reported(lang):
        descriptor, changes = schemas.import_csvw_file(catalogue.resolve(csvw))
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(schemas.dump_yaml(descriptor), encoding="utf-8")
    click.echo(messages.render("schema-imported", lang, path=output,
                               fields=len(descriptor["fields"])))
    if changes:
        click.echo(messages.render("schema-changes", lang))
        for code, params in changes:
            click.echo("  - " + messages.render(code, lang, **params))


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8835, show_default=True,
              help="The port on 127.0.0.1 to listen on (0: any free one).")
@click.option("--no-browser", is_flag=True, help="Print the address; do not open a browser.")
@lang_option
def serve(port, no_browser, lang):
    """The staff's desk in the browser for the project here: every dataset with its state,
    the passport as a form, a new version of a workbook checked at once (and undone), a new
    dataset from a workbook, publishing with the plan in view, the log, the portal check
    and the audit.

    It listens on 127.0.0.1 only and opens with a one-time address (its token); stop it
    with Ctrl+C.
    """
    import secrets
    import webbrowser

    from opendata.project import config as project
    from opendata.web.app import create_app, desk_server

    with reported(lang):
        found = project.find_project()
        found.definitions()  # a definition that does not load is said here, not in a page
        token = secrets.token_urlsafe(24)
        app = create_app(found.root, token, lang)
        try:
            server = desk_server(app, port)
        except OSError as error:
            from opendata.errors import UsageError
            raise UsageError("serve-port", port=port,
                             reason=" ".join(str(error.strerror or error).split())) from None
    address = f"http://127.0.0.1:{server.server_port}/?token={token}"
    click.echo(messages.render("serve-open", lang, address=address))
    if not no_browser:
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo(messages.render("serve-stopped", lang))


@cli.command("help")
@click.argument("command", nargs=-1)
@lang_option
@click.pass_context
def help_command(ctx, command, lang):
    """Help on a command: opendata help validate (without a name, the list of commands)."""
    found, context = cli, ctx.parent
    for name in command:
        if not isinstance(found, click.Group):
            break
        found.resolve_command(context, [name])  # a misspelt name: said with the closest
        found = found.get_command(context, name)
        context = click.Context(found, info_name=name, parent=context)
    click.echo(found.get_help(context))


def written_report(report, path: str | None, lang: str, output_format: str) -> None:
    """Write the report if one was asked for, and say where (on stderr for JSON output)."""
    if not path:
        return
    from opendata.report import files as reports

    reports.write_report(report, path, lang)
    click.echo(messages.render("report-written", lang, path=path),
               err=output_format == "json")


@contextmanager
def reported(lang: str, output_format: str = "text"):
    """Turn the library's errors into a one-line message and exit code 2, in one place."""
    from opendata.errors import OpendataError

    try:
        yield
    except OpendataError as error:
        fail(error.code, error.message(lang), output_format)
    except Exception as error:  # a bug: say so plainly; OPENDATA_DEBUG=1 shows the traceback
        if os.environ.get("OPENDATA_DEBUG"):
            raise
        reason = f"{type(error).__name__}: {' '.join(str(error).split())}"
        fail("internal-error", messages.render("internal-error", lang, reason=reason),
             output_format)


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


def bound_memory() -> None:
    """Arrow's default allocator keeps arenas per thread: with the system's, a large CSV
    is validated in about 60 MB less memory. And glibc's malloc keeps the blocks Arrow
    frees for reuse, raising its threshold for giving memory back as blocks grow: a fixed
    threshold of 1 MB gives each chunk's columns back to the system, so memory stays
    bounded by a chunk (3,000,000 rows: 252 MB instead of 434 MB). Freed memory is given
    back once 16 MB of it lies unused, not at every free: each page given back is
    faulted in again by the next chunk (3,000,000 rows: 4.0 → 3.4 s)."""
    if "pyarrow" not in sys.modules and "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"  # read when Arrow is imported
    if sys.platform.startswith("linux") and "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        import ctypes

        try:  # the process's own symbols hold libc's (ctypes.util would cost a subprocess)
            libc = ctypes.CDLL(None)
            libc.mallopt(M_MMAP_THRESHOLD, 1 << 20)
            libc.mallopt(M_TRIM_THRESHOLD, 16 << 20)
        except (OSError, AttributeError):  # not glibc (musl): its own ways
            pass


def fail(code: str, message: str, output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False))
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(EXIT_CANNOT_RUN)
