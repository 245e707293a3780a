"""Merging weighs a frame only against the clusters it could join (``_Links``): the
clusters it makes are those of weighing it against every cluster of its family."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from calendar_export import parse_article
from calendar_export.models import Article
from calendar_export.pipeline.assemble import analyse
from calendar_export.pipeline.document import make_doc
from calendar_export.pipeline.frames import Frame, build_frames
from calendar_export.pipeline.merge import (
    _KIND_FAMILY,
    Cluster,
    _best_cluster,
    _Facts,
    _fill_roles,
    merge_frames,
)

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"

# Links of every kind: shared people, a named series, definite references near and far,
# a purpose ("travel ... for talks"), an unnamed role filled later, and a headline.
CONSTRUCTED = (
    "Lisbon ministers agree to meet again in Geneva\n\n"
    "Foreign Minister Ana Costa met Secretary of State Mark Reid in Lisbon on Monday. "
    "The talks covered trade. Costa will travel to Geneva in May for talks with Reid. "
    "Its president is expected at the G20 summit in New Delhi in September. "
    "President Lula da Silva said he would attend the G20 summit. "
    + "Officials said nothing else. "
    * 14
    + "The meeting was described as frank. The visit to Geneva may be postponed. "
    "India will host G20 summit talks."  # a series, out of reach of a definite reference
)


def _reference(frames: list[Frame], titles: dict[str, str]) -> list[Cluster]:
    """Merging as it was before the index: every cluster of the frame's family is weighed."""
    clusters: list[Cluster] = []
    facts: list[_Facts] = []
    families: list[set[str]] = []
    for frame in frames:
        family = _KIND_FAMILY[frame.kind]
        candidates = [
            (i, clusters[i], facts[i]) for i in range(len(clusters)) if family in families[i]
        ]
        index = _best_cluster(frame, candidates, titles)
        if index is None:
            index = len(clusters)
            clusters.append(Cluster([frame], list(frame.roles)))
            facts.append(_Facts.of(frame))
            families.append({family})
        else:
            _fill_roles(clusters[index], frame, titles, facts[index])
            clusters[index].frames.append(frame)
            facts[index].add(frame)
        if frame.purpose:
            families[index].add(_KIND_FAMILY[frame.purpose])
    return clusters


def _articles() -> list[Article]:
    found = [parse_article(p.read_bytes(), source=p.name) for p in sorted(SAMPLES.glob("*.txt"))]
    return [*found, Article(text=CONSTRUCTED, published=date(2024, 3, 14))]


@pytest.mark.parametrize("article", _articles(), ids=lambda a: a.source or "constructed")
def test_the_index_makes_the_clusters_weighing_every_cluster_makes(article: Article) -> None:
    doc = analyse(article)
    frames = build_frames(doc)
    titles = {p.name: p.title for p in doc.people if p.title}
    mine = [[id(f) for f in c.frames] for c in merge_frames(frames, titles)]
    theirs = [[id(f) for f in c.frames] for c in _reference(frames, titles)]
    assert mine == theirs
    assert len(mine) < len(frames) or article.source != "constructed"


def test_the_constructed_article_links_mentions_across_sentences() -> None:
    """The constructed article above exercises the links: some cluster has several frames."""
    doc = analyse(Article(text=CONSTRUCTED, published=date(2024, 3, 14)))
    frames = build_frames(doc)
    clusters = merge_frames(frames, {p.name: p.title for p in doc.people if p.title})
    assert any(len({f.sentence for f in c.frames}) >= 2 for c in clusters)
    assert doc.headlines == frozenset({0})


@pytest.mark.parametrize(("words", "headline"), [(12, True), (60, True), (61, False)])
def test_a_long_unpunctuated_first_line_is_body_text_not_a_headline(
    words: int, headline: bool
) -> None:
    first = " ".join(["Ministers"] * words)
    doc = make_doc(Article(text=f"{first}\n\nThe ministers met.", published=date(2024, 1, 1)))
    assert (0 in doc.headlines) is headline
