"""Who can speak: the word of a subject phrase that names the speaker, how far its phrase reaches, and whether
it names someone who can say, write, think or report something.

A speaker is a person, an organisation or body, a group, a role ("a senior source", "officials") or an
anonymous source. Never a place in a dateline ("TEL AVIV —"), a time, a number, a crowd, an event or an
object (``cues.non_agents``), a bare fragment ("?"), nor a place set before the subject ("In the capital,
Saana, the rebel-run Al Masirah TV reported": the speaker is the station). A quantifier stands or falls with
its "of" phrase ("One of the main reasons ... is", "thousands of protesters"). A resolved speaker that cannot
speak carries the rule :data:`NOT_AN_AGENT` and no entity; the quote it would cue keeps no speaker.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ..common import PLACE_LABELS, EntityIndex
from .cues import Cues

NOT_AN_AGENT = "not-an-agent"
DASHES = frozenset({"—", "–", "--", "-"})
DATELINE_REACH = 8  # tokens: "GAZA CITY, Gaza Strip (AP) —"
COUNT_LABELS = frozenset({"DATE", "TIME", "ORDINAL", "QUANTITY", "MONEY"})
"""What a subject word tagged so names is no agent ("Monday", "10:00 GMT"); a share of people speaks ("63 percent said")."""
SETTING_PREPS = frozenset({"in", "at", "from", "near", "inside", "outside"})
OF_REACH = 12  # tokens of an "of" phrase kept in a speaker's text
OF_KEEP = frozenset({"conj", "cc", "compound", "flat", "amod", "nummod", "poss", "case", "det"})


def in_dateline(tok: Token, sent: Span | None = None) -> bool:
    """Whether ``tok`` is in a dateline that opens its sentence ("TEL AVIV, Israel (AP) — ..."): names,
    commas and brackets only, before a dash a few words in."""
    sent = sent if sent is not None else tok.sent
    stop = min(sent.end, sent.start + DATELINE_REACH + 1)
    for i in range(sent.start, stop):
        t = sent.doc[i]
        if t.text in DASHES and i > sent.start and (t.whitespace_ or sent.doc[i - 1].whitespace_):
            return tok.i < i
        if not (t.pos_ == "PROPN" or t.is_punct or t.is_space or t.text.isupper()):
            return False
    return False


def of_object(tok: Token, prep: str = "of") -> Token | None:
    """The noun of ``tok``'s "of" (or ``prep``) phrase right after it ("One of the officials" -> officials)."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == prep and child.i == tok.i + 1:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _is_setting(head: Token) -> bool:
    """A subject that names the place of the sentence ("In the capital, Saana, ..."), not who acts."""
    if head.ent_type_ in PLACE_LABELS:
        return True
    doc = head.doc
    if head.i < 2 or doc[head.i - 1].text != ",":
        return False
    prev = doc[head.i - 2]
    prep = next((a for a in [prev, *prev.ancestors] if a.dep_ == "prep"), None)
    return prep is not None and prep.lower_ in SETTING_PREPS and prep.i < head.i and prep.head.i == head.head.i


def speaker_head(head: Token, cues: Cues | None = None) -> Token:
    """The word that names the speaker: past a place set before the subject to the name in apposition
    ("In the capital, Saana, the rebel-run Al Masirah TV reported" -> TV); from a role to the person named beside
    it ("GM chairman and chief executive Rick Wagoner said" -> Wagoner); from the first piece of a hyphenated
    title the parser took for the subject to the name it belongs to ("said vice-chairman Vivek Paul" -> Paul)."""
    doc = head.doc
    appos = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.pos_ in ("PROPN", "NOUN")), None)
    if appos is not None and _is_setting(head):
        return appos
    role = cues is not None and not head.ent_type_ and (head.lemma_.lower() in cues.roles or head.lower_ in cues.anonymous)
    if role and appos is not None and appos.ent_type_ == "PERSON":
        return appos
    nxt = head.i + 2
    if (nxt < len(doc) and doc[head.i + 1].text == "-" and not head.whitespace_ and not doc[head.i + 1].whitespace_
            and doc[nxt].dep_ == "compound" and doc[nxt].head.i > nxt and doc[nxt].head.ent_type_ == "PERSON"):
        return doc[nxt].head
    return head


def agent_word(head: Token, cues: Cues) -> Token:
    """The word whose meaning decides whether the phrase can speak: a quantifier's "of" noun ("One of the
    reasons" -> reasons), else the head."""
    if head.lower_ in cues.quantifiers or head.lemma_.lower() in cues.quantifiers or head.like_num:
        obj = of_object(head)  # "large numbers of backbench MPs" as well
        if obj is not None:
            return obj
    return head


def phrase_end(head: Token, span: Span, index: EntityIndex, cues: Cues) -> int:
    """The end character of a speaker's phrase: over a name that runs past the noun phrase ("the Center for
    Civil Liberties") and over an "of" phrase ("The leaders of Hamas and Palestinian Islamic Jihad")."""
    end = span.end_char
    lo, hi = head.idx, head.idx + len(head.text)
    i = bisect.bisect_left(index.starts, span.start_char)
    while i < len(index.rows) and index.rows[i][0] < hi:
        s, e, _eid = index.rows[i]
        if e > lo and e > end:
            end = e  # a mention from inside the phrase over its head and past it
        i += 1
    described = bare_participle(head)
    if described is not None:
        end = max(end, described.idx + len(described.text))  # "those surveyed"
    quantified = head.pos_ in ("NOUN", "NUM", "PRON") or head.like_num or head.lower_ in cues.quantifiers
    obj = of_object(head) if quantified else None
    if obj is None and head.pos_ == "NOUN" and (head.lemma_.lower() in cues.roles or head.lower_ in cues.anonymous):
        obj = of_object(head, "for")  # "A spokesman for the Department for Culture, Media and Sport"
    if obj is None and head.pos_ == "NOUN" and head.lemma_.lower() in cues.authored:
        obj = of_object(head, "by")  # "A report by the Fraser of Allander Institute"
    if obj is not None:
        last = obj
        bare = bare_participle(obj)
        participle = bare.i if bare is not None else -1
        for child in obj.rights:
            nested_of = child.dep_ == "prep" and child.lower_ in ("of", "for")  # "The governor of the province of Kherson"
            if (child.dep_ in OF_KEEP or nested_of or child.i == participle) and child.right_edge.i - head.i <= OF_REACH:
                last = child.right_edge
        end = max(end, last.idx + len(last.text))
    return end


def bare_participle(tok: Token) -> Token | None:
    """A one-word participle right after ``tok`` that says who is meant ("those surveyed", "Most of those
    polled"), or None."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.head.i == tok.i and nxt.dep_ == "acl" and nxt.tag_ == "VBN" and not list(nxt.children):
        return nxt
    return None


def glued_start(span: Span) -> int:
    """The first token of a phrase with the hyphenated word it ends ("OVD-Info" when the parser left "OVD-"
    out, even in another sentence): back over "X-" glued to it without spaces."""
    doc, lo = span.doc, span.start
    while lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_ and not doc[lo - 2].whitespace_ and doc[lo - 2].is_alpha:
        lo -= 2
    return lo


def entity_start(lo: int, doc: Doc) -> int:
    """The first token of a phrase starting at ``lo`` with the whole entity its first word is inside ("Lib Dem foreign
    affairs spokesman Menzies Campbell" when the parser hung "Lib" on the sentence before), within the sentence."""
    first = doc[lo].sent.start
    while lo > first and doc[lo].ent_iob_ == "I" and doc[lo - 1].ent_type_ == doc[lo].ent_type_ and doc[lo - 1].is_alpha:
        lo -= 1
    return lo


def can_speak(word: Token, label: str | None, cues: Cues) -> bool:
    """Whether a subject word (with its entity's label, if any) names someone who can speak."""
    if not any(ch.isalpha() for ch in word.text):
        return False  # "?", "--"
    if word.pos_ in ("VERB", "AUX") and label is None and word.ent_type_ == "" and (word.text[:1].islower() or word.tag_ == "VBG"):
        return False  # a clause as subject ("nationals ..., intending to wed in the UK, must obtain ...", "Boasting ...")
    low, lemma = word.lower_, word.lemma_.lower()
    if label is None and word.ent_type_ in COUNT_LABELS:
        return False  # "Monday", "10:00 GMT"
    if label is None and word.ent_type_ == "CARDINAL" and not list(word.children):
        return False  # a bare number ("One", "30"), not "the two", "one or more of its members"
    if label is None and (low in cues.non_agents or lemma in cues.non_agents):
        return False
    return not (label in PLACE_LABELS and in_dateline(word))


PLACE_NOUNS = frozenset({"region", "province", "state", "city", "town", "village", "district", "county", "area", "country",
                         "capital", "strip", "territory", "governorate", "oblast", "municipality", "island"})
MODIFIER_PREPS = frozenset({"of", "in", "from", "at", "for"})


def speaking_head(tok: Token) -> Token:
    """Past a place that only says where the speaker is or what it governs, to the noun it modifies: "The governor
    of the northern province of Kalmar said" -> governor, "the Red Cross in Kalmar says" -> Cross; from a time to
    the name just before it ("China on Tuesday said" -> China): a source token the learned model put on the place
    or the time."""
    cur = tok
    if tok.ent_type_ in COUNT_LABELS and tok.dep_ == "pobj" and tok.head.i > 0:
        before = tok.doc[tok.head.i - 1]  # "China on Tuesday said": the name before the time
        if before.pos_ in ("PROPN", "NOUN") and before.ent_type_ not in COUNT_LABELS:
            return before
    for _ in range(4):
        prep = cur.head
        named = prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS  # "the province of Kalmar"
        placeish = cur.ent_type_ in PLACE_LABELS or cur.lemma_.lower() in PLACE_NOUNS or named
        where = prep.lower_ in SETTING_PREPS and prep.head.dep_ in ("nsubj", "nsubjpass")  # "the Red Crescent in Derna says"
        if not ((placeish or where) and cur.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in MODIFIER_PREPS | SETTING_PREPS):
            break
        if prep.head.pos_ not in ("NOUN", "PROPN") or prep.head.i >= cur.i:
            break
        cur = prep.head
    return cur


def subject_over(tok: Token, cue: Token | None, conjuncts: bool = True) -> Token:
    """The cue's subject when ``tok`` lies inside its phrase, else ``tok``: a source token the learned model put
    on a word of the subject's modifiers names the subject ("Steve Hurst of Gloucestershire Police said" ->
    Hurst, "The new health minister for Wales says" -> minister, "A spokesman for the Department for Culture,
    Media and Sport said" -> spokesman, "The leaders of Hamas ... have stated" -> leaders); not a name set beside
    the subject ("A lawyer for the outlets, David Schulz, said") or a person joined to it (unless not
    ``conjuncts``: "The contrast between Sanders and Clinton was ..." is about the contrast)."""
    if cue is None or tok.dep_ == "nsubj" and tok.head.i == cue.i:
        return tok
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)  # not a passive's: what it is about
    if subj is None and cue.dep_ in ("conj", "xcomp") and cue.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)  # "... and warned", "is set to say"
    if subj is None or subj.pos_ == "PRON" or not subj.left_edge.i <= tok.i <= subj.right_edge.i or tok.i == subj.i:
        return tok
    cur = tok
    while cur.i != subj.i and not (cur.dep_ == "appos" and own_name(cur) or conjuncts and cur.dep_ == "conj" and cur.ent_type_ == "PERSON"):
        cur = cur.head  # "A lawyer for the outlets, David Schulz, said", "GM chairman and chief executive Rick Wagoner said": the name stays
    return subj if cur.i == subj.i else tok


def own_name(tok: Token) -> bool:
    """Whether no entity runs into ``tok``'s phrase from before it: "Ports" in "the Department for Transport,
    Ports and Shipping" (the parser's apposition) is part of a name opened earlier."""
    k = tok.i
    while k > 0 and tok.doc[k].ent_iob_ == "I":
        k -= 1
    return k >= tok.left_edge.i


def balanced_end(text: str, start: int, end: int, reach: int = 16) -> int:
    """A phrase's end with its brackets closed: over the ")" just after it ("the Centre for Harbour Science (CHSE)"),
    else before an opening one it leaves open."""
    part = text[start:end]
    if part.count("(") <= part.count(")"):
        return end
    close = text.find(")", end, end + reach)
    if close >= 0 and "(" not in text[end:close]:
        return close + 1
    cut = part.rfind("(")
    while cut > 0 and part[cut - 1].isspace():
        cut -= 1
    return start + cut if cut > 0 else end

