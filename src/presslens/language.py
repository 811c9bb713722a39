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


# Words no other language writes this often: when they make a good share of the first words of a body, it is
# English without asking the model (a fraction of a millisecond instead of several; detection runs on every
# article, so this keeps it out of the way of throughput). Everything else goes to the model.
_ENGLISH = frozenset(
    "the of and to that for with said from his her he she they have has were been are this which would not but "
    "who by at it their its".split()
)
GLANCE_WORDS = 40  # fewer words than this: the model decides
GLANCE_SHARE = 0.15


def english_at_a_glance(text: str) -> bool:
    """Whether at least ``GLANCE_SHARE`` of the first 300 words of ``text`` (at least ``GLANCE_WORDS``) are
    English function words."""
    words = text[:2_000].lower().split()[:300]
    if len(words) < GLANCE_WORDS:
        return False
    return sum(w.strip(".,;:!?\"'()“”‘’") in _ENGLISH for w in words) >= GLANCE_SHARE * len(words)


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or None when it is too short or too unsure to tell."""
    if text and english_at_a_glance(text):
        return "en"
    return detect(text).code
