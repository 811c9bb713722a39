"""The pipeline's bounds (issue 13): language, the longest article, long sentences, the time budget, and a
worker that the budget cannot interrupt, recycled by the local engine. Real pipeline, real worker processes."""

from __future__ import annotations

import random
from typing import Any

import pytest

from invented_news import article
from presslens.engines import RunStats
from presslens.engines.work import warm_up
from presslens.errors import is_failed
from presslens.pipeline import analyze, make_doc
from presslens.pipeline.chunks import CHUNK_CHARS, cut_long_sentences, pieces
from presslens.pipeline.limits import DEFAULT_TIME_BUDGET, Limits, current
from presslens.readers import raw_article

pytestmark = pytest.mark.model

# invented (no third-party text): a French report with a quote, people, places and numbers
FRENCH = (
    "Inondations : la route du fleuve est fermée\n\n"
    "VALBRUNE, 21 mai 2021 - Au moins douze personnes ont été tuées et 3 400 déplacées quand la Sorne est sortie "
    "de son lit vendredi, a déclaré la préfète de la région, Odile Marchal.\n\n"
    "« Nous n'avons jamais vu une telle crue », a dit Mme Marchal aux journalistes. Le ministre de l'Intérieur a "
    "annoncé l'envoi de 200 soldats, et la Croix-Rouge a indiqué avoir besoin de deux millions d'euros.\n\n"
    "Le maire de la ville a précisé que les écoles resteraient fermées jusqu'à lundi.\n"
)
WORDS = "water road village people rain north trucks aid families night power school".split()


def _raw(text: str, name: str = "test.txt") -> Any:
    return raw_article({"path": name, "format": "text"}, text)


def _codes(rec: dict[str, Any]) -> list[str]:
    return [e["code"] for e in rec["errors"]]


def test_a_french_article_gets_fr_a_warning_and_no_english_extractors(nlp: Any) -> None:
    fr, en = analyze([_raw(FRENCH, "fr.txt"), _raw(article(1), "en.txt")], nlp)
    assert fr["article"]["language"] == "fr"
    assert _codes(fr) == ["PL017"] and not is_failed(fr), "a warning: the record is good"
    assert fr["entities"] == [] and fr["quotes"] == [] and fr["claims"] == [] and fr["events"] == []
    assert fr["extractors"] == []
    assert fr["article"]["blocks"], "its structure is still there"
    assert en["article"]["language"] == "en" and not en["errors"]
    assert en["extractors"] == ["entities", "quotes", "attribution", "quote_merge", "dates", "claims", "events", "framing"]
    assert en["entities"] and en["quotes"]


def test_language_en_analyses_a_french_article_as_english(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSLENS_LANGUAGE", "en")
    [fr] = analyze([_raw(FRENCH, "fr.txt")], nlp)
    assert fr["article"]["language"] == "fr" and fr["errors"] == [] and "entities" in fr["extractors"]


def test_past_max_chars_an_article_is_refused_with_pl004_naming_the_option(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSLENS_MAX_CHARS", "2000")
    long_one, short = analyze([_raw(article(2, paragraphs=40)), _raw(article(3))], nlp)
    assert _codes(long_one) == ["PL004"] and "--max-chars" in long_one["errors"][0]["message"]
    assert long_one["article"]["language"] is None and long_one["extractors"] == []
    assert not short["errors"]


def test_spacy_max_length_is_not_the_bound(nlp: Any) -> None:
    """spaCy's own cap (E088, a traceback) never fires: max_chars is the bound."""
    saved = nlp.max_length
    nlp.max_length = 500
    try:
        [rec] = analyze([_raw(article(4, paragraphs=8))], nlp)
    finally:
        nlp.max_length = max(saved, nlp.max_length)
    assert not rec["errors"] and len(rec["article"]["text"]) > 500 and rec["entities"]


def test_a_sentence_past_max_sentence_tokens_is_cut_for_the_parser(nlp: Any) -> None:
    text = "One sentence\n\n" + " ".join(random.Random(3).choices(WORDS, k=1000))
    doc, errs = make_doc(nlp, _raw(text), Limits(max_sentence_tokens=120))
    assert doc is not None and not errs
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    lengths = [len(s) for s in doc.sents]
    assert sum(lengths) == len(doc) and max(lengths) <= 120 and len(lengths) >= 1000 // 120
    prose = nlp.make_doc(article(5, paragraphs=6))
    assert cut_long_sentences(prose, 120) == 0, "ordinary sentences are left to the parser"


def test_an_article_past_the_time_budget_gets_pl016_and_the_run_goes_on(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert current().time_budget == DEFAULT_TIME_BUDGET
    warm_up(nlp)  # as every engine does: what components load on first use is loaded outside any budget
    monkeypatch.setenv("PRESSLENS_TIME_BUDGET", "1.5")
    slow = " ".join(article(i, paragraphs=12) for i in range(40))  # ~70 k characters: several seconds
    first, late, last = analyze([_raw(article(6), "a.txt"), _raw(slow, "slow.txt"), _raw(article(7), "b.txt")], nlp)
    assert _codes(late) == ["PL016"] and is_failed(late) and "--time-budget" in late["errors"][0]["message"]
    assert late["article"]["text"] and late["entities"] == [] and late["extractors"] == []
    assert not first["errors"] and first["entities"] and not last["errors"] and last["entities"]


def test_a_worker_the_budget_cannot_interrupt_is_recycled(monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.engines import local

    monkeypatch.setenv("PRESSLENS_FAULT_INJECT", "hang:STALLS-ITS-WORKER")
    monkeypatch.setenv("PRESSLENS_TIME_BUDGET", "1")
    monkeypatch.setattr(local, "OVERDUE_GRACE_S", 2.0)
    raws = [_raw(article(8), "a.txt"), _raw(article(9, marker="STALLS-ITS-WORKER"), "hang.txt"), _raw(article(10), "b.txt")]
    stats = RunStats()
    with local.LocalEngine(None, workers=1, batch_size=3, stats=stats) as engine:
        records = list(engine.run(raws))
    assert [r["source"]["path"] for r in records] == ["a.txt", "hang.txt", "b.txt"]
    assert _codes(records[1]) == ["PL016"] and "recycled" in records[1]["errors"][0]["message"]
    assert not records[0]["errors"] and not records[2]["errors"]
    assert stats.worker_deaths == 2 and stats.adds_up()  # the batch, then the article alone



def test_the_dask_engine_gives_an_article_past_the_budget_pl016_and_goes_on() -> None:
    """On a real LocalCluster: a task runs in a worker's thread, where the budget is raised by a timer thread;
    the caller's limits travel with each task (no environment variable set here)."""
    pytest.importorskip("distributed")
    from presslens.engines.dask import DaskEngine

    slow = " ".join(article(i, paragraphs=12) for i in range(40))  # ~70 k characters: several seconds
    raws = [_raw(article(11), "a.txt"), _raw(slow, "slow.txt"), _raw(article(12), "b.txt")]
    stats = RunStats()
    with DaskEngine(None, workers=1, batch_size=3, stats=stats, limits=Limits(time_budget=1.5)) as engine:
        records = list(engine.run(raws))
    assert [r["source"]["path"] for r in records] == ["a.txt", "slow.txt", "b.txt"]
    assert _codes(records[1]) == ["PL016"] and "--time-budget" in records[1]["errors"][0]["message"]
    assert records[1]["entities"] == [] and records[1]["extractors"] == []
    assert not records[0]["errors"] and records[0]["entities"] and not records[2]["errors"] and records[2]["entities"]
    assert stats.adds_up() and stats.worker_deaths == 0


def test_the_cli_sets_the_limits_for_its_run(tmp_path: Any) -> None:
    import os

    from presslens.cli.options import LIMIT_ENV

    saved = {env: os.environ.pop(env, None) for env in LIMIT_ENV.values()}  # the options set them: restored below
    try:
        _cli_run(tmp_path)
    finally:
        for env, value in saved.items():
            if value is None:
                os.environ.pop(env, None)
            else:
                os.environ[env] = value


def _cli_run(tmp_path: Any) -> None:
    import json

    from click.testing import CliRunner

    from presslens.cli import cli

    fr, en = tmp_path / "fr.txt", tmp_path / "en.txt"
    fr.write_text(FRENCH, encoding="utf-8")
    en.write_text(article(12, paragraphs=12), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(fr), str(en), "--max-chars", "1000", "--language", "en", "--time-budget", "30"])
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert result.exit_code == 1, result.output
    assert [_codes(r) for r in records] == [[], ["PL004"]]
    assert "entities" in records[0]["extractors"], "--language en: the French article analysed as English"
    assert current() == Limits(max_chars=1000, time_budget=30.0, language="en")


def test_pieces_cover_the_text_at_block_starts_or_spaces() -> None:
    text = ("word " * 30 + "\n\n") * 40 + "x" * 10 + " " + "y" * 300
    starts = [i + 2 for i in range(len(text) - 1) if text[i : i + 2] == "\n\n"]
    cut = pieces(text, starts, size=400)
    assert cut[0][0] == 0 and cut[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cut, cut[1:], strict=False))
    assert all(hi - lo <= 400 for lo, hi in cut[:-1]) and all(lo in starts or text[lo - 1] == " " for lo, _ in cut[1:])


def test_a_long_article_is_analysed_in_pieces_with_exact_offsets(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSLENS_TIME_BUDGET", "0")
    text = "\n\n".join(article(i, paragraphs=4).split("\n\n", 1)[1] for i in range(150))
    assert len(text) > CHUNK_CHARS
    [rec] = analyze([_raw("Long report\n\n" + text)], nlp)
    assert not rec["errors"] and rec["extractors"] and len(rec["entities"]) > 50 and len(rec["quotes"]) > 50
    body = rec["article"]["text"]
    assert all(body[m["start"] : m["end"]] == m["text"] for e in rec["entities"] for m in e["mentions"])
    assert all(body[q["content"]["start"] : q["content"]["end"]] == q["content"]["text"] for q in rec["quotes"])


def test_an_article_that_fails_after_the_rules_leaves_no_context_held(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules keep their Context for the merge that follows them; when a later stage fails (here the learned
    stage raises), the article fails alone (PL012) and nothing stays held for a merge that never comes."""
    from presslens.extract.quotes.quotes import KEPT

    learned = type(nlp.get_pipe("presslens_attribution"))

    def boom(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a stage after the rules failed")

    monkeypatch.setattr(learned, "__call__", boom)
    monkeypatch.setattr(learned, "pipe", boom)
    KEPT.clear()
    records = analyze([_raw(article(3), "a.txt"), _raw(article(4), "b.txt")], nlp)
    assert [_codes(r) for r in records] == [["PL012"], ["PL012"]]
    assert not KEPT.docs
