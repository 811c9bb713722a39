"""Facts: numeric claims (``claims``: number groups in ``numbers``, what they count and on whose authority in
``counts``, words in ``claimwords``), dates resolved against the publication (``dates``, ``dateresolve``,
``datewords``), PLOVER events (``events``: triggers in ``triggers``, a sentence's parts in ``eventslots``,
arguments in ``eventargs``, countries behind words in ``places``)."""
