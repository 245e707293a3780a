"""Is a text one short phrase typed alone (a calendar search box, "tuesday 7pm")?

Such a phrase has no clause around its expressions to give them a tense, so it is read the
way a scheduling assistant reads it: a day or month named without a year is the next one,
and "latent" forms that running text would make too ambiguous are allowed (a lower-case
"sat", a time "815" after "tonight", "the last 2 days" as the days themselves). A phrase
is short, on one line, and made only of temporal words (the lexicons', and the connectors
of ``data/temporal/phrase_words.tsv``) and numbers: "the first visit in five years" is
not one.
"""

from __future__ import annotations

import re
from functools import cache

from ...resources import load_table
from .lexicon import lead_words, lexicon

# A phrase is at most this many words and characters.
PHRASE_WORDS = 8
PHRASE_CHARS = 80
_TOKEN = re.compile(r"[^\W\d_]+")


@cache
def _vocabulary() -> frozenset[str]:
    lex = lexicon()
    words = {w for phrase in [*lead_words(lex), *lex.holidays] for w in phrase.split()}
    words |= {r["word"] for r in load_table("temporal/phrase_words.tsv", ("word",))}
    return frozenset(words)


def is_phrase(text: str) -> bool:
    """Is ``text`` a short phrase of temporal words only (not running text)?"""
    if len(text) > PHRASE_CHARS * 2:
        return False
    stripped = text.strip()
    if not stripped or len(stripped) > PHRASE_CHARS or "\n" in stripped:
        return False
    if len(stripped.split()) > PHRASE_WORDS:
        return False
    vocabulary = _vocabulary()
    words = _TOKEN.findall(stripped.lower().replace("'s", ""))
    return all(w in vocabulary or (w[-1:] == "s" and w[:-1] in vocabulary) for w in words)
