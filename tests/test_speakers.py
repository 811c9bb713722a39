"""extract/quotes/speakers.py: speaker resolution on hand-built Docs: noun phrases, entity lookup, pronouns, role phrases, canonical names."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from presslens.extract.common import EntityIndex, noun_phrase
from presslens.extract.entities.names import spelled_alike, surnames
from presslens.extract.quotes.quotes import find_quotes
from presslens.extract.quotes.speakers import Salience, resolve_speaker
from presslens.pipeline.extensions import register_extensions

VOCAB = spacy.blank("en").vocab


def make_doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], spaces: list[bool] | None = None) -> Doc:
    lemmas = [w.lower() if w not in ("said", "added") else {"said": "say", "added": "add"}[w] for w in words]
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def entity(eid: str, name: str, label: str, doc: Doc, token_ranges: list[tuple[int, int]], titles: list[str] | None = None) -> dict[str, Any]:
    mentions = [
        {"start": doc[a].idx, "end": doc[b - 1].idx + len(doc[b - 1].text), "text": doc[a:b].text} for a, b in token_ranges
    ]
    return {"id": eid, "name": name, "label": label, "mentions": mentions, "titles": titles or [], "country": None}


# "Hossein Salami met Haniyeh . He said peace will come ."
WORDS = ["Hossein", "Salami", "met", "Haniyeh", ".", "He", "said", "peace", "will", "come", "."]
HEADS = [1, 2, 2, 2, 2, 6, 6, 9, 9, 6, 6]
DEPS = ["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]
POS = ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "NOUN", "AUX", "VERB", "PUNCT"]


def two_sentences() -> tuple[Doc, EntityIndex]:
    doc = make_doc(WORDS, HEADS, DEPS, POS)
    ents = [entity("E1", "Hossein Salami", "PERSON", doc, [(0, 2)]), entity("E2", "Ismail Haniyeh", "PERSON", doc, [(3, 4)])]
    return doc, EntityIndex(ents)


def test_noun_phrase_keeps_name_parts_and_drops_dateline() -> None:
    doc = make_doc(["ORLANDO", "—", "President", "Obama", "said", "so"], [3, 0, 3, 4, 4, 4],
                   ["nsubj", "punct", "compound", "nsubj", "ROOT", "advmod"], ["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "ADV"])
    assert noun_phrase(doc[3]).text == "President Obama"
    doc2, _ = two_sentences()
    assert noun_phrase(doc2[1]).text == "Hossein Salami"


def test_pronoun_goes_to_previous_subject_not_object() -> None:
    doc, index = two_sentences()
    sal = Salience(list(doc.sents), index, lambda c: False)
    sal.build()
    res = resolve_speaker(doc[5], index, sal)
    assert res["entity"] == "E1" and res["text"] == "He" and res["rule"] == "pronoun->previous-subject"


def test_addressee_is_never_the_speaker() -> None:
    doc, index = two_sentences()
    sal = Salience(list(doc.sents), index, lambda c: False)
    sal.build()
    res = resolve_speaker(doc[5], index, sal, exclude={"E1"})
    assert res["entity"] == "E2" and res["rule"] == "pronoun->recent-person"


def test_surname_and_misspelling_map_to_the_full_name() -> None:
    doc = make_doc(["Hossein", "Salami", "and", "Salmai", "and", "Nakhalah", "and", "Ziyad", "al-Nakhalah"],
                   [1, 1, 1, 1, 1, 1, 1, 8, 1],
                   ["compound", "ROOT", "cc", "conj", "cc", "conj", "cc", "compound", "conj"],
                   ["PROPN"] * 9)
    ents = [
        entity("E1", "Hossein Salami", "PERSON", doc, [(0, 2)]),
        entity("E2", "Salmai", "PERSON", doc, [(3, 4)]),
        entity("E3", "Nakhalah", "PERSON", doc, [(5, 6)]),
        entity("E4", "Ziyad al-Nakhalah", "PERSON", doc, [(7, 9)]),
    ]
    index = EntityIndex(ents)
    assert index.canonical("E2") == "E1" and index.canonical("E3") == "E4"
    assert index.canonical_at(doc[3].idx, doc[3].idx + 6)["id"] == "E1"
    assert spelled_alike("salami", "salmai", 1) and not spelled_alike("salami", "salman-x", 1)
    assert surnames("Ziyad al-Nakhalah") == {"al-nakhalah", "nakhalah"}


def test_role_phrase_resolves_by_titles() -> None:
    words = ["Ziyad", "Nakhalah", "spoke", ".", "The", "Islamic", "Jihad", "leader", "said", "peace", "will", "come", "."]
    heads = [1, 2, 2, 2, 7, 6, 7, 8, 8, 11, 11, 8, 8]
    deps = ["compound", "nsubj", "ROOT", "punct", "det", "compound", "compound", "nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "DET", "PROPN", "PROPN", "NOUN", "VERB", "NOUN", "AUX", "VERB", "PUNCT"]
    doc = make_doc(words, heads, deps, pos)
    ents = [
        entity("E1", "Ziyad Nakhalah", "PERSON", doc, [(0, 2)], titles=["leader of Islamic Jihad"]),
        entity("E2", "Islamic Jihad", "ORG", doc, [(5, 7)]),
    ]
    index = EntityIndex(ents)
    sal = Salience(list(doc.sents), index, lambda c: False)
    sal.build()
    res = resolve_speaker(doc[7], index, sal)
    assert res["entity"] == "E1" and res["rule"] == "role-phrase" and res["text"] == "The Islamic Jihad leader"


def test_unnamed_source_is_anonymous() -> None:
    words = ["Peace", "will", "come", ",", "officials", "said", "."]
    doc = make_doc(words, [2, 2, 5, 5, 5, 5, 5], ["nsubj", "aux", "ccomp", "punct", "nsubj", "ROOT", "punct"],
                   ["NOUN", "AUX", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"])
    register_extensions()
    doc._.pl_entities = []
    doc._.pl_article = {"blocks": [{"kind": "paragraph", "start": 0, "end": len(doc.text)}]}
    quotes = find_quotes(doc)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["kind"] == "indirect" and q["speaker"]["text"] == "officials" and q["anonymous"] is True
    assert q["content"]["text"] == "Peace will come" and q["cue"]["text"] == "said"


def test_find_quotes_without_a_parse_finds_direct_quotes_only() -> None:
    doc = Doc(VOCAB, words=["“", "We", "will", "win", "this", "one", "together", ",", "”", "he", "said", "."])
    register_extensions()
    doc._.pl_entities = []
    doc._.pl_article = {"blocks": [{"kind": "paragraph", "start": 0, "end": len(doc.text)}]}
    quotes = find_quotes(doc)
    assert [q["kind"] for q in quotes] == ["direct"]
    assert quotes[0]["speaker"] is None


def test_a_failure_inside_extraction_becomes_pl070(monkeypatch: Any) -> None:
    from presslens.extract.quotes import quotes as quotes_module

    def boom(ctx: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(quotes_module, "run_rules", boom)
    doc, _ = two_sentences()
    register_extensions()
    doc._.pl_errors = []
    assert find_quotes(doc) == []
    assert [e["code"] for e in doc._.pl_errors] == ["PL070"] and "boom" in doc._.pl_errors[0]["message"]
