"""The article's structure: the normalised text and the blocks it is made of (title, dateline, byline,
caption, heading, related, paragraph, meta), before any spaCy work; and the sentence starts the pipeline
keeps at block boundaries (``blocks``)."""

from .article import build_article
from .datelines import parse_dateline
from .lines import normalise_line, split_units

__all__ = ["build_article", "normalise_line", "parse_dateline", "split_units"]
