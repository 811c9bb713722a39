"""How the story is told: loaded and contested wording split by voice, referents of epithets, persuasion
techniques, and a summary (``framing``); the lexicons and their matchers (``lexicon``), from a match to a span
(``hits``), whose words each stretch is (``voice``), technique rules (``techniques``) and the optional trained
span categoriser (``model``)."""
