"""What the fact components (dates, claims, events) add to analysis time, on a sample of BBC News.

    .venv/bin/python bench/facts.py [--limit 100] [--rounds 3] [--json]
    .venv/bin/python bench/facts.py --claims [--json]     # claims-dev and seed scores, what is missed
    .venv/bin/python bench/facts.py --set-floor recall=0.93 [--lower --reason ...] | --rehash   # the floors

**Claims** (``--claims``, issue 12): ``../shared/data/claims-dev/`` (30 excerpts, gold in ``gold_claims.json``,
conventions in its README). A gold claim is found when a predicted claim of the same article has the same value
and category; **recall** = found / gold; **qualifier accuracy** and **source accuracy** are over the found ones
(qualifier: equal, null for none; source: the last word of the gold source appears, case-folded, in the
predicted source text or its entity's name, and a gold claim without a source wants none); **precision** =
predicted claims whose (value, category) is in that article's gold / all predicted. The seed
(``../shared/seed/gold.json``): its required claims found with value, category, qualifier and source, and
none of its must-not numbers. Floors live in ``bench/facts_baseline.json``, bound to the scored data, checked
by tests/test_facts_gate.py through ``bench/gate.py`` (the one gate implementation, as for attribution).

Data: ``../shared/data/bbc/<topic>/NNN.txt`` (title line, blank line, body). The sample takes the first
``limit / 5`` files of each of the five topic folders, in name order, so every run reads the same articles.

Times are CPU seconds of this process (``time.process_time``: every thread of it, none of other jobs), so
a machine shared with other work inflates them far less than wall-clock time. Two figures over ``--rounds``
rounds:

- **facts share of pipeline CPU** (the figure issue 12's 15% limit is checked against): the full pipeline
  analyses the sample with ``presslens_dates``, ``presslens_claims`` and ``presslens_events`` wrapped in
  timers, and the gazetteer's place look-ups made outside them (the entities component resolving places),
  so ``facts_share = time inside claims, dates, events and places / total time`` (``overhead``, over the
  rest, is printed beside it), both taken in the same run. Load changes between runs do not move it; the
  median round is reported.
- **end-to-end difference**: the same pipeline with the three disabled (``nlp.select_pipes``), the rounds
  alternating (and alternating which goes first); ``(best with - best without) / best without``. It moves
  by several percent from run to run (cache and memory effects of whatever else runs), so it is printed
  for reference only.

It also counts what the components found per article. It prints a reason and exits 0 when the data folder
is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gate import Gate, add_floor_options, change_floors

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "bbc"
FACTS = ["presslens_dates", "presslens_claims", "presslens_events"]
CLAIMS_DEV = ROOT.parent / "shared" / "data" / "claims-dev"
SEED = ROOT.parent / "shared" / "seed"
BASELINE = ROOT / "bench" / "facts_baseline.json"
SHARED = ROOT.parent / "shared"
FIGURES = {
    "recall": lambda r: r["recall"],
    "qualifier_accuracy": lambda r: r["qualifier_accuracy"],
    "source_accuracy": lambda r: r["source_accuracy"],
    "precision": lambda r: r["precision"],
    "seed_claims": lambda r: r["seed_claims"],
}


def scored_files() -> list[Path]:
    """The data the claims figures are made of: claims-dev's excerpts and gold, the seed and its gold."""
    if not (CLAIMS_DEV / "gold_claims.json").is_file():
        return []
    return [*sorted((CLAIMS_DEV / "articles").glob("*.txt")), CLAIMS_DEV / "gold_claims.json",
            SEED / "article.txt", SEED / "gold.json"]


GATE = Gate(BASELINE, SHARED, scored_files, FIGURES)


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.replace("’", "'").lower())


def source_matches(pred: dict[str, Any] | None, gold: str | None, entities: dict[str, dict[str, Any]]) -> bool:
    """The README's rule: the gold source's last word is in the predicted source's text or entity name."""
    if not gold:
        return not pred
    if not pred:
        return False
    last = _words(gold)[-1]
    ent = entities.get(pred.get("entity") or "") or {}
    return any(last in _words(t) for t in (pred.get("text") or "", ent.get("name") or ""))


def score_article(records_claims: list[dict[str, Any]], gold: list[dict[str, Any]], entities: dict[str, Any]) -> dict[str, Any]:
    """Found/qualifier/source counts for one article, with what was missed and what is spurious."""
    pred = list(records_claims)
    keys = {(float(g["value"]), g["category"]) for g in gold}
    out: dict[str, Any] = {"gold": len(gold), "found": 0, "qualifier": 0, "source": 0, "predicted": len(pred),
                           "correct": 0, "missed": [], "spurious": [], "wrong": []}
    for g in gold:
        hits = [c for c in pred if float(c["value"]) == float(g["value"]) and c["category"] == g["category"]]
        if not hits:
            out["missed"].append(g)
            continue
        out["found"] += 1
        q_ok = any(c["qualifier"] == g.get("qualifier") for c in hits)
        s_ok = any(source_matches(c.get("source"), g.get("source"), entities) for c in hits)
        out["qualifier"] += q_ok
        out["source"] += s_ok
        if not (q_ok and s_ok):
            out["wrong"].append((g, hits[0]))
    for c in pred:
        if (float(c["value"]), c["category"]) in keys:
            out["correct"] += 1
        else:
            out["spurious"].append(c)
    return out


def score_claims_dev(nlp: Any) -> dict[str, Any]:
    """Recall, qualifier and source accuracy, precision on claims-dev, with per-article details."""
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    gold = json.loads((CLAIMS_DEV / "gold_claims.json").read_text(encoding="utf-8"))["articles"]
    files = sorted((CLAIMS_DEV / "articles").glob("*.txt"))
    records = list(analyze(iter(list(read_inputs([str(f) for f in files]))), nlp))
    per = {}
    for f, rec in zip(files, records, strict=True):
        ents = {e["id"]: e for e in rec["entities"]}
        per[f.name] = score_article(rec["claims"], gold.get(f.name, []), ents)
    tot = {k: sum(p[k] for p in per.values()) for k in ("gold", "found", "qualifier", "source", "predicted", "correct")}
    found = max(1, tot["found"])
    return {
        "recall": tot["found"] / max(1, tot["gold"]),
        "qualifier_accuracy": tot["qualifier"] / found,
        "source_accuracy": tot["source"] / found,
        "precision": tot["correct"] / max(1, tot["predicted"]),
        "totals": tot,
        "articles": per,
    }


def score_seed_claims(nlp: Any) -> float:
    """The share of the seed's required claims found right (value, category, qualifier, source); 0 when a
    must-not number is a claim."""
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))["claims"]
    [rec] = list(analyze(iter(list(read_inputs([str(SEED / "article.txt")]))), nlp))
    ents = {e["id"]: e for e in rec["entities"]}
    right = sum(
        any(float(c["value"]) == float(g["value"]) and c["category"] == g["category"] and c["qualifier"] == g["qualifier"]
            and source_matches(c.get("source"), g["source"], ents) for c in rec["claims"])
        for g in gold["required"]
    )
    bad = any(c["value"] == b["value"] for b in gold["must_not"] for c in rec["claims"])
    return 0.0 if bad else right / len(gold["required"])


def claims_figures(res: dict[str, Any], seed: float) -> dict[str, float]:
    """The gated figures of a claims-dev score and the seed's."""
    return {n: round(float(res[n]), 4) for n in FIGURES if n != "seed_claims"} | {"seed_claims": seed}


def print_claims(res: dict[str, Any], seed: float) -> None:
    for name, art in res["articles"].items():
        for g in art["missed"]:
            print(f"  missed    {name[:24]:24} {g['value']} [{g['category']}] {g.get('object', '')}")
        for g, c in art["wrong"]:
            print(f"  wrong     {name[:24]:24} {g['value']} [{g['category']}] q={g.get('qualifier')!r}/{c['qualifier']!r} "
                  f"s={g.get('source')!r}/{(c.get('source') or {}).get('text')!r}")
        for c in art["spurious"]:
            print(f"  spurious  {name[:24]:24} {c['value']} [{c['category']}] {c['text']!r}")
    t = res["totals"]
    print(f"claims-dev: recall {res['recall']:.3f} ({t['found']}/{t['gold']}), qualifier {res['qualifier_accuracy']:.3f}, "
          f"source {res['source_accuracy']:.3f}, precision {res['precision']:.3f} ({t['correct']}/{t['predicted']})")
    print(f"seed claims: {seed:.3f} of required right")


def sample(limit: int) -> list[Path]:
    topics = sorted(p for p in DATA.iterdir() if p.is_dir())
    per = max(1, limit // max(1, len(topics)))
    files: list[Path] = []
    for topic in topics:
        files.extend(sorted(topic.glob("*.txt"))[:per])
    return files[:limit]


def run(nlp: Any, files: list[Path], disable: list[str]) -> tuple[float, list[dict[str, Any]]]:
    from presslens.pipeline import analyze
    from presslens.readers import read_inputs

    raws = list(read_inputs([str(f) for f in files]))
    start = time.process_time()
    with nlp.select_pipes(disable=disable):
        records = list(analyze(iter(raws), nlp))
    return time.process_time() - start, records


PLACE_METHODS = ("lookup_place", "lookup_places", "resolve_place", "demonym_country", "likeliest_country")


@contextmanager
def timed(nlp: Any, names: list[str]) -> Iterator[dict[str, float]]:
    """Wrap the named components in timers for the duration of the block (seconds per component), and the
    gazetteer's place look-ups made outside them (``places``: the entities component resolving places), so
    that no second is counted twice."""
    from presslens.extract.entities.gazetteer import Gazetteer

    spent = {name: 0.0 for name in [*names, "places"]}
    original = list(nlp._components)  # noqa: SLF001 - a bench may swap callables; restored below
    methods = {m: getattr(Gazetteer, m) for m in PLACE_METHODS}
    inside = [0]  # > 0 while a timed component or a timed place look-up runs

    def timer(name: str, proc: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if inside[0]:
                return proc(*args, **kwargs)
            inside[0] += 1
            start = time.process_time()
            try:
                return proc(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
                inside[0] -= 1

        return call

    nlp._components[:] = [(n, timer(n, p) if n in names else p) for n, p in original]  # noqa: SLF001
    for m, fn in methods.items():
        setattr(Gazetteer, m, timer("places", fn))
    try:
        yield spent
    finally:
        nlp._components[:] = original  # noqa: SLF001
        for m, fn in methods.items():
            setattr(Gazetteer, m, fn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100, help="articles in the sample (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of each configuration (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--claims", action="store_true", help="score claims-dev and the seed instead of timing")
    add_floor_options(parser, "bench/facts_baseline.json")
    args = parser.parse_args(argv)
    if args.set_floor or args.rehash:
        return change_floors(GATE, args)
    if args.claims:
        return main_claims(args.json)
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the BBC corpus lives in ../shared/data/bbc)")
        return 0
    from presslens.pipeline import load_nlp

    nlp = load_nlp()
    files = sample(args.limit)
    run(nlp, files[:5], [])  # warm up (vectors, lexicons, caches)
    shares: list[tuple[float, float, float, dict[str, float]]] = []  # (share, seconds inside, total, per part)
    with_facts: list[float] = []
    without: list[float] = []
    records: list[dict[str, Any]] = []
    for i in range(args.rounds):
        if i % 2:  # alternate which configuration goes first, so neither always runs on a warmer machine
            without.append(run(nlp, files, FACTS)[0])
        with timed(nlp, FACTS) as spent:
            total, records = run(nlp, files, [])
        inside = sum(spent.values())
        shares.append((inside / total, inside, total, dict(spent)))
        with_facts.append(total)
        if not i % 2:
            without.append(run(nlp, files, FACTS)[0])
    share, inside, total, parts = sorted(shares, key=lambda x: x[0])[len(shares) // 2]  # the median round
    best_with, best_without = min(with_facts), min(without)
    n = max(1, len(records))
    figures = {
        "articles": len(files),
        "rounds": args.rounds,
        "facts_share": round(share, 4),
        "overhead": round(inside / (total - inside), 4),
        "seconds_by_part": {k.removeprefix("presslens_"): round(v, 3) for k, v in parts.items()},
        "seconds_in_facts": round(inside, 3),
        "seconds_total": round(total, 3),
        "end_to_end_with": round(best_with, 3),
        "end_to_end_without": round(best_without, 3),
        "end_to_end_overhead": round((best_with - best_without) / best_without, 4),
        "dates_per_article": round(sum(len(r["dates"]) for r in records) / n, 2),
        "claims_per_article": round(sum(len(r["claims"]) for r in records) / n, 2),
        "events_per_article": round(sum(len(r["events"]) for r in records) / n, 2),
        "errors": sum(len(r["errors"]) for r in records),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"{figures['articles']} BBC articles, {args.rounds} rounds")
        print(
            f"  facts share of pipeline CPU: {inside:.2f} s inside claims/dates/events/places of {total:.2f} s in all: "
            f"{100 * share:.1f}% (issue 12 allows 15%); over the rest {100 * figures['overhead']:.1f}%"
        )
        print("  seconds by part: " + ", ".join(f"{k} {v:.2f}" for k, v in figures["seconds_by_part"].items()))
        print(
            f"  end-to-end (CPU, for reference): {best_with:.2f} s with, {best_without:.2f} s without: "
            f"{100 * figures['end_to_end_overhead']:.1f}%"
        )
        print(
            f"  per article: {figures['dates_per_article']} dates, {figures['claims_per_article']} claims, "
            f"{figures['events_per_article']} events; {figures['errors']} errors"
        )
    return 0


def main_claims(as_json: bool) -> int:
    if not (CLAIMS_DEV / "gold_claims.json").is_file():
        print(f"skipped: {CLAIMS_DEV} is absent (claims-dev lives in ../shared/data/claims-dev)")
        return 0
    from presslens.pipeline import load_nlp

    nlp = load_nlp()
    res = score_claims_dev(nlp)
    seed = score_seed_claims(nlp)
    figures = claims_figures(res, seed)
    if as_json:
        print(json.dumps(figures))
    else:
        print_claims(res, seed)
    below = GATE.below(figures)
    if below:
        print(f"below floors (measured, floor): {below}")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
