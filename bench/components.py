"""Where presslens's time goes: each pipeline component's time beside spaCy's own, on BBC articles.

    .venv/bin/python bench/components.py --limit 150 [--attribution-model off|PATH]

Runs the loaded pipeline one component at a time over the same batch (``pipe`` with the batch size
presslens uses) and times reading, structure (``make_doc``) and record building too. Prints a Markdown
table: seconds (CPU time of this process) and share of spaCy's own components, then the learned attribution
stage's share (the model, ``presslens_attribution``, and the merge with its speaker resolution,
``presslens_quote_merge``; ``--attribution-model off`` for the rules alone). Figures only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=150, help="articles, spread evenly over the corpus")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--model", default=None)
    parser.add_argument("--attribution-model", default=None, help="a trained attribution model, or off (default: the shipped one)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent (the BBC corpus lives in ../shared/data/bbc, outside the repo)")
        return 0

    from presslens.engines.work import warm_up
    from presslens.pipeline import load_nlp, make_doc
    from presslens.readers import ReadOptions, read_inputs
    from presslens.record import to_record

    nlp = load_nlp(args.model, attribution_model=args.attribution_model)
    warm_up(nlp)
    paths = sorted(str(p) for p in args.data.rglob("*.txt"))
    paths = paths[:: max(1, len(paths) // max(1, args.limit))][: args.limit]
    spent: dict[str, float] = {}
    clock = time.process_time
    t = clock()
    raws = list(read_inputs(paths, ReadOptions()))
    spent["(presslens) read"] = clock() - t
    with nlp.memory_zone():
        t = clock()
        made = [make_doc(nlp, raw) for raw in raws]
        spent["(presslens) structure + make_doc"] = clock() - t
        docs = [d for d, _ in made if d is not None]
        for name, proc in nlp.pipeline:
            t = clock()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=args.batch_size))
            else:
                docs = [proc(d) for d in docs]
            spent[name] = spent.get(name, 0.0) + clock() - t
        t = clock()
        kept = [raw for raw, (d, _) in zip(raws, made, strict=True) if d is not None]
        for doc, raw in zip(docs, kept, strict=True):
            to_record(doc, raw)
        spent["(presslens) to_record"] = clock() - t
    spacy_names = [n for n, _ in nlp.pipeline if not n.startswith("presslens_")]
    base = sum(spent.get(n, 0.0) for n in spacy_names)
    print(f"{len(raws)} articles; CPU seconds of this process; spaCy's own components: {base:.2f} s\n")
    print("| step | CPU s | share of spaCy's time |\n|---|---:|---:|")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {secs:.2f} | {secs / base:.1%} |")
    extra = sum(spent.values()) - base
    print(f"\npresslens adds {extra:.2f} s = {extra / base:+.1%} to spaCy's time.")
    learned = sum(spent.get(n, 0.0) for n in ("presslens_attribution", "presslens_quote_merge"))
    if learned:
        print(f"the learned attribution stage (model + merge and speaker resolution) adds {learned:.2f} s = "
              f"{learned / base:+.1%}; with the rules' quotes {learned + spent.get('presslens_quotes', 0.0):.2f} s = "
              f"{(learned + spent.get('presslens_quotes', 0.0)) / base:+.1%}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
