"""Where presslens's attributions go wrong on PolNeAR: the misses and false positives, by category.

    .venv/bin/python bench/attribution_errors.py --split dev [--model off] [--limit N] [--top 15] [--dump FILE]

Matching as ``bench/attribution.py`` (half of each, one-to-one). Prints, per path (rules, model, both):
- false positives: a prediction matched to no gold, ``boundary`` when it overlaps an unmatched gold (the
  content is there, its ends are off), else ``spurious`` (counted by cue word);
- misses: a gold attribution no prediction matches, ``boundary`` or ``missed`` (counted by gold cue word);
- the boundary differences of matched and unmatched overlapping pairs after ``attribution.trimmed``: which
  words the prediction has too many or too few at its start and end (the first words, counted).
``--dump`` writes every unmatched item with its text for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from attribution import DATA, analysed, match, overlap, pipeline, trimmed
from polnear import OffsetMap, Spans, parse_ann, predictions


def words(text: str, n: int = 2) -> str:
    return " ".join(text.split()[:n]).lower() or "(space/marks)"


def last_words(text: str, n: int = 2) -> str:
    return " ".join(text.split()[-n:]).lower() or "(space/marks)"


def ends(text: str, p: Spans, g: Spans, tally: dict[str, Counter[str]], path: str) -> None:
    """Count how a prediction's trimmed ends differ from its gold's."""
    ps, pe = trimmed(text, p)
    gs, ge = trimmed(text, g)
    if ps < gs:
        tally[f"{path}: start early (extra)"][words(text[ps:gs])] += 1
    elif ps > gs:
        tally[f"{path}: start late (missing)"][words(text[gs:ps])] += 1
    if pe > ge:
        tally[f"{path}: end late (extra)"][words(text[ge:pe])] += 1
    elif pe < ge:
        tally[f"{path}: end early (missing)"][words(text[pe:ge])] += 1


def relation(text: str, p: Spans, near: list[Spans]) -> str:
    """How an unmatched prediction lies against the unmatched golds it overlaps (after ``trimmed``)."""
    if len(near) > 1:
        return "spans several golds"
    ps, pe = trimmed(text, p)
    gs, ge = trimmed(text, near[0])
    if gs <= ps and pe <= ge:
        return "inside its gold (too short)"
    if ps <= gs and ge <= pe:
        return "holds its gold (too long)"
    return "crosses its gold"


def cue_word(text: str, spans: Spans | None) -> str:
    return " ".join(text[s:e] for s, e in spans or []).lower().strip() or "(no cue)"


def analyse(records: list[dict[str, Any]], items: list[tuple[str, Path, Path]], lines_of: list[Any],
            texts: list[str]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    by_cue: dict[str, Counter[str]] = defaultdict(Counter)
    bounds: dict[str, Counter[str]] = defaultdict(Counter)
    dump: list[dict[str, Any]] = []
    for (name, _, ann), record, lines, text in zip(items, records, lines_of, texts, strict=True):
        omap = OffsetMap(record, lines)
        preds = predictions(record, omap)
        for q, p in zip(record.get("quotes", []), preds, strict=True):
            p["path"] = q.get("path", "rules")
            p["cue"] = q["cue"]["text"].lower() if q.get("cue") else "(no cue)"
        golds = parse_ann(ann)
        pairs = match(preds, golds)
        mp = {i for members, _ in pairs for i in members}
        mg = {j for _, j in pairs}
        for members, j in pairs:
            by_cue[f"TP {preds[members[0]]['path']}, by cue"][preds[members[0]]["cue"]] += 1
            content = [piece for i in members for piece in preds[i]["content"]]
            ends(text, content, golds[j]["content"], bounds, "matched " + preds[members[0]]["path"])
        for i, p in enumerate(preds):
            if i in mp:
                continue
            near = [j for j in range(len(golds)) if j not in mg and overlap(p["content"], golds[j]["content"])]
            what = "boundary" if near else "spurious"
            counts[f"FP {p['path']} {p['kind']} {what}"] += 1
            if near:
                ends(text, p["content"], golds[near[0]]["content"], bounds, "FP " + p["path"])
                counts[f"FP {p['path']} boundary: {relation(text, p['content'], [golds[j]['content'] for j in near])}"] += 1
            else:
                by_cue[f"FP {p['path']} spurious, by cue"][p["cue"]] += 1
            by_cue[f"FP {p['path']}, by cue"][p["cue"]] += 1
            dump.append({"doc": name, "type": f"FP {p['path']} {what}", "rule": p["rule"], "cue": p["cue"],
                         "text": " ".join(text[s:e] for s, e in p["content"]),
                         "gold": [" ".join(text[s:e] for s, e in golds[j]["content"]) for j in near]})
        for j, g in enumerate(golds):
            if j in mg:
                continue
            near = [i for i in range(len(preds)) if overlap(preds[i]["content"], g["content"])]
            what = "boundary" if near else "missed"
            counts[f"FN {what}"] += 1
            if near:
                taken = any(i in mp for i in near)
                counts[f"FN boundary: {'beside a matched prediction (nested or merged)' if taken else 'only unmatched predictions'}"] += 1
            if not near:
                by_cue["FN missed, by gold cue"][cue_word(text, g["cue"])] += 1
            dump.append({"doc": name, "type": f"FN {what}", "cue": cue_word(text, g["cue"]),
                         "text": " ".join(text[s:e] for s, e in g["content"]),
                         "source": cue_word(text, g["source"])})
    return {"counts": counts, "by_cue": by_cue, "bounds": bounds, "dump": dump}


def run(split: str, limit: int | None, model: str | None) -> dict[str, Any]:
    items, records, lines_of, texts = analysed(split, limit, DATA, pipeline(model))
    return analyse(records, items, lines_of, texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--model", default=None, help="the learned attribution model: a folder, or off")
    ap.add_argument("--top", type=int, default=12, help="how many of each category's items to print")
    ap.add_argument("--dump", type=Path, default=None, help="write every unmatched item as JSON here")
    args = ap.parse_args(argv)
    if not (DATA / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {DATA}", file=sys.stderr)
        return 2
    res = run(args.split, args.limit, args.model)
    for k, n in sorted(res["counts"].items()):
        print(f"{k:<40}{n:>6}")
    for table in (res["by_cue"], res["bounds"]):
        for k, c in sorted(table.items()):
            print(f"\n{k} ({sum(c.values())}): " + ", ".join(f"{w} {n}" for w, n in c.most_common(args.top)))
    if args.dump:
        args.dump.write_text(json.dumps(res["dump"], indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
