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


def learned(doc: Any, cue: str, content: str, score: float = 0.9) -> dict[str, Any]:
    """A learned attribution as the model writes it, at the first occurrence of each word in ``doc``."""
    def part(word: str) -> dict[str, Any]:
        start = doc.text.index(word)
        return {"start": start, "end": start + len(word), "text": word}

    return {"cue": part(cue), "content": part(content), "source": None, "score": score, "confident": True, "source_score": 0.9}


def test_a_learned_cue_on_the_copula_of_a_stance_adjective_is_the_adjective(nlp: Any) -> None:
    """PolNeAR's cue "has been critical of" leads the model to put the cue head on "been": the merge reads
    the adjective, as the rules do, and ends its object before the time of the stance."""
    from presslens.extract.quotes import merge
    from presslens.extract.quotes.clauses import Context

    doc = nlp("Senator Lindsey Graham has been critical of Trump since the primary.")
    ctx = Context(doc)
    cut = merge.cut_content(ctx, learned(doc, "been", "Trump since the primary"))
    assert cut["cue"]["text"] == "critical" and cut["content"]["text"] == "Trump"
    plain = merge.cut_content(ctx, learned(doc, "Graham", "Trump"))
    assert plain["cue"]["text"] == "Graham"  # not a copula: left as it is


def test_a_learned_content_that_modifies_its_own_cue_is_no_quote(nlp: Any) -> None:
    """"Council Notes": a headline read as cue "Notes" with content "Council" is no one's words; a content
    after the cue stays."""
    from presslens.extract.quotes.merge import modifies_its_cue, token_at

    doc = nlp("City Council Notes")
    bad = learned(doc, "Notes", "City Council")
    assert modifies_its_cue(doc, bad, token_at(doc, bad["cue"]))
    doc = nlp("The mayor notes the council's plan.")
    good = learned(doc, "notes", "the council's plan")
    assert not modifies_its_cue(doc, good, token_at(doc, good["cue"]))


def test_the_learned_stage_decodes_only_the_cues_its_merge_can_keep(nlp: Any) -> None:
    """The merge keeps nothing below its lowest threshold, so the model's floor is set to it; the same text
    with the floor removed gives the same quotes (the cues below were decoded for nothing)."""
    from presslens.extract.quotes import merge

    assert merge.lowest_kept(None, None) is None  # the model's own threshold decides
    assert merge.lowest_kept(0.7, 0.4) == 0.4
    assert merge.lowest_kept(merge.MERGE_THRESHOLD, None) == min(merge.MERGE_THRESHOLD, merge.HEADLINE_THRESHOLD)
    pipe = nlp.get_pipe("presslens_attribution")
    assert pipe.cfg["floor"] == merge.lowest_kept(merge.MERGE_THRESHOLD, None)
    floored = analyze_text(nlp, TEXT)["quotes"]
    pipe.decode_from(None)
    try:
        assert analyze_text(nlp, TEXT)["quotes"] == floored
    finally:
        pipe.decode_from(merge.lowest_kept(merge.MERGE_THRESHOLD, None))


def test_a_joined_act_of_saying_may_split_the_rule_quote_its_first_act_replaces(nlp: Any) -> None:
    """Below ``MERGE_REPLACE`` a learned attribution may not split a rule quote, unless its cue is joined to
    the cue of a kept attribution that replaces that quote ("told ... that X had ... and warned that ...")."""
    from presslens.extract.quotes.merge import MERGE_REPLACE, MERGE_THRESHOLD, kept_attributions

    text = ("Union leader Marta Quiroga told reporters that the harbour board had ignored every offer and warned "
            "that the strike could last for weeks.")
    doc = nlp(text)
    start = text.index("the harbour board")
    rule = {"content": {"start": start, "end": len(text) - 1, "text": text[start:-1]}}

    def attr(cue: str, content: str, score: float) -> dict[str, Any]:
        return {**learned(doc, cue, content, score), "confident": True}

    told = attr("told", "that the harbour board had ignored every offer", 0.99)
    warned = attr("warned", "that the strike could last for weeks", MERGE_REPLACE - 0.1)
    kept = kept_attributions([told, warned], [rule], MERGE_THRESHOLD, None, MERGE_REPLACE, doc)  # type: ignore[list-item]
    assert [a["cue"]["text"] for a in kept] == ["told", "warned"]
    alone = kept_attributions([warned], [rule], MERGE_THRESHOLD, None, MERGE_REPLACE, doc)  # type: ignore[list-item]
    assert alone == []  # nothing replaces the rule quote: the doubtful split is not kept


def test_a_learned_content_that_opens_a_quotation_keeps_its_closing_mark(nlp: Any) -> None:
    """A content cut before "and warned ..." ends after the closing mark of the quotation it opened, as a rule
    quote does, and is mixed; a content that stops inside the quotation's words is left as it ends."""
    from presslens.extract.quotes import merge
    from presslens.extract.quotes.clauses import Context

    text = 'Quiroga told reporters that the board had "ignored every reasonable offer" and warned that talks were over.'
    ctx = Context(nlp(text))
    start, end = text.index("that the board"), text.index('offer"') + len("offer")
    s, e, kind, fragments = merge.snapped(ctx, start, end)
    assert text[s:e] == 'that the board had "ignored every reasonable offer"' and kind == "mixed"
    assert [text[a:b] for a, b in fragments] == ["ignored every reasonable offer"]
    s, e, _, _ = merge.snapped(ctx, start, text.index("reasonable") - 1)
    assert text[s:e] == 'that the board had "ignored every'


def test_a_clause_both_read_takes_the_models_boundaries_without_its_complementizer(nlp: Any) -> None:
    """Where the rules and the model read the same indirect quote from the same cue, the content is the
    model's (PolNeAR dev exact 0.614 -> 0.627), without the leading "that" the rules leave out as well; a
    model content that holds its own cue never replaces the rules' boundaries."""
    from presslens.extract.quotes.clauses import Context
    from presslens.extract.quotes.merge import merge_quotes, without_complementizer

    text = "The mayor said that, if elected, she would close the port, which angered the union."
    ctx = Context(nlp(text))
    part = {"start": text.index("that,"), "end": text.index(", which"), "text": ""}
    cut = without_complementizer(ctx, part)
    assert text[cut["start"] : cut["end"]] == "if elected, she would close the port"
    plain = {"start": text.index("she"), "end": text.index(", which"), "text": ""}
    assert without_complementizer(ctx, plain) == plain  # no complementizer: as it is

    def merged_with(content: str) -> dict[str, Any]:
        doc = rules_doc(nlp, text)
        (rule,) = [q for q in doc._.pl_quotes if q["cue"]["text"] == "said"]
        doc._.pl_attributions = [learned(doc, "said", content, 0.95)]
        (q,) = [q for q in merge_quotes(doc) if q["cue"] and q["cue"]["text"] == "said"]
        assert spans_exact(text, q)
        return {"rule": rule["content"]["text"], "merged": q["content"]["text"], "path": q["path"]}

    text = "The mayor said that she would close the port to all ferries from Monday."
    got = merged_with("that she would close the port to all ferries")
    assert got["rule"] == "she would close the port to all ferries from Monday"
    assert got["path"] == "both" and got["merged"] == "she would close the port to all ferries"
    held = merged_with("The mayor said that she would close the port to all ferries")
    assert held["merged"] == held["rule"]


def rules_doc(nlp: Any, text: str) -> Any:
    """A Doc through the pipeline up to the rules (``presslens_quotes``), their context kept for the merge."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "presslens_quotes":
            break
    return doc
