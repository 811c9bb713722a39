"""Thinc layers of the attribution model (``learned.py`` is the component).

Token encoder (``build_tok2vec``): the md pipeline's shared ``tok2vec`` output (``doc.tensor``, read, never
trained: it costs nothing at run time) beside hashed embeddings of the token features of
``learned_features.py``, mixed by a Maxout layer and ``depth`` residual window layers.

Pair scorer (``pair_scorer``): for a cue token c and each token t of its window, a hidden layer
``relu(U h_t + V h_c + sum_k E_k[f_k(t, c)])`` and three logits: content starts at t, content ends at t, t
is (in) the source. ``span_weights``: the learned weights ``span_scores`` adds to a whole content span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy
from thinc.api import HashEmbed, Maxout, Model, Ragged, chain, expand_window, residual, with_array
from thinc.initializers import glorot_uniform_init
from thinc.types import Floats2d, Ints2d

from .learned_features import N_PAIR_FEATS, N_SPAN_FEATS, N_TOKEN_FEATS, DocInfo


def doc_inputs(model: Model, infos: Sequence[DocInfo]) -> tuple[numpy.ndarray, numpy.ndarray, list[int]]:
    """Token features, md tensors (zeros where a Doc has none of the expected width) and lengths."""
    width = model.get_dim("nT")
    feats, tensors, lengths = [], [], []
    for info in infos:
        doc = info.doc
        feats.append(info.token_features())
        t = doc.tensor
        ok = t is not None and t.ndim == 2 and t.shape == (len(doc), width)
        tensors.append(numpy.asarray(t, dtype="float32") if ok else numpy.zeros((len(doc), width), dtype="float32"))
        lengths.append(len(doc))
    return numpy.concatenate(feats), numpy.concatenate(tensors), lengths


def embed_forward(model: Model, infos: Sequence[DocInfo], is_train: bool) -> tuple[Ragged, Any]:
    feats, tensor, lengths = doc_inputs(model, infos)
    if not is_train:  # the same vectors, each feature value hashed and summed once (``embed_once``)
        Y0: Any = numpy.hstack([tensor, *(embed_once(layer, feats, i) for i, layer in enumerate(model.layers))])
        return Ragged(model.ops.asarray2f(Y0, dtype="float32"), model.ops.asarray1i(lengths)), inference_only
    outs, backs = zip(*(layer(feats, is_train) for layer in model.layers), strict=True)
    widths = [o.shape[1] for o in outs]
    Y = model.ops.xp.hstack([tensor, *outs]).astype("float32")
    lens = model.ops.asarray1i(lengths)

    def backprop(dY: Ragged) -> list[DocInfo]:
        col = tensor.shape[1]
        for back, w in zip(backs, widths, strict=True):
            back(model.ops.xp.ascontiguousarray(dY.data[:, col : col + w]))
            col += w
        return []

    return Ragged(Y, lens), backprop


def inference_only(dY: Any) -> Any:
    raise RuntimeError("an inference pass has no backpropagation")


def embed_once(layer: Model, feats: numpy.ndarray, column: int) -> numpy.ndarray:
    """A hashed embedding of one feature column at inference, computed once per distinct value and spread
    back: the rows are the ones ``layer(feats)`` gives (the same keys, summed in the same order)."""
    values, back = numpy.unique(feats[:, column], return_inverse=True)
    one = numpy.zeros((len(values), feats.shape[1]), dtype=feats.dtype)
    one[:, column] = values
    return numpy.asarray(layer.predict(one))[back.reshape(-1)]


def init_layers(model: Model, X: Any = None, Y: Any = None) -> None:
    for layer in model.layers:
        layer.initialize()


def token_embed(tensor_width: int, embed_width: int, rows: Sequence[int]) -> Model[list[DocInfo], Ragged]:
    """DocInfos -> Ragged of [md tensor | hashed token-feature embeddings]."""
    layers: list[Model] = [HashEmbed(embed_width, int(rows[i % len(rows)]), column=i, seed=17 + i) for i in range(N_TOKEN_FEATS)]
    return Model("pl_attr_embed", embed_forward, init=init_layers, layers=layers,
                 dims={"nT": tensor_width, "nO": tensor_width + embed_width * N_TOKEN_FEATS})


def build_tok2vec(width: int, depth: int, tensor_width: int, embed_width: int, rows: list[int],
                  maxout_pieces: int, window_size: int) -> Model[list[DocInfo], Ragged]:
    embed = token_embed(tensor_width, embed_width, rows)
    model: Model = chain(embed, with_array(Maxout(width, embed.get_dim("nO"), nP=maxout_pieces, normalize=True)))
    for _ in range(depth):
        cnn: Model = chain(expand_window(window_size), Maxout(width, width * (2 * window_size + 1), nP=maxout_pieces, normalize=True))
        model = chain(model, with_array(residual(cnn)))
    model.attrs["width"] = width
    return model


def pair_forward(model: Model, inputs: tuple[Floats2d, Ints2d, numpy.ndarray], is_train: bool) -> tuple[Floats2d, Any]:
    """inputs: token vectors X (N, D); pairs (P, 2) of (token row, cue row) into X; pair features (P, k).
    Matrix products go through ``ops.gemm`` (single-threaded BLIS): a shared machine's OpenBLAS threads
    only slow them down."""
    X, pairs, feats = inputs
    ops, xp = model.ops, model.ops.xp
    gemm = ops.gemm
    params: list[Any] = [model.get_param(name) for name in ("U", "V", "b", "W", "bW")]
    U, V, b, W, bW = params
    X = ops.as_contig(X)
    rows_t, rows_c = pairs[:, 0], pairs[:, 1]
    cues, cue_of = xp.unique(rows_c, return_inverse=True)
    Xc = ops.as_contig(X[cues])
    A = gemm(X, U, trans2=True)
    B = gemm(Xc, V, trans2=True)
    if is_train:
        embs, backs = zip(*(layer(feats, is_train) for layer in model.layers), strict=True)
    else:  # few distinct pair features: each hashed and summed once (the same rows)
        embs, backs = tuple(embed_once(layer, feats, i) for i, layer in enumerate(model.layers)), ()
    pre = A[rows_t] + B[cue_of] + sum(embs) + b
    H = xp.maximum(pre, 0)
    Y = gemm(H, W, trans2=True) + bW

    def backprop(dY_in: Floats2d) -> Floats2d:
        dY: Any = ops.as_contig(dY_in.astype("float32"))
        model.inc_grad("W", gemm(dY, H, trans1=True))
        model.inc_grad("bW", dY.sum(axis=0))
        dpre = ops.as_contig(gemm(dY, W) * (pre > 0))
        model.inc_grad("b", dpre.sum(axis=0))
        for back in backs:
            back(dpre)
        dA = xp.zeros_like(A)
        xp.add.at(dA, rows_t, dpre)
        dB = xp.zeros_like(B)
        xp.add.at(dB, cue_of, dpre)
        model.inc_grad("U", gemm(dA, X, trans1=True))
        model.inc_grad("V", gemm(dB, Xc, trans1=True))
        dX = gemm(dA, U)
        xp.add.at(dX, cues, gemm(dB, V))
        return dX

    return Y, backprop


def pair_init(model: Model, X: Any = None, Y: Any = None) -> None:
    nH, nI, nO = model.get_dim("nH"), model.get_dim("nI"), model.get_dim("nO")
    model.set_param("U", glorot_uniform_init(model.ops, (nH, nI)))
    model.set_param("V", glorot_uniform_init(model.ops, (nH, nI)))
    model.set_param("b", model.ops.alloc1f(nH))
    model.set_param("W", glorot_uniform_init(model.ops, (nO, nH)))
    model.set_param("bW", model.ops.alloc1f(nO))
    init_layers(model)


def pair_scorer(width: int, hidden: int, rows: int, n_out: int = 3) -> Model:
    layers: list[Model] = [HashEmbed(hidden, rows, column=i, seed=101 + i) for i in range(N_PAIR_FEATS)]
    return Model("pl_attr_pairs", pair_forward, init=pair_init, layers=layers,
                 dims={"nI": width, "nH": hidden, "nO": n_out},
                 params={"U": None, "V": None, "b": None, "W": None, "bW": None})


def span_weights() -> Model:
    """A parameter vector only (no forward of its own): the component reads and trains it."""
    return Model("pl_attr_span", lambda model, X, is_train: (X, lambda dY: dY), params={"W": None},
                 dims={"nO": N_SPAN_FEATS}, init=lambda model, X=None, Y=None: model.set_param("W", model.ops.alloc1f(N_SPAN_FEATS)))
