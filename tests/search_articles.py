"""Invented articles for the search tests (issue 14): one truce written four ways (ceasefire, cease-fire,
cease fire, and a spelling with diacritics), a leader quoted under two transliterations of his name, page
furniture before the body, and a corpus built from them with the real pipeline (``search_corpus()``).

Every name, place, figure and quote here is invented; the furniture lines imitate the shape of wire pages,
not their text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

ARTICLES: list[dict[str, str]] = [
    {
        "name": "joined.txt",
        "title": "Truce announced in the Varenna valley",
        "outlet": "North Ledger",
        "published": "2024-05-02",
        "body": (
            "The two militias agreed to a ceasefire on Thursday after a week of fighting in the Varenna valley, "
            "mediators said.\n\n"
            "\"We accept the ceasefire for the sake of our children,\" said Youssef Qadiyeh, the leader of the "
            "Valley Front, in a statement read to reporters. Qadiyeh said his fighters would stay in their positions."
        ),
    },
    {
        "name": "hyphen.txt",
        "title": "Militias sign truce after week of clashes",
        "outlet": "Harbour Times",
        "published": "2024-05-03",
        "body": (
            "KORVAL | Harbour Times | Updated: May 3, 2024 09:14 IST\n\n"
            "A cease-fire between the two militias held overnight in the Varenna valley, residents said on "
            "Friday.\n\n"
            "\"The cease-fire is holding and we will respect it,\" said Yusef Qadiya, who leads the Valley "
            "Front. Aid convoys reached al-Marun for the first time in ten days."
        ),
    },
    {
        "name": "spaced.txt",
        "title": "Aid reaches Marun as guns fall silent",
        "outlet": "Coastal Courier",
        "published": "2024-05-04",
        "body": (
            "News ID: 90517 Publish Date: 4 May 2024\n\n"
            "Aid trucks entered al Marun on Saturday, two days into a cease fire that mediators called fragile. "
            "Doctors at the Santa Lúcia clinic said supplies of insulin had run out.\n\n"
            "\"Nobody here believes the guns will stay quiet,\" said Tamsin Orley, a nurse at the clinic."
        ),
    },
    {
        "name": "other.txt",
        "title": "Port authority opens new grain terminal",
        "outlet": "North Ledger",
        "published": "2024-04-20",
        "body": (
            "The port authority of Korval opened a grain terminal on Saturday that it said would double exports "
            "by 2026.\n\n"
            "\"This terminal is the largest investment in the port for a generation,\" said Irina Voss, the "
            "authority's director, at the opening ceremony. Farmers from alMarun province attended."
        ),
    },
]


def article_text(a: dict[str, str]) -> str:
    """The seed's text shape: ``date YYYY-MM-DD Title``, the outlet line, then the body."""
    return f"date {a['published']} {a['title']}\n{a['outlet']}\n\n{a['body']}\n"


_BUILT: dict[str, Path] = {}


def search_corpus() -> Path:
    """A corpus database of ARTICLES ingested with the real pipeline (built once per test process)."""
    if "db" in _BUILT:
        return _BUILT["db"]
    from presslens.ingest import ingest

    folder = Path(tempfile.mkdtemp(prefix="presslens-search-"))
    (folder / "articles").mkdir()
    for a in ARTICLES:
        (folder / "articles" / a["name"]).write_text(article_text(a), encoding="utf-8")
    db = folder / "corpus.db"
    summary = ingest([str(folder / "articles")], db, progress=False, build_story_groups=False)
    assert summary.stored == len(ARTICLES), summary.text()
    _BUILT["db"] = db
    return db
