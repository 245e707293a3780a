"""Run the fuzz target for a fixed time and say what it tried and what held.

    python fuzz/run_fuzz.py --seconds 60        # what `make fuzz` runs (FUZZ_SECONDS)

The corpus grows in ``out/fuzz/corpus`` from seeds in ``data/samples`` and the golden
articles; crashes and hangs are written to ``out/fuzz/`` and listed. Exit code 1 when
anything crashed: reproduce with ``python fuzz/fuzz_pipeline.py FILE`` and keep the input
as a regression test in ``tests/hostile/test_hostile_regressions.py``.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "fuzz" / "fuzz_pipeline.py"
OUT = ROOT / "out" / "fuzz"
SEEDS = [ROOT / "data" / "samples", *sorted((ROOT / "tests" / "golden").glob("*/"))]
FINDINGS = ("crash-", "timeout-", "oom-", "leak-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="time budget (default 60)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    args = parser.parse_args(argv)

    corpus = OUT / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    before = {p.name for p in OUT.iterdir() if p.name.startswith(FINDINGS)}
    command = [
        sys.executable, str(TARGET), str(corpus), *(str(s) for s in SEEDS if s.is_dir()),
        f"-max_total_time={args.seconds}", f"-timeout={args.timeout}", "-max_len=8192",
        "-rss_limit_mb=2048", f"-dict={ROOT / 'fuzz' / 'pipeline.dict'}",
        f"-artifact_prefix={OUT}/", "-print_final_stats=1",
    ]  # fmt: skip
    print(f"fuzz: readers (text, HTML, RSS, JSONL) -> extract_events -> to_ics, {args.seconds} s")
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    log = done.stderr
    (OUT / "last-run.log").write_text(log)

    runs = _last_int(r"stat::number_of_executed_units:\s+(\d+)", log)
    cover = _last_int(r"cov: (\d+)", log)
    found = sorted(p for p in OUT.iterdir() if p.name.startswith(FINDINGS) and p.name not in before)
    print(
        f"fuzz: {runs} executions in {elapsed:.0f} s, {cover} coverage edges, "
        f"{sum(1 for _ in corpus.iterdir())} inputs in out/fuzz/corpus"
    )
    print(f"fuzz: crashes and hangs: {len(found)}")
    for path in found:
        where = path.relative_to(ROOT)
        print(f"  {where}  (reproduce: python fuzz/fuzz_pipeline.py {where})")
    if found or done.returncode != 0:
        tail = "\n".join(log.splitlines()[-40:])
        print(f"fuzz: libFuzzer exited with {done.returncode}; last lines:\n{tail}")
        return 1
    return 0


def _last_int(pattern: str, text: str) -> int:
    found = re.findall(pattern, text)
    return int(found[-1]) if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
