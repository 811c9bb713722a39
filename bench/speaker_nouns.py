"""Which common nouns PolNeAR **train** annotates as the head of a Source (never dev): the cue lexicon's
``speaker_nouns`` (``src/presslens/data/cues.json``; provenance in ``src/presslens/data/README.md``).

    .venv/bin/python bench/speaker_nouns.py [--limit N] [--min 1] [--write]

Each train article is parsed as the training corpus is (``presslens.train.attribution.convert``: the pinned
pipeline, the article's lines as blocks). For every gold Source span, its syntactic head (the first token
whose head lies outside the span) is taken when it is a common noun outside any entity; its lemma is
counted. Printed: how many lemmas, and the most frequent. ``--write`` puts those seen at least ``--min``
times, sorted, into cues.json's ``speaker_nouns`` (the rest of the file untouched). The rules read the list
where a verb cues only when someone does it (``agent_acts``): a noun PolNeAR never gives as a source, such
as "tablets" or "loophole", is a thing there.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from attribution import DATA

CUES = Path(__file__).resolve().parent.parent / "src" / "presslens" / "data" / "cues.json"


def source_heads(limit: int | None, data: Path) -> Counter[str]:
    from presslens.pipeline import load_nlp
    from presslens.train.attribution.convert import GOLD_KEY, annotated_docs
    from presslens.train.attribution.polnear import split_items

    counts: Counter[str] = Counter()
    for doc in annotated_docs(load_nlp(attribution_model="off"), split_items(data, "train", limit)):
        for gold in doc.user_data[GOLD_KEY]:
            for start, end in gold["source"] or []:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                head = next((t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i), None)
                if head is not None and head.pos_ == "NOUN" and not head.ent_type_ and head.is_alpha and len(head.text) > 1:
                    counts[head.lemma_.lower()] += 1
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--min", type=int, default=1)
    ap.add_argument("--write", action="store_true", help="write the list into cues.json's speaker_nouns")
    args = ap.parse_args()
    counts = source_heads(args.limit, args.data)
    kept = sorted(w for w, n in counts.items() if n >= args.min)
    print(f"{len(counts)} source head nouns on PolNeAR train, {len(kept)} seen at least {args.min} times")
    print("most frequent:", ", ".join(f"{w} {n}" for w, n in counts.most_common(30)))
    if args.write:
        CUES.write_text(with_list(CUES.read_text(encoding="utf-8"), "speaker_nouns", kept), encoding="utf-8")
        print(f"wrote {len(kept)} nouns to {CUES}")


def with_list(text: str, key: str, words: list[str]) -> str:
    """cues.json's text with ``key`` set to ``words`` on one line, as the file keeps its lists (its other
    lines untouched): the key's line replaced, or a new last line."""
    line = f' "{key}": {json.dumps(words, ensure_ascii=False)}'
    lines = text.rstrip("\n").split("\n")
    at = next((i for i, x in enumerate(lines) if x.startswith(f' "{key}": ')), None)
    if at is not None:
        lines[at] = line + ("," if lines[at].rstrip().endswith(",") else "")
    else:
        close = len(lines) - 1  # the closing brace
        lines[close - 1] += ","
        lines.insert(close, line)
    out = "\n".join(lines) + "\n"
    json.loads(out)  # still one valid object
    return out


if __name__ == "__main__":
    main()
