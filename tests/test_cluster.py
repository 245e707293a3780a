"""The cluster path: a Dask bag over files on a local cluster gives the local batch's result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from calendar_export.batch import run_batch
from calendar_export.cluster import corpus_bag, list_inputs, run_on_cluster
from calendar_export.readers import read_articles

distributed = pytest.importorskip("distributed")

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A real Dask cluster on this machine: two workers, threads (no extra processes)."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "pages").mkdir(parents=True)
    texts = [s.read_text(encoding="utf-8") for s in sorted(SAMPLES.glob("*.txt"))]
    for part in range(3):
        records = [
            {
                "text": text.split("\n", 1)[1],
                "published": f"2024-0{part + 1}-15",
                "source": f"p{part}-{i}",
            }
            for i, text in enumerate(texts)
        ]
        lines = [json.dumps(r) for r in records]
        lines.insert(1, "{not json")
        (folder / f"part-{part}.jsonl").write_text("\n".join(lines) + "\n")
    for i, text in enumerate(texts):
        (folder / "pages" / f"{i}.txt").write_text(text)
    (folder / "pages" / "empty.txt").write_text("")
    return folder


def test_cluster_gives_the_local_batch_result(tmp_path: Path, client: object) -> None:
    folder = _corpus(tmp_path)
    local = list(run_batch(read_articles(folder)))
    remote = run_on_cluster([folder], client=client)
    assert remote == local
    assert len(remote) == 3 * (len(list(SAMPLES.glob("*.txt"))) + 1) + len(
        list((folder / "pages").iterdir())
    )
    assert sum(o.skipped for o in remote) == 4, "three bad JSON lines and an empty file"


@pytest.mark.slow
def test_cluster_of_two_worker_processes(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        remote = run_on_cluster([folder], client=dask_client)
    assert remote == list(run_batch(read_articles(folder)))


def test_bag_has_a_partition_per_file(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    files = list_inputs([folder])
    assert files == [str(p) for p in read_paths(folder)]
    assert corpus_bag([folder]).npartitions == len(files)


def read_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())
