"""pipeline/factories.py and registry.py: components in spaCy's manner (typed configs that name their data
through versioned registered functions, requires/assigns that hold, entry points), data loaded on use."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from importlib.metadata import entry_points
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from presslens.extract.quotes.cues import Cues, load_cues
from presslens.pipeline.components import COMPONENTS, component_names
from presslens.pipeline.extensions import register_extensions

# "Peace will come , officials said ." with its parse
WORDS = ["Peace", "will", "come", ",", "officials", "said", "."]
HEADS = [2, 2, 5, 5, 5, 5, 5]
DEPS = ["nsubj", "aux", "ccomp", "punct", "nsubj", "ROOT", "punct"]
POS = ["NOUN", "AUX", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"]


@spacy.registry.misc("test_presslens.cues_without_say.v1")
def cues_without_say() -> Cues:
    cues = load_cues()
    return replace(cues, verbs={k: v for k, v in cues.verbs.items() if k != "say"})


def parsed(nlp: Any) -> Doc:
    register_extensions()
    lemmas = [w.lower() if w != "said" else "say" for w in WORDS]
    doc = Doc(nlp.vocab, words=WORDS, heads=HEADS, deps=DEPS, pos=POS, lemmas=lemmas)
    doc._.pl_entities = []
    return doc


def test_every_component_is_an_entry_point_spacy_finds() -> None:
    names = {e.name for e in entry_points(group="spacy_factories")}
    assert set(component_names()) <= names
    misc = {e.name for e in entry_points(group="spacy_misc") if e.name.startswith("presslens.")}
    assert "presslens.cues.v1" in misc and all(name.endswith(".v1") for name in misc)


def test_configs_name_versioned_registered_functions() -> None:
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    configs = {name: dict(nlp.config["components"][name]) for name in COMPONENTS}
    assert configs["presslens_quotes"]["cues"] == {"@misc": "presslens.cues.v1"}
    assert configs["presslens_framing"]["model_path"] is None
    for name, config in configs.items():
        for key, value in config.items():
            if isinstance(value, dict):
                assert value["@misc"].startswith("presslens.") and value["@misc"].endswith(".v1"), (name, key)
                assert spacy.registry.misc.get(value["@misc"])() is not None


def test_a_config_changes_what_the_component_reads() -> None:
    default = spacy.blank("en")
    default.add_pipe("presslens_quotes")
    quotes = default.get_pipe("presslens_quotes")(parsed(default))._.pl_quotes
    assert [q["cue"]["text"] for q in quotes] == ["said"]
    other = spacy.blank("en")
    other.add_pipe("presslens_quotes", config={"cues": {"@misc": "test_presslens.cues_without_say.v1"}})
    assert other.get_pipe("presslens_quotes")(parsed(other))._.pl_quotes == []


def test_no_data_is_read_at_import() -> None:
    code = ("import presslens.pipeline, presslens.record, presslens.structure\n"
            "from presslens.data import load\n"
            "from presslens.extract.entities.gazetteer import countries\n"
            "print(load.cache_info().currsize, countries.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0"], out


@pytest.mark.model
def test_requires_and_assigns_hold_in_the_pipeline(nlp: Any) -> None:
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    assigned = {attr for name in COMPONENTS for attr in analysis["summary"][name]["assigns"]}
    assert {"doc._.pl_entities", "doc._.pl_quotes", "doc._.pl_dates", "doc._.pl_claims", "doc._.pl_events",
            "doc._.pl_framing"} <= assigned
    assert [n for n in nlp.pipe_names if n.startswith("presslens_")] == list(component_names())
    assert nlp.pipe_names.index("presslens_blocks") < nlp.pipe_names.index("parser")
