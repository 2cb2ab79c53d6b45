"""argparse in Dutch: error messages, the usage line and help headings, for every regiokaart command."""

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from regiokaart.problems import close_match


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with its error messages, usage line and help headings in Dutch."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        for action in self._actions:
            if "--help" in action.option_strings:
                action.help = "toon deze hulp en stop"

    def format_usage(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(
            self.usage, self._actions, self._mutually_exclusive_groups, prefix="gebruik: "
        )
        return formatter.format_help()

    def format_help(self) -> str:
        # As argparse's own, with the usage line in Dutch.
        formatter = self._get_formatter()
        formatter.add_usage(
            self.usage, self._actions, self._mutually_exclusive_groups, prefix="gebruik: "
        )
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()

    def error(self, message: str) -> NoReturn:
        """Usage and the message in Dutch on stderr, exit code 2, as argparse does in English."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch_argparse_message(message, self._commands())}\n")

    def _commands(self) -> list[str]:
        for action in self._actions:
            if isinstance(action.choices, dict):  # the subcommands: name -> parser
                return list(action.choices)
        return []


def dutch_argparse_message(message: str, commands: Sequence[str] = ()) -> str:
    """One of argparse's error messages in Dutch; an unknown one as it is."""
    named = re.fullmatch(r"argument (?P<name>.+?): (?P<reason>.+)", message, re.S)
    name, reason = (named["name"], named["reason"]) if named else ("", message)
    if found := re.fullmatch(r"the following arguments are required: (.+)", reason):
        # "command", or a group's own: "module_command", "export_command"
        if (found[1] == "command" or found[1].endswith("_command")) and commands:
            return f"geef een commando: {_one_of(commands)}"
        return f"ontbreekt: {found[1]}"
    if found := re.fullmatch(r"unrecognized arguments: (.+)", reason, re.S):
        return f"niet herkend: {found[1]}"
    if found := re.fullmatch(r"invalid choice: '(.*)' \(choose from (.+)\)", reason, re.S):
        value, choices = found[1], re.findall(r"'([^']*)'", found[2]) or found[2].split(", ")
        hint = close_match(value, choices)
        hint = f" ({hint})" if hint else ""
        if name == "command" or name.startswith("{"):
            return f"onbekend commando '{value}'; kies uit {', '.join(choices)}{hint}"
        return f"{name}: ongeldige keuze '{value}'; kies uit {', '.join(choices)}{hint}"
    if found := re.fullmatch(r"invalid (\w+) value: '(.*)'", reason, re.S):
        kinds = {"int": "geen geheel getal", "float": "geen getal"}
        return f"{name}: '{found[2]}' is {kinds.get(found[1], 'geen geldige waarde')}"
    if found := re.fullmatch(r"ambiguous option: (\S+) could match (.+)", reason):
        return f"optie {found[1]} is niet eenduidig: {_one_of(found[2].split(', '))}?"
    counts = {
        "expected one argument": "verwacht één waarde",
        "expected at most one argument": "verwacht hoogstens één waarde",
        "expected at least one argument": "verwacht minstens één waarde",
    }
    if reason in counts:
        return f"{name}: {counts[reason]}"
    if found := re.fullmatch(r"expected (\d+) arguments?", reason):
        return f"{name}: verwacht {found[1]} waarden"
    if found := re.fullmatch(r"not allowed with argument (.+)", reason):
        return f"{name}: niet samen met {found[1]}"
    if found := re.fullmatch(r"ignored explicit argument '(.*)'", reason):
        return f"{name}: neemt geen waarde ('{found[1]}')"
    if found := re.fullmatch(r"one of the arguments (.+) is required", reason):
        return f"geef een van deze argumenten: {found[1]}"
    return message


def _one_of(items: Sequence[str]) -> str:
    """'a, b of c'."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} of {items[-1]}"
