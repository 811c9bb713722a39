"""The words of a numeric claim: the number group and its value, its qualifier, and what makes a number no claim.

All word lists live in ``data/claim_nouns.json``. Values read digits ("1,910", "5bn"), Indian grouping
("2,73,810"), a thousands group split by a stray space ("8, 794,726"), a currency glued to the number ("N27.5"),
number words ("twenty-five", "six") and scale words ("1.2 million", "2.73 lakh", "12.38 crore").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...data import load
from ..common import doc_text

NUM = r"\d{1,3}(?:,\d{2})*,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DIGITS = re.compile(rf"^(?P<num>{NUM})(?P<suffix>bn|mn|m|k|tn|b)?$", re.IGNORECASE)
GLUED = re.compile(rf"^(?P<cur>N|Rs\.?|US\$|\u20a6)(?P<num>{NUM})$")
GROUP3 = re.compile(r"^\d{3}(?:,\d{3})*$")
CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")
YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")



@dataclass(frozen=True)
class ClaimWords:
    """The claim tables of ``data/claim_nouns.json`` as loaded (read-only): what ``claimvalues`` (numbers,
    qualifiers, what is not a claim), ``claimcats`` (categories) and ``claimsource`` (reporting verbs, words
    that cannot be a source) read. The pipeline builds it from its config (``presslens.claim_words.v1``) and
    hands it to ``find_claims``, which passes it down: no module reads the tables by itself."""

    tables: dict[str, Any]
    _by_field: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def table(self, name: str) -> dict[str, str]:
        """Word -> category for one field of the categories ("verbs", "nouns", "adjectives")."""
        if name not in self._by_field:
            self._by_field[name] = {w: cat for cat, entry in self.tables["categories"].items() for w in entry[name]}
        return self._by_field[name]

    @cached_property
    def vague_phrases(self) -> list[tuple[str, float]]:
        return sorted(((k, float(v)) for k, v in self.tables["vague"].items()), key=lambda kv: -len(kv[0]))

    @cached_property
    def number_words(self) -> frozenset[str]:
        """Words that can start a number group (a cheap test before the full parse of one)."""
        return frozenset(self.tables["word_numbers"]) | {k.split()[0] for k, _ in self.vague_phrases} | {"a", "an"}


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The package's claim words (``data/claim_nouns.json``), loaded on first use (the default config)."""
    return ClaimWords(load("claim_nouns.json"))


def may_start(tok: Token, w: ClaimWords) -> bool:
    return tok.like_num or tok.text[:1].isdigit() or tok.lower_ in w.number_words or bool(GLUED.match(tok.text))


def number_value(tok: Token, w: ClaimWords) -> tuple[float, float, str | None] | None:
    """(value, multiplier, glued currency) of a number token: digits, "N27.5", a word ("three")."""
    d = w.tables
    low = tok.lower_
    m = DIGITS.match(low)
    if m:
        value = float(m["num"].replace(",", ""))
        mult = float(d["multipliers"].get((m["suffix"] or "").lower(), 1)) if m["suffix"] else 1.0
        return value, mult, None
    g = GLUED.match(tok.text)
    if g:
        return float(g["num"].replace(",", "")), 1.0, str(d["currency_prefixes"].get(g["cur"], "USD"))
    if low in d["word_numbers"]:
        return float(d["word_numbers"][low]), 1.0, None
    if "-" in low and all(p in d["word_numbers"] for p in low.split("-")):  # "twenty-five"
        return float(sum(d["word_numbers"][p] for p in low.split("-"))), 1.0, None
    return None


def money_context(doc: Doc, i: int, w: ClaimWords) -> bool:
    """Whether the number at token i is money: a currency before it or just after it ("5m euros")."""
    currencies = w.tables["currencies"]
    if i > 0 and doc[i - 1].lower_ in currencies or GLUED.match(doc[i].text):
        return True
    return any(t.lemma_.lower() in currencies or t.lower_ in currencies for t in doc[i + 1 : min(len(doc), i + 3)])


def _stray_group(doc: Doc, j: int, sent: Span) -> int | None:
    """Token index of "794,726" in "8, 794,726" (a thousands group split by a stray space), or None."""
    if j + 2 >= sent.end or doc[j].whitespace_ or doc[j + 1].text != "," or not doc[j + 1].whitespace_:
        return None
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})*", doc[j].text) or not GROUP3.match(doc[j + 2].text):
        return None
    return j + 2


def group(sent: Span, i: int, w: ClaimWords) -> tuple[int, int, float, bool, str | None] | None:
    """The number group starting at token i: (first, last token index, value, vague, glued currency)."""
    doc = sent.doc
    d = w.tables
    tok = doc[i]
    low = tok.lower_
    for phrase, least in w.vague_phrases:  # "dozens", "hundreds of thousands"
        words = phrase.split()
        if low == words[0] and i + len(words) <= sent.end and [t.lower_ for t in doc[i : i + len(words)]] == words:
            return i, i + len(words) - 1, least, True, None
    if low in ("a", "an") and i + 1 < sent.end and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion"):
        word = doc[i + 1].lower_
        return i, i + 1, 12.0 if word == "dozen" else float(d["multipliers"][word]), False, None
    nv = number_value(tok, w)
    if nv is None or low in ("dozen", "half") or low in d["multipliers"]:
        return None
    value, mult, currency = nv
    j = i
    stray = _stray_group(doc, i, sent)
    if stray is not None:
        value, j = float((tok.text + doc[stray].text).replace(",", "")), stray
    words = d["word_numbers"]
    if low in words and j + 2 < sent.end and doc[j + 1].text == "-" and not tok.whitespace_ and doc[j + 2].lower_ in words:
        if words[low] % 10 == 0 and 20 <= words[low] <= 90 and words[doc[j + 2].lower_] < 10:
            value, j = value + float(words[doc[j + 2].lower_]), j + 2  # "twenty - three" as the tokenizer split it
    counted = i + 1 < sent.end and doc[i + 1].pos_ == "NOUN" and doc[i + 1].lower_ not in w.tables["units"]
    if mult in (1e6, 1e3) and not money_context(doc, i, w) and not counted:
        mult = 1.0  # "60m hurdles", "10k run": metres and kilometres unless money is meant
    total, seen = value * mult, set()
    while j + 1 < sent.end:  # "two hundred", "1.2 million", "2.73 lakh", "5 bn"
        word = doc[j + 1].lower_.rstrip(".")
        m = d["multipliers"].get(word)
        if m is None or word in seen or word == "b" or (word in ("m", "k") and not money_context(doc, i, w)):
            break
        if len(word) > 1 or word in ("m", "k"):
            total, j = total * float(m), j + 1
            seen.add(word)
            continue
        break
    while j + 1 < sent.end and doc[j + 1].lower_.rstrip(".") in seen:
        j += 1  # "8 crore crore": a repeated scale word is a typo, not a second scale
    return i, j, total, False, currency


def qualifier(doc: Doc, first: int, sent: Span, w: ClaimWords) -> tuple[str | None, int]:
    """The qualifier words just before token ``first`` (skipping a currency sign): (qualifier, its first token)."""
    quals = w.tables["qualifiers"]
    k = first
    if k - 1 >= sent.start and (doc[k - 1].tag_ == "$" or doc[k - 1].lower_ in w.tables["currencies"]):
        k -= 1
    for n in (3, 2, 1):
        if k - n < sent.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[k - n : k])
        if phrase in quals:
            if phrase in ("over", "under", "some", "just", "only") and n == 1 and doc[k - 1].pos_ not in ("ADV", "ADP", "DET", "ADJ"):
                continue
            return str(quals[phrase]), k - n
    return None, first


def verb_qualifier(tok: Token, w: ClaimWords) -> str | None:
    """"fatalities topped 400", "the toll has exceeded 700": the verb whose object the number is."""
    head = tok
    while head.dep_ in ("nummod", "quantmod", "compound", "pobj", "prep") and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("dobj", "attr", "npadvmod") and head.head.pos_ in ("VERB", "AUX"):
        return w.tables["qualifier_verbs"].get(head.head.lemma_.lower())
    return None


def _after(doc: Doc, last: int, n: int) -> str:
    end = doc[last].idx + len(doc[last].text)
    return doc_text(doc)[end : end + n].lower()


def is_no_claim(doc: Doc, first: int, last: int, sent: Span, w: ClaimWords) -> bool:
    """Ages, family sizes, clock times, labels and measures' numbers, numbers inside names: no claim."""
    d = w.tables
    nxt = doc[last + 1] if last + 1 < sent.end else None
    prev = doc[first - 1] if first - 1 >= sent.start else None
    tok = doc[first]
    if _after(doc, last, 10).startswith(("-year-old", "-years-old", " years old", " year old", "-month-old", " months old")):
        return True
    if nxt is not None:
        if nxt.text == "-" and last + 2 < sent.end and doc[last + 2].is_alpha:
            return True  # "one-off", "three-day": a number inside a compound adjective
        if nxt.lower_ in d["not_counts"] or nxt.text in (":", "-", "–", "=") and last + 2 < sent.end and doc[last + 2].like_num:
            return True
        if nxt.text == "=":
            return True  # "($1 = 1.0155 euros)": an exchange-rate footnote
    if prev is not None:
        if prev.text == "=" or prev.lower_ in ("aged", "age", "ages") or prev.lower_ in d["label_before"]:
            return True
        if prev.text in (":", "-", "–") and first - 2 >= sent.start and doc[first - 2].like_num:
            return True
        if prev.lower_ == "of" and first - 2 >= sent.start and doc[first - 2].lower_ in d["kin_of"]:
            return True  # "mother of 11 children", "father of five": a family size
        # "Resolution 242", "Flight 370": a noun directly before the number it labels
        percent = nxt is not None and nxt.lower_ in d["percent_words"] or prev.lower_ in d["currencies"]
        if prev.pos_ in ("PROPN", "NOUN") and doc[last].head.i == prev.i and doc[last].dep_ in ("nummod", "appos", "npadvmod", "compound") and not percent:
            return True
        if prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i == last:
            return True
    if CLOCK.match(tok.text) and prev is not None and prev.lower_ in ("at", "around", "about", "by", "until", "from", "before", "after"):
        return True  # "around 03.00": a clock time
    # "Five Live", "Channel Four": a capitalised number word inside a name the NER missed
    if tok.is_alpha and tok.is_title and first > sent.start and nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
        return True
    if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
        return True  # "John Smith, 45, said"
    if tok.lower_ == "one" and (tok.dep_ != "nummod" or (nxt is not None and nxt.lower_ == "of")):
        return True  # "one of the ...", the pronoun "one"
    return False


def is_year(tok: Token) -> bool:
    return bool(YEAR.match(tok.text))
