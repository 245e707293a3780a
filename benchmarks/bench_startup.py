"""Start-up: what a cold ``calendar-export`` costs, against a bare spaCy load (issue 14).

Each command runs in a new process, as a user or a shell loop runs it, ``--runs`` times
(5); wall time and peak RSS (of that process, from ``wait4``) are printed as minimum,
median and maximum:

- ``calendar-export extract`` on the reference article (../shared/samples);
- ``python -c "import spacy; spacy.load(<model>)"`` with the model the parse stage
  loads (``pipeline/nlp.py``: ``CALENDAR_EXPORT_SPACY_MODEL``, else the first installed
  default, with the components it leaves out), so that the share that is ours shows:
  **our share** is the extract's median minus the bare load's median when the extract
  loaded spaCy, and the whole median when it did not;
- a cold extract of an article with no candidate event word, ``--help`` and ``schema``,
  each with whether it imported spaCy (one more run under ``python -X importtime``).

Like a user's machine, the runs have our modules' bytecode (compiled first, as pip does at
install) and a compiled-rule cache (``calendar_export.cache``) in a fresh temporary
folder, filled by a first run that is shown on its own ("first run ever"), with the same
extract with the cache off beside it. ``--check`` exits 1 when a target is missed.

    python benchmarks/bench_startup.py            # make bench-startup
    python benchmarks/bench_startup.py --runs 9
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = "samples/blinken-beijing-2023-06-19.txt"
# No event word (meeting, talks, visit, summit, ...): nothing for the parse stage to read.
NO_EVENT_WORD = (
    "date 2024-03-14\n"
    "Rain will fall across the north of the country on Thursday, forecasters said, and "
    "temperatures will stay a little below the average for March until the weekend.\n"
)
TARGETS = {"our share": 0.5, "no event word": 0.7, "--help": 0.7, "schema": 0.7, "rss": 250.0}


@dataclass(frozen=True)
class Runs:
    """The wall times (s) and peak RSS (MB) of one command's runs."""

    name: str
    walls: tuple[float, ...]
    rss: tuple[float, ...]
    cpu: tuple[float, ...]
    spacy: bool | None = None  # imported spaCy (None: not asked)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    def line(self) -> str:
        walls = f"{min(self.walls):6.3f} {self.median:6.3f} {max(self.walls):6.3f}"
        rss = f"{statistics.median(self.rss):6.1f} {max(self.rss):6.1f}"
        spacy = {None: "", True: "yes", False: "no"}[self.spacy]
        cpu = statistics.median(self.cpu)
        return f"  {self.name:<40} {walls}  {cpu:6.3f}   {rss}   {spacy}"


def run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, peak RSS in MB, CPU seconds and standard error of one run."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr}")
    scale = 1 if sys.platform == "darwin" else 1024  # Linux counts KiB
    return wall, usage.ru_maxrss * scale / 1e6, usage.ru_utime + usage.ru_stime, stderr


def measure(
    name: str, command: Sequence[str], env: dict[str, str], runs: int, *, probe: bool = True
) -> Runs:
    """``runs`` timed runs, then (``probe``) one under ``-X importtime`` to see whether
    spaCy was imported (the timed runs are not slowed by it)."""
    walls, rss, cpu = [], [], []
    for _ in range(runs):
        wall, peak, seconds, _ = run_once(command, env)
        walls.append(wall)
        rss.append(peak)
        cpu.append(seconds)
    spacy = None
    if probe:
        *_, stderr = run_once([sys.executable, "-X", "importtime", *command], env)
        spacy = any(line.rstrip().endswith("| spacy") for line in stderr.splitlines())
    return Runs(name, tuple(walls), tuple(rss), tuple(cpu), spacy)


def chosen_model() -> tuple[str, tuple[str, ...]]:
    """The model the parse stage's loader picks, and the components it leaves out."""
    from calendar_export.pipeline import nlp

    names = nlp.model_names()
    found = next((n for n in names if importlib.util.find_spec(n) is not None), None)
    if found is None:
        raise SystemExit(f"no spaCy model installed (tried {', '.join(names)}): {nlp.FIX}")
    return found, nlp.UNUSED


def has_event_word(text: str) -> bool:
    """Whether the extraction finds a candidate event word in ``text``."""
    from calendar_export.api import parse_article
    from calendar_export.pipeline.document import Doc
    from calendar_export.pipeline.sentences import split_sentences
    from calendar_export.pipeline.triggers import find_triggers

    article = parse_article(text)
    doc = Doc(article=article, sentences=split_sentences(article.text))
    find_triggers(doc)
    return bool(doc.triggers)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    reference = args.shared / REFERENCE
    if not reference.exists():
        raise SystemExit(f"no reference article at {reference}; pass --shared")
    assert not has_event_word(NO_EVENT_WORD), "the no-event-word article has one"
    command = Path(sys.executable).parent / "calendar-export"
    if not command.exists():
        raise SystemExit(f"no {command}: run make install")
    import calendar_export

    package = Path(calendar_export.__file__).parent
    compileall.compile_dir(package, quiet=1)  # what pip does at install
    model, unused = chosen_model()
    bare = f"import spacy; spacy.load({model!r}, exclude={list(unused)!r})"

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        quiet = Path(tmp) / "no-event-word.txt"
        quiet.write_text(NO_EVENT_WORD, encoding="utf-8")
        env = dict(os.environ, CALENDAR_EXPORT_CACHE_DIR=str(Path(tmp) / "cache"))
        extract = [str(command), "extract", str(reference)]
        first, first_rss, *_ = run_once(extract, env)  # fills the compiled-rule cache
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"cold processes, {args.runs} runs each; bytecode compiled; spaCy model {model}; "
            f"load average {load} on {os.cpu_count()} cores\n"
            f"  {'':<40} {'wall s: min median max':>20}  {'cpu s':>6}   "
            f"{'RSS MB: med max':>13}   spaCy"
        )
        results = [
            measure("extract, reference article", extract, env, args.runs),
            measure(
                "bare: import spacy; spacy.load(model)",
                [sys.executable, "-c", bare],
                env,
                args.runs,
                probe=False,
            ),
            measure(
                "extract, no event word", [str(command), "extract", str(quiet)], env, args.runs
            ),
            measure("--help", [str(command), "--help"], env, args.runs),
            measure("schema", [str(command), "schema"], env, args.runs),
            measure(
                "extract, reference article, cache off",
                extract,
                env | {"CALENDAR_EXPORT_CACHE_DIR": ""},
                args.runs,
                probe=False,
            ),
        ]
        for result in results:
            print(result.line())
    print(f"  first run ever (empty compiled-rule cache): {first:.3f} s, {first_rss:.1f} MB")
    return report(results, check=args.check)


def report(results: Sequence[Runs], *, check: bool) -> int:
    """Our share and the targets; 1 when ``check`` and a target is missed."""
    extract, bare, quiet, help_, schema = results[:5]
    share = extract.median - (bare.median if extract.spacy else 0.0)
    how = "minus the bare load" if extract.spacy else "all of it: the extract did not load spaCy"
    print(f"our share of a cold extract: {share:.3f} s ({how})")
    peak = max(max(r.rss) for r in (extract, quiet, help_, schema))
    checks = [
        (f"our share {share:.3f} s <= {TARGETS['our share']} s", share <= TARGETS["our share"]),
        *(
            (
                f"{r.name}: {r.median:.3f} s <= {TARGETS[key]} s, no spaCy",
                r.median <= TARGETS[key] and r.spacy is False,
            )
            for key, r in (("no event word", quiet), ("--help", help_), ("schema", schema))
        ),
        (f"peak RSS {peak:.1f} MB <= {TARGETS['rss']:.0f} MB", peak <= TARGETS["rss"]),
    ]
    for text, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {text}")
    return 1 if check and not all(ok for _, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
