"""Where the numbers of a sentence are and what they are: a number group's value ("1,910", "three",
"dozens", "1.2 million", "$5bn"), its qualifier ("at least"), unit ("40 miles") or currency, and the numbers
that count nothing (ages, labels, years, names)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..common import NAME_LABELS, TIME_LABELS, doc_text
from .claimwords import ClaimWords

DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>bn|mn|m|k|tn|b)?$", re.IGNORECASE)
SKIP_LABELS = TIME_LABELS | {"ORDINAL"}


def number_value(tok: Token, w: ClaimWords) -> tuple[float, float] | None:
    """(value, multiplier) of a number token: digits ("1,910", "5bn") or a word ("three", "million")."""
    low = tok.lower_
    m = DIGITS.match(low)
    if m:
        value = float(m["num"].replace(",", ""))
        mult = float(w.multipliers.get((m["suffix"] or "").lower(), 1)) if m["suffix"] else 1.0
        return value, mult
    if low in w.word_numbers:
        return float(w.word_numbers[low]), 1.0
    if "-" in low:  # "twenty-five"
        parts = low.split("-")
        if all(p in w.word_numbers for p in parts):
            return float(sum(w.word_numbers[p] for p in parts)), 1.0
    return None


def skip_token(tok: Token, date_spans: list[tuple[int, int]]) -> bool:
    """A token no claim starts at: inside a date, a time, an ordinal or a name."""
    if tok.ent_type_ in SKIP_LABELS or tok.ent_type_ in NAME_LABELS:
        return True
    start = tok.idx
    return any(s <= start < e for s, e in date_spans)


def number_group(sent: Span, i: int, w: ClaimWords) -> tuple[int, int, float, bool] | None:
    """The number group starting at token i: (first, last token index, value, vague) or None."""
    doc = sent.doc
    tok = doc[i]
    low = tok.lower_
    # vague plurals: "dozens", "hundreds of thousands", "tens of thousands"
    for phrase, least in w.vague if low in w.vague_first else ():
        words = phrase.split()
        if [t.lower_ for t in doc[i : i + len(words)]] == words and i + len(words) <= sent.end:
            return i, i + len(words) - 1, float(least), True
    if low in ("a", "an") and i + 1 < sent.end and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion"):
        word = doc[i + 1].lower_
        return i, i + 1, 12.0 if word == "dozen" else float(w.multipliers[word]), False
    nv = number_value(tok, w)
    if nv is None or low in ("dozen", "half") or low in w.multipliers:
        return None
    value, mult = nv
    if mult in (1e6, 1e3) and not money_context(doc, i, w):
        mult = 1.0  # "60m hurdles", "10k run": metres and kilometres unless money is meant
    j = i
    total = value * mult
    # "two hundred", "1.2 million", "twenty-five thousand", "5 bn"
    while j + 1 < sent.end:
        nxt = doc[j + 1]
        m = w.multipliers.get(nxt.lower_.rstrip("."))
        if m is not None and nxt.lower_.rstrip(".") in ("m", "k") and not money_context(doc, i, w):
            break
        if m is not None and (len(nxt.text) > 1 or nxt.lower_ in ("m", "k")) and nxt.lower_ not in ("b",):
            total *= float(m)
            j += 1
            continue
        break
    return i, j, total, False


def money_context(doc: Doc, i: int, w: ClaimWords) -> bool:
    """Whether the number at token i is an amount of money: a currency sign or word before it, or a currency
    word just after ("5m euros"). NER's MONEY alone is not enough ("won 200m gold" is a race)."""
    currencies = w.currencies
    if i > 0 and doc[i - 1].lower_ in currencies:
        return True
    return any(t.lemma_.lower() in currencies or t.lower_ in currencies for t in doc[i + 1 : min(len(doc), i + 3)])


def unit_of(doc: Doc, last: int, sent: Span, money: bool, w: ClaimWords) -> tuple[str | None, int]:
    """A measure's unit ("1,500m", "40 miles"): (unit, the unit's last token), or (None, last)."""
    if money:
        return None, last
    m = DIGITS.match(doc[last].lower_)
    if m and m["suffix"] and m["suffix"].lower() in ("m", "k"):
        return m["suffix"].lower(), last
    if last + 1 < sent.end and doc[last + 1].lower_.rstrip(".") in w.units:
        return doc[last + 1].lower_.rstrip("."), last + 1
    return None, last


def qualifier_of(doc: Doc, first: int, sent: Span, w: ClaimWords) -> tuple[str | None, int]:
    """The qualifier words just before token ``first`` (skipping a currency sign): (qualifier, its first token)."""
    quals = w.qualifiers
    k = first
    if k - 1 >= sent.start and doc[k - 1].tag_ == "$":
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


def is_age_or_name(doc: Doc, first: int, last: int, sent: Span, w: ClaimWords) -> bool:
    """A number that counts nothing: an age, a label ("Flight 370"), a score, a year, part of a name, "one of"."""
    nxt = doc[last + 1] if last + 1 < sent.end else None
    prev = doc[first - 1] if first - 1 >= sent.start else None
    if nxt is not None:
        after = doc_text(doc)[doc[last].idx + len(doc[last].text) : doc[last].idx + len(doc[last].text) + 10].lower()
        if after.startswith(("-year-old", "-years-old", " years old", " year old", "-month-old", " months old")):
            return True
        if nxt.text == "-" and last + 2 < sent.end and doc[last + 2].is_alpha:
            return True  # "one-off", "three-day": a number inside a compound adjective
        if nxt.lower_ in w.not_counts or nxt.text in (":", "-", "–") and last + 2 < sent.end and doc[last + 2].like_num:
            return True
    if prev is not None:
        if prev.lower_ in ("aged", "age", "no.", "number", "#", "ages") or prev.text in (":", "-", "–") and first - 2 >= sent.start and doc[first - 2].like_num:
            return True
        # "Resolution 242", "Flight 370", "page 5": a noun directly before the number it labels
        if prev.pos_ in ("PROPN", "NOUN") and doc[last].head.i == prev.i and doc[last].dep_ in ("nummod", "appos", "npadvmod", "compound"):
            return True
        if prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i == last:
            return True
    tok = doc[first]
    # "Five Live", "Channel Four": a capitalised number word inside a name the NER missed
    if tok.is_alpha and tok.is_title and first > sent.start and nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
        return True
    # "John Smith, 45, said": a bare number in apposition to a person
    if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
        return True
    if DIGITS.match(tok.lower_) and re.fullmatch(r"1[89]\d\d|20\d\d", tok.text) and tok.head.pos_ != "NOUN":
        return True  # a bare year the NER missed
    if tok.lower_ == "one" and (tok.dep_ not in ("nummod",) or (nxt is not None and nxt.lower_ == "of")):
        return True  # "one of the ...", the pronoun "one"
    return False
