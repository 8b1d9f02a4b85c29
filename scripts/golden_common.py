"""The save/compare machinery the golden-output checks (attribution_golden.py, names_golden.py) share:
the command line, the pickled stage inputs, writing the golden file and reporting each difference."""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def parse_golden_args(description: str) -> argparse.Namespace:
    """``save|compare SHARED OUT [--reprepare]``; OUT is created."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--reprepare", action="store_true", help="re-run the earlier stages even if pickled")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def load_prepared(args: argparse.Namespace, prepare: Callable[[], Any], count: Callable[[Any], int]) -> Any:
    """The pickled stage inputs under ``args.out``: made by ``prepare`` on ``save`` (unless already there
    and no ``--reprepare``), so that other engineers' changes to earlier stages do not move the comparison.
    None (after saying so) when ``compare`` finds nothing saved."""
    prepared = args.out / "prepared.pkl"
    if args.mode == "save" and (args.reprepare or not prepared.exists()):
        t0 = time.perf_counter()
        data = prepare()
        prepared.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"prepared {count(data)} documents in {time.perf_counter() - t0:.1f} s -> {prepared}")
    if not prepared.exists():
        print(f"no {prepared}: run 'save' first", file=sys.stderr)
        return None
    return pickle.loads(prepared.read_bytes())


def diff_values(a: Any, b: Any, path: str, out: list[str], limit: int = 6) -> None:
    """Append to ``out`` (at most ``limit`` entries) each place where JSON values ``a`` and ``b`` differ."""
    if len(out) >= limit or a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            diff_values(a.get(k), b.get(k), f"{path}.{k}", out, limit)
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            diff_values(x, y, f"{path}[{i}]", out, limit)
        return
    out.append(f"{path}:\n    before: {json.dumps(a, ensure_ascii=False)[:400]}\n"
               f"    now:    {json.dumps(b, ensure_ascii=False)[:400]}")


def save_or_compare(mode: str, out: Path, result: list[dict[str, Any]]) -> int:
    """``save``: write ``result`` as the golden file.  ``compare``: report each document (keyed by ``id``)
    that differs from it; exit status 1 when one does."""
    golden = out / "golden.json"
    if mode == "save":
        golden.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        print(f"saved -> {golden}")
        return 0
    before = json.loads(golden.read_text(encoding="utf-8"))
    if len(before) != len(result):
        print(f"document count differs: {len(before)} before, {len(result)} now")
        return 1
    n_diff = 0
    for a, b in zip(before, result, strict=True):
        if a == b:
            continue
        n_diff += 1
        lines: list[str] = []
        diff_values(a, b, a["id"], lines)
        if n_diff <= 15:
            print("\n".join(lines))
    print(f"{n_diff} of {len(result)} documents differ" if n_diff else "identical")
    return 1 if n_diff else 0
