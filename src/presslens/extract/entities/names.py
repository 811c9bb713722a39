"""Pure string helpers for names: a leading 'the', possessives, surnames, the one spelling matcher
(:func:`spelled_alike`), acronyms. The helpers that read word lists (titles, honorifics) are
``namewords.NameWords``'s.

Nothing here knows spaCy; the entities, titles and speaker code call these on mention texts.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
POSSESSIVE = re.compile(r"(?:'s|')$")


def strip_the(text: str) -> str:
    """Drop a leading 'the' ('the Gaza Strip' -> 'Gaza Strip')."""
    if text[:4].lower() == "the " and len(text) > 4:
        return text[4:]
    return text


def strip_possessive(text: str) -> str:
    """Drop a trailing possessive ("Iran's", "IRGC’s", "Palestinians’")."""
    folded = text.translate(_QUOTES)
    m = POSSESSIVE.search(folded)
    if m and m.start() > 0:
        return text[: m.start()]
    return text


def damerau_levenshtein(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (transpositions count 1); stops early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def typo_limit(word: str) -> int:
    """Edits allowed between a misspelt name and the name, by length: none below 5 letters, 1 up to 7, else 2."""
    n = len(word)
    if n < 5:
        return 0
    return 1 if n <= 7 else 2


def spelled_alike(a: str, b: str, limit: int) -> bool:
    """The one name matcher: ``a`` and ``b`` start with the same letter and lie at most ``limit`` edits apart
    (insertions, deletions, substitutions, swaps of neighbours)."""
    return a[:1] == b[:1] and damerau_levenshtein(a, b, limit) <= limit


def is_typo_of(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are two spellings of one name: not equal, alike within :func:`typo_limit`."""
    a, b = a.casefold(), b.casefold()
    if a == b or not a or not b:
        return False
    limit = typo_limit(min(a, b, key=len))
    return limit > 0 and spelled_alike(a, b, limit)


_TRANSLIT_STEPS = (
    (re.compile(r"[\u0300-\u036f'\u2019`-]"), ""),  # accents, apostrophes, hyphens: "Sa'id", "Al-Sayed"
    (re.compile(r"(ou|oo)"), "u"),  # Youssef ~ Yusef
    (re.compile(r"ee"), "i"),  # Sheeran ~ Shiran
    (re.compile(r"(?<=[aeiouy])[eao]h$"), "a"),  # Haniyeh ~ Haniya; Nakhalah ~ Nakhala
    (re.compile(r"(?<=[iy])e$"), "a"),  # Haniye ~ Haniya
    (re.compile(r"(?<=[aeiou])h$"), ""),  # a final h after a vowel is silent
    (re.compile(r"([b-df-hj-np-tv-z])\1"), r"\1"),  # doubled consonants: Hussein ~ Husein
    (re.compile(r"[ou]"), "u"),  # Hossein ~ Hussein
    (re.compile(r"[eiy](?![aeiou])|(?<![aeiou])y"), "i"),  # Hussein ~ Husain vowels; Yahya ~ Iahia
    (re.compile(r"([aiu])\1+"), r"\1"),  # one vowel for a run: Hossein -> husin
)
TRANSLIT_MIN = 4  # letters: shorter words are compared as written


def translit_key(word: str) -> str:
    """A name word reduced to what its transliterations share, so that spelling variants of one Arabic,
    Persian or Russian name compare equal: Haniya = Haniyeh = Haniye, Hossein = Hussein, Nakhalah = Nakhala,
    Youssef = Yusef. Accents and hyphens go, "ou"/"oo" are "u", a final "eh"/"ah" is "a", doubled consonants
    are one, o and u are one vowel, e, i and y one other, and a run of one vowel counts once. Words under four
    letters are only folded."""
    low = unicodedata.normalize("NFD", word.casefold())
    if sum(ch.isalpha() for ch in low) < TRANSLIT_MIN:
        return unicodedata.normalize("NFC", low)
    for pattern, repl in _TRANSLIT_STEPS:
        low = pattern.sub(repl, low)
    return low


def surnames(name: str) -> set[str]:
    """The forms a person's surname takes alone: "Ziyad al-Nakhalah" -> {"al-nakhalah", "nakhalah"}."""
    last = name.split()[-1].lower().strip(".,")
    out = {last}
    if "-" in last:
        out.add(last.split("-", 1)[1])
    return out


ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


def is_acronym(text: str) -> bool:
    """All-caps token of 2-8 characters (IRGC, UN, NATO, G7), dots allowed (U.S.)."""
    return bool(ACRONYM.match(text.replace(".", "")))


def one_edit(x: str, y: str) -> bool:
    """Whether two words differ by one letter changed, added or dropped."""
    if abs(len(x) - len(y)) > 1 or x == y:
        return x == y
    if len(x) == len(y):
        return sum(a != b for a, b in zip(x, y, strict=True)) == 1
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
