"""Clustering mentions into entities: people by surname and compatible first name (a lone surname joins
the one full name it ends, a misspelling joins the name it is a small edit from, a non-PERSON span that names
a known person joins them), other names by a key (the gazetteer's place, else the folded text; acronyms take
their expansion's key; "Gaza" joins "Gaza Strip")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..common import PLACE_LABELS, doc_text
from .gazetteer import Gazetteer, Place, place_key
from .mentions import Ment, acronym_of
from .names import is_acronym, is_typo_of, translit_key
from .namewords import NameWords

NOT_A_PERSON_AGAIN = frozenset({"NORP"})


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
    """Two full names of one person: same first word (or two spellings of it: Hossein ~ Hussein), one is the other's initial ('J.' ~ 'John'), or one
    ends the other ('Farina Elia' ~ 'Sylvia Farina Elia')."""
    x, y = a[0].rstrip(".").casefold(), b[0].rstrip(".").casefold()
    if x == y or translit_key(x) == translit_key(y) or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) > 1 and [w.casefold() for w in long_[-len(short):]] == [w.casefold() for w in short]


def person_clusters(mentions: list[Ment], w: NameWords) -> list[Cluster]:
    """One cluster per person named in full: a full name joins the first cluster of its surname holding a
    compatible full name (each cluster's distinct full names kept aside, so a mention costs its surname's
    names, not the article's mentions)."""
    people: list[Cluster] = []
    by_surname: dict[str, list[tuple[Cluster, dict[tuple[str, ...], list[str]]]]] = {}
    for m in mentions:
        if m.label != "PERSON" or len(m.name_words) < 2:
            continue
        key = w.surname_key(m.name_words)
        same = by_surname.setdefault(key, [])
        for c, fulls in same:
            if any(_first_compatible(f, m.name_words) for f in fulls.values()):
                c.mentions.append(m)
                fulls.setdefault(tuple(m.name_words), m.name_words)
                break
        else:
            people.append(Cluster([m], "PERSON", key))
            same.append((people[-1], {tuple(m.name_words): m.name_words}))
    return people


def attach_single(m: Ment, people: list[Cluster], allow_new: bool, w: NameWords) -> Cluster | None:
    """Put a one-word person mention into the cluster whose surname (or, failing that, first name) it is.

    When several people share the surname, a title written with the mention decides ('Senator Cruz'),
    else the person mentioned most so far, else the nearest earlier one.
    """
    key = w.word_key(m.name_words[0] if m.name_words else m.text)
    cands = [c for c in people if c.surname == key and c.full] or [c for c in people if c.surname == key]
    if not cands:
        cands = [c for c in people if c.full and any(
            len(x.name_words) > 1 and w.word_key(x.name_words[0]) == key for x in c.mentions)]
        cands = cands if len(cands) == 1 else []
    if len(cands) > 1 and m.titles:
        wanted = {w.title_key(t) for t in m.titles}
        titled = [c for c in cands if wanted & {w.title_key(t) for x in c.mentions for t in x.titles}]
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


def merge_typos(people: list[Cluster]) -> list[Cluster]:
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


def repair_to_person(m: Ment, people: list[Cluster], w: NameWords, gaz: Gazetteer) -> bool:
    """A non-PERSON span that names a known person ('Velayati' as ORG, 'Salmai' as GPE) joins them."""
    if m.label in NOT_A_PERSON_AGAIN or m.source in {"curated", "acronym"} or is_acronym(m.text):
        return False
    titles, _, name = w.split_name(m.text.split())
    if not name or len(name) > 3 or not all(w[:1].isupper() for w in name):
        return False
    place = gaz.lookup_place(m.text) if m.label in PLACE_LABELS else None
    if place is not None and place["kind"] in {"country", "territory", "region"}:
        return False
    key = w.surname_key(name)
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


def _context_countries(mentions: list[Ment], gaz: Gazetteer) -> frozenset[str]:
    """Countries the article names outright: countries, curated places, demonyms."""
    out: set[str] = set()
    for m in mentions:
        if m.label == "NORP":
            code = gaz.demonym_country(m.text)
            if code:
                out.add(code)
        elif m.label in PLACE_LABELS:
            place = gaz.lookup_place(m.text)
            if place is not None and (place["kind"] == "country" or place["source"] == "curated"):
                out.add(place["country"])
    return frozenset(out)


def _other_key(
    m: Ment, defs: dict[str, str], mentions: list[Ment], w: NameWords, gaz: Gazetteer, context: frozenset[str] = frozenset()
) -> tuple[str, Place | None]:
    text = m.text
    if is_acronym(text) and (text in defs or m.label == "ORG"):
        if text in defs:
            text = defs[text]
        else:
            exp = acronym_of(m, mentions, w)
            text = exp.text if exp is not None else text
    if m.scope:
        text = f"{m.scope} {text}"
    if m.label in PLACE_LABELS:
        place = gaz.resolve_place(text, context)
        if place is not None:
            return "place:" + place["name"] + ":" + place["country"], place
    key = place_key(text)
    if m.label == "NORP" and key.endswith("s") and gaz.demonym_country(key[:-1]):
        key = key[:-1]
    return key, None


def _other_place(a: Place | None, b: Place | None) -> bool:
    """Two names the gazetteer places apart ("Gaza" is the Strip, "Gaza City" the city named after it), or a
    city that a name without its "City" need not be: never one entity."""
    if b is not None and b["kind"] == "city" and (a is None or a["name"] != b["name"]):
        return True
    return a is not None and b is not None and a["name"] != b["name"]


def cluster_others(
    mentions: list[Ment], defs: dict[str, str], forced: dict[int, str], w: NameWords, gaz: Gazetteer
) -> list[Cluster]:
    by_key: dict[str, Cluster] = {}
    context = _context_countries(mentions, gaz)
    for m in mentions:
        if m.label == "PERSON" or m.cluster >= 0:
            continue
        key, place = _other_key(m, defs, mentions, w, gaz, context)
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
        wanted = {f"{short} {s}" for s in w.place_suffixes}
        longer = [o for o in clusters if o is not c and o.mentions[0].label in PLACE_LABELS and keys[id(o)] & wanted
                  and not _other_place(c.place, o.place)]
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


def adjacent_aliases(doc: Doc, mentions: list[Ment], forced: dict[int, str], gaz: Gazetteer) -> None:
    """'Jerusalem al-Quds': an 'al-' name right after a place is another name of that place."""
    text = doc_text(doc)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.label not in {"GPE", "LOC"} or b.label in PLACE_LABELS or b.start - a.end != 1:
            continue
        if text[a.end] == " " and b.text[:3].lower() in {"al-", "el-"}:
            place = gaz.lookup_place(a.text)
            b.label, b.name_words = a.label, []
            forced[id(b)] = "place:" + place["name"] + ":" + place["country"] if place else place_key(a.text)


def _name_fold(text: str) -> str:
    return " ".join(text.replace("-", " ").casefold().split())


def places_over_people(
    people: list[Cluster], mentions: list[Ment], forced: dict[int, str], w: NameWords, gaz: Gazetteer
) -> list[Cluster]:
    """'Jarrah' is no person when 'Sheikh Jarrah' is a place in the article and nobody is named Jarrah."""
    places = [m for m in mentions if m.label in PLACE_LABELS and " " in m.text]
    for c in list(people):
        if c.full:
            # "Al Aqsa" tagged PERSON beside "Al-Aqsa Mosque": a name that opens a place's name is that place
            hits = [p for p in places if all(
                _name_fold(m.text).split()[0] in w.particles and _name_fold(p.text).startswith(_name_fold(m.text) + " ")
                for m in c.mentions)]
        else:
            hits = [p for p in places if c.surname in {w.word_key(word) for word in p.text.split()[1:]}]
        if hits:
            for m in c.mentions:
                m.label, m.name_words = hits[0].label, []
                forced[id(m)] = _other_key(hits[0], {}, mentions, w, gaz)[0]
            people.remove(c)
    return people
