"""Import every module that registers a presslens spaCy factory, so ``add_pipe`` finds them by name."""

from .extract import blocks, claims, dates, entities, events, framing, quotes  # noqa: F401
