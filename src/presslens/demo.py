"""Print the readable summary of each record in a JSONL file (used by ``make demo``)."""

from __future__ import annotations

import json
import sys

from .summary import render_text


def main(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                print(render_text(json.loads(line)))
                print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
