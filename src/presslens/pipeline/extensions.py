"""Doc extension attributes, registered once per process (and so once in each worker).

They hold plain, serialisable data (dicts of offsets, labels, numbers), never Spans: a Span stored in
``doc._`` breaks DocBin and multiprocessing (spaCy issues 9190, 4737, 8342).
"""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default factory kind ("dict" or "list")
DOC_EXTENSIONS: dict[str, str] = {
    "pl_article": "dict",  # Article: title, outlet, published, text, blocks
    "pl_entities": "list",  # list[Entity]
    "pl_quotes": "list",
    "pl_attributions": "list",  # the learned attributions (``extract/quotes/learned.py``), before the merge
    "pl_claims": "list",
    "pl_dates": "list",
    "pl_events": "list",
    "pl_framing": "list",
    "pl_framing_summary": "dict",
    "pl_errors": "list",  # list[ErrorInfo]
    "pl_extractors": "list",  # the presslens extractors run on the Doc (record["extractors"])
}


def register_extensions() -> None:
    """Register every presslens Doc extension; safe to call many times."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
