"""Progress of long work (a build, a site, a benchmark), on stderr, so a large corpus is never
silent for minutes.

A job is a series of steps: `progress("writing exports")` starts one, `progress.track(items,
total, "graphs")` counts through one. On a terminal each step is a rich progress bar with its
count, rate and elapsed time (a pulsing bar when the count is unknown, such as the SHACL check);
when stderr is not a terminal (a log, a pipe, CI) the same steps are plain lines with the
elapsed time and no bar, no carriage return, no control sequence; `quiet` (and `--json`
callers) prints nothing at all. A plain callable `progress(step)` is all a caller needs: graph/
modules take any `Callable[[str], None]` and use `track()` below, which counts only when the
progress object can.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


class Steps:
    """The progress of one job on `stream` (stderr); use as a context manager, or call close()."""

    def __init__(self, quiet: bool = False, stream=None, live: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        if live is None:
            live = _is_terminal(self.stream) and os.environ.get("TERM") != "dumb"
        self.live = live and not quiet
        self.start = time.perf_counter()
        self._bars = None
        self._task = None

    # ------------------------------------------------------------------ steps

    def __call__(self, step: str, total: int | None = None) -> None:
        """Start a step (ending the one before)."""
        if self.quiet:
            return
        if not self.live:
            print(f"[{time.perf_counter() - self.start:6.1f}s] {step}", file=self.stream, flush=True)
            return
        bars = self._open()
        self._finish_task()
        self._task = bars.add_task(_safe(step), total=total)

    def advance(self, n: int = 1) -> None:
        """Count `n` more items into the current step (only a live bar shows it)."""
        if self.live and self._task is not None:
            self._bars.advance(self._task, n)

    def track(self, items: Iterable[T], total: int | None, step: str, every: int = 1) -> Iterator[T]:
        """Yield `items`, counting them in a step of their own (`every`: advance in batches, for
        millions of small items)."""
        self(step, total)
        return self.count(items, every)

    def count(self, items: Iterable[T], every: int = 1) -> Iterator[T]:
        """Yield `items`, counting them into the current step."""
        if not self.live:
            yield from items
            return
        pending = 0
        for item in items:
            yield item
            pending += 1
            if pending >= every:
                self.advance(pending)
                pending = 0
        self.advance(pending)

    # ------------------------------------------------------------------ end

    def close(self) -> None:
        """End the last step and stop the bars (they stay on screen, each with its final count)."""
        if self._bars is not None:
            self._finish_task()
            self._bars.stop()
            self._bars = None

    def __enter__(self) -> "Steps":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ rich

    def _open(self):
        if self._bars is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream, force_terminal=True)
            self._bars = Progress(
                SpinnerColumn(finished_text="✓"),
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            )
            self._bars.start()
        return self._bars

    def _finish_task(self) -> None:
        if self._task is not None:
            task = self._bars.tasks[self._task] if self._task < len(self._bars.tasks) else None
            if task is not None and task.total is None:
                self._bars.update(self._task, total=max(task.completed, 1), completed=max(task.completed, 1))
            elif task is not None:
                self._bars.update(self._task, completed=task.total)
            self._task = None


def track(progress, items: Iterable[T], total: int | None, step: str, every: int = 1) -> Iterator[T]:
    """`progress.track(...)` when `progress` can count (a Steps), else the step's line and the items."""
    if isinstance(progress, Steps):
        return progress.track(items, total, step, every)
    progress(step)
    return iter(items)


def step(progress, text: str, total: int | None = None) -> None:
    """Start a step of `progress` (with a total when it can count)."""
    progress(text, total) if isinstance(progress, Steps) else progress(text)


def advance(progress, n: int = 1) -> None:
    """Count `n` items into the current step of `progress` when it can count; otherwise nothing."""
    if isinstance(progress, Steps):
        progress.advance(n)


def count(progress, items: Iterable[T], every: int = 1) -> Iterator[T]:
    """Count `items` into the current step of `progress` when it can count."""
    return progress.count(items, every) if isinstance(progress, Steps) else iter(items)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _safe(text: str) -> str:
    """A step's words escaped for the terminal (the bar's column reads them as plain text)."""
    from ..schema.text import for_terminal

    return for_terminal(text)
