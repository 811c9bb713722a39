"""The parse-level helpers of quote attribution (``quotes.py``): the per-Doc ``Context`` (quoted stretches,
body sentences, entity index), and the clause-level look-ups a rule needs on a cue verb: whether a token is
a cue (``cue_kind``), its subject (``subject_of``, through participles, conjuncts and infinitives) and its
addressee (``addressee_of``)."""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...record.types import BODY_KINDS
from ..common import AGENT_LABELS, PLACE_LABELS, Intervals, block_ranges, doc_text, entity_index
from .cues import Cues, load_cues
from .marks import find_quoted


class Context:
    """What every rule needs: the doc, quoted stretches, body sentences, entities and salience."""

    def __init__(self, doc: Doc, cues: Cues | None = None) -> None:
        self.doc = doc
        self.cues = cues or load_cues()
        self.text = doc_text(doc)
        self.blocks = [(s, e) for s, e, _ in block_ranges(doc, BODY_KINDS, without_blocks="paragraphs")]
        self.block_starts = [b[0] for b in self.blocks]
        self.quoted = find_quoted(self.text, self.blocks)
        self.tops = [q for q in self.quoted if q["level"] == 1]
        # intervals covered by top-level quotes, marks included
        self.q_lo = [q["open"] if q["open"] is not None else q["start"] for q in self.tops]
        self.q_hi = [(q["close"] + 1) if q["close"] is not None else q["end"] for q in self.tops]
        starts = [q["start"] for q in self.tops]
        # the quoted words' starts, when they are in order (they are, but for a stray mark): ``tops_from``
        self.top_starts: list[int] | None = starts if all(a <= b for a, b in zip(starts, starts[1:], strict=False)) else None
        self._quote_index: Intervals | None = None  # the quotes' (open, close) ranges, made on first use
        self.parsed = doc.has_annotation("DEP")
        self.sents: list[Span] = []
        if self.parsed:
            self.sents = [s for s in doc.sents if self.block_of(s.start_char) is not None or self.block_of(s.end_char - 1) is not None]
        self.index = entity_index(doc)
        self.salience: Any = None  # the rules' ``speakers.Salience``, once ``quotes.prepared`` has built it

    def block_of(self, char: int) -> int | None:
        i = bisect.bisect_right(self.block_starts, char) - 1
        if i >= 0 and self.blocks[i][0] <= char < self.blocks[i][1]:
            return i
        return None

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.q_lo, char) - 1
        return any(self.q_lo[j] <= char < self.q_hi[j] for j in range(max(0, i - 2), i + 1))

    def tops_from(self, start: int, end: int) -> range:
        """The indices of the top-level quotes whose words may start in [start, end], in text order (a
        superset: each caller checks its own condition)."""
        if self.top_starts is None:
            return range(len(self.tops))
        return range(bisect.bisect_left(self.top_starts, start), bisect.bisect_right(self.top_starts, end))

    def quote_around(self, start: int, end: int) -> int | None:
        """The first top-level quote (marks included) that holds [start, end], or None."""
        if start < end:  # a quote that holds a non-empty range overlaps it
            if self._quote_index is None:
                self._quote_index = Intervals(zip(self.q_lo, self.q_hi, strict=True))
            near = self._quote_index.overlapping((start, end))
        else:
            near = list(range(len(self.tops)))
        return next((j for j in near if self.q_lo[j] <= start and end <= self.q_hi[j]), None)

    def in_body(self, char: int) -> bool:
        return self.block_of(char) is not None

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []


def cue_kind(tok: Token, cues: Cues) -> str | None:
    """The lexicon kind of a verb that can cue a quote, or None."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    if tok.dep_ in ("amod", "compound"):
        return None
    lemma = tok.lemma_.lower()
    kind = cues.kind(lemma)
    if not kind:
        return None
    clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    if lemma in cues.clause_only and not _reports_clause(tok):
        return None  # "The conflict saw 250 deaths": seeing is no saying unless it reports a clause
    if lemma in cues.no_object and not clause:
        return None  # "found ways to ...", "respond to requests": no clause, no cue
    if lemma in cues.raising and raised_subject(cues, tok) is None and not any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "appeared on a show to talk about ...": neither "X appears to ..." nor "it appears that ..."
    if no_saying(tok, cues, clause):
        return None
    return str(kind)


def learned_no_saying(tok: Token, cues: Cues) -> bool:
    """The rules' gates the merge holds a learned cue to: ``no_saying``, and a ``clause_only`` verb of what was
    witnessed or undergone: a bare infinitive ("its film division saw profits slump 27%") or a figure ("The
    conflict saw 250 deaths", "saw a 27% fall"). Its other objects stay, as the model learned PolNeAR annotates them ("signaled its
    willingness to change the law")."""
    if tok.lemma_.lower() in cues.clause_only and not _reports_clause(tok):
        bare = any(c.dep_ == "ccomp" and c.tag_ == "VB" and not any(g.dep_ == "mark" for g in c.children) for c in tok.children)
        if bare or counts_a_figure(tok, cues):
            return True
    return no_saying(tok, cues)


def no_saying(tok: Token, cues: Cues, clause: bool | None = None) -> bool:
    """Whether a cue verb is, here, no act of saying (the rules' gate, which the merge applies to the model's
    cues too): "messages seeking comment", "the army attacked the town", "claimed the title", "the quake
    claimed 100 lives", "shares added 3 percent" (without a clause), "tremors were
    felt" (a passive feeling with no one who feels it is perceived, not thought), "Let's remind
    ourselves how ..." (the writer's exhortation, nobody's statement), "according to" an order
    (``ordered_by``)."""
    if tok.lower_ == "according":
        return ordered_by(tok, cues)
    if clause is None:
        clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    felt = (tok.lemma_.lower() == "feel" and any(c.dep_ == "nsubjpass" for c in tok.children)
            and not any(c.dep_ == "agent" for c in tok.children))  # "tremors were felt", not "... felt by the clubs"
    won = tok.lemma_.lower() == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in cues.won_objects for c in tok.children)
    # "France and China add to world reaction", "showed up at the hearing", "laid off workers": no act of saying
    phrase = any(c.dep_ in ("prep", "dative", "prt") and f"{tok.lemma_.lower()} {c.lower_}" in cues.not_cue_phrases for c in tok.children)
    return (not clause and (unanswered(tok) or armed_act(tok, cues) or won or phrase or tallied(tok, cues) or disagrees(tok, cues))
            or felt or _lets(tok) or thing_acts(tok, cues))


def disagrees(verb: Token, cues: Cues) -> bool:
    """A present-tense verb without -s right after a singular noun that is its subject: a noun the tagger read as a
    verb ("fellow ITV1 show Filthy Love", "a staff share incentive scheme", "Public show for Reynolds portrait").
    Only without a clause: "the committee say that ..." is British agreement."""
    if verb.tag_ != "VBP" or verb.i == 0 or verb.text[:1].isupper() or verb.lower_ in SAME_PAST:
        return False  # a headline's title case ("Selenis Leyva Got ..."), a past "read"
    subj = verb.doc[verb.i - 1]
    if subj.dep_ != "nsubj" or subj.head.i != verb.i or subj.tag_ not in ("NN", "NNP"):
        return False
    # a share of people agrees in the plural ("64 percent call him competent", "the majority say ...")
    share = subj.lower_ in cues.quantifiers or subj.lower_ in PERCENT or any(c.dep_ == "nummod" or c.like_num for c in subj.children)
    return not share


SAME_PAST = frozenset({"read", "put", "set", "cut", "hit", "let", "quit", "bet", "spread"})
PERCENT = frozenset({"percent", "cent", "%"})  # "64 percent call ...", "60 per cent say ..."


def thing_acts(tok: Token, cues: Cues) -> bool:
    """A verb that cues only when someone does it (``agent_acts``: allow, offer, encourage, ...) done by a thing:
    "the new tablets allow you to write on the screen", "a loophole that allows buyers to skip checks", "levels
    encourage you to leap about", "This allowed the group to grow" (issue 11: an object doing a non-speech act
    is no speaker). A thing is a common noun outside any entity, the roles, the anonymous, the nouns PolNeAR
    gives as sources (``speaker_nouns``: "the law allows ...", "the poll offers a glimpse" stay) and those of
    people and bodies it lacks (``agent_nouns``: "operators allow ..."), or "this"/"these"."""
    if tok.lemma_.lower() not in cues.agent_acts:
        return False
    subj = subject_of(tok, cues)
    if subj is not None and subj.lower_ in ("which", "that") and subj.head.dep_ == "relcl" and subj.head.head.pos_ == "NOUN":
        subj = subj.head.head  # "the new tablets, which allow ...": the noun the clause is about
    if subj is None:
        return False
    if subj.pos_ in ("PRON", "DET"):
        return subj.lower_ in ("this", "these")
    return is_thing(subj, cues)


def is_thing(word: Token, cues: Cues) -> bool:
    """Whether a word names a thing, not someone who can act or a source PolNeAR gives: a common noun outside any
    entity, the roles, the anonymous, ``speaker_nouns`` and ``agent_nouns``, and not a capitalised word the
    article names as an entity elsewhere ("Labour sees ..." at a sentence's start, tagged a common noun)."""
    common = word.pos_ == "NOUN" or (word.pos_ == "PROPN" and word.text.islower())  # "screensaver" tagged a name
    if not common or word.ent_type_ or noun_of_someone(word, cues, sources=True):
        return False
    return not (word.text[:1].isupper() and any(t.text == word.text and t.ent_type_ in AGENT_LABELS for t in word.doc))


FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
CHANGE_PREPS = frozenset({"to", "from", "by"})  # a figure a change goes to, from or by


def tallied(tok: Token, cues: Cues) -> bool:
    """Whether a cue verb counts a figure rather than says something: one of ``figure_acts`` with a figure in
    its object ("Shares added 3 percent", "the plan would add $84 billion", "posted a $2 billion loss")."""
    return tok.lemma_.lower() in cues.figure_acts and counts_a_figure(tok, cues)


def counts_a_figure(verb: Token, cues: Cues) -> bool:
    """Whether a verb's direct object (or the object of "to", "from", "by": "declined from 58 percent to 55
    percent") is a figure, counts one or names a measure of the economy ("3 percent",
    "$84 billion", "a $2 billion loss", "more than 250 deaths", "its ninth consecutive drop in monthly sales":
    the lexicon's ``measures``; not "a three-way fight")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in CHANGE_PREPS for g in c.children if g.dep_ == "pobj"]
    return any(c.ent_type_ in FIGURE_LABELS or any(g.dep_ == "nummod" or g.ent_type_ in FIGURE_LABELS for g in c.children)
               or c.lemma_.lower() in cues.measures
               for c in objects)


def ordered_by(according: Token, cues: Cues) -> bool:
    """Whether "according to X" sorts rather than sources: X is one of ``order_nouns`` and names nothing ("lists
    of detainees according to the region and the day"; a law, a plan or results stay sources)."""
    doc = according.doc
    to = doc[according.i + 1] if according.i + 1 < len(doc) else None
    if to is None or to.lower_ != "to":
        return False
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.lemma_.lower() in cues.order_nouns and pobj.ent_type_ == ""


def medium(tok: Token, cues: Cues) -> bool:
    """Whether a noun names a platform or channel ("Facebook", "social media", "the Telegram messaging app"):
    where something was said, never what."""
    return tok.lower_ in cues.media or tok.lemma_.lower() in cues.media


def _objects(tok: Token) -> list[Token]:
    """A verb's direct objects and the objects of its prepositions ("responded to calls", "attacked the town")."""
    out = [c for c in tok.children if c.dep_ == "dobj"]
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        out += [g for g in prep.children if g.dep_ == "pobj"]
    return [o for obj in out for o in (obj, *(c for c in obj.children if c.dep_ == "conj"))]


def unanswered(tok: Token) -> bool:
    """A reporter's request for comment ("messages seeking comment", "asked for comment"): nobody said anything.
    (A refusal or a silence, "did not respond to requests for comment", stays: PolNeAR annotates it as an
    attribution whose content is what went unanswered.)"""
    return tok.lemma_.lower() in ("seek", "request", "ask") and any(o.lemma_.lower() == "comment" for o in _objects(tok))


def armed_act(tok: Token, cues: Cues) -> bool:
    """An act of force, not of speech: one of ``armed_acts`` done by an armed subject ("the army attacked ...")
    or to a place ("attacked the town", "attacked Kherson")."""
    if tok.lemma_.lower() not in cues.armed_acts:
        return False
    actors = [c for c in tok.children if c.dep_ == "nsubj"]
    actors += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(a.lemma_.lower() in cues.armed_subjects or a.lower_ in cues.armed_subjects for a in actors):
        return True
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")):
        low = obj.lemma_.lower()
        if obj.ent_type_ in PLACE_LABELS or low in cues.physical_targets or low in cues.non_agents:
            return True
    return False


def _lets(tok: Token) -> bool:
    """The verb of "Let's ..." / "let us ...": an exhortation of the writer's."""
    head = tok.head
    if tok.lemma_.lower() == "say":
        return False  # "Let's say you think ...": a supposition, whose clause PolNeAR gives as attributed
    return (tok.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() == "let" and head.i < tok.i
            and any(c.lower_ in ("'s", "’s", "us") for c in (*head.children, *tok.children) if c.i < tok.i))


def raised_subject(cues: Cues, cue: Token) -> Token | None:
    """The subject of a raising verb with an infinitive and no object (``X seems to ...``, ``X is expected to
    ...``): part of what the verb reports, not its speaker (``cues.json``'s ``raising``)."""
    if cue.lemma_.lower() not in cues.raising or any(c.dep_ == "dobj" for c in cue.children):
        return None
    if not any(c.dep_ == "xcomp" and all(t.pos_ in ("ADV", "PART") for t in cue.doc[cue.i + 1 : c.left_edge.i + 1]) for c in cue.children):
        return None  # the infinitive right after the verb: not "appeared on a show to talk about ..."
    return next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i), None)


CLAUSE_MARKS = frozenset({"that", "whether", "how", "if", "why", "what"})


def _reports_clause(tok: Token) -> bool:
    """Whether a verb governs a that/whether/how clause ("I see that ...") or an "as" phrase ("sees it as ...")."""
    for c in tok.children:
        if c.dep_ == "ccomp" and any(g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.lower_ in CLAUSE_MARKS and g.i < c.i for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "as":
            return True
    return False


CONDITIONALS = frozenset({"assume", "suppose", "presume"})


def subject_of(verb: Token, cues: Cues) -> Token | None:
    """The subject of a cue verb: its own, or for a participle, a conjunct or an infinitive, its head's."""
    seen = 0
    cur = verb
    while seen < 4:
        seen += 1
        subjects = [
            c for c in cur.children
            if c.dep_ in ("nsubj", "csubj") and not (c.lower_ in ("who", "that", "which") and cur.dep_ != "relcl")
        ]
        if subjects:
            # "ORLANDO — President Obama said": the subject nearest the verb
            return min(subjects, key=lambda c: abs(c.i - cur.i))
        patient = next((c for c in cur.children if c.dep_ == "nsubjpass"), None)
        if patient is not None:
            # a passive cue's subject is no speaker ("Testers could not find them and the duo were admitted to
            # hospital": not Testers); a passive clause's subject acts in a participle that hangs from it
            # ("the duo were admitted to hospital after claiming ...", "he was quoted as saying ...")
            return None if seen == 1 else patient
        if cur.pos_ == "ADJ" and cur.dep_ in ("acomp", "oprd", "ccomp"):
            # "X is confident that ...", "X made it clear that ...": the subject of the verb the adjective completes
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        participial = cur.tag_ == "VBG" or cur.lower_ in cues.participial
        if seen == 1 and cur.tag_ == "VBG" and cur.dep_ == "advcl" and cur.i < cur.head.i and cur.lemma_.lower() in CONDITIONALS:
            return None  # "Assuming Citigroup is right, the structure of the industry ...": a condition, no one's (PolNeAR: no source)
        if cur.dep_ in ("advcl", "xcomp", "conj", "pcomp") and (participial or cur.dep_ in ("conj", "xcomp", "advcl")):
            # ("..., rushing to TV to say ...": through a participle to its own clause's subject)
            on_participle = cur.head.tag_ == "VBG" and cur.head.dep_ in ("advcl", "xcomp", "conj")
            if cur.dep_ == "advcl" and not participial and not any(c.dep_ == "nsubj" for c in cur.head.children) and not on_participle:
                # an infinitive of purpose speaks for the subject of the clause it modifies, no further
                return None
            if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in cues.object_control:
                obj = next((c for c in cur.head.children if c.dep_ == "dobj" and c.i < cur.i), None)
                if obj is not None:
                    return obj  # "have prompted many employers to consider ...": the employers consider it
            cur = cur.head
            if cur.dep_ == "prep" and cur.head.pos_ in ("VERB", "AUX"):
                # "After saying ..., the man ...": through the preposition to the clause it opens
                cur = cur.head
            continue
        return None
    return None


def addressee_of(verb: Token, cues: Cues) -> Token | None:
    """Whom a cue addresses: ``told Reuters``, ``said to reporters``, ``Speaking to Haniyeh, ...``."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and cues.kind(verb.lemma_.lower()) == "tell":
            return child
        if child.dep_ in ("prep", "dative") and child.lower_ == "to" and verb.lemma_.lower() in ("say", "speak", "talk", "write", "explain"):
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    head = verb if verb.dep_ == "ROOT" else verb.head
    for child in head.children:
        if child.dep_ == "advcl" and child.lemma_.lower() in ("speak", "talk", "write", "address", "meet"):
            for g in child.children:
                if g.dep_ == "prep" and g.lower_ in ("to", "with"):
                    for h in g.children:
                        if h.dep_ == "pobj":
                            return h
                if g.dep_ == "dobj" and child.lemma_.lower() in ("address", "meet"):
                    return g
    return None


def inverted_subject(cue: Token, cues: Cues) -> tuple[Token, int, int] | None:
    """A cue placed after what was said, its speaker after it ("..., warns network monitoring company Sandvine.",
    "The plan is dead, insists the chief executive."): a finite cue verb right after a comma, with no subject
    before it and one noun phrase after it that ends the sentence and names someone (an entity, a name, a role,
    one of the anonymous or a noun PolNeAR gives as a source). The parser reads that phrase as the verb's object
    or gives the verb to the clause before as a conjunct; the speaker is the phrase and the content the clause
    before the comma (which needs its own subject). Returns (the phrase's head, content start, content end)."""
    doc = cue.doc
    if cue.i < 4 or doc[cue.i - 1].text != "," or cue.tag_ not in ("VBZ", "VBD", "VBP"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and c.i < cue.i for c in cue.children):
        return None
    after = [c for c in cue.children if c.i > cue.i and not c.is_punct]
    if len(after) != 1 or after[0].dep_ not in ("nsubj", "dobj"):
        return None
    phrase, sent = after[0], cue.sent
    last = sent.end - 1
    while last > cue.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if phrase.right_edge.i != last or not _names_someone(phrase, cues, phrase.dep_ == "nsubj"):
        return None
    first = sent.start
    while first < cue.i and (doc[first].is_space or doc[first].is_punct):
        first += 1
    before = doc[first : cue.i - 1]
    if len(before) < 3 or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in before):
        return None
    end = doc[cue.i - 2]
    return phrase, before.start_char, end.idx + len(end.text)


def _names_someone(word: Token, cues: Cues, subject: bool) -> bool:
    """A name, or a noun of someone; as the parser's object of the cue ("..., cited the report"), not one of the
    things PolNeAR gives as sources (``speaker_nouns``: report, measure), which a cue takes as its object."""
    if word.tag_.startswith("VB"):
        return False
    if word.ent_type_ in AGENT_LABELS or (word.pos_ == "PROPN" and not word.ent_type_):
        return True
    return word.pos_ == "NOUN" and noun_of_someone(word, cues, sources=subject)


def noun_of_someone(word: Token, cues: Cues, sources: bool) -> bool:
    """Whether a common noun names someone: a role, one of the anonymous or of ``agent_nouns``, and with
    ``sources`` one of the nouns PolNeAR gives as sources (``speaker_nouns``: a law, a poll, a report)."""
    lemma, low = word.lemma_.lower(), word.lower_
    lists = (cues.roles, cues.anonymous, cues.agent_nouns) + ((cues.speaker_nouns,) if sources else ())
    return any(lemma in words or low in words for words in lists)
