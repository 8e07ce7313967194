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

from . import __version__, messages

EXIT_INVALID = 1
EXIT_CANNOT_RUN = 2

lang_option = click.option(
    "--lang", type=click.Choice(messages.LANGUAGES), default="uk", envvar="OPENDATA_LANG",
    show_default=True, help="Language of messages: uk (Ukrainian) or en (English).")
format_option = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text for people; json (on stdout) for scripts.")


@click.group()
@click.version_option(__version__, prog_name="opendata")
def cli():
    """Check, convert and publish a council's open data on data.gov.ua.

    Run the commands in the project folder (the one with opendata.toml).
    """


@cli.command()
@click.argument("targets", nargs=-1)
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False),
              help="Table Schema (YAML/JSON) or an 835 standard's CSVW schema.json, "
                   "for a single spreadsheet or CSV.")
@click.option("--sheet", help="Sheet name (default: the first sheet).")
@click.option("--header-row", type=click.IntRange(min=1),
              help="Row number of the header, if it cannot be found from the schema.")
@click.option("--max-errors", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Findings to list per table; 0 lists all.")
@format_option
@lang_option
def validate(targets, schema_path, sheet, header_row, max_errors, output_format, lang):
    """Check datasets or spreadsheets before they are published.

    TARGETS are dataset names or folders (default: every dataset of the project), or
    spreadsheet/CSV files, which need --schema. Every finding names its cell as Excel shows
    it (Проєкти!N3). Exit code 0: valid; 1: invalid; 2: cannot run.
    """
    from . import project, render, validation

    with reported(lang, output_format):
        resolved = project.resolve_targets(targets)
        report = validation.validate_targets(resolved, schema_path, sheet, header_row,
                                             max_errors)
        if output_format == "json":
            click.echo(json.dumps(report.json(lang), ensure_ascii=False, indent=2))
        else:
            click.echo(render.validation_report(report, lang))
    sys.exit(0 if report.valid else EXIT_INVALID)


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

    from . import schemas

    with reported(lang):
        descriptor, changes = schemas.import_csvw_file(csvw)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(schemas.dump_yaml(descriptor), encoding="utf-8")
    click.echo(messages.render("schema-imported", lang, path=output,
                               fields=len(descriptor["fields"])))
    if changes:
        click.echo(messages.render("schema-changes", lang))
        for code, params in changes:
            click.echo("  - " + messages.render(code, lang, **params))


@contextmanager
def reported(lang: str, output_format: str = "text"):
    """Turn the library's errors into a one-line message and exit code 2, in one place."""
    from .errors import OpendataError

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


def fail(code: str, message: str, output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False))
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(EXIT_CANNOT_RUN)
