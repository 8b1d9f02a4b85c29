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


def test_every_saved_batch_is_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``_freeze_loaded_data`` after each batch the runner saves (a freeze also zeroes the young count)."""
    for i, text in enumerate(["قتل ثلاثة مدنيين في قصف على مدينة حلب.", "اعتقلت الشرطة خمسة أشخاص في بغداد.",
                              "Three soldiers were killed in Aleppo on Friday."]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    freezes: list[int] = []
    monkeypatch.setattr(analyze, "SAVE_BATCH", 1)
    monkeypatch.setattr(analyze.gc, "freeze", lambda: freezes.append(1))
    with SQLiteStore(tmp_path / "s.db") as store:
        result = analyze.analyze_paths(sorted(tmp_path.glob("*.txt")), store, merge=False)
    assert result.new == 3
    assert len(freezes) == 3


def test_the_stages_make_no_cyclic_garbage(seed_texts: dict[str, str]) -> None:
    """What makes freezing after every batch safe: objects frozen while cyclic garbage would never be freed, and
    the stages make none (their documents and per-document objects are freed by reference counting)."""
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    pipeline = build_pipeline()
    texts = list(seed_texts.values())
    errors = pipeline.run_batch([Document.create(text) for text in texts])  # loads the stages' data
    assert errors == [None] * len(texts)
    gc.collect()
    gc.disable()
    try:
        docs = [Document.create(text) for text in texts]
        assert pipeline.run_batch(docs) == [None] * len(texts)
        assert sum(len(d.mentions) for d in docs) > 10
        del docs
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_failing_stage_leaves_no_cyclic_garbage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage's exception is kept as a rejection's message: its traceback (and that of the exception it was
    raised from) would tie the stages' frames and the list of errors into a cycle, which a freeze after the
    batch would keep for ever in a process that runs ``analyze_paths`` again and again."""
    from rasad.pipeline import build_pipeline

    (tmp_path / "a.txt").write_text("قتل ثلاثة مدنيين في قصف على مدينة حلب اليوم الجمعة.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Three soldiers were killed in Aleppo on Friday.", encoding="utf-8")
    pipeline = build_pipeline()
    name, last_stage = pipeline._fns[-1]

    def failing(doc):  # type: ignore[no-untyped-def]
        if "soldiers" in doc.text:
            try:
                {}["missing"]
            except KeyError as exc:
                raise ValueError("stage crashed") from exc
        return last_stage(doc)

    monkeypatch.setattr(pipeline, "_fns", [*pipeline._fns[:-1], (name, failing)])
    monkeypatch.setattr(analyze.gc, "freeze", lambda: None)  # nothing of the test session is frozen

    def run(db: str) -> analyze.AnalyzeResult:
        with SQLiteStore(tmp_path / db) as store:
            return analyze.analyze_paths(sorted(tmp_path.glob("*.txt")), store, pipeline=pipeline, merge=False)

    run("warm.db")  # the stages' data loaded
    gc.collect()
    gc.disable()
    try:
        result = run("s.db")
        assert result.new == 1 and [r.reason for r in result.failed] == ["stage failed: ValueError: stage crashed"]
        assert gc.collect() == 0
    finally:
        gc.enable()
