"""Entities: the names of an article (spaCy NER repaired, curated places, acronyms: ``mentions``), clustered
into entities (``clusters``) with canonical names, titles (``titles``), nominal mentions and countries
(``entities``); places inside places (``partof``); the word lists (``namewords``), the pure name helpers
(``names``) and the gazetteer of places and nationality words (``gazetteer``)."""
