"""Mentions of named entities in a Doc: spaCy's NER spans, trimmed and repaired, plus what NER misses.

- spaCy's spans lose a leading 'the' and a trailing possessive; a span that runs a role into a name
  ('Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei') is split into the role (a title) and
  the PERSON; a bare surname after a title ('General Soleimani') takes the title into the mention.
- curated multi-word places (data/places.json) are found in the text even when NER misses them.
- acronyms: '(IRGC)' after a name defines it; every later 'IRGC' (and 'IRGC’s') is then a mention of that
  name, whatever NER thought; an all-caps word that spells one organisation's initials joins it too.

Only blocks that carry names are read: title, caption, heading, related and paragraph (not dateline,
outlet/meta or byline).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..common import (
    NAME_LABELS,
    NAMED_BLOCKS,
    OWN_NAME_LABELS,
    PLACE_LABELS,
    Intervals,
    block_ranges,
    doc_text,
)
from .gazetteer import Gazetteer, place_key
from .names import is_acronym
from .namewords import NameWords
from .spans import joined_people, past_verbs

POSSESSIVE_TOKENS = frozenset({"'s", "\u2019s", "'", "\u2019"})
_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")
_ACRONYM_WORD = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,7}(?![\w-])")
KIND_LABEL = {"facility": "FAC", "district": "LOC", "region": "LOC"}


@dataclass
class Ment:
    """One mention while it is being worked on (char offsets, token offsets, what we know of it)."""

    start: int
    end: int
    t0: int
    t1: int
    label: str
    text: str
    kind: str = "name"  # name | nominal
    source: str = "ner"  # ner | split | curated | acronym | nominal
    name_words: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    scope: str | None = None  # the place an organisation belongs to: 'Gaza' in "Gaza's Health Ministry"
    cluster: int = -1


def name_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the blocks whose names count; the whole text when the Doc has no blocks."""
    return [(s, e) for s, e, _ in block_ranges(doc, NAMED_BLOCKS)]


def _make(doc: Doc, t0: int, t1: int, label: str, source: str = "ner") -> Ment | None:
    """A mention over tokens [t0, t1) after trimming 'the', possessives and punctuation; None if empty."""
    while t0 < t1 and (doc[t0].lower_ == "the" or doc[t0].is_punct or doc[t0].is_space):
        t0 += 1
    while t1 > t0 and (doc[t1 - 1].text in POSSESSIVE_TOKENS or doc[t1 - 1].is_punct or doc[t1 - 1].is_space):
        if doc[t1 - 1].text in POSSESSIVE_TOKENS and label in OWN_NAME_LABELS and _always_possessive(doc, t0, t1):
            break  # "Lloyd's", "McDonald's": the 's belongs to the name
        t1 -= 1
    if label == "PERSON":  # 'Vera Zvonareva 6-1 6-0': scores and numbers are no part of a name
        while t1 > t0 + 1 and not any(c.isalpha() for c in doc[t1 - 1].text):
            t1 -= 1
    opened = [i for i in range(t0, t1) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], t1)):
        t1 = opened[-1]  # "Donetsk People's Republic (DPR": the name before the bracket it leaves open
        while t1 > t0 and (doc[t1 - 1].is_punct or doc[t1 - 1].is_space):
            t1 -= 1
    if t0 >= t1:
        return None
    span = doc[t0:t1]
    return Ment(span.start_char, span.end_char, t0, t1, label, span.text, source=source)


def _always_possessive(doc: Doc, t0: int, t1: int) -> bool:
    """True when the name before a possessive never appears in the text without it."""
    text = doc_text(doc)
    base = text[doc[t0].idx : doc[t1 - 2].idx + len(doc[t1 - 2].text)] if t1 - t0 > 1 else ""
    if not base:
        return False
    seen = doc.user_data.setdefault("presslens.always_possessive", {})  # one pass over the text per name
    if base not in seen:
        bare = len(re.findall(rf"(?<!\w){re.escape(base)}(?!\w)", text))
        owned = len(re.findall(rf"(?<!\w){re.escape(base)}['\u2019]s?(?!\w)", text))
        seen[base] = bare == owned
    return bool(seen[base])


def _curated_label(text: str, gaz: Gazetteer) -> str | None:
    """The label a curated place gets, when ``text`` is a curated name or alias."""
    if place_key(text) not in gaz.curated_keys:
        return None
    place = gaz.lookup_place(text)
    return KIND_LABEL.get(place["kind"], "GPE") if place else None


def _split_role(doc: Doc, m: Ment, w: NameWords) -> list[Ment]:
    """Split a span that runs a role into a name.

    'Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei' -> the PERSON, titled 'Leader of the
    Islamic Revolution'; 'Bank of England Governor Mark Carney' -> the ORG 'Bank of England' and the PERSON,
    titled 'Bank of England Governor'. A span with no such split comes back as it is.
    """
    texts = [doc[i].text for i in range(m.t0, m.t1)]
    for k in range(len(texts)):
        is_hon = texts[k] in w.honorifics
        n_title = w.title_at(texts, k)
        if not is_hon and not (n_title and k > 0 and texts[k - 1][:1].isupper() and k + n_title < len(texts)):
            continue
        j = k
        while j < len(texts) - 1 and (texts[j] in w.honorifics or w.title_at(texts, j)):
            j += 1 if texts[j] in w.honorifics else w.title_at(texts, j)
        rest = texts[j:]
        if not rest or not all(t[:1].isupper() or t in {"-", "al", "el", "bin", "ibn"} for t in rest):
            continue
        person = _make(doc, m.t0 + k, m.t1, "PERSON", source="split")
        if person is None:
            return [m]
        prefix = _make(doc, m.t0, m.t0 + k, m.label) if k > 0 else None
        if prefix is None:
            return [person]
        if prefix.text.split()[0].lower() in w.role_nouns:
            person.titles.append(prefix.text)
            return [person]
        person.titles.append(f"{prefix.text} {' '.join(texts[k : k + n_title])}" if n_title else prefix.text)
        return [prefix, person]
    return [m]


def _person_words(doc: Doc, m: Ment, w: NameWords) -> None:
    """Fill a PERSON mention's name words and inside titles; take a title before a bare surname into the span."""
    texts = doc_text(doc)[m.start : m.end].split()
    i = 0
    while i < len(texts) - 1:
        if texts[i] in w.honorifics:
            i += 1
            continue
        n = w.title_at(texts, i)
        if not n or i + n >= len(texts):
            break
        m.titles.append(" ".join(texts[i : i + n]))
        i += n
    m.name_words = texts[i:]
    if i == 0:
        before = [doc[j].text for j in range(max(0, m.t0 - 4), m.t0)]
        n = w.title_before(before, len(before))
        if n and before[len(before) - n][:1].isupper() and len(m.name_words) > 1:
            m.titles.append(" ".join(before[len(before) - n :]))
        elif n and before[len(before) - n][:1].isupper():
            t0 = m.t0 - n
            if not any(doc[j].is_punct or "\n" in doc[j].text for j in range(t0, m.t0)):
                m.titles.append(" ".join(before[len(before) - n :]))
                m.t0, m.start = t0, doc[t0].idx
                m.text = doc_text(doc)[m.start : m.end]


def ner_mentions(doc: Doc, ranges: Intervals, w: NameWords, gaz: Gazetteer) -> list[Ment]:
    """spaCy's entities as trimmed mentions, with curated labels, label fixes and role/name splits."""
    fixes = w.label_fixes
    out: list[Ment] = []
    for ent in joined_people(doc):
        if ent.label_ not in NAME_LABELS or not ranges.within(ent.start_char, ent.end_char):
            continue
        t0, t1 = past_verbs(doc, ent.start, ent.end, w) if ent.label_ in ("PERSON", "ORG") else (ent.start, ent.end)
        first = _make(doc, t0, t1, ent.label_)
        if first is None or w.is_no_name(first.text):
            continue  # "Getty Images", "Edi Israel/Flash90", "10:00 GMT", "Lt.-Gen"
        first.label = fixes.get(first.text.lower(), first.label)
        parts = [first]
        curated = _curated_label(first.text, gaz)
        if curated is not None:
            if first.label not in PLACE_LABELS:
                first.label = curated
        elif first.label != "PERSON" or any(doc[i].text in w.honorifics for i in range(first.t0, first.t1)):
            parts = _split_role(doc, first, w)
        for m in parts:
            if m.label == "PERSON":
                _person_words(doc, m, w)
            out.append(m)
    return out


def curated_mentions(doc: Doc, ranges: Intervals, found: list[Ment], gaz: Gazetteer) -> list[Ment]:
    """Add curated multi-word places NER missed or mislabelled ('Sheikh Jarrah'); drop what they cover."""
    added: list[Ment] = []
    places = {(m.start, m.end) for m in found if m.label in PLACE_LABELS}
    for match in gaz.curated_pattern.finditer(doc_text(doc)):
        s, e = match.span()
        if not ranges.within(s, e) or (s, e) in places:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        label = _curated_label(match.group(0), gaz) or "GPE"
        m = Ment(s, e, span.start, span.end, label, doc_text(doc)[s:e], source="curated")
        added.append(m)
    if not added:
        return found
    starts = [a.start for a in added]  # the pattern's matches do not overlap: their ends rise with their starts

    def covered(m: Ment) -> bool:
        k = bisect.bisect_left(starts, m.end) - 1  # the last added mention starting before m ends
        return k >= 0 and added[k].end > m.start

    kept = [m for m in found if not covered(m)]
    return sorted(kept + added, key=lambda m: m.start)


def _expansion_before(doc: Doc, i: int, acr: str, by_t1: dict[int, list[Ment]], w: NameWords) -> tuple[int, int] | None:
    """Token range of the name that '(ACR)' at token i defines: a mention ending there (``by_t1``: the mentions
    by their end token, in text order), or title-case words."""
    j = i
    while j > 0 and doc[j - 1].is_space:
        j -= 1
    for m in by_t1.get(j, []):
        if m.label not in {"PERSON", "NORP"} and (m.label == "ORG" or w.acronym_matches(acr, m.text)):
            return m.t0, m.t1
    skip = w.acronym_skip
    k = j
    best: tuple[int, int] | None = None
    while k > 0 and j - k < 10:
        tok = doc[k - 1]
        if not (tok.text[:1].isupper() or tok.lower_ in skip or tok.text == "-"):
            break
        k -= 1
        if doc[k].text[:1].isupper() and w.acronym_matches(acr, doc[k:j].text):
            best = (k, j)
    return best


def acronym_mentions(
    doc: Doc, ranges: Intervals, found: list[Ment], w: NameWords
) -> tuple[list[Ment], dict[str, str]]:
    """Mentions for acronyms, defined by '(ACR)' or spelling one organisation's initials; and the definitions."""
    text = doc_text(doc)
    defined: dict[str, tuple[int, int]] = {}
    by_t1: dict[int, list[Ment]] = {}
    for m in found:
        by_t1.setdefault(m.t1, []).append(m)
    for match in _PAREN_ACRONYM.finditer(text):
        span = doc.char_span(match.start(1), match.end(1))
        if span is None or len(span) != 1 or span.start < 1 or not is_acronym(span.text):
            continue
        rng = _expansion_before(doc, span.start - 1, span.text, by_t1, w)
        if rng is not None:
            defined.setdefault(span.text, rng)
    orgs = Spelled((m for m in found if m.label == "ORG"), w)
    new: list[Ment] = []
    defs: dict[str, str] = {}
    spans = {(m.start, m.end) for m in found}
    for acr, (t0, t1) in defined.items():
        exp = _make(doc, t0, t1, "ORG", source="acronym")
        if exp is None:
            continue
        defs[acr] = exp.text
        if (exp.start, exp.end) not in spans:
            new.append(exp)
    out = list(found) + new
    by_span = {(m.start, m.end): m for m in out}
    names = Intervals((m.start, m.end) for m in out)  # the acronyms added below never hold one another
    for match in _ACRONYM_WORD.finditer(text):
        tok_span = doc.char_span(match.start(), match.end())
        if tok_span is None or len(tok_span) != 1 or not ranges.within(match.start(), match.end()):
            continue
        tok = tok_span[0]
        acr = tok.text
        if acr not in defined and orgs.names(acr) != 1:
            continue
        where = (tok.idx, tok.idx + len(acr))
        old = by_span.get(where)
        if old is not None:
            old.label, old.source = "ORG", "acronym"
            continue
        if names.within(*where):
            continue  # inside a longer name
        m = Ment(where[0], where[1], tok.i, tok.i + 1, "ORG", acr, source="acronym")
        out.append(m)
        by_span[where] = m
    return sorted(out, key=lambda m: m.start), defs


class Spelled:
    """Mentions of several words by the acronyms that spell them (``NameWords.acronym_matches`` as a look-up,
    not a walk over the mentions per acronym); and, per acronym, the one expansion :func:`acronym_of` found."""

    def __init__(self, mentions: Iterable[Ment], w: NameWords) -> None:
        self.by_acronym: dict[str, list[Ment]] = {}
        keys: dict[str, frozenset[str]] = {}
        for m in mentions:
            if " " not in m.text:
                continue
            if m.text not in keys:
                keys[m.text] = w.acronym_keys(m.text)
            for key in keys[m.text]:
                self.by_acronym.setdefault(key, []).append(m)
        self.expansion: dict[str, Ment | None] = {}
        self._names: dict[str, int] = {}

    def names(self, acronym: str) -> int:
        """How many different names ``acronym`` spells."""
        if acronym not in self._names:
            self._names[acronym] = len({m.text for m in self.spelled_by(acronym)})
        return self._names[acronym]

    def spelled_by(self, acronym: str) -> list[Ment]:
        """The mentions whose names ``acronym`` spells, in the order given."""
        acr = acronym.replace(".", "").upper()
        return self.by_acronym.get(acr, []) if len(acr) >= 2 else []


def acronym_of(m: Ment, others: list[Ment], w: NameWords, spelled: Spelled | None = None) -> Ment | None:
    """The expansion an acronym mention stands for, among ``others`` (one with matching initials); ``spelled``:
    ``Spelled(others)``, when the caller asks for many mentions."""
    if not is_acronym(m.text):
        return None
    spelled = spelled if spelled is not None else Spelled(others, w)
    if m.text not in spelled.expansion:  # an acronym has no space, so it is never among its own candidates
        cands = [o for o in spelled.spelled_by(m.text) if m.text not in o.text.split()]
        spelled.expansion[m.text] = cands[0] if len({o.text for o in cands}) == 1 else None
    return spelled.expansion[m.text]


def _particle_at(doc: Doc, i: int, w: NameWords) -> int:
    """Tokens a name particle takes at token ``i`` before the next name word: 2 for "al -", "Abu -", 1 for a
    lower-case "bin", "ould", "van", "de" (``spaced_particles``; never "at" or "as"); 0 when there is none."""
    if i >= len(doc) or doc[i].lower_ not in w.particles:
        return 0
    glued = i + 1 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_
    if glued:
        return 2
    return 1 if doc[i].text in w.spaced_particles and not doc[i].is_sent_end else 0


def join_particles(doc: Doc, found: list[Ment], w: NameWords) -> list[Ment]:
    """Keep a name's particles inside it: "Youmna al-Sayed" tagged "Youmna al" + "Sayed" (or "Youmna" alone)
    is one PERSON over the particle and the name word after it; a mention the joined one covers goes."""
    by_start = {m.t0: m for m in found}
    gone: set[int] = set()
    for m in found:
        if m.label != "PERSON" or id(m) in gone:
            continue
        t1 = m.t1
        while True:
            last = doc[t1 - 1]
            if last.lower_ in w.particles and t1 < len(doc) and doc[t1].text == "-" and not last.whitespace_:
                nxt = t1 + 1  # "Youmna al" + "-Sayed"
            else:
                n = _particle_at(doc, t1, w)
                nxt = t1 + n if n else -1
            if nxt < 0 or nxt >= len(doc) or not doc[nxt].text[:1].isupper() or not doc[nxt].is_alpha:
                break
            other = by_start.get(nxt)
            if other is not None and other is not m:
                gone.add(id(other))
            t1 = other.t1 if other is not None and other is not m else nxt + 1
        if t1 != m.t1:
            m.t1, m.end = t1, doc[t1 - 1].idx + len(doc[t1 - 1].text)
            m.text = doc_text(doc)[m.start : m.end]
            m.titles, m.name_words = [], []
            _person_words(doc, m, w)
    return [m for m in found if id(m) not in gone]


def join_bracketed(doc: Doc, found: list[Ment]) -> None:
    """"(prime minister Benjamin) Netanyahu": a given name that closes a bracket right before a surname is one
    person with it; both mentions get the full name's words (and so cluster as one)."""
    text = doc_text(doc)
    for a, b in zip(found, found[1:], strict=False):
        if a.label == b.label == "PERSON" and len(a.name_words) == 1 and len(b.name_words) == 1 and \
                text[a.end : b.start].strip() == ")":
            a.name_words = b.name_words = [a.name_words[0], b.name_words[0]]


def collect(doc: Doc, w: NameWords, gaz: Gazetteer) -> tuple[list[Ment], dict[str, str]]:
    """Every name mention in the Doc's name-bearing blocks, in text order; and acronym -> expansion text."""
    ranges = Intervals(name_ranges(doc))
    found = join_particles(doc, ner_mentions(doc, ranges, w, gaz), w)
    join_bracketed(doc, found)
    found = curated_mentions(doc, ranges, found, gaz)
    return acronym_mentions(doc, ranges, found, w)


def possessor_before(doc: Doc, m: Ment, found_by_end: dict[int, Ment]) -> Ment | None:
    """The mention written as a possessor right before ``m`` ("Gaza's" in "Gaza's Health Ministry")."""
    if m.t0 < 2 or doc[m.t0 - 1].text not in POSSESSIVE_TOKENS:
        return None
    return found_by_end.get(doc[m.t0 - 2].idx + len(doc[m.t0 - 2].text))
