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

import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from compare.textnorm import content_terms


@dataclass(slots=True)
class SentenceTerms:
    """The event's sentences as idf-weighted bags of stemmed content words."""

    weights: list[dict[str, float]]  # per sentence: distinct term -> idf weight
    matrix: sparse.csr_matrix  # (n sentences x vocabulary) idf weights
    presence: sparse.csr_matrix  # the same, 1 where a term is present
    norms: np.ndarray  # L2 norm of each row
    totals: np.ndarray  # sum of weights of each row
    n_terms: np.ndarray  # distinct terms of each row
    joined: list[str]  # sorted distinct terms, space-joined (input to token_set_ratio)
    common: sparse.csr_matrix | None = None  # 1 where a term comes from a lower-case word


# Two sentences that share only names (people, places, organisations) and no lower-case word
# name the same actors but rarely say the same thing ("It includes Russia, Belarus, Armenia"
# vs "we will withdraw the forces of Armenia, Tajikistan and Belarus"): their score is damped.
NAMES_ONLY_FACTOR = 0.7
_WORD = re.compile(r"[^\W\d_][\w'\-]*")


def common_words(text: str) -> str:
    """The sentence without its capitalised words (the first word is kept: it is capitalised
    by position, not because it is a name)."""
    words = _WORD.findall(text)
    return " ".join(w for k, w in enumerate(words) if k == 0 or not w[:1].isupper())


def weigh_terms(texts: list[str], owner: list[int] | None = None) -> SentenceTerms:
    """Stem every sentence and weight its distinct terms by an idf taken within the accounts.

    ``owner[i]`` is the account of sentence ``i``.  A term's document frequency is the most
    sentences it occurs in within any one account, so a word that two accounts each use once
    (the very evidence of a match) keeps the full weight, while what an account repeats
    sentence after sentence ("CSTO", "said") weighs little.
    """
    n = len(texts)
    owner = owner if owner is not None else [0] * n
    distinct = [sorted(set(content_terms(t))) for t in texts]
    count: dict[tuple[int, str], int] = {}
    for account, ts in zip(owner, distinct, strict=True):
        for t in ts:
            count[(account, t)] = count.get((account, t), 0) + 1
    df: dict[str, int] = {}
    for (_, t), c in count.items():
        df[t] = max(df.get(t, 0), c)
    per_account = n / max(len(set(owner)), 1)
    idf = {t: math.log1p(per_account / c) for t, c in df.items()}
    vocab = {t: k for k, t in enumerate(sorted(idf))}
    weights = [{t: idf[t] for t in ts} for ts in distinct]
    indptr = np.cumsum([0] + [len(ts) for ts in distinct])
    indices = np.array([vocab[t] for ts in distinct for t in ts], dtype=np.int64)
    data = np.array([idf[t] for ts in distinct for t in ts], dtype=np.float64)
    shape = (n, max(len(vocab), 1))
    matrix = sparse.csr_matrix((data, indices, indptr), shape=shape)
    presence = sparse.csr_matrix((np.ones_like(data), indices, indptr), shape=shape)
    common_sets = [set(content_terms(common_words(t))) for t in texts]
    flags = np.array([1.0 if t in cs else 0.0 for ts, cs in zip(distinct, common_sets, strict=True) for t in ts])
    common = sparse.csr_matrix((flags, indices, indptr), shape=shape)
    common.eliminate_zeros()
    return SentenceTerms(
        common=common,
        weights=weights,
        matrix=matrix,
        presence=presence,
        norms=np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()),
        totals=np.asarray(matrix.sum(axis=1)).ravel(),
        n_terms=np.array([len(ts) for ts in distinct], dtype=np.float64),
        joined=[" ".join(ts) for ts in distinct],
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
    inter_sq = (a @ a.T if rows is cols else a @ st.matrix[cols].T).toarray()  # sum of w^2, shared terms
    norm = np.outer(st.norms[rows], st.norms[cols])
    cosine = np.divide(inter_sq, norm, out=np.zeros_like(inter_sq), where=norm > 0)
    shared = (a @ st.presence[cols].T).toarray()  # sum of w over shared terms
    shorter = np.minimum.outer(st.totals[rows], st.totals[cols])
    containment = np.divide(shared, shorter, out=np.zeros_like(shared), where=shorter > 0)
    fuzzy = _token_set(st, rows, cols, shared)
    fewer = np.minimum.outer(st.n_terms[rows], st.n_terms[cols])
    score = mix(cosine, containment, fuzzy, fewer)
    if st.common is not None:
        shares_word = (st.common[rows] @ st.common[cols].T).toarray() > 0
        score = np.where(shares_word, score, score * NAMES_ONLY_FACTOR)
    return PairScores(cosine=cosine, containment=containment, fuzzy=fuzzy, score=score)


def _token_set(st: SentenceTerms, rows: list[int], cols: list[int], shared: np.ndarray) -> np.ndarray:
    """token_set_ratio / 100 of the stem strings, for the pairs that share at least one term.

    Pairs with no shared term score 0: their mixed score could not reach a link anyway, and
    skipping them keeps the cost proportional to the pairs that matter.
    """
    fuzzy = np.zeros(shared.shape)
    ii, jj = np.nonzero(shared > 0)
    if len(ii):
        fuzzy[ii, jj] = process.cpdist(
            [st.joined[rows[i]] for i in ii], [st.joined[cols[j]] for j in jj],
            scorer=fuzz.token_set_ratio, dtype=np.float64,
        ) / 100.0
    return fuzzy


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
