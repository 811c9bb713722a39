"""presslens: attributed records from news articles (who said what, who did what, on whose numbers)."""

__version__ = "0.1.0"
SCHEMA = "presslens.record/1"
