"""The seed's quotes as presslens finds them, one line each (path, rule, cue, speaker, content).

    .venv/bin/python bench/seed_quotes.py [--model off]
"""

from __future__ import annotations

import argparse
from pathlib import Path

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed"


def main(argv: list[str] | None = None) -> int:
    from presslens.pipeline import analyze, load_nlp
    from presslens.readers import read_inputs

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="the learned attribution model: a folder, or off")
    args = ap.parse_args(argv)
    rec = next(iter(analyze(read_inputs([str(SEED / "article.txt")]), load_nlp(attribution_model=args.model))))
    for q in rec["quotes"]:
        sp = (q.get("speaker") or {}).get("text")
        cue = (q.get("cue") or {}).get("text")
        print(f"{q['id']:<4}{q.get('path', 'rules'):<6}{q['kind']:<9}{q['rule']:<22}{cue!s:<12}{sp!s:<22}{q['content']['text'][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
