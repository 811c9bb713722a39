"""How the story is told: loaded wording split by voice, referents, persuasion techniques, a summary.

- Loaded and contested wording from two documented lexicons (``data/loaded_terms.json``: conflict and
  partisan vocabularies of several sides; ``data/general_loaded.json``: intensifiers, emotive words,
  superlatives and evaluative adjectives on actors), matched multi-word and inflection-aware with spaCy's
  PhraseMatcher (LOWER and LEMMA) and Matcher, all built once per pipeline in the factory.
- Each hit grows to its noun phrase (``bloody`` -> ``bloody bombing campaign``); overlapping hits merge into
  one span whose category is the strongest of theirs (``CATEGORY_ORDER``).
- Voice and speaker from ``voice.py`` (built on ``doc._.pl_quotes``); ``refers_to`` resolves epithets and
  metonyms (``the occupying regime``, ``the Israeli regime``, ``Tel Aviv`` as a government) to an entity.
- Persuasion techniques (SemEval-2020 Task 11) by rules (``techniques.py``), and optionally by a span
  categoriser trained with ``presslens train framing`` (``model.py``; the component's config ``model_path``).
- The lexicons and their matchers are ``lexicon.FramingRules``; from a match to a span is ``hits.py``.
- ``doc._.pl_framing_summary``: loaded spans per 1,000 body words by voice and category, narrator's share.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ...record.types import BODY_KINDS, Framing, FramingSummary
from ..common import NAMED_BLOCKS, block_ranges, doc_text, entity_index, fold_name, kind_at
from .hits import Hit, dedupe, find_hits, merge_hits, refers_to_name
from .lexicon import FramingRules, default_rules
from .model import predict_spans
from .techniques import repetitions, scare_quotes, shouting
from .voice import VoiceIndex, find_voice

CATEGORY_ORDER: tuple[str, ...] = (
    "dehumanising term", "pejorative label", "euphemism", "contested name", "honorific", "loaded verb",
    "loaded term", "intensifier", "evaluative", "superlative", "contested label", "metonym", "technique",
)
NOT_LOADED = frozenset({"metonym", "technique"})
DEFAULT_TECHNIQUE: dict[str, str | None] = {
    "dehumanising term": "Name_Calling,Labeling", "pejorative label": "Name_Calling,Labeling",
    "honorific": "Loaded_Language", "euphemism": "Exaggeration,Minimisation", "contested name": None,
    "contested label": None, "loaded verb": "Loaded_Language", "loaded term": "Loaded_Language",
    "intensifier": "Loaded_Language", "evaluative": "Loaded_Language", "superlative": "Exaggeration,Minimisation",
    "metonym": None,
}


def _ranges(doc: Doc, kinds: frozenset[str]) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in block_ranges(doc, kinds)]


def find_framing(doc: Doc, rules: FramingRules | None = None) -> list[Framing]:
    """Loaded wording, referents and techniques of a processed Doc, each with its voice and speaker."""
    rules = rules or default_rules(doc)
    text = doc_text(doc)
    block_of = kind_at(doc)
    voices = VoiceIndex(find_voice(doc))

    def place(item: Framing) -> bool:
        """Give a span its text, block and voice; False when it lies outside the framed blocks."""
        block = block_of(item["start"])
        if block not in NAMED_BLOCKS:
            return False
        seg = voices.at(item["start"], item["end"])
        item["text"] = text[item["start"]:item["end"]]
        item["voice"] = seg["voice"]
        item["speaker"] = seg["speaker"] if seg["voice"] != "narrator" else None
        item["block"] = block
        if seg["voice"] != "narrator":
            item["speaker_text"] = seg["speaker_text"]
        return True

    hits, tech = find_hits(doc, rules)
    keys: dict[int, str] = {}  # id(span) -> the lemmas of the hit: what repeats
    out = [item for item in _loaded(doc, rules, hits, keys) if place(item)]
    rep = repetitions([i for i in out if i["category"] not in NOT_LOADED], key=lambda i: keys[id(i)])
    quoted = [(q["content"]["start"], q["content"]["end"]) for q in doc._.pl_quotes or [] if q.get("content")]
    framed = _ranges(doc, NAMED_BLOCKS)
    for t in dedupe([*tech, *rep, *scare_quotes(text, framed, quoted), *shouting(doc, framed)]):
        item: Framing = {"start": t["start"], "end": t["end"], "category": "technique", "refers_to": None,
                         "technique": t["technique"], "rule": t["rule"], "lexicon": "techniques"}
        if place(item):
            out.append(item)
    if rules.model is not None:
        for s, e, label, score in predict_spans(rules.model, doc):
            item = {"start": s, "end": e, "category": "technique", "refers_to": None, "technique": label,
                    "rule": "model:spancat", "lexicon": "model", "score": round(score, 3)}
            if place(item):
                out.append(item)
    out.sort(key=lambda i: (i["start"], i["end"], i["category"]))
    return out


def _loaded(doc: Doc, rules: FramingRules, hits: list[Hit], keys: dict[int, str]) -> list[Framing]:
    """One span per group of overlapping hits: the strongest category, its technique, its referent."""
    ent_index = entity_index(doc).names
    out: list[Framing] = []
    for group in merge_hits(doc, hits):
        group.sort(key=lambda h: CATEGORY_ORDER.index(h["category"]))
        top = group[0]
        ps, pe = min(h["ps"] for h in group), max(h["pe"] for h in group)
        span: Span = doc[ps:pe]
        entry = top["entry"]
        hint = next((refers_to_name(doc, h["entry"].get("refers_to"), h["s"], h["e"], rules) for h in group
                     if h["entry"].get("refers_to")), None)
        item: Framing = {
            "start": span.start_char, "end": span.end_char, "category": top["category"],
            "refers_to": ent_index.get(fold_name(hint)) if hint else None,
            "technique": entry.get("technique", DEFAULT_TECHNIQUE.get(top["category"])),
            "rule": top["rule"], "lexicon": top["lexicon"],
        }
        if len(group) > 1:
            item["rules"] = list(dict.fromkeys(h["rule"] for h in group))
        for field in ("neutral", "framing", "side"):
            if entry.get(field):
                item[field] = entry[field]  # type: ignore[literal-required]
        if hint:
            item["refers_to_name"] = hint
        keys[id(item)] = " ".join(t.lemma_.lower() for t in doc[top["s"]:top["e"]])
        out.append(item)
    return out


def framing_summary(doc: Doc, framing: Sequence[Framing]) -> FramingSummary:
    """Loaded spans per 1,000 body words, by voice and category; the narrator's share of them."""
    body = _ranges(doc, BODY_KINDS)
    starts = [b[0] for b in body]

    def in_body(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and body[i][0] <= pos < body[i][1]

    words = sum(1 for t in doc if not (t.is_punct or t.is_space) and in_body(t.idx))
    counts: dict[str, dict[str, int]] = {"narrator": {}, "quoted": {}, "reported": {}}
    techniques: dict[str, int] = {}
    for f in framing:
        if not in_body(f["start"]):
            continue
        technique = f.get("technique")
        if technique:
            techniques[technique] = techniques.get(technique, 0) + 1
        if f["category"] in NOT_LOADED:
            continue
        by_cat = counts[str(f.get("voice"))]
        by_cat[f["category"]] = by_cat.get(f["category"], 0) + 1
    totals = {v: sum(c.values()) for v, c in counts.items()}
    total = sum(totals.values())
    per_1000 = {v: {**{k: round(n * 1000 / words, 2) for k, n in sorted(c.items())},
                    "all": round(totals[v] * 1000 / words, 2)} if words else {"all": 0.0}
                for v, c in counts.items()}
    return {"body_words": words, "loaded": {**totals, "total": total}, "per_1000_words": per_1000,
            "counts": {v: dict(sorted(c.items())) for v, c in counts.items()},
            "narrator_share": round(totals["narrator"] / total, 3) if total else None,
            "techniques": dict(sorted(techniques.items()))}
