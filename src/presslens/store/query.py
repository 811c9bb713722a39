"""The search query language, translated into a safe FTS5 MATCH expression, with spelling variants folded.

Words are ANDed; ``"a phrase"`` matches a phrase, ``word*`` a prefix, ``-word`` excludes, ``OR`` between two
terms allows either, and ``title:``, ``text:`` or ``quotes:`` before a word or phrase searches that field
only. Every term is quoted before it reaches FTS5, so punctuation in a query cannot become FTS5 syntax.

Folding, so that a search finds what an analyst means whichever way an outlet writes it:

- Case and diacritics: the FTS5 tokenizer (``unicode61 remove_diacritics 2``, with Porter stemming) folds the
  index and the query the same way ("Sao Paulo" finds "São Paulo").
- Hyphens and spaces in compounds: the tokenizer splits "cease-fire" into "cease fire", so a hyphenated or
  spaced compound is the phrase of its parts, and a joined one ("ceasefire") is one token. A query word is
  therefore searched as itself OR each way of splitting it into a phrase (parts of 3+ letters, or an Arabic
  article or particle and 3+ letters: "alQuds" -> "al quds"); a hyphenated word or a phrase also as its
  parts joined; two neighbouring words also as one ("cease fire" -> ceasefire). Variants that occur nowhere
  cost one index look-up and match nothing; the price is a rare false match where the split is a phrase of
  its own ("nowhere" also finds "now here"), and Porter stemming applies to the parts ("ceased firing").

A query the engine cannot take is refused with a coded error instead of an empty result: nothing to search
for (PL130), only exclusions (PL131), an unknown field (PL132).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import PresslensError

TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?"([^"]*)"?|(\S+)')
FIELD_WORD = re.compile(r"^([A-Za-z]+):(?!//)(\S+)$")
FIELDS = {"title": "title", "text": "text", "body": "text", "quotes": "quotes", "quote": "quotes"}
KEEP = re.compile(r"[^\w'’.-]+")  # what a query word keeps (the tokenizer splits on the rest anyway)
JOINERS = re.compile(r"-")  # only hyphens: "Sa'id" joined would be "said", "U.S." "us"
SPLIT_MIN = 3  # letters on each side of a split compound ("cease|fire", "air|strike", "gun|fire")
SPLIT_FROM = 7  # letters a word needs to be split ("gunfire"; not "floods" into "flo ods")
# Arabic articles and particles written joined, hyphenated or spaced ("alQuds", "al-Quds", "al Quds")
PARTICLES = ("al", "el", "abu", "bin", "ibn", "abd", "abdel", "abdul")
PAIR_JOIN_MAX = 6  # words of a phrase up to which each neighbouring pair is also tried joined


@dataclass
class Term:
    """One parsed query term: a word, a phrase or a prefix, with its field and its place in the query."""

    words: list[str]
    prefix: bool = False
    negative: bool = False
    column: str | None = None
    or_prev: bool = False
    plain: bool = False  # one word, no punctuation: a candidate for joining with its neighbours
    joins: list[str] = field(default_factory=list)


def quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fold(word: str) -> str:
    """Case-folded, without diacritics (what the tokenizer compares)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clean(text: str) -> list[str]:
    return KEEP.sub(" ", text).split()


def _column(name: str | None) -> str | None:
    if name is None:
        return None
    col = FIELDS.get(name.lower())
    if col is None:
        raise PresslensError("PL132", field=name, fields=", ".join(f"{f}:" for f in ("title", "text", "quotes")))
    return col


def parse(query: str) -> list[Term]:
    """The query's terms in order (PL132 for an unknown field); words without letters or digits are dropped."""
    terms: list[Term] = []
    pending_or = False
    for m in TOKEN.finditer(query):
        neg, col, phrase, word = m.group(1) == "-", m.group(2), m.group(3), m.group(4)
        if word is not None:
            if word == "OR" and terms and not terms[-1].negative:
                pending_or = True
                continue
            neg = word.startswith("-") and len(word) > 1
            word = word[1:] if neg else word
            fm = FIELD_WORD.match(word)
            if fm:
                col, word = fm.group(1), fm.group(2)
            prefix = word.endswith("*")
            words = _clean(word.rstrip("*"))
            term = Term(words, prefix=prefix and len(words) == 1, negative=neg, column=_column(col))
            term.plain = len(words) == 1 and not prefix and words[0].isalnum()
        else:
            term = Term(_clean(phrase or ""), negative=neg, column=_column(col))
            term.words = [" ".join(term.words)] if term.words else []
        if not any(re.search(r"\w", w) for w in term.words):
            continue
        term.or_prev = pending_or and not term.negative
        pending_or = False
        terms.append(term)
    return terms


def splits(word: str) -> list[str]:
    """The phrases a joined compound may also be written as: "ceasefire" -> ["ceas efire", "cease fire"]."""
    w = fold(word)
    if not w.isalpha():
        return []
    out = [f"{w[:i]} {w[i:]}" for i in range(SPLIT_MIN, len(w) - SPLIT_MIN + 1)] if len(w) >= SPLIT_FROM else []
    out += [f"{p} {w[len(p):]}" for p in PARTICLES if w.startswith(p) and len(w) - len(p) >= SPLIT_MIN]
    return list(dict.fromkeys(out))


def phrase_variants(phrase: str) -> list[str]:
    """A phrase and the ways of writing it with a compound joined: "cease-fire deal" -> + "ceasefire deal";
    "cease fire deal" -> + "ceasefire deal", "cease firedeal"."""
    out = [phrase]
    joined = " ".join(JOINERS.sub("", w) for w in phrase.split())
    words = joined.split()
    out.append(joined)
    if 1 < len(words) <= PAIR_JOIN_MAX:
        out += [" ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]]) for i in range(len(words) - 1)]
    return [v for v in dict.fromkeys(out) if v.strip()]


def _leaves(term: Term) -> list[str]:
    """The FTS5 phrases whose any match satisfies ``term``."""
    if term.prefix:
        return [quote(term.words[0]) + "*"]
    if len(term.words) > 1:  # a word the tokenizer splits in several ("U.S.A", "x/y"): all of its parts
        return ["(" + " AND ".join(quote(w) for w in term.words) + ")"]
    leaves = [quote(v) for v in phrase_variants(term.words[0])]
    if term.plain:
        leaves += [quote(s) for s in splits(term.words[0])]
    leaves += [quote(j) for j in term.joins]
    return list(dict.fromkeys(leaves))


def _expr(term: Term) -> str:
    leaves = _leaves(term)
    expr = leaves[0] if len(leaves) == 1 else "(" + " OR ".join(leaves) + ")"
    return f"{term.column} : {expr}" if term.column else expr


def _join_neighbours(terms: list[Term]) -> None:
    """Two neighbouring plain words of one field may be one compound: each also matches the two joined."""
    for a, b in zip(terms, terms[1:], strict=False):
        if a.plain and b.plain and not (a.negative or b.negative or b.or_prev) and a.column == b.column:
            joined = a.words[0] + b.words[0]
            a.joins.append(joined)
            b.joins.append(joined)


def fts_query(query: str) -> str:
    """Translate the user's query into a safe FTS5 MATCH expression ('' when there is nothing to search)."""
    terms = parse(query)
    _join_neighbours(terms)
    positive: list[str] = []
    negative: list[str] = []
    for term in terms:
        expr = _expr(term)
        if term.negative:
            negative.append(expr)
        elif term.or_prev and positive:
            positive[-1] = f"({positive[-1]} OR {expr})"
        else:
            positive.append(expr)
    if not positive:
        return ""
    out = " AND ".join(positive)
    for expr in negative:
        out = f"{out} NOT {expr}"
    return out


def match_expression(query: str) -> str:
    """``fts_query`` for a search: PL130 when a non-empty query has nothing to search for, PL131 when it
    only excludes; '' for an empty query (filters alone)."""
    if not query.strip():
        return ""
    expr = fts_query(query)
    if expr:
        return expr
    if any(t.negative for t in parse(query)):
        raise PresslensError("PL131", query=query)
    raise PresslensError("PL130", query=query)
