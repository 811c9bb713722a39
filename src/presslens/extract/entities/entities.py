"""Entities with canonical names: spaCy NER, then within-article clustering, label repair, titles, countries.

Pure functions over a processed Doc (no re-parsing); the registered component only stores the result.

- mentions (extract/mentions.py): NER spans trimmed, role/name splits, curated places, acronyms;
- people: full names cluster by surname and compatible first name; a lone surname joins the one full name
  it ends (the nearest earlier one when several do); a lone name a small edit away from exactly one
  person's surname is a misspelling of it ("Salmai" -> Salami); a non-PERSON span that is a person's name
  becomes PERSON ("Velayati: ..." tagged ORG);
- other names cluster by a key: the gazetteer's place when it knows one, else the folded text; an acronym
  takes its expansion's key; "Gaza's Health Ministry" is scoped to its place ("Gaza Health Ministry");
  "Gaza" joins "Gaza Strip", "Islamic Republic" joins "Islamic Republic of Iran";
- titles (extract/titles.py), then definite descriptions ("The Islamic Jihad leader", "the ministry") that
  fit exactly one entity's titles or name become its nominal mentions;
- countries and coordinates from the gazetteer (extract/gazetteer.py), demonyms for NORP.

Each mention carries ``kind``: "name" or "nominal". Entities may carry ``aliases``, ``coordinates`` and
``countries`` (every claimant of a contested place; ``country`` is the first).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any, cast

from spacy.tokens import Doc

from ...errors import ErrorInfo, error
from ...record.types import Entity
from ..common import NAME_LABELS, PLACE_LABELS, doc_text
from .clusters import (
    Cluster,
    FullNames,
    Singles,
    adjacent_aliases,
    attach_single,
    cluster_others,
    merge_typos,
    person_clusters,
    places_over_people,
    repair_to_person,
)
from .gazetteer import Gazetteer, gazetteer
from .mentions import Ment, collect, possessor_before
from .names import is_acronym
from .namewords import NameWords, name_words
from .titles import appositive_titles, premodifier_titles

_THE_WORD = re.compile(r"\b[Tt]he\s+([\w-]+)")
NOMINAL_REACH = 600  # characters: 'the minister' refers back to someone named within the last few sentences


def _canonical(c: Cluster) -> str:
    if c.label == "PERSON":
        best = max((m.name_words for m in c.mentions if m.name_words), key=lambda w: (len(w), len(" ".join(w))),
                   default=[c.mentions[0].text])
        return " ".join(best)
    if c.place is not None and (c.place["source"] == "curated" or c.place["kind"] == "country"):
        return c.place["name"]
    names = [m for m in c.mentions if m.kind == "name" and not is_acronym(m.text)] or c.mentions
    scoped = [m for m in names if m.scope]
    if scoped:
        return f"{scoped[0].scope} {scoped[0].text}"
    if c.label == "NORP":
        return Counter(m.text for m in names).most_common(1)[0][0] if len({m.text for m in names}) > 1 else names[0].text
    return max(names, key=lambda m: (len(m.text.split()), len(m.text))).text


def _with_the(doc: Doc, clusters: list[Cluster]) -> dict[int, str]:
    """For each mention id, how its entity is named inside a role ('the IRGC' when written so, 'Hamas')."""
    with_the = {
        m.text
        for c in clusters
        for m in c.mentions
        if m.t0 > 0 and doc[m.t0 - 1].lower_ == "the"
        and not (m.t1 < len(doc) and doc[m.t1].is_lower and doc[m.t1].pos_ == "NOUN")
    }
    return {id(m): f"the {m.text}" if m.text in with_the else m.text for c in clusters for m in c.mentions}


def _add_titles(doc: Doc, people: list[Cluster], mentions: list[Ment], named: dict[int, str], w: NameWords) -> None:
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    persons = [m for c in people for m in c.mentions]

    def name_of(m: Ment) -> str:
        return named.get(id(m), m.text)

    appos = appositive_titles(doc, persons, by_end, by_start, name_of, w)
    for c in people:
        found: list[tuple[int, str]] = []
        for m in c.mentions:
            for t in m.titles + premodifier_titles(doc, m, by_end, name_of, w) + appos.get(id(m), []):
                found.append((m.start, t))
        seen: set[str] = set()
        keys = {w.title_key(t) for _, t in found}
        for _, t in sorted(found, key=lambda x: x[0]):
            key = w.title_key(t)
            if key in seen or any(k.endswith(" " + key) or k.startswith(key + " of ") for k in keys):
                continue
            seen.add(key)
            c.titles.append(t)


def _nominals(doc: Doc, clusters: list[Cluster], mentions: list[Ment], names: dict[int, str], w: NameWords) -> None:
    """'The Islamic Jihad leader', 'the minister', 'the ministry': a mention of the one entity they fit."""
    by_start = {m.t0: m for m in mentions}
    by_char = {m.start for m in mentions}
    taken = {(m.start, m.end) for m in mentions}
    ends = {id(c): sorted(x.end for x in c.mentions) for c in clusters}  # to ask "a mention just before?" by bisection
    cluster_of = {id(x): c for c in reversed(clusters) for x in c.mentions}  # the first cluster holding a mention
    titled: dict[str, list[Cluster]] = {}  # a word of a person's titles -> the people with it, in order
    headed: dict[str, list[Cluster]] = {}  # the last word of an organisation's name -> the organisations
    for c in clusters:
        if c.label == "PERSON":
            for word in dict.fromkeys(x for t in c.titles for x in t.lower().split()):
                titled.setdefault(word, []).append(c)
        elif c.label == "ORG" and names[id(c)].strip():
            headed.setdefault(names[id(c)].lower().split()[-1], []).append(c)

    def near(c: Cluster, start: int) -> bool:  # a mention of ``c`` ends less than NOMINAL_REACH before ``start``
        i = bisect.bisect_left(ends[id(c)], start - NOMINAL_REACH)
        return i < len(ends[id(c)]) and ends[id(c)][i] < start

    for match in _THE_WORD.finditer(doc_text(doc)):
        nxt = match.group(1).lower()
        if match.start(1) not in by_char and nxt not in w.role_nouns and nxt not in w.org_heads:
            continue
        the = doc.char_span(match.start(), match.start() + 3)
        if the is None or the.end >= len(doc):
            continue
        tok = the[0]
        j = tok.i + 1
        org = by_start.get(j)
        if org is not None:
            j = org.t1
        if j >= len(doc):
            continue
        noun = doc[j]
        if not noun.is_lower or (j + 1 < len(doc) and (doc[j + 1].lower_ == "of" or doc[j + 1].pos_ == "PROPN")):
            continue
        start, end = tok.idx, noun.idx + len(noun.text)
        if (start, end) in taken or noun.tag_ in {"NNS", "NNPS"}:
            continue
        word = noun.lower_
        cands: list[Cluster] = []
        if word in w.role_nouns:
            for c in titled.get(word, []):
                if not near(c, start):
                    continue
                fits = [t for t in c.titles if word in t.lower().split()]
                if org is not None:
                    org_c = cluster_of.get(id(org))
                    org_names = {x.text.lower() for x in org_c.mentions} if org_c else {org.text.lower()}
                    fits = [t for t in fits if any(n in t.lower() for n in org_names)]
                if fits:
                    cands.append(c)
        elif word in w.org_heads and org is None:
            cands = [c for c in headed.get(word, []) if near(c, start)]
        if len(cands) == 1:
            m = Ment(start, end, tok.i, j + 1, cands[0].label, doc_text(doc)[start:end], kind="nominal", source="nominal")
            cands[0].mentions.append(m)
            bisect.insort(ends[id(cands[0])], m.end)
            taken.add((start, end))


def _country(c: Cluster, gaz: Gazetteer) -> tuple[str | None, list[str], list[float] | None]:
    if c.label == "NORP":
        for m in c.mentions:
            code = gaz.demonym_country(m.text)
            if code:
                return code, [code], None
        return None, [], None
    if c.label not in PLACE_LABELS:
        return None, [], None
    place = c.place
    if place is None and c.label == "FAC":
        for m in c.mentions:  # 'Baghdad International Airport' -> Baghdad -> IQ
            parts = m.text.split()
            for n in range(len(parts) - 1, 0, -1):
                for i in range(len(parts) - n + 1):
                    sub = gaz.lookup_place(" ".join(parts[i : i + n]))
                    if sub is not None and sub["kind"] in {"city", "country", "admin1", "territory"}:
                        return sub["country"], [sub["country"]], None
    if place is None:
        return None, [], None
    return place["country"], list(place["countries"]), place["coordinates"]


def find_entities(doc: Doc, words: NameWords | None = None, places: Gazetteer | None = None) -> list[Entity]:
    """The article's entities, each with a canonical name, label, mentions, titles and country."""
    w, gaz = words or name_words(), places or gazetteer()
    mentions, defs = collect(doc, w, gaz)
    if not mentions:
        return []
    by_end = {m.end: m for m in mentions}
    scoped_heads = w.gpe_scoped_heads
    for m in mentions:
        if m.label == "ORG":
            owner = possessor_before(doc, m, by_end)
            low = m.text.lower()
            if owner is not None and owner.label in {"GPE", "LOC"} and any(low.endswith(h) for h in scoped_heads):
                m.scope = owner.text
    forced: dict[int, str] = {}
    adjacent_aliases(doc, mentions, forced, gaz)
    people = person_clusters(mentions, w)
    singles = Singles(people, w)
    for m in mentions:
        if m.label == "PERSON" and len(m.name_words) < 2:
            attach_single(m, people, True, w, singles)
    people = merge_typos(people)
    people = places_over_people(people, mentions, forced, w, gaz)
    fulls = FullNames(people)
    for m in mentions:
        if m.label != "PERSON" and id(m) not in forced:
            repair_to_person(m, people, w, gaz, fulls)
    for i, c in enumerate(people):
        for m in c.mentions:
            m.cluster = i
    others = cluster_others([m for m in mentions if m.label != "PERSON"], defs, forced, w, gaz)
    clusters = people + others
    named = _with_the(doc, clusters)
    _add_titles(doc, people, mentions, named, w)
    canon = {id(c): _canonical(c) for c in clusters}
    _nominals(doc, clusters, mentions, canon, w)
    clusters.sort(key=lambda c: c.first)
    return [_entity(f"E{n}", c, gaz) for n, c in enumerate(clusters, 1)]


def _entity(eid: str, c: Cluster, gaz: Gazetteer) -> Entity:
    name = _canonical(c)
    country, countries, coords = _country(c, gaz)
    seen: set[tuple[int, int]] = set()
    mentions: list[dict[str, Any]] = []
    for m in sorted(c.mentions, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        mentions.append({"start": m.start, "end": m.end, "text": m.text, "kind": m.kind})
    aliases = sorted({m.text for m in c.mentions if m.kind == "name" and m.text != name})
    ent: dict[str, Any] = {"id": eid, "name": name, "label": c.label, "mentions": mentions,
                           "titles": list(c.titles), "country": country, "aliases": aliases}
    if coords is not None:
        ent["coordinates"] = list(coords)
    if len(countries) > 1:
        ent["countries"] = countries
    return cast(Entity, ent)


def entities_or_fallback(doc: Doc, words: NameWords | None = None, places: Gazetteer | None = None) -> list[Entity]:
    """:func:`find_entities`, or spaCy's raw spans with a PL060 error on the Doc when it fails; PL061 when
    the gazetteer's GeoNames part is unavailable. Never raises for an article."""
    places = places or gazetteer()
    errors: list[ErrorInfo] = []
    source = ((doc._.pl_article or {}).get("url") or (doc._.pl_article or {}).get("title") or "article")
    try:
        entities = find_entities(doc, words, places)
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop the run
        errors.append(error("PL060", path=source, reason=f"{type(exc).__name__}: {exc}"))
        entities = raw_entities(doc)
    why = places.error()
    if why:
        errors.append(error("PL061", reason=why))
    if errors:
        doc._.pl_errors = list(doc._.pl_errors or []) + errors
    return entities


def raw_entities(doc: Doc) -> list[Entity]:
    """One entity per distinct NER text and label, no clustering: the fallback when canonicalisation fails."""
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        e = by_key.setdefault((ent.text, ent.label_), {
            "id": f"E{len(by_key) + 1}", "name": ent.text, "label": ent.label_, "mentions": [], "titles": [],
            "country": None})
        e["mentions"].append({"start": ent.start_char, "end": ent.end_char, "text": text[ent.start_char:ent.end_char],
                              "kind": "name"})
    return [cast(Entity, e) for e in by_key.values()]
