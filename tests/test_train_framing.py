"""train/framing.py (and the `presslens train framing` command): SemEval-format data -> spaCy span categoriser -> spans in the pipeline (issue 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, analyze_text
from presslens.cli.train import train_framing
from presslens.errors import PresslensError
from presslens.extract.framing.model import load_framing_model, predict_spans
from presslens.train.framing import evaluate, read_semeval

DATA = FIXTURES / "framing"


def test_reader_reads_articles_and_labels_and_counts_bad_lines() -> None:
    articles, rows, bad = read_semeval(DATA)
    assert len(articles) == 4 and bad == 1
    for art, technique, start, end in rows:
        assert technique in ("Loaded_Language", "Name_Calling,Labeling", "Flag-Waving")
        assert articles[art][start:end].lower() in ("disgraceful sham", "corrupt crook", "our great nation")


def test_reader_refuses_a_folder_without_data(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as err:
        read_semeval(tmp_path)
    assert err.value.code == "PL091"
    (tmp_path / "article1.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "x.labels").write_text("1\tDoubt\t0\t999\n", encoding="utf-8")
    with pytest.raises(PresslensError):
        read_semeval(tmp_path)


def test_missing_model_is_pl090(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as err:
        load_framing_model(tmp_path / "nope")
    assert err.value.code == "PL090"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("framing-model") / "model"
    result = CliRunner().invoke(train_framing, ["--data", str(DATA), "--output", str(out), "--iterations", "40",
                                                "--max-span-tokens", "4", "--dev", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "Trained on 4 articles, 11 spans, 3 techniques" in result.output, result.output
    assert "F1 0.0 " not in result.output and "F1 " in result.output, result.output  # it learnt its own data
    return out


def test_trained_model_loads_and_finds_spans(model_path: Path) -> None:
    import spacy

    model = load_framing_model(model_path)
    score = evaluate(model, DATA)
    assert score["gold"] == 11 and 0 < score["f1"] <= 1, score
    doc = spacy.blank("en")("Critics called the governor a corrupt crook and said the vote was a disgraceful sham.")
    spans = predict_spans(model, doc)
    assert spans, "the trained model proposes no span on text like its training data"
    labels = {label for _, _, label, _ in spans}
    assert labels <= {"Loaded_Language", "Name_Calling,Labeling", "Flag-Waving"}
    texts = {doc.text[s:e] for s, e, _, _ in spans}
    assert texts & {"corrupt crook", "disgraceful sham"}, texts


@pytest.mark.model
def test_pipeline_uses_the_model(model_path: Path) -> None:
    from presslens.pipeline import load_nlp
    from presslens.pipeline.components import use_framing_model

    nlp: Any = load_nlp.__wrapped__()  # a fresh pipeline, not the cached one other tests share
    use_framing_model(nlp, str(model_path))
    rec = analyze_text(nlp, 'The mayor said: "This disgraceful sham must end." Critics called him a corrupt crook.')
    model_spans = [f for f in rec["framing"] if f["rule"] == "model:spancat"]
    assert model_spans, rec["framing"]
    for f in model_spans:
        assert rec["article"]["text"][f["start"]:f["end"]] == f["text"]
        assert f["technique"] in ("Loaded_Language", "Name_Calling,Labeling", "Flag-Waving") and 0 < f["score"] <= 1
    crook = [f for f in model_spans if "crook" in f["text"]]
    # outside the quote marks, but the critics' words: the learned attribution stage reads "Critics called him
    # ..." as an attribution (PolNeAR annotates such namings), so the span is reported, not the outlet's own
    assert all(f["voice"] == "reported" for f in crook), crook


@pytest.mark.model
def test_load_nlp_passes_the_framing_model_through_the_config(model_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.pipeline import load_nlp

    monkeypatch.delenv("PRESSLENS_FRAMING_MODEL", raising=False)
    nlp: Any = load_nlp.__wrapped__(None, str(model_path))  # a fresh pipeline
    assert nlp.config["components"]["presslens_framing"]["model_path"] == str(model_path)
    assert nlp.get_pipe("presslens_framing").rules.model is not None
    monkeypatch.setenv("PRESSLENS_FRAMING_MODEL", str(model_path))  # the variable is read by the loader, not the factory
    again: Any = load_nlp.__wrapped__()
    assert again.config["components"]["presslens_framing"]["model_path"] == str(model_path)
