"""compare: find how different outlets told the same story.

The library API, for notebooks and scripts::

    from compare import run_corpus
    report = run_corpus("fixtures/seed-corpus")
    for event in report.events:
        print(event.title, len(event.stories), len(event.discrepancies))

The ``compare`` command (compare/cli.py) is a thin layer over these functions.
"""

__version__ = "0.1.0"

from compare.config import Config, load_config  # noqa: E402
from compare.pipeline import inspect_file, run_corpus, write_outputs  # noqa: E402

__all__ = ["Config", "__version__", "inspect_file", "load_config", "run_corpus", "write_outputs"]
