"""Load plus cross-file validation: everything `regiokaart check` reports."""

from datetime import date
from pathlib import Path

from generator.dataset import Dataset, build_dataset
from generator.load import load_data
from generator.problems import Problem, has_errors
from generator.validate import validate_data


def check_data(data_dir: Path, today: date | None = None) -> tuple[Dataset | None, list[Problem]]:
    """All problems in data_dir, and the Dataset when there are no errors."""
    loaded, problems = load_data(data_dir)
    problems += validate_data(loaded, today)
    if has_errors(problems):
        return None, problems
    return build_dataset(loaded), problems
