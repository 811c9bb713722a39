"""The quotes of one Doc as the rules find them: each made with its speaker, addressee and cue; kept from
repeating one another; grouped by attribution (one cue's quoted stretches, a quote and its continuations);
numbered in text order at the end."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from ...record.types import Quote, Speaker
from ..common import noun_phrase, span_dict
from .agents import NOT_AN_AGENT
from .clauses import Context, addressee_of
from .content import circumstance, no_content, said_by_itself
from .marks import ALL_MARKS
from .phrase import speaker_phrase
from .speakers import Resolved, Salience, resolve_speaker, speaks


class Found:
    """The quotes found so far, and what the rules share while finding them (which cues are used)."""

    def __init__(self, ctx: Context, salience: Salience) -> None:
        self.ctx = ctx
        self.salience = salience
        self.quotes: list[Quote] = []
        self.groups: dict[int, int] = {}  # id(quote) -> its group: the index of the attribution's first quote
        self.used_cues: set[int] = set()
        self.cue_groups: dict[int, int] = {}  # cue token -> the group of the quotes it cues
        self._rows: list[tuple[int, int]] = []  # the contents' (start, end), sorted (``overlaps_existing``)
        self._longest = 0
        self._indexed: tuple[int, Quote | None] = (0, None)  # quotes indexed so far, and the last of them
        self._dropped: set[int] = set()  # id() of quotes another took in (``absorb``), left out at the end

    def speaker(self, cue: Token | None, subj: Token | None, rule: str = "cue-subject") -> tuple[Resolved | None, Token | None]:
        """The speaker a cue's subject names (never the one the cue addresses), and the addressee."""
        addressee = addressee_of(cue, self.ctx.cues) if cue is not None else None
        exclude: set[str] = set()
        if addressee is not None:
            ent = self.ctx.index.canonical_at(addressee.idx, addressee.idx + len(addressee.text))
            if ent:
                exclude.add(str(self.ctx.index.canonical(str(ent["id"]))))
        if subj is None:
            return None, addressee
        return resolve_speaker(subj, self.ctx.index, self.salience, exclude, rule), addressee

    def addressee(self, tok: Token | None) -> Speaker | None:
        if tok is None:
            return None
        span = noun_phrase(tok)
        ent = self.ctx.index.canonical_at(tok.idx, tok.idx + len(tok.text))
        return {
            "entity": self.ctx.index.canonical(str(ent["id"])) if ent else None,
            "text": span.text,
            "start": span.start_char,
            "end": span.end_char,
        }

    def emit(
        self,
        kind: str,
        content: tuple[int, int],
        cue: tuple[int, int] | None,
        speaker: Resolved | None,
        addressee: Token | None = None,
        fragments: list[tuple[int, int]] | None = None,
        rule: str | None = None,
        group: int | None = None,
    ) -> Quote | None:
        """Make a quote and keep it (in ``group``, else in a group of its own); None for an empty content."""
        text = self.ctx.text
        start, end = whole_words(text, *content)
        if end <= start or no_content(self.ctx, start, end) or (cue is not None and circumstance(self.ctx, start, end, cue)):
            return None
        if speaker is not None and cue is not None and speaker["start"] < cue[1] and cue[0] < speaker["end"]:
            speaker = self._before_cue(speaker, cue)
        if speaker is not None and speaker["text"].endswith(("'s", "’s")) and len(speaker["text"]) > 2:
            speaker = {**speaker, "text": speaker["text"][:-2], "end": speaker["end"] - 2}  # "Mr MacKenzie's suggestion"
        if speaker is not None and said_by_itself(start, end, (speaker["start"], speaker["end"])):
            # the content is the speaker's own phrase: a verb of saying has a wrong content ("..., the CSSE
            # said" -> "the CSSE"), any other cue a subject that is what it reports ("the battle lines ...
            # have been clear"), no speaker
            verb = self.ctx.doc.char_span(cue[0], cue[1], alignment_mode="expand") if cue else None
            if verb is not None and len(verb) and self.ctx.cues.kind(verb.root.lemma_.lower()):
                return None
            speaker = None
        if speaker is not None and not speaks(speaker):
            # "The conflict saw ...", "Tel Aviv —": the subject cannot speak, the quote keeps no speaker
            speaker, rule = None, rule or NOT_AN_AGENT
        q: Quote = {
            "id": "",
            "kind": kind,
            "speaker": (
                {"entity": speaker["entity"], "text": speaker["text"], "start": speaker["start"], "end": speaker["end"]}
                if speaker
                else None
            ),
            "cue": span_dict(text, cue[0], cue[1]) if cue else None,
            "content": span_dict(text, start, end),
            "addressee": self.addressee(addressee),
            "rule": rule or (speaker["rule"] if speaker else "no-speaker"),
            "anonymous": bool(speaker and speaker["anonymous"]),
        }
        if kind == "mixed":
            q["fragments"] = [span_dict(text, s, e) for s, e in (fragments or [])]
        self.groups[id(q)] = group if group is not None else len(self.quotes)
        self.quotes.append(q)
        return q

    def _before_cue(self, speaker: Resolved, cue: tuple[int, int]) -> Resolved | None:
        """A speaker whose phrase runs over its own cue ("His advice", "Mr MacKenzie's suggestion", a headline's
        "Blair dismisses"): the words before the cue (``emit`` drops a possessive ending); None when none are left."""
        text = self.ctx.text
        end = cue[0]
        while end > speaker["start"] and text[end - 1].isspace():
            end -= 1
        words = text[speaker["start"]:end].removesuffix("'s").removesuffix("’s")
        if cue[0] <= speaker["start"] or not any(ch.isalpha() for ch in words):
            return None
        return {**speaker, "text": text[speaker["start"]:end], "end": end}

    def inner_fragments(self, start: int, end: int) -> list[Quote]:
        """The direct quotes with no cue of their own outside [start, end] that lie wholly inside it (marks
        beside it included): quoted fragments of a reported clause that the direct rule took alone."""
        text = self.ctx.text
        lo = start - 1 if start > 0 and text[start - 1] in ALL_MARKS else start
        hi = end + 1 if end < len(text) and text[end] in ALL_MARKS else end
        out = []
        for q in self.quotes:
            c, cue = q["content"], q["cue"]
            if q["kind"] == "direct" and id(q) not in self._dropped and lo <= c["start"] and c["end"] <= hi and (
                cue is None or start <= cue["start"] < end
            ):
                out.append(q)
        return out

    def absorb(self, inner: list[Quote], made: Quote) -> None:
        """Let ``made`` (just emitted) take the place of the quotes ``inner`` it holds: it takes the first one's
        group, and they are left out of the result."""
        self.groups[id(made)] = self.groups[id(inner[0])]
        self._dropped.update(id(q) for q in inner)
        self.quotes = [q for q in self.quotes if id(q) not in self._dropped]
        self._indexed = (0, None)  # rebuilt on next use

    def group_of(self, q: Quote) -> int:
        return self.groups[id(q)]

    def overlaps_existing(self, start: int, end: int, share: float = 0.5, ignore: frozenset[tuple[int, int]] = frozenset()) -> bool:
        """Whether a content would repeat one already found. (Nested attributions, a cue inside another's
        content, are not kept: on PolNeAR train they cost more precision than they bring recall.) Only the
        contents that start less than the longest content's length before ``start`` can overlap it. The contents
        in ``ignore`` (their (start, end)) do not count."""
        rows, longest = self._contents()
        i = bisect.bisect_left(rows, (end,))
        while i > 0:
            i -= 1
            s, e = rows[i]
            if s + longest <= start:
                break
            ov = min(end, e) - max(start, s)
            if (s, e) in ignore:
                continue
            if ov > 0 and ov >= share * min(end - start, e - s):
                return True
        return False

    def _contents(self) -> tuple[list[tuple[int, int]], int]:
        """The (start, end) of every quote's content, sorted, and the longest's length: kept up to date as quotes
        are added, rebuilt when the list was changed otherwise (its last indexed quote replaced, or sorted)."""
        n, last = self._indexed
        if len(self.quotes) < n or (n and self.quotes[n - 1] is not last):
            self._rows, self._longest, n = [], 0, 0
        for q in self.quotes[n:]:
            c = q["content"]
            bisect.insort(self._rows, (c["start"], c["end"]))
            self._longest = max(self._longest, c["end"] - c["start"])
        self._indexed = (len(self.quotes), self.quotes[-1] if self.quotes else None)
        return self._rows, self._longest

    def numbered(self) -> list[Quote]:
        """The quotes in text order, numbered ``Q1``...; ``group`` is the id of its attribution's first quote."""
        self.quotes.sort(key=lambda q: (q["content"]["start"], q["content"]["end"]))
        first: dict[int, str] = {}
        for i, q in enumerate(self.quotes, 1):
            q["id"] = f"Q{i}"
            q["group"] = first.setdefault(self.groups[id(q)], q["id"])
            sp = q.get("speaker")
            if sp is not None:
                blocked = [(q["content"]["start"], q["content"]["end"])]
                if q.get("cue"):
                    blocked.append((q["cue"]["start"], q["cue"]["end"]))  # type: ignore[index]
                phrase = speaker_phrase(self.ctx.doc, dict(sp), blocked)
                if phrase is not None:
                    whole: Speaker = {**sp}
                    whole["phrase"] = {"text": phrase["text"], "start": phrase["start"], "end": phrase["end"]}
                    q["speaker"] = whole  # a copy: one speaker's dict may serve several quotes
        return self.quotes


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A content's bounds out to the whole of a hyphenated word they cut ("closer co-operation did not mean ...",
    when the parser hung "co-" elsewhere)."""
    lo, hi = max(0, start - WORD_REACH), min(len(text), end + WORD_REACH)  # a hostile run of hyphens stays cheap
    s, e = start, end
    while s - 2 >= lo and text[s - 1] == "-" and text[s - 2].isalnum():
        s -= 1
        while s > lo and text[s - 1].isalnum():
            s -= 1
    while e + 1 < hi and text[e] == "-" and text[e + 1].isalnum() and e > 0 and text[e - 1].isalnum():
        e += 1
        while e < hi and text[e].isalnum():
            e += 1
    return s, e


WORD_REACH = 64  # characters a content's end moves at most to take in its hyphenated word


def continued_speaker(prev: Quote) -> Resolved:
    """The speaker of the quote before, for a quote that carries it on."""
    sp = prev["speaker"]
    assert sp is not None
    return {
        "entity": sp["entity"], "text": sp["text"], "start": sp["start"], "end": sp["end"],
        "rule": "continuation", "anonymous": bool(prev.get("anonymous")),
    }
