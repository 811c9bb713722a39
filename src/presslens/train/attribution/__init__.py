"""A trained attribution model (cue, content and source) from PolNeAR, with spaCy's own training loop.

- ``polnear.py``: reading PolNeAR (brat) as presslens sees the article; offsets file <-> article;
- ``convert.py``: PolNeAR -> DocBin, parsed once by the pinned md pipeline, gold attached;
- ``corpus.py``: the reader the config names (``presslens.AttributionCorpus.v1``);
- ``train.py``: ``train_attribution(data_dir, output_dir)``: conversion, spaCy's loop, dev threshold, meta;

The command is ``presslens train attribution`` (``cli/train.py``).

The component and its architectures are in ``extract/quotes/learned.py`` and ``learned_layers.py``.
"""

from __future__ import annotations

from typing import Any


def train_attribution(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """See ``train.train_attribution`` (imported lazily: spaCy's training machinery is heavy)."""
    from .train import train_attribution as run

    return run(*args, **kwargs)
