"""Select the merge's thresholds on PolNeAR dev: the pipeline runs once, the merge under each setting.

    .venv/bin/python bench/attribution_sweep.py --split dev [--thresholds 0.45,0.6,0.75] [--replaces 0.6,0.9]

The experiment script of ``extract/quotes/merge.py`` (the figures of ``bench/attribution.py``, same data,
same scorer): the rules and the learned stage run once per article (candidates down to the lowest confirm
threshold), then ``merge_quotes`` runs for every (threshold, replace) pair (``--confirm``: one for all;
default: the threshold) and the records are scored.
Prints content P/R/F1, speaker accuracy and exact F1 per setting. Figures only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from attribution import DATA, LATER, Tally, typed
from polnear import OffsetMap, articles, load_article, parse_ann


def prepared_docs(nlp: Any, split: str, limit: int | None, data: Path) -> list[tuple[Any, dict[str, Any], Any, str, Path]]:
    """Per article: its Doc after the learned stage (before the merge), its record, lines, text, gold file."""
    from presslens.pipeline import make_doc
    from presslens.record import to_record

    out = []
    disable = [p for p in (*LATER, "presslens_quote_merge") if p in nlp.pipe_names]
    with nlp.select_pipes(disable=disable):
        for name, txt, ann in articles(split, limit, data):
            text = txt.read_text(encoding="utf-8")
            raw, lines = load_article(text, name)
            doc, _ = make_doc(nlp, raw)
            if doc is None:
                continue
            doc = nlp(doc)
            out.append((doc, to_record(doc, raw), lines, text, ann))
    return out


def sweep(items: list[Any], threshold: float, confirm: float | None, replace: float | None) -> dict[str, Any]:
    from presslens.extract.quotes.merge import merge_quotes

    tally = Tally()
    for doc, record, lines, text, ann in items:
        rules = list(doc._.pl_quotes)
        record = {**record, "quotes": merge_quotes(doc, None, threshold, confirm, replace)}
        doc._.pl_quotes = rules
        omap = OffsetMap(record, lines)
        tally.add(ann.stem, text, *typed(record, omap, text, parse_ann(ann)))
    return tally.result("dev", len(items))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--thresholds", default="0.45,0.55,0.65,0.75,0.85")
    ap.add_argument("--replaces", default="0,0.6,0.75,0.9", help="0: a kept attribution always replaces the rules")
    ap.add_argument("--confirm", type=float, default=None)
    args = ap.parse_args(argv)
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}", file=sys.stderr)
        return 2
    from presslens.pipeline import load_nlp

    thresholds = [float(x) for x in args.thresholds.split(",")]
    replaces = [float(x) for x in args.replaces.split(",")]
    nlp = load_nlp()
    pipe = nlp.get_pipe("presslens_attribution")
    pipe.decode_from(min([*thresholds, *([args.confirm] if args.confirm is not None else [])]), candidates=True)
    items = prepared_docs(nlp, args.split, args.limit, args.data)
    print(f"PolNeAR {args.split}: {len(items)} articles\n")
    print(f"{'threshold':>10}{'replace':>9}{'P':>8}{'R':>8}{'F1':>8}{'spk':>8}{'exact':>8}")
    for t in thresholds:
        for c in replaces:
            res = sweep(items, t, args.confirm, c or None)
            k = res["content"]
            print(f"{t:>10.2f}{c:>9.2f}{k['precision']:>8.3f}{k['recall']:>8.3f}{k['f1']:>8.3f}"
                  f"{res['speaker_accuracy']:>8.3f}{res['exact']['f1']:>8.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
