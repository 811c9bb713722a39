"""Small invented news articles for engine and memory tests (no third-party text).

Names, places and organisations are made up from syllables by a seeded generator, so every article brings
words the pipeline's vocabulary has never seen: what makes spaCy's memory grow without memory zones.
"""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = "ka lo mir ta sen vor ul bri dan ez fo gra hin jul kes lun mor nav oth pel quin ras sul tor".split()
VERBS = ["said", "told reporters", "announced", "warned", "insisted"]
PLACES_KIND = ["city", "province", "port", "valley"]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def article(i: int, seed: int = 0, paragraphs: int = 3, marker: str = "", unique_words: int = 0) -> str:
    """The text of one invented article in the "first line is the title" shape; ``unique_words`` adds a
    paragraph of that many random made-up names (new to the vocabulary)."""
    rng = random.Random(seed * 1_000_003 + i)
    person, surname = _name(rng), _name(rng, 3)
    org = f"{_name(rng)} {rng.choice(['Council', 'Bank', 'Union', 'Institute'])}"
    place = _name(rng, 3)
    n = rng.randint(2, 900)
    title = f"{org} {rng.choice(['warns', 'reports', 'plans', 'rejects'])} {rng.choice(['cuts', 'talks', 'vote', 'deal'])} in {place}"
    paras = [
        f"{person} {surname}, head of the {org}, {rng.choice(VERBS)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])} "
        f"that {n} people in the {rng.choice(PLACES_KIND)} of {place} would be affected.",
        f'"We cannot accept this," {surname} said. "The {org} will {rng.choice(["fight", "review", "appeal"])} '
        f'the decision before {rng.randint(2001, 2024)}."',
        f"Officials in {place} said at least {rng.randint(2, 50)} {rng.choice(['workers', 'families', 'farms'])} "
        f"had lost {rng.randint(1, 90)}% of their income since {_name(rng)} {_name(rng, 3)} took office.",
        f"The {_name(rng)} {rng.choice(['Party', 'Front', 'Alliance'])} called the plan {rng.choice(['reckless', 'overdue', 'fair'])}.",
    ]
    body = [paras[k % len(paras)] for k in range(paragraphs)]
    if unique_words:
        names = ", ".join(
            "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(6, 11))).capitalize()
            for _ in range(unique_words)
        )
        body.append(f"The list of delegates named {names}.")
    if marker:
        body.append(marker)
    return title + "\n\n" + "\n\n".join(body) + "\n"


def write_articles(folder: Path, count: int, seed: int = 0, marker_at: int | None = None, marker: str = "") -> list[str]:
    """Write ``count`` articles as numbered text files; returns their paths in input order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        p = folder / f"{i:05d}.txt"
        p.write_text(article(i, seed, marker=marker if i == marker_at else ""), encoding="utf-8")
        paths.append(str(p))
    return paths
