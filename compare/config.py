"""Run parameters, with defaults chosen by measurement (see benchmarks/ and the README).

Parameters come from three places, later ones winning: these defaults, a TOML
config file (``compare.toml`` in the working directory, or ``--config FILE``),
and command-line options.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A config file or option that cannot be used, with the reason."""


@dataclass(frozen=True, slots=True)
class MatchParams:
    """Same-event matching (compare.match; docs/matching.md has the measurements)."""

    num_perm: int = 64  # MinHash permutations per sentence signature
    shingle: str = "stems"  # shingles of a sentence: its stemmed content words
    shingle_size: int = 1  # 1: single stems; 2: stems plus stem bigrams
    lsh_threshold: float = 0.3  # sentence-level Jaccard the LSH bands are tuned for
    name_lsh_threshold: float = 0.3  # story-level LSH over name-like stems (0: off)
    common_df_fraction: float = 0.05  # stems in more stories than this share of the corpus ...
    common_df_min: int = 20  # ... (but at least this many stories ...
    common_df_max: int = 1000  # ... and at most this many) are left out of signatures
    min_unit_terms: int = 3  # distinct stems a sentence needs to enter the LSH
    windows: bool = True  # also index every two consecutive sentences (1:2 splits)
    max_bucket: int = 50  # an LSH bucket shared by more sentences is checked: syndicated text or boilerplate
    syndication_min_terms: int = 8  # ... syndicated when most of its sentences have this many distinct stems ...
    syndication_source_share: float = 0.5  # ... and its stories come from this share as many sources
    family_threshold: float = 0.7  # stem-trigram Jaccard of two copies of one text (a reprint family)
    sentence_threshold: float = 0.35  # idf-weighted Jaccard for two sentences to match
    min_shared_terms: int = 3  # ... and at least this many shared content stems
    candidate_floor: float = 0.2  # a sentence pair below this idf-weighted Jaccard makes no candidate story pair (0: all count)
    candidate_weak_top: int = 10  # ... except each story's this many best story pairs below it (0: none)
    name_boost: float = 2.0  # weight of name-like terms in the whole-story tf-idf cosine
    verify_threshold: float = 0.26  # average-link pair score a story needs to join an event
    date_window_days: int = 3  # pairs dated further apart have their score divided ...
    date_penalty: float = 3.0  # ... by this
    date_bonus: float = 1.5  # pairs dated within the window have it multiplied by this (capped at 1)
    date_apart_days: int = 30  # pairs whose event days are further apart are never one event (0: off)
    reprint_threshold: float = 0.8  # whole-story content-trigram Jaccard of a reprint
    seed: int = 1  # MinHash permutation seed


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Sentence alignment (compare.align); figures in docs/alignment.md."""

    link_threshold: float = 0.3  # lowest score of a 1:1 link between two accounts' sentences
    split_threshold: float = 0.3  # lowest score of a second part of a 1:n split
    min_new_coverage: float = 0.08  # share of the long sentence a second part must add
    min_cohesion: float = 0.15  # lowest average score between two claims that a link may merge
    semantic: bool = False  # mix in sentence embeddings (compare.lang.embed; needs compare[multilingual])
    semantic_weight: float = 0.3  # share of the embedding cosine in the mixed score
    semantic_threshold: float = 0.35  # link_threshold's stand-in when the score is mixed (MRPC train; docs/languages.md)


@dataclass(frozen=True, slots=True)
class Config:
    match: MatchParams = field(default_factory=MatchParams)
    align: AlignParams = field(default_factory=AlignParams)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_overrides(self, section: str, **values: Any) -> Config:
        """A copy with some parameters of one section replaced (None values ignored)."""
        values = {k: v for k, v in values.items() if v is not None}
        if not values:
            return self
        return replace(self, **{section: _replace_checked(getattr(self, section), section, values)})


def _replace_checked(params: Any, section: str, values: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(params)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"[{section}] has no parameter {key!r}; known: {', '.join(sorted(known))}")
        want = type(getattr(params, key))
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ConfigError(f"[{section}] {key} must be {want.__name__}, got {value!r}")
        values[key] = value
    return replace(params, **values)


def load_config(path: Path | None = None) -> Config:
    """Defaults, updated from a TOML file when one is given or ``compare.toml`` exists here."""
    if path is None:
        default = Path("compare.toml")
        if not default.is_file():
            return Config()
        path = default
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    config = Config()
    for section, values in data.items():
        if section not in ("match", "align") or not isinstance(values, dict):
            raise ConfigError(f"{path}: unknown section [{section}]; known: [match], [align]")
        try:
            config = config.with_overrides(section, **values)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    return config
