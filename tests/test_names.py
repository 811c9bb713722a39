"""extract/entities/names.py and namewords.py: folding, honorifics and titles, surnames, edit distance, acronyms, plurals."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from presslens.extract.entities.names import (
    damerau_levenshtein,
    is_acronym,
    is_typo_of,
    strip_possessive,
    strip_the,
    translit_key,
)
from presslens.extract.entities.namewords import name_words

W = name_words()


def test_word_lists_load_and_are_consistent() -> None:
    raw = json.loads(resources.files("presslens").joinpath("data/entity_words.json").read_text(encoding="utf-8"))
    for key in ["honorifics", "titles", "role_nouns", "org_heads", "gpe_scoped_heads", "name_particles",
                "acronym_skip", "label_fixes", "title_abbreviations"]:
        assert raw[key], key
    w = name_words()
    assert not (w.honorifics & {" ".join(t) for t in w.titles}), "a word is both an honorific and a title"
    for abbrev, full in raw["title_abbreviations"].items():
        assert tuple(full.split()) in w.titles and tuple(abbrev.split()) in w.titles, (abbrev, full)
    assert all(label in {"EVENT", "NORP", "ORG", "GPE", "LOC", "PERSON"} for label in raw["label_fixes"].values())


def test_split_name_peels_titles_and_honorifics() -> None:
    assert W.split_name("Major General Hossein Salami".split()) == (["Major General"], [], ["Hossein", "Salami"])
    assert W.split_name("Ayatollah Seyyed Ali Khamenei".split()) == (["Ayatollah"], ["Seyyed"], ["Ali", "Khamenei"])
    assert W.split_name(["General"]) == ([], [], ["General"])  # a name word is always kept
    assert W.split_name("Mr Smith".split()) == ([], ["Mr"], ["Smith"])


def test_title_lookup_longest_first() -> None:
    assert W.title_at("Major General X".split(), 0) == 2
    assert W.title_before("chief Major General".split(), 3) == 2
    assert W.title_at(["Hossein"], 0) == 0
    assert W.title_key("Sen.") == W.title_key("Senator")


def test_surname_key_drops_particles() -> None:
    assert W.surname_key(["Ziyad", "al-Nakhalah"]) == W.surname_key(["Nakhalah"]) == translit_key("nakhalah")
    assert W.surname_key(["Osama", "bin", "Laden"]) == translit_key("laden")
    assert W.surname_key(["Jean-Marie", "Le-Pen"]) == "pen"


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
    assert W.initials("the Islamic Revolution Guards Corps") == "IRGC"
    assert W.acronym_matches("IRGC", "Islamic Revolution Guards Corps")
    assert W.acronym_matches("NHS", "National Health Service")
    assert W.acronym_matches("DoD", "Department of Defense")
    assert not W.acronym_matches("IRGC", "Islamic Jihad")


def test_possessive_and_the() -> None:
    assert strip_possessive("Iran’s") == "Iran"
    assert strip_possessive("IRGC's") == "IRGC"
    assert strip_possessive("Palestinians’") == "Palestinians"
    assert strip_possessive("Iran") == "Iran"
    assert strip_the("the Gaza Strip") == "Gaza Strip"
    assert strip_the("Theresa May") == "Theresa May"


def test_singular() -> None:
    assert [W.singular(w) for w in ["leaders", "spokesmen", "secretaries", "boss", "chief"]] == [
        "leader", "spokesman", "secretary", "boss", "chief"]
