"""Clustering mentions into entities: people by surname and compatible first name (a lone surname joins
the one full name it ends, a misspelling joins the name it is a small edit from, a non-PERSON span that names
a known person joins them), other names by a key (the gazetteer's place, else the folded text; acronyms take
their expansion's key; "Gaza" joins "Gaza Strip")."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..common import PLACE_LABELS, doc_text
from .gazetteer import Gazetteer, Place, place_key
from .mentions import Ment, Spelled, acronym_of
from .names import is_acronym, is_typo_of, one_edit, translit_key
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
    """Two full names of one person: same first word (or two spellings of it: Hossein ~ Hussein; Luis ~ Luiz
    before the same three words or more), one is the other's initial ('J.' ~ 'John'), or one ends the other
    ('Farina Elia' ~ 'Sylvia Farina Elia')."""
    x, y = a[0].rstrip(".").casefold(), b[0].rstrip(".").casefold()
    if x == y or translit_key(x) == translit_key(y) or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    if len(a) == len(b) >= 3 and [w.casefold() for w in a[1:]] == [w.casefold() for w in b[1:]] and one_edit(x, y):
        return True  # "Luis Inacio Lula da Silva" ~ "Luiz Inacio Lula da Silva": one name, its first word spelled two ways
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


class Singles:
    """The look-ups :func:`attach_single` asks per one-word mention: the clusters by surname key (in ``people``'s
    order, each marked whether it has a full name), the full-name clusters by the key of a full name's first
    word, and each cluster's mention starts, sorted. Kept up to date as one-word mentions join or start
    clusters (which changes no cluster's full names)."""

    def __init__(self, people: list[Cluster], w: NameWords) -> None:
        self.by_surname: dict[str, list[tuple[Cluster, bool]]] = {}
        self.by_first: dict[str, list[Cluster]] = {}
        self.by_middle: dict[str, list[Cluster]] = {}
        self.starts = {id(c): sorted(x.start for x in c.mentions) for c in people}
        for c in people:
            full = c.full
            self.by_surname.setdefault(c.surname, []).append((c, full))
            if full:
                for key in dict.fromkeys(w.word_key(x.name_words[0]) for x in c.mentions if len(x.name_words) > 1):
                    self.by_first.setdefault(key, []).append(c)
                middles = (y for x in c.mentions for y in x.name_words[1:-1] if len(y) >= 3 and y.lower() not in w.particles)
                for key in dict.fromkeys(w.word_key(y) for y in middles):
                    self.by_middle.setdefault(key, []).append(c)

    def add(self, m: Ment, c: Cluster, new: bool) -> None:
        if new:
            self.by_surname.setdefault(c.surname, []).append((c, False))
            self.starts[id(c)] = [m.start]
        else:
            bisect.insort(self.starts[id(c)], m.start)


def attach_single(m: Ment, people: list[Cluster], allow_new: bool, w: NameWords, index: Singles | None = None) -> Cluster | None:
    """Put a one-word person mention into the cluster whose surname (or, failing that, first name, or a name
    between the first and the last of one full name alone) it is.

    When several people share the surname, a title written with the mention decides ('Senator Cruz'),
    else the person mentioned most so far, else the nearest earlier one. ``index``: ``Singles(people)``, kept
    by the caller over many mentions (``people`` changed only here meanwhile).
    """
    index = index if index is not None else Singles(people, w)
    key = w.word_key(m.name_words[0] if m.name_words else m.text)
    same = index.by_surname.get(key, [])
    cands = [c for c, full in same if full] or [c for c, _ in same]
    if not cands:
        cands = index.by_first.get(key, [])
        cands = cands if len(cands) == 1 else []
    if not cands:  # "Lula" for "Luiz Inacio Lula da Silva": a name inside one full name alone
        cands = index.by_middle.get(key, [])
        cands = cands if len(cands) == 1 else []
    if len(cands) > 1 and m.titles:
        wanted = {w.title_key(t) for t in m.titles}
        titled = [c for c in cands if wanted & {w.title_key(t) for x in c.mentions for t in x.titles}]
        cands = titled if len(titled) == 1 else cands
    if len(cands) > 1:
        def rank(c: Cluster) -> tuple[int, int]:  # mentions before m, and the last of them
            starts = index.starts[id(c)]
            k = bisect.bisect_left(starts, m.start)
            return (k, starts[k - 1] if k else -1)

        cands = [max(cands, key=rank)]
    if cands:
        cands[0].mentions.append(m)
        index.add(m, cands[0], False)
        return cands[0]
    if not allow_new:
        return None
    c = Cluster([m], "PERSON", key)
    people.append(c)
    index.add(m, c, True)
    return c


TYPO_EDITS = 2  # the most edits ``is_typo_of`` allows (``typo_limit``); under 5 letters it allows none


def _deletions(word: str) -> set[str]:
    """``word`` with up to ``TYPO_EDITS`` letters left out: two words within that many edits (insertions,
    deletions, substitutions, swaps) share one of these (the look-up of a symmetric-deletion spell checker)."""
    out, frontier = {word}, {word}
    for _ in range(TYPO_EDITS):
        frontier = {x[:i] + x[i + 1 :] for x in frontier for i in range(len(x))}
        out |= frontier
    return out


class FullNames:
    """The clusters of people named in full, by surname key and by the surname's deletions (``_deletions``), so
    a mention is compared with its few candidates, never with every person."""

    def __init__(self, people: list[Cluster]) -> None:
        self.by_surname: dict[str, list[Cluster]] = {}
        self.by_deletion: dict[str, list[Cluster]] = {}
        for c in people:
            if c.full:
                self.by_surname.setdefault(c.surname, []).append(c)
                if len(c.surname.casefold()) >= 5:
                    for part in _deletions(c.surname.casefold()):
                        self.by_deletion.setdefault(part, []).append(c)

    def typos_of(self, key: str) -> list[Cluster]:
        """The full-name clusters whose surname ``key`` misspells (in no particular order)."""
        folded = key.casefold()
        if len(folded) < 5:
            return []  # no edit allowed under 5 letters
        near = {id(c): c for part in _deletions(folded) for c in self.by_deletion.get(part, [])}
        return [c for c in near.values() if is_typo_of(key, c.surname)]


def merge_typos(people: list[Cluster]) -> list[Cluster]:
    """A one-word-only cluster a small edit from exactly one full name's surname is its misspelling."""
    fulls = FullNames(people)  # the clusters that join are never full, and joining one keeps a cluster full
    gone: set[int] = set()
    for c in people:
        if c.full or len(c.mentions) > 2:
            continue
        cands = [o for o in fulls.typos_of(c.surname) if len(o.mentions) > len(c.mentions)]
        if len(cands) == 1:
            cands[0].mentions.extend(c.mentions)
            gone.add(id(c))
    return [c for c in people if id(c) not in gone]


def repair_to_person(m: Ment, people: list[Cluster], w: NameWords, gaz: Gazetteer, fulls: FullNames | None = None) -> bool:
    """A non-PERSON span that names a known person ('Velayati' as ORG, 'Salmai' as GPE) joins them; ``fulls``:
    ``FullNames(people)``, kept by the caller over many mentions."""
    if m.label in NOT_A_PERSON_AGAIN or m.source in {"curated", "acronym"} or is_acronym(m.text):
        return False
    titles, _, name = w.split_name(m.text.split())
    if not name or len(name) > 3 or not all(w[:1].isupper() for w in name):
        return False
    place = gaz.lookup_place(m.text) if m.label in PLACE_LABELS else None
    if place is not None and place["kind"] in {"country", "territory", "region"}:
        return False
    key = w.surname_key(name)
    fulls = fulls if fulls is not None else FullNames(people)
    if len(name) > 1:
        hit = [c for c in fulls.by_surname.get(key, []) if any(
            _first_compatible(x.name_words, name) for x in c.mentions if len(x.name_words) > 1)]
    else:
        hit = list(fulls.by_surname.get(key, []))
        if not hit and place is None:
            hit = fulls.typos_of(key)
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
    m: Ment, defs: dict[str, str], mentions: list[Ment], w: NameWords, gaz: Gazetteer, context: frozenset[str] = frozenset(),
    spelled: Spelled | None = None,
) -> tuple[str, Place | None]:
    text = m.text
    if is_acronym(text) and (text in defs or m.label == "ORG"):
        if text in defs:
            text = defs[text]
        else:
            exp = acronym_of(m, mentions, w, spelled)
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
    spelled = Spelled(mentions, w)
    placed: dict[str, Ment] = {}  # a place's folded name -> its first mention tagged a place
    for m in mentions:
        if m.label in PLACE_LABELS and gaz.lookup_place(m.text) is not None:
            placed.setdefault(place_key(m.text), m)
    for m in mentions:
        if m.label == "PERSON" or m.cluster >= 0:
            continue
        twin = placed.get(place_key(m.text)) if m.label not in PLACE_LABELS and m.label != "NORP" and not m.scope else None
        if twin is not None:
            m.label = twin.label  # "Khartoum said nothing" tagged ORG, "across Khartoum" GPE: one place
        key, place = _other_key(m, defs, mentions, w, gaz, context, spelled)
        key = forced.get(id(m), key)
        c = by_key.setdefault(key, Cluster(key=key))
        c.mentions.append(m)
        c.place = c.place or place
    clusters = _join_longer(list(by_key.values()), w)
    for c in clusters:
        names = [m for m in c.mentions if not is_acronym(m.text)] or c.mentions
        votes = Counter(m.label for m in names)
        c.label = max(votes, key=lambda lab: (votes[lab], -min(m.start for m in names if m.label == lab)))
    return clusters


class _Longer:
    """The look-ups :func:`_join_longer` asks per cluster, kept up to date as clusters join: which clusters hold
    a folded name, a scoped name, or a mention whose text goes on with " of " after a given prefix."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.alive = {id(c) for c in clusters}
        self.keys = {id(c): {place_key(x.text) for x in c.mentions} for c in clusters}
        self.with_key: dict[str, list[Cluster]] = {}
        self.with_scoped: dict[str, list[Cluster]] = {}
        self.of_prefix: dict[str, list[Ment]] = {}  # "Islamic Republic" -> the mentions "Islamic Republic of ..."
        self.owner: dict[int, Cluster] = {}
        for c in clusters:
            for k in self.keys[id(c)]:
                self.with_key.setdefault(k, []).append(c)
            for k in {place_key(x.text) for x in c.mentions if x.scope}:
                self.with_scoped.setdefault(k, []).append(c)
            for x in c.mentions:
                self.owner[id(x)] = c
                at = x.text.find(" of ")
                while at >= 0:
                    self.of_prefix.setdefault(x.text[:at], []).append(x)
                    at = x.text.find(" of ", at + 1)

    def live(self, found: list[Cluster], c: Cluster) -> list[Cluster]:
        """``found`` without ``c``, clusters that joined another and repeats."""
        return list({id(o): o for o in found if o is not c and id(o) in self.alive}.values())

    def join(self, c: Cluster, into: Cluster) -> None:
        into.mentions.extend(c.mentions)
        into.place = into.place or c.place
        for k in self.keys[id(c)] - self.keys[id(into)]:
            self.with_key.setdefault(k, []).append(into)
        self.keys[id(into)] |= self.keys[id(c)]
        for x in c.mentions:
            self.owner[id(x)] = into
        self.alive.discard(id(c))


def _join_longer(clusters: list[Cluster], w: NameWords) -> list[Cluster]:
    """'Gaza' -> 'Gaza Strip'; 'Islamic Republic' -> 'Islamic Republic of Iran'; 'Health Ministry' -> the scoped
    one; 'Americans' -> 'American': a cluster joins the one longer cluster it is short for."""
    index = _Longer(clusters)
    for c in clusters:
        first = c.mentions[0]
        short = place_key(first.text)
        wanted = [o for s in w.place_suffixes for o in index.with_key.get(f"{short} {s}", [])]
        longer = [o for o in index.live(wanted, c) if o.mentions[0].label in PLACE_LABELS and not _other_place(c.place, o.place)]
        if not longer and " " in first.text:  # 'the Islamic Republic' after 'the Islamic Republic of Iran'
            longer = index.live([index.owner[id(x)] for x in index.of_prefix.get(first.text, []) if x.start < first.start], c)
        if not longer and first.label == "ORG" and not first.scope:
            longer = index.live(index.with_scoped.get(short, []), c)
        if not longer and first.label == "NORP" and short.endswith("s"):
            longer = [o for o in index.live(index.with_key.get(short[:-1], []), c) if o.mentions[0].label == "NORP"]
        if len(longer) == 1:
            index.join(c, longer[0])
    return [c for c in clusters if id(c) in index.alive]


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
    """'Jarrah' is no person when 'Sheikh Jarrah' is a place in the article and nobody is named Jarrah; a lone
    'Khartoum' tagged PERSON is the place the article tags 'Khartoum' elsewhere, when the gazetteer knows it
    ('Mousavi' tagged GPE once stays a person)."""
    places = [m for m in mentions if m.label in PLACE_LABELS and " " in m.text]
    by_word: dict[str, Ment] = {}  # a word key of a place's later words -> the first such place
    for p in places:
        for word in p.text.split()[1:]:
            by_word.setdefault(w.word_key(word), p)
    same: dict[str, Ment] = {}  # a one-word place's folded name -> its first mention ("Khartoum" tagged GPE)
    for m in mentions:
        if m.label in PLACE_LABELS and " " not in m.text and gaz.lookup_place(m.text) is not None:
            same.setdefault(_name_fold(m.text), m)  # a place the gazetteer knows: not "Mousavi" tagged GPE once
    gone: set[int] = set()
    for c in people:
        hit: Ment | None = None
        if c.full and places and all(_name_fold(m.text).split()[0] in w.particles for m in c.mentions):
            # "Al Aqsa" tagged PERSON beside "Al-Aqsa Mosque": a name that opens a place's name is that place
            hit = next((p for p in places if all(
                _name_fold(p.text).startswith(_name_fold(m.text) + " ") for m in c.mentions)), None)
        elif not c.full:
            hit = by_word.get(c.surname)
            if hit is None and len({_name_fold(m.text) for m in c.mentions}) == 1:
                hit = same.get(_name_fold(c.mentions[0].text))  # "Khartoum" tagged PERSON once, GPE elsewhere
        if hit is not None:
            key = _other_key(hit, {}, mentions, w, gaz)[0]
            for m in c.mentions:
                m.label, m.name_words = hit.label, []
                forced[id(m)] = key
            gone.add(id(c))
    return [c for c in people if id(c) not in gone]
