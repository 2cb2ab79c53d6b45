"""Real LibreOffice Calc for the tests: edit a workbook as a coordinator does and save it as
LibreOffice saves it (xlsx, ods, or a CSV file per sheet). LibreOffice's UNO bridge is a module of
Debian's own Python (python3-uno), not of the virtual environment, so the editing runs in
/usr/bin/python3 (calc.py); scripts/setup.sh --test installs both."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("calc.py")
TIMEOUT_SECONDS = 600  # a first start under load makes a profile; normally 2 s


def calc(source: Path, target: Path, file_type: str, edits: list[list[Any]] = ()) -> None:
    """source edited in LibreOffice Calc (see calc.py for the edits) and saved at target as
    file_type: "xlsx", "ods" or "csv" (a file per sheet, <target stem>-<sheet>.csv)."""
    missing = [name for name in ("soffice", SYSTEM_PYTHON) if shutil.which(name) is None]
    assert not missing, f"LibreOffice ontbreekt ({missing}): bash scripts/setup.sh --test"
    job = {"source": str(source), "target": str(target), "filter": file_type, "edits": edits}
    done = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("ok"), done.stderr[-3000:]
