"""What the learned stage's candidates below the merge's threshold would add: are they worth keeping?

    .venv/bin/python bench/attribution_candidates.py --split dev [--limit N] [--floor 0.1]

The pipeline runs once per article (candidates down to ``--floor``), then the merge as shipped. Of the
candidates it leaves out (cue probability below its threshold) that overlap no merged quote, nor each other,
it counts per band of cue probability how many would match a gold attribution that no merged quote matches
(``bench/attribution.py``'s rule: half of each), also split by whether the cue has a clausal complement, a
source and lies in the body. Adding ``n`` predictions of which ``k`` match raises content F1 only when
``k / n`` exceeds half of the current F1 (``break_even``): the last line says which bands pass it.
Figures only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from attribution import DATA, match, matches, overlap, prf
from attribution_sweep import prepared_docs
from polnear import OffsetMap, parse_ann, predictions


def break_even(f1: float) -> float:
    """The precision above which more predictions raise F1 = 2 TP / (predicted + gold)."""
    return f1 / 2


def band(score: float, width: float = 0.1) -> str:
    return f"{int(score / width + 1e-9) * width:.1f}"


def tally(rows: list[tuple[str, bool]]) -> dict[str, list[int]]:
    """(key, matched) rows -> key: [matched, all]."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, hit in rows:
        out[key][0] += int(hit)
        out[key][1] += 1
    return dict(out)


def left_out(item: tuple[Any, dict[str, Any], Any, str, Path], threshold: float) -> tuple[list[tuple[str, bool]], list[int]]:
    """One article's rows (band keys, matched) and its [tp, predicted, gold] under the shipped merge."""
    from presslens.extract.quotes.clauses import Context
    from presslens.extract.quotes.merge import (
        MERGE_REPLACE,
        cut_content,
        merge_quotes,
        reports_a_clause,
        snapped,
    )

    doc, record, lines, text, ann = item
    rules = list(doc._.pl_quotes)
    merged = merge_quotes(doc, None, threshold, None, MERGE_REPLACE)  # as the pipeline's merge runs
    doc._.pl_quotes = rules
    omap = OffsetMap(record, lines)
    golds = parse_ann(ann)
    preds = predictions({**record, "quotes": merged}, omap)
    pairs = match(preds, golds)
    free = [g["content"] for j, g in enumerate(golds) if j not in {j for _, j in pairs}]
    taken = [p["content"] for p in preds]
    ctx = Context(doc, None)
    rows: list[tuple[str, bool]] = []
    for a in sorted(doc._.pl_attributions or [], key=lambda a: -a["score"]):
        if a["score"] >= threshold:
            continue
        cut = cut_content(ctx, a)["content"]
        s, e, _, _ = snapped(ctx, int(cut["start"]), int(cut["end"]))
        content = [(omap(s), omap(e, end=True))]
        if e <= s or any(overlap(content, t) for t in taken):
            continue
        taken.append(content)
        hit = any(matches(content, g) for g in free)
        b = band(a["score"])
        shape = (f"clause={reports_a_clause(doc, a)} source={a.get('source') is not None} "
                 f"body={ctx.in_body(int(a['cue']['start']))}")
        rows += [(b, hit), (f"{b} {shape}", hit)]
    joined = sum(len(members) - 1 for members, _ in pairs)  # quotes of one attribution count once, as in Tally
    return rows, [len(pairs), len(preds) - joined, len(golds)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--floor", type=float, default=0.1, help="the lowest cue probability a candidate is kept at")
    args = ap.parse_args(argv)
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}", file=sys.stderr)
        return 2
    from presslens.extract.quotes.merge import MERGE_THRESHOLD
    from presslens.pipeline import load_nlp

    nlp = load_nlp()
    nlp.get_pipe("presslens_attribution").decode_from(args.floor, candidates=True)
    items = prepared_docs(nlp, args.split, args.limit, args.data)
    rows: list[tuple[str, bool]] = []
    tp = n_pred = n_gold = 0
    for item in items:
        r, (t, p, g) = left_out(item, MERGE_THRESHOLD)
        rows += r
        tp, n_pred, n_gold = tp + t, n_pred + p, n_gold + g
    f1 = prf(tp, n_pred, tp, n_gold)["f1"]
    even = break_even(f1)
    print(f"PolNeAR {args.split}: {len(items)} articles; merged content F1 {f1:.3f}, break-even precision {even:.3f}")
    print(f"candidates below the merge threshold {MERGE_THRESHOLD} that overlap no merged quote:\n")
    counts = tally(rows)
    for key in sorted(counts):
        hit, n = counts[key]
        print(f"{key:<44}{hit:>6} / {n:<6}{hit / n:>6.2f}{'  above break-even' if hit / n > even else ''}")
    passing = [k for k, (h, n) in counts.items() if " " not in k and h / n > even]
    print(f"\nbands above break-even: {', '.join(sorted(passing)) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
