"""The compare tables: the story's main figures lined up outlet by outlet, and what each outlet calls the main
actors.

**Figures.** A quantity is what a claim counts: its category and, for a part ("including 66 children",
``part_of``) or a named group ("243 Palestinians"), its object; generic objects ("people", "persons") count
as the category alone. The main quantities are those reported by the most outlets (never ``other``), at most
``MAX_QUANTITIES``. There is one row per outlet and article date; a cell is the figure that row gives for the
quantity (the largest when an article gives several: a toll is restated as it rises), with its qualifier,
source and as-of date (the article's date). A cell **differs** when the outlets reporting the same quantity
within ``WINDOW_DAYS`` of it do not agree with it: it is not the value most of them give (or, when no value
is shared by two of them, not every one's).

**Actors.** One row per outlet, one column per main actor: the loaded terms tied to the actor (framing's
``refers_to``) by voice, and the names the outlet uses for it most.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from ..readers.timefmt import iso_day

if TYPE_CHECKING:
    from .db import Store

MAX_QUANTITIES = 8
WINDOW_DAYS = 0  # same day: a toll reported a day later has had a day to rise
GENERIC_OBJECTS = frozenset({"", "people", "person", "persons", "individuals", "lives", "fatalities", "deaths", "dead",
                             "victims", "souls", "others", "more", "other people", "more people"})
ORDER = ("killed", "injured", "casualties", "hostages", "detained", "arrested", "displaced", "missing", "cases",
         "votes", "rockets", "money", "percent")


def number(value: Any) -> str:
    """A figure as written: no ``.0`` on whole numbers, thousands separated."""
    v = float(value)
    return f"{int(v):,}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _object(obj: str | None) -> str:
    word = " ".join((obj or "").casefold().split())
    return "" if word in GENERIC_OBJECTS else word


def quantity_of(claim: dict[str, Any], whole: dict[str, Any] | None) -> tuple[str, str]:
    """(key, label) of the quantity a claim counts: "killed", "killed: children", "killed: palestinians"."""
    category = (whole or claim).get("category") or claim.get("category") or "other"
    obj = _object(claim.get("object"))
    if whole is not None and not obj:
        obj = "part"
    key = f"{category}:{obj}" if obj else str(category)
    label = f"{category} ({obj})" if obj else str(category)
    return key, label


def _unit(claim: dict[str, Any], key: str) -> str:
    """What a quantity's values count: the claim's unit (a currency), % for percentages, people for a toll of
    people (a named group's label says it already)."""
    if claim.get("unit"):
        return str(claim["unit"])
    if claim.get("category") == "percent":
        return "%"
    return "" if ":" in key or claim.get("category") in ("money", "votes", "rockets", "cases") else "people"


def _in(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def _source(claim: dict[str, Any], names: dict[str, str]) -> str | None:
    """The claim's source as the article names it: its entity's name, else the words."""
    src = claim.get("source") or {}
    if not isinstance(src, dict):
        return None
    return names.get(str(src.get("entity") or "")) or src.get("text") or None


def _cells(store: Store, ids: list[str], outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    """Every claim of the scope as a cell candidate: outlet, day, quantity, value and the rest."""
    out: list[dict[str, Any]] = []
    for r in store.query(f"SELECT id, published, record FROM articles WHERE id IN ({_in(ids)})", ids):
        rec = json.loads(r["record"])
        claims = rec.get("claims") or []
        by_id = {c.get("id"): c for c in claims}
        ents = {e["id"]: e["name"] for e in rec.get("entities") or []}
        for c in claims:
            if c.get("value") is None:
                continue
            key, label = quantity_of(c, by_id.get(c.get("part_of")))
            if key.split(":")[0] == "other":
                continue
            day = iso_day(r["published"])
            out.append({
                "outlet": outlet_of[r["id"]], "date": day.isoformat() if day else None, "article": r["id"],
                "quantity": key, "label": label, "category": key.split(":")[0], "value": c["value"],
                "qualifier": c.get("qualifier"), "source": _source(c, ents), "as_of": day.isoformat() if day else None,
                "text": c.get("text"), "unit": _unit(c, key),
            })
    return out


def _main_quantities(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    outlets: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, dict[str, Any]] = {}
    for c in cells:
        outlets[c["quantity"]].add(c["outlet"])
        labels.setdefault(c["quantity"], {"key": c["quantity"], "label": c["label"], "category": c["category"], "unit": c["unit"]})

    def rank(key: str) -> tuple[int, int, str]:
        cat = labels[key]["category"]
        return (-len(outlets[key]), ORDER.index(cat) if cat in ORDER else len(ORDER), key)

    return [dict(labels[k], outlets=len(outlets[k])) for k in sorted(outlets, key=rank)[:MAX_QUANTITIES]]


def _mark_differing(rows: list[dict[str, Any]], keys: list[str]) -> None:
    """Set ``differs`` (and ``others``: the values of the other outlets nearby) on every cell."""
    for key in keys:
        cells = [(row, row["cells"][key]) for row in rows if key in row["cells"]]
        for row, cell in cells:
            day = iso_day(cell["as_of"])
            peers = [c for r, c in cells if r["outlet"] != row["outlet"] and (
                day is None or (d := iso_day(c["as_of"])) is None or abs((d - day).days) <= WINDOW_DAYS)]
            cell["others"] = sorted({p["value"] for p in peers})
            if not peers:
                cell["differs"] = False
                continue
            counts = Counter(c["value"] for c in [cell, *peers])
            top, n = counts.most_common(1)[0]
            cell["differs"] = cell["value"] != top if n >= 2 else True


def figures_table(store: Store, ids: list[str], outlet_of: dict[str, str]) -> dict[str, Any]:
    """The figures table of a scope: ``quantities`` (the columns) and ``rows`` (outlet, date, cells)."""
    if not ids:
        return {"quantities": [], "rows": []}
    cells = _cells(store, ids, outlet_of)
    quantities = _main_quantities(cells)
    keys = [q["key"] for q in quantities]
    rows: dict[tuple[str, str | None], dict[str, Any]] = {}
    for c in cells:
        if c["quantity"] not in keys:
            continue
        row = rows.setdefault((c["outlet"], c["date"]), {"outlet": c["outlet"], "date": c["date"], "articles": [], "cells": {}})
        if c["article"] not in row["articles"]:
            row["articles"].append(c["article"])
        have = row["cells"].get(c["quantity"])
        if have is None or float(c["value"]) > float(have["value"]):
            row["cells"][c["quantity"]] = {k: c[k] for k in ("value", "qualifier", "source", "as_of", "text", "article")}
            row["cells"][c["quantity"]]["shown"] = number(c["value"])
    ordered = sorted(rows.values(), key=lambda r: (r["date"] is None, r["date"] or "", r["outlet"]))
    _mark_differing(ordered, keys)
    return {"quantities": quantities, "rows": ordered}


def _terms(store: Store, ids: list[str], outlet_of: dict[str, str], actor_ids: list[str]) -> dict[str, dict[str, Counter[tuple[str, str]]]]:
    """outlet -> actor -> Counter of (loaded term, voice) tied to the actor."""
    terms: dict[str, dict[str, Counter[tuple[str, str]]]] = defaultdict(lambda: defaultdict(Counter))
    for f in store.query(
        f"SELECT article_id, refers_to_entity, text, voice FROM framing WHERE article_id IN ({_in(ids)}) "
        f"AND refers_to_entity IN ({_in(actor_ids)})",
        [*ids, *actor_ids],
    ):
        terms[outlet_of[f["article_id"]]][f["refers_to_entity"]][(" ".join(f["text"].casefold().split()), f["voice"])] += 1
    return terms


def actors_table(store: Store, ids: list[str], outlet_of: dict[str, str], per_outlet: list[dict[str, Any]],
                 actors: list[dict[str, Any]]) -> dict[str, Any]:
    """What each outlet calls each main actor: the loaded terms tied to it by voice, and its most used names."""
    actor_ids = [a["entity_id"] for a in actors]
    terms = _terms(store, ids, outlet_of, actor_ids) if ids and actor_ids else {}
    rows = []
    for o in per_outlet:
        cells = {}
        for ent in actor_ids:
            loaded = [{"text": t, "voice": v, "n": n} for (t, v), n in terms.get(o["outlet"], {}).get(ent, Counter()).most_common()]
            words = {t["text"] for t in loaded}
            names = [c["text"] for c in o["calls"].get(ent, []) if c["text"].casefold() not in words][:3]
            if loaded or names:
                cells[ent] = {"terms": loaded, "names": names}
        rows.append({"outlet": o["outlet"], "cells": cells})
    return {"actors": [{"entity_id": a["entity_id"], "name": a["name"], "label": a["label"]} for a in actors], "rows": rows}
