"""How often a name written in Chinese, Arabic or Russian meets its English spelling through
``compare.lang.names``: by the key (``name_key``, its first ``NAME_PREFIX`` letters, what cased
scripts use) and by the consonant skeleton (``skeleton``, what ties Arabic and Chinese words to
names of the cased stories when their keys differ), with how many English names share a
skeleton with another (an ambiguous skeleton ties nothing).

    .venv/bin/python benchmarks/name_skeletons.py [benchmarks/data/name_scripts.tsv]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from compare.lang.crosslingual import MIN_SKELETON, NAME_PREFIX
from compare.lang.names import name_key, skeleton

DEFAULT = Path(__file__).parent / "data" / "name_scripts.tsv"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    english = [r[0].split()[-1] for r in rows]
    bones = Counter(skeleton(e) for e in english)
    print(f"{len(rows)} names; English skeletons shorter than {MIN_SKELETON}: "
          f"{sum(len(skeleton(e)) < MIN_SKELETON for e in english)}, shared by two names or more: "
          f"{sum(c for c in bones.values() if c > 1)}")
    for column, script in ((1, "zh"), (2, "ar"), (3, "ru")):
        by_key = by_bone = 0
        missed = []
        for row, e in zip(rows, english, strict=True):
            other = row[column].split()[-1] if script != "zh" else row[column]
            key_hit = name_key(other)[:NAME_PREFIX] == name_key(e)[:NAME_PREFIX]
            bone = skeleton(e)
            bone_hit = skeleton(other) == bone and len(bone) >= MIN_SKELETON and bones[bone] == 1
            by_key += key_hit
            by_bone += bone_hit and not key_hit
            if not (key_hit or bone_hit):
                missed.append(f"{e}/{other}")
        print(f"{script}: key {by_key}/{len(rows)}, skeleton (key missed) +{by_bone}, "
              f"tied {by_key + by_bone}/{len(rows)}; missed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
