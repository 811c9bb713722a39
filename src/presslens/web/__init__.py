"""The web UI and JSON API over a corpus (read-only): ``app`` wires, ``views/`` answer requests, ``deps`` holds
what views share, ``annotate`` and ``charts`` turn records and comparisons into what pages draw."""
