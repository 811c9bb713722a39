"""Which presslens components a loaded pipeline gets, and where: ``add_components``.

Each extractor lives under ``extract/`` as pure functions over a Doc; ``factories`` wraps each in a thin
component registered by name; this module puts them in the pipeline in order (later components read
earlier ones' results).
"""

from __future__ import annotations

from spacy.language import Language

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


def add_components(nlp: Language) -> None:
    """Add presslens's registered components to a loaded pipeline (idempotent)."""
    register_extensions()
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == BEFORE_PARSER and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
        else:
            nlp.add_pipe(name, last=True)
