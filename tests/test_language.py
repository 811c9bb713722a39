"""presslens.language: offline language detection of an article body (issue 13). The texts are invented."""

from __future__ import annotations

import time

import pytest

from presslens.language import SAMPLE_CHARS, detect, detect_language, sample

TEXTS = {
    "en": (
        "The minister said on Tuesday that at least twelve people had been killed in the floods, and that the "
        "army would be sent to the worst-hit villages before the weekend."
    ),
    "fr": (
        "Le ministre a déclaré mardi qu'au moins douze personnes ont été tuées dans les inondations, et que "
        "l'armée serait envoyée dans les villages les plus touchés avant la fin de la semaine."
    ),
    "de": (
        "Der Minister sagte am Dienstag, dass bei den Überschwemmungen mindestens zwölf Menschen ums Leben "
        "gekommen seien und die Armee noch vor dem Wochenende in die am schwersten betroffenen Dörfer geschickt werde."
    ),
    "ar": (
        "قال الوزير يوم الثلاثاء إن اثني عشر شخصا على الأقل لقوا حتفهم في الفيضانات، وإن الجيش سيرسل إلى القرى "
        "الأكثر تضررا قبل نهاية الأسبوع."
    ),
    "es": (
        "El ministro dijo el martes que al menos doce personas murieron en las inundaciones y que el ejército "
        "sería enviado a los pueblos más afectados antes del fin de semana."
    ),
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_news_paragraphs_get_their_iso_639_1_code(code: str) -> None:
    detected = detect(TEXTS[code])
    assert detected.code == code and detected.confidence >= 0.9


def test_short_french_sentence_and_a_french_article_with_an_english_quote() -> None:
    assert detect_language("La police a arrêté deux hommes près de la gare centrale de Lyon, jeudi soir.") == "fr"
    article = "Incendie à Marseille\n\n" + TEXTS["fr"] + ' Un témoin a dit : "It was terrible." ' + TEXTS["fr"]
    assert detect_language(article) == "fr"


@pytest.mark.parametrize("text", [None, "", "   \n\n ", "2021-05-21", "12,500", "https://example.org/a/b?c=1", "Police said."])
def test_empty_and_too_short_texts_give_none(text: str | None) -> None:
    assert detect_language(text) is None


def test_noise_is_removed_and_a_long_text_is_sampled() -> None:
    assert "http" not in sample("See https://example.org/x and www.example.org, or mail a@b.org, 2021: " + TEXTS["en"])
    huge = TEXTS["de"] * 10_000  # about 1.8 M characters
    assert len(sample(huge)) <= SAMPLE_CHARS + 2
    start = time.perf_counter()
    assert detect_language(huge) == "de"
    detect_language(TEXTS["de"])
    assert time.perf_counter() - start < 5  # a bounded sample, whatever the length (generous: shared CI)


def test_english_at_a_glance_takes_english_only_and_long_enough() -> None:
    from presslens.language import english_at_a_glance

    assert english_at_a_glance(" ".join([TEXTS["en"]] * 3)) and detect_language(" ".join([TEXTS["en"]] * 3)) == "en"
    assert not any(english_at_a_glance(" ".join([TEXTS[code]] * 3)) for code in ("fr", "de", "es", "ar"))
    assert not english_at_a_glance(TEXTS["en"][:80]), "too few words: the model decides"
