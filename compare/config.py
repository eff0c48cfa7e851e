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
    """Same-event matching (compare.match)."""

    num_perm: int = 128
    shingle: str = "sentence"  # kind of shingle: "sentence" (passage level) or "word"
    shingle_size: int = 3
    lsh_threshold: float = 0.3
    verify_threshold: float = 0.5
    date_window_days: int = 3
    reprint_threshold: float = 0.8


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Sentence alignment (compare.align)."""

    link_threshold: float = 0.5
    semantic: bool = False


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
