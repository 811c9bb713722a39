"""extract/names.py: folding, honorifics and titles, surnames, edit distance, acronyms, plurals."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from presslens.extract.entities.names import (
    acronym_matches,
    damerau_levenshtein,
    initials,
    is_acronym,
    is_typo_of,
    singular,
    split_name,
    strip_possessive,
    strip_the,
    surname_key,
    title_at,
    title_before,
    title_key,
    words,
)


def test_word_lists_load_and_are_consistent() -> None:
    raw = json.loads(resources.files("presslens").joinpath("data/entity_words.json").read_text(encoding="utf-8"))
    for key in ["honorifics", "titles", "role_nouns", "org_heads", "gpe_scoped_heads", "name_particles",
                "acronym_skip", "label_fixes", "title_abbreviations"]:
        assert raw[key], key
    w = words()
    assert not (w.honorifics & {" ".join(t) for t in w.titles}), "a word is both an honorific and a title"
    for abbrev, full in raw["title_abbreviations"].items():
        assert tuple(full.split()) in w.titles and tuple(abbrev.split()) in w.titles, (abbrev, full)
    assert all(label in {"EVENT", "NORP", "ORG", "GPE", "LOC", "PERSON"} for label in raw["label_fixes"].values())


def test_split_name_peels_titles_and_honorifics() -> None:
    assert split_name("Major General Hossein Salami".split()) == (["Major General"], [], ["Hossein", "Salami"])
    assert split_name("Ayatollah Seyyed Ali Khamenei".split()) == (["Ayatollah"], ["Seyyed"], ["Ali", "Khamenei"])
    assert split_name(["General"]) == ([], [], ["General"])  # a name word is always kept
    assert split_name("Mr Smith".split()) == ([], ["Mr"], ["Smith"])


def test_title_lookup_longest_first() -> None:
    assert title_at("Major General X".split(), 0) == 2
    assert title_before("chief Major General".split(), 3) == 2
    assert title_at(["Hossein"], 0) == 0
    assert title_key("Sen.") == title_key("Senator")


def test_surname_key_drops_particles() -> None:
    assert surname_key(["Ziyad", "al-Nakhalah"]) == surname_key(["Nakhalah"]) == "nakhalah"
    assert surname_key(["Osama", "bin", "Laden"]) == "laden"
    assert surname_key(["Jean-Marie", "Le-Pen"]) == "pen"


def test_damerau_levenshtein() -> None:
    assert damerau_levenshtein("salami", "salmai") == 1  # one transposition
    assert damerau_levenshtein("salami", "soleimani") > 1
    assert damerau_levenshtein("abc", "abc") == 0
    assert damerau_levenshtein("kitten", "sitting") == 3


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("Salmai", "Salami", True), ("Salmai", "Soleimani", False), ("Rose", "Ross", False),
     ("Clinton", "Clinton", False), ("Karimin", "Karimian", True), ("Mlaik", "Malik", True)],
)
def test_is_typo_of(a: str, b: str, expected: bool) -> None:
    assert is_typo_of(a, b) is expected


def test_acronyms() -> None:
    assert is_acronym("IRGC") and is_acronym("U.S.") and not is_acronym("Iran") and not is_acronym("A")
    assert initials("the Islamic Revolution Guards Corps") == "IRGC"
    assert acronym_matches("IRGC", "Islamic Revolution Guards Corps")
    assert acronym_matches("NHS", "National Health Service")
    assert acronym_matches("DoD", "Department of Defense")
    assert not acronym_matches("IRGC", "Islamic Jihad")


def test_possessive_and_the() -> None:
    assert strip_possessive("Iran’s") == "Iran"
    assert strip_possessive("IRGC's") == "IRGC"
    assert strip_possessive("Palestinians’") == "Palestinians"
    assert strip_possessive("Iran") == "Iran"
    assert strip_the("the Gaza Strip") == "Gaza Strip"
    assert strip_the("Theresa May") == "Theresa May"


def test_singular() -> None:
    assert [singular(w) for w in ["leaders", "spokesmen", "secretaries", "boss", "chief"]] == [
        "leader", "spokesman", "secretary", "boss", "chief"]
