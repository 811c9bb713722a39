"""The words of names and titles (``data/entity_words.json``), loaded once: ``name_words()``; with the
helpers that read them (titles, surnames, initials, singular role nouns). Nothing here knows spaCy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...data import load
from .names import _QUOTES, strip_the, translit_key


@dataclass(frozen=True)
class NameWords:
    """``data/entity_words.json`` (its ``about`` says what each list is for), ready for look-ups."""

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
    place_suffixes: tuple[str, ...]
    offices: frozenset[str]
    heads: frozenset[str]
    irregular_plurals: dict[str, str]
    part_nouns: frozenset[str]
    city_nouns: frozenset[str]
    not_names: frozenset[str]
    time_zones: frozenset[str]
    headline_verbs: frozenset[str]
    rank_words: frozenset[str]
    rank_modifiers: frozenset[str]
    spaced_particles: frozenset[str]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> NameWords:
        titles = sorted({tuple(t.split()) for t in raw["titles"]}, key=len, reverse=True)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        by_last: dict[str, list[tuple[str, ...]]] = {}
        for t in titles:
            by_first.setdefault(t[0], []).append(t)
            by_last.setdefault(t[-1], []).append(t)
        return cls(
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
            place_suffixes=tuple(raw["place_suffixes"]),
            offices=frozenset(raw["offices"]),
            heads=frozenset(raw["heads"]),
            irregular_plurals=dict(raw["irregular_plurals"]),
            part_nouns=frozenset(raw["part_nouns"]),
            city_nouns=frozenset(raw["city_nouns"]),
            not_names=frozenset(x.casefold() for x in raw["not_names"]),
            time_zones=frozenset(x.casefold() for x in raw["time_zones"]),
            headline_verbs=frozenset(x.casefold() for x in raw["headline_verbs"]),
            rank_words=frozenset(x.casefold() for x in raw["rank_words"]),
            rank_modifiers=frozenset(x.casefold() for x in raw["rank_modifiers"]),
            spaced_particles=frozenset(raw["spaced_particles"]),
        )

    def is_no_name(self, text: str) -> bool:
        """Whether a span NER took for a name names nothing: a photo credit ("Edi Israel/Flash90", "Getty
        Images"), a clock time in a zone ("10:00 GMT", "EST"), or a rank on its own ("Lt.-Gen")."""
        low = " ".join(text.casefold().split())
        if low in self.not_names or re.search(r"[a-z]{2}\s*/\s*[a-z]", low):
            return True  # "Edi Israel/Flash90" (not "9/11")
        words = [x for x in re.split(r"[\s.\-]+", low) if x]
        if not words:
            return False
        if all(x in self.time_zones or not any(ch.isalpha() for ch in x) or x in ("a", "p", "am", "pm") for x in words):
            return any(x in self.time_zones for x in words)
        ranks = self.rank_words | self.rank_modifiers
        return all(x in ranks for x in words) and (len(words) > 1 or words[0] in self.rank_words)

    def title_key(self, title: str) -> str:
        """A title made comparable: abbreviations spelt out, case folded ('Sen.' ~ 'senator')."""
        return self.title_abbreviations.get(title, title).casefold()

    def split_name(self, words_: list[str]) -> tuple[list[str], list[str], list[str]]:
        """Split the words of a person mention into (titles, honorifics, name words).

        Titles and honorifics are taken from the front only: 'Major General Hossein Salami' ->
        (['Major General'], [], ['Hossein', 'Salami']); 'Ayatollah Seyyed Ali Khamenei' ->
        (['Ayatollah'], ['Seyyed'], ['Ali', 'Khamenei']). At least one name word is always kept.
        """
        titles: list[str] = []
        honorifics: list[str] = []
        i = 0
        while i < len(words_) - 1:
            if words_[i] in self.honorifics:
                honorifics.append(words_[i])
                i += 1
                continue
            n = self.title_at(words_, i)
            if n and i + n < len(words_):
                titles.append(" ".join(words_[i : i + n]))
                i += n
                continue
            break
        return titles, honorifics, words_[i:]

    def title_at(self, words_: list[str], i: int) -> int:
        """Length (in words) of the longest known title starting at words_[i], 0 when none."""
        if i >= len(words_):
            return 0
        for title in self.titles_by_first.get(words_[i], ()):
            n = len(title)
            if tuple(words_[i : i + n]) == title:
                return n
        return 0

    def title_before(self, words_: list[str], end: int) -> int:
        """Length of the longest known title ending just before index ``end``, 0 when none."""
        if end <= 0:
            return 0
        for title in self.titles_by_last.get(words_[end - 1], ()):
            n = len(title)
            if end - n >= 0 and tuple(words_[end - n : end]) == title:
                return n
        return 0

    def surname_key(self, name_words: list[str]) -> str:
        """The comparable surname of a person's name words: last word, particles ('al-', 'bin') dropped, reduced to
        its transliteration key (:func:`names.translit_key`)."""
        if not name_words:
            return ""
        last = name_words[-1].translate(_QUOTES)
        parts = [p for p in re.split(r"[-']", last) if p]
        particles = self.particles
        while len(parts) > 1 and parts[0].lower() in particles:
            parts = parts[1:]
        return translit_key("-".join(parts))  # Haniyeh ~ Haniya, Nakhalah ~ Nakhala

    def word_key(self, word: str) -> str:
        """A single name word made comparable the same way as :func:`surname_key`."""
        return self.surname_key([word])

    def initials(self, name: str) -> str:
        """Initials of a name's significant words: 'Islamic Revolution Guards Corps' -> 'IRGC'."""
        skip = self.acronym_skip
        out = []
        for word in re.split(r"[\s\-]+", strip_the(name)):
            if word and word.lower() not in skip and word[0].isalpha():
                out.append(word[0].upper())
        return "".join(out)

    def acronym_matches(self, acronym: str, name: str) -> bool:
        """True when ``acronym`` spells the initials of ``name`` (all words, or skipping the small ones)."""
        acr = acronym.replace(".", "").upper()
        return len(acr) >= 2 and acr in self.acronym_keys(name)

    def acronym_keys(self, name: str) -> frozenset[str]:
        """The acronyms that spell ``name``: its initials skipping the small words, and those of all its words."""
        every = "".join(w[0].upper() for w in re.split(r"[\s\-]+", strip_the(name)) if w and w[0].isalpha())
        return frozenset({self.initials(name), every})

    def singular(self, noun: str) -> str:
        """Singular of a role noun ('leaders' -> 'leader', 'spokesmen' -> 'spokesman', 'secretaries' -> 'secretary')."""
        low = noun.lower()
        if low in self.irregular_plurals:
            return self.irregular_plurals[low]
        if low.endswith("ies") and len(low) > 4:
            return noun[:-3] + "y"
        if low.endswith("ss") or not low.endswith("s"):
            return noun
        return noun[:-1]


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    """The package's name words (``data/entity_words.json``), loaded on first use."""
    return NameWords.from_data(load("entity_words.json"))
