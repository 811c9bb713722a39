"""A learned attribution tagger: cues, and for each cue its content and its source (trained on PolNeAR).

Cue-centric, like BBC's Citron: a token classifier finds cue heads (``said``, ``according``, ``told``,
``endorse`` ...); for each cue a pair scorer over the tokens of its paragraph picks the content's first and
last token and the source token (or none); a token whose lemma is one of the rules' ``not_cues`` (echo,
embrace, cheer ...) is never a cue. Each cue has its own content, so attributions nest. The
encoder reads the md pipeline's ``tok2vec`` output and its tags, parse and entities (see
``learned_layers.py``); nothing of the md pipeline is changed.

Writes ``doc._.pl_attributions``: a list of plain dicts ``{"cue", "content", "source"}`` of ``{"start",
"end", "text"}`` character spans (source may be None), with ``score`` (the cue's probability),
``source_score`` and ``confident`` (score >= ``threshold``; candidates down to ``candidate_threshold`` are
kept unconfident, for a merge with the rules to confirm or drop; ``floor``, set by the pipeline to the lowest
probability its merge keeps, skips the decoding of cues below it). ``presslens train attribution`` trains it (``configs/attribution.cfg``); the shipped model
is ``presslens/models/attribution``; ``add_attribution(nlp)`` puts it at the end of a loaded pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example
from spacy.vocab import Vocab
from thinc.api import Linear, Model, Optimizer, Ragged, set_dropout_rate

from .learned_features import DocInfo, best_span, not_cue_lemmas, pair_batch, softmax, span_scores
from .learned_layers import build_tok2vec, init_layers, pair_scorer, span_weights

NAME = "presslens_attribution"
GOLD_KEY = "pl_attributions"
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "attribution"
CUE_PRIOR = -3.5
MAX_CUES_PER_TOKEN = 0.2
TUNE_GRID = tuple(round(0.2 + 0.05 * k, 2) for k in range(11))  # cue thresholds 0.2 .. 0.7
SOURCE_DEPS = frozenset({"compound", "flat", "amod", "det", "nmod", "poss", "nummod", "case"})
DEFAULT_MODEL = """
[model]
@architectures = "presslens.Attribution.v1"
hidden_width = 48
pair_rows = 4000
reach = 100

[model.tok2vec]
@architectures = "presslens.AttributionTok2Vec.v1"
width = 64
depth = 1
tensor_width = 96
embed_width = 16
rows = [5000, 5000, 500, 200, 200, 3000, 200, 3000, 500, 1000]
maxout_pieces = 2
window_size = 1
"""

if not Doc.has_extension("pl_attributions"):
    Doc.set_extension("pl_attributions", default=None)


@spacy.registry.architectures("presslens.AttributionTok2Vec.v1")
def attribution_tok2vec(width: int, depth: int, tensor_width: int, embed_width: int, rows: list[int],
                        maxout_pieces: int, window_size: int) -> Model:
    return build_tok2vec(width, depth, tensor_width, embed_width, rows, maxout_pieces, window_size)


@spacy.registry.architectures("presslens.Attribution.v1")
def attribution_model(tok2vec: Model, hidden_width: int, pair_rows: int, reach: int) -> Model:
    width = int(tok2vec.attrs["width"])
    cue = Linear(2, width)
    pairs = pair_scorer(width, hidden_width, pair_rows)
    span = span_weights()
    return Model("presslens_attribution", attribution_forward, layers=[tok2vec, cue, pairs, span],
                 refs={"tok2vec": tok2vec, "cue": cue, "pairs": pairs, "span": span}, attrs={"reach": reach},
                 init=init_layers)


def attribution_forward(model: Model, inputs: tuple[Sequence[DocInfo], Sequence[Sequence[int]]], is_train: bool) -> Any:
    """(DocInfos, cue tokens per doc) -> ((token logits (N, 2), pair logits (P, 3), layout), backprop)."""
    infos, cues = inputs
    tok2vec, cue, pairs, _ = model.layers
    R, bp_tok = tok2vec(list(infos), is_train)
    L, bp_cue = cue(R.data, is_train)
    P, F, layout, _ = pair_batch(infos, cues, model.attrs["reach"])
    S, bp_pair = pairs((R.data, P, F), is_train) if len(P) else (model.ops.alloc2f(0, 3), None)

    def backprop(grads: tuple[Any, Any]) -> Any:
        dL, dS = grads
        dX = bp_cue(dL)
        if bp_pair is not None:
            dX = dX + bp_pair(dS)
        bp_tok(Ragged(dX, R.lengths))
        return inputs

    return (L, S, layout), backprop


def token_set(doc: Doc, pieces: Iterable[Sequence[int]]) -> list[int]:
    out: set[int] = set()
    for s, e in pieces:
        span = doc.char_span(int(s), int(e), alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span if not t.is_space)
    return sorted(out)


def gold_targets(doc: Doc, golds: list[dict[str, Any]]) -> list[tuple[int, int, int, list[int]]]:
    """Per gold attribution with a cue: (cue head token, content first token, content last token, source
    tokens). The cue head is the cue's syntactic root (a verb where it has several); one per cue head."""
    out, seen = [], set()
    for g in golds:
        cue, content = token_set(doc, g.get("cue") or []), token_set(doc, g["content"])
        if not cue or not content:
            continue
        inside = set(cue)
        roots = [i for i in cue if doc[i].head.i not in inside or doc[i].head.i == i]
        verbs = [i for i in roots if doc[i].pos_ in ("VERB", "AUX")]
        head = (verbs or roots or cue)[0]
        if head in seen:
            continue
        seen.add(head)
        out.append((head, content[0], content[-1], token_set(doc, g.get("source") or [])))
    return out


def source_span(doc: Doc, t: int) -> tuple[int, int]:
    """The source token with the modifiers right before it (``the White House press secretary``). A
    modifier the model picked (any token of the gold source counts in training: ``the`` of ``the interior
    minister``) first goes up to the noun it modifies."""
    while doc[t].dep_ in SOURCE_DEPS and t < doc[t].head.i <= t + 8:
        t = doc[t].head.i
    i = t
    while i > 0 and doc[i - 1].head.i in range(i, t + 1) and doc[i - 1].dep_ in SOURCE_DEPS:
        i -= 1
    return i, t


def overlap(a: Sequence[Sequence[int]], b: Sequence[Sequence[int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match_contents(preds: list[list[tuple[int, int]]], golds: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """One-to-one (pred, gold) pairs whose overlap covers at least half of each, largest overlaps first
    (the rule of ``bench/attribution.py``, without its grouping of pieces)."""
    pairs = []
    for i, p in enumerate(preds):
        lp = sum(e - s for s, e in p)
        for j, g in enumerate(golds):
            ov = overlap(p, g)
            if ov > 0 and ov >= 0.5 * lp and ov >= 0.5 * sum(e - s for s, e in g):
                pairs.append((ov, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_content_f(examples: Sequence[Example], floor: float) -> float:
    """The content F1 at the best cue threshold of ``TUNE_GRID`` from ``floor`` up, counting the unconfident
    candidates too: what the threshold tuned after training will reach, so that the training loop keeps the
    checkpoint that is best once tuned, not the one best at the config's threshold."""
    best = 0.0
    for th in (t for t in TUNE_GRID if t >= floor - 1e-9):
        n_pred = n_gold = tp = 0
        for eg in examples:
            preds = [a for a in eg.predicted._.pl_attributions or [] if a.get("score", 1.0) >= th]
            golds = eg.reference.user_data.get(GOLD_KEY) or []
            tp += len(match_contents([[(a["content"]["start"], a["content"]["end"])] for a in preds],
                                     [[tuple(p) for p in g["content"]] for g in golds]))
            n_pred, n_gold = n_pred + len(preds), n_gold + len(golds)
        best = max(best, prf(tp, n_pred, n_gold)[2])
    return best


def score_attributions(examples: Iterable[Example], **kwargs: Any) -> dict[str, float]:
    """Content P/R/F1 (half-overlap rule), speaker accuracy (predicted source overlaps the gold source, of
    matched pairs whose gold has one), cue P/R/F1 (a predicted cue inside a gold cue), and the content F1
    at the best threshold (``best_content_f``, from the lowest score among the predictions up)."""
    examples = list(examples)
    scores = [a.get("score", 1.0) for eg in examples for a in eg.predicted._.pl_attributions or []]
    n_pred = n_gold = tp = sp_n = sp_ok = cue_tp = cue_pred = cue_gold = 0
    for eg in examples:
        preds = [a for a in eg.predicted._.pl_attributions or [] if a.get("confident", True)]
        golds = eg.reference.user_data.get(GOLD_KEY) or []
        pairs = match_contents([[(a["content"]["start"], a["content"]["end"])] for a in preds],
                               [[tuple(p) for p in g["content"]] for g in golds])
        n_pred, n_gold, tp = n_pred + len(preds), n_gold + len(golds), tp + len(pairs)
        for i, j in pairs:
            if golds[j].get("source"):
                src = preds[i]["source"]
                sp_n += 1
                sp_ok += bool(src and overlap([(src["start"], src["end"])], golds[j]["source"]) > 0)
        gold_cues = [p for g in golds for p in (g.get("cue") or [])]
        cue_pred, cue_gold = cue_pred + len(preds), cue_gold + len({tuple(p) for p in gold_cues})
        cue_tp += sum(1 for a in preds if overlap([(a["cue"]["start"], a["cue"]["end"])], gold_cues) > 0)
    p, r, f = prf(tp, n_pred, n_gold)
    cp, cr, cf = prf(cue_tp, cue_pred, cue_gold)
    return {"attr_content_p": p, "attr_content_r": r, "attr_content_f": f,
            "attr_speaker_acc": sp_ok / sp_n if sp_n else 0.0, "attr_cue_p": cp, "attr_cue_r": min(cr, 1.0), "attr_cue_f": cf,
            "attr_content_f_best": best_content_f(examples, min(scores, default=1.0))}


@spacy.registry.scorers("presslens.attribution_scorer.v1")
def make_attribution_scorer() -> Callable[..., dict[str, float]]:
    return score_attributions


class AttributionTagger(TrainablePipe):
    """The trainable component; see the module's docstring."""

    def __init__(self, vocab: Vocab, model: Model, name: str = NAME, *, threshold: float = 0.5,
                 candidate_threshold: float = 0.5, max_len: int = 160,
                 scorer: Callable[..., dict[str, float]] | None = score_attributions) -> None:
        self.vocab, self.model, self.name = vocab, model, name
        self.cfg: dict[str, Any] = {"threshold": threshold, "candidate_threshold": candidate_threshold, "max_len": max_len}
        self.scorer = scorer

    def predict(self, docs: Iterable[Doc]) -> list[list[dict[str, Any]]]:
        docs = list(docs)
        infos = [DocInfo(d) for d in docs]
        tok2vec, cue, pairs = (self.model.get_ref(n) for n in ("tok2vec", "cue", "pairs"))
        # one Doc at a time: the window layer would otherwise see the next Doc's first tokens, and a Doc's
        # attributions would depend on the batch it came in (records must not depend on the workers)
        X = numpy.concatenate([_encode(tok2vec, i) for i in infos]) if docs else numpy.zeros((0, 1), dtype="float32")
        L = cue.predict(X) if len(X) else numpy.zeros((0, 2), dtype="float32")
        prob = 1.0 / (1.0 + numpy.exp(-L[:, 0]))
        cues, off = [], 0
        for info in infos:
            p = prob[off : off + info.n]
            floor = max(min(self.cfg["threshold"], self.cfg.get("candidate_threshold", 1.0)), self.cfg.get("floor") or 0.0)
            found = [int(i) for i in numpy.flatnonzero((p >= floor) & ~numpy.isin(info.lemma, not_cue_lemmas()))
                     if not info.space[i]]
            cap = max(1, int(MAX_CUES_PER_TOKEN * info.n))
            if len(found) > cap:  # an untrained or confused model: keep its most likely cues only
                found = sorted(sorted(found, key=lambda i: -p[i])[:cap])
            cues.append(found)
            off += info.n
        out: list[list[dict[str, Any]]] = [[] for _ in docs]
        weights: Any = self.model.get_ref("span").get_param("W")
        for layout, where, S in _pair_scores(pairs, X, infos, cues, self.model.attrs["reach"]):
            self._decode(docs, infos, out, layout, where, S, L, prob, weights)
        return out

    def _decode(self, docs: list[Doc], infos: list[DocInfo], out: list[list[dict[str, Any]]], layout: Any,
                where: list[tuple[int, int, int]], S: Any, L: Any, prob: Any, weights: Any) -> None:
        """Each cue's content (best span) and source (a token of its window, or none) from its pair scores."""
        for (row, _, a, b), (d, c, lo) in zip(layout, where, strict=True):
            doc = docs[d]
            i, j = best_span(S[a:b, 0], S[a:b, 1], c - lo, infos[d].sent[lo : lo + b - a], weights, int(self.cfg["max_len"]))
            src = softmax(numpy.concatenate([S[a:b, 2], L[row, 1:2]]))
            k = int(numpy.argmax(src))
            info = infos[d]
            attr: dict[str, Any] = {"cue": info.char_span(c, c), "content": info.char_span(lo + i, lo + j),
                                    "source": None, "score": round(float(prob[row]), 4),
                                    "confident": bool(prob[row] >= self.cfg["threshold"]),
                                    "source_score": round(float(src[k]), 4)}
            if k < b - a:
                s, e = source_span(doc, lo + k)
                attr["source"] = info.char_span(s, e)
            out[d].append(attr)

    def decode_from(self, lowest: float | None, candidates: bool = False) -> None:
        """Decode the cues from ``lowest`` up: the pipeline's merge keeps none below it (``floor``; None: every
        candidate); with ``candidates``, the unconfident candidates down to it too (a sweep's lowest threshold)."""
        self.cfg["floor"] = None if candidates else lowest
        if candidates and lowest is not None:
            self.cfg["candidate_threshold"] = lowest

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[dict[str, Any]]]) -> None:
        for doc, attrs in zip(docs, preds, strict=True):
            doc._.pl_attributions = attrs

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optimizer | None = None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        infos = [DocInfo(eg.predicted) for eg in examples]
        targets = [gold_targets(eg.predicted, eg.reference.user_data.get(GOLD_KEY) or []) for eg in examples]
        set_dropout_rate(self.model, drop)
        (L, S, layout), backprop = self.model.begin_update((infos, [[t[0] for t in ts] for ts in targets]))
        loss, dL, dS = self.get_loss((infos, targets), (L, S, layout))
        backprop((dL, dS))
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Any, scores: Any) -> tuple[float, Any, Any]:
        """Cue heads: logistic loss per token; per gold cue: softmax over the content spans of its window
        (``span_scores``), and over window + none for the source (any token of the gold source counts)."""
        infos, targets = examples
        L, S, layout = scores
        dL, dS = numpy.zeros_like(L), numpy.zeros_like(S)
        gold = numpy.zeros(len(L), dtype="float32")
        mask = numpy.concatenate([~info.space for info in infos]).astype("float32")
        offsets = [int(o) for o in numpy.cumsum([0] + [i.n for i in infos[:-1]])]
        flat = [(off, info, t) for off, info, ts in zip(offsets, infos, targets, strict=True) for t in ts]
        for off, _, (c, *_rest) in flat:
            gold[off + c] = 1.0
        p = 1.0 / (1.0 + numpy.exp(-L[:, 0]))
        dL[:, 0] = (p - gold) * mask
        loss = float(-(mask * (gold * numpy.log(p + 1e-8) + (1 - gold) * numpy.log(1 - p + 1e-8))).sum())
        span = self.model.get_ref("span")
        weights: Any = span.get_param("W")
        d_weights: Any = numpy.zeros(span.get_dim("nO"), dtype="float32")
        for (off, info, (c, cs, ce, src)), (row, lo_row, a, b) in zip(flat, layout, strict=True):
            lo, n = lo_row - off, b - a
            if lo <= cs <= ce < lo + n:
                m, joint, length = span_scores(S[a:b, 0], S[a:b, 1], c - lo, info.sent[lo : lo + n], weights,
                                               int(self.cfg["max_len"]))
                q = numpy.exp(m - m.max())
                q /= q.sum()
                loss -= float(numpy.log(q[cs - lo, ce - lo] + 1e-8))
                q[cs - lo, ce - lo] -= 1.0
                dS[a:b, 0], dS[a:b, 1] = q.sum(axis=1), q.sum(axis=0)
                d_weights += numpy.bincount(joint.ravel(), weights=q.ravel(), minlength=len(weights))
                d_weights += numpy.bincount(length.ravel(), weights=q.ravel(), minlength=len(weights))
            q = softmax(numpy.concatenate([S[a:b, 2], L[row, 1:2]]))
            want = numpy.zeros(n + 1, dtype="float32")
            if src:
                for t in src:
                    if lo <= t < lo + n:
                        want[t - lo] = 1.0
            else:
                want[n] = 1.0
            if want.any():
                mass = float((q * want).sum())
                loss -= numpy.log(mass + 1e-8)
                grad = q - q * want / max(mass, 1e-8)
                dS[a:b, 2] = grad[:n]
                dL[row, 1] = grad[n]
        span.inc_grad("W", d_weights.astype("float32"))
        return loss, dL, dS

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        self.model.initialize()
        cue = self.model.get_ref("cue")
        bias: Any = numpy.array(cue.get_param("b"))
        bias[0] = CUE_PRIOR  # cue heads are ~3% of tokens: start there, not at one in two
        cue.set_param("b", bias)

    def add_label(self, label: str) -> int:
        return 0


@Language.factory(NAME, assigns=["doc._.pl_attributions"], requires=["token.dep", "token.tag", "token.ent_type"],
                  default_config={"model": spacy.util.load_config_from_str(DEFAULT_MODEL)["model"], "threshold": 0.5,
                                  "candidate_threshold": 0.5,
                                  "max_len": 160, "scorer": {"@scorers": "presslens.attribution_scorer.v1"}},
                  default_score_weights={"attr_content_f": 0.8, "attr_speaker_acc": 0.2, "attr_content_f_best": 0.0,
                                         "attr_content_p": 0.0,
                                         "attr_content_r": 0.0, "attr_cue_p": 0.0, "attr_cue_r": 0.0, "attr_cue_f": 0.0})
def make_attribution(nlp: Language, name: str, model: Model, threshold: float, candidate_threshold: float,
                     max_len: int, scorer: Callable[..., dict[str, float]] | None) -> AttributionTagger:
    return AttributionTagger(nlp.vocab, model, name, threshold=threshold, candidate_threshold=candidate_threshold,
                             max_len=max_len, scorer=scorer)


def add_attribution(nlp: Language, path: str | Path = MODEL_DIR, **where: Any) -> Any:
    """Put the trained attribution component (a saved pipeline folder) into a loaded pipeline, at the end
    unless ``where`` says (``add_pipe``'s ``before``/``after``/``last``): built from the folder's config,
    weights and threshold read from it (no vectors or vocab of its own)."""
    if NAME in nlp.pipe_names:
        return nlp.get_pipe(NAME)
    if not (Path(path) / "config.cfg").is_file() or not (Path(path) / NAME).is_dir():
        from ...errors import PresslensError

        raise PresslensError("PL095", path=str(path), reason=f"it holds no config.cfg and {NAME}/ of a trained model")
    config = spacy.util.load_config(Path(path) / "config.cfg", interpolate=True)["components"][NAME]
    pipe: Any = nlp.add_pipe(NAME, config={k: v for k, v in config.items() if k != "factory"}, **(where or {"last": True}))
    pipe.from_disk(Path(path) / NAME, exclude=["vocab"])
    return pipe


def model_meta(path: str | Path = MODEL_DIR) -> dict[str, Any]:
    """What ``presslens info`` shows of a trained model: version, date, dev scores, threshold, data digest."""
    import json

    meta = json.loads((Path(path) / "meta.json").read_text(encoding="utf-8"))
    pl = meta.get("presslens", {})
    return {"path": str(path), "version": meta.get("version"), "date": pl.get("date"),
            "dev_scores": pl.get("dev_scores"), "threshold": pl.get("threshold"), "data_digest": pl.get("data_digest")}


PAIR_CHUNK = 256  # cues scored together: a long article's pair arrays stay small and its cost linear


def _pair_scores(pairs: Model, X: Any, infos: list[DocInfo], cues: list[list[int]], reach: int) -> Iterator[tuple[Any, Any, Any]]:
    """The pair scores of the cues, ``PAIR_CHUNK`` cues at a time in document order: (layout, where, S) per
    chunk, S indexed by the chunk's layout. Each chunk reads only the token rows its windows cover, so the
    token products are not redone over the whole batch for every chunk."""
    flat = [(d, c) for d, cs in enumerate(cues) for c in cs]
    for k in range(0, len(flat), PAIR_CHUNK):
        part: list[list[int]] = [[] for _ in infos]
        for d, c in flat[k : k + PAIR_CHUNK]:
            part[d].append(c)
        P, F, layout, where = pair_batch(infos, part, reach)
        if not len(P):
            continue
        base, top = int(P.min()), int(P.max()) + 1
        yield layout, where, pairs.predict((X[base:top], P - base, F))


PIECE_TOKENS = 8192  # a longer Doc is encoded in stretches of this many tokens: its arrays stay small
PIECE_MARGIN = 8  # tokens read beyond each side of a stretch: the window layers see depth x window_size (2 x 1 here)


class _Piece:
    """A stretch of a Doc's tokens as the encoder reads it (``learned_layers.doc_inputs``): the token features
    and the md tensor rows of the stretch."""

    def __init__(self, feats: numpy.ndarray, tensor: numpy.ndarray | None) -> None:
        self.feats, self.doc = feats, self
        self.tensor = tensor
        self.n = len(feats)

    def __len__(self) -> int:
        return self.n

    def token_features(self) -> numpy.ndarray:
        return self.feats


def _encode(tok2vec: Model, info: DocInfo) -> Any:
    """The encoder's token vectors of one Doc; past ``PIECE_TOKENS`` tokens stretch by stretch, each read with
    ``PIECE_MARGIN`` tokens of context on both sides, so every token sees the neighbours it would in one pass."""
    if info.n <= PIECE_TOKENS:
        return tok2vec.predict([info]).data
    feats, t = info.token_features(), info.doc.tensor
    ok = t is not None and t.ndim == 2 and t.shape[0] == info.n
    out = []
    for a in range(0, info.n, PIECE_TOKENS):
        b = min(info.n, a + PIECE_TOKENS)
        lo, hi = max(0, a - PIECE_MARGIN), min(info.n, b + PIECE_MARGIN)
        piece = _Piece(feats[lo:hi], t[lo:hi] if ok else None)
        out.append(tok2vec.predict([piece]).data[a - lo : b - lo])
    return numpy.concatenate(out)
