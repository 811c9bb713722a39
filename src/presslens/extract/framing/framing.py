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
  categoriser trained with ``presslens train framing`` (config ``model_path`` or $PRESSLENS_FRAMING_MODEL).
- ``doc._.pl_framing_summary``: loaded spans per 1,000 body words by voice and category, narrator's share.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ...errors import PresslensError
from ...record.types import BODY_KINDS
from ..common import AGENT_LABELS, NAMED_BLOCKS, block_ranges, doc_text, entity_index, fold_name, kind_at
from ..entities.gazetteer import country_names, gazetteer
from .techniques import TechniqueRules, repetitions, scare_quotes, shouting
from .voice import VoiceIndex, find_voice

ENV_MODEL = "PRESSLENS_FRAMING_MODEL"
# strongest first: a merged span takes the first category any of its hits has
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
PHRASE_MODS = frozenset({"det", "amod", "compound", "nmod", "nummod", "advmod", "npadvmod", "quantmod", "cc", "conj", "punct"})
MAX_PHRASE = 8
Hit = dict[str, Any]


def _data(name: str) -> dict[str, Any]:
    return dict(json.loads(resources.files("presslens").joinpath(f"data/{name}").read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """``loaded_terms.json``, checked: ids unique, categories known, each entry has terms or patterns."""
    lex = _data("loaded_terms.json")
    ids: set[str] = set()
    for e in lex["entries"]:
        if e["id"] in ids or e["category"] not in lex["categories"] or not (e.get("terms") or e.get("patterns")):
            raise PresslensError("PL092", path="data/loaded_terms.json", reason=f"bad entry {e.get('id')!r}")
        ids.add(e["id"])
    return lex


@lru_cache(maxsize=1)
def load_general() -> dict[str, Any]:
    return _data("general_loaded.json")


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
                 lemma_docs: Callable[[Sequence[str]], list[Doc]] | None = None) -> None:
        self.vocab = vocab
        self.lex = load_lexicon()
        self.gen = load_general()
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
        self.techniques = TechniqueRules(vocab, self.lower, self.matcher, make_docs)
        self.model: Any = None

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


def _pattern_makers(nlp: Language) -> tuple[Callable[[Sequence[str]], list[Doc]], Callable[[Sequence[str]], list[Doc]] | None]:
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


# -- from a match to a phrase ---------------------------------------------------------------------------
def _phrase(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Grow a hit to its noun phrase: an adjective to the noun it modifies, a noun to its left modifiers."""
    span = doc[start:end]
    if not doc.has_annotation("DEP"):
        return start, end
    root = span.root
    sent = root.sent
    head = root
    while head.dep_ == "conj" and head.head.i < head.i and head.head.dep_ in ("amod", "compound"):
        head = head.head
    if head.dep_ in ("amod", "compound", "nmod") and head.head.pos_ in ("NOUN", "PROPN") and end <= head.head.i < end + 4:
        end, root = head.head.i + 1, head.head
    if root.pos_ in ("NOUN", "PROPN") and root.i < end:
        for child in root.lefts:
            if child.dep_ in PHRASE_MODS and child.dep_ not in ("cc", "conj", "punct"):
                start = min(start, child.left_edge.i)
    start = max(start, sent.start)
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if end - start > MAX_PHRASE:
        return span.start, span.end
    return start, end


def _is_actor(tok: Token, rules: FramingRules) -> bool:
    if tok.ent_type_ in AGENT_LABELS or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "we", "i", "you", "him", "her", "them", "us")
    return tok.lower_ in rules.actor_nouns


def _evaluates_actor(tok: Token, rules: FramingRules) -> bool:
    """An evaluative adjective counts when it describes an actor (modifier, or predicate of its subject)."""
    if tok.ent_type_:
        return False  # part of a name: Great Britain, the Noble Sanctuary
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ == "amod":
        return _is_actor(t.head, rules)
    if t.dep_ in ("acomp", "attr", "oprd"):
        return any(c.dep_ in ("nsubj", "nsubjpass") and _is_actor(c, rules) for c in t.head.children)
    return False


def _superlative(doc: Doc, i: int, rules: FramingRules) -> bool:
    tok = doc[i]
    if tok.tag_ not in ("JJS", "RBS") or tok.lower_ in ("most", "least", "latest", "last", "earliest", "best", "next"):
        return False
    window = doc[i + 1 : min(len(doc), i + 5)]
    return any(t.lower_ in rules.boosters for t in window)


def _entry_allows(doc: Doc, entry: dict[str, Any], start: int, end: int) -> bool:
    span = doc[start:end]
    root = span.root
    if entry.get("pos") and len(span) == 1 and root.pos_ not in entry["pos"]:
        return False
    nxt = doc[end].lower_ if end < len(doc) else ""
    if nxt in set(entry.get("unless_next") or ()):
        return False
    prev = doc[start - 1].lower_ if start > 0 else ""
    if prev in set(entry.get("unless_prev") or ()):
        return False
    unless = set(entry.get("unless_modifier") or ())
    if unless and any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in unless for c in root.lefts):
        return False
    if entry.get("unless_modifier") and root.dep_ == "compound":
        return False  # "regime" modifying another noun: regime change, regime officials
    return True


def _government_use(tok: Token, rules: FramingRules) -> bool:
    """A capital standing for its government: subject of a government verb, agent of a passive, owner of a decision."""
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in rules.gov_verbs:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
        return True
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in rules.gov_nouns:
        return True
    return tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in rules.gov_nouns


def _hits(doc: Doc, rules: FramingRules) -> tuple[list[Hit], list[Hit]]:
    """Lexicon and general-layer hits (with their phrase) and technique cue hits, in token offsets."""
    hits: list[Hit] = []
    tech: list[Hit] = []
    for key, start, end in rules.matches(doc):
        kind, _, name = key.partition("|")
        if kind == "L":
            entry = rules.entries[name]
            if not _entry_allows(doc, entry, start, end):
                continue
            hits.append({"s": start, "e": end, "category": entry["category"], "rule": f"loaded_terms:{name}",
                         "entry": entry, "lexicon": "loaded_terms"})
        elif kind == "M":
            span = doc[start:end]
            if _government_use(span.root, rules):
                info = rules.metonyms[name]
                hits.append({"s": start, "e": end, "category": info["category"], "rule": f"loaded_terms:metonym:{name}",
                             "entry": {"id": f"metonym:{name}", **info}, "lexicon": "loaded_terms", "grow": False})
        elif kind == "G":
            if all(t.ent_type_ for t in doc[start:end]):
                continue  # inside a name: The Greatest Gift, Cruel and Tender
            if name == "evaluative" and not (end - start == 1 and _evaluates_actor(doc[start], rules)):
                continue
            category = {"emotive": "loaded term", "minimisation": "euphemism"}.get(name, name)
            technique = "Exaggeration,Minimisation" if name in ("superlative", "minimisation") else "Loaded_Language"
            hits.append({"s": start, "e": end, "category": category, "rule": f"general_loaded:{name}:{doc[start:end].text.lower()}",
                         "entry": {"technique": technique}, "lexicon": "general_loaded", "grow": name != "intensifier"})
        elif TechniqueRules.owns(key):
            tech.append(TechniqueRules.hit(doc, key, start, end))
    for i, tok in enumerate(doc):
        if tok.tag_ in ("JJS", "RBS") and _superlative(doc, i, rules):
            hits.append({"s": i, "e": i + 1, "category": "superlative", "rule": f"general_loaded:superlative-ever:{tok.lower_}",
                         "entry": {"technique": "Exaggeration,Minimisation"}, "lexicon": "general_loaded"})
    return hits, tech


# -- referents ------------------------------------------------------------------------------------------
def _refers_to(doc: Doc, hint: str | None, start: int, end: int, rules: FramingRules) -> str | None:
    """The name an epithet stands for: the lexicon's hint, or the nationality word inside the phrase."""
    if not hint:
        return None
    if hint != "@demonym":
        return hint
    for tok in doc[start:end]:
        name = rules.demonyms.get(tok.lower_) or rules.demonyms.get(tok.lemma_.lower())
        if name:
            return name
    return None


# -- the extractor --------------------------------------------------------------------------------------
def _ranges(doc: Doc, kinds: frozenset[str]) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in block_ranges(doc, kinds)]


def _merge(doc: Doc, hits: list[Hit]) -> list[list[Hit]]:
    for h in hits:
        h["ps"], h["pe"] = _phrase(doc, h["s"], h["e"]) if h.get("grow", True) else (h["s"], h["e"])
    groups: list[list[Hit]] = []
    end = -1
    for h in sorted(hits, key=lambda h: (h["ps"], -h["pe"])):
        if groups and h["ps"] < end:
            groups[-1].append(h)
            end = max(end, h["pe"])
        else:
            groups.append([h])
            end = h["pe"]
    return groups


def _dedupe(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One span per technique where cues of the same technique overlap (the longest wins)."""
    kept: list[dict[str, Any]] = []
    for t in sorted(spans, key=lambda t: (t["start"], -(t["end"] - t["start"]))):
        if any(k["technique"] == t["technique"] and k["start"] < t["end"] and t["start"] < k["end"] for k in kept):
            continue
        kept.append(t)
    return kept


def find_framing(doc: Doc, rules: FramingRules | None = None) -> list[dict[str, Any]]:
    """Loaded wording, referents and techniques of a processed Doc, each with its voice and speaker."""
    rules = rules or default_rules(doc)
    text = doc_text(doc)
    block_of = kind_at(doc)
    voices = VoiceIndex(find_voice(doc))
    ent_index = entity_index(doc).names
    hits, tech = _hits(doc, rules)
    out: list[dict[str, Any]] = []

    def place(item: dict[str, Any]) -> dict[str, Any] | None:
        block = block_of(item["start"])
        if block not in NAMED_BLOCKS:
            return None
        seg = voices.at(item["start"], item["end"])
        item.update(text=text[item["start"]:item["end"]], voice=seg["voice"],
                    speaker=seg["speaker"] if seg["voice"] != "narrator" else None, block=block)
        if seg["voice"] != "narrator":
            item["speaker_text"] = seg["speaker_text"]
        return item

    loaded: list[dict[str, Any]] = []
    for group in _merge(doc, hits):
        group.sort(key=lambda h: CATEGORY_ORDER.index(h["category"]))
        top = group[0]
        ps, pe = min(h["ps"] for h in group), max(h["pe"] for h in group)
        span: Span = doc[ps:pe]
        entry = top["entry"]
        hint = next((_refers_to(doc, h["entry"].get("refers_to"), h["s"], h["e"], rules) for h in group
                     if h["entry"].get("refers_to")), None)
        item: dict[str, Any] = {
            "start": span.start_char, "end": span.end_char, "category": top["category"],
            "refers_to": ent_index.get(fold_name(hint)) if hint else None,
            "technique": entry.get("technique", DEFAULT_TECHNIQUE.get(top["category"])),
            "rule": top["rule"], "lexicon": top["lexicon"],
        }
        if len(group) > 1:
            item["rules"] = list(dict.fromkeys(h["rule"] for h in group))
        for field in ("neutral", "framing", "side"):
            if entry.get(field):
                item[field] = entry[field]
        if hint:
            item["refers_to_name"] = hint
        item["_key"] = " ".join(t.lemma_.lower() for t in doc[top["s"]:top["e"]])
        if place(item):
            loaded.append(item)
    out.extend(loaded)
    rep = repetitions([i for i in loaded if i["category"] not in NOT_LOADED], key=lambda i: str(i["_key"]))
    quoted = [(q["content"]["start"], q["content"]["end"]) for q in doc._.pl_quotes or [] if q.get("content")]
    framed = _ranges(doc, NAMED_BLOCKS)
    for t in _dedupe([*tech, *rep, *scare_quotes(text, framed, quoted), *shouting(doc, framed)]):
        item = {"start": t["start"], "end": t["end"], "category": "technique", "refers_to": None,
                "technique": t["technique"], "rule": t["rule"], "lexicon": "techniques"}
        if place(item):
            out.append(item)
    if rules.model is not None:
        from ...train.framing import predict_spans

        for s, e, label, score in predict_spans(rules.model, doc):
            item = {"start": s, "end": e, "category": "technique", "refers_to": None, "technique": label,
                    "rule": "model:spancat", "lexicon": "model", "score": round(score, 3)}
            if place(item):
                out.append(item)
    for item in out:
        item.pop("_key", None)
    out.sort(key=lambda i: (i["start"], i["end"], i["category"]))
    return out


def framing_summary(doc: Doc, framing: Sequence[dict[str, Any]]) -> dict[str, Any]:
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
        if f.get("technique"):
            techniques[f["technique"]] = techniques.get(f["technique"], 0) + 1
        if f["category"] in NOT_LOADED:
            continue
        by_cat = counts[f["voice"]]
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


_DEFAULT: dict[int, FramingRules] = {}


def default_rules(doc: Doc) -> FramingRules:
    """Rules for a Doc outside the pipeline (tests): built once per vocab, LOWER matching only."""
    vocab = doc.vocab
    if id(vocab) not in _DEFAULT:
        from spacy.lang.en import English

        tokenizer = English(vocab=vocab).tokenizer
        _DEFAULT[id(vocab)] = FramingRules(vocab, lambda texts: list(tokenizer.pipe(texts)))  # type: ignore[union-attr]
    return _DEFAULT[id(vocab)]
