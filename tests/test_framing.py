"""extract/framing/framing.py, lexicon.py and hits.py: loaded wording by voice, referents, the per-article summary (issue 5)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import spacy
from spacy.matcher import Matcher

from conftest import SEED_DIR, analyze_text
from presslens.extract.framing.framing import CATEGORY_ORDER, find_framing, framing_summary
from presslens.extract.framing.lexicon import load_general, load_lexicon, regime_owners
from presslens.pipeline.extensions import register_extensions

STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def fold(text: str) -> str:
    """Fold curly quotes to straight ones, keeping every offset (gold.json's comparison, minus white space)."""
    return text.translate(STRAIGHT)

STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "their"}


# -- the data files ------------------------------------------------------------------------------------
def test_lexicon_entries_are_complete_and_patterns_valid() -> None:
    lex = load_lexicon()
    assert set(lex["categories"]) <= set(CATEGORY_ORDER)
    matcher = Matcher(spacy.blank("en").vocab)
    for e in lex["entries"]:
        assert e["category"] in lex["categories"], e["id"]
        assert e.get("framing") and e.get("neutral") and e.get("side"), e["id"]
        for t in e.get("terms", []):
            assert t == t.strip() and "  " not in t, (e["id"], t)
        for p in e.get("patterns", []):
            matcher.add(e["id"], [p])
    for name, info in lex["capital_metonyms"]["names"].items():
        assert name == name.lower() and info["refers_to"] and info["category"] in lex["categories"]


def test_regime_owners_name_countries() -> None:
    table = load_lexicon()["regime_owners"]
    owners = regime_owners(table)
    assert owners["israeli"] == "Israel" and owners["north korean"] == "North Korea" and owners["assad"] == "Syria"
    assert set(owners) == set(table["nationalities"]) | set(table["names"])
    assert not set(table["nationalities"]) & set(table["names"])


def test_lexicon_covers_several_sides() -> None:
    terms = {t.lower() for e in load_lexicon()["entries"] for t in e.get("terms", [])}
    for t in ("zionist regime", "terrorists", "militants", "resistance fighters", "martyrs", "occupied territories",
              "bloody", "heroic", "usurping", "thugs", "special military operation", "full-scale invasion",
              "judea and samaria", "taiwan province", "illegal aliens", "undocumented immigrants", "orcs",
              "kiev regime", "great satan", "axis of evil", "death tax", "human shields"):
        assert t in terms, t


def test_general_layer_lists() -> None:
    g = load_general()
    for key in ("intensifiers", "emotive_adjectives", "actor_nouns", "superlatives", "exaggeration", "minimisation"):
        assert g[key] and all(isinstance(w, str) and w == w.strip() for w in g[key]), key
    assert g["evaluative_adjectives"]["negative"] and g["evaluative_adjectives"]["positive"]


# -- logic on hand-built Docs ---------------------------------------------------------------------------
def _doc(text: str, quotes: list[dict[str, Any]] | None = None) -> Any:
    register_extensions()
    doc = spacy.blank("en")(text)
    doc._.pl_quotes = quotes or []
    doc._.pl_entities = [{"id": "E1", "name": "Israel", "label": "GPE", "mentions": [], "titles": [], "country": "IL"}]
    return doc


def test_voice_split_and_referent_on_plain_doc() -> None:
    text = 'The Zionist regime struck. "The occupying regime will fall," he said.'
    qs = text.index("The occupying")
    quote = {"id": "Q1", "kind": "direct", "speaker": {"entity": "E9", "text": "he"},
             "content": {"start": qs, "end": text.index(',"') + 1}}
    spans = find_framing(_doc(text, [quote]))
    by_text = {f["text"]: f for f in spans if f["category"] != "technique"}
    assert by_text["Zionist regime"]["voice"] == "narrator" and by_text["Zionist regime"]["speaker"] is None
    assert by_text["occupying regime"]["voice"] == "quoted" and by_text["occupying regime"]["speaker"] == "E9"
    assert by_text["Zionist regime"]["refers_to"] == "E1" and by_text["occupying regime"]["refers_to"] == "E1"
    for f in spans:
        assert text[f["start"]:f["end"]] == f["text"]
        assert f["rule"] and f["voice"] in ("narrator", "quoted", "reported")


def test_neutral_report_has_no_loaded_spans() -> None:
    doc = _doc("The council approved a new tax regime on Monday. Police said the march was peaceful.")
    assert [f for f in find_framing(doc) if f["category"] != "technique"] == []


def test_summary_counts_by_voice_and_category() -> None:
    framing = [
        {"start": 0, "end": 3, "category": "pejorative label", "voice": "narrator", "technique": "Name_Calling,Labeling"},
        {"start": 5, "end": 8, "category": "honorific", "voice": "quoted", "technique": "Loaded_Language"},
        {"start": 9, "end": 12, "category": "technique", "voice": "narrator", "technique": "Doubt"},
    ]
    doc = _doc("one two three four five six seven eight nine ten")
    s = framing_summary(doc, framing)
    assert s["body_words"] == 10
    assert s["loaded"] == {"narrator": 1, "quoted": 1, "reported": 0, "total": 2}
    assert s["per_1000_words"]["narrator"]["pejorative label"] == 100.0
    assert s["narrator_share"] == 0.5 and s["techniques"]["Doubt"] == 1


# -- the real pipeline ------------------------------------------------------------------------------------
@pytest.mark.model
def test_parse_grows_hits_to_phrases_and_checks_actors(nlp: Any) -> None:
    rec = analyze_text(nlp, "Israel launched a bloody bombing campaign on Gaza. The corrupt minister resigned. "
                            "The weather was cruel and the new tax regime is strict.")
    texts = {f["text"]: f for f in rec["framing"]}
    assert "a bloody bombing campaign" in texts
    assert texts["The corrupt minister"]["category"] == "evaluative"
    assert not any("regime" in t for t in texts), texts


@pytest.mark.model
def test_inflections_match_by_lemma(nlp: Any) -> None:
    """'massacring' is in no term list: only the LEMMA matcher finds it (massacre)."""
    rec = analyze_text(nlp, "Troops were massacring villagers near the border. The settlers stole their lands.")
    rules = {f["text"]: f["rule"] for f in rec["framing"]}
    assert rules.get("massacring") == "loaded_terms:loaded-violence", rules
    assert rules.get("stole their lands") == "loaded_terms:steal-land", rules


@pytest.mark.model
def test_several_sides_and_metonyms(nlp: Any) -> None:
    rec = analyze_text(nlp, "Moscow announced the end of its special military operation. Kyiv said the Russian "
                            "invasion had failed. Beijing called the island a Taiwan province. Tel Aviv rejected the plan.")
    cats = {f["text"]: f["category"] for f in rec["framing"]}
    assert cats.get("special military operation") == "euphemism", cats
    assert cats.get("the Russian invasion") == "contested name" or cats.get("Russian invasion") == "contested name", cats
    assert cats.get("Tel Aviv") == "contested name" and cats.get("Moscow") == "metonym", cats
    assert rec["framing_summary"]["body_words"] > 20


def _spans_for(text: str, phrase: str, framing: list[dict[str, Any]], voice: str) -> list[dict[str, Any]]:
    """Found spans with ``voice`` overlapping the core words of any occurrence of the gold phrase."""
    ftext, fphrase = fold(text), fold(phrase)
    hits = []
    for m in re.finditer(re.escape(fphrase), ftext):
        cores = [(m.start() + w.start(), m.start() + w.end()) for w in re.finditer(r"[\w-]+", fphrase)
                 if w.group().lower() not in STOP]
        hits += [f for f in framing if f["voice"] == voice and f["category"] != "technique"
                 and any(f["start"] < e and s < f["end"] for s, e in cores)]
    return hits


def _seed_scores(text: str, framing: list[dict[str, Any]], gold: dict[str, Any]) -> tuple[list[str], list[str]]:
    g = gold["framing"]
    narr = [p for p in g["narrator_required"] if _spans_for(text, p, framing, "narrator")]
    quoted = [p for p in g["quoted_required"] if _spans_for(text, p, framing, "quoted")]
    return narr, quoted


@pytest.mark.model
@pytest.mark.shared
def test_seed_with_gold_quotes(nlp: Any, seed_gold: dict[str, Any]) -> None:
    """The voice split on the seed with gold's own quotes (so it does not hang on the quotes extractor)."""
    from presslens.pipeline import make_doc
    from presslens.readers import read_inputs

    raw = next(iter(read_inputs([str(SEED_DIR / "article.txt")])))
    doc, _ = make_doc(nlp, raw)
    doc = nlp(doc)
    text = doc.text
    quotes = []
    for i, q in enumerate(seed_gold["quotes"]["required"]):
        start = fold(text).find(fold(q["content"]))
        assert start >= 0, q["content"]
        end = start + len(fold(q["content"]))
        if q.get("prefix"):
            close = min(k for k in (text.find("”", end), text.find('"', end), len(text)) if k >= 0)
            end = close
        quotes.append({"id": f"G{i}", "kind": q["kind"], "speaker": {"entity": q["speaker"], "text": q["speaker"]},
                       "content": {"start": start, "end": end}})
    doc._.pl_quotes = quotes
    framing = find_framing(doc, nlp.get_pipe("presslens_framing").rules)
    narr, quoted = _seed_scores(text, framing, seed_gold)
    assert len(narr) >= 5, narr
    assert len(quoted) >= 4, quoted
    assert _spans_for(text, "Zionist enemy", framing, "reported"), "the mixed quote's paraphrase is reported"


@pytest.mark.model
@pytest.mark.shared
def test_seed_acceptance(seed_record: dict[str, Any], seed_gold: dict[str, Any]) -> None:
    text, framing = seed_record["article"]["text"], seed_record["framing"]
    narr, quoted = _seed_scores(text, framing, seed_gold)
    assert len(narr) >= 5, (narr, seed_gold["framing"]["narrator_required"])
    if not seed_record["quotes"]:
        pytest.skip("the quotes extractor finds no quotes yet: quoted voice is tested with gold quotes above")
    assert len(quoted) >= 4, (quoted, seed_gold["framing"]["quoted_required"])


@pytest.mark.model
@pytest.mark.shared
def test_seed_referents(seed_record: dict[str, Any], seed_gold: dict[str, Any]) -> None:
    text, framing = seed_record["article"]["text"], seed_record["framing"]
    names = {e["id"]: e["name"] for e in seed_record["entities"]}
    for ref in seed_gold["framing"]["referents"]:
        spans = _spans_for(text, ref["text"], framing, "narrator")
        assert spans, ref
        assert any(names.get(f["refers_to"] or "") == ref["refers_to"] for f in spans), (ref, spans)
    summary = seed_record["framing_summary"]
    assert summary["per_1000_words"]["narrator"].get("pejorative label", 0) > 0
    assert 0 < summary["narrator_share"] < 1


@pytest.mark.model
@pytest.mark.shared
def test_seed_record_valid_with_framing(seed_record: dict[str, Any]) -> None:
    from presslens.record import check_offsets, validate

    validate(seed_record)
    assert check_offsets(seed_record) == []
    assert seed_record["framing"] and all(f["voice"] in ("narrator", "quoted", "reported") for f in seed_record["framing"])
    quoted = [f for f in seed_record["framing"] if f["voice"] == "quoted"]
    assert all(f["speaker"] is None or f["speaker"].startswith("E") for f in quoted)
