"""Scores of a self-scan per quality standard; the scan page's script computes the same in the browser."""

from collections.abc import Mapping
from dataclasses import dataclass

from generator.models.selfscan import SelfscanFile

SCALE = {1: "Niet", 2: "Beperkt", 3: "Grotendeels", 4: "Volledig", "nvt": "Weet niet / n.v.t."}
WEAK = (1, 2)  # answers that get advice


@dataclass(frozen=True)
class StandardScore:
    standard: int
    mean: float | None  # average of answers 1-4; None when nothing was answered on the scale
    answered: int  # questions answered on the scale (weet niet / n.v.t. left out)
    total: int  # questions that count for this standard


def standards_of(bundle: str) -> list[int]:
    return [int(n) for n in bundle.split("-")]


def score_per_standard(
    selfscan: SelfscanFile, answers: Mapping[str, int | str]
) -> list[StandardScore]:
    """Average answer per standard 1-10; a step's questions count for every standard of its bundle."""
    values: dict[int, list[int]] = {n: [] for n in range(1, 11)}
    totals = dict.fromkeys(range(1, 11), 0)
    for step in selfscan.steps:
        for question in step.questions:
            answer = answers.get(question.id)
            for standard in standards_of(str(step.bundle)):
                totals[standard] += 1
                if isinstance(answer, int) and not isinstance(answer, bool) and answer in SCALE:
                    values[standard].append(answer)
    return [
        StandardScore(n, round(sum(v) / len(v), 2) if v else None, len(v), totals[n])
        for n, v in values.items()
    ]


def format_score(score: float | None) -> str:
    """Dutch decimal notation, e.g. 2,5; a dash when there is no score."""
    return "–" if score is None else f"{score:.1f}".replace(".", ",")
