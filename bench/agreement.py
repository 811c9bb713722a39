"""How far PolNeAR's annotators agree with each other, under bench/attribution.py's own scorer: the ceiling a
model trained on one annotator's spans can be read against.

    .venv/bin/python bench/agreement.py [--split train] [--json]

Of the split's articles with two or more annotator files, the first in name order is the gold (as for
``bench/attribution.py``) and the second is scored against it as if it were presslens's output: its Sources
as the speakers, every attribution its own group. Same figures as ``bench/attribution.py`` (content matched
one-to-one, exact, speaker accuracy, and Citron's token overlap).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from attribution import DATA, Tally
from polnear import gold_kind, parse_ann


def doubly_annotated(split: str, data: Path) -> list[tuple[str, Path, Path, Path]]:
    """(name, text, first annotator's file, second annotator's file) of each article two people annotated."""
    base = data / split
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if len(anns) >= 2:
            out.append((txt.stem, txt, anns[0], anns[1]))
    return out


def as_predictions(text: str, attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One annotator's attributions in the shape ``Tally`` reads presslens's quotes in."""
    return [{"content": a["content"], "kind": gold_kind(text, a["content"]), "rule": "annotator", "group": i,
             "speaker": a["source"] or [], "path": "annotator", "type": "?"} for i, a in enumerate(attributions)]


def agreement(split: str = "train", data: Path = DATA) -> dict[str, Any]:
    """The second annotator scored against the first, over the split's doubly annotated articles."""
    tally = Tally()
    items = doubly_annotated(split, data)
    for name, txt, first, second in items:
        text = txt.read_text(encoding="utf-8")
        golds = [{**g, "type": "?"} for g in parse_ann(first)]
        tally.add(name, text, as_predictions(text, parse_ann(second)), golds)
    return tally.result(split, len(items))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("train", "dev"), default="train")
    ap.add_argument("--data", type=Path, default=DATA, help="the PolNeAR folder (default ../shared/data/polnear)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}: put ../shared/data/polnear beside the project", file=sys.stderr)
        return 2
    res = agreement(args.split, args.data)
    if not res["articles"]:
        print(f"no article of PolNeAR {args.split} has two annotators", file=sys.stderr)
        return 1
    figures = {"articles": res["articles"], "content": res["content"], "exact": res["exact"],
               "speaker_accuracy": res["speaker_accuracy"], "speaker_pairs": res["speaker_pairs"], "tokens": res["tokens"]}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"PolNeAR {args.split}: {res['articles']} articles with two annotators (the second scored against the first)\n")
    print(f"{'':<14}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}")
    rows = [("content", res["content"]), ("exact", res["exact"]),
            ("tok content", res["tokens"]["content"]), ("tok source", res["tokens"]["source"])]
    for label, v in rows:
        print(f"{label:<14}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['pred']:>7}{v['gold']:>7}")
    print(f"\nspeaker accuracy {res['speaker_accuracy']:.3f} over {res['speaker_pairs']} matched pairs with a gold Source")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
