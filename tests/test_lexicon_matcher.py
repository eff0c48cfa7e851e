"""The lexicon PhraseMatcher finds exactly what the one big regex alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.facts.lexicon import PhraseMatcher, cue_list, gazetteer_regex
from compare.ingest import read_corpus
from compare.textnorm import fold

LISTS = ["hedges.tsv", "intensifiers.tsv", "framing_labels.tsv", "report_verbs.tsv", "number_qualifiers.tsv"]


def _matchers() -> list[PhraseMatcher]:
    return [cue_list(name).matcher for name in LISTS] + [gazetteer_regex()]


def _same(matcher: PhraseMatcher, text: str) -> None:
    fast = [(m.span(), m.lastgroup) for m in matcher.finditer(text)]
    plain = [(m.span(), m.lastgroup) for m in matcher.regex.finditer(text)]
    assert fast == plain, text


def test_same_matches_on_the_seed_corpus(seed_corpus):
    documents, _ = read_corpus(seed_corpus)
    texts = [fold(s.text) for d in documents for story in d.stories for s in story.sentences]
    assert len(texts) > 100
    for matcher in _matchers():
        assert any(True for t in texts for _ in matcher.finditer(t))
        for text in texts:
            _same(matcher, text)


def _pieces() -> list[str]:
    """Lexicon phrases (wildcards filled in), their words, and awkward neighbours."""
    out = ["-", "'", ".", ",", " ", "  ", "\u00e9", "\u212a", "\u017f", "I", "_", "7", "Ä", "anti-"]
    for matcher in _matchers():
        for _, _, phrase in matcher._alternatives:
            out.append(phrase.replace("*", "ed"))
            out.append(phrase.replace("*", ""))
            out.extend(phrase.split()[:1])
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_pieces()), st.sampled_from(["", " ", "-", ", ", "x", " the "]),
                          st.booleans()), max_size=12))
def test_same_matches_on_generated_text(parts):
    text = "".join((p.upper() if up else p) + sep for p, sep, up in parts)
    for matcher in _matchers():
        _same(matcher, text)


def test_falls_back_where_words_cannot_decide():
    # A phrase that begins with punctuation cannot be found by word starts: the plain scan is used.
    matcher = PhraseMatcher([("g0", re.escape("$5"), "$5"), ("g1", "said", "said")], re.IGNORECASE)
    assert [m.group() for m in matcher.finditer("he SAID $5 then")] == ["SAID", "$5"]
