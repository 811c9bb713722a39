"""The learned attribution model: PolNeAR reading, features, decoding, scoring, training and the shipped model.

Training is real (spaCy's loop, one epoch on a few invented PolNeAR-style articles written here); the full
training never runs in tests. The shipped model is checked for its meta and size, and on invented text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy
import pytest

from presslens.extract.quotes.learned import (
    MODEL_DIR,
    NAME,
    add_attribution,
    match_contents,
    score_attributions,
)
from presslens.extract.quotes.learned_features import N_SPAN_FEATS, span_scores
from presslens.train.attribution.polnear import DataError, data_digest, load_article, read_ann, split_items

ARTICLES = {
    "train": [
        ("alpha", "Mayor backs new bridge plan",
         [("The mayor said that the bridge would open next spring.", "The mayor", "said", "the bridge would open next spring"),
          ("“We have waited long enough,” Councillor Ruth Obi told reporters.", "Councillor Ruth Obi", "told", "We have waited long enough")]),
        ("beta", "Union warns of strike",
         [("Union leaders warned that workers would strike in May.", "Union leaders", "warned", "workers would strike in May"),
          ("According to the company, talks will resume on Friday.", "the company", "According to", "talks will resume on Friday")]),
        ("gamma", "Court delays ruling",
         [("The judge said the ruling would come after the holidays.", "The judge", "said", "the ruling would come after the holidays"),
          ("Lawyers for the city argued that the delay was unfair.", "Lawyers for the city", "argued", "the delay was unfair")]),
        ("delta", "Farmers ask for rain relief",
         [("Farmers asked the ministry to pay for the lost harvest.", "Farmers", "asked", "the ministry to pay for the lost harvest"),
          ("“The fields are dust,” said Amal Haddad, a grower.", "Amal Haddad", "said", "The fields are dust")]),
    ],
    "dev": [
        ("epsilon", "School opens late",
         [("The principal said that classes would start on Tuesday.", "The principal", "said", "classes would start on Tuesday")]),
        ("zeta", "Port reopens",
         [("Officials said the port would reopen after repairs.", "Officials", "said", "the port would reopen after repairs")]),
    ],
}


def write_polnear(root: Path) -> None:
    """A PolNeAR-shaped folder of invented articles: text/NAME.txt and attributions/NAME_ann1.ann (brat)."""
    for split, arts in ARTICLES.items():
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir(parents=True)
        for name, title, paras in arts:
            text = title + "\n\n" + "\n\n".join(p for p, *_ in paras) + "\n"
            lines, t, e = [], 1, 1
            base = len(title) + 2
            for para, source, cue, content in paras:
                ids = []
                for label, piece in (("Source", source), ("Cue", cue), ("Content", content)):
                    s = base + para.index(piece)
                    lines.append(f"T{t}\t{label} {s} {s + len(piece)}\t{piece}")
                    ids.append(f"T{t}")
                    t += 1
                lines.append(f"E{e}\tAttribution:{ids[1]} Content:{ids[2]} Cue:{ids[1]} Source:{ids[0]}")
                e += 1
                base += len(para) + 2
            (root / split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
            (root / split / "attributions" / f"{name}_ann1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_read_ann_and_offsets_land_on_the_same_characters(tmp_path: Path) -> None:
    write_polnear(tmp_path)
    items = split_items(tmp_path, "train")
    assert [n for n, _, _ in items] == ["alpha", "beta", "delta", "gamma"]
    name, txt, ann = items[0]
    golds = read_ann(ann)
    assert len(golds) == 2 and golds[0].cue and golds[0].source
    loaded = load_article(txt, name)
    assert loaded is not None
    article, fmap = loaded
    text = txt.read_text(encoding="utf-8")
    for g in golds:
        for pieces in (g.content, g.cue, g.source):
            (s, e), = pieces
            a_s, a_e = fmap.pieces(pieces)[0]
            assert article["text"][a_s:a_e] == text[s:e]
            assert (fmap.to_file(a_s), fmap.to_file(a_e, end=True)) == (s, e)
    assert len(data_digest(items)) == 64 and data_digest(items) != data_digest(items[:2])


def test_missing_data_says_what_the_folder_needs(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="text/NAME.txt") as err:
        split_items(tmp_path, "train")
    assert err.value.code == "PL094"


def test_span_scores_allow_only_spans_within_reach_and_add_their_weights() -> None:
    rng = numpy.random.default_rng(1)
    for n in (1, 7, 40, 190):
        start, end = rng.normal(size=n), rng.normal(size=n)
        sent = numpy.sort(rng.integers(0, 5, size=n))
        weights = rng.normal(size=N_SPAN_FEATS)
        cue = n // 2
        m, joint, length = span_scores(start, end, cue, sent, weights, 160)
        for i, j in ((0, 0), (0, n - 1), (n // 3, n - 1)):
            if j >= i + 160:
                assert m[i, j] == -numpy.inf
                continue
            where = 0 if j < cue else 1 if i > cue else 2
            expected = start[i] + end[j] + weights[where * 4 + min(sent[j] - sent[i], 3)] + weights[length[i, j]]
            assert m[i, j] == pytest.approx(expected)
        assert numpy.all(numpy.isinf(m[numpy.tril_indices(n, -1)]))


def test_matching_is_one_to_one_at_half_overlap() -> None:
    golds = [[(0, 100)], [(200, 260)]]
    preds = [[(10, 100)], [(0, 40)], [(215, 265)], [(240, 255)]]
    assert sorted(match_contents(preds, golds)) == [(0, 0), (2, 1)]


@pytest.mark.model
def test_features_match_spacy_parse() -> None:
    from presslens.extract.quotes.learned_features import DocInfo
    from presslens.pipeline.model import load_nlp

    doc = load_nlp()('He said: "It is over." Then\n\nThe “big” man, who was tall, said that they would go.')
    info = DocInfo(doc)
    assert info.left.tolist() == [t.left_edge.i for t in doc]
    assert info.right.tolist() == [t.right_edge.i for t in doc]
    assert [t.text for t in doc if info.quote[t.i] == 1] == ["It", "is", "over", ".", "big"]
    assert info.para.tolist()[0] == 0 and info.para.tolist()[-1] == 1
    assert info.token_features().shape[0] == len(doc)


@pytest.mark.model
def test_the_rules_quotes_are_features(nlp) -> None:  # type: ignore[no-untyped-def]
    from presslens.extract.quotes.learned_features import DocInfo
    from presslens.pipeline import make_doc
    from presslens.readers import raw_article

    text = "Port deal\n\nThe minister said that the port would reopen on Friday."
    doc, _ = make_doc(nlp, raw_article({"path": "t.txt", "format": "text"}, text))
    assert doc is not None
    doc = nlp(doc)
    said = next(t for t in doc if t.text == "said")
    quote = next(q for q in doc._.pl_quotes if q["cue"] and q["cue"]["text"] == "said")
    info = DocInfo(doc)
    assert said.i in info.rule_span and info.rule_token[said.i] != info.rule_token[said.i - 1]
    first, last, _ = info.rule_span[said.i]
    assert doc[first].idx == quote["content"]["start"] and doc[last].idx + len(doc[last]) == quote["content"]["end"]
    lo, hi = info.window(said.i, 100)
    marks = info.rule_pairs(said.i, lo, hi)
    assert marks[first - lo] != marks[first + 1 - lo] != 0 and len(set(marks.tolist())) == 5  # before, first, in, last, after
    doc._.pl_quotes = []
    assert DocInfo(doc).rule_span == {}


@pytest.mark.model
def test_train_attribution_command_makes_a_loadable_model(tmp_path: Path) -> None:
    import spacy
    from click.testing import CliRunner

    from presslens.cli import cli

    write_polnear(tmp_path / "polnear")
    out = tmp_path / "model"
    work = tmp_path / "work"
    result = CliRunner().invoke(cli, ["train", "attribution", "--data", str(tmp_path / "polnear"), "--output", str(out),
                                      "--epochs", "1", "--work-dir", str(work)])
    assert result.exit_code == 0, result.output
    assert "converted train: 4 articles" in result.output
    # a kept work folder's conversion is reused for the same data only
    from presslens.train.attribution.convert import converted

    assert converted(tmp_path / "polnear", "dev", work / "corpus" / "dev.spacy")["articles"] == 2  # type: ignore[index]
    assert converted(tmp_path / "polnear", "dev", work / "corpus" / "dev.spacy", limit=1) is None
    assert "threshold 0.45: content P" in result.output and "saved to" in result.output  # dev figures as it goes
    assert (out / "meta.json").is_file() and (out / NAME).is_dir()
    stored = json.loads((out / "meta.json").read_text(encoding="utf-8"))["presslens"]
    assert stored["data_digest"] == data_digest(split_items(tmp_path / "polnear", "train")
                                                + split_items(tmp_path / "polnear", "dev"))
    assert "presslens.Attribution.v1" in stored["config"] and stored["date"] and stored["overrides"] == {"training.max_epochs": 1}
    assert set(stored["dev_scores"]) >= {"attr_content_f", "attr_speaker_acc"}
    assert spacy.load(out).pipe_names == [NAME]
    from presslens.pipeline.model import default_model_path

    md = spacy.load(str(default_model_path()))
    add_attribution(md, out)
    doc = md("The mayor said that the bridge would open in May.")
    assert isinstance(doc._.pl_attributions, list)
    assert all(doc.text[a["content"]["start"] : a["content"]["end"]] == a["content"]["text"] for a in doc._.pl_attributions)
    info = CliRunner(env={"PRESSLENS_ATTRIBUTION_MODEL": str(out)}).invoke(cli, ["info", "--format", "json"])
    assert info.exit_code == 0, info.output
    assert json.loads(info.output)["attribution_model"]["dev_scores"] == stored["dev_scores"]


def test_train_attribution_without_data_says_what_the_folder_needs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from presslens.cli import cli

    result = CliRunner().invoke(cli, ["train", "attribution", "--data", str(tmp_path), "--output", str(tmp_path / "m")])
    assert result.exit_code == 1 and "PL094" in result.output and "attributions/NAME_ANNOTATOR.ann" in result.output


@pytest.mark.model
def test_shipped_model_meta_and_size() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["presslens"]
    assert len(meta["data_digest"]) == 64 and meta["date"] and "[components.presslens_attribution]" in meta["config"]
    assert meta["dev_scores"]["attr_content_f"] > 0.65 and meta["dev_scores"]["attr_speaker_acc"] > 0.9
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024


@pytest.fixture(scope="module")
def nlp_with_model():  # type: ignore[no-untyped-def]
    import spacy

    from presslens.pipeline.model import default_model_path

    path = default_model_path()
    if path is None:
        pytest.skip("the pinned spaCy pipeline is not installed")
    nlp = spacy.load(path)
    add_attribution(nlp)
    return nlp


@pytest.mark.model
def test_shipped_model_finds_who_said_what(nlp_with_model) -> None:  # type: ignore[no-untyped-def]
    text = ("The health minister said on Monday that the new clinic would open in March. "
            "“We will not close the border,” the interior minister told reporters.")
    doc = nlp_with_model(text)
    found = doc._.pl_attributions
    assert len(found) >= 2
    for a in found:
        for key in ("cue", "content", "source"):
            if a[key]:
                assert text[a[key]["start"] : a[key]["end"]] == a[key]["text"]
    said = next(a for a in found if a["cue"]["text"] == "said")
    assert "clinic would open in March" in said["content"]["text"]
    assert said["source"] and "minister" in said["source"]["text"]
    told = next(a for a in found if a["cue"]["text"] == "told")
    assert "We will not close the border" in told["content"]["text"]
    assert told["source"] and "minister" in told["source"]["text"]


@pytest.mark.model
def test_shipped_model_leaves_the_md_annotations_alone(nlp_with_model) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said the talks in Geneva would resume next week."
    with nlp_with_model.select_pipes(disable=[NAME]):
        before = nlp_with_model(text)
    after = nlp_with_model(text)
    assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in before] == [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in after]
    assert after._.pl_attributions and not before._.pl_attributions


def test_scorer_counts_content_and_speaker() -> None:
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    doc = nlp("Ann said the vote was rigged.")
    ref = doc.copy()
    ref.user_data["pl_attributions"] = [{"content": [[9, 28]], "cue": [[4, 8]], "source": [[0, 3]]}]
    doc._.pl_attributions = [{"cue": {"start": 4, "end": 8}, "content": {"start": 9, "end": 28},
                              "source": {"start": 0, "end": 3}}]
    s = score_attributions([Example(doc, ref)])
    assert s["attr_content_f"] == 1.0 and s["attr_speaker_acc"] == 1.0 and s["attr_cue_f"] == 1.0
    doc._.pl_attributions[0]["source"] = None
    assert score_attributions([Example(doc, ref)])["attr_speaker_acc"] == 0.0


def test_scorer_reports_the_content_f1_at_the_best_threshold() -> None:
    """Checkpoints are kept by the F1 the tuned threshold will reach: candidates below the config's
    threshold count by their score, a low-scored spurious one is left out by a higher threshold."""
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    doc = nlp("Ann said the vote was rigged. Bob saw the game.")
    ref = doc.copy()
    ref.user_data["pl_attributions"] = [{"content": [[9, 28]], "cue": [[4, 8]], "source": [[0, 3]]}]
    doc._.pl_attributions = [
        {"cue": {"start": 4, "end": 8}, "content": {"start": 9, "end": 28}, "source": {"start": 0, "end": 3},
         "score": 0.6, "confident": False},
        {"cue": {"start": 34, "end": 37}, "content": {"start": 38, "end": 46}, "source": {"start": 30, "end": 33},
         "score": 0.25, "confident": False},
    ]
    s = score_attributions([Example(doc, ref)])
    assert s["attr_content_f"] == 0.0 and s["attr_content_f_best"] == 1.0
    doc._.pl_attributions[0]["score"] = 0.2  # the right one now below the spurious one: both or neither
    assert abs(score_attributions([Example(doc, ref)])["attr_content_f_best"] - 2 / 3) < 1e-9


@pytest.mark.model
def test_a_long_article_scored_in_chunks_of_cues_gives_the_same_attributions(nlp_with_model, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from presslens.extract.quotes import learned

    names = ["Ms Amal", "Mr Brandt", "the mayor", "a spokesman", "the minister", "Dr Okafor"]
    text = "\n\n".join(f"{names[k % 6]} said on day {k} that the talks over the {k}th bridge would go on. "
                       f"The council told reporters that repairs would take {k + 2} weeks." for k in range(160))
    doc = nlp_with_model.make_doc(text)
    for _, proc in nlp_with_model.pipeline:
        doc = proc(doc)
    pipe = nlp_with_model.get_pipe(learned.NAME)
    chunked = pipe.predict([doc])[0]
    assert len(chunked) > learned.PAIR_CHUNK  # more cues than one chunk holds
    monkeypatch.setattr(learned, "PAIR_CHUNK", 100_000)
    whole = pipe.predict([doc])[0]
    assert [(a["cue"], a["content"], a["source"]) for a in chunked] == [(a["cue"], a["content"], a["source"]) for a in whole]


@pytest.mark.model
def test_a_long_doc_encoded_in_stretches_gets_the_vectors_of_one_pass(nlp_with_model, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from presslens.extract.quotes import learned
    from presslens.extract.quotes.learned_features import DocInfo

    text = " ".join(f"The mayor said on day {k} that the {k}th bridge would reopen, and “we will pay,” she added."
                    for k in range(120))
    doc = nlp_with_model.make_doc(text)
    for _, proc in nlp_with_model.pipeline:
        doc = proc(doc)
    pipe = nlp_with_model.get_pipe(learned.NAME)
    tok2vec = pipe.model.get_ref("tok2vec")
    whole = tok2vec.predict([DocInfo(doc)]).data
    monkeypatch.setattr(learned, "PIECE_TOKENS", 300)
    assert len(doc) > 5 * learned.PIECE_TOKENS
    pieces = learned._encode(tok2vec, DocInfo(doc))
    assert pieces.shape == whole.shape
    numpy.testing.assert_allclose(pieces, whole, rtol=1e-4, atol=1e-5)
    stretched = pipe.predict([doc])[0]
    monkeypatch.setattr(learned, "PIECE_TOKENS", 10**9)
    one_pass = pipe.predict([doc])[0]
    assert [(a["cue"], a["content"], a["source"]) for a in stretched] == [(a["cue"], a["content"], a["source"]) for a in one_pass]


def test_inference_embeds_each_feature_value_once_with_the_same_rows(nlp: Any) -> None:
    """At inference the hashed embeddings of the token and pair features are computed once per distinct value
    and spread back (``learned_layers.embed_once``): the rows are exactly the layer's own."""
    from presslens.extract.quotes.learned_layers import embed_once

    pipe = nlp.get_pipe("presslens_attribution")
    embed = pipe.model.get_ref("tok2vec")
    while embed.name != "pl_attr_embed":
        embed = embed.layers[0]
    layers = [*embed.layers, *pipe.model.get_ref("pairs").layers]
    rng = numpy.random.default_rng(3)
    feats = rng.integers(0, 40, size=(500, 10)).astype("uint64")  # values repeat, as real features do
    feats[:, 3] = numpy.uint64(2**63 + 5)  # a 64-bit key
    for layer in layers:
        column = layer.attrs["column"]
        assert numpy.array_equal(embed_once(layer, feats, column), layer.predict(feats))
