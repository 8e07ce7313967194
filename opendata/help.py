"""The command line's own words in the staff's language: help, examples and usage errors.

Help is Ukrainian unless ``--lang en`` (or ``OPENDATA_LANG=en``) asks for English; the
English is what the commands' decorators say, the Ukrainian comes from the catalogue
(``help-<command>``, ``help-option-<name>`` or, for one command's own,
``help-option-<command>-<name>``), and every command ends with examples
(``examples-<command>``). click's own usage errors («No such command», «Got unexpected
extra arguments») are said in the same language, with the fix.
"""

from __future__ import annotations

import difflib
import os
import re
import sys

import click

from opendata import messages


def language() -> str:
    """The language asked for on the command line or in OPENDATA_LANG (help is shown
    before the options are parsed)."""
    args = sys.argv[1:]
    for at, arg in enumerate(args):
        if arg == "--lang" and at + 1 < len(args):
            return args[at + 1] if args[at + 1] in messages.LANGUAGES else "uk"
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in messages.LANGUAGES \
                else "uk"
    wanted = os.environ.get("OPENDATA_LANG", "uk")
    return wanted if wanted in messages.LANGUAGES else "uk"


def said(code: str, lang: str, fallback: str | None = None) -> str | None:
    """The catalogue's text for ``code`` in ``lang``, or ``fallback``."""
    texts = messages.CATALOG.get(code)
    return texts.get(lang, texts["uk"]) if texts else fallback


def path_of(ctx: click.Context) -> str:
    """The command's path without the program: "standards detect"."""
    return " ".join(ctx.command_path.split()[1:])


class Localized:
    """Help in the asked language, examples after it, whole first sentences in lists."""

    def format_help(self, ctx, formatter):  # type: ignore[no-untyped-def]
        lang = language()
        key = path_of(ctx).replace(" ", "-") or "opendata"
        original = self.help, [(p, getattr(p, "help", None)) for p in self.params]
        if lang != "en":
            self.help = said(f"help-{key}", lang, self.help)
            for param, text in original[1]:
                if text is not None:
                    param.help = said(f"help-option-{key}-{param.name}", lang) or \
                        said(f"help-option-{param.name}", lang, text)
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
            examples = said(f"examples-{key}", lang)
            if examples:
                with formatter.section(said("help-examples", lang)):
                    for line in examples.split("\n"):  # as typed: never rewrapped
                        formatter.write(f"{' ' * formatter.current_indent}{line}\n")
        finally:
            self.help = original[0]
            for param, text in original[1]:
                if text is not None:
                    param.help = text

    def format_usage(self, ctx, formatter):  # type: ignore[no-untyped-def]
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        lang = language()
        if lang != "en":
            pieces = pieces.replace("[OPTIONS]", said("help-metavar-options", lang)) \
                .replace("COMMAND [ARGS]...", said("help-metavar-command", lang))
            for param in self.params:  # type: ignore[attr-defined]
                if isinstance(param, click.Argument) and param.name:
                    pieces = re.sub(rf"\b{param.name.upper()}\b",
                                    said(f"help-argument-{param.name}", lang,
                                         param.name.upper()), pieces)
        formatter.write_usage(ctx.command_path, pieces,
                              prefix=f"{said('help-usage', lang, 'Usage:')} ")

    def format_options(self, ctx, formatter):  # type: ignore[no-untyped-def]
        """click's, with its headings and the words it adds in the asked language."""
        lang = language()
        records = [record for param in self.get_params(ctx)  # type: ignore[attr-defined]
                   if not isinstance(param, click.Argument)
                   and (record := param.get_help_record(ctx)) is not None]
        if lang != "en":
            records = [(translated(first, METAVARS, lang), translated(text, ADDED, lang))
                       for first, text in records]
        if records:
            with formatter.section(said("help-options", lang, "Options")):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter):  # type: ignore[no-untyped-def]
        rows = [(name, command.get_short_help_str())
                for name in self.list_commands(ctx)  # type: ignore[attr-defined]
                if (command := self.get_command(ctx, name)) is not None  # type: ignore
                and not command.hidden]
        if rows:
            with formatter.section(said("help-commands", language(), "Commands")):
                formatter.write_dl(rows)

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = said("help-option-help", language(), "Show this message and exit.") \
                if language() != "en" else "Show this message and exit."
        return option

    def get_short_help_str(self, limit: int = 45) -> str:  # type: ignore[override]
        """The first sentence whole, in the asked language (click cuts it at 45 characters)."""
        lang = language()
        name = getattr(self, "_localized_path", getattr(self, "name", ""))
        text = (said(f"help-{name}", lang) if lang != "en" else None) or self.help or ""
        first = text.strip().split("\n\n")[0].replace("\n", " ")
        return first.split(". ")[0].rstrip(".") + "."


# what click writes into help by itself: type names beside options, and its notes
METAVARS = {"INTEGER RANGE": "help-metavar-integer", "FLOAT RANGE": "help-metavar-number",
            "INTEGER": "help-metavar-integer", "FLOAT": "help-metavar-number",
            "TEXT": "help-metavar-text", "FILE": "help-metavar-file",
            "DIRECTORY": "help-metavar-folder", "PATH": "help-metavar-path"}
ADDED = {"[default: ": "help-added-default", "[required]": "help-added-required",
         "; default: ": "help-added-and-default"}


def translated(text: str, words: dict[str, str], lang: str) -> str:
    """``text`` with click's own English ``words`` in ``lang`` (each word's catalogue code)."""
    for word, code in words.items():
        if word.strip("[]; ").isupper():  # a type's name: a whole word, e.g. not in NAME|URL
            text = re.sub(rf"(?<![\w|]){re.escape(word)}(?![\w|])", said(code, lang) or word,
                          text)
        else:
            text = text.replace(word, said(code, lang) or word)
    return text


class Command(Localized, click.Command):
    pass


class Group(Localized, click.Group):
    command_class = Command
    group_class = type  # subgroups are of this class too

    def resolve_command(self, ctx, args):  # type: ignore[no-untyped-def]
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not name.startswith("-"):
            closest = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            raise Said(messages.render("usage-no-command", language(), name=name,
                                       closest=closest[0] if closest else "help"), ctx)
        return super().resolve_command(ctx, args)

    def add_command(self, cmd, name=None):  # type: ignore[no-untyped-def]
        super().add_command(cmd, name)
        prefix = getattr(self, "_localized_path", "")
        cmd._localized_path = f"{prefix}-{name or cmd.name}".strip("-")  # type: ignore

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """click's usage errors in the staff's language, one line, exit 2."""
        kwargs.pop("standalone_mode", None)
        try:  # not standalone: click returns an exit (--help, --version) as its code
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.Abort:
            sys.exit(1)
        except click.UsageError as error:
            click.echo(click.style(usage_error(error), fg="red"), err=True)
            sys.exit(2)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


class Said(click.UsageError):
    """A usage error already said in the staff's language."""


def usage_error(error: click.UsageError) -> str:
    """What click said, in the staff's terms, and what to type instead."""
    if isinstance(error, Said):
        return error.format_message()
    lang = language()
    command = path_of(error.ctx) if error.ctx else ""
    text = error.format_message()
    where = f"opendata {command}".strip()
    if isinstance(error, click.NoSuchOption):
        return messages.render("usage-no-option", lang, option=error.option_name,
                               command=where)
    if isinstance(error, click.MissingParameter):
        name = error.param.opts[0] if error.param is not None and error.param.opts else \
            (error.param.name if error.param is not None else "")
        return messages.render("usage-missing", lang, name=name, command=where)
    if text.startswith("Got unexpected extra argument"):
        extra = text.split("(", 1)[-1].rstrip(")")
        return messages.render("usage-extra", lang, extra=extra, command=where)
    if isinstance(error, click.BadParameter):
        return messages.render("usage-bad-value", lang, reason=" ".join(text.split()),
                               command=where)
    return messages.render("usage-other", lang, reason=" ".join(text.split()), command=where)
