"""extract/framing/voice.py: every character belongs to one voice; quoted beats reported beats narrator (issue 5)."""

from __future__ import annotations

from typing import Any

import spacy

from presslens.extract.framing.voice import VoiceIndex, find_voice, voice_segments
from presslens.pipeline.extensions import register_extensions

TEXT = (
    'The minister spoke. "We will win," she said. He claimed that the plan was dead. '
    'She called it “a disgrace” and said it would fail.'
)


def _span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"text": part, "start": start, "end": start + len(part)}


def quotes() -> list[dict[str, Any]]:
    direct = _span(TEXT, "We will win,")
    indirect = _span(TEXT, "the plan was dead")
    mixed = _span(TEXT, "it “a disgrace” and said it would fail")
    return [
        {"id": "Q1", "kind": "direct", "speaker": {"entity": "E1", "text": "she"}, "cue": None, "content": direct},
        {"id": "Q2", "kind": "indirect", "speaker": {"entity": "E2", "text": "He"}, "cue": None, "content": indirect},
        {"id": "Q3", "kind": "mixed", "speaker": {"entity": "E1", "text": "She"}, "cue": None, "content": mixed,
         "fragments": [_span(TEXT, "a disgrace")]},
    ]


def voice_at(segments: list[Any], part: str) -> Any:
    start = TEXT.index(part)
    return VoiceIndex(segments).at(start, start + len(part))


def test_segments_cover_every_character_once() -> None:
    segs = voice_segments(TEXT, quotes())
    assert segs[0]["start"] == 0 and segs[-1]["end"] == len(TEXT)
    for a, b in zip(segs, segs[1:], strict=False):
        assert a["end"] == b["start"], (a, b)
    assert {s["voice"] for s in segs} == {"narrator", "quoted", "reported"}


def test_direct_quote_is_quoted_with_its_speaker_and_marks() -> None:
    segs = voice_segments(TEXT, quotes())
    seg = voice_at(segs, "will win")
    assert (seg["voice"], seg["speaker"]) == ("quoted", "E1")
    # the opening and closing marks belong to the quote
    assert VoiceIndex(segs).at(TEXT.index('"We'))["voice"] == "quoted"
    assert voice_at(segs, "The minister")["voice"] == "narrator"
    assert voice_at(segs, "she said")["voice"] == "narrator"


def test_indirect_content_is_reported() -> None:
    seg = voice_at(voice_segments(TEXT, quotes()), "plan was dead")
    assert (seg["voice"], seg["speaker"]) == ("reported", "E2")


def test_mixed_quote_fragment_quoted_rest_reported() -> None:
    segs = voice_segments(TEXT, quotes())
    assert voice_at(segs, "disgrace")["voice"] == "quoted"
    assert voice_at(segs, "would fail")["voice"] == "reported"


def test_mixed_quote_without_fragments_uses_its_marks() -> None:
    qs = quotes()
    del qs[2]["fragments"]
    segs = voice_segments(TEXT, qs)
    assert voice_at(segs, "disgrace")["voice"] == "quoted"
    assert voice_at(segs, "would fail")["voice"] == "reported"


def test_no_quotes_all_narrator_and_bad_quotes_ignored() -> None:
    segs = voice_segments(TEXT, [{"kind": "direct", "content": {"start": 5, "end": 999}}, {"kind": "direct"}])
    assert [s["voice"] for s in segs] == ["narrator"]
    assert voice_segments("", []) == []


def test_find_voice_reads_doc_quotes() -> None:
    register_extensions()
    doc = spacy.blank("en")(TEXT)
    doc._.pl_quotes = quotes()
    assert voice_at(find_voice(doc), "will win")["voice"] == "quoted"
