"""Writing new texts of the region's data files back into data/, each after a backup of the file it
replaces; what the imports (`regiokaart import`, `regiokaart module import`) write goes through here,
once the whole region has been checked with the new texts (checks/check.py check_with_texts).
"""

import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from regiokaart.problems import Problem
from regiokaart.safe_write import write_atomically

BACKUP_FOLDER = ".backup"  # inside data/; regiokaart reads only the data files themselves


@dataclass
class ImportOutcome:
    """What an import did: its problems, a report in a few Dutch lines, and whether it wrote."""

    problems: list[Problem] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    written: bool = False


def write_with_backups(data_dir: Path, texts: dict[str, str]) -> tuple[list[Path], list[Problem]]:
    """Write each text (file name in data_dir -> text) after keeping a copy of the file it
    replaces in data_dir/.backup/; the copies made."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backups: list[Path] = []
    for name, text in texts.items():
        path = data_dir / name
        try:
            if path.exists():
                folder = data_dir / BACKUP_FOLDER
                folder.mkdir(exist_ok=True)
                backup = folder / f"{name}.{stamp}"
                number = 2
                while backup.exists():
                    backup = folder / f"{name}.{stamp}-{number}"
                    number += 1
                shutil.copyfile(path, backup)
                backups.append(backup)
            write_atomically(path, text)
        except OSError as error:
            done = ", ".join(str(b) for b in backups) or "geen"
            message = f"kan niet geschreven worden: {error.strerror or error}"
            hint = f"reservekopieën: {done}"
            return backups, [Problem(str(path), 1, 1, "", message, hint)]
    return backups, []
