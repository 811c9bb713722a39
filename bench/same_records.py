"""Check that two runs of presslens wrote the same records: line by line, byte for byte.

    .venv/bin/python bench/same_records.py OLD.jsonl NEW.jsonl [--ignore errors.severity] [--show 5]

A refactor must not change what presslens finds. Make the two files with the same command on the same inputs
(``presslens analyze PATHS --format jsonl > FILE``) before and after the change, then compare them here. Lines
that differ are parsed and the first differing field of each is printed (``quotes[3].speaker.text``), so a
change can be traced to its extractor. ``--ignore KEY`` drops a key wherever it occurs before comparing (for a
field a change adds on purpose, e.g. the severity of errors); ``version`` fields are always ignored.

Exit status 0 when every record is the same, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def strip(node: Any, ignore: frozenset[str]) -> Any:
    """The JSON value without the ignored keys, at any depth."""
    if isinstance(node, dict):
        return {k: strip(v, ignore) for k, v in node.items() if k not in ignore}
    if isinstance(node, list):
        return [strip(v, ignore) for v in node]
    return node


def first_difference(a: Any, b: Any, path: str = "record") -> str | None:
    """The path of the first place where two JSON values differ, with both values, or None."""
    if type(a) is not type(b):
        return f"{path}: {short(a)} != {short(b)}"
    if isinstance(a, dict):
        for key in list(a) + [k for k in b if k not in a]:
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'old' if key in a else 'new'}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        if list(a) != list(b):
            return f"{path}: key order {list(a)} != {list(b)}"
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        return None
    return None if a == b else f"{path}: {short(a)} != {short(b)}"


def short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def compare(old: Path, new: Path, ignore: frozenset[str], show: int) -> int:
    """Print what differs; return the number of differing records."""
    old_lines = old.read_text(encoding="utf-8").splitlines()
    new_lines = new.read_text(encoding="utf-8").splitlines()
    differing = 0
    for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a == b:
            continue
        x, y = strip(json.loads(a), ignore), strip(json.loads(b), ignore)
        if json.dumps(x, ensure_ascii=False) == json.dumps(y, ensure_ascii=False):
            continue
        differing += 1
        if differing <= show:
            where = (x.get("source") or {}).get("path") or (x.get("source") or {}).get("url") or f"line {n}"
            print(f"line {n} ({where}): {first_difference(x, y)}")
    if len(old_lines) != len(new_lines):
        print(f"{old}: {len(old_lines)} records, {new}: {len(new_lines)} records")
        differing += abs(len(old_lines) - len(new_lines))
    total = max(len(old_lines), len(new_lines))
    print(f"{total - differing} of {total} records the same" + ("" if not differing else f", {differing} differ"))
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--ignore", action="append", default=[], help="a key to drop wherever it occurs")
    parser.add_argument("--show", type=int, default=10, help="how many differing records to describe")
    args = parser.parse_args(argv)
    ignore = frozenset(["version", *args.ignore])
    return 1 if compare(args.old, args.new, ignore, args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
