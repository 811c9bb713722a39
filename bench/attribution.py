"""Score presslens quotes against PolNeAR attributions (brat standoff).

    .venv/bin/python bench/attribution.py --split dev [--limit N] [--json]

Data: ``../shared/data/polnear/<split>/`` (read by ``bench/polnear.py``; the first annotator is the gold).

Each text goes through the real pipeline with its lines as the blocks (first line: the title, not body;
every other non-empty line: a paragraph), so no layout guess stands between the file and the scores, and
every predicted offset maps back to the file's characters exactly (the map is checked per block).

Figures:
- content P/R/F1: a predicted content matches a gold content when their overlap covers at least half of
  each (discontinuous gold spans count as the union of their pieces); one-to-one, largest overlaps first;
- speaker accuracy: of the matched pairs whose gold has a Source, the share whose predicted speaker overlaps
  the gold Source, directly or through a mention of the predicted speaker's entity;
- exact: content boundaries equal after trimming white space, quote marks, a leading "that" (with a comma
  after it) and end punctuation on both sides;
- per kind: gold kind from the quote marks in its content (direct: wholly inside marks; mixed: marks inside
  with other words; indirect: no marks); predicted kind as presslens gives it;
- tokens (BBC Citron's overlap metric, the one its published 0.83 content and 0.85 source F1 are in): of the
  article's tokens (words and punctuation) inside any predicted content, the share inside a gold content (P),
  and of those inside any gold content, the share inside a predicted one (R); the same for the speakers'
  whole phrases (``speaker.phrase``: the words that name the speaker where the quote names or points at them,
  with their appositions and relative clauses; not the entity's other mentions) against gold Sources. Each token counts once (Citron sums over every pair of quotes, which can count one twice).

The dev figures gate CI (``tests/test_eval_gate.py``, ``bench/gate.py``): floors in ``bench/baseline.json``,
changed only with ``--set-floor NAME=VALUE`` (``--lower --reason TEXT`` to lower one), bound to the data.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gate import Gate, add_floor_options, change_floors
from polnear import MARKS, OffsetMap, Spans, articles, gold_kind, load_article, parse_ann, predictions
from speakertypes import TYPES, Typer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear"
KINDS = ("direct", "mixed", "indirect")
LATER = ["presslens_dates", "presslens_claims", "presslens_events", "presslens_framing"]
TOKEN = re.compile(r"\w+|[^\w\s]")


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
        if text[s : s + 4].lower() == "that" and s + 4 < e and (text[s + 4].isspace() or text[s + 4] == ","):
            s, changed = s + 4, True  # a leading complementizer, with the comma of an aside after it ("that, if elected, ...")
        while e > s and (text[e - 1].isspace() or text[e - 1] in MARKS + ".,;:"):
            e, changed = e - 1, True
    return s, e


def tokens(text: str, spans: list[Spans]) -> set[int]:
    """The start offsets of the tokens (words, punctuation marks) inside any of ``spans``."""
    return {m.start() for pieces in spans for s, e in pieces for m in TOKEN.finditer(text, s, e)}


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


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pred": n_p, "gold": n_g}


@dataclass
class Tally:
    """The counts the figures are made of, summed over documents."""

    n_pred: int = 0
    n_gold: int = 0
    tp: int = 0
    exact: int = 0
    sp_total: int = 0
    sp_ok: int = 0
    bad_blocks: int = 0
    record_codes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_pred: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_tp_p: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_tp_g: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kind_sp: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    rules: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    paths: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    confusion: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    token_counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    per_doc: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, text: str, preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> None:
        """Count one document's predictions against its gold attributions."""
        for g in golds:
            g["kind"] = gold_kind(text, g["content"])
        self.add_tokens(text, preds, golds)
        pairs = match(preds, golds)
        merged = sum(len(members) - 1 for members, _ in pairs)
        self.n_pred += len(preds) - merged
        self.n_gold += len(golds)
        self.tp += len(pairs)
        for p in preds:
            self.kind_pred[p["kind"]] += 1
            self.paths[p.get("path", "rules")][0] += 1
        for g in golds:
            self.kind_gold[g["kind"]] += 1
        for members, _ in pairs:
            self.kind_pred[preds[members[0]]["kind"]] -= len(members) - 1
        doc_sp = [0, 0]
        for members, j in pairs:
            p, g = preds[members[0]], golds[j]
            content = [piece for i in members for piece in preds[i]["content"]]
            speaker = [piece for i in members for piece in preds[i]["speaker"]]
            self.kind_tp_p[p["kind"]] += 1
            self.kind_tp_g[g["kind"]] += 1
            path = self.paths[p.get("path", "rules")]
            path[0] -= len(members) - 1
            path[1] += 1
            if trimmed(text, content) == trimmed(text, g["content"]):
                self.exact += 1
            if g["source"]:
                ok = overlap(speaker, g["source"]) > 0
                self.sp_total += 1
                self.sp_ok += ok
                doc_sp[0] += ok
                doc_sp[1] += 1
                self.kind_sp[g["kind"]][0] += ok
                self.kind_sp[g["kind"]][1] += 1
                self.rules[str(p["rule"])][0] += ok
                self.rules[str(p["rule"])][1] += 1
                path[2] += ok
                path[3] += 1
                self.confusion[(str(g.get("type", "?")), str(p.get("type", "?")))] += 1
        self.per_doc.append({"name": name, "pred": len(preds) - merged, "gold": len(golds), "matched": len(pairs),
                             "speaker_ok": doc_sp})

    def add_tokens(self, text: str, preds: list[dict[str, Any]], golds: list[dict[str, Any]]) -> None:
        """Citron's overlap counts for one document: tokens in both, in the predictions, in the gold."""
        # the speaker's whole phrase as written (else its own span), not its entity's other mentions
        own = [x.get("phrase") or x["speaker"][:1] for x in preds if x.get("speaker")]
        for role, pred_spans, gold_key in (("content", [x["content"] for x in preds], "content"), ("source", own, "source")):
            p = tokens(text, pred_spans)
            g = tokens(text, [x[gold_key] for x in golds if x.get(gold_key)])
            counts = self.token_counts[role]
            counts[0] += len(p & g)
            counts[1] += len(p)
            counts[2] += len(g)

    def result(self, split: str, articles: int) -> dict[str, Any]:
        ks = self.kind_sp
        tc = self.token_counts
        return {
            "split": split,
            "articles": articles,
            "content": prf(self.tp, self.n_pred, self.tp, self.n_gold),
            "speaker_accuracy": round(self.sp_ok / self.sp_total, 4) if self.sp_total else 0.0,
            "speaker_pairs": self.sp_total,
            "exact": prf(self.exact, self.n_pred, self.exact, self.n_gold),
            "tokens": {role: prf(tc[role][0], tc[role][1], tc[role][0], tc[role][2]) for role in ("content", "source")},
            "per_kind": {
                k: {**prf(self.kind_tp_p[k], self.kind_pred[k], self.kind_tp_g[k], self.kind_gold[k]),
                    "speaker_accuracy": round(ks[k][0] / ks[k][1], 4) if ks[k][1] else 0.0}
                for k in KINDS
            },
            "speaker_by_rule": {r: {"ok": v[0], "n": v[1]} for r, v in sorted(self.rules.items())},
            "per_path": {k: {"pred": v[0], "matched": v[1], "precision": round(v[1] / v[0], 4) if v[0] else 0.0,
                             "speaker_ok": v[2], "speaker_n": v[3]} for k, v in sorted(self.paths.items())},
            "speaker_types": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "misaligned_blocks": self.bad_blocks,
            "record_codes": dict(sorted(self.record_codes.items())),
            "documents": self.per_doc,
        }


def typed(record: dict[str, Any], omap: OffsetMap, text: str, golds: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The record's predictions and the gold attributions, each with its speaker's type and path."""
    typer = Typer(record, omap, text)
    preds = predictions(record, omap)
    for q, p in zip(record.get("quotes", []), preds, strict=True):
        p["path"], p["type"] = q.get("path", "rules"), typer.predicted(q, p)
    for g in golds:
        g["type"] = typer.gold(g)
    return preds, golds


def analysed(split: str, limit: int | None, data: Path, nlp: Any) -> tuple[list[Any], list[dict[str, Any]], list[Any], list[str]]:
    """A PolNeAR split through ``nlp`` (the stages after attribution off): its items, records, each article's
    lines and raw text."""
    from presslens.pipeline import analyze

    items = articles(split, limit, data)
    raws, lines_of, texts = [], [], []
    for name, txt, _ in items:
        text = txt.read_text(encoding="utf-8")
        raw, lines = load_article(text, name)
        raws.append(raw)
        lines_of.append(lines)
        texts.append(text)
    with nlp.select_pipes(disable=[p for p in LATER if p in nlp.pipe_names]):
        records = list(analyze(raws, nlp))
    return items, records, lines_of, texts


def score(split: str = "dev", limit: int | None = None, data: Path = DATA, nlp: Any = None) -> dict[str, Any]:
    """Run the pipeline over a PolNeAR split and return the figures (see the module's docstring)."""
    if nlp is None:
        from presslens.pipeline import load_nlp

        nlp = load_nlp()
    items, records, lines_of, texts = analysed(split, limit, data, nlp)
    tally = Tally()
    for (name, _, ann), record, lines, text in zip(items, records, lines_of, texts, strict=True):
        omap = OffsetMap(record, lines)
        tally.bad_blocks += omap.bad
        for info in record.get("errors") or []:
            tally.record_codes[str(info.get("code"))] += 1
        tally.add(name, text, *typed(record, omap, text, parse_ann(ann)))
    return tally.result(split, len(items))


def pipeline(model: str | None = None, threshold: float | None = None, confirm: float | None = None) -> Any:
    """The pipeline scored: with the learned stage (``model``: a folder, or ``off``) and its merge settings
    (``threshold``: below 0, the model's own)."""
    from presslens.pipeline import load_nlp

    nlp = load_nlp(attribution_model=model)
    if "presslens_quote_merge" in nlp.pipe_names and (threshold is not None or confirm is not None):
        config = dict(nlp.get_pipe_config("presslens_quote_merge"))
        config.update({k: v for k, v in (("threshold", threshold), ("confirm", confirm)) if v is not None})
        if threshold is not None and threshold < 0:
            config["threshold"] = None
        config.pop("factory", None)
        nlp.replace_pipe("presslens_quote_merge", "presslens_quote_merge", config=config)
        pipe = nlp.get_pipe("presslens_attribution")
        pipe.decode_from(min(x for x in (threshold, confirm, pipe.cfg["threshold"]) if x is not None and x >= 0), candidates=True)
    return nlp


def table(res: dict[str, Any]) -> str:
    rows = [f"PolNeAR {res['split']}: {res['articles']} articles", ""]
    rows.append(f"{'':<12}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}{'spk acc':>9}")
    c = res["content"]
    rows.append(f"{'content':<12}{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}{c['pred']:>7}{c['gold']:>7}{res['speaker_accuracy']:>9.3f}")
    e = res["exact"]
    rows.append(f"{'exact':<12}{e['precision']:>8.3f}{e['recall']:>8.3f}{e['f1']:>8.3f}{e['pred']:>7}{e['gold']:>7}")
    for role, v in res["tokens"].items():
        rows.append(f"{'tok ' + role:<12}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['pred']:>7}{v['gold']:>7}")
    for k, v in res["per_kind"].items():
        rows.append(f"{k:<12}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}{v['pred']:>7}{v['gold']:>7}{v['speaker_accuracy']:>9.3f}")
    rows.append("")
    rows.append("speaker accuracy by rule: " + ", ".join(f"{r} {v['ok']}/{v['n']}" for r, v in res["speaker_by_rule"].items()))
    rows.append("")
    rows.append(f"{'path':<12}{'pred':>7}{'matched':>9}{'P':>8}{'spk acc':>9}   (model: the learned stage alone; rules: "
                "the rules alone; both: the two agree)")
    for k, v in res["per_path"].items():
        acc = v["speaker_ok"] / v["speaker_n"] if v["speaker_n"] else 0.0
        rows.append(f"{k:<12}{v['pred']:>7}{v['matched']:>9}{v['precision']:>8.3f}{acc:>9.3f}")
    rows.append("")
    rows.append("speaker types of matched pairs with a gold source (rows: gold, columns: predicted; bench/speakertypes.py)")
    cols = (*TYPES, "none")
    rows.append(f"{'':<14}" + "".join(f"{c[:9]:>10}" for c in cols))
    for g in TYPES:
        counts = [res["speaker_types"].get(f"{g}->{c}", 0) for c in cols]
        rows.append(f"{g:<14}" + "".join(f"{n:>10}" for n in counts))
    if res["record_codes"]:
        rows.append("warning: records carry codes (a stage fell back; each error in a record says what to do): "
                    + ", ".join(f"{k} {v}" for k, v in res["record_codes"].items()))
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
    "token_content_f1": lambda r: r["tokens"]["content"]["f1"],
    "token_source_f1": lambda r: r["tokens"]["source"]["f1"],
}


def scored_files(split: str = "dev", data: Path = DATA) -> list[Path]:
    """The files a split's scores are made of: each article's text and its gold annotator file."""
    return [p for _, txt, ann in articles(split, None, data) for p in (txt, ann)]


GATE = Gate(BASELINE, DATA, scored_files, FIGURES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("train", "dev"), default="dev")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--data", type=Path, default=DATA, help="the PolNeAR folder (default ../shared/data/polnear)")
    ap.add_argument("--model", default=None, help="the learned attribution model: a folder, or off (default: the shipped one)")
    ap.add_argument("--threshold", type=float, default=None, help="cue probability a learned attribution needs (default: the model's)")
    ap.add_argument("--confirm", type=float, default=None, help="lowest cue probability a matching rule quote confirms")
    add_floor_options(ap, "bench/baseline.json")
    args = ap.parse_args(argv)
    if args.set_floor or args.rehash:
        return change_floors(GATE, args)
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR {args.split} split under {args.data}: put ../shared/data/polnear beside the project", file=sys.stderr)
        return 2
    res = score(args.split, args.limit, args.data, nlp=pipeline(args.model, args.threshold, args.confirm))
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "documents"}, indent=2))
    else:
        print(table(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
