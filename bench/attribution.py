"""Score presslens quotes against PolNeAR attributions (brat standoff).

    .venv/bin/python bench/attribution.py --split dev [--limit N] [--json]

Data: ``../shared/data/polnear/<split>/text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (``T# Source|Cue|
Content START END[;START END] TEXT`` and ``E# Attribution[-no-source]:T.. Content:T.. Cue:T.. [Source:T..]``).
Where an article has several annotators, the first annotator file in name order is the gold.

Each text goes through the real pipeline with its lines as the blocks (first line: the title, not body;
every other non-empty line: a paragraph), so no layout guess stands between the file and the scores, and
every predicted offset maps back to the file's characters exactly (the map is checked per block).

Figures:
- content P/R/F1: a predicted content matches a gold content when their overlap covers at least half of
  each (discontinuous gold spans count as the union of their pieces); one-to-one, largest overlaps first;
- speaker accuracy: of the matched pairs whose gold has a Source, the share whose predicted speaker overlaps
  the gold Source, directly or through a mention of the predicted speaker's entity;
- exact: content boundaries equal after trimming white space, quote marks, a leading "that" and end
  punctuation on both sides;
- per kind: gold kind from the quote marks in its content (direct: wholly inside marks; mixed: marks inside
  with other words; indirect: no marks); predicted kind as presslens gives it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear"
MARKS = "\"'“”‘’«»"
DOUBLE = "\"“”«»"
KINDS = ("direct", "mixed", "indirect")
LATER = ["presslens_dates", "presslens_claims", "presslens_events", "presslens_framing"]

Spans = list[tuple[int, int]]


def parse_ann(path: Path) -> list[dict[str, Any]]:
    """The attributions of one brat file: content, source and cue spans (lists of (start, end))."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            pieces: Spans = []
            for piece in offsets.split(";"):
                try:
                    s, e = piece.split()
                    pieces.append((int(s), int(e)))
                except ValueError:
                    continue
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for args in events:
        roles: dict[str, Spans] = {}
        for arg in args:
            role, _, tid = arg.partition(":")
            if tid in spans:
                roles[role] = spans[tid][1]
        if "Content" not in roles or not roles["Content"]:
            continue
        out.append({"content": roles["Content"], "source": roles.get("Source"), "cue": roles.get("Cue")})
    return out


def gold_kind(text: str, pieces: Spans) -> str:
    """direct / mixed / indirect from the quote marks in a gold content."""
    body = " ".join(text[s:e] for s, e in pieces).strip()
    if body.lower().startswith("that "):
        body = body[5:].strip()
    core = body.rstrip(".,;:!? ")
    if not any(ch in DOUBLE or ch in "‘«" for ch in core):
        return "indirect"
    if core[:1] in DOUBLE + "‘" and (core[-1:] in DOUBLE + "’" or body.rstrip()[-1:] in DOUBLE + "’"):
        inner = core[1:-1] if core[-1:] in DOUBLE + "’" else core[1:]
        if not any(ch in DOUBLE for ch in inner.replace("“", "").replace("”", "")) or len(inner) > 0.8 * len(core):
            return "direct"
    return "mixed"


def align(norm: str, orig: str, orig_start: int) -> list[int]:
    """For each character of a normalised line, its offset in the file (plus one entry for the end)."""
    out: list[int] = []
    j = 0
    for ch in norm:
        while j < len(orig) and orig[j] != ch and orig[j].isspace():
            j += 1
        if ch == " ":
            out.append(orig_start + j)
            while j < len(orig) and orig[j].isspace():
                j += 1
            continue
        out.append(orig_start + min(j, len(orig)))
        j += 1
    out.append(orig_start + min(j, len(orig)))
    return out


def load_article(text: str, name: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The raw article for a PolNeAR text (lines as blocks) and each block's (file offset, line)."""
    from presslens.readers import raw_article

    parts: list[dict[str, str]] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            parts.append({"kind": "title" if not parts else "paragraph", "text": line})
            lines.append((pos, line))
        pos += len(line) + 1
    raw = raw_article({"path": name, "format": "text"}, text, meta={"parts": parts})
    return dict(raw), lines


class OffsetMap:
    """Article offsets -> file offsets, block by block."""

    def __init__(self, record: dict[str, Any], lines: list[tuple[int, str]]) -> None:
        from presslens.structure import normalise_line

        self.blocks = record["article"]["blocks"]
        self.maps: list[list[int]] = []
        self.bad = 0
        art = record["article"]["text"]
        for block, (start, line) in zip(self.blocks, lines, strict=False):
            norm = art[block["start"] : block["end"]]
            if norm != normalise_line(line):
                self.bad += 1
            self.maps.append(align(norm, line, start))

    def __call__(self, pos: int, end: bool = False) -> int:
        for block, m in zip(self.blocks, self.maps, strict=False):
            if block["start"] <= pos <= block["end"]:
                k = pos - block["start"]
                if end and k > 0:
                    return m[k - 1] + 1
                return m[min(k, len(m) - 1)]
        return pos


def overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(a: Spans) -> int:
    return sum(e - s for s, e in a)


def trimmed(text: str, pieces: Spans) -> tuple[int, int]:
    s, e = min(p[0] for p in pieces), max(p[1] for p in pieces)
    changed = True
    while changed and s < e:
        changed = False
        while s < e and (text[s].isspace() or text[s] in MARKS + ",:"):
            s, changed = s + 1, True
        if text[s : s + 5].lower() == "that ":
            s, changed = s + 5, True
        while e > s and (text[e - 1].isspace() or text[e - 1] in MARKS + ".,;:"):
            e, changed = e - 1, True
    return s, e


def matches(p: Spans, g: Spans) -> bool:
    ov = overlap(p, g)
    return ov > 0 and ov >= 0.5 * length(p) and ov >= 0.5 * length(g)


def match(preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> list[tuple[list[int], int]]:
    """Matches of predicted to gold attributions, one-to-one. First the pieces of one predicted attribution
    (quotes sharing a ``group``: one cue's quoted stretches, a quote and its continuations) that lie in one
    gold attribution match it together when their union does (gold contents are discontinuous or run over
    paragraphs); then single quotes, largest overlaps first."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[list[int], int]] = []
    for j, g in enumerate(golds):
        groups: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(preds):
            if i not in used_p and overlap(p["content"], g["content"]) >= 0.5 * length(p["content"]):
                groups[str(p.get("group"))].append(i)
        for members in groups.values():
            union = [piece for i in members for piece in preds[i]["content"]]
            if len(members) > 1 and matches(union, g["content"]):
                used_p.update(members)
                used_g.add(j)
                out.append((members, j))
                break
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if i not in used_p and j not in used_g and matches(p["content"], g["content"]):
                pairs.append((overlap(p["content"], g["content"]), i, j))
    pairs.sort(reverse=True)
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append(([i], j))
    return out


def articles(split: str, limit: int | None, data: Path) -> list[tuple[str, Path, Path]]:
    base = data / split
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            out.append((txt.stem, txt, anns[0]))
    return out[:limit] if limit else out


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pred": n_p, "gold": n_g}


def score(split: str = "dev", limit: int | None = None, data: Path = DATA, nlp: Any = None) -> dict[str, Any]:
    """Run the pipeline over a PolNeAR split and return the figures (see the module's docstring)."""
    from presslens.pipeline import analyze

    if nlp is None:
        from presslens.pipeline import load_nlp

        nlp = load_nlp()
    items = articles(split, limit, data)
    raws, lines_of, texts = [], [], []
    for name, txt, _ in items:
        text = txt.read_text(encoding="utf-8")
        raw, lines = load_article(text, name)
        raws.append(raw)
        lines_of.append(lines)
        texts.append(text)
    disable = [p for p in LATER if p in nlp.pipe_names]
    with nlp.select_pipes(disable=disable):
        records = list(analyze(raws, nlp))
    n_pred = n_gold = tp = exact = sp_total = sp_ok = bad_blocks = 0
    kind_pred: dict[str, int] = defaultdict(int)
    kind_gold: dict[str, int] = defaultdict(int)
    kind_tp_p: dict[str, int] = defaultdict(int)
    kind_tp_g: dict[str, int] = defaultdict(int)
    kind_sp: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_doc = []
    for (name, _, ann), record, lines, text in zip(items, records, lines_of, texts, strict=True):
        golds = parse_ann(ann)
        omap = OffsetMap(record, lines)
        bad_blocks += omap.bad
        ents = {e["id"]: e for e in record.get("entities", [])}
        preds = []
        for q in record.get("quotes", []):
            c = q["content"]
            pred: dict[str, Any] = {
                "content": [(omap(c["start"]), omap(c["end"], end=True))],
                "kind": q["kind"],
                "rule": q.get("rule"),
                "group": q.get("group", q["id"]),
            }
            sp: Spans = []
            if q.get("speaker"):
                s = q["speaker"]
                sp.append((omap(s["start"]), omap(s["end"], end=True)))
                ent = ents.get(s.get("entity") or "")
                for m in (ent or {}).get("mentions", []):
                    sp.append((omap(m["start"]), omap(m["end"], end=True)))
            pred["speaker"] = sp
            preds.append(pred)
        for g in golds:
            g["kind"] = gold_kind(text, g["content"])
        pairs = match(preds, golds)
        merged = sum(len(members) - 1 for members, _ in pairs)
        n_pred += len(preds) - merged
        n_gold += len(golds)
        tp += len(pairs)
        for p in preds:
            kind_pred[p["kind"]] += 1
        for g in golds:
            kind_gold[g["kind"]] += 1
        for members, _ in pairs:
            kind_pred[preds[members[0]]["kind"]] -= len(members) - 1
        doc_sp = [0, 0]
        for members, j in pairs:
            p, g = preds[members[0]], golds[j]
            content = [piece for i in members for piece in preds[i]["content"]]
            speaker = [piece for i in members for piece in preds[i]["speaker"]]
            kind_tp_p[p["kind"]] += 1
            kind_tp_g[g["kind"]] += 1
            if trimmed(text, content) == trimmed(text, g["content"]):
                exact += 1
            if g["source"]:
                ok = overlap(speaker, g["source"]) > 0
                sp_total += 1
                sp_ok += ok
                doc_sp[0] += ok
                doc_sp[1] += 1
                kind_sp[g["kind"]][0] += ok
                kind_sp[g["kind"]][1] += 1
                rules[str(p["rule"])][0] += ok
                rules[str(p["rule"])][1] += 1
        per_doc.append(
            {"name": name, "pred": len(preds) - merged, "gold": len(golds), "matched": len(pairs), "speaker_ok": doc_sp}
        )
    result: dict[str, Any] = {
        "split": split,
        "articles": len(items),
        "content": prf(tp, n_pred, tp, n_gold),
        "speaker_accuracy": round(sp_ok / sp_total, 4) if sp_total else 0.0,
        "speaker_pairs": sp_total,
        "exact": prf(exact, n_pred, exact, n_gold),
        "per_kind": {
            k: {**prf(kind_tp_p[k], kind_pred[k], kind_tp_g[k], kind_gold[k]),
                "speaker_accuracy": round(kind_sp[k][0] / kind_sp[k][1], 4) if kind_sp[k][1] else 0.0}
            for k in KINDS
        },
        "speaker_by_rule": {r: {"ok": v[0], "n": v[1]} for r, v in sorted(rules.items())},
        "misaligned_blocks": bad_blocks,
        "documents": per_doc,
    }
    return result


def table(res: dict[str, Any]) -> str:
    rows = [f"PolNeAR {res['split']}: {res['articles']} articles", ""]
    rows.append(f"{'':<12}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}{'spk acc':>9}")
    c = res["content"]
    rows.append(f"{'content':<12}{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}{c['pred']:>7}{c['gold']:>7}{res['speaker_accuracy']:>9.3f}")
    e = res["exact"]
    rows.append(f"{'exact':<12}{e['precision']:>8.3f}{e['recall']:>8.3f}{e['f1']:>8.3f}{e['pred']:>7}{e['gold']:>7}")
    for k, v in res["per_kind"].items():
        rows.append(f"{k:<12}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['pred']:>7}{v['gold']:>7}{v['speaker_accuracy']:>9.3f}")
    rows.append("")
    rows.append("speaker accuracy by rule: " + ", ".join(f"{r} {v['ok']}/{v['n']}" for r, v in res["speaker_by_rule"].items()))
    if res["misaligned_blocks"]:
        rows.append(f"warning: {res['misaligned_blocks']} blocks whose text normalisation changed (offsets mapped by alignment)")
    return "\n".join(rows)


BASELINE = Path(__file__).resolve().parent / "baseline.json"
FIGURES = {
    "content_f1": lambda r: r["content"]["f1"],
    "content_precision": lambda r: r["content"]["precision"],
    "content_recall": lambda r: r["content"]["recall"],
    "speaker_accuracy": lambda r: r["speaker_accuracy"],
    "exact_f1": lambda r: r["exact"]["f1"],
}


def floors_hash(floors: dict[str, float]) -> str:
    """The sha256 the baseline file carries for its floors (compact, sorted JSON)."""
    import hashlib

    return hashlib.sha256(json.dumps(floors, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--data", type=Path, default=DATA, help="the PolNeAR folder (default ../shared/data/polnear)")
    ap.add_argument("--rehash", action="store_true", help="print the sha256 of bench/baseline.json's floors and exit")
    args = ap.parse_args(argv)
    if args.rehash:
        print(floors_hash(json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]))
        return 0
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}: put ../shared/data/polnear beside the project", file=sys.stderr)
        return 2
    res = score(args.split, args.limit, args.data)
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "documents"}, indent=2))
    else:
        print(table(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
