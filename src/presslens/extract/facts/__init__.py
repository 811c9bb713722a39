"""Facts: numeric claims (``claims``: values and what is not a claim in ``claimvalues``, categories in
``claimcats``, sources in ``claimsource``, and the word tables), dates resolved against the publication (``dates``, ``dateresolve``,
``datewords``), PLOVER events (``events``: triggers in ``triggers``, a sentence's parts in ``eventslots``,
arguments in ``eventargs``, countries behind words in ``places``)."""
