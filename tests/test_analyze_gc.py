"""``analyze_paths`` raises the cyclic collector's young threshold while it runs and restores it after,
also when the run fails, and nested/concurrent runs restore the value from before the first one."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from rasad import analyze
from rasad.store.sqlite import SQLiteStore


def test_threshold_raised_during_the_run_and_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("قتل ثلاثة مدنيين في قصف على مدينة حلب اليوم الجمعة.", encoding="utf-8")
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    real = analyze.process_batch

    def spy(docs, pipeline):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return real(docs, pipeline)

    monkeypatch.setattr(analyze, "process_batch", spy)
    with SQLiteStore(tmp_path / "s.db") as store:
        result = analyze.analyze_paths([tmp_path / "a.txt"], store, merge=False)
    assert result.new == 1
    assert seen == [(max(before[0], analyze.ANALYZE_GC_THRESHOLD0), *before[1:])]
    assert gc.get_threshold() == before


def test_threshold_restored_after_a_failure_and_nesting() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), analyze._fewer_collections():
        with analyze._fewer_collections():
            assert gc.get_threshold()[0] >= analyze.ANALYZE_GC_THRESHOLD0
        assert gc.get_threshold()[0] >= analyze.ANALYZE_GC_THRESHOLD0  # the outer run is still going
        raise RuntimeError("stage crashed")
    assert gc.get_threshold() == before
