"""When a record's peildatum is too old: the one rule behind the check's warning and the page badge."""

from datetime import date, timedelta

STALE_AFTER = timedelta(days=365)
STALE_AFTER_WORDS = "12 maanden"  # STALE_AFTER as users read it, in the warning and on the page


def is_stale(peildatum: date, today: date) -> bool:
    """Whether a record checked on peildatum is overdue for a check on today (more than
    STALE_AFTER ago; exactly STALE_AFTER is still fresh)."""
    return today - peildatum > STALE_AFTER
