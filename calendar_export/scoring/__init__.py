"""Scoring extracted events against gold annotations.

Used by ``benchmarks/bench_events.py`` (``make bench-events``) and by the golden tests, so
both measure with one yardstick:

- :mod:`.gold` loads gold records (the shared gold format);
- :mod:`.compare` decides whether a date, place or status is right;
- :mod:`.match` pairs predicted with gold events, one to one, greedily by score;
- :mod:`.report` adds up precision, recall, F1, field accuracy and confidence bands;
- :mod:`.golden` is the strict check the golden tests assert, with a readable diff.
"""

from .compare import STATUS_CLASSES, date_right, place_right, status_right, word_overlap
from .gold import (
    GoldArticle,
    GoldDate,
    GoldEvent,
    GoldPlace,
    case_folders,
    load_case,
    load_gold_file,
    load_gold_jsonl,
    parse_gold,
)
from .golden import GoldenDiff, golden_check
from .match import SENTENCE_OVERLAP, ArticleMatch, Pair, match_events
from .report import (
    BANDS,
    Band,
    Summary,
    format_article_rows,
    format_details,
    format_summary,
    summarize,
)

__all__ = [
    "BANDS",
    "SENTENCE_OVERLAP",
    "STATUS_CLASSES",
    "ArticleMatch",
    "Band",
    "GoldArticle",
    "GoldDate",
    "GoldEvent",
    "GoldPlace",
    "GoldenDiff",
    "Pair",
    "Summary",
    "case_folders",
    "date_right",
    "format_article_rows",
    "format_details",
    "format_summary",
    "golden_check",
    "load_case",
    "load_gold_file",
    "load_gold_jsonl",
    "match_events",
    "parse_gold",
    "place_right",
    "status_right",
    "summarize",
    "word_overlap",
]
