"""Typed shapes of what flows between stages, and of the ``presslens.record/1`` record itself.

Plain dicts (TypedDict) so they serialise as they are; the JSON Schema (``record.schema.json``) says the same
for the outside world and ``validate`` checks it at the boundary. Keys marked ``NotRequired`` are extras an
extractor adds when it has them.
"""

from typing import Literal, NotRequired, TypedDict

from ..errors import ErrorInfo

Format = Literal["text", "html", "rss", "warc", "jsonl"]
BlockKind = Literal["title", "dateline", "outlet", "byline", "caption", "heading", "related", "paragraph", "meta"]
BODY_KINDS: frozenset[str] = frozenset({"paragraph", "caption"})


class RawArticle(TypedDict):
    """What a reader yields: the article before structure, or an error.

    ``text`` is plain text (from a text file, JSONL or a feed's text), ``html`` the page when the source is
    HTML. Readers fill what the source carries; structure fills the rest.
    """

    source: dict[str, str]  # {"path" or "url": ..., "format": Format}
    text: str | None
    html: str | None
    title: str | None
    outlet: str | None
    published: str | None
    byline: str | None
    errors: list[ErrorInfo]
    # paragraphs as the source delimits them, when a reader knows them (HTML, feeds)
    meta: NotRequired[dict[str, object]]


# -- the article ---------------------------------------------------------------------------------------------
class Span(TypedDict):
    """Characters [start, end) of ``article.text``, and the text there."""

    text: str
    start: int
    end: int


class Block(TypedDict):
    kind: str
    start: int
    end: int


class Article(TypedDict):
    title: str
    outlet: str | None
    published: str | None
    byline: NotRequired[str | None]
    url: NotRequired[str | None]
    text: str
    blocks: list[Block]
    language: NotRequired[str | None]  # ISO 639-1 code detected from the body, None: too short or unsure


# -- entities --------------------------------------------------------------------------------------------------
class Mention(TypedDict):
    start: int
    end: int
    text: str
    kind: NotRequired[str]  # "name" | "nominal"


class Entity(TypedDict):
    id: str
    name: str
    label: str
    mentions: list[Mention]
    titles: list[str]
    country: str | None
    aliases: NotRequired[list[str]]
    coordinates: NotRequired[list[float] | None]
    countries: NotRequired[list[str]]  # every claimant, for contested places
    part_of: NotRequired[str]  # the id of the larger place it lies in


# -- quotes ----------------------------------------------------------------------------------------------------
class Speaker(TypedDict):
    """Who a quote is given to (or addressed to): the entity, and the words that name them."""

    entity: str | None
    text: str
    start: int
    end: int
    phrase: NotRequired[Span]  # the whole phrase that names them, as written (``extract/quotes/phrase.py``)


class Quote(TypedDict):
    id: str
    kind: str  # direct | mixed | indirect
    speaker: Speaker | None
    cue: Span | None
    content: Span
    addressee: Speaker | None
    rule: str  # the rule that decided the speaker
    anonymous: bool
    fragments: NotRequired[list[Span]]  # the quoted parts of a mixed quote
    group: NotRequired[str]  # the id of the first quote of its attribution (set when the quotes are numbered)
    path: NotRequired[str]  # model | rules | both: which stage found it (``extract/quotes/merge.py``)
    score: NotRequired[float]  # the learned cue probability (paths model and both)


# -- facts ---------------------------------------------------------------------------------------------------------
class Source(TypedDict):
    """On whose authority a claim is made."""

    entity: str | None
    text: str
    kind: str  # according_to | reporting_verb | quote


class Claim(TypedDict):
    id: str
    value: int | float
    category: str
    object: str
    qualifier: str | None
    text: str
    start: int
    end: int
    source: Source | None
    count_noun: str | None
    vague: NotRequired[bool]
    unit: NotRequired[str]  # a currency code, or a measure's unit
    part_of: NotRequired[str]  # the id of the claim of the whole


class Date(TypedDict):
    text: str
    start: int
    end: int
    value: str | None  # ISO 8601 prefix
    granularity: str
    kind: str
    part_of_day: NotRequired[str]
    tense: NotRequired[str]
    block: NotRequired[str]
    flag: NotRequired[str]


class Argument(TypedDict):
    """An event's actor, target or place: the entity, and the words as written (or the country's name)."""

    entity: str | None
    text: str
    resolved: NotRequired[str]  # how, when not a plain mention: metonym, nationality, description, pronoun, modifier
    part_of: NotRequired[str]


class Event(TypedDict):
    id: str
    type: str  # PLOVER
    trigger: Span
    actor: Argument | None
    target: Argument | None
    date: str | None
    place: Argument | None
    date_source: str
    negated: bool
    modality: str
    passive: bool
    trigger_kind: str
    in_quote: bool


# -- framing ---------------------------------------------------------------------------------------------------
class Framing(TypedDict):
    start: int
    end: int
    category: str
    refers_to: str | None
    technique: str | None
    rule: str
    lexicon: str
    rules: NotRequired[list[str]]
    neutral: NotRequired[object]
    framing: NotRequired[object]
    side: NotRequired[object]
    refers_to_name: NotRequired[str]
    score: NotRequired[float]
    text: NotRequired[str]  # the next four are set when the span is placed in a block and a voice
    voice: NotRequired[str]
    speaker: NotRequired[str | None]
    block: NotRequired[str | None]
    speaker_text: NotRequired[str | None]


class FramingSummary(TypedDict):
    body_words: int
    loaded: dict[str, int]
    per_1000_words: dict[str, dict[str, float]]
    counts: dict[str, dict[str, int]]
    narrator_share: float | None
    techniques: dict[str, int]


# -- the record ------------------------------------------------------------------------------------------------
class Record(TypedDict):
    id: str
    schema: str
    source: dict[str, str]
    article: Article
    entities: list[Entity]
    quotes: list[Quote]
    claims: list[Claim]
    dates: list[Date]
    events: list[Event]
    framing: list[Framing]
    errors: list[ErrorInfo]
    framing_summary: NotRequired[FramingSummary]
    extractors: NotRequired[list[str]]  # the presslens extractors that ran (entities, quotes, ...)
