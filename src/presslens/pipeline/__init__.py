"""The spaCy side of presslens: the pipeline loaded once per process and checked (``model``), the registered
presslens components with their typed configs (``factories``) and the data they name (``registry``), where
they go (``components``), the Doc extensions they write (``extensions``), and the run from raw articles to
records (``run``: ``analyze``, ``make_doc``)."""

from .components import add_components
from .model import load_nlp, model_info
from .run import analyze, make_doc

__all__ = ["add_components", "analyze", "load_nlp", "make_doc", "model_info"]
