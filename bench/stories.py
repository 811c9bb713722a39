"""Story grouping at scale, and on real excerpts.

    .venv/bin/python bench/stories.py [--articles 20000] [--events 2000] [--json]
    .venv/bin/python bench/stories.py --claims-dev      # also ingest ../shared/data/claims-dev and group it

**Scale**: ``--articles`` invented articles (no spaCy: their signatures are made from word lists) about
``--events`` events, each article a sample of its event's vocabulary (30 to 150 words, so lengths differ) and
of a shared news vocabulary, naming four of its event's six entities and two entities every article of the
corpus names, dated within two days of its event. It prints the wall and CPU seconds of ``find_links`` and
``group_stories`` (signing is not timed: it happens once per article at ingest), the candidate pairs the
blocking produced, and how well the stories match the events: **purity** (articles in a story whose event is
the story's most common one / articles in stories) and **completeness** (articles grouped with their event's
largest story / articles).

**claims-dev** (``--claims-dev``): ingests the 30 excerpts into a temporary corpus with their outlets and dates
(from ``metadata.jsonl`` through ``--meta``), and prints each story's files; the README's event table says
which belong together. Exits 0 with a reason when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from presslens.stories.grouping import Signed, find_links, group_stories
from presslens.stories.signatures import from_bytes, signatures

ROOT = Path(__file__).resolve().parents[1]
CLAIMS_DEV = ROOT.parent / "shared" / "data" / "claims-dev"


def invented(n_articles: int, n_events: int, seed: int = 7) -> tuple[list[Signed], dict[str, int]]:
    """Signed articles and the event each belongs to."""
    rng = random.Random(seed)
    common = [f"word{i}" for i in range(3000)]
    start = date(2024, 1, 1)
    events = []
    for e in range(n_events):
        vocab = [f"ev{e}w{i}" for i in range(80)]
        ents = [f"E{e}_{i}" for i in range(6)]
        events.append((vocab, ents, start + timedelta(days=rng.randrange(365))))
    articles, truth = [], {}
    for i in range(n_articles):
        e = i % n_events
        vocab, ents, day = events[e]
        words = rng.sample(vocab, rng.randint(30, 60)) + rng.sample(common, rng.randint(20, 90))
        rng.shuffle(words)
        _, sig_words = signatures(" ".join(words))
        shingle_sig, _ = signatures(" ".join(rng.sample(common, 40)) + f" art{i}")
        aid = f"a{i:06d}"
        entities = frozenset([*rng.sample(ents, 4), "E_everywhere_1", "E_everywhere_2"])
        articles.append(Signed(aid, from_bytes(shingle_sig), from_bytes(sig_words),
                               day + timedelta(days=rng.randint(-2, 2)), entities))
        truth[aid] = e
    return articles, truth


def scale(n_articles: int, n_events: int) -> dict[str, Any]:
    articles, truth = invented(n_articles, n_events)
    meta = {a.id: {"id": a.id, "title": a.id, "outlet": f"o{int(a.id[1:]) % 20}", "published": a.day.isoformat()
                   if a.day else None} for a in articles}
    t0, c0 = time.perf_counter(), time.process_time()
    links = find_links(articles)
    stories = group_stories(links, meta)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    grouped = sum(s.size for s in stories)
    pure = sum(Counter(truth[i] for i in s.articles).most_common(1)[0][1] for s in stories)
    best: dict[int, int] = {}
    for s in stories:
        for ev, k in Counter(truth[i] for i in s.articles).items():
            best[ev] = max(best.get(ev, 0), k)
    return {
        "articles": n_articles, "events": n_events, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
        "links": len(links), "stories": len(stories), "purity": round(pure / max(1, grouped), 3),
        "completeness": round(sum(best.values()) / n_articles, 3),
    }


def claims_dev() -> list[list[str]] | None:
    """The stories of claims-dev, as lists of file names."""
    if not (CLAIMS_DEV / "metadata.jsonl").exists():
        print(f"claims-dev: {CLAIMS_DEV} is absent; skipped")
        return None
    from presslens.ingest import ingest
    from presslens.readers import ReadOptions
    from presslens.readers.meta import load_meta
    from presslens.store.db import Store
    from presslens.store.stories import get_story, list_stories

    with tempfile.TemporaryDirectory() as tmp:
        meta_file = Path(tmp) / "meta.jsonl"
        lines = [json.loads(x) for x in (CLAIMS_DEV / "metadata.jsonl").read_text(encoding="utf-8").splitlines() if x]
        meta_file.write_text("".join(json.dumps({"path": str(CLAIMS_DEV / "articles" / m["file"]), "outlet": m["outlet"],
                                                 "published": m["date"]}) + "\n" for m in lines), encoding="utf-8")
        db = Path(tmp) / "c.db"
        ingest([str(CLAIMS_DEV / "articles")], db, progress=False, options=ReadOptions(meta=load_meta(str(meta_file))))
        with Store.open(db, readonly=True) as store:
            paths = {r[0]: Path(r[1]).name for r in store.query("SELECT id, source_path FROM articles")}
            return [sorted(paths[a["id"]][:2] for a in get_story(store, s["id"])["articles"])  # type: ignore[index]
                    for s in list_stories(store)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--events", type=int, default=2000)
    ap.add_argument("--claims-dev", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result: dict[str, Any] = {"scale": scale(args.articles, args.events)}
    if args.claims_dev:
        result["claims_dev_stories"] = claims_dev()
    if args.json:
        print(json.dumps(result))
        return
    s = result["scale"]
    print(f"grouping {s['articles']} articles ({s['events']} events): {s['wall_s']} s wall, {s['cpu_s']} s CPU; "
          f"{s['links']} links, {s['stories']} stories, purity {s['purity']}, completeness {s['completeness']}")
    for story in result.get("claims_dev_stories") or []:
        print("claims-dev story: " + " ".join(story))


if __name__ == "__main__":
    main()
