"""Languages: which language a story is in, and text processing per language.

- ``detect``: the language of a text (py3langid, whose model ships in its wheel), with a
  cheap first look that settles plain English without loading the model;
- ``text``: tokens, stop words (the ``stop-words`` package, plus short lists in
  ``compare/data/lang/`` for Belarusian and Kazakh), Snowball stems per language, and
  character bigrams for Chinese;
- ``names``: transliteration to Latin (anyascii) so that Лавров and Lavrov, Зась and Zas are one
  name, and aliases across languages (ОДКБ = CSTO = OTSC) from ``compare/data/lang/aliases.tsv``;
  consonant skeletons for scripts without capitals (لافروف = 拉夫罗夫 = Lavrov), German nouns;
- ``numbers``: numbers written in words in 13 languages ("сорок два" = 42, "zweiundvierzig",
  "बयालीस", from the CLDR spell-out rules) and Chinese numerals (三千六百);
- ``ordinals``: the full stop of an ordinal before a month name ("5. Juni") is no sentence end;
- ``embed``: multilingual sentence embeddings (optional extra, loaded only when a corpus has
  accounts in more than one language).

All functions are pure and cheap to call per record; models load lazily, once per process.
"""

from __future__ import annotations

from compare.lang.detect import SUPPORTED, detect_language, normalise_language, script_of
from compare.lang.names import alias_key, name_key, transliterate
from compare.lang.numbers import number_word_value, parse_number_words
from compare.lang.text import content_terms, sentence_terms, stem, stopwords, tokens

__all__ = [
    "SUPPORTED", "alias_key", "content_terms", "detect_language", "name_key", "normalise_language", "number_word_value",
    "parse_number_words", "script_of", "sentence_terms", "stem", "stopwords", "tokens", "transliterate",
]
