"""Where a reported content starts and ends (``extract/quotes/content.py``: ``core_end``, ``cut_tail``; the
merge cuts learned contents the same way), and the merge reusing the rules' context (``quotes.KEPT``).
Invented sentences, the real pipeline."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from conftest import analyze_text
from presslens.record import check_offsets

pytestmark = pytest.mark.model

TITLE = "Council Notes\n\n"


def rules_doc(nlp: Any, text: str) -> Any:
    """A Doc through the pipeline up to the rules (``presslens_quotes``), the kept context taken back."""
    from presslens.extract.quotes.quotes import KEPT
    from presslens.pipeline.extensions import register_extensions

    register_extensions()
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "presslens_quotes":
            break
    KEPT.take(doc, None)
    return doc


def content_of(nlp: Any, body: str, cue: str) -> str:
    """The rules' content of the quote ``cue`` cues; the whole pipeline's record checked on the way."""
    rec = analyze_text(nlp, TITLE + body)
    assert check_offsets(rec) == [], check_offsets(rec)
    q = next(q for q in rules_doc(nlp, body)._.pl_quotes if q["cue"] and q["cue"]["text"] == cue)
    return str(q["content"]["text"])


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        # the occasion of the act is not what was said: a medium, an event, a date
        ("The mayor criticized the new tax as a burden on families during a radio interview on Tuesday.",
         "criticized", "the new tax as a burden on families"),
        ("Senator Ann Ruiz attacked the housing plan in a statement on Thursday.", "attacked", "the housing plan"),
        ("The union leader praised the agreement on Twitter.", "praised", "the agreement"),
        # the noun phrase's core, not the fields it applies in
        ("The council leader appreciated the charity's firm stance on the workers' rights in various political and "
         "social areas.", "appreciated", "the charity's firm stance on the workers' rights"),
        # the clause a cue interrupts, when the parse hangs the cue from its auxiliary
        ("All of this, he acknowledges, could be undone at the polls.", "acknowledges",
         "All of this, he acknowledges, could be undone at the polls"),
        # a clause after a semicolon, a trailing concession, a dash's apposition
        ("The spokesman said the talks were not over; the union walked out an hour later.", "said", "the talks were not over"),
        ("The minister said the budget would be balanced, although the deficit grew again in May.", "said",
         "the budget would be balanced"),
        ("The governor described the bill as a victory for workers — a rare moment of calm in the capital.",
         "described", "the bill as a victory for workers"),
        # a joined clause with its own subject and verb of saying is a report of its own
        ("The minister emphasized the reforms were not complete, and rights groups warned that the army still "
         "held power.", "emphasized", "the reforms were not complete"),
        ("Most voters said the mayor is honest, and three-quarters said the same of the governor.", "said",
         "the mayor is honest"),
        # the speaker's next act of saying, joined by "and" without a subject of its own, is a report of its own
        ("The senator said the tape was disgusting and warned voters that it would air before the election.", "said",
         "the tape was disgusting"),
        # after a cue in the present, a past act joined by "and" is the content's subject's, and stays
        ("Police say the driver posed a deadly threat and refused to drop the gun.", "say",
         "the driver posed a deadly threat and refused to drop the gun"),
        # the occasion after the last of coordinated objects ends the content too
        ("Clinton described her opponent as a fraud and a scam artist during the first presidential debate.",
         "described", "her opponent as a fraud and a scam artist"),
        # a closing relative clause in the past is the narrator's; one in the present stays
        ("The senator said she had given the documents to the AP, which first reported the story on Monday.",
         "said", "she had given the documents to the AP"),
        ("The mayor praised the governor's proposals, which include a tax credit for small businesses.",
         "praised", "the governor's proposals, which include a tax credit for small businesses"),
        ("Polls showed a close contest in the state, where 18 electoral votes are up for grabs.", "showed",
         "a close contest in the state"),
        # what the act brought, in the narrator's words, ends the content even where it hangs inside it
        ("The senator said he would ban the program entirely, drawing boos from the crowd.", "said",
         "he would ban the program entirely"),
        ("The senator said he would ban the program entirely, quickly drawing boos from the crowd.", "said",
         "he would ban the program entirely"),
        # the medium of the act is no part of what was said
        ("The group announced its endorsement of the senator on its Facebook page.", "announced",
         "its endorsement of the senator"),
        # a closing "as" clause with its own subject is the narrator's circumstance, not what was said
        ("The governor said he was excited about the race as he faced a critical test in the state.", "said",
         "he was excited about the race"),
        # "as" before a phrase is what the verb says of its object
        ("The senator described the governor as a weak leader who ignored the state.", "described",
         "the governor as a weak leader who ignored the state"),
        # a joined act that is no saying stays inside the content
        ("The senator said the mayor lied and cheated during the campaign.", "said",
         "the mayor lied and cheated during the campaign"),
    ],
)
def test_a_content_ends_where_what_was_said_ends(nlp: Any, body: str, cue: str, content: str) -> None:
    assert content_of(nlp, body, cue) == content


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        # a place inside the object's own phrase that is no scope word stays ("in the killing of ...")
        ("The ministry announced the arrest of a man in the killing of a reporter.", "announced",
         "the arrest of a man in the killing of a reporter"),
        # what the verb says of its object after the date stays with it
        ("The senator called the report on Saturday “a true wake-up call” for the party.", "called",
         "the report on Saturday “a true wake-up call”"),
    ],
)
def test_what_belongs_to_the_content_stays(nlp: Any, body: str, cue: str, content: str) -> None:
    assert content_of(nlp, body, cue).rstrip(".") == content


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        # the conjuncts of the clause that the parse hangs from the cue: in the clause's form, not the cue's
        ("The senator pledged to triple the size of the volunteer program, grow the youth corps and create a new "
         "national service reserve program.", "pledged",
         "to triple the size of the volunteer program, grow the youth corps and create a new national service reserve program"),
        ("Voters said they had misgivings about the governor, but could not bear to insult the mayor.", "said",
         "they had misgivings about the governor, but could not bear to insult the mayor"),
        # a joined clause whose verb is no narrated act of saying stays ("would see", "expect", "show")
        ("The mayor said taxes would fall and more people across the county would at last see the benefit.", "said",
         "taxes would fall and more people across the county would at last see the benefit"),
        ("The officer said the video was inconclusive and that the footage did not show his hands.", "said",
         "the video was inconclusive and that the footage did not show his hands"),
        # what the verb says of its object, right after it (its first word next to the object's last)
        ("The mayor described the dinner as the capital celebrating itself.", "described", "the dinner as the capital celebrating itself"),
        ("The chief, calling the behavior a fireable offense, left the room.", "calling", "the behavior a fireable offense"),
        ("The new poll shows the mayor 16 points ahead of the governor in the county.", "shows",
         "the mayor 16 points ahead of the governor in the county"),
    ],
)
def test_a_content_runs_over_its_conjuncts_and_what_is_said_of_its_object(nlp: Any, body: str, cue: str, content: str) -> None:
    assert content_of(nlp, body, cue) == content


@pytest.mark.parametrize(
    ("body", "cue", "content"),
    [
        # the parse hangs the quoted predicate off the object (its opening mark inside the object): one content
        ("The senator interjected, calling the mayor’s proposed parking fee “a tax on the poor.”", "calling",
         "the mayor’s proposed parking fee “a tax on the poor.”"),
        # a fragment the direct rule took alone (no cue of its own) is a piece of the clause around it
        ("According to the mayor, the old bridge was once a landmark, but is now “the most expensive bridge in the "
         "state.”", "According to", "the old bridge was once a landmark, but is now “the most expensive bridge in the state.”"),
    ],
)
def test_a_quoted_fragment_inside_a_reported_clause_makes_one_mixed_quote(nlp: Any, body: str, cue: str, content: str) -> None:
    quotes = rules_doc(nlp, body)._.pl_quotes
    assert [q["content"]["text"] for q in quotes] == [content]  # the fragment is no quote of its own
    assert quotes[0]["kind"] == "mixed" and quotes[0]["cue"]["text"] == cue
    assert [f["text"] for f in quotes[0]["fragments"]] == [content[content.index("“") + 1 : -1]]
    assert content_of(nlp, body, cue) == content


def test_a_short_second_piece_after_the_cue_belongs_to_the_quote(nlp: Any) -> None:
    rec = analyze_text(nlp, TITLE + "“Here he is, babe,” the mayor said. “Donald’s here, babe.”")
    first, second = rec["quotes"]
    assert second["content"]["text"] == "Donald’s here, babe." and second["group"] == first["group"] == first["id"]
    assert second["speaker"] and second["speaker"]["text"] == "the mayor"
    # the cue's sentence may be long, and the second piece may look like a title: still the same attribution
    for body, piece in [
        ("“It’s finished,” she said of the election, in which she was sure the mayor would win. “In my head, anyway.”",
         "In my head, anyway."),
        ("“Here comes Big Daddy,” the mayor said, clapping. “The Donald. Big Daddy.”", "The Donald. Big Daddy."),
    ]:
        rec = analyze_text(nlp, TITLE + body)
        first, second = rec["quotes"][0], rec["quotes"][-1]
        assert second["content"]["text"] == piece and second["group"] == first["id"], body
    # another sentence between them: the short quote is nobody's
    rec = analyze_text(nlp, TITLE + "“We will win this,” the mayor said. The crowd cheered. “Not again, ever.”")
    assert [q["content"]["text"] for q in rec["quotes"]] == ["We will win this,"]


def test_the_merge_reads_the_rules_context_and_finds_the_same_quotes(nlp: Any) -> None:
    from presslens.extract.quotes.merge import MERGE_REPLACE, MERGE_THRESHOLD, merge_quotes
    from presslens.extract.quotes.quotes import KEPT
    from presslens.pipeline.extensions import register_extensions

    register_extensions()
    text = ("The health minister said on Monday that the new clinic would open in March. "
            "“We will not close the border,” she told reporters. Critics said the plan had failed.")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "presslens_quote_merge":
            break
        doc = proc(doc)
    assert id(doc) in KEPT.docs  # kept by the rules for the merge that follows them
    rules = copy.deepcopy(doc._.pl_quotes)
    kept = merge_quotes(doc, None, MERGE_THRESHOLD, None, MERGE_REPLACE)
    assert id(doc) not in KEPT.docs  # taken: nothing stays behind
    doc._.pl_quotes = rules
    own = merge_quotes(doc, None, MERGE_THRESHOLD, None, MERGE_REPLACE)  # none kept: it derives its own
    assert kept == own and any(q["path"] != "rules" for q in kept)
    analyze_text(nlp, TITLE + text)
    assert not KEPT.docs  # a whole pipeline run leaves nothing kept


@pytest.mark.parametrize(("text", "cut"), [
    ("The spokesman said the talks were not over; the union walked out an hour later.", "the talks were not over"),
    # a joined clause with its own subject and verb of saying is a report of its own
    ("Most voters said the mayor is honest and capable, and three-quarters said the same of the governor.",
     "the mayor is honest and capable"),
    # what the act brought, an adverb before it: the narrator's, in a learned content too
    ("The president said he would take it as a personal insult if they stayed home, implicitly putting his own "
     "name on the line.", "he would take it as a personal insult if they stayed home"),
    # the cue's clause is adverbial to the sentence's main verb: what the main clause says is not its content
    ("Though the mayor said the plan was dead for now, the council approved the budget on Monday.",
     "the plan was dead for now"),
    ("While the union said the strike would go on, the port reopened two of its berths.", "the strike would go on"),
])
def test_the_merge_cuts_a_learned_content_where_the_rules_cut_theirs(nlp: Any, text: str, cut: str) -> None:
    from presslens.extract.quotes.clauses import Context
    from presslens.extract.quotes.merge import cut_content

    ctx = Context(rules_doc(nlp, text))
    said, start = text.index("said"), text.index(cut)
    attr = {"cue": {"start": said, "end": said + 4}, "content": {"start": start, "end": len(text) - 1}, "score": 0.9}
    done = cut_content(ctx, attr)
    assert done["content"]["text"] == cut == text[done["content"]["start"] : done["content"]["end"]]
    whole = {**attr, "content": {"start": start, "end": start + len(cut)}}
    assert cut_content(ctx, whole) is whole  # nothing to cut: the same attribution


def test_a_quoted_stretch_after_a_joined_verb_of_saying_is_that_verbs(nlp: Any) -> None:
    """The parse hangs "and said ..." inside the first cue's object; the mixed quote of "stressed" ends before
    it (``content.cut_tail``), and the quotation is what was said."""
    body = ("Ruiz, the former secretary of State, stressed her support of the 2011 raid that killed the rebel "
            "commander during a \"Commander-in-Chief Forum\" sponsored by NBC News and said she has the essential "
            "quality for the job of mayor: \"Steadiness -- an absolute rock steadiness, and mixed with strength.\"")
    quotes = {q["cue"]["text"]: q for q in rules_doc(nlp, body)._.pl_quotes if q["cue"]}
    assert quotes["stressed"]["content"]["text"].endswith("sponsored by NBC News")
    assert quotes["said"]["content"]["text"].startswith("Steadiness")  # its own quote now, not the object's
