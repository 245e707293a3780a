"""Memory of ``calendar-export extract`` on a large JSON Lines corpus (issue 15).

The issue measured 4.6 GB of peak RSS for 200,000 JSONL lines (20 MB): events were held
until the output was written. Extraction now streams, so memory should stay flat: this
writes a corpus of ``--lines`` short articles of our own (about 100 bytes a line, a
meeting in each), runs the installed CLI on it as a user would, and prints the process's
resident memory as it goes (sampled from ``/proc``) and its peak (from ``wait4``).

    python benchmarks/bench_memory.py                 # make bench-memory: 200,000 lines
    python benchmarks/bench_memory.py --lines 20000 --format ics
    python benchmarks/bench_memory.py --feed 100000   # the issue's 100,000-entry RSS feed

Target: the peak after the whole corpus stays within ``--flat`` MB (50) of the peak in the
first quarter of the run, i.e. memory does not grow with the corpus. ``--check`` exits 1
when it does. A measurement, not a test: nothing here runs in ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CITIES = ("Geneva", "Nairobi", "Lisbon", "Ottawa", "Jakarta", "Lima", "Oslo", "Accra", "Hanoi")
WHO = ("Trade ministers", "Health officials", "Finance chiefs", "Water negotiators", "Envoys")
WHAT = ("tariffs", "vaccines", "debt relief", "river rights", "fishing quotas", "a ceasefire")
MONTHS = ("March", "April", "June", "July", "September", "October")


def write_corpus(path: Path, lines: int, seed: int) -> int:
    """``lines`` JSON Lines articles of one sentence each; the bytes written."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            text = (
                f"{rnd.choice(WHO)} will meet in {rnd.choice(CITIES)} on "
                f"{rnd.choice(MONTHS)} {rnd.randint(1, 28)} to discuss {rnd.choice(WHAT)}."
            )
            record = {"text": text, "published": "2024-02-01", "source": f"wire-{n}"}
            out.write(json.dumps(record) + "\n")
    return path.stat().st_size


def write_feed(path: Path, entries: int, seed: int) -> int:
    """An RSS feed of ``entries`` items, each the same kind of one-sentence article."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Wire</title>\n')
        for n in range(entries):
            text = (
                f"{rnd.choice(WHO)} will meet in {rnd.choice(CITIES)} on "
                f"{rnd.choice(MONTHS)} {rnd.randint(1, 28)} to discuss {rnd.choice(WHAT)}."
            )
            out.write(
                f"<item><title>Meeting {n}</title><link>https://wire.invalid/{n}</link>"
                f"<pubDate>Thu, 01 Feb 2024 09:00:00 GMT</pubDate>"
                f"<description>{text}</description></item>\n"
            )
        out.write("</channel></rss>\n")
    return path.stat().st_size


def _rss_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--feed", type=int, metavar="N", help="an RSS feed of N entries instead")
    parser.add_argument("--format", choices=("jsonl", "ics", "json"), default="jsonl")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between samples")
    parser.add_argument("--flat", type=float, default=50.0, help="MB of growth allowed")
    parser.add_argument("--check", action="store_true", help="exit 1 when memory grows")
    args = parser.parse_args(argv)
    cli = Path(sys.executable).with_name("calendar-export")
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        output = Path(tmp) / f"events.{args.format}"
        if args.feed:
            corpus = Path(tmp) / "feed.xml"
            size = write_feed(corpus, args.feed, args.seed)
            print(f"feed: {args.feed:,} entries, {size / 1e6:.1f} MB")
        else:
            corpus = Path(tmp) / "corpus.jsonl"
            size = write_corpus(corpus, args.lines, args.seed)
            print(f"corpus: {args.lines:,} lines, {size / 1e6:.1f} MB")
        command = [str(cli), "extract", str(corpus), "--format", args.format, "-o", str(output)]
        shown = ["calendar-export", "extract", corpus.name, *command[3:5], "-o", output.name]
        print("$", " ".join(shown))
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        samples: list[tuple[float, float]] = []
        done = threading.Event()

        def sample() -> None:
            while not done.wait(args.every):
                rss = _rss_mb(proc.pid)
                if rss is not None:
                    samples.append((time.monotonic() - start, rss))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stderr = proc.stderr.read() if proc.stderr else b""
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        seconds = time.monotonic() - start
        peak = usage.ru_maxrss / 1024  # KiB on Linux
        written = output.stat().st_size if output.exists() else 0
        events = sum(1 for _ in output.open()) if args.format == "jsonl" and written else None
    code = os.waitstatus_to_exitcode(status)
    print(f"exit {code} in {seconds:.0f} s; output {written / 1e6:.1f} MB", end="")
    print(f", {events:,} events" if events is not None else "")
    if code != 0:
        print(stderr.decode(errors="replace")[-2000:], file=sys.stderr)
    if samples:
        step = max(1, len(samples) // 10)
        shown = samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else [])
        print("RSS as it went:", ", ".join(f"{t:.0f}s {r:.0f} MB" for t, r in shown))
    early = max((r for t, r in samples if t <= seconds / 4), default=None)
    print(f"peak RSS {peak:.0f} MB", end="")
    grew = early is not None and peak - early > args.flat
    if early is not None:
        print(f" (peak in the first quarter of the run {early:.0f} MB: {peak - early:+.0f} MB)")
    else:
        print()
    print("target (flat within", f"{args.flat:g} MB):", "MISSED" if grew or code else "met")
    return 1 if args.check and (grew or code) else 0


if __name__ == "__main__":
    sys.exit(main())
