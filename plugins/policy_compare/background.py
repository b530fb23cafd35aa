"""Run a pure computation in a second process while this one carries on (the machines that
build the site have two cores or more).

The child is a fork of this process, so it starts from the same state and needs nothing
pickled but its result; where fork is unavailable or unsafe (Windows, macOS) the computation
simply runs when its result is first asked for. Either way the result is the same value, so
output never depends on which way it ran. No MkDocs import.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import traceback
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a computation can run in a forked child here."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def one_blas_thread() -> AbstractContextManager[Any]:
    """Numpy's matrix products (BLAS) on one thread in each process while the block runs: a build
    shares its work between two processes itself, and a second BLAS thread in each only contends for
    the same two cores (and spins while it waits). Similarities of meaning are rounded besides, so
    they never depend on the threads (:func:`embeddings.meaning`)."""
    from threadpoolctl import threadpool_limits  # imported here: only a build needs it

    return threadpool_limits(limits=1, user_api="blas")


class Background(Generic[T]):
    """``compute()`` started now in a forked child; :meth:`result` waits for its value.

    An exception in the child is raised again by :meth:`result` (as the same exception when it
    pickles, else as a RuntimeError carrying its traceback).
    """

    def __init__(self, compute: Callable[[], T], forked: bool | None = None) -> None:
        self._compute: Callable[[], T] | None = compute
        self._process = None
        self._reader = None
        if forked if forked is not None else can_fork():
            context = multiprocessing.get_context("fork")
            reader, writer = context.Pipe(duplex=False)

            def child() -> None:
                reader.close()
                try:
                    payload: tuple[bool, object] = (True, compute())
                except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
                    payload = (False, _portable(exc))
                try:
                    writer.send(payload)
                except Exception as exc:  # noqa: BLE001 - a result that does not pickle
                    writer.send((False, _portable(exc)))
                writer.close()

            process = context.Process(target=child, daemon=True)
            # what exists now is shared with the child: kept out of the cycle collector's way (in both
            # processes), a full collection no longer walks all of it (and, in the child, copies every
            # page it touches); a 5 MB build spent 5 s of its main process in collections before.
            # Released by :func:`release` when the build is done
            gc.freeze()
            try:
                process.start()
            except OSError:  # no process to spare (a limit on processes or memory): computed here instead
                reader.close()
                writer.close()
                return
            writer.close()
            self._process, self._reader, self._compute = process, reader, None

    def result(self) -> T:
        """The computation's value (computed here, now, when it did not run in a child)."""
        if self._compute is not None:
            compute, self._compute = self._compute, None
            return compute()
        assert self._process is not None and self._reader is not None
        try:
            ok, value = self._reader.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the background computation ended without a result (exit code {self._process.exitcode})") from None
        finally:
            self._reader.close()
        self._process.join()
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]


def _portable(exc: BaseException) -> BaseException:
    """``exc`` itself if it survives pickling, else a RuntimeError with its traceback."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError("".join(traceback.format_exception(exc)))


_THRESHOLDS: list[tuple[int, int, int]] = []  # the collector's thresholds before :func:`collect_less`


def collect_less() -> None:
    """For a build: the cycle collector looks at new objects every 20,000 instead of every 700
    (a 5 MB build made 4,600 collections in its main process and 1,300 in the model's, 1.7 s of
    CPU; memory stayed the same, as few of a build's objects are cycles). :func:`release` undoes it."""
    if not _THRESHOLDS:
        _THRESHOLDS.append(gc.get_threshold())
        gc.set_threshold(20_000, *_THRESHOLDS[0][1:])


def release() -> None:
    """Give back to the cycle collector what was kept out of its way at each fork (see
    :class:`Background`), and its thresholds (see :func:`collect_less`)."""
    gc.unfreeze()
    if _THRESHOLDS:
        gc.set_threshold(*_THRESHOLDS.pop())


def share_of(costs: Sequence[int], part: int, parts: int) -> frozenset[int]:
    """The pieces of work (indexes into ``costs``, what each costs) that make share ``part`` of
    ``parts``: costliest first, each to the share with the least cost so far (the same in every
    process, so two processes that each ask for their own share take every piece once)."""
    load = [0] * parts
    given: list[list[int]] = [[] for _ in range(parts)]
    for k in sorted(range(len(costs)), key=lambda k: (-costs[k], k)):
        lightest = min(range(parts), key=lambda p: (load[p], p))
        load[lightest] += costs[k]
        given[lightest].append(k)
    return frozenset(given[part])


def split_in_two(work: Callable[[tuple[int, int]], list[T]]) -> list[T]:
    """All of ``work``, given which share of how many to do (see :func:`share_of`): the first of two
    here and the second in a forked child, or the whole here where no child can be forked."""
    if not can_fork():
        return work((0, 1))
    other = Background(lambda: work((1, 2)))
    return work((0, 2)) + other.result()
