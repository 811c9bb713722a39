"""The corpus database's schema, as registered migrations recorded in the database itself.

Each migration is a name and a list of SQL statements, applied once, in order, inside a transaction, and
recorded in ``_migrations`` (as sqlite-utils' ``migrations.py`` does). A new schema change is a new entry
at the end of ``MIGRATIONS``; an applied one is never edited.

Tables (one row per thing, offsets into ``articles.text``):

- ``articles``: one analysed article; ``record`` keeps the whole ``presslens.record/1`` JSON so that export
  and the web page give back exactly what ``analyze`` produced.
- ``blocks``, ``quotes``, ``claims``, ``dates``, ``events``, ``framing``: the record's lists, one row each.
- ``entities`` (corpus level: the same person across articles, keyed by label and normalised canonical name),
  ``entity_aliases``, ``article_entities`` (an article's local entity id -> corpus entity), ``mentions``.
- ``signatures``: MinHash signatures used by story grouping.
- ``stories`` and ``story_articles``: groups of near-duplicates and same-event articles across outlets.
- ``search``: FTS5 over title, text and quotes (rowid = ``articles.rowid``).
- ``entity_aliases.key`` and ``quotes.speaker_key``: name keys (``names.name_key``) for the search filters.
"""

from __future__ import annotations

from dataclasses import dataclass

from .sources import WATCH_DDL


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_corpus",
        (
            """CREATE TABLE articles (
                rowid INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                outlet TEXT,
                published TEXT,
                url TEXT,
                byline TEXT,
                source_path TEXT,
                source_url TEXT,
                source_format TEXT,
                text TEXT NOT NULL,
                n_words INTEGER NOT NULL,
                record TEXT NOT NULL,
                errors TEXT NOT NULL,
                ingested_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE)",
            "CREATE INDEX articles_published ON articles(published)",
            """CREATE TABLE blocks (
                article_id TEXT NOT NULL REFERENCES articles(id),
                seq INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                PRIMARY KEY (article_id, seq)
            )""",
            """CREATE TABLE entities (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                label TEXT NOT NULL,
                country TEXT
            )""",
            "CREATE INDEX entities_name ON entities(name COLLATE NOCASE)",
            """CREATE TABLE entity_aliases (
                entity_id TEXT NOT NULL REFERENCES entities(id),
                alias TEXT NOT NULL,
                PRIMARY KEY (entity_id, alias)
            )""",
            "CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE)",
            """CREATE TABLE article_entities (
                article_id TEXT NOT NULL REFERENCES articles(id),
                local_id TEXT NOT NULL,
                entity_id TEXT NOT NULL REFERENCES entities(id),
                name TEXT NOT NULL,
                label TEXT NOT NULL,
                titles TEXT NOT NULL,
                n_mentions INTEGER NOT NULL,
                PRIMARY KEY (article_id, local_id)
            )""",
            "CREATE INDEX article_entities_entity ON article_entities(entity_id)",
            """CREATE TABLE mentions (
                article_id TEXT NOT NULL REFERENCES articles(id),
                local_id TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
            )""",
            "CREATE INDEX mentions_article ON mentions(article_id)",
            "CREATE INDEX mentions_entity ON mentions(entity_id)",
            """CREATE TABLE quotes (
                article_id TEXT NOT NULL REFERENCES articles(id),
                local_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                speaker_entity TEXT,
                speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
                cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
                content_text TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
                PRIMARY KEY (article_id, local_id)
            )""",
            "CREATE INDEX quotes_speaker ON quotes(speaker_entity)",
            "CREATE INDEX quotes_speaker_text ON quotes(speaker_text COLLATE NOCASE)",
            """CREATE TABLE claims (
                article_id TEXT NOT NULL REFERENCES articles(id),
                local_id TEXT NOT NULL,
                value REAL, category TEXT, object TEXT, qualifier TEXT,
                text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                source_entity TEXT, source_text TEXT,
                PRIMARY KEY (article_id, local_id)
            )""",
            "CREATE INDEX claims_source ON claims(source_entity)",
            """CREATE TABLE dates (
                article_id TEXT NOT NULL REFERENCES articles(id),
                seq INTEGER NOT NULL,
                text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                value TEXT, granularity TEXT,
                PRIMARY KEY (article_id, seq)
            )""",
            """CREATE TABLE events (
                article_id TEXT NOT NULL REFERENCES articles(id),
                local_id TEXT NOT NULL,
                type TEXT NOT NULL,
                trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
                actor_entity TEXT, actor_text TEXT,
                target_entity TEXT, target_text TEXT,
                date TEXT,
                place_entity TEXT, place_text TEXT,
                PRIMARY KEY (article_id, local_id)
            )""",
            "CREATE INDEX events_type ON events(type)",
            """CREATE TABLE framing (
                article_id TEXT NOT NULL REFERENCES articles(id),
                seq INTEGER NOT NULL,
                text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                category TEXT NOT NULL, voice TEXT NOT NULL,
                speaker_entity TEXT, refers_to_entity TEXT,
                PRIMARY KEY (article_id, seq)
            )""",
            "CREATE INDEX framing_refers ON framing(refers_to_entity)",
            """CREATE TABLE signatures (
                article_id TEXT PRIMARY KEY REFERENCES articles(id),
                shingles BLOB NOT NULL,
                words BLOB NOT NULL
            )""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                size INTEGER NOT NULL,
                n_outlets INTEGER NOT NULL,
                first_published TEXT,
                last_published TEXT
            )""",
            """CREATE TABLE story_articles (
                story_id TEXT NOT NULL REFERENCES stories(id),
                article_id TEXT NOT NULL REFERENCES articles(id),
                PRIMARY KEY (story_id, article_id)
            )""",
            "CREATE INDEX story_articles_article ON story_articles(article_id)",
            """CREATE VIRTUAL TABLE search USING fts5(
                title, text, quotes,
                tokenize = 'porter unicode61 remove_diacritics 2'
            )""",
        ),
    ),
    # issue 16: the state of `presslens watch` (sources, their validators and health, items, versions)
    Migration("0002_watch", WATCH_DDL),
    # issue 14: speaker and entity filters through spelling variants ("Haniya" = "Haniyeh"): each alias and
    # quoted speaker's name key (``names.name_key``, the SQL function ``presslens_name_key`` of ``Store.open``)
    Migration(
        "0003_name_keys",
        (
            "ALTER TABLE entity_aliases ADD COLUMN key TEXT",
            "UPDATE entity_aliases SET key = presslens_name_key(alias)",
            "CREATE INDEX entity_aliases_key ON entity_aliases(key)",
            "ALTER TABLE quotes ADD COLUMN speaker_key TEXT",
            "UPDATE quotes SET speaker_key = presslens_name_key(speaker_text) WHERE speaker_text IS NOT NULL",
            "CREATE INDEX quotes_speaker_key ON quotes(speaker_key)",
        ),
    ),
)

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS _migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""

# tables holding one article's rows: deleting an article deletes from each
ARTICLE_TABLES: tuple[str, ...] = (
    "blocks",
    "article_entities",
    "mentions",
    "quotes",
    "claims",
    "dates",
    "events",
    "framing",
    "signatures",
    "story_articles",
)
