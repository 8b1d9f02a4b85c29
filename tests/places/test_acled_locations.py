"""Event locations on ACLED's English notes against ACLED's own geo-coding, development rows 0-999 of the
shared dev file (scripts/eval_locations_acled.py prints the full report; rows 1000-1999 are held out)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, require_shared

SCRIPTS = Path(REPO_ROOT, "scripts")


def test_acled_location_floors(monkeypatch: pytest.MonkeyPatch) -> None:
    path = require_shared("data", "acled", "acled_syria_2018_dev.csv")
    monkeypatch.syspath_prepend(str(SCRIPTS))  # the script imports its reader from eval_events_acled
    spec = importlib.util.spec_from_file_location("eval_locations_acled", SCRIPTS / "eval_locations_acled.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first = module.evaluate(path, 1000, 0)["first"]["all"]
    assert first["admin1"] >= 0.72
    assert first["km25"] >= 0.54
    assert first["exact"] >= 0.33
    # precision 1 ("exactly here") is claimed for a point more than 10 km off in few notes
    assert first["p1_far"] <= 0.12
