"""Pure string helpers for names: folding, honorifics and titles, surnames, the one spelling matcher
(:func:`spelled_alike`), acronyms.

Nothing here knows spaCy; the entities, titles and speaker code call these on mention texts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u02bc": "'"})
POSSESSIVE = re.compile(r"(?:'s|')$")


@dataclass(frozen=True)
class Words:
    honorifics: frozenset[str]
    titles: tuple[tuple[str, ...], ...]  # each title as words, longest first
    titles_by_first: dict[str, tuple[tuple[str, ...], ...]]
    titles_by_last: dict[str, tuple[tuple[str, ...], ...]]
    role_nouns: frozenset[str]
    org_heads: frozenset[str]
    gpe_scoped_heads: frozenset[str]
    particles: frozenset[str]
    acronym_skip: frozenset[str]
    label_fixes: dict[str, str]
    title_abbreviations: dict[str, str]


@lru_cache(maxsize=1)
def words() -> Words:
    """The word lists of data/entity_words.json, loaded once."""
    raw = json.loads(resources.files("presslens").joinpath("data/entity_words.json").read_text(encoding="utf-8"))
    titles = sorted({tuple(t.split()) for t in raw["titles"]}, key=len, reverse=True)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for t in titles:
        by_first.setdefault(t[0], []).append(t)
        by_last.setdefault(t[-1], []).append(t)
    return Words(
        honorifics=frozenset(raw["honorifics"]),
        titles=tuple(titles),
        titles_by_first={k: tuple(v) for k, v in by_first.items()},
        titles_by_last={k: tuple(v) for k, v in by_last.items()},
        role_nouns=frozenset(r.lower() for r in raw["role_nouns"]),
        org_heads=frozenset(raw["org_heads"]),
        gpe_scoped_heads=frozenset(raw["gpe_scoped_heads"]),
        particles=frozenset(raw["name_particles"]),
        acronym_skip=frozenset(raw["acronym_skip"]),
        label_fixes=dict(raw["label_fixes"]),
        title_abbreviations=dict(raw["title_abbreviations"]),
    )


def title_key(title: str) -> str:
    """A title made comparable: abbreviations spelt out, case folded ('Sen.' ~ 'senator')."""
    return words().title_abbreviations.get(title, title).casefold()


def fold(text: str) -> str:
    """Curly quotes to straight ones, white space collapsed."""
    return " ".join(text.translate(_QUOTES).split())


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


def split_name(words_: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Split the words of a person mention into (titles, honorifics, name words).

    Titles and honorifics are taken from the front only: 'Major General Hossein Salami' ->
    (['Major General'], [], ['Hossein', 'Salami']); 'Ayatollah Seyyed Ali Khamenei' ->
    (['Ayatollah'], ['Seyyed'], ['Ali', 'Khamenei']). At least one name word is always kept.
    """
    w = words()
    titles: list[str] = []
    honorifics: list[str] = []
    i = 0
    while i < len(words_) - 1:
        if words_[i] in w.honorifics:
            honorifics.append(words_[i])
            i += 1
            continue
        n = title_at(words_, i)
        if n and i + n < len(words_):
            titles.append(" ".join(words_[i : i + n]))
            i += n
            continue
        break
    return titles, honorifics, words_[i:]


def title_at(words_: list[str], i: int) -> int:
    """Length (in words) of the longest known title starting at words_[i], 0 when none."""
    if i >= len(words_):
        return 0
    for title in words().titles_by_first.get(words_[i], ()):
        n = len(title)
        if tuple(words_[i : i + n]) == title:
            return n
    return 0


def title_before(words_: list[str], end: int) -> int:
    """Length of the longest known title ending just before index ``end``, 0 when none."""
    if end <= 0:
        return 0
    for title in words().titles_by_last.get(words_[end - 1], ()):
        n = len(title)
        if end - n >= 0 and tuple(words_[end - n : end]) == title:
            return n
    return 0


def surname_key(name_words: list[str]) -> str:
    """The comparable surname of a person's name words: last word, particles ('al-', 'bin') dropped, folded."""
    if not name_words:
        return ""
    last = name_words[-1].translate(_QUOTES)
    parts = [p for p in re.split(r"[-']", last) if p]
    particles = words().particles
    while len(parts) > 1 and parts[0].lower() in particles:
        parts = parts[1:]
    return "-".join(parts).casefold()


def word_key(word: str) -> str:
    """A single name word made comparable the same way as :func:`surname_key`."""
    return surname_key([word])


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


def initials(name: str) -> str:
    """Initials of a name's significant words: 'Islamic Revolution Guards Corps' -> 'IRGC'."""
    skip = words().acronym_skip
    out = []
    for word in re.split(r"[\s\-]+", strip_the(name)):
        if word and word.lower() not in skip and word[0].isalpha():
            out.append(word[0].upper())
    return "".join(out)


def acronym_matches(acronym: str, name: str) -> bool:
    """True when ``acronym`` spells the initials of ``name`` (all words, or skipping the small ones)."""
    acr = acronym.replace(".", "").upper()
    if len(acr) < 2:
        return False
    if initials(name) == acr:
        return True
    every = "".join(w[0].upper() for w in re.split(r"[\s\-]+", strip_the(name)) if w and w[0].isalpha())
    return every == acr


_IRREGULAR_PLURALS = {"spokesmen": "spokesman", "chairmen": "chairman", "women": "woman", "men": "man",
                      "chiefs": "chief", "chiefs of staff": "chief of staff"}


def singular(noun: str) -> str:
    """Singular of a role noun ('leaders' -> 'leader', 'spokesmen' -> 'spokesman', 'secretaries' -> 'secretary')."""
    low = noun.lower()
    if low in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[low]
    if low.endswith("ies") and len(low) > 4:
        return noun[:-3] + "y"
    if low.endswith("ss") or not low.endswith("s"):
        return noun
    return noun[:-1]
