"""The corpus reader spaCy's training loop calls (``presslens.AttributionCorpus.v1`` in the config)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example

from .convert import restore_tensor
from .polnear import DataError


@spacy.registry.readers("presslens.AttributionCorpus.v1")
def attribution_corpus(path: Path, limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """Examples from a DocBin written by ``convert.convert_split``: the predicted Doc carries the md
    pipeline's annotations and tensor, the reference its gold attributions; read once, kept in memory."""
    cache: list[Example] = []

    def read(nlp: Language) -> Iterator[Example]:
        if not cache:
            if not Path(path).is_file():
                raise DataError(path, "there is no converted corpus (.spacy) there; train_attribution writes it first")
            for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
                restore_tensor(doc)
                cache.append(Example(doc, doc.copy()))
                if limit and len(cache) >= limit:
                    break
        yield from cache

    return read
