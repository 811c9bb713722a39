"""Titles and roles of people, from the words before a name and from appositions after it.

- before: ranks and offices from data/entity_words.json ('Major General Hossein Salami'); an organisation
  and a role noun ('IRGC chief X' -> 'chief of the IRGC'); a capitalised role with its organisation
  ('Chief Commander of the Islamic Revolution Guards Corps (IRGC) Major General X').
- after: an apposition headed by a role noun ('X, the former commander of the IRGC’s Quds Force' ->
  'former commander of the Quds Force'); over coordinated names a plural role is spread one to one
  ('A and B, leaders of Hamas and Islamic Jihad' -> 'leader of Hamas', 'leader of Islamic Jihad').
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..common import doc_text
from .mentions import POSSESSIVE_TOKENS, Ment
from .names import is_acronym
from .namewords import NameWords

TheFn = Callable[[Ment], str]  # the way an organisation is named inside a role: 'the IRGC', 'Hamas'


def clause_start(doc: Doc, i: int, reach: int = 30) -> int:
    """The first token of the stretch before token i that no full stop or line break interrupts."""
    k = i
    while k > 0 and i - k < reach:
        prev = doc[k - 1]
        if prev.text in {".", "!", "?", ";", ":"} or "\n" in prev.text or (prev.is_quote and prev.i < i - 1):
            break
        k -= 1
    return k


def _office_word(tok: Token) -> bool:
    """A capitalised word that names a portfolio before an office ('Foreign' in 'Foreign Secretary')."""
    return (tok.is_alpha and tok.text[:1].isupper() and tok.ent_type_ in {"", "ORG"}
            and tok.pos_ in {"PROPN", "ADJ", "NOUN"})


def _is_role(word: str, w: NameWords) -> bool:
    return w.singular(word.lower()) in w.role_nouns


def _text(doc: Doc, tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def premodifier_titles(doc: Doc, m: Ment, by_end: dict[int, Ment], named: TheFn, w: NameWords) -> list[str]:
    """Titles written before a person mention, nearest first."""
    out: list[str] = []
    i = m.t0
    floor = clause_start(doc, m.t0)
    while i > floor:
        before = [doc[j].text for j in range(max(floor, i - 4), i)]
        n = w.title_before(before, len(before))
        if not n or not before[len(before) - n][:1].isupper():
            break
        title = before[len(before) - n :]
        i -= n
        k = i
        while title[-1] in w.offices and k - 1 >= floor and i - k < 3 and _office_word(doc[k - 1]):
            k -= 1
        out.append(" ".join([doc[j].text for j in range(k, i)] + title))
        i = k
    if out and out[-1].split()[-1] in w.offices | w.heads:  # 'Bank of England Governor X'
        org = by_end.get(doc[i - 1].idx + len(doc[i - 1].text)) if i > floor else None
        if org is not None and org.label in {"ORG", "GPE"}:
            out.append(f"{out[-1]} of {named(org)}")
            return out
    if i - 3 >= floor and doc[i - 1].text == ")" and doc[i - 3].text == "(" and is_acronym(doc[i - 2].text):
        i -= 3
    if i - 1 > floor and doc[i - 1].is_lower and _is_role(doc[i - 1].text, w):
        org = by_end.get(doc[i - 2].idx + len(doc[i - 2].text))
        if org is not None and org.label == "NORP":
            out.append(f"{org.text} {doc[i - 1].lower_}")
        elif org is not None and org.label in {"ORG", "GPE"}:
            out.append(f"{doc[i - 1].lower_} of {named(org)}")
        return out
    org = by_end.get(doc[i - 1].idx + len(doc[i - 1].text)) if i > floor else None
    if org is not None and org.label == "ORG":
        j = org.t0
        if j > floor and doc[j - 1].lower_ == "the":
            j -= 1
        if j > floor and doc[j - 1].lower_ in {"of", "to", "at"}:
            k = j - 1
            while k > floor and doc[k - 1].text[:1].isupper() and not doc[k - 1].is_punct:
                k -= 1
            if k < j - 1 and _is_role(doc[j - 2].text, w):
                out.append(doc_text(doc)[doc[k].idx : org.end])
    return out


def _root(doc: Doc, m: Ment) -> Token:
    for i in range(m.t0, m.t1):
        if not (m.t0 <= doc[i].head.i < m.t1):
            return doc[i]
    return doc[m.t1 - 1]


def _appos_phrase(
    doc: Doc, head: Token, stop: set[int], by_end: dict[int, Ment], by_start: dict[int, Ment], named: TheFn, w: NameWords
) -> str | None:
    """The role phrase of an apposition headed by ``head``, cut before any person it names."""
    toks = [doc[i] for i in range(head.left_edge.i, head.right_edge.i + 1)]
    for n, t in enumerate(toks):
        if t.text in {",", ";", "(", "\u2014", "--"} and t.i > head.i:  # ', which monitors ...'
            toks = toks[:n]
            break
        if t.i in stop:
            owner = by_start.get(t.idx)
            after = doc[owner.t1] if owner is not None and owner.t1 < len(doc) else None
            if after is not None and after.text in POSSESSIVE_TOKENS:
                continue  # a possessor: "Mrs. Clinton's communications director"
            toks = toks[:n]
            break
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].lower_ in {"and", "or", "the", "a", "an"}):
        toks = toks[:-1]
    while toks and toks[0].lower_ in {"a", "an", "the"}:
        toks = toks[1:]
    if not toks:
        return None
    # possessors: "Iran's legendary commander" -> "legendary commander of Iran";
    # "commander of the IRGC's Quds Force" -> "commander of the Quds Force"
    tail = ""
    for n, t in enumerate(toks):
        if t.text in POSSESSIVE_TOKENS and n > 0 and (t.idx + len(t.text)) not in by_end:
            owner = by_end.get(toks[n - 1].idx + len(toks[n - 1].text))
            first = owner.t0 if owner is not None else toks[n - 1].i
            while first > toks[0].i and (doc[first - 1].text in w.honorifics
                                         or w.title_before([doc[first - 1].text], 1)):
                first -= 1
            cut = next((k for k, x in enumerate(toks) if x.i == first), n - 1)
            if cut == 0:
                tail = f" of {named(owner) if owner is not None else toks[0].text}"
                toks = toks[n + 1 :]
            else:
                toks = toks[:cut] + toks[n + 1 :]
            break
    text = _text(doc, toks) + tail
    return text or None


def _coordinated(doc: Doc, m: Ment, by_root: dict[int, Ment]) -> list[Ment]:
    """The person mentions coordinated with ``m`` ('A and B'), in order, ``m`` included."""
    root = _root(doc, m)
    first = root
    while first.dep_ == "conj" and first.head.i in by_root and first.head.i < first.i:
        first = first.head
    group = [by_root[first.i]]
    frontier = [first]
    while frontier:
        tok = frontier.pop()
        for child in tok.children:
            if child.dep_ == "conj" and child.i in by_root:
                group.append(by_root[child.i])
                frontier.append(child)
    return sorted(group, key=lambda p: p.start) if m in group else [m]


def appositive_titles(
    doc: Doc, persons: list[Ment], by_end: dict[int, Ment], by_start: dict[int, Ment], named: TheFn, w: NameWords
) -> dict[int, list[str]]:
    """Titles from appositions after person mentions, keyed by ``id(mention)``."""
    out: dict[int, list[str]] = {}
    stop: set[int] = set()
    for p in persons:
        stop.update(range(p.t0, p.t1))
    by_root = {_root(doc, p).i: p for p in persons}
    for m in persons:
        group = _coordinated(doc, m, by_root)
        lead = group[0]
        root = _root(doc, lead)
        last = group[-1]
        for head in root.children:
            if head.dep_ != "appos" or head.i < last.t1 or not _is_role(head.text, w):
                continue
            if not any(doc[k].text == "," for k in range(last.t1, head.left_edge.i + 1)):
                continue
            if len(group) == 1 and head.tag_ in {"NNS", "NNPS"}:
                continue  # 'analysts with X' is said of a group, not of this one person
            if len(group) > 1 and head.tag_ in {"NNS", "NNPS"}:
                titles = _distribute(doc, head, len(group), by_start, named, w)
                if titles is not None:
                    out.setdefault(id(m), []).append(titles[group.index(m)])
                    continue
            phrase = _appos_phrase(doc, head, stop, by_end, by_start, named, w)
            if phrase:
                if len(group) > 1:
                    phrase = phrase.replace(head.text, w.singular(head.text), 1)
                out.setdefault(id(m), []).append(phrase)
    return out


def _distribute(doc: Doc, head: Token, n: int, by_start: dict[int, Ment], named: TheFn, w: NameWords) -> list[str] | None:
    """'leaders of Hamas and Islamic Jihad' over n names: ['leader of Hamas', 'leader of Islamic Jihad']."""
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "at", "to"}), None)
    if prep is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    heads = [pobj]
    frontier = [pobj]
    while frontier:
        tok = frontier.pop()
        for child in tok.children:
            if child.dep_ == "conj":
                heads.append(child)
                frontier.append(child)
    heads.sort(key=lambda t: t.i)
    orgs: list[str] = []
    for h in heads:
        start = h.left_edge.i
        while start <= h.i and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        m = by_start.get(doc[start].idx)
        orgs.append(named(m) if m is not None else _text(doc, [doc[k] for k in range(start, h.i + 1)]))
    if len(orgs) != n:
        return None
    mods = [t for t in head.lefts if t.dep_ in {"amod", "compound"}]
    role = " ".join([t.text for t in mods] + [w.singular(head.text)])
    return [f"{role} {prep.lower_} {org}" for org in orgs]
