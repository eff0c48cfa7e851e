"""Lexical sentence similarity that holds across paraphrase and translation.

Three signals, all computed over the sentences of one event:

* idf-weighted cosine of stemmed content words (``compare.textnorm.content_terms``): the idf is
  taken over the event's own sentences, account by account, so the words every account repeats
  ("CSTO", "Zas", "said") count little and the rare shared ones (a number, a name,
  "militarization") count a lot;
* idf-weighted containment: the share of the *shorter* sentence's weight found in the longer
  one, which keeps a short sentence that is one half of a long one (1:n splits) visible;
* rapidfuzz ``token_set_ratio`` over the stemmed content words: character-level, so it gives
  partial credit to near-forms the stemmer keeps apart ("militarization"/"militarisation",
  "build-up"/"building") and to reordered wording.

``pair_scores`` mixes them into one score in [0, 1]; each part is kept for inspection.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from compare.textnorm import content_terms


@dataclass(slots=True)
class SentenceTerms:
    """The event's sentences as idf-weighted bags of stemmed content words."""

    terms: list[list[str]]
    matrix: np.ndarray  # (n sentences x vocabulary) idf weights, 0 where absent
    norms: np.ndarray  # L2 norm of each row
    totals: np.ndarray  # sum of weights of each row
    joined: list[str]  # sorted distinct terms, space-joined (input to token_set_ratio)


def weigh_terms(texts: list[str], owner: list[int] | None = None) -> SentenceTerms:
    """Stem every sentence and weight its distinct terms by an idf taken within the accounts.

    ``owner[i]`` is the account of sentence ``i``.  A term's document frequency is the most
    sentences it occurs in within any one account, so a word that two accounts each use once
    (the very evidence of a match) keeps the full weight, while what an account repeats
    sentence after sentence ("CSTO", "said") weighs little.
    """
    terms = [content_terms(t) for t in texts]
    vocab: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            vocab.setdefault(t, len(vocab))
    n = len(texts)
    present = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
    for i, ts in enumerate(terms):
        for t in set(ts):
            present[i, vocab[t]] = 1.0
    owner = owner if owner is not None else [0] * n
    accounts = sorted(set(owner))
    df = np.zeros(present.shape[1])
    for account in accounts:
        mask = np.array([o == account for o in owner])
        df = np.maximum(df, present[mask].sum(axis=0))
    per_account = n / max(len(accounts), 1)
    idf = np.log1p(per_account / np.maximum(df, 1.0))
    matrix = present * idf
    return SentenceTerms(
        terms=terms,
        matrix=matrix,
        norms=np.sqrt((matrix**2).sum(axis=1)),
        totals=matrix.sum(axis=1),
        joined=[" ".join(sorted(set(ts))) for ts in terms],
    )


@dataclass(slots=True)
class PairScores:
    """Similarity of the sentences of story A (rows) with those of story B (columns)."""

    cosine: np.ndarray
    containment: np.ndarray
    fuzzy: np.ndarray
    score: np.ndarray  # the mix the aligner uses


def pair_scores(st: SentenceTerms, rows: list[int], cols: list[int]) -> PairScores:
    """All-pairs scores between two groups of sentence positions (two accounts)."""
    a = st.matrix[rows]
    b = st.matrix[cols]
    inter_sq = a @ b.T  # sum of w^2 over shared terms
    norm = np.outer(st.norms[rows], st.norms[cols])
    cosine = np.divide(inter_sq, norm, out=np.zeros_like(inter_sq), where=norm > 0)
    shared = _shared_weight(a, b)
    shorter = np.minimum.outer(st.totals[rows], st.totals[cols])
    containment = np.divide(shared, shorter, out=np.zeros_like(shared), where=shorter > 0)
    fuzzy = process.cdist(
        [st.joined[i] for i in rows], [st.joined[j] for j in cols],
        scorer=fuzz.token_set_ratio, dtype=np.float64,
    ) / 100.0
    # a sentence with no content word at all ("Yes.") matches nothing
    empty = (st.totals[rows] == 0)[:, None] | (st.totals[cols] == 0)[None, :]
    fuzzy[empty] = 0.0
    n_terms = (st.matrix > 0).sum(axis=1)
    fewer = np.minimum.outer(n_terms[rows], n_terms[cols])
    score = mix(cosine, containment, fuzzy, fewer)
    return PairScores(cosine=cosine, containment=containment, fuzzy=fuzzy, score=score)


def _shared_weight(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """sum over shared terms of the idf weight (the weight is the same in both rows)."""
    return a @ (b > 0).astype(np.float64).T


def mix(cosine: np.ndarray, containment: np.ndarray, fuzzy: np.ndarray, fewer: np.ndarray) -> np.ndarray:
    """One score in [0, 1] from the three signals.

    Containment and the token-set ratio both say "the shorter sentence is inside the longer
    one", which a two-word heading is, by chance, in many sentences; they are trusted in
    proportion to the number of distinct content words of the shorter sentence (none at 2,
    fully from 6), and cosine stands in for them below that.
    """
    trust = np.clip((fewer - 2.0) / 4.0, 0.0, 1.0)
    lexical = 0.45 * cosine + 0.2 * containment + 0.35 * fuzzy
    return (trust * lexical + (1.0 - trust) * cosine).clip(0.0, 1.0)
