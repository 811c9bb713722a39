"""Which presslens components a loaded pipeline gets, and where: ``add_components``.

Each extractor lives under ``extract/`` as pure functions over a Doc; ``factories`` wraps each in a thin
component registered by name; this module puts them in the pipeline in order (later components read
earlier ones' results).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language

from ..extract.framing.model import load_framing_model
from ..extract.quotes.learned import MODEL_DIR, NAME, add_attribution
from ..extract.quotes.merge import lowest_kept
from . import factories  # noqa: F401  (registers the factories)
from .extensions import register_extensions

# In order: later components read earlier ones' results. The first goes before the parser (it sets the
# sentence starts the parser keeps), the others at the end of the pipeline.
COMPONENTS: tuple[str, ...] = (
    "presslens_blocks",
    "presslens_entities",
    "presslens_quotes",
    "presslens_dates",
    "presslens_claims",
    "presslens_events",
    "presslens_framing",
)
BEFORE_PARSER = "presslens_blocks"
# the learned attribution stage and the merge, right after the rules' quotes (stage 1) when the model is on
MERGE = "presslens_quote_merge"
LEARNED: tuple[str, ...] = (NAME, MERGE)


def component_names(learned: bool = True) -> tuple[str, ...]:
    """presslens's components in pipeline order; with ``learned``, the learned attribution stage and the merge
    right after the rules' quotes."""
    if not learned:
        return COMPONENTS
    at = COMPONENTS.index("presslens_quotes") + 1
    return COMPONENTS[:at] + LEARNED + COMPONENTS[at:]


def add_components(nlp: Language, framing_model: str | None = None,
                   attribution_model: str | Path | None = MODEL_DIR) -> None:
    """Add presslens's registered components to a loaded pipeline (idempotent); ``framing_model``: the path of
    a span categoriser trained with ``presslens train framing``, for the framing component's config;
    ``attribution_model``: the learned attribution model (default: the shipped one; None: the rules alone)."""
    register_extensions()
    for name in component_names(attribution_model is not None):
        if name in nlp.pipe_names:
            continue
        if name == NAME:
            add_attribution(nlp, attribution_model or MODEL_DIR)
            continue
        if name == BEFORE_PARSER and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
        elif name == "presslens_framing" and framing_model:
            nlp.add_pipe(name, last=True, config={"model_path": framing_model})
        else:
            nlp.add_pipe(name, last=True)
    if NAME in nlp.pipe_names and MERGE in nlp.pipe_names:  # cues the merge cannot keep are not decoded
        merge = nlp.get_pipe_config(MERGE)
        tagger: Any = nlp.get_pipe(NAME)
        tagger.decode_from(lowest_kept(merge.get("threshold"), merge.get("confirm")))


def use_framing_model(nlp: Language, path: str) -> None:
    """Rebuild the framing component of a loaded pipeline with a trained model (``analyze --framing-model``)."""
    load_framing_model(path)  # fail early (PL090) with a clear message
    if "presslens_framing" in nlp.pipe_names:
        nlp.replace_pipe("presslens_framing", "presslens_framing", config={"model_path": path})
    else:
        nlp.add_pipe("presslens_framing", last=True, config={"model_path": path})
