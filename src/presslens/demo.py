"""What ``make demo`` prints: the readable summary of each record in a JSONL file, and the compare table of the
multi-outlet story in ``examples/story/`` (ingested into a corpus file first).

    python -m presslens.demo out/demo.jsonl
    python -m presslens.demo --compare out/demo.db examples/story
"""

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


def compare_demo(db: str, folder: str) -> int:
    """Ingest ``folder`` into ``db`` and print the compare tables of its story with most outlets."""
    from .ingest import ingest
    from .store.compare import compare, compare_text
    from .store.db import Store
    from .store.stories import story_listing

    summary = ingest([folder], db, progress=False)
    with Store.open(db, readonly=True) as store:
        listing = story_listing(store)
        if not listing:
            print(f"no story in {folder}: {summary.text()}")
            return 1
        story = listing[0]
        print(f"$ presslens compare --story {story['id']} --db {db}")
        print(compare_text(compare(store, story_id=story["id"])))
    return 0 if summary.ok else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        sys.exit(compare_demo(sys.argv[2], sys.argv[3]))
    sys.exit(main(sys.argv[1]))
