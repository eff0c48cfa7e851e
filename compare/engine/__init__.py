"""Engines that run the pipeline beyond one process.

The embedded single-process run (``compare.pipeline.run_corpus``) is the default and
imports nothing from here.  ``compare.engine.dask_engine`` runs the same stage functions
as Dask tasks on a ``distributed`` cluster (``pip install 'compare[dask]'``);
``compare.engine.tasks`` holds the pure partition functions it maps, and
``compare.engine.stores`` the shared signature index (SQLite, Redis, Parquet).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

ENGINES = ("embedded", "dask")


class EngineUsageError(ValueError):
    """An engine that cannot be used as asked (unknown name, Dask not installed, bad option mix)."""


class EngineError(RuntimeError):
    """The engine could not finish the run (cluster unreachable, a task kept failing)."""


def run_with_engine(engine: str, corpus: str | Path, config: Any, *, index: str | None, scheduler: str | None = None,
                    workers: int | None = None, progress: Callable[[str, int, int], None] | None = None,
                    follow_symlinks: bool = False) -> Any:
    """Run ``corpus`` with the named engine; the same Report either way."""
    if engine not in ENGINES:
        raise EngineUsageError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "embedded":
        raise EngineUsageError("--scheduler, --workers and --index-url need --engine dask")
    if scheduler and workers:
        raise EngineUsageError("--workers sizes the local cluster; a --scheduler cluster has its own workers")
    try:
        from compare.engine.dask_engine import DaskRunError, run_corpus_dask
    except ImportError as exc:
        raise EngineUsageError(f"--engine dask needs Dask: pip install 'compare[dask]' ({exc})") from None
    try:
        return run_corpus_dask(corpus, config, index=index, scheduler=scheduler, workers=workers,
                               progress=progress, follow_symlinks=follow_symlinks)
    except DaskRunError as exc:
        raise EngineError(str(exc)) from None
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"the Dask cluster could not be used ({type(exc).__name__}: {exc})") from None
