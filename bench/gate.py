"""Eval gates: a scorer's figures never fall below the floors of its baseline file, the floors are never
lowered silently, and the baseline is bound to the data it was measured on.

The one gate implementation, used by ``bench/attribution.py`` (PolNeAR quotes) and ``bench/facts.py``
(claims-dev and the seed's claims): give ``Gate`` the baseline file, the scored data files and the figures,
call its checks from a test, and give a scorer's command line ``add_floor_options`` and ``change_floors``.

A baseline file holds::

    floors        {figure: lowest accepted value}
    acceptance    {figure: the value an issue's acceptance asks for}: a floor may never go below it
    data_sha256   digest of the scored data (every file's path and bytes): other data, other floors
    sha256        digest of floors, acceptance and data_sha256 together: the file is edited by this module only
    history       one entry per change, oldest first: {date, floors, data_sha256, note, lowered?}; the last
                  entry's floors are the floors. A change that lowers a floor names it in ``lowered``
                  ({figure: why}), which only ``set_floors(..., lower=True, reason=...)`` writes.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Figures = dict[str, Callable[[dict[str, Any]], float]]
MIN_REASON_WORDS = 4


def data_digest(files: Iterable[Path], root: Path) -> str:
    """The sha256 of the scored data: each file's path (relative to ``root``) and bytes, in path order."""
    h = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def baseline_digest(base: dict[str, Any]) -> str:
    """The sha256 a baseline carries: its floors, acceptance and data digest, as compact sorted JSON."""
    bound = {"floors": base["floors"], "acceptance": base.get("acceptance", {}), "data_sha256": base.get("data_sha256")}
    return hashlib.sha256(json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def history_problems(base: dict[str, Any]) -> list[str]:
    """What is wrong with a baseline's history: a floor lowered without a reason, floors that are not the
    last entry's, an acceptance figure with a floor below it."""
    out: list[str] = []
    history = base.get("history") or []
    if not history:
        return ["the baseline has no history"]
    if history[-1].get("floors") != base["floors"]:
        out.append("the floors are not the last history entry's: change them with set_floors, not by hand")
    for before, after in zip(history, history[1:], strict=False):
        lowered = {k for k, v in after["floors"].items() if v < before["floors"].get(k, float("-inf"))}
        reasons = after.get("lowered") or {}
        for name in sorted(lowered):
            why = reasons.get(name)
            if not isinstance(why, str) or len(why.split()) < MIN_REASON_WORDS:
                out.append(f"{after.get('date')}: floor {name} lowered {before['floors'][name]} -> {after['floors'][name]} "
                           "without a reason (set_floors(..., lower=True, reason=...))")
    for name, value in (base.get("acceptance") or {}).items():
        if base["floors"].get(name, float("-inf")) < value:
            out.append(f"floor {name} {base['floors'].get(name)} is below the acceptance figure {value}")
    return out


def set_floors(path: Path, floors: dict[str, float], note: str, lower: bool = False, reason: str | None = None,
               data_sha256: str | None = None) -> dict[str, Any]:
    """Change floors (and, with ``data_sha256``, the data they hold for), recorded as a new history entry.

    Lowering a floor needs ``lower=True`` and a ``reason``, written into the entry's ``lowered``; no floor goes
    below an acceptance figure. Returns the new baseline and writes it to ``path``."""
    base = json.loads(path.read_text(encoding="utf-8"))
    new = {**base["floors"], **floors}
    lowered = sorted(k for k, v in new.items() if v < base["floors"].get(k, float("-inf")))
    if lowered and not (lower and reason and len(reason.split()) >= MIN_REASON_WORDS):
        raise ValueError(f"lowering {', '.join(lowered)} needs lower=True and a reason of {MIN_REASON_WORDS} words or more")
    under = sorted(k for k, v in (base.get("acceptance") or {}).items() if new.get(k, float("-inf")) < v)
    if under:
        raise ValueError(f"floors {', '.join(under)} would fall below the acceptance figures {base['acceptance']}")
    entry: dict[str, Any] = {"date": datetime.date.today().isoformat(), "floors": new,
                             "data_sha256": data_sha256 or base.get("data_sha256"), "note": note}
    if lowered:
        entry["lowered"] = {k: str(reason) for k in lowered}
    base["floors"] = new
    base["data_sha256"] = entry["data_sha256"]
    base["history"] = [*base.get("history", []), entry]
    base["sha256"] = baseline_digest(base)
    path.write_text(json.dumps(base, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return dict(base)


@dataclass(frozen=True)
class Gate:
    """One scorer's gate: its baseline file, the data it scores, and how to read each figure from its scores."""

    baseline_path: Path
    data_root: Path
    data_files: Callable[[], list[Path]]
    figures: Figures

    def baseline(self) -> dict[str, Any]:
        return dict(json.loads(self.baseline_path.read_text(encoding="utf-8")))

    def data_present(self) -> bool:
        return bool(self.data_files())

    def digest(self) -> str:
        return data_digest(self.data_files(), self.data_root)

    def problems(self) -> list[str]:
        """Everything wrong with the baseline file itself (no scoring needed)."""
        base = self.baseline()
        out = history_problems(base)
        if base.get("sha256") != baseline_digest(base):
            out.append("sha256 does not match the floors, acceptance and data_sha256: edit them with set_floors")
        unknown = set(base["floors"]) - set(self.figures)
        if not base["floors"] or unknown:
            out.append(f"floors that name no figure: {sorted(unknown)}")
        if not all(0.0 <= v <= 1.0 for v in base["floors"].values()):
            out.append("a floor outside [0, 1]")
        return out

    def data_problem(self) -> str | None:
        """Why the scored data are not the data the floors were measured on, or None."""
        base = self.baseline()
        found = self.digest()
        if found != base.get("data_sha256"):
            return f"the scored data changed (sha256 {found[:12]}..., the baseline has {str(base.get('data_sha256'))[:12]}...)"
        return None

    def below(self, scores: dict[str, Any]) -> dict[str, tuple[float, float]]:
        """Figures under their floors: {figure: (measured, floor)}."""
        return {name: (round(self.figures[name](scores), 4), floor) for name, floor in self.baseline()["floors"].items()
                if self.figures[name](scores) < floor}


def add_floor_options(ap: argparse.ArgumentParser, baseline: str) -> None:
    """``--set-floor NAME=VALUE``, ``--lower``, ``--reason``, ``--note``, ``--rehash`` on a scorer's command line."""
    ap.add_argument("--set-floor", action="append", default=[], metavar="NAME=VALUE", help=f"change a floor of {baseline}")
    ap.add_argument("--lower", action="store_true", help="allow --set-floor to lower a floor (needs --reason)")
    ap.add_argument("--reason", help="why a floor is lowered (recorded in the baseline's history)")
    ap.add_argument("--note", help="what the change is, for the baseline's history")
    ap.add_argument("--rehash", action="store_true", help="bind the baseline to the data as they are now (after a data change)")


def change_floors(gate: Gate, args: argparse.Namespace) -> int:
    """``--set-floor NAME=VALUE`` (``--lower --reason`` to lower one), ``--rehash`` after the data changed."""
    floors = {}
    for item in args.set_floor:
        name, _, value = item.partition("=")
        if name not in gate.figures:
            print(f"unknown figure {name!r}: one of {', '.join(gate.figures)}", file=sys.stderr)
            return 2
        floors[name] = float(value)
    note = args.note or args.reason or ("floors set" if floors else "the scored data changed")
    try:
        base = set_floors(gate.baseline_path, floors, note, lower=args.lower, reason=args.reason,
                          data_sha256=gate.digest() if args.rehash else None)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(json.dumps(base["floors"], indent=2))
    return 0
