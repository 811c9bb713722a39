"""Training the models presslens can run beside its rules: pure functions over data on disk, no command line
(``cli`` calls them). ``framing``: a span categoriser for persuasion techniques (SemEval-2020 Task 11)."""
