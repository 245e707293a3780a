"""Temporal tagger benchmark on the corpora in ``../shared/bench`` (read-only, not shipped).

Prints, for TempEval-3 platinum (the test set), the TBAQ training set and the annotated part
of MEANTIME, the TempEval-3 Task A scores: relaxed and strict precision/recall/F1 (relaxed =
any character overlap with a gold timex), type and value accuracy over the relaxed-matched
gold timexes (exact string equality) and type/value F1 (relaxed F1 x accuracy), beside the
published HeidelTime rows. Then the Duckling corpus (each phrase resolved against its
reference day, scored at the expected grain) and the tagging speed in MB/s.

    python benchmarks/bench_temporal.py --shared ../shared [--errors 20] [--corpus train]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from calendar_export.models import Timex
from calendar_export.pipeline.temporal import tag_timexes

Doc = dict[str, Any]


@dataclass
class Score:
    """Counts for the TempEval-3 Task A measures."""

    gold: int = 0
    system: int = 0
    sys_matched: int = 0
    gold_matched: int = 0
    sys_strict: int = 0
    gold_strict: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def row(self) -> dict[str, float]:
        """The scores in percent, as the published table names them."""
        p = _pct(self.sys_matched, self.system)
        r = _pct(self.gold_matched, self.gold)
        sp = _pct(self.sys_strict, self.system)
        sr = _pct(self.gold_strict, self.gold)
        f1, sf1 = _f1(p, r), _f1(sp, sr)
        type_acc = _pct(self.type_ok, self.gold_matched)
        value_acc = _pct(self.value_ok, self.gold_matched)
        return {
            "relaxed_p": p,
            "relaxed_r": r,
            "relaxed_f1": f1,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf1,
            "type_accuracy": type_acc,
            "value_accuracy": value_acc,
            "type_f1": f1 * type_acc / 100,
            "value_f1": f1 * value_acc / 100,
        }


def _pct(a: int, b: int) -> float:
    return 100.0 * a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def doc_date(doc: Doc) -> date:
    """The document creation date; one MEANTIME file writes it as DD-MM-YYYY."""
    raw = doc["dct"]
    if len(raw) == 10 and raw[2] == "-" and raw[5] == "-":
        return date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))
    return date.fromisoformat(raw[:10])


def _overlaps(a: Timex, g: Doc) -> bool:
    return a.start < g["end"] and g["start"] < a.end


def score_docs(docs: list[Doc], *, limit_key: str | None = None) -> Score:
    """Tag every document and compare with its gold timexes (TempEval-3 style)."""
    score = Score()
    for doc in docs:
        text = doc["text"]
        gold = doc["timexes"]
        if limit_key:
            text = text[: doc[limit_key]]
            gold = [g for g in gold if g["end"] <= len(text)]
        found = tag_timexes(text, published=doc_date(doc))
        if limit_key:  # MEANTIME: line 2 is the date line, the DCT, which is not scored
            first_nl = text.find("\n")
            dct_line = (first_nl, text.find("\n", first_nl + 1))
            found = [t for t in found if not dct_line[0] < t.start < dct_line[1]]
        score.gold += len(gold)
        score.system += len(found)
        for t in found:
            if any(_overlaps(t, g) for g in gold):
                score.sys_matched += 1
                score.sys_strict += any((t.start, t.end) == (g["start"], g["end"]) for g in gold)
            else:
                score.errors.append(f"FP  {doc['doc_id']} {t.text!r} {t.value} ({t.rule})")
        for g in gold:
            hits = [t for t in found if _overlaps(t, g)]
            if not hits:
                score.errors.append(f"FN  {doc['doc_id']} {g['text']!r} {g['value']}")
                continue
            score.gold_matched += 1
            score.gold_strict += any((t.start, t.end) == (g["start"], g["end"]) for t in hits)
            best = max(hits, key=lambda t: min(t.end, g["end"]) - max(t.start, g["start"]))
            score.type_ok += best.type == g["type"]
            if best.value == g["value"]:
                score.value_ok += 1
            else:
                score.errors.append(
                    f"VAL {doc['doc_id']} {g['text']!r} gold={g['value']} got={best.value} "
                    f"({best.rule}) dct={doc['dct']}"
                )
    return score


# ---- Duckling ------------------------------------------------------------------------

_GRAIN_LEN = {"year": 4, "month": 7, "day": 10, "hour": 13, "minute": 16, "second": 19}


# Duckling writes a part of the day as the hour its interval starts at.
_POD_HOUR = {"MO": "00", "MI": "12", "AF": "12", "EV": "18", "NI": "18"}


def _start_of(value: str, ref: datetime) -> str | None:
    """A TIMEX3 value as the ISO start of its unit, the way Duckling writes it; "now"
    (``PRESENT_REF``) is the reference time."""
    from calendar_export.pipeline.temporal import value_bounds

    if value == "PRESENT_REF":
        return ref.isoformat()

    if len(value) >= 13 and value[10] == "T" and value[11:13] == "24":  # the next midnight
        return (date.fromisoformat(value[:10]) + timedelta(days=1)).isoformat() + "T00:00"
    if len(value) >= 13 and value[10] == "T" and value[11:13].isdigit():
        return value
    if len(value) == 13 and value[10] == "T" and value[11:] in _POD_HOUR:
        return f"{value[:10]}T{_POD_HOUR[value[11:]]}:00"
    first, _last = value_bounds(value)
    if first is None:
        return None
    if "-Q" in value or "-W" in value or "-H" in value:
        return first.isoformat()
    return value[:10] if len(value) >= 10 else first.isoformat()[: len(value)]


def _expected(item: Doc) -> tuple[str, str] | None:
    exp = item["expected"]
    if exp["kind"] == "value":
        return exp["value"], exp["grain"]
    point = exp.get("from") or exp.get("to")
    return (point, exp["grain"]) if point else None


def score_duckling(items: list[Doc]) -> dict[str, Any]:
    """Positives: the longest timex's value at the expected grain; negatives: nothing."""
    pos_ok = pos = neg_ok = neg = 0
    errors = []
    for item in items:
        # The reference time (its wall clock, in its own zone) anchors "in 2 hours".
        ref = datetime.fromisoformat(item["reference"])
        found = tag_timexes(item["phrase"], published=ref)
        if item["expected"] is None:
            neg += 1
            neg_ok += not found
            if found:
                errors.append(f"NEG {item['phrase']!r} -> {[t.value for t in found]}")
            continue
        pos += 1
        want = _expected(item)
        got = max(found, key=lambda t: t.end - t.start) if found else None
        ok = False
        if want and got:
            start = _start_of(got.value, ref)
            cut = 10 if want[1] in ("week", "quarter") else _GRAIN_LEN[want[1]]
            ok = start is not None and len(start) >= cut and start[:cut] == want[0][:cut]
        pos_ok += ok
        if not ok:
            errors.append(
                f"DUK {item['phrase']!r} want={want} got={got.value if got else None} "
                f"({got.rule if got else ''})"
            )
    return {
        "positives": pos,
        "positive_ok": _pct(pos_ok, pos),
        "negatives": neg,
        "negative_ok": _pct(neg_ok, neg),
        "errors": errors,
    }


# ---- speed ---------------------------------------------------------------------------


def speed(docs: list[Doc], *, rounds: int = 5) -> tuple[float, float]:
    """MB/s over the documents' texts (best of ``rounds``) and ms per 4 KB of text."""
    texts = [(d["text"], doc_date(d)) for d in docs]
    size = sum(len(t.encode("utf-8")) for t, _ in texts)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()  # CPU time: other processes on the machine do not count
        for text, dct in texts:
            tag_timexes(text, published=dct)
        best = min(best, time.process_time() - start)
    return size / best / 1e6, best / size * 4096 * 1000


# ---- output --------------------------------------------------------------------------

_COLUMNS = ("relaxed_p", "relaxed_r", "relaxed_f1", "strict_f1", "type_f1", "value_f1")


def _line(name: str, row: dict[str, Any]) -> str:
    cells = " ".join(
        f"{row[c]:>9.2f}" if isinstance(row.get(c), float | int) else f"{'-':>9}" for c in _COLUMNS
    )
    acc = row.get("value_accuracy", row.get("value_accuracy_derived"))
    return f"  {name:<22} {cells} {acc:>9.2f}" if acc is not None else f"  {name:<22} {cells}"


def _header() -> str:
    names = " ".join(f"{c:>9}" for c in (*_COLUMNS, "value_acc"))
    return f"  {'system':<22} {names}"


def _load(path: Path) -> Iterator[Doc]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark whose data is present and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--errors", type=int, default=0, help="print this many errors a corpus")
    parser.add_argument(
        "--corpus", action="append", help="only these: platinum train meantime duckling"
    )
    args = parser.parse_args(argv)
    bench = args.shared / "bench"
    if not bench.is_dir():
        print(f"skipped: {bench} not found (pass --shared DIR)")
        return 0
    wanted = set(args.corpus or ("platinum", "train", "meantime", "duckling", "speed"))
    published = json.loads((bench / "tempeval3_taskA_published.json").read_text())["rows"]
    corpora = [
        ("platinum", "tempeval3_platinum.jsonl", "TempEval-3 platinum (test set)", None),
        ("train", "tempeval3_train.jsonl", "TBAQ training set (development)", None),
        (
            "meantime",
            "meantime_en.jsonl",
            "MEANTIME, annotated part (development)",
            "annotated_end",
        ),
    ]
    for key, file, title, limit in corpora:
        if key not in wanted or not (bench / file).exists():
            continue
        docs = list(_load(bench / file))
        score = score_docs(docs, limit_key=limit)
        print(f"\n{title}: {len(docs)} docs, {score.gold} gold timexes, {score.system} found")
        print(_header())
        print(_line("calendar-export", score.row()))
        if key == "platinum":
            for row in published:
                if row["system"].startswith("HeidelTime-t"):
                    print(_line(row["system"] + " (published)", row))
        for err in score.errors[: args.errors]:
            print("   ", err)
    if "duckling" in wanted and (bench / "duckling_en_time.jsonl").exists():
        res = score_duckling(list(_load(bench / "duckling_en_time.jsonl")))
        print(
            f"\nDuckling EN corpus: {res['positive_ok']:.2f}% of {res['positives']} positive "
            f"phrases right at the expected grain; {res['negative_ok']:.2f}% of "
            f"{res['negatives']} negative phrases give nothing"
        )
        for err in res["errors"][: args.errors]:
            print("   ", err)
    if "speed" in wanted and (bench / "tempeval3_train.jsonl").exists():
        mbs, ms = speed(list(_load(bench / "tempeval3_train.jsonl")))
        print(f"\nSpeed on the TBAQ training text, one core: {mbs:.2f} MB/s ({ms:.3f} ms per 4 KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
