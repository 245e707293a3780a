"""Field-by-field comparison of a predicted event with a gold event.

The rules (also in ``benchmarks/README.md``):

- **Words**: text is NFKC-normalized, quotes and apostrophes unified, case-folded and cut
  into runs of letters and digits; ``word_overlap`` is the size of the intersection of the
  two word sets divided by the size of the smaller set.
- **Date**: right when the predicted ``when.value`` equals the gold ``date.value`` or one of
  ``date.alt_values`` (a gold ``null`` is matched by a predicted ``null``).
- **Place**, lenient (the benchmark): when the gold gives names, right when the predicted
  place's name or country equals one of them; when it gives only a country, right when the
  predicted name or country equals it; when it gives neither, right when nothing is
  predicted. Names compare after normalization, and a name's part before a comma also
  counts ("Washington, D.C." equals "Washington").
- **Place**, strict (golden tests): as lenient, except that with gold names only the
  predicted *name* counts.
- A venue counts as its city too (the Great Hall of the People is in Beijing): the
  predicted place's ``city``, when it has one, is compared like its name.
- **Status**, lenient: compared by class (happened / scheduled, expected / possible,
  invited, proposed / postponed, cancelled). Strict: the status itself must be listed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from ..models import Event, Place, Status
from ..resources import load_words
from .gold import GoldEvent, GoldPlace

STATUS_CLASSES: Mapping[Status, str] = {
    "happened": "happened",
    "scheduled": "scheduled|expected",
    "expected": "scheduled|expected",
    "possible": "possible|invited|proposed",
    "invited": "possible|invited|proposed",
    "proposed": "possible|invited|proposed",
    "postponed": "postponed|cancelled",
    "cancelled": "postponed|cancelled",
}
"""The four status classes the benchmark compares by."""

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold ``text`` for comparison: NFKC, unified quotes, case-folded, single spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", folded).strip()


def words(text: str) -> frozenset[str]:
    """The set of words (letter and digit runs) in ``text``, normalized."""
    return frozenset(_WORD.findall(normalize(text)))


def word_overlap(a: str, b: str) -> float:
    """Shared words over the word count of the shorter text; 0 when either has none."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


@cache
def _stopwords() -> frozenset[str]:
    return load_words("scoring/stopwords.txt")


def content_words(texts: Iterable[str]) -> frozenset[str]:
    """Words of ``texts`` that carry meaning: no function words, no single letters."""
    found: set[str] = set()
    for text in texts:
        found |= {w for w in words(text) if len(w) > 1 and w not in _stopwords()}
    return frozenset(found)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Intersection over union; 0 for two empty sets."""
    return len(a & b) / len(a | b) if a | b else 0.0


def date_right(predicted: Event, gold: GoldEvent) -> bool:
    """Whether the predicted date value is the gold value or one of its alternatives."""
    return predicted.when.value in gold.date.values


def _name_keys(name: str) -> set[str]:
    full = normalize(name)
    keys = {full, full.removeprefix("the ")}
    if "," in full:
        keys.add(full.split(",", 1)[0].strip())
    return keys


def place_right(predicted: Place | None, gold: GoldPlace, *, strict: bool = False) -> bool:
    """Whether the predicted place agrees with the gold place (rules in the module doc)."""
    if not gold.known:
        return predicted is None
    if predicted is None:
        return False
    targets = {key for name in gold.names or gold.countries for key in _name_keys(name)}
    said = _name_keys(predicted.name)
    if predicted.city:
        said |= _name_keys(predicted.city)
    if predicted.country and not (strict and gold.names):
        said |= _name_keys(predicted.country)
    return bool(said & targets)


def status_right(status: Status, gold: GoldEvent, *, strict: bool = False) -> bool:
    """Whether ``status`` is acceptable: listed (strict) or of a listed status's class."""
    if strict:
        return status in gold.statuses
    return STATUS_CLASSES[status] in {STATUS_CLASSES[s] for s in gold.statuses}
