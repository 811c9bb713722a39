"""How often the parse splits capitalised words into one-word sentences (the sign of a name NER then loses,
structure/blocks.py), over a sample of the BBC articles.

    .venv/bin/python bench/split_leads.py [--every 7] [--limit 300] [--show 20]

Each article (``../shared/data/bbc/*/*.txt``, every ``--every``-th file in name order, at most ``--limit``) is
read as presslens reads a text file and run through spaCy's stages with ``presslens_blocks``. Printed: the
articles with two neighbouring capitalised words that each start a sentence ("AC | Milan defender ..."), and
the first of them. Figures only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc"
STAGES = ("tok2vec", "tagger", "presslens_blocks", "parser", "attribute_ruler", "lemmatizer", "ner")


def split_words(doc: object) -> list[str]:
    """The capitalised words of ``doc`` that start a sentence whose next word starts one too."""
    out = []
    for tok in list(doc)[:-1]:  # type: ignore[call-overload]
        nxt = tok.doc[tok.i + 1]
        if tok.is_sent_start and nxt.is_sent_start and tok.is_alpha and nxt.is_alpha and tok.text[:1].isupper():
            out.append(f"{tok.text} | {nxt.text}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--every", type=int, default=7)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    files = sorted(BBC.glob("*/*.txt"))[:: args.every][: args.limit]
    if not files:
        print(f"no BBC articles under {BBC}", file=sys.stderr)
        return 1
    from presslens.pipeline import load_nlp, make_doc
    from presslens.readers import raw_article

    nlp = load_nlp()
    found: list[tuple[str, str]] = []
    n = 0
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in STAGES]):
        for path in files:
            raw = raw_article({"path": str(path), "format": "text"}, path.read_text(encoding="utf-8", errors="replace"))
            doc, _ = make_doc(nlp, raw)
            if doc is None:
                continue
            n += 1
            words = split_words(nlp(doc))
            if words:
                found.append((f"{path.parent.name}/{path.name}", words[0]))
    print(f"{len(found)} of {n} articles have capitalised words split into one-word sentences")
    for name, first in found[: args.show]:
        print(f"  {name}: {first}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
