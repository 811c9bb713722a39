"""Which verbs PolNeAR annotates as cues, and in which frames: mined from TRAIN (never dev) for the cue
lexicon (``src/presslens/data/cues.json``; provenance in ``src/presslens/data/README.md``).

    .venv/bin/python bench/cue_mining.py [--split train] [--limit N] [--min 8] [--top 40]

Each article's raw text goes through spaCy's own parse (no presslens stages; offsets are the file's). For
every verb outside quotation marks, its lemma and its frame (``ccomp``: a clause; ``xcomp``: an infinitive or small clause;
``dobj``: an object; ``prep:P``: a phrase of P; ``bare``: none of these) are counted, and how often the verb
lies in a gold Cue span. Printed: the lemmas not in the lexicon that are cues at least ``--min`` times with
their precision as cues per frame, and the lexicon's verbs with a frame that is rarely a cue (candidates for
a gate). Figures only.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections import Counter, defaultdict

from attribution import DATA
from polnear import articles, parse_ann


def frame(tok: object) -> str:
    deps = {c.dep_: c for c in tok.children}  # type: ignore[attr-defined]
    for dep in ("ccomp", "xcomp", "dobj"):
        if dep in deps:
            return dep
    prep = next((c for c in tok.children if c.dep_ == "prep"), None)  # type: ignore[attr-defined]
    return f"prep:{prep.lower_}" if prep is not None else "bare"


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """The top-level quoted stretches of a text whose lines are its paragraphs, marks included."""
    from presslens.extract.quotes.marks import find_quoted

    blocks, at = [], 0
    for line in text.split("\n"):
        blocks.append((at, at + len(line)))
        at += len(line) + 1
    tops = [q for q in find_quoted(text, blocks) if q["level"] == 1]
    return sorted((q["open"] if q["open"] is not None else q["start"], (q["close"] + 1) if q["close"] is not None else q["end"])
                  for q in tops)


def mine(split: str, limit: int | None) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    from presslens.pipeline import load_nlp

    nlp = load_nlp()
    keep = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"}
    items = articles(split, limit, DATA)
    total: Counter[tuple[str, str]] = Counter()
    cue: Counter[tuple[str, str]] = Counter()
    texts = (txt.read_text(encoding="utf-8") for _, txt, _ in items)
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep]):
        for (_, _, ann), doc in zip(items, nlp.pipe(texts, batch_size=8), strict=True):
            pieces = sorted(p for g in parse_ann(ann) for p in (g["cue"] or []))
            starts = [p[0] for p in pieces]
            quoted = quoted_ranges(doc.text)
            q_lo = [q[0] for q in quoted]
            for tok in doc:
                if not tok.tag_.startswith("VB") or tok.dep_ in ("aux", "auxpass"):
                    continue
                j = bisect.bisect_right(q_lo, tok.idx) - 1
                if j >= 0 and tok.idx < quoted[j][1]:
                    continue  # inside a quotation: PolNeAR annotates the quotation, not the cues in it
                key = (tok.lemma_.lower(), frame(tok))
                total[key] += 1
                lo, hi = tok.idx, tok.idx + len(tok.text)
                k = bisect.bisect_left(starts, hi)
                if any(s < hi and lo < e for s, e in pieces[max(0, k - 4) : k]):
                    cue[key] += 1
    return total, cue


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("train",), default="train", help="train only: dev selects, never mines")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min", type=int, default=8, help="the fewest cue occurrences a lemma needs to be listed")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    if not (DATA / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {DATA}", file=sys.stderr)
        return 2
    from presslens.extract.quotes.cues import load_cues

    known = load_cues().verbs
    total, cue = mine(args.split, args.limit)
    by_lemma: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for (lemma, fr), n in total.items():
        by_lemma[lemma].append((fr, cue[(lemma, fr)], n))
    new = sorted(((sum(c for _, c, _ in v), k) for k, v in by_lemma.items() if k not in known), reverse=True)
    print(f"not in the lexicon, cue at least {args.min} times (lemma: cues/occurrences; frames with precision):")
    for n, lemma in new[: args.top]:
        if n < args.min:
            break
        rows = sorted(by_lemma[lemma], key=lambda r: -r[2])
        occ = sum(r[2] for r in rows)
        print(f"  {lemma}: {n}/{occ} = {n / occ:.2f}; " + ", ".join(f"{f} {c}/{t}" for f, c, t in rows[:5]))
    print("\nlexicon verbs with a frequent frame that is rarely a cue (frame cues/occurrences, precision < 0.3):")
    weak = []
    for lemma in known:
        for fr, c, t in by_lemma.get(lemma, []):
            if t >= 10 and c / t < 0.3:
                weak.append((t - c, lemma, fr, c, t))
    for _, lemma, fr, c, t in sorted(weak, reverse=True)[: args.top]:
        print(f"  {lemma} {fr}: {c}/{t} = {c / t:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
