"""Score event extraction against gold annotations (``make bench-events``).

``<shared>/bench/news_dev.jsonl`` is scored by the reference scorer itself
(``<shared>/tools/score_events.py --bands``, the figures the project is judged by). The
reference sample ``<shared>/samples/blinken-beijing-2023-06-19.txt`` and the golden cases
under ``tests/golden`` are scored by :mod:`calendar_export.scoring` (precision, recall,
F1, field accuracy on matched pairs and a table per confidence band); so is news_dev with
``--only``, to look at a few articles.

Examples::

    python benchmarks/bench_events.py --shared ../shared
    python benchmarks/bench_events.py --shared ../shared --show
    python benchmarks/bench_events.py --only dev-07 --show
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from calendar_export import extract_events, parse_article
from calendar_export.scoring import (
    ArticleMatch,
    GoldArticle,
    case_folders,
    format_article_rows,
    format_details,
    format_summary,
    load_case,
    load_gold_file,
    load_gold_jsonl,
    match_events,
    summarize,
)

REPO = Path(__file__).resolve().parent.parent
REFERENCE = "blinken-beijing-2023-06-19"


def score(articles: Iterable[tuple[GoldArticle, str]]) -> list[ArticleMatch]:
    """Extract events from each (gold, text) and match them against the gold."""
    matches = []
    for gold, text in articles:
        predicted = extract_events(text, published=gold.dct, source=gold.doc_id)
        matches.append(match_events(predicted, gold.events, doc_id=gold.doc_id))
    return matches


def news_dev(shared: Path) -> list[tuple[GoldArticle, str]]:
    """The benchmark articles, or nothing when the shared data is absent."""
    path = shared / "bench" / "news_dev.jsonl"
    if not path.is_file():
        click.echo(f"skipped news_dev: {path} not found (pass --shared DIR)", err=True)
        return []
    return [(g, g.text or "") for g in load_gold_jsonl(path)]


def reference(shared: Path) -> list[tuple[GoldArticle, str]]:
    """The reference sample read from its .txt file (header parsed as the CLI does)."""
    txt = shared / "samples" / f"{REFERENCE}.txt"
    gold_path = shared / "samples" / f"{REFERENCE}.gold.json"
    if not (txt.is_file() and gold_path.is_file()):
        click.echo(f"skipped reference sample: {txt} not found", err=True)
        return []
    gold = load_gold_file(gold_path)
    article = parse_article(txt.read_bytes(), published=gold.dct, source=txt.name)
    return [(gold, article.text)]


def golden(root: Path) -> list[tuple[GoldArticle, str]]:
    """The golden cases written for this project (``tests/golden/<case>/``)."""
    return [(gold, article.text) for gold, article in map(load_case, case_folders(root))]


def report(title: str, matches: list[ArticleMatch], *, show: bool) -> None:
    """Print one data set's table, its per-article rows and, with ``show``, the details."""
    if not matches:
        return
    click.echo(format_summary(summarize(matches), title=title))
    click.echo(format_article_rows(matches))
    if show:
        for match in matches:
            details = format_details(match)
            if details:
                click.echo(details)
    click.echo()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="The shared evaluation folder (bench/, samples/).",
)
@click.option("--show", is_flag=True, help="Print each miss, spurious event and wrong field.")
@click.option("--only", default="", help="Score only articles whose doc_id contains this.")
@click.option("--no-golden", is_flag=True, help="Skip the golden cases in tests/golden.")
def main(shared: Path, show: bool, only: str, no_golden: bool) -> None:
    """Score calendar_export.extract_events against gold events.

    \b
    Examples:
      python benchmarks/bench_events.py --shared ../shared
      python benchmarks/bench_events.py --show --only dev-07
    """
    scorer = shared / "tools" / "score_events.py"
    corpus = shared / "bench" / "news_dev.jsonl"
    if not only and scorer.is_file() and corpus.is_file():
        click.echo("news_dev.jsonl, by the reference scorer (tools/score_events.py --bands):")
        flags = ["--bands", *(["--show"] if show else [])]
        subprocess.run([sys.executable, str(scorer), str(corpus), *flags], check=True)
        click.echo()
    sets = [
        ("news_dev.jsonl", news_dev(shared) if only or not scorer.is_file() else []),
        ("reference sample", reference(shared)),
        ("golden cases", [] if no_golden else golden(REPO / "tests" / "golden")),
    ]
    for title, articles in sets:
        chosen = [(g, t) for g, t in articles if only in g.doc_id]
        report(title, score(chosen), show=show)


if __name__ == "__main__":
    sys.exit(main())
