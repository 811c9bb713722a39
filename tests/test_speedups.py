"""The fast paths of spaCy's attribute ruler and lemmatizer (``pipeline.speedups``) set exactly what the
untouched components set: every token's tag, POS, morphology, lemma and dependency, and the same matches."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from conftest import DATA, need_shared

# invented sentences that reach the ruler's rarer patterns: multi-token ones (gonna, gotta, let's, c'mon,
# y'all, ain't), regular expressions (nothin'), NOT_IN (auxiliaries, determiners as pronouns), white space
TEXTS = [
    "I ain't gonna wait, and we gotta go now. Let's see: c'mon, y'all know there's nothin' here.",
    "There are three reasons. That was what she gets for it; he got a call.  \n\n  Those who left were few.",
    "The minister said on Monday that 12 people were hurt in London, police told Reuters.\n\n\"We will act,\" she said.",
    "Which is it? All that remains is this. \t She has been told it isn't, and it wasn't.",
    "",
    "   ",
]


def attributes(doc: Any) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def plain() -> Any:
    from presslens.pipeline.model import resolve_model_name

    return spacy.load(resolve_model_name())


def bbc_texts(most: int) -> list[str]:
    bbc = DATA / "bbc"
    need_shared(bbc, "the comparison on real articles needs ../shared/data/bbc")
    paths = sorted(bbc.rglob("*.txt"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths[:: max(1, len(paths) // most)][:most]]


def compare(nlp: Any, plain: Any, texts: list[str]) -> None:
    spacy_names = [n for n in plain.pipe_names]
    ours = [attributes(d) for d in nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in spacy_names])]
    theirs = [attributes(d) for d in plain.pipe(texts)]
    for text, a, b in zip(texts, ours, theirs, strict=True):
        assert a == b, text[:80]


def test_the_pipeline_gets_the_fast_paths(nlp: Any) -> None:
    from presslens.pipeline.speedups import FastRuler, MemoLemmas

    assert isinstance(nlp.get_pipe("attribute_ruler").match, FastRuler)
    assert isinstance(nlp.get_pipe("lemmatizer").lemmatize, MemoLemmas)


def test_same_annotations_on_invented_text(nlp: Any, plain: Any) -> None:
    compare(nlp, plain, TEXTS)
    compare(nlp, plain, TEXTS)  # and again, from the memos


def test_same_matches_as_the_matcher(nlp: Any, plain: Any) -> None:
    from presslens.pipeline.speedups import FastRuler

    ruler = plain.get_pipe("attribute_ruler")
    fast = FastRuler(ruler)
    assert fast.tests and not len(fast.rest)  # the pinned pipeline's patterns all take the fast path
    special = 0
    for doc in plain.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]):
        expected = ruler.match(doc)
        assert fast(doc) == expected
        special += sum(1 for i, _, s, e in expected if e - s > 1 or ruler.indices[i] != 0)
    assert special >= 5  # the multi-token patterns were reached


def test_same_annotations_on_bbc_articles(nlp: Any, plain: Any) -> None:
    compare(nlp, plain, bbc_texts(60))


def test_a_ruler_given_new_patterns_is_recompiled(plain: Any) -> None:
    from presslens.pipeline.speedups import FastRuler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "presslens"}]], {"TAG": "NNP"})
    fast = FastRuler(ruler)
    doc = nlp.make_doc("presslens reads news")
    assert [(m[0], m[2]) for m in fast(doc)] == [(0, 0)]
    ruler.add([[{"LOWER": "news", "OP": "+"}]], {"TAG": "NN"})  # an operator: left to a Matcher
    ruler.add([[{"LOWER": {"REGEX": "^rea"}}, {"LOWER": "news"}]], {"TAG": "VBZ"}, index=0)
    assert fast(doc) == ruler.match(doc)
    assert len(fast.rest) == 1
