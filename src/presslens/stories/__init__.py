"""Stories: which articles tell the same thing. Pure functions, no database.

- ``signatures``: the MinHash signatures of an article (word 3-gram shingles for near-duplicates, content
  words for the same event), computed when a record is prepared for the store, outside its transaction.
- ``grouping``: from the signatures, the shared entities and the dates of many articles, the linked pairs
  and the stories (connected groups of two or more).

The store (``store/stories.py``) loads their inputs, calls them, and writes the stories.
"""
