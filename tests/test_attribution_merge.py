"""The learned attribution stage in the pipeline: rules first, the model second, one merge writing the quotes
the record reads (``extract/quotes/merge.py``); the switch that turns the model off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import analyze_text
from presslens.errors import PresslensError

pytestmark = pytest.mark.model

TEXT = (
    "Port deal\n\n"
    "The health minister said on Monday that the new clinic would open in March. "
    "“We will not close the border,” the interior minister told reporters.\n\n"
    "“We have waited long enough for this.”"
)


def spans_exact(text: str, q: dict[str, Any]) -> bool:
    parts = [q["content"], q.get("cue"), q.get("speaker"), q.get("addressee"), *q.get("fragments", [])]
    return all(text[p["start"] : p["end"]] == p["text"] for p in parts if p)


def test_the_rules_run_first_then_the_model_then_the_merge(nlp: Any) -> None:
    names = nlp.pipe_names
    order = [names.index(n) for n in ("presslens_quotes", "presslens_attribution", "presslens_quote_merge", "presslens_claims")]
    assert order == sorted(order)


def test_merged_quotes_say_their_path_and_keep_the_rules_where_the_model_is_silent(nlp: Any) -> None:
    rec = analyze_text(nlp, TEXT)
    text = rec["article"]["text"]
    quotes = {q["content"]["text"].strip("“”,. "): q for q in rec["quotes"]}
    assert all(spans_exact(text, q) and q["path"] in ("model", "rules", "both") for q in rec["quotes"])
    clinic = quotes["the new clinic would open in March"]
    assert clinic["path"] in ("model", "both") and clinic["score"] >= 0.45 and clinic["kind"] == "indirect"
    assert clinic["speaker"]["text"] == "The health minister"
    border = quotes["We will not close the border"]
    assert border["kind"] == "direct" and border["speaker"]["text"] == "the interior minister"
    assert border["addressee"] and border["addressee"]["text"] == "reporters"
    # the cue-less paragraph after it: the rules' continuation, with the speaker of the quote it continues
    waited = quotes["We have waited long enough for this"]
    assert waited["rule"] == "continuation" and waited["speaker"]["text"] == "the interior minister"
    assert waited["group"] == border["id"]


def test_a_content_is_snapped_to_its_quote_marks(nlp: Any) -> None:
    from presslens.extract.quotes.clauses import Context
    from presslens.extract.quotes.merge import snapped

    text = "“We will not close the border,” the minister said. He called the plan “a trap” and “a lie” on Monday."
    ctx = Context(nlp(text))
    start, end, kind, fragments = snapped(ctx, 0, text.index(" the minister"))
    assert text[start:end] == "We will not close the border," and kind == "direct" and fragments == []
    said = text.index("the plan")
    start, end, kind, fragments = snapped(ctx, said, text.index(" on Monday"))
    assert kind == "mixed" and [text[s:e] for s, e in fragments] == ["a trap", "a lie"]
    start, end, kind, _ = snapped(ctx, text.index("He"), text.index("called"))
    assert (text[start:end], kind) == ("He", "indirect")


def test_the_switch_turns_the_model_off() -> None:
    from presslens.pipeline import load_nlp

    rules = load_nlp(attribution_model="off")
    assert "presslens_attribution" not in rules.pipe_names and "presslens_quote_merge" not in rules.pipe_names
    rec = analyze_text(rules, TEXT)
    assert rec["quotes"] and all("path" not in q and "score" not in q for q in rec["quotes"])


def test_a_folder_that_is_no_model_is_pl095(tmp_path: Path) -> None:
    import spacy

    from presslens.extract.quotes.learned import add_attribution

    with pytest.raises(PresslensError, match="presslens train attribution") as err:
        add_attribution(spacy.blank("en"), tmp_path)
    assert err.value.code == "PL095"


def test_a_headline_cue_needs_less_than_a_captions(nlp: Any) -> None:
    """A learned cue outside the body without a clause: a headline's from ``HEADLINE_THRESHOLD`` (PolNeAR
    annotates "Judge Rejects ... Request"), a caption's only from ``CAPTION_THRESHOLD`` (the seed's
    caption "a ceasefire unilaterally declared by Tel Aviv" is no quote of its gold)."""
    from presslens.extract.quotes import merge
    from presslens.extract.quotes.clauses import Context

    title = "Judge Rejects Request to Unseal File"
    caption = "A ceasefire declared by the city goes into effect."
    doc = nlp(title + "\n\n" + caption)
    doc._.pl_article = {"blocks": [{"kind": "title", "start": 0, "end": len(title)},
                                   {"kind": "caption", "start": len(title) + 2, "end": len(doc.text)}]}
    ctx = Context(doc)
    assert merge.HEADLINE_THRESHOLD < merge.CAPTION_THRESHOLD
    assert merge.outside_threshold(ctx, title.index("Rejects")) == merge.HEADLINE_THRESHOLD
    assert merge.outside_threshold(ctx, doc.text.index("declared")) == merge.CAPTION_THRESHOLD


def test_a_learned_object_of_the_cues_preposition_ends_before_the_occasion(nlp: Any) -> None:
    """The merge cuts a learned content where the rules cut theirs: an object of the cue's own preposition
    ends before the occasion of the act, as a direct object does (PolNeAR dev gold: "more school investment")."""
    rec = analyze_text(nlp, "Keron Blair, executive director of AROS, called for more school investment in a statement on Thursday.")
    (q,) = [q for q in rec["quotes"] if q["cue"] and q["cue"]["text"] == "called"]
    assert q["content"]["text"] == "more school investment" and spans_exact(rec["article"]["text"], q)
