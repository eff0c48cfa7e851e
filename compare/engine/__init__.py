"""Engines that run the pipeline beyond one process.

The embedded single-process run (``compare.pipeline.run_corpus``) is the default and
imports nothing from here.  ``compare.engine.dask_engine`` runs the same stage functions
as Dask tasks on a ``distributed`` cluster (``pip install 'compare[dask]'``);
``compare.engine.tasks`` holds the pure partition functions it maps, and
``compare.engine.stores`` the shared signature index (SQLite, Redis, Parquet).
"""
