"""Score presslens on the seed article against ../shared/seed/gold.json, section by section.

    .venv/bin/python bench/seed.py [--json]

Prints one line per section (structure, entities, quotes, claims, dates, events, framing) with what was
found of gold's required items. Comparison follows gold's `about` and `note` fields: curly quotes folded to
straight ones, white space collapsed; names compared by the key word of the gold name (a surname, "Gaza").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"
ALIASES = {"United States": ("United States", "US", "U.S.")}


def fold(text: str) -> str:
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def key_word(name: str) -> str:
    """The word a gold name is recognised by: the surname without "al-", or the name's first word."""
    words = name.split()
    last = words[-1]
    if len(words) > 1 and words[0][:1].isupper() and name not in ("Gaza Strip",) and not name.startswith(("Islamic", "Gaza", "Baghdad", "Quds")):
        return last.split("-", 1)[1] if last.lower().startswith("al-") else last
    return words[0]


def names_of(ref: dict[str, Any] | None, entities: dict[str, dict[str, Any]]) -> list[str]:
    if not ref:
        return []
    ent = entities.get(ref.get("entity") or "")
    out = [ref.get("text") or ""]
    if ent:
        out += [ent["name"]] + [m["text"] for m in ent["mentions"]]
    return [fold(n) for n in out]


def refers(ref: dict[str, Any] | None, gold: str | None, entities: dict[str, dict[str, Any]]) -> bool:
    if gold is None:
        return ref is None or not (ref.get("text") or ref.get("entity"))
    names = names_of(ref, entities)
    if gold in ALIASES:
        return any(n in ALIASES[gold] for n in names)
    return any(key_word(gold) in n for n in names)


def content_matches(pred: str, gold: str, prefix: bool) -> bool:
    p, g = fold(pred), fold(gold)
    return g[:60] in p and (prefix or len(p) <= 1.6 * len(g) + 40)


def score(rec: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    ents = {e["id"]: e for e in rec["entities"]}
    text = rec["article"]["text"]
    blocks = [(b["kind"], fold(text[b["start"] : b["end"]])) for b in rec["article"]["blocks"]]
    g = gold["article"]
    paragraphs = [t for k, t in blocks if k == "paragraph"]
    structure = {
        "title": fold(rec["article"]["title"]) == fold(g["title"]),
        "published": rec["article"]["published"] == g["published"],
        "outlet": rec["article"]["outlet"] == g["outlet"],
        "caption": ("caption", fold(g["caption"])) in blocks,
        "headings": all(("heading", fold(h)) in blocks for h in g["headings"]),
        "related": ("related", fold(g["related_story"]["title"])) in blocks,
        "not_body_kept_out": all(fold(x) not in p for x in g["not_body"] for p in paragraphs),
    }
    found_ents, mentions_total, mentions_linked = 0, 0, 0
    for ge in gold["entities"]["required"]:
        labels = ge["label"].split("|")
        hit = next((e for e in rec["entities"] if fold(e["name"]) == fold(ge["name"]) and e["label"] in labels), None)
        found_ents += hit is not None
        for m in ge["mentions"]:
            mentions_total += 1
            mentions_linked += hit is not None and any(fold(x["text"]).lower() == fold(m).lower() for x in hit["mentions"])
    must_not = sum(
        1
        for bad in gold["entities"]["must_not"]
        for e in rec["entities"]
        if e["label"] == bad["label"] and any(fold(m["text"]) == fold(bad["text"]) for m in e["mentions"])
    )
    q_required = 0
    for gq in gold["quotes"]["required"]:
        q_required += any(
            content_matches(q["content"]["text"], gq["content"], bool(gq.get("prefix"))) and refers(q.get("speaker"), gq["speaker"], ents)
            for q in rec["quotes"]
        )
    all_gold_q = gold["quotes"]["required"] + gold["quotes"]["optional"]
    q_precise = sum(
        any(content_matches(q["content"]["text"], gq["content"], bool(gq.get("prefix"))) for gq in all_gold_q) for q in rec["quotes"]
    )
    c_right = 0
    for gc in gold["claims"]["required"]:
        c_right += any(
            c["value"] == gc["value"] and c["category"] == gc["category"] and c["qualifier"] == gc["qualifier"]
            and refers(c.get("source"), "Health Ministry", ents)
            for c in rec["claims"]
        )
    c_bad = sum(1 for bad in gold["claims"]["must_not"] for c in rec["claims"] if c["value"] == bad["value"])
    d_right = sum(
        any(fold(d["text"]).lower() == fold(gd["text"]).lower() and d["value"] == gd["value"] for d in rec["dates"])
        for gd in gold["dates"]["required"]
    )
    ev_right = 0
    for ge in gold["events"]["required"]:
        ev_right += any(
            e["type"] == ge["type"] and e["date"] == ge["date"] and refers(e["actor"], ge["actor"], ents) and refers(e["target"], ge["target"], ents)
            for e in rec["events"]
        )

    def framed(phrase: str, voice: str) -> bool:
        words = set(re.findall(r"\w+", fold(phrase).lower()))
        return any(
            f["voice"] == voice and words <= set(re.findall(r"\w+", fold(f["text"]).lower())) for f in rec["framing"]
        )

    fr = gold["framing"]
    referents = sum(
        any(fold(f["text"]).lower() == fold(r["text"]).lower() and refers({"entity": f.get("refers_to"), "text": ""}, r["refers_to"], ents) for f in rec["framing"])
        for r in fr["referents"]
    )
    return {
        "structure": {k: bool(v) for k, v in structure.items()},
        "entities": {"required_found": found_ents, "required": len(gold["entities"]["required"]),
                     "mentions_linked": mentions_linked, "mentions": mentions_total, "must_not_errors": must_not},
        "quotes": {"required_found": q_required, "required": len(gold["quotes"]["required"]),
                   "matching_gold": q_precise, "found": len(rec["quotes"])},
        "claims": {"required_found": c_right, "required": len(gold["claims"]["required"]), "must_not_found": c_bad},
        "dates": {"required_found": d_right, "required": len(gold["dates"]["required"])},
        "events": {"required_found": ev_right, "required": len(gold["events"]["required"])},
        "framing": {"narrator_found": sum(framed(p, "narrator") for p in fr["narrator_required"]),
                    "narrator_required": len(fr["narrator_required"]),
                    "quoted_found": sum(framed(p, "quoted") for p in fr["quoted_required"]),
                    "quoted_required": len(fr["quoted_required"]),
                    "referents_found": referents, "referents": len(fr["referents"])},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (SEED / "gold.json").exists():
        print("../shared/seed is absent: put the shared folder beside the checkout", file=sys.stderr)
        return 2
    from presslens.pipeline import analyze, load_nlp
    from presslens.readers import read_inputs

    rec = next(iter(analyze(read_inputs([str(SEED / "article.txt")]), load_nlp())))
    result = score(rec, json.loads((SEED / "gold.json").read_text(encoding="utf-8")))
    if args.json:
        print(json.dumps(result))
        return 0
    s = result["structure"]
    print("| section | result |\n| --- | --- |")
    print(f"| structure | {sum(s.values())}/{len(s)} checks ({', '.join(k for k, v in s.items() if not v) or 'all pass'}) |")
    e = result["entities"]
    print(f"| entities | {e['required_found']}/{e['required']} required, {e['mentions_linked']}/{e['mentions']} mentions linked, {e['must_not_errors']} must-not errors |")
    q = result["quotes"]
    print(f"| quotes | {q['required_found']}/{q['required']} required with the right speaker; {q['matching_gold']}/{q['found']} found match gold |")
    c = result["claims"]
    print(f"| claims | {c['required_found']}/{c['required']} required with source and qualifier; {c['must_not_found']} must-not numbers |")
    d = result["dates"]
    print(f"| dates | {d['required_found']}/{d['required']} required resolved |")
    v = result["events"]
    print(f"| events | {v['required_found']}/{v['required']} required with type, actor, target and date |")
    f = result["framing"]
    print(f"| framing | narrator {f['narrator_found']}/{f['narrator_required']}, quoted {f['quoted_found']}/{f['quoted_required']}, referents {f['referents_found']}/{f['referents']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
