"""The language of an article's body, detected offline (py3langid: langid.py's naive Bayes model over byte
n-grams, 97 languages, bundled in the wheel, no download), as an ISO 639-1 code or None when the text is
too short or too unsure to tell.

Only a bounded sample is classified (``SAMPLE_CHARS`` characters taken from the start, middle and end of the
body), so detection costs the same on a 1 M-character article as on a 5 k one. Digits, URLs, e-mail
addresses and markup leftovers are removed first: they say nothing about the language and pull langid
towards the wrong one on short texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3_000  # characters classified at most
MIN_LETTERS = 30  # fewer letters than this: None (a headline, a number, a byline: too short to tell)
MIN_CONFIDENCE = 0.80  # langid's normalised probability below this: None

# The model's dialect and variety labels, folded into their ISO 639-1 language; other labels that have no
# two-letter code (and ``zxx``, no linguistic content) count towards None.
_MACRO = {"ary": "ar", "arz": "ar", "gug": "gn", "uzs": "uz", "sdh": "ku", "yue": "zh", "wuu": "zh"}
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+|<[^>]{0,200}>|&\w{1,8};|[\d_]+")


@dataclass(frozen=True)
class Detected:
    """What the detector said: ``code`` (ISO 639-1) or None, and its confidence (0 to 1)."""

    code: str | None
    confidence: float


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier with normalised probabilities (loads the bundled model once per process)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _windows(text: str, size: int) -> str:
    """``text`` itself when it has at most ``size`` characters, else its start, middle and end, a third each."""
    if len(text) <= size:
        return text
    third, middle = size // 3, len(text) // 2
    return " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """At most about ``size`` characters of ``text`` without noise, from its start, middle and end."""
    raw = _windows(text, size * 4)  # bounded before the regular expression runs
    return _windows(" ".join(_NOISE.sub(" ", raw).split()), size)


def detect(text: str | None) -> Detected:
    """The language of ``text``, with langid's confidence; code None when it cannot be told."""
    if not text:
        return Detected(None, 0.0)
    chunk = sample(text)
    if sum(ch.isalpha() for ch in chunk) < MIN_LETTERS:
        return Detected(None, 0.0)
    scores: dict[str | None, float] = {}
    for label, probability in _identifier().rank(chunk):
        code = _MACRO.get(label, label if len(label) == 2 else None)
        scores[code] = scores.get(code, 0.0) + float(probability)
    code, confidence = max(scores.items(), key=lambda item: item[1])
    return Detected(code if confidence >= MIN_CONFIDENCE else None, confidence)


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None when it is too short or too unsure to tell."""
    return detect(text).code
