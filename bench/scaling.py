"""How each step's cost grows with the article's length: synthetic articles of 10 k, 100 k and 1 M characters.

    .venv/bin/python bench/scaling.py
    .venv/bin/python bench/scaling.py --sizes 10000,100000 --kind quotes
    .venv/bin/python bench/scaling.py --sizes 100000,1000000 --skip presslens_quote_merge --profile presslens_claims

For each size one invented article (``hostile.prose``; ``--kind quotes``: every sentence a quote,
``--kind phrases``: short quoted phrases) goes through structure + ``make_doc``, each pipeline component
in turn (past ``CHUNK_CHARS``, as the pipeline does it: spaCy's components piece by piece, their times
summed) and record building, timed with this process's CPU clock. Printed: seconds per step and size, the
growth factor per 10x of length (issue 13's bar: at most about 12x), and the peak resident memory of each
size over the warmed-up baseline (the peak is reset between sizes through ``/proc/self/clear_refs``; the
bar: a 1 M-character article within 1.5 GiB of the baseline). ``--profile STEP,...`` prints the functions
that took the most own CPU time in those steps (cProfile), per size. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import pstats
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile import WORDS, prose  # noqa: E402

BAR_GROWTH, BAR_MIB = 12.0, 1536
STEP_PEAK: dict[str, int] = {}  # how much a step raised the peak RSS, on the last size measured


def article(kind: str, chars: int) -> str:
    """An invented article of about ``chars`` characters."""
    if kind == "prose":
        return prose(chars, seed=chars % 97)
    rng = random.Random(chars)
    parts = ["Synthetic article\n\n"]
    size = len(parts[0])
    while size < chars:
        if kind == "quotes":
            para = " ".join(f"\u201c{' '.join(rng.choices(WORDS, k=8))},\u201d the mayor said." for _ in range(4))
        else:
            para = " ".join(f"\u201c{rng.choice(WORDS)} {rng.choice(WORDS)}\u201d" for _ in range(40))
        parts.append(para + "\n\n")
        size += len(para) + 2
    return "".join(parts)[:chars]


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
    except OSError:
        pass


def _profiled(proc: Any, piece: Any, title: str) -> Any:
    """``proc(piece)`` under cProfile; the 15 functions with the most own time printed to stderr."""
    prof = cProfile.Profile()
    piece = prof.runcall(proc, piece)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
    print(f"  profile of {title}:\n{out.getvalue()}", file=sys.stderr)
    return piece


def measure(
    nlp: object, text: str, skip: frozenset[str] = frozenset(), profile: frozenset[str] = frozenset()
) -> tuple[dict[str, float], int]:
    """CPU seconds per step for one article (the steps in ``skip`` left out, those in ``profile`` under
    cProfile), and its peak RSS bytes."""
    from presslens.engines.work import peak_rss_bytes
    from presslens.pipeline import make_doc
    from presslens.pipeline.chunks import CHUNK_CHARS, analyse_in_pieces
    from presslens.pipeline.limits import Limits
    from presslens.readers import raw_article
    from presslens.record import to_record

    raw = raw_article({"path": "<scaling>", "format": "text"}, text)
    spent: dict[str, float] = {}
    clock = time.process_time
    _reset_peak()
    with nlp.memory_zone():  # type: ignore[attr-defined]
        t = clock()
        doc, errs = make_doc(nlp, raw, Limits(max_chars=len(text), time_budget=0))  # type: ignore[arg-type]
        spent["structure + make_doc"] = clock() - t
        if doc is None:
            print(f"  not analysed: {[e['code'] for e in errs]}")
            return spent, peak_rss_bytes()

        def step(name: str, proc: Any, piece: Any) -> Any:
            if name in skip:
                return piece
            before, t = peak_rss_bytes(), clock()
            piece = _profiled(proc, piece, f"{name} at {len(text):,}") if name in profile else proc(piece)
            spent[name] = spent.get(name, 0.0) + clock() - t
            STEP_PEAK[name] = max(STEP_PEAK.get(name, 0), peak_rss_bytes() - before)
            print(f"    {len(text):>9,} {name}: {spent[name]:.2f} s, peak +{STEP_PEAK[name] / 2**20:.0f} MiB", file=sys.stderr, flush=True)
            return piece

        STEP_PEAK.clear()
        if len(text) > CHUNK_CHARS:  # as the pipeline does it: spaCy's components piece by piece
            doc = analyse_in_pieces(nlp, doc, Limits().max_sentence_tokens, step)  # type: ignore[arg-type]
        else:
            for name, proc in nlp.pipeline:  # type: ignore[attr-defined]
                doc = step(name, proc, doc)
        t = clock()
        to_record(doc, raw)
        spent["to_record"] = clock() - t
    return spent, peak_rss_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="characters, separated by commas")
    parser.add_argument("--kind", choices=["prose", "quotes", "phrases"], default="prose")
    parser.add_argument("--model", default=None)
    parser.add_argument("--skip", default="", help="components left out, separated by commas (e.g. presslens_claims)")
    parser.add_argument("--profile", default="", help="components run under cProfile, separated by commas")
    args = parser.parse_args(argv)
    skip = frozenset(filter(None, args.skip.split(",")))
    profile = frozenset(filter(None, args.profile.split(",")))
    sizes = [int(s) for s in args.sizes.split(",")]

    from presslens.engines.work import rss_bytes, warm_up
    from presslens.pipeline import load_nlp

    nlp = load_nlp(args.model)
    warm_up(nlp)
    base = rss_bytes()
    table: dict[int, dict[str, float]] = {}
    peaks: dict[int, int] = {}
    for size in sizes:
        t = time.perf_counter()
        table[size], peaks[size] = measure(nlp, article(args.kind, size), skip, profile)
        print(f"  {size:>9,} characters: {time.perf_counter() - t:.1f} s wall", file=sys.stderr)
    steps = list(dict.fromkeys(step for size in sizes for step in table[size]))
    table_sizes = [f"{s:,} ch s" for s in sizes]
    left_out = f"; left out: {', '.join(sorted(skip))}" if skip else ""
    print(f"kind {args.kind}; CPU seconds per step; growth per 10x of length (bar: {BAR_GROWTH:g}x){left_out}\n")
    print("| step | " + " | ".join(table_sizes) + " | growth per 10x | peak raised, MiB (largest) |")
    print("|---|" + "---:|" * (len(sizes) + 2))
    rows = [*steps, "total"]
    for size in sizes:
        table[size]["total"] = sum(table[size].values())
    for step in rows:
        secs = [table[s].get(step, 0.0) for s in sizes]
        print(f"| {step} | " + " | ".join(f"{x:.3f}" for x in secs) + f" | {_growth(sizes, secs)} | {STEP_PEAK.get(step, 0) / 2**20:.0f} |")
    print(f"\npeak RSS over the warmed-up baseline ({base / 2**20:.0f} MiB; bar {BAR_MIB} MiB at 1 M characters):")
    for size in sizes:
        print(f"  {size:>9,} characters: +{max(0, peaks[size] - base) / 2**20:.0f} MiB")
    return 0


def _growth(sizes: list[int], secs: list[float]) -> str:
    """The cost factor per 10x of length, from the two largest sizes (steps under 10 ms read as noise)."""
    if len(sizes) < 2 or secs[-2] < 0.01:
        return "-"
    factor = (secs[-1] / secs[-2]) ** (1 / math.log10(sizes[-1] / sizes[-2]))
    return f"{factor:.1f}x" + (" (over the bar)" if factor > BAR_GROWTH else "")


if __name__ == "__main__":
    sys.exit(main())
