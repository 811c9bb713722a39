"""What presslens finds in an article, as pure functions over a processed Doc (no re-parsing), each returning
typed records; ``pipeline.factories`` wraps each in a registered spaCy component. Later extractors read
earlier ones' results from the Doc, never the other way round:

- ``entities/``: who and what is named (mentions, clusters, canonical names, titles, countries, places);
- ``quotes/``: who said what (quotation marks, cues, reported clauses, speakers);
- ``facts/``: numeric claims, dates, PLOVER events and their arguments;
- ``framing/``: how the story is told (loaded wording by voice, referents, persuasion techniques);
- ``common``: what they share: the one entity index of a Doc, block ranges, noun phrases, label sets.
"""
