"""Replay the hostile inputs of issue 13 through `presslens analyze`, one subprocess each, under a timeout.

    .venv/bin/python bench/hostile.py                       # the quick rows
    .venv/bin/python bench/hostile.py --cases heavy --timeout 300
    .venv/bin/python bench/hostile.py --cases all --json out/hostile.json
    .venv/bin/python bench/hostile.py --cases fifo,french
    .venv/bin/python bench/hostile.py --cases heavy --args "--max-chars 2000000 --workers 2"

Each case is made here (invented text, nothing copied) in a temporary folder, then run as
``presslens analyze PATH --format jsonl``. Printed per case: exit status (``timeout`` when killed), the error
codes over its records (code x count), records, entities and quotes found, wall time, CPU time (user +
system: the figure to read on a loaded machine, where wall time is mostly waiting) and peak resident memory
of the process and its children (``os.wait4``). The acceptance bar of issue 13: each case ends in a
good record or a coded error within 30 s and 1.5 GiB. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PRESSLENS = Path(sys.executable).parent / "presslens"
BAR_SECONDS, BAR_MIB = 30.0, 1536

NAMES = ["Lena Okafor", "the governor", "Marc Duval", "a police spokesman", "Amina Haddad", "the mayor"]
VERBS = ["said", "told reporters", "added", "warned", "announced", "confirmed"]
NOUNS = ["floods", "the river", "the army", "shelters", "the bridge", "the council", "the budget", "the hospital"]
WORDS = ["water", "road", "village", "people", "rain", "north", "trucks", "aid", "families", "night", "power", "school"]


def _sentence(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"\u201c{rng.choice(NOUNS).capitalize()} will need {rng.randint(2, 900)} more {rng.choice(WORDS)},\u201d {rng.choice(NAMES)} {rng.choice(VERBS)}."
    if kind == 1:
        return f"At least {rng.randint(2, 400)} people were killed near {rng.choice(NOUNS)} on {rng.randint(1, 28)} May 2021, {rng.choice(NAMES)} {rng.choice(VERBS)}."
    return " ".join([rng.choice(NOUNS).capitalize(), *rng.choices(WORDS, k=rng.randint(6, 18))]) + "."


def prose(chars: int, seed: int = 13) -> str:
    """Paragraphs of invented news prose, about ``chars`` characters."""
    rng = random.Random(seed)
    out: list[str] = ["Floods close the river road\n\n"]
    size = len(out[0])
    while size < chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 6))) + "\n\n"
        out.append(paragraph)
        size += len(paragraph)
    return "".join(out)[:chars]


FRENCH = (
    "Inondations : la route du fleuve fermée\n\n"
    "MARVILLE, 21 mai 2021 - Au moins douze personnes ont été tuées et 3 400 déplacées lorsque l'Arden est sortie "
    "de son lit vendredi, a déclaré la préfète de la région, Léna Okafor.\n\n"
    "« Nous n'avons jamais vu une telle montée des eaux », a dit Mme Okafor aux journalistes. Le ministre de "
    "l'Intérieur a annoncé l'envoi de 200 soldats, et la Croix-Rouge a indiqué avoir besoin de deux millions "
    "d'euros pour les abris.\n\n"
    "Le maire de la ville a précisé que les écoles resteraient fermées jusqu'à lundi. Un habitant a raconté que "
    "l'eau était montée d'un mètre en une heure pendant la nuit.\n"
)


def _write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _html_million_p(folder: Path) -> Path:
    with open(folder / "million-p.html", "w", encoding="utf-8") as out:
        out.write("<html><head><title>Archive</title></head><body>")
        for i in range(1_000_000):
            out.write(f"<p>Paragraph {i} of the archive.</p>")
        out.write("</body></html>")
    return folder / "million-p.html"


def _atom(folder: Path, items: int = 20_000) -> Path:
    rng = random.Random(7)
    with open(folder / "atom-20k.xml", "w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Gazette</title>")
        for i in range(items):
            body = " ".join(_sentence(rng) for _ in range(4)).replace("&", "and").replace("<", " ")
            out.write(f"<entry><title>Item {i}</title><link href='https://example.org/{i}'/><id>urn:item:{i}</id><updated>2021-05-21T10:00:00Z</updated><content type='text'>{body}</content></entry>")
        out.write("</feed>")
    return folder / "atom-20k.xml"


def _mixed(folder: Path) -> Path:
    parts = [
        "Mixed story\n\nLe caf\u00e9 \u201cr\u00e9ouvre\u201d lundi, a dit le maire.".encode(),
        "Officials said \u201cit will cost \u20ac2 million\u201d, the council added.".encode("cp1252"),
        "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u201c\u0633\u0646\u0639\u0648\u062f \u0642\u0631\u064a\u0628\u0627\u201d.".encode("cp1256"),
    ]
    return _write(folder / "mixed.txt", b"\n\n".join(parts))


def _bad_crc(folder: Path) -> Path:
    data = bytearray(gzip.compress(prose(4_000).encode()))
    data[-8] ^= 0xFF
    return _write(folder / "bad-crc.txt.gz", bytes(data))


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.xml")
    return folder / "pipe.xml"


def _quote_marks(folder: Path) -> Path:
    rng = random.Random(5)
    text = "".join(rng.choice(['"', "\u201c", "\u201d", "'", " word "]) for _ in range(100_000 * 10 // 8))
    return _write(folder / "quote-marks.txt", "Quote marks\n\n" + text)


def _phrases(folder: Path) -> Path:
    rng = random.Random(6)
    text = " ".join(f"\u201c{rng.choice(WORDS)} {rng.choice(WORDS)}\u201d" for _ in range(50_000))
    return _write(folder / "phrases.txt", "Short quoted phrases\n\n" + text)


CASES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "baseline": ("quick", lambda d: _write(d / "baseline.txt", prose(3_000))),
    "fifo": ("quick", _fifo),
    "mixed-encoding": ("quick", _mixed),
    "bad-crc-gzip": ("quick", _bad_crc),
    "french": ("quick", lambda d: _write(d / "french.txt", FRENCH)),
    "text-1.5M": ("heavy", lambda d: _write(d / "text-1.5M.txt", prose(1_500_000, 1))),
    "prose-990k": ("heavy", lambda d: _write(d / "prose-990k.txt", prose(990_000, 2))),
    "sentence-900k": ("heavy", lambda d: _write(d / "sentence-900k.txt", "One sentence\n\n" + " ".join(random.Random(3).choices(WORDS, k=150_000))[:900_000])),
    "html-million-p": ("heavy", _html_million_p),
    "quote-marks-100k": ("heavy", _quote_marks),
    "phrases-50k": ("heavy", _phrases),
    "atom-20k": ("heavy", _atom),
}


def run_case(path: Path, timeout: float, extra: list[str] | None = None) -> dict[str, Any]:
    """Run ``presslens analyze PATH --format jsonl [EXTRA...]``; exit status, records, wall time, peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        pid = os.posix_spawn(str(PRESSLENS), [str(PRESSLENS), "analyze", str(path), "--format", "jsonl", *(extra or [])], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)],
                             setsid=True)  # fmt: skip
        status: int | str = "timeout"
        while True:
            done, code, usage = os.wait4(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(code)
                break
            if time.perf_counter() - start > timeout:
                os.killpg(pid, signal.SIGKILL)
                _, _, usage = os.wait4(pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        records = [json.loads(line) for line in out.read().decode("utf-8", "replace").splitlines() if line.strip()]
        stderr = err.read().decode("utf-8", "replace")
    codes = Counter(e["code"] for r in records for e in r.get("errors") or [])
    return {
        "status": status,
        "records": len(records),
        "codes": dict(codes),
        "entities": sum(len(r.get("entities") or []) for r in records),
        "quotes": sum(len(r.get("quotes") or []) for r in records),
        "languages": sorted({str(r["article"].get("language")) for r in records if "language" in r.get("article", {})}),
        "seconds": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mib": round(usage.ru_maxrss / 1024),
        "traceback": "Traceback" in stderr,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="quick", help="quick, heavy, all, or names separated by commas")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--args", default="", help="more `analyze` options, e.g. '--max-chars 2000000 --workers 2'")
    args = parser.parse_args(argv)
    wanted = [n for n, (group, _) in CASES.items() if args.cases in ("all", group)] or args.cases.split(",")
    unknown = [n for n in wanted if n not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}; known: {', '.join(CASES)}")
    results: dict[str, dict[str, Any]] = {}
    print(f"| case | exit | codes | records | entities | quotes | language | s | CPU s | peak MiB | within {BAR_SECONDS:.0f} s, {BAR_MIB} MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="presslens-hostile-") as tmp:
        for name in wanted:
            path = CASES[name][1](Path(tmp))
            result = results[name] = run_case(path, args.timeout, args.args.split())
            ok = result["status"] != "timeout" and not result["traceback"] and result["records"] > 0
            ok = ok and result["seconds"] <= BAR_SECONDS and result["peak_mib"] <= BAR_MIB
            codes = ", ".join(f"{c}x{n}" if n > 1 else c for c, n in sorted(result["codes"].items())) or "-"
            tb = " (traceback)" if result["traceback"] else ""
            print(f"| {name} | {result['status']}{tb} | {codes} | {result['records']} | {result['entities']} | {result['quotes']} | "
                  f"{','.join(result['languages']) or '-'} | {result['seconds']} | {result['cpu_s']} | {result['peak_mib']} | {'yes' if ok else 'NO'} |", flush=True)  # fmt: skip
            path.unlink(missing_ok=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
