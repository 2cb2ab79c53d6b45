"""Websites in the data that no longer answer, found by linkchecker (only when asked: it needs the
network). The region's coordinator sees them in the maintenance report.

linkchecker runs in a process group of its own, with one deadline for the whole check: when it
passes, the group is killed (linkchecker and anything it started), and the report is written
without the websites. It also dies with regiokaart (child_processes.tied_command).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from regiokaart.child_processes import tied_command
from regiokaart.dataset import Dataset

PER_LINK_SECONDS = 10
MAX_SECONDS = 600  # the whole check: bounded however many websites there are
MAX_REASON = 120


def external_urls(dataset: Dataset) -> dict[str, list[tuple[str, str]]]:
    """Each web address in the portal's data -> the records that give it, as (kind, id)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for offer in dataset.offers.values():
        for url in (offer.website, offer.databank.url if offer.databank else None):
            if url:
                found.setdefault(url, []).append(("aanbod", offer.id))
    for organisation in dataset.organisations.values():
        if organisation.website:
            found.setdefault(organisation.website, []).append(("organisatie", organisation.id))
    return found


def linkchecker_command() -> Path | None:
    beside = Path(sys.executable).with_name("linkchecker")  # installed in the same environment
    if beside.is_file():
        return beside
    found = shutil.which("linkchecker")
    return Path(found) if found else None


def check_external_links(urls: Iterable[str]) -> tuple[dict[str, str], str | None]:
    """url -> why it does not answer, for the ones that do not; and a message when the check could
    not run (no linkchecker, or it did not finish in time)."""
    wanted = sorted(set(urls))
    command = linkchecker_command()
    if command is None:
        return (
            {},
            "linkchecker is niet geïnstalleerd (pip install linkchecker); websites niet nagelopen",
        )
    if not wanted:
        return {}, None
    # The addresses go in on stdin: linkchecker drops root's rights, so it could not read a file
    # of ours, and a command line has a length limit.
    run = [str(command), "--stdin", "--check-extern", "--recursion-level=0", "--no-status"]
    run += ["-o", "csv", "--timeout", str(PER_LINK_SECONDS)]
    seconds = deadline_seconds(len(wanted))
    output = run_within(run, "\n".join(wanted) + "\n", seconds)
    if output is None:
        return {}, f"het nalopen van de websites duurde langer dan {seconds} seconden en is gestopt"
    failures = parse_failures(output, set(wanted))
    if looks_offline(failures, wanted):
        return {}, (
            "geen enkele website antwoordde; is er een netwerkverbinding? De websites staan niet "
            "in het rapport"
        )
    return failures, None


def deadline_seconds(count: int) -> int:
    """The whole check's deadline for count addresses (linkchecker checks several at a time)."""
    return min(MAX_SECONDS, 60 + PER_LINK_SECONDS * count)


def run_within(command: list[str], stdin: str, seconds: float) -> str | None:
    """What command writes on stdout, given stdin; None when it did not finish within seconds,
    in which case its process group is killed."""
    with subprocess.Popen(
        tied_command(command),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # a group of its own, to kill with all it started
    ) as process:
        try:
            output, _ = process.communicate(stdin, timeout=seconds)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                if hasattr(os, "killpg"):
                    os.killpg(process.pid, signal.SIGKILL)
                else:  # no process groups (Windows)
                    process.kill()
            process.wait()
            return None
    return output


def looks_offline(failures: dict[str, str], wanted: list[str]) -> bool:
    """Every address failed to connect: the network, not the websites, is what is missing."""
    return (
        len(wanted) > 1
        and len(failures) == len(wanted)
        and all(reason.startswith("ConnectionError") for reason in failures.values())
    )


def parse_failures(csv_text: str, wanted: set[str]) -> dict[str, str]:
    """The failing links of linkchecker's CSV output (it lists only those): url -> result."""
    failures = {}
    for line in csv_text.splitlines():
        if line.startswith("#") or line.startswith("urlname;"):
            continue
        url, _, rest = line.partition(";")
        fields = rest.split(";")
        if url in wanted and len(fields) >= 3:
            reason = fields[2].strip('"').split(" (Caused by")[0]
            failures[url] = reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"
    return failures
