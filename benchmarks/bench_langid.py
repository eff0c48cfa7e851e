"""Language identification on short news sentences: accuracy and speed of the candidates.

    python benchmarks/bench_langid.py

Reads benchmarks/data/langid_sentences.tsv (3 short sentences in each of 14 languages, written
for this benchmark) and, for each detector installed, prints accuracy on single sentences, on
titles (the first 5 words) and sentences per second.  compare.lang.detect_language (a cheap
English check, then py3langid) is measured in the same run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).parent / "data" / "langid_sentences.tsv"


def load() -> list[tuple[str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, text = line.split("\t", 1)
            rows.append((lang, text))
    return rows


def detectors() -> dict[str, Callable[[str], str | None]]:
    found: dict[str, Callable[[str], str | None]] = {}
    from compare.lang import detect_language

    found["compare.lang.detect_language"] = detect_language
    try:
        import py3langid

        found["py3langid (all 97 languages)"] = lambda t: py3langid.classify(t)[0]
    except ImportError:
        pass
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        found["langdetect"] = detect
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def by_lingua(text: str) -> str | None:
            lang = lingua.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else None

        found["lingua (all languages)"] = by_lingua
    except ImportError:
        pass
    return found


def main() -> None:
    rows = load()
    titles = [(lang, " ".join(text.split()[:5]) if lang != "zh" else text[:8]) for lang, text in rows]
    print(f"{len(rows)} sentences, {len({lang for lang, _ in rows})} languages")
    print(f"{'detector':40} {'sentences':>9} {'titles':>7} {'sent/s':>8}")
    for name, detect in detectors().items():
        detect(rows[-1][1])  # load the model outside the timing (the last row is not English)
        t0 = time.perf_counter()
        right = sum(_norm(detect(text)) == lang for lang, text in rows)
        elapsed = time.perf_counter() - t0
        right_titles = sum(_norm(detect(text)) == lang for lang, text in titles)
        print(f"{name:40} {right / len(rows):9.3f} {right_titles / len(titles):7.3f} {len(rows) / elapsed:8.0f}")


def _norm(code: str | None) -> str | None:
    return {"zh-cn": "zh", "zh-tw": "zh"}.get(code or "", code)


if __name__ == "__main__":
    main()
