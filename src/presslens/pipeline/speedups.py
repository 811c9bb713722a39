"""Exact fast paths for two of spaCy's own components presslens's pipeline runs (issues 11 and 13).

spaCy's ``attribute_ruler`` runs a ``Matcher`` over every token and builds a ``Span`` per match, and its rule
``lemmatizer`` re-derives the lemma of every proper noun, determiner or punctuation mark (its own cache keeps
only the rule-derived lemmas), both in Python. Together they cost about a fifth of spaCy's time on news text.
``speed_up`` gives a loaded pipeline's components the same results faster, without changing what they set:

- the attribute ruler: single-token patterns whose keys are ``ORTH``/``TEXT``, ``LOWER``, ``TAG``, ``DEP``
  or ``IS_SPACE`` with a plain value or ``IN`` are matched from the token's attribute values (what rules a
  combination of values matches is remembered); any other pattern stays with a ``Matcher`` of its own; the
  matches are sorted and applied in the ruler's own order, to the same token (``set_token_attrs``);
- the lemmatizer (rule mode): its ``lemmatize`` remembered by (ORTH, POS, MORPH), which is all a rule lemma
  depends on (tokens without a POS are not remembered: spaCy warns about them each time), and the lists of its
  ``lemma_index`` table answer ``in`` from a set (``IndexList``) instead of scanning 57,000 words.

Each memo is cleared past ``MEMO_MAX`` entries (bounded memory); a ruler given new patterns is recompiled.
``tests/test_speedups.py`` checks every token attribute against the untouched components.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

MEMO_MAX = 50_000  # entries per memo (a few MiB)
KEYS = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "TAG": 2, "DEP": 3, "IS_SPACE": 4}  # key -> column of COLUMNS
COLUMNS = [ORTH, LOWER, TAG, DEP, IS_SPACE]
Check = tuple[str, int, Any]  # (IN, NOT_IN or REGEX, column, the values or the compiled expression)
Match = tuple[int, int, int, int]  # the ruler's own: (rule index, match id, start, end)


def speed_up(nlp: Language) -> None:
    """Give the pipeline's attribute ruler and rule lemmatizer their fast paths (idempotent)."""
    for _, proc in nlp.pipeline:
        if isinstance(proc, AttributeRuler) and not isinstance(proc.match, FastRuler):
            fast = FastRuler(proc)
            proc.match = fast  # type: ignore[method-assign]
            proc.set_annotations = fast.set_annotations  # type: ignore[method-assign]
        elif isinstance(proc, Lemmatizer) and proc.mode == "rule" and not isinstance(proc.lemmatize, MemoLemmas):
            proc.lemmatize = MemoLemmas(proc.lemmatize)  # type: ignore[method-assign]
            index = proc.lookups.get_table("lemma_index", {})
            for key in list(index.keys()):
                if type(index[key]) is list:
                    index[key] = IndexList(index[key])


class IndexList(list):  # type: ignore[type-arg]
    """A list of lemma forms whose ``in`` is a set's: the rule lemmatizer asks ``form in index`` of lists of
    up to 57,000 words (a scan each time) for every new word; same contents, same order, same answers."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        try:
            return item in self._members
        except TypeError:  # unhashable: what a list would answer
            return super().__contains__(item)


def _test(key: str, value: Any) -> list[Check] | None:
    """The checks of one pattern key and value, or None when the fast path does not take them."""
    column = KEYS.get(key.upper()) if isinstance(key, str) else None
    if column is None:
        return None
    if not isinstance(value, dict):
        value = {"IN": [value]}
    checks: list[Check] = []
    for predicate, arg in value.items():
        if predicate == "REGEX" and isinstance(arg, str) and column != 4:
            checks.append((predicate, column, re.compile(arg)))
            continue
        if predicate not in ("IN", "NOT_IN") or not isinstance(arg, list):
            return None
        if column == 4 and all(isinstance(v, bool) for v in arg):
            checks.append((predicate, column, frozenset(int(v) for v in arg)))
        elif column != 4 and all(isinstance(v, str) for v in arg):
            checks.append((predicate, column, frozenset(get_string_id(v) for v in arg)))
        else:
            return None
    return checks


def _token_test(token: dict[str, Any]) -> list[Check] | None:
    """The checks of one token of a pattern (all must pass), or None when the fast path does not take it."""
    if not token or "OP" in token:
        return None
    checks: list[Check] = []
    for key, value in token.items():
        found = _test(key, value)
        if found is None:
            return None
        checks.extend(found)
    return checks


class FastRuler:
    """``AttributeRuler.match`` and ``set_annotations`` with the same matches and the same effect.

    Each distinct token of a pattern is a test (its checks); what tests a token passes, and what single-token
    rules it thereby matches, is remembered per combination of the attribute values the tests read."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.compiled = -1
        self.compile()

    def compile(self) -> None:
        ruler, vocab = self.ruler, self.ruler.vocab
        self.tests: list[list[Check]] = []
        self.single: dict[int, list[tuple[int, int]]] = {}  # test -> (rule index, match id) it completes alone
        self.multi: list[tuple[int, int, list[int]]] = []  # (rule index, match id, tests of its tokens)
        self.rest = Matcher(vocab)  # the patterns the fast path does not take
        ids: dict[str, int] = {}
        for i in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(i))
            tokens = [[_token_test(t) for t in pattern] for pattern in patterns]
            if any(not p or any(c is None for c in p) for p in tokens):
                self.rest.add(str(i), patterns)
                continue
            mid = vocab.strings.add(str(i))
            for checks_of in tokens:
                seq = [ids.setdefault(repr(c), len(ids)) for c in checks_of]
                while len(self.tests) < len(ids):
                    self.tests.append([])
                for t, c in zip(seq, checks_of, strict=True):
                    self.tests[t] = c or []
                if len(seq) == 1:
                    self.single.setdefault(seq[0], []).append((i, mid))
                else:
                    self.multi.append((i, mid, seq))
        used = sorted({col for checks in self.tests for _, col, _ in checks})
        self.columns = [COLUMNS[c] for c in used]  # only the attributes a test reads: the memo stays small
        at = {c: k for k, c in enumerate(used)}
        self.tests = [[(p, at[col], arg) for p, col, arg in checks] for checks in self.tests]
        self.anchors: dict[tuple[int, int], list[int]] = {}  # (column, value) -> tests that need it
        self.always: list[int] = []  # tests with no value they need (NOT_IN and REGEX alone)
        for t, checks in enumerate(self.tests):
            need = [(col, arg) for p, col, arg in checks if p == "IN"]
            if not need:
                self.always.append(t)
                continue
            col, values = min(need, key=lambda n: len(n[1]))
            for v in values:
                self.anchors.setdefault((col, v), []).append(t)
        self.memo: dict[tuple[int, ...], tuple[list[tuple[int, int]], frozenset[int]]] = {}
        self.shared: dict[str, tuple[list[tuple[int, int]], frozenset[int]]] = {}
        self.compiled = len(ruler.attrs)

    def passes(self, values: tuple[int, ...], t: int) -> bool:
        strings = self.ruler.vocab.strings
        for predicate, col, arg in self.tests[t]:
            value = values[col]
            if predicate == "IN":
                if value not in arg:
                    return False
            elif predicate == "NOT_IN":
                if value in arg:
                    return False
            elif arg.search(strings[value]) is None:
                return False
        return True

    def info(self, values: tuple[int, ...]) -> tuple[list[tuple[int, int]], frozenset[int]]:
        """The single-token rules a token with these values matches, in order, and the tests it passes."""
        found = self.memo.get(values)
        if found is None:
            candidates = set(self.always)
            for col, v in enumerate(values):
                candidates.update(self.anchors.get((col, v), ()))
            passed = frozenset(t for t in candidates if self.passes(values, t))
            rules = sorted({r for t in passed for r in self.single.get(t, ())})
            if len(self.memo) >= MEMO_MAX:
                self.memo.clear()
            found = (rules, passed)
            found = self.memo[values] = self.shared.setdefault(repr(found), found)  # one object per outcome
        return found

    def __call__(self, doc: Doc) -> list[Match]:
        if self.compiled != len(self.ruler.attrs):
            self.compile()
        matches: list[Match] = []
        if self.tests and len(doc):
            rows: list[list[int]] = doc.to_array(self.columns).reshape(len(doc), -1).tolist()  # type: ignore[assignment]
            infos = [self.info(tuple(values)) for values in rows]
            for start, (rules, _) in enumerate(infos):
                matches.extend((i, mid, start, start + 1) for i, mid in rules)
            for i, mid, seq in self.multi:
                first, k = seq[0], len(seq)
                starts = {s for s in range(len(infos) - k + 1)
                          if first in infos[s][1] and all(t in infos[s + j][1] for j, t in enumerate(seq) if j)}
                matches.extend((i, mid, s, s + k) for s in sorted(starts))
        if len(self.rest):
            strings = self.ruler.vocab.strings
            matches.extend((int(strings[m_id]), m_id, s, e) for m_id, s, e in self.rest(doc, allow_missing=True))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        """What ``AttributeRuler.set_annotations`` does, without a Span per match."""
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for match in matches:
            i, _, start, end = match
            index = indices[i]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                AttributeRuler.set_annotations(self.ruler, doc, [match])  # raises the ruler's own error
            set_token_attrs(doc[at], attrs[i])


class MemoLemmas:
    """A rule lemmatizer's ``lemmatize``, remembered by (ORTH, POS, MORPH)."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self.lemmatize = lemmatize
        self.memo: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        if not token.pos:
            return self.lemmatize(token)
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        found = self.memo.get(key)
        if found is None:
            found = self.lemmatize(token)
            if len(self.memo) >= MEMO_MAX:
                self.memo.clear()
            self.memo[key] = found
        return found
