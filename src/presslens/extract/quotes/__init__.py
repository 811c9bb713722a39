"""Who said what: ``find_quotes`` (``quotes``) runs the rules over a Doc: direct and mixed quotes (``direct``),
reported speech (``reported``), over what a cue reports (``content``) and the per-Doc context, cues, subjects
and addressees (``clauses``); quotation marks are paired in ``marks``; speakers are resolved in ``speakers``
(names, pronouns, role phrases, unnamed sources); ``found`` keeps and numbers the quotes; the cue lexicon is
``cues``. This is where "who said what" is decided."""
