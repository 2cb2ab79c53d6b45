"""Work on the second core: the same result as here, its errors raised here, nothing left behind."""

import multiprocessing
import os
import threading
import time

import pytest

from regiokaart.site import second_core

PARENT = os.getpid()


@pytest.fixture(autouse=True)
def no_other_threads(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Servers other tests of the session left running count as threads, which make beside()
    work here; these tests (but the one about threads) see only their own."""
    if "threads" not in request.node.name:
        monkeypatch.setattr(second_core.threading, "active_count", lambda: 1)


def where() -> tuple[str, int]:
    return ("kind" if os.getpid() != PARENT else "hier"), sum(range(1000))


def test_the_result_comes_from_a_child_process() -> None:
    with second_core.beside(where) as result:
        assert result() == ("kind", 499500)
    assert not multiprocessing.active_children()


def test_an_error_in_the_child_is_raised_here() -> None:
    def broken() -> None:
        raise ValueError("kapot in het kind")

    with second_core.beside(broken) as result, pytest.raises(ValueError, match="kapot in het kind"):
        result()


def test_a_child_that_dies_without_a_result_is_done_again_here() -> None:
    def dies_in_child() -> str:
        if os.getpid() != PARENT:
            os._exit(3)
        return "hier gedaan"

    with second_core.beside(dies_in_child) as result:
        assert result() == "hier gedaan"


def test_leaving_without_asking_stops_the_child() -> None:
    started = time.monotonic()
    with second_core.beside(lambda: time.sleep(60)):
        pass
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()


def test_with_other_threads_running_the_work_is_done_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with second_core.beside(where) as result:
            assert result() == ("hier", 499500)
    finally:
        stop.set()
        thread.join()
