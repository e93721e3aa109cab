"""Work started ahead, in a forked process, while this one goes on (reading the ledger).

``import progress`` reads the county's workbook and the ledger; neither needs the other,
so on a machine with two cores the workbook is read by a child process while the parent
reads the ledger, and the child's result comes back pickled. Where that cannot be done
as cheaply (no ``fork``, one core, other threads running, which a fork could leave
holding a lock) or goes wrong in any way (the child dies, its result will not pickle),
the work is simply done here, in this process, when its result is asked for: the same
result, errors included, only later.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Ahead(Generic[T]):
    """The result of ``work``, computed in a child process when one was started."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        self._process: Any = None  # a multiprocessing Process, once started
        self._receive: Any = None  # the end of its pipe that the result comes by

    def _start(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(self.work, send), daemon=True)
        process.start()
        send.close()
        self._process, self._receive = process, receive

    def result(self) -> T:
        """The work's result, or the exception it raised, raised here."""
        outcome = None
        if self._receive is not None:
            try:
                outcome = self._receive.recv()
            except (EOFError, OSError):  # the child died: do the work here
                outcome = None
            finally:
                self._stop()
        if outcome is None:
            return self.work()
        done, value = outcome
        if done:
            return value
        raise value

    def _stop(self) -> None:
        if self._receive is not None:
            self._receive.close()
            self._receive = None
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None


def _child(work: Callable[[], object], send) -> None:
    try:
        outcome: tuple[bool, object] | None = (True, work())
    except BaseException as exc:  # noqa: BLE001 - given to the parent, which raises it
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception:  # noqa: BLE001 - the result will not pickle: the parent does the work
        try:
            send.send(None)
        except Exception:  # noqa: BLE001 - the parent sees the pipe closed
            pass
    finally:
        send.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)  # no atexit handlers, no cleanup of what the parent still uses


def can_fork() -> bool:
    """Whether a child process would run beside this one at little cost and no risk."""
    return (sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1 and not os.environ.get("MAJORPROJ_NO_FORK"))


@contextmanager
def ahead(work: Callable[[], T], start: bool = True) -> Iterator[Ahead[T]]:
    """Start ``work`` in a child process (when ``start`` and ``can_fork``) and give its
    ``Ahead``; the child is stopped when the block ends, its result asked for or not."""
    started = Ahead(work)
    if start and can_fork():
        started._start()
    try:
        yield started
    finally:
        started._stop()
