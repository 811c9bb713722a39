"""The framing lexicons (``data/loaded_terms.json``, ``data/general_loaded.json``, and the technique cues
of ``data/techniques.json``), checked, and every matcher made from them: ``FramingRules``, built once per
pipeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ...data import load
from ...errors import PresslensError
from ..entities.gazetteer import country_names, gazetteer
from .techniques import TechniqueRules


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """``loaded_terms.json``, checked: ids unique, categories known, each entry has terms or patterns."""
    lex = load("loaded_terms.json")
    ids: set[str] = set()
    for e in lex["entries"]:
        if e["id"] in ids or e["category"] not in lex["categories"] or not (e.get("terms") or e.get("patterns")):
            raise PresslensError("PL092", path="data/loaded_terms.json", reason=f"bad entry {e.get('id')!r}")
        ids.add(e["id"])
    return lex


@lru_cache(maxsize=1)
def load_general() -> dict[str, Any]:
    """``general_loaded.json``: intensifiers, emotive and evaluative words, superlatives, actor nouns."""
    return load("general_loaded.json")


def regime_owners(table: dict[str, Any]) -> dict[str, str]:
    """Word -> the name of the country a regime epithet's owner word stands for ("Israeli regime" -> Israel):
    each nationality's country (``data/demonyms.json``) as GeoNames names it, and the table's other names."""
    names = country_names()
    out = {word: names[str(gazetteer().demonym_country(word))] for word in table["nationalities"]}
    out.update(table["names"])
    return out


def _plural(phrase: str) -> str:
    words = phrase.split(" ")
    w = words[-1]
    if w.endswith(("s", "x", "ch", "sh")):
        words[-1] = w + "es"
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        words[-1] = w[:-1] + "ies"
    else:
        words[-1] = w + "s"
    return " ".join(words)


class FramingRules:
    """Every matcher and table framing needs, built once per pipeline."""

    def __init__(self, vocab: Vocab, make_docs: Callable[[Sequence[str]], list[Doc]],
                 lemma_docs: Callable[[Sequence[str]], list[Doc]] | None = None, lexicon: dict[str, Any] | None = None,
                 general: dict[str, Any] | None = None, techniques: dict[str, Any] | None = None) -> None:
        self.vocab = vocab
        self.lex = lexicon or load_lexicon()
        self.gen = general or load_general()
        self.entries: dict[str, dict[str, Any]] = {e["id"]: e for e in self.lex["entries"]}
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        self.lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.matcher = Matcher(vocab)
        for e in self.lex["entries"]:
            key = f"L|{e['id']}"
            terms = list(e.get("terms") or [])
            if terms:
                forms = sorted({*terms, *(_plural(t) for t in terms if " " in t or not t.endswith("s"))})
                self.lower.add(key, make_docs(forms))
                if lemma_docs is not None and not e.get("exact"):
                    self.lemma.add(key, lemma_docs(terms))
            for pattern in e.get("patterns") or []:
                self.matcher.add(key, [pattern])
        metonyms = self.lex["capital_metonyms"]
        self.metonyms: dict[str, dict[str, Any]] = metonyms["names"]
        self.gov_verbs = frozenset(metonyms["government_verbs"])
        self.gov_nouns = frozenset(metonyms["government_nouns"])
        for name in self.metonyms:
            self.lower.add(f"M|{name}", make_docs([name, name.removeprefix("the ")]))
        self.demonyms: dict[str, str] = regime_owners(self.lex["regime_owners"])
        g = self.gen
        for key, words in (("intensifier", g["intensifiers"]), ("emotive", g["emotive_adjectives"]),
                           ("evaluative", g["evaluative_adjectives"]["negative"] + g["evaluative_adjectives"]["positive"]),
                           ("superlative", g["superlatives"] + g["exaggeration"]), ("minimisation", g["minimisation"])):
            self.lower.add(f"G|{key}", make_docs(sorted(set(words))))
        self.positive = frozenset(g["evaluative_adjectives"]["positive"])
        self.actor_nouns = frozenset(g["actor_nouns"])
        self.boosters = frozenset(g["superlative_boosters"])
        self.techniques = TechniqueRules(vocab, self.lower, self.matcher, make_docs, techniques)
        self.model: Any = None  # a span categoriser trained with `presslens train framing`, or None

    # -- matching ---------------------------------------------------------------------------------------
    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = self.vocab.strings
        found: set[tuple[str, int, int]] = set()
        results = list(self.lower(doc))
        if doc.has_annotation("LEMMA"):
            results += self.lemma(doc)
        results += self.matcher(doc, allow_missing=True)  # hand-built Docs may lack a parse
        for match_id, start, end in results:
            found.add((strings[match_id], start, end))
        return sorted(found, key=lambda x: (x[1], -x[2], x[0]))


def pattern_makers(nlp: Language) -> tuple[Callable[[Sequence[str]], list[Doc]], Callable[[Sequence[str]], list[Doc]] | None]:
    """Tokenise patterns (for LOWER), and tag and lemmatise them (for LEMMA) with the pipeline's own parts."""

    def make_docs(texts: Sequence[str]) -> list[Doc]:
        return list(nlp.tokenizer.pipe(texts))  # type: ignore[union-attr]

    names = [n for n in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer") if n in nlp.pipe_names]
    if "lemmatizer" not in names or "tagger" not in names:
        return make_docs, None

    def lemma_docs(texts: Sequence[str]) -> list[Doc]:
        docs = make_docs(texts)
        for name in names:
            docs = list(nlp.get_pipe(name).pipe(docs))  # type: ignore[attr-defined]
        return docs

    return make_docs, lemma_docs


_DEFAULT: dict[int, FramingRules] = {}


def default_rules(doc: Doc) -> FramingRules:
    """Rules for a Doc outside the pipeline (tests): built once per vocab, LOWER matching only."""
    vocab = doc.vocab
    if id(vocab) not in _DEFAULT:
        from spacy.lang.en import English

        tokenizer = English(vocab=vocab).tokenizer
        _DEFAULT[id(vocab)] = FramingRules(vocab, lambda texts: list(tokenizer.pipe(texts)))  # type: ignore[union-attr]
    return _DEFAULT[id(vocab)]
