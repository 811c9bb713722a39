"""structure/blocks.py: sentence starts at block boundaries keep the names that open a lead paragraph after a
short headline (the md parser split them into one-word sentences, and NER lost them), and the learned stage
does not count the white space between blocks as a sentence (extract/quotes/learned_features.py)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import analyze_text
from presslens.pipeline import make_doc
from presslens.readers import raw_article

pytestmark = pytest.mark.model


@pytest.mark.parametrize("lead, names", [
    ("Angela Merkel won the runoff on Sunday.", {("PERSON", "Angela Merkel")}),
    ("Luiz Inacio Lula da Silva won the runoff on Sunday.", {("PERSON", "Luiz Inacio Lula da Silva")}),
    ("AC Milan defender Jaap Stam says the club made a mistake by selling him in 2001.",
     {("ORG", "AC Milan"), ("PERSON", "Jaap Stam")}),
])
def test_names_opening_the_lead_after_a_short_headline_stay_whole(nlp: Any, lead: str, names: set[tuple[str, str]]) -> None:
    record = analyze_text(nlp, "Harbour Notes\n\n" + lead)
    assert names <= {(e["label"], e["name"]) for e in record["entities"]}


def parsed(nlp: Any, text: str) -> Any:
    doc, _ = make_doc(nlp, raw_article({"path": "test.txt", "format": "text"}, text))
    keep = ("tok2vec", "tagger", "presslens_blocks", "parser", "attribute_ruler", "lemmatizer", "ner")
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep]):
        return nlp(doc)


def test_no_word_of_the_lead_is_a_sentence_of_its_own(nlp: Any) -> None:
    doc = parsed(nlp, "Harbour Notes\n\nAngela Merkel won the runoff on Sunday.")
    words = [s.text for s in doc.sents if not s.text.isspace()]
    assert words == ["Harbour Notes", "Angela Merkel won the runoff on Sunday."]


def test_the_learned_stage_counts_the_blocks_sentences_only(nlp: Any) -> None:
    from presslens.extract.quotes.learned_features import DocInfo

    doc = parsed(nlp, "Harbour Notes\n\nAngela Merkel won the runoff on Sunday. She thanked her voters.")
    info = DocInfo(doc)
    first = {tok.text: int(info.sent[tok.i]) for tok in doc if not tok.is_space}
    assert first["Notes"] + 1 == first["Angela"] and first["Angela"] + 1 == first["She"]
