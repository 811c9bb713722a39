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

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.tokens import Doc

from ...errors import ErrorInfo, error
from ...record.types import Entity
from ..common import NAME_LABELS, PLACE_LABELS, doc_text
from .gazetteer import Place, demonym_country, gazetteer_error, lookup_place, place_key, resolve_place
from .mentions import Ment, acronym_of, collect, possessor_before
from .names import is_acronym, is_typo_of, split_name, surname_key, title_key, word_key, words
from .titles import appositive_titles, premodifier_titles

PLACE_SUFFIXES = ("strip", "city", "province", "region", "district", "governorate", "county", "state", "valley")
NOT_A_PERSON_AGAIN = frozenset({"NORP"})
_THE_WORD = re.compile(r"\b[Tt]he\s+([\w-]+)")
NOMINAL_REACH = 600  # characters: 'the minister' refers back to someone named within the last few sentences


@dataclass
class Cluster:
    mentions: list[Ment] = field(default_factory=list)
    label: str = ""
    surname: str = ""
    key: str = ""
    place: Place | None = None
    titles: list[str] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return any(len(m.name_words) > 1 for m in self.mentions)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _first_compatible(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: same first word, one is the other's initial ('J.' ~ 'John'), or one
    ends the other ('Farina Elia' ~ 'Sylvia Farina Elia')."""
    x, y = a[0].rstrip(".").casefold(), b[0].rstrip(".").casefold()
    if x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) > 1 and [w.casefold() for w in long_[-len(short):]] == [w.casefold() for w in short]


def _person_clusters(mentions: list[Ment]) -> list[Cluster]:
    people: list[Cluster] = []
    for m in mentions:
        if m.label != "PERSON" or len(m.name_words) < 2:
            continue
        key = surname_key(m.name_words)
        for c in people:
            fulls = [x.name_words for x in c.mentions if len(x.name_words) > 1]
            if c.surname == key and any(_first_compatible(f, m.name_words) for f in fulls):
                c.mentions.append(m)
                break
        else:
            people.append(Cluster([m], "PERSON", key))
    return people


def _attach_single(m: Ment, people: list[Cluster], allow_new: bool) -> Cluster | None:
    """Put a one-word person mention into the cluster whose surname (or, failing that, first name) it is.

    When several people share the surname, a title written with the mention decides ('Senator Cruz'),
    else the person mentioned most so far, else the nearest earlier one.
    """
    key = word_key(m.name_words[0] if m.name_words else m.text)
    cands = [c for c in people if c.surname == key and c.full] or [c for c in people if c.surname == key]
    if not cands:
        cands = [c for c in people if c.full and any(
            len(x.name_words) > 1 and word_key(x.name_words[0]) == key for x in c.mentions)]
        cands = cands if len(cands) == 1 else []
    if len(cands) > 1 and m.titles:
        wanted = {title_key(t) for t in m.titles}
        titled = [c for c in cands if wanted & {title_key(t) for x in c.mentions for t in x.titles}]
        cands = titled if len(titled) == 1 else cands
    if len(cands) > 1:
        def rank(c: Cluster) -> tuple[int, int]:
            before = [x.start for x in c.mentions if x.start < m.start]
            return (len(before), max(before, default=-1))

        cands = [max(cands, key=rank)]
    if cands:
        cands[0].mentions.append(m)
        return cands[0]
    if not allow_new:
        return None
    c = Cluster([m], "PERSON", key)
    people.append(c)
    return c


def _merge_typos(people: list[Cluster]) -> list[Cluster]:
    """A one-word-only cluster a small edit from exactly one full name's surname is its misspelling."""
    for c in list(people):
        if c.full or len(c.mentions) > 2:
            continue
        cands = [o for o in people if o is not c and o.full and len(o.mentions) > len(c.mentions)
                 and is_typo_of(c.surname, o.surname)]
        if len(cands) == 1:
            cands[0].mentions.extend(c.mentions)
            people.remove(c)
    return people


def _repair_to_person(m: Ment, people: list[Cluster]) -> bool:
    """A non-PERSON span that names a known person ('Velayati' as ORG, 'Salmai' as GPE) joins them."""
    if m.label in NOT_A_PERSON_AGAIN or m.source in {"curated", "acronym"} or is_acronym(m.text):
        return False
    titles, _, name = split_name(m.text.split())
    if not name or len(name) > 3 or not all(w[:1].isupper() for w in name):
        return False
    place = lookup_place(m.text) if m.label in PLACE_LABELS else None
    if place is not None and place["kind"] in {"country", "territory", "region"}:
        return False
    key = surname_key(name)
    fulls = [c for c in people if c.full]
    if len(name) > 1:
        hit = [c for c in fulls if c.surname == key and any(
            _first_compatible(x.name_words, name) for x in c.mentions if len(x.name_words) > 1)]
    else:
        hit = [c for c in fulls if c.surname == key]
        if not hit and place is None:
            hit = [c for c in fulls if is_typo_of(key, c.surname)]
    if len(hit) != 1:
        return False
    m.label, m.name_words = "PERSON", name
    m.titles.extend(titles)
    hit[0].mentions.append(m)
    return True


def _context_countries(mentions: list[Ment]) -> frozenset[str]:
    """Countries the article names outright: countries, curated places, demonyms."""
    out: set[str] = set()
    for m in mentions:
        if m.label == "NORP":
            code = demonym_country(m.text)
            if code:
                out.add(code)
        elif m.label in PLACE_LABELS:
            place = lookup_place(m.text)
            if place is not None and (place["kind"] == "country" or place["source"] == "curated"):
                out.add(place["country"])
    return frozenset(out)


def _other_key(
    m: Ment, defs: dict[str, str], mentions: list[Ment], context: frozenset[str] = frozenset()
) -> tuple[str, Place | None]:
    text = m.text
    if is_acronym(text) and (text in defs or m.label == "ORG"):
        if text in defs:
            text = defs[text]
        else:
            exp = acronym_of(m, mentions)
            text = exp.text if exp is not None else text
    if m.scope:
        text = f"{m.scope} {text}"
    if m.label in PLACE_LABELS:
        place = resolve_place(text, context)
        if place is not None:
            return "place:" + place["name"] + ":" + place["country"], place
    key = place_key(text)
    if m.label == "NORP" and key.endswith("s") and demonym_country(key[:-1]):
        key = key[:-1]
    return key, None


def _cluster_others(mentions: list[Ment], defs: dict[str, str], forced: dict[int, str]) -> list[Cluster]:
    by_key: dict[str, Cluster] = {}
    context = _context_countries(mentions)
    for m in mentions:
        if m.label == "PERSON" or m.cluster >= 0:
            continue
        key, place = _other_key(m, defs, mentions, context)
        key = forced.get(id(m), key)
        c = by_key.setdefault(key, Cluster(key=key))
        c.mentions.append(m)
        c.place = c.place or place
    clusters = list(by_key.values())
    # 'Gaza' -> 'Gaza Strip'; 'Islamic Republic' -> 'Islamic Republic of Iran'; 'Health Ministry' -> scoped one
    keys = {id(c): {place_key(x.text) for x in c.mentions} for c in clusters}
    scoped = {id(c): {place_key(x.text) for x in c.mentions if x.scope} for c in clusters}
    for c in list(clusters):
        first = c.mentions[0]
        short = place_key(first.text)
        wanted = {f"{short} {s}" for s in PLACE_SUFFIXES}
        longer = [o for o in clusters if o is not c and o.mentions[0].label in PLACE_LABELS and keys[id(o)] & wanted]
        if not longer and " " in first.text:  # 'the Islamic Republic' after 'the Islamic Republic of Iran'
            longer = [o for o in clusters if o is not c and any(
                x.text.startswith(first.text + " of ") and x.start < first.start for x in o.mentions)]
        if not longer and first.label == "ORG" and not first.scope:
            longer = [o for o in clusters if o is not c and short in scoped[id(o)]]
        if not longer and first.label == "NORP" and short.endswith("s"):
            longer = [o for o in clusters if o is not c and o.mentions[0].label == "NORP" and short[:-1] in keys[id(o)]]
        if len(longer) == 1:
            longer[0].mentions.extend(c.mentions)
            longer[0].place = longer[0].place or c.place
            keys[id(longer[0])] |= keys[id(c)]
            clusters.remove(c)
    for c in clusters:
        names = [m for m in c.mentions if not is_acronym(m.text)] or c.mentions
        votes = Counter(m.label for m in names)
        c.label = max(votes, key=lambda lab: (votes[lab], -min(m.start for m in names if m.label == lab)))
    return clusters


def _adjacent_aliases(doc: Doc, mentions: list[Ment], forced: dict[int, str]) -> None:
    """'Jerusalem al-Quds': an 'al-' name right after a place is another name of that place."""
    text = doc_text(doc)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.label not in {"GPE", "LOC"} or b.label in PLACE_LABELS or b.start - a.end != 1:
            continue
        if text[a.end] == " " and b.text[:3].lower() in {"al-", "el-"}:
            place = lookup_place(a.text)
            b.label, b.name_words = a.label, []
            forced[id(b)] = "place:" + place["name"] + ":" + place["country"] if place else place_key(a.text)


def _places_over_people(people: list[Cluster], mentions: list[Ment], forced: dict[int, str]) -> list[Cluster]:
    """'Jarrah' is no person when 'Sheikh Jarrah' is a place in the article and nobody is named Jarrah."""
    places = [m for m in mentions if m.label in PLACE_LABELS and " " in m.text]
    for c in list(people):
        if c.full:
            continue
        hits = [p for p in places if c.surname in {word_key(w) for w in p.text.split()[1:]}]
        if hits:
            for m in c.mentions:
                m.label, m.name_words = hits[0].label, []
                forced[id(m)] = _other_key(hits[0], {}, mentions)[0]
            people.remove(c)
    return people


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


def _add_titles(doc: Doc, people: list[Cluster], mentions: list[Ment], named: dict[int, str]) -> None:
    by_end = {m.end: m for m in mentions}
    by_start = {m.start: m for m in mentions}
    persons = [m for c in people for m in c.mentions]

    def name_of(m: Ment) -> str:
        return named.get(id(m), m.text)

    appos = appositive_titles(doc, persons, by_end, by_start, name_of)
    for c in people:
        found: list[tuple[int, str]] = []
        for m in c.mentions:
            for t in m.titles + premodifier_titles(doc, m, by_end, name_of) + appos.get(id(m), []):
                found.append((m.start, t))
        seen: set[str] = set()
        keys = {title_key(t) for _, t in found}
        for _, t in sorted(found, key=lambda x: x[0]):
            key = title_key(t)
            if key in seen or any(k.endswith(" " + key) or k.startswith(key + " of ") for k in keys):
                continue
            seen.add(key)
            c.titles.append(t)


def _nominals(doc: Doc, clusters: list[Cluster], mentions: list[Ment], names: dict[int, str]) -> None:
    """'The Islamic Jihad leader', 'the minister', 'the ministry': a mention of the one entity they fit."""
    w = words()
    by_start = {m.t0: m for m in mentions}
    by_char = {m.start for m in mentions}
    taken = {(m.start, m.end) for m in mentions}
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
            for c in clusters:
                if c.label != "PERSON" or not any(0 < start - x.end <= NOMINAL_REACH for x in c.mentions):
                    continue
                fits = [t for t in c.titles if word in t.lower().split()]
                if org is not None:
                    org_c = next((o for o in clusters if org in o.mentions), None)
                    org_names = {x.text.lower() for x in org_c.mentions} if org_c else {org.text.lower()}
                    fits = [t for t in fits if any(n in t.lower() for n in org_names)]
                if fits:
                    cands.append(c)
        elif word in w.org_heads and org is None:
            cands = [c for c in clusters if c.label == "ORG" and names[id(c)].lower().split()[-1:] == [word]
                     and any(0 < start - x.end <= NOMINAL_REACH for x in c.mentions)]
        if len(cands) == 1:
            m = Ment(start, end, tok.i, j + 1, cands[0].label, doc_text(doc)[start:end], kind="nominal", source="nominal")
            cands[0].mentions.append(m)
            taken.add((start, end))


def _country(c: Cluster) -> tuple[str | None, list[str], list[float] | None]:
    if c.label == "NORP":
        for m in c.mentions:
            code = demonym_country(m.text)
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
                    sub = lookup_place(" ".join(parts[i : i + n]))
                    if sub is not None and sub["kind"] in {"city", "country", "admin1", "territory"}:
                        return sub["country"], [sub["country"]], None
    if place is None:
        return None, [], None
    return place["country"], list(place["countries"]), place["coordinates"]


def find_entities(doc: Doc) -> list[Entity]:
    """The article's entities, each with a canonical name, label, mentions, titles and country."""
    mentions, defs = collect(doc)
    if not mentions:
        return []
    by_end = {m.end: m for m in mentions}
    scoped_heads = words().gpe_scoped_heads
    for m in mentions:
        if m.label == "ORG":
            owner = possessor_before(doc, m, by_end)
            low = m.text.lower()
            if owner is not None and owner.label in {"GPE", "LOC"} and any(low.endswith(h) for h in scoped_heads):
                m.scope = owner.text
    forced: dict[int, str] = {}
    _adjacent_aliases(doc, mentions, forced)
    people = _person_clusters(mentions)
    for m in mentions:
        if m.label == "PERSON" and len(m.name_words) < 2:
            _attach_single(m, people, allow_new=True)
    people = _merge_typos(people)
    people = _places_over_people(people, mentions, forced)
    for m in mentions:
        if m.label != "PERSON" and id(m) not in forced:
            _repair_to_person(m, people)
    for i, c in enumerate(people):
        for m in c.mentions:
            m.cluster = i
    others = _cluster_others([m for m in mentions if m.label != "PERSON"], defs, forced)
    clusters = people + others
    named = _with_the(doc, clusters)
    _add_titles(doc, people, mentions, named)
    canon = {id(c): _canonical(c) for c in clusters}
    _nominals(doc, clusters, mentions, canon)
    clusters.sort(key=lambda c: c.first)
    return [_entity(f"E{n}", c) for n, c in enumerate(clusters, 1)]


def _entity(eid: str, c: Cluster) -> Entity:
    name = _canonical(c)
    country, countries, coords = _country(c)
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


def entities_or_fallback(doc: Doc) -> list[Entity]:
    """:func:`find_entities`, or spaCy's raw spans with a PL060 error on the Doc when it fails; PL061 when
    the package gazetteer is unavailable. Never raises for an article."""
    errors: list[ErrorInfo] = []
    source = ((doc._.pl_article or {}).get("url") or (doc._.pl_article or {}).get("title") or "article")
    try:
        entities = find_entities(doc)
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop the run
        errors.append(error("PL060", path=source, reason=f"{type(exc).__name__}: {exc}"))
        entities = raw_entities(doc)
    why = gazetteer_error()
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
