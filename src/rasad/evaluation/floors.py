"""Score floors: minimum values CI checks, so a change cannot silently lower accuracy.

``eval/floors.json``::

    {"gold": ["eval/gold/seeds.jsonl", ...], "tolerance": 0.02,
     "floors": {"fields.event.f1": 0.41, "by_lang.ar.fields.location.f1": 0.3, "links.pairwise.f1": 0.0}}

Keys are dotted paths into the ``rasad eval --json`` report.  Updating raises floors to the measured
value minus the tolerance; lowering one needs ``allow_lower``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_TOLERANCE = 0.02


def lookup(report: dict[str, Any], key: str) -> float | None:
    node: Any = report
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


def floor_keys(report: dict[str, Any]) -> list[str]:
    """The metrics that get floors: every F1 overall and per language, attribution accuracy on matched
    events overall and per language, and link F1s when available."""
    keys = [f"fields.{name}.f1" for name in report.get("fields", {})]
    if report.get("attribution", {}).get("n"):
        keys += ["attribution.speaker_accuracy", "attribution.outlet_accuracy"]
    for lang, sub in sorted(report.get("by_lang", {}).items()):
        keys += [f"by_lang.{lang}.fields.{name}.f1" for name in sub.get("fields", {})]
        if sub.get("attribution", {}).get("n"):
            keys += [f"by_lang.{lang}.attribution.speaker_accuracy", f"by_lang.{lang}.attribution.outlet_accuracy"]
    if report.get("links", {}).get("available"):
        keys += ["links.pairwise.f1", "links.bcubed.f1"]
    return keys


@dataclass
class FloorFailure:
    key: str
    floor: float
    measured: float | None

    def __str__(self) -> str:
        got = "missing" if self.measured is None else f"{self.measured:.4f}"
        return f"{self.key}: {got} < floor {self.floor:.4f}"


def load_floors(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"gold": [], "tolerance": DEFAULT_TOLERANCE, "floors": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("floors"), dict):
        raise ValueError(f"{path}: expected an object with a \"floors\" object")
    return data


def check_floors(report: dict[str, Any], floors: dict[str, float]) -> list[FloorFailure]:
    """Floors the report falls below (a metric the report lacks fails unless its floor is 0)."""
    failures = []
    for key, floor in sorted(floors.items()):
        value = lookup(report, key)
        if (value is None and floor > 0) or (value is not None and value + 1e-9 < floor):
            failures.append(FloorFailure(key, floor, value))
    return failures


def updated_floors(report: dict[str, Any], floors: dict[str, float], tolerance: float = DEFAULT_TOLERANCE,
                   allow_lower: bool = False) -> tuple[dict[str, float], list[str]]:
    """New floors from a report: measured minus tolerance (rounded down), never lower unless allowed.

    Returns (floors, messages describing each change)."""
    new = dict(floors)
    changes = []
    for key in floor_keys(report):
        value = lookup(report, key)
        if value is None:
            continue
        candidate = max(0.0, math.floor((value - tolerance) * 1000) / 1000)
        old = floors.get(key)
        if old is None or candidate > old or (allow_lower and candidate < old):
            new[key] = candidate
            changes.append(f"{key}: {'new' if old is None else f'{old:.3f}'} -> {candidate:.3f}")
    return new, changes


def save_floors(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {**data, "floors": dict(sorted(data["floors"].items()))}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
