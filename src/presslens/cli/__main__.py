"""``python -m presslens.cli``: the same as the ``presslens`` console script."""

from . import main

main()
