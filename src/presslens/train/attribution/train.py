"""Train the attribution model: PolNeAR -> DocBins -> spaCy's training loop -> cue threshold on dev -> model.

``train_attribution(data_dir, output_dir)`` reproduces the shipped model (``presslens/models/attribution``):

1. converts ``DATA/train`` and ``DATA/dev`` with the pinned md pipeline (``convert.py``; the md work is
   done once here, not in every epoch; a ``work_dir`` that holds a conversion of the same data reuses it);
2. runs ``spacy.cli.train.train`` on ``configs/attribution.cfg`` (linked into the package as
   ``attribution.cfg``; or ``config=``), which prints the dev figures at every evaluation and keeps the best
   checkpoint (by the config's ``score_weights``: content F1 at the best cue threshold from the config's
   ``candidate_threshold`` up, ``attr_content_f_best``, 0.8, speaker accuracy 0.2);
3. picks the cue threshold that maximises dev content F1 (selection on dev; never trained on); it is kept
   in the component's ``cfg`` (as its ``candidate_threshold`` too), which overrides ``config.cfg`` when the
   model loads;
4. saves the pipeline folder to ``output_dir`` with ``meta.json["presslens"]``: the data digest (sha256 of
   the train and dev files used), the config text, the dev scores, the threshold, the date and timings.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .polnear import DataError, data_digest, split_items

CONFIG = Path(__file__).parent / "attribution.cfg"  # a link to the repo's configs/attribution.cfg


def tune_threshold(nlp: Any, dev: list[Any], say: Callable[[str], None]) -> tuple[float, dict[str, float]]:
    """The cue threshold with the best dev content F1, and the dev scores there."""
    from ...extract.quotes.learned import NAME, TUNE_GRID, score_attributions

    pipe = nlp.get_pipe(NAME)
    best: tuple[float, float, dict[str, float]] = (-1.0, 0.5, {})
    for th in TUNE_GRID:
        pipe.cfg["threshold"] = th
        examples = [type(eg)(eg.predicted.copy(), eg.reference) for eg in dev]
        docs = list(pipe.pipe([eg.predicted for eg in examples], batch_size=16))
        for eg, doc in zip(examples, docs, strict=True):
            eg.predicted = doc
        scores = score_attributions(examples)
        say(f"threshold {th:.2f}: content P {scores['attr_content_p']:.3f} R {scores['attr_content_r']:.3f} "
            f"F1 {scores['attr_content_f']:.3f}, speaker {scores['attr_speaker_acc']:.3f}")
        if scores["attr_content_f"] > best[0]:
            best = (scores["attr_content_f"], th, scores)
    # candidates below the threshold (the training config may ask for them, for ``best_content_f``) are
    # not computed at run time; a merge that wants them sets ``candidate_threshold`` itself
    pipe.cfg["threshold"] = pipe.cfg["candidate_threshold"] = best[1]
    return best[1], best[2]


def train_attribution(data_dir: str | Path, output_dir: str | Path, *, config: str | Path | None = None,
                      overrides: dict[str, Any] | None = None, limit: int | None = None,
                      work_dir: str | Path | None = None, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Train and save the model (see the module's docstring); returns what ``meta.json["presslens"]`` holds."""
    from spacy.cli.train import train as spacy_train

    from ...extract.quotes import learned  # noqa: F401  (registers the component and architectures)
    from ...pipeline.model import load_nlp
    from . import corpus  # noqa: F401  (registers the reader)
    from .convert import convert_split, converted

    data, output = Path(data_dir), Path(output_dir)
    if not data.is_dir():
        raise DataError(data, "it is not a folder")
    items = split_items(data, "train", limit) + split_items(data, "dev", limit)
    config_path = Path(config) if config else CONFIG
    work = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="presslens-attribution-"))
    started = time.time()
    try:
        nlp_md = load_nlp()
        paths = {}
        for split in ("train", "dev"):
            t = time.time()
            target = work / "corpus" / f"{split}.spacy"
            kept = converted(data, split, target, limit) if work_dir else None
            info = kept or convert_split(nlp_md, data, split, target, limit)
            paths[split] = info["path"]
            say(f"{'reused' if kept else 'converted'} {split}: {info['articles']} articles, {info['attributions']} "
                f"attributions, {info['tokens']} tokens in {time.time() - t:.0f} s")
        parsed = time.time()
        spacy_train(config_path, work / "training", overrides={"paths.train": paths["train"], "paths.dev": paths["dev"],
                                                               **(overrides or {})})
        trained = time.time()
        meta: dict[str, Any] = {
            "data_digest": data_digest(items), "data": {"train": len(split_items(data, "train", limit)),
                                                        "dev": len(split_items(data, "dev", limit))},
            "config": config_path.read_text(encoding="utf-8"), "overrides": overrides or {},
            "seconds": {"convert": round(parsed - started), "train": round(trained - parsed)},
        }
        return finish_model(work / "training" / "model-best", Path(paths["dev"]), output, meta, say)
    finally:
        if work_dir is None:
            shutil.rmtree(work, ignore_errors=True)


def finish_model(trained: Path, dev: Path, output: Path, meta: dict[str, Any],
                 say: Callable[[str], None] = print) -> dict[str, Any]:
    """Tune the cue threshold of a trained checkpoint on dev and save it to ``output`` as a fresh blank
    pipeline holding only the component (so no string of the training articles lands in the model), with
    ``meta`` completed (threshold, dev scores, date) in ``meta.json["presslens"]``."""
    import spacy

    from ...extract.quotes.learned import NAME
    from . import corpus

    started = time.time()
    nlp = spacy.load(trained)
    threshold, scores = tune_threshold(nlp, list(corpus.attribution_corpus(dev)(nlp)), say)
    config = spacy.util.load_config(trained / "config.cfg", interpolate=True)["components"][NAME]
    fresh = spacy.blank("en")
    pipe: Any = fresh.add_pipe(NAME, config={k: v for k, v in config.items() if k != "factory"})
    source: Any = nlp.get_pipe(NAME)
    pipe.from_bytes(source.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    seconds = dict(meta.get("seconds", {}), tune=round(time.time() - started))
    seconds["total"] = sum(seconds.values())
    meta = {**meta, "threshold": threshold, "dev_scores": {k: round(v, 4) for k, v in scores.items()},
            "date": datetime.date.today().isoformat(), "seconds": seconds}
    fresh.meta.update({"name": "presslens_attribution", "version": "1.0.0",
                       "description": "presslens attribution model: cue, content and source, trained on PolNeAR v1.0",
                       "presslens": meta})
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh.to_disk(output)
    say(f"saved to {output}: dev content F1 {scores['attr_content_f']:.3f}, speaker accuracy "
        f"{scores['attr_speaker_acc']:.3f} at cue threshold {threshold}; {seconds['total']} s in all")
    return meta
