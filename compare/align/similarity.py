"""Lexical sentence similarity that holds across paraphrase and translation.

The pair score (``PairScores.score``) is the mean of two scores: a paraphrase probability (a
logistic regression over a dozen lexical features of the two sentences, ``pair_features``, fitted
on the training split of the Microsoft Research Paraphrase Corpus by
``benchmarks/mrpc_pairs.py --fit``; its coefficients are plain numbers in
``compare/data/align_pair_model.json``, nothing is fitted at run time) and the three-signal mix
below (``PairScores.part``).  MRPC's pairs were chosen for their shared words, so the model alone
learns that little overlap means "different": it would lose the cross-outlet and translated
paraphrases that share only a few content stems, which the mix keeps.  The mix alone judges
whether one sentence is a part of another (1:n splits).  The three signals of that mix, all computed over the sentences of one event:

* idf-weighted cosine of stemmed content words (``compare.textnorm.content_terms``; for a
  sentence of a story in another language, ``compare.lang.text``'s tokens, stop words and stems
  of that language, see ``sentence_words``): the idf is
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

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from compare.align.conflicts import AnchorIndex, anchors
from compare.align.products import cross
from compare.lang import text as lang_text
from compare.textnorm import content_terms, words


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
    tokens: sparse.csr_matrix | None = None  # 1 for each distinct lower-cased word (stop words too)
    bigrams: sparse.csr_matrix | None = None  # 1 for each distinct pair of adjacent lower-cased words
    n_tokens: np.ndarray | None = None  # words of each sentence, repeats counted
    lowered: list[str] | None = None  # the lower-cased words in order, space-joined
    negated: np.ndarray | None = None  # 1 where the sentence holds a negation ("not", "n't", "never")
    anchors: AnchorIndex | None = None  # speakers, days, dates, numbered incidents (conflicts.py)
    products: dict[str, np.ndarray] = field(default_factory=dict)  # whole-event products (``cross``)


# Two sentences that share only names (people, places, organisations) and no lower-case word
# name the same actors but rarely say the same thing ("It includes Russia, Belarus, Armenia"
# vs "we will withdraw the forces of Armenia, Tajikistan and Belarus"): their score is damped.
NAMES_ONLY_FACTOR = 0.6
# Two sentences whose speakers, days, dates or numbered incidents differ (conflicts.py) report
# different statements: their score is cut below any link, unless they are worded nearly the same
# (rapidfuzz ratio of the lower-cased sentences at least SAME_WORDING), which is one statement with
# one detail changed, the very discrepancy the facts stage reports.
CONFLICT_FACTOR = 0.25
SAME_WORDING = 0.9
_WORD = re.compile(r"[^\W\d_][\w'\-]*")


def common_words(text: str) -> str:
    """The sentence without its capitalised words (the first word is kept: it is capitalised
    by position, not because it is a name)."""
    words = _WORD.findall(text)
    return " ".join(w for k, w in enumerate(words) if k == 0 or not w[:1].isupper())


def sentence_words(text: str, language: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """(content terms, content terms of its lower-case words, all its words lower-cased) of a
    sentence: English (``compare.textnorm``) unless the story's language has its own tokens,
    stop words and stems (``lang.text.token_language``, the same choice matching makes)."""
    language = lang_text.token_language(language)
    if language is None:
        return content_terms(text), content_terms(common_words(text)), [w.lower() for w in words(text)]
    tokens = lang_text.tokens(text, language)
    common = " ".join(w for k, w in enumerate(tokens) if k == 0 or not w[:1].isupper())
    return (lang_text.content_terms(text, language), lang_text.content_terms(common, language),
            [w.lower() for w in tokens])


def weigh_terms(texts: list[str], owner: list[int] | None = None,
                languages: list[str | None] | None = None) -> SentenceTerms:
    """Stem every sentence and weight its distinct terms by an idf taken within the accounts.

    ``owner[i]`` is the account of sentence ``i`` and ``languages[i]`` its story's language
    (English when not given).  A term's document frequency is the most
    sentences it occurs in within any one account, so a word that two accounts each use once
    (the very evidence of a match) keeps the full weight, while what an account repeats
    sentence after sentence ("CSTO", "said") weighs little.
    """
    n = len(texts)
    owner = owner if owner is not None else [0] * n
    read = [sentence_words(t, languages[i] if languages is not None else None) for i, t in enumerate(texts)]
    distinct = [sorted(set(r[0])) for r in read]
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
    common_sets = [set(r[1]) for r in read]
    flags = np.array([1.0 if t in cs else 0.0 for ts, cs in zip(distinct, common_sets, strict=True) for t in ts])
    common = sparse.csr_matrix((flags, indices, indptr), shape=shape)
    common.eliminate_zeros()
    lowered = [r[2] for r in read]
    return SentenceTerms(
        common=common,
        tokens=_presence([sorted(set(ws)) for ws in lowered]),
        bigrams=_presence([sorted({f"{x} {y}" for x, y in zip(ws, ws[1:], strict=False)}) for ws in lowered]),
        n_tokens=np.array([len(ws) for ws in lowered], dtype=np.float64),
        lowered=[" ".join(ws) for ws in lowered],
        negated=np.array([1.0 if any(_negation(w) for w in ws) else 0.0 for ws in lowered]),
        anchors=AnchorIndex([anchors(t) for t in texts]),
        weights=weights,
        matrix=matrix,
        presence=presence,
        norms=np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()),
        totals=np.asarray(matrix.sum(axis=1)).ravel(),
        n_terms=np.array([len(ts) for ts in distinct], dtype=np.float64),
        joined=[" ".join(ts) for ts in distinct],
    )


NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "without", "cannot"})


def _negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def _presence(rows: list[list[str]]) -> sparse.csr_matrix:
    """A sentence x item 0/1 matrix (items sorted within a row, so the layout is deterministic)."""
    vocab = {t: k for k, t in enumerate(sorted({t for r in rows for t in r}))}
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.array([vocab[t] for r in rows for t in r], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocab), 1)))


@dataclass(slots=True)
class PairScores:
    """Similarity of the sentences of story A (rows) with those of story B (columns)."""

    cosine: np.ndarray
    containment: np.ndarray
    fuzzy: np.ndarray
    score: np.ndarray  # paraphrase probability: what 1:1 links are made of
    part: np.ndarray  # the three-signal mix: is one sentence a part of the other (1:n splits)
    features: dict[str, np.ndarray]
    conflict: np.ndarray  # True where speakers, days, dates or incidents differ (score and part cut)
    names_only: np.ndarray  # True where the shared terms all come from names (score and part damped)


def pair_scores(st: SentenceTerms, rows: list[int], cols: list[int]) -> PairScores:
    """All-pairs scores between two groups of sentence positions (two accounts)."""
    inter_sq = cross(st.products, "weights", st.matrix, st.matrix, rows, cols)  # sum of w^2, shared terms
    norm = np.outer(st.norms[rows], st.norms[cols])
    cosine = np.divide(inter_sq, norm, out=np.zeros_like(inter_sq), where=norm > 0)
    shared = cross(st.products, "shared", st.matrix, st.presence, rows, cols)  # sum of w over shared terms
    shorter = np.minimum.outer(st.totals[rows], st.totals[cols])
    containment = np.divide(shared, shorter, out=np.zeros_like(shared), where=shorter > 0)
    fuzzy = _token_set(st, rows, cols, shared)
    fewer = np.minimum.outer(st.n_terms[rows], st.n_terms[cols])
    part = mix(cosine, containment, fuzzy, fewer)
    features = pair_features(st, rows, cols, cosine, containment, fuzzy, shared)
    weight = float(pair_model()["model_weight"])
    score = np.where(shared > 0, weight * paraphrase_probability(features) + (1.0 - weight) * part, 0.0)
    shares_word = np.ones(score.shape, dtype=bool)
    if st.common is not None:
        shares_word = cross(st.products, "common", st.common, st.common, rows, cols) > 0
        part = np.where(shares_word, part, part * NAMES_ONLY_FACTOR)
        score = np.where(shares_word, score, score * NAMES_ONLY_FACTOR)
    differ = np.zeros(score.shape, dtype=bool)
    if st.anchors is not None:
        differ = st.anchors.conflicts(rows, cols)
        differ &= features["word_order"] < SAME_WORDING
        part = np.where(differ, part * CONFLICT_FACTOR, part)
        score = np.where(differ, score * CONFLICT_FACTOR, score)
    return PairScores(cosine=cosine, containment=containment, fuzzy=fuzzy, score=score, part=part,
                      features=features, conflict=differ, names_only=~shares_word)


def pair_features(
    st: SentenceTerms,
    rows: list[int],
    cols: list[int],
    cosine: np.ndarray,
    containment: np.ndarray,
    fuzzy: np.ndarray,
    shared: np.ndarray,
) -> dict[str, np.ndarray]:
    """Every feature the paraphrase model may use, each a (rows x cols) array in [0, 1].

    ``cosine``, ``containment``, ``token_set``: the idf-weighted signals above; ``stem_jaccard``:
    Jaccard of the distinct content stems; ``word_jaccard``, ``word_in_shorter``,
    ``word_in_longer``: shared distinct lower-cased words (stop words too) over the union, the
    smaller and the larger set; ``bigram_in_shorter``: shared adjacent word pairs over the
    smaller set; ``length_gap``: difference of the word counts over the larger; ``word_order``:
    rapidfuzz ``ratio`` (an LCS over characters) of the two lower-cased sentences in order;
    ``negation_mismatch``: one sentence is negated and the other is not.
    """
    assert st.tokens is not None and st.bigrams is not None and st.n_tokens is not None
    assert st.lowered is not None and st.negated is not None
    shape = cosine.shape
    both_terms = cross(st.products, "terms", st.presence, st.presence, rows, cols)
    union_terms = np.add.outer(st.n_terms[rows], st.n_terms[cols]) - both_terms
    words_per_row = np.diff(st.tokens.indptr).astype(np.float64)
    nw_r, nw_c = words_per_row[rows], words_per_row[cols]
    both_words = cross(st.products, "words", st.tokens, st.tokens, rows, cols)
    bigrams_per_row = np.diff(st.bigrams.indptr).astype(np.float64)
    nb_r, nb_c = bigrams_per_row[rows], bigrams_per_row[cols]
    both_bigrams = cross(st.products, "bigrams", st.bigrams, st.bigrams, rows, cols)
    t_r, t_c = st.n_tokens[rows], st.n_tokens[cols]
    order = np.zeros(shape)
    ii, jj = np.nonzero(shared > 0)
    if len(ii):
        order[ii, jj] = process.cpdist(
            [st.lowered[rows[i]] for i in ii], [st.lowered[cols[j]] for j in jj],
            scorer=fuzz.ratio, dtype=np.float64,
        ) / 100.0
    neg_r, neg_c = st.negated[rows], st.negated[cols]
    return {
        "cosine": cosine,
        "containment": containment,
        "token_set": fuzzy,
        "stem_jaccard": _ratio(both_terms, union_terms),
        "word_jaccard": _ratio(both_words, np.add.outer(nw_r, nw_c) - both_words),
        "word_in_shorter": _ratio(both_words, np.minimum.outer(nw_r, nw_c)),
        "word_in_longer": _ratio(both_words, np.maximum.outer(nw_r, nw_c)),
        "bigram_in_shorter": _ratio(both_bigrams, np.minimum.outer(nb_r, nb_c)),
        "length_gap": _ratio(np.abs(np.subtract.outer(t_r, t_c)), np.maximum.outer(t_r, t_c)),
        "word_order": order,
        "negation_mismatch": np.abs(np.subtract.outer(neg_r, neg_c)),
    }


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num = np.asarray(num, dtype=np.float64)
    return np.divide(num, den, out=np.zeros(num.shape), where=den > 0)


@cache
def pair_model() -> dict:
    """The fitted paraphrase model: feature names, coefficients, intercept (and how it was fit)."""
    text = resources.files("compare").joinpath("data", "align_pair_model.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def paraphrase_probability(features: dict[str, np.ndarray], model: dict | None = None) -> np.ndarray:
    """The logistic model over the features: P(the two sentences say the same thing)."""
    model = model or pair_model()
    z = np.full(next(iter(features.values())).shape, float(model["intercept"]))
    for name, coef in zip(model["features"], model["coefficients"], strict=True):
        z = z + float(coef) * features[name]
    return 1.0 / (1.0 + np.exp(-z))


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
