"""Worker processes with a time limit per task and a memory limit per process, on any system.

`run_limited(fn, items, …)` calls `fn(item)` for every item in up to `jobs` worker processes and
returns what became of each, in the items' order. A worker whose task runs past the time limit
is killed and replaced (no signal handler in the worker: this works where SIGALRM does not);
on POSIX each worker caps its own address space with `setrlimit` (imported inside the function,
so nothing POSIX-only is imported where the module is), and a `MemoryError` is reported as the
memory limit; a worker that dies costs only the task it was running. Workers are started by the
fork server where the system has one (small, quick to fork, never a copy of a large parent),
else spawned (Windows); a worker exits when the process that started it is gone.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Literal, TypeVar

from pipeline.errors import PipelineError

Item = TypeVar("Item")
Value = TypeVar("Value")
Failure = Literal["time", "memory", "crash"]
Progress = Callable[[int, int], None]

#: Modules the fork server imports once, so that each worker forked from it starts at once.
_PRELOAD = ["pipeline.reading"]


class WorkerError(PipelineError):
    """A worker process could not start: no file was read."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[Value]):
    """What became of one item: `fn`'s value, or the limit or crash that stopped it."""

    value: Value | None
    failure: Failure | None = None
    exitcode: int | None = None


#: Names the start method instead (`spawn` runs Windows' way on Linux, for the tests).
START_METHOD = "INVOICE_PIPELINE_START_METHOD"


def start_method() -> str:
    """The fork server where the system has one, else spawn (or what START_METHOD names)."""
    available = multiprocessing.get_all_start_methods()
    chosen = os.environ.get(START_METHOD, "")
    if chosen in available:
        return chosen
    return "forkserver" if "forkserver" in available else "spawn"


def limit_memory(mib: int) -> None:
    """Cap this process's address space at `mib` MiB (POSIX; elsewhere nothing is capped and
    the reader's own character limits keep the memory down)."""
    if mib <= 0 or sys.platform == "win32":
        return
    import resource

    wanted = mib * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    with suppress(ValueError, OSError):  # a system that does not support the limit
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _exit_with_parent() -> None:
    """Exit when the process that started this worker is gone, so that an export killed with
    -9 leaves no worker behind."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(connection: Connection, fn: Callable[[Any], Any], memory_mib: int) -> None:
    """A worker: say it is ready, then answer each item until told to stop."""
    _exit_with_parent()
    limit_memory(memory_mib)
    connection.send(("ready", None))
    while True:
        try:
            item = connection.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            answer: tuple[str, Any] = ("value", fn(item))
        except MemoryError:
            answer = ("memory", None)
        try:
            connection.send(answer)
        except MemoryError:
            connection.send(("memory", None))
        if answer[0] == "memory":
            return  # a process that ran out of memory may be in any state: start afresh


class _Worker:
    def __init__(self, context: Any, fn: Callable[[Any], Any], memory_mib: int) -> None:
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(theirs, fn, memory_mib), daemon=True, name="invoice-reader"
        )
        self.process.start()
        theirs.close()
        self.ready = False
        self.task: int | None = None
        self.deadline = math.inf

    def give(self, index: int, item: object, seconds: float) -> None:
        self.connection.send(item)
        self.task, self.deadline = index, time.monotonic() + seconds

    def stop(self) -> None:
        with suppress(OSError, ValueError):
            self.connection.send(None)
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def run_limited(
    fn: Callable[[Item], Value],
    items: Sequence[Item],
    *,
    jobs: int,
    seconds: float,
    memory_mib: int,
    progress: Progress | None = None,
    method: str | None = None,
) -> list[Outcome[Value]]:
    """`fn(item)` of every item, each in a worker process under the limits, in items' order.

    `fn` and the items must pickle (a module-level function). Raises `WorkerError` when a
    worker dies before it is ready (for example a memory limit too small to start Python).
    """
    if not items:
        return []
    context = multiprocessing.get_context(method or start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    outcomes: dict[int, Outcome[Value]] = {}
    queue = deque(range(len(items)))
    workers = [_Worker(context, fn, memory_mib) for _ in range(min(jobs, len(items)))]

    def finish(worker: _Worker, outcome: Outcome[Value]) -> None:
        assert worker.task is not None
        outcomes[worker.task] = outcome
        worker.task, worker.deadline = None, math.inf
        if progress is not None:
            progress(len(outcomes), len(items))

    def replace(worker: _Worker) -> None:
        worker.kill()
        workers.remove(worker)
        if queue:
            workers.append(_Worker(context, fn, memory_mib))

    if progress is not None:
        progress(0, len(items))
    try:
        while len(outcomes) < len(items):
            for worker in workers:
                if worker.ready and worker.task is None and queue:
                    index = queue.popleft()
                    worker.give(index, items[index], seconds)
            now = time.monotonic()
            nearest = min((w.deadline for w in workers), default=math.inf)
            timeout = None if nearest == math.inf else max(0.0, nearest - now)
            waitables: list[Any] = [w.connection for w in workers]
            waitables += [w.process.sentinel for w in workers]
            ready = set(wait(waitables, timeout))
            for worker in list(workers):
                message = _message(worker) if worker.connection in ready else None
                if message is not None:
                    kind, value = message
                    if kind == "ready":
                        worker.ready = True
                    elif kind == "value":
                        finish(worker, Outcome(value))
                    else:
                        finish(worker, Outcome(None, "memory"))
                        replace(worker)
                elif worker.process.sentinel in ready or worker.connection in ready:
                    worker.process.join()
                    if not worker.ready:
                        raise WorkerError(
                            "a worker process to read the PDFs could not start (exit code "
                            f"{worker.process.exitcode}); is memory_limit too small?"
                        )
                    if worker.task is not None:
                        finish(worker, Outcome(None, "crash", worker.process.exitcode))
                    replace(worker)
                elif worker.task is not None and time.monotonic() >= worker.deadline:
                    finish(worker, Outcome(None, "time"))
                    replace(worker)
    finally:
        for worker in workers:
            worker.stop()
    return [outcomes[i] for i in range(len(items))]


def _message(worker: _Worker) -> tuple[str, Any] | None:
    """The worker's next message, or None when it has gone (its pipe closed)."""
    try:
        if not worker.connection.poll():
            return None
        message: tuple[str, Any] = worker.connection.recv()
    except (EOFError, OSError):
        return None
    return message
