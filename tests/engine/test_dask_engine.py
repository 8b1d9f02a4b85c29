"""The Dask engine stores exactly what the single-process run stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.analyze import analyze_paths
from rasad.store.sqlite import SQLiteStore
from tests.conftest import require_shared

pytestmark = pytest.mark.dask


def _snapshot(store: SQLiteStore) -> dict[str, object]:
    """Everything the document stages produced, in a comparable form."""
    docs = {d.id: json.dumps(d.to_dict(), sort_keys=True, ensure_ascii=False) for d in store.iter_documents()}
    events = sorted(json.dumps(e.to_dict(), sort_keys=True, ensure_ascii=False) for e in store.iter_events())
    claims = sorted(json.dumps(c.to_dict(), sort_keys=True, ensure_ascii=False) for c in store.iter_claims())
    canonical = sorted(json.dumps(c.to_dict(), sort_keys=True, ensure_ascii=False)
                       for c in store.iter_canonical_events())
    return {"docs": docs, "events": events, "claims": claims, "canonical": canonical}


def test_dask_run_matches_single_process_run(tmp_path: Path, seeds_dir: Path) -> None:
    pytest.importorskip("dask.distributed")
    from rasad.engine.dask_engine import DaskEngine, analyze_paths_dask

    fars = require_shared("data", "news", "fars_fa_dev.jsonl")
    inputs = [seeds_dir, fars]
    with SQLiteStore(tmp_path / "local.db") as local:
        local_result = analyze_paths(inputs, local)
        expected = _snapshot(local)
    with SQLiteStore(tmp_path / "dask.db") as distributed, DaskEngine(workers=2, batch_size=8) as engine:
        result = analyze_paths_dask(inputs, distributed, engine)
        got = _snapshot(distributed)
        assert result.new == local_result.new > 3
        assert result.doc_ids == local_result.doc_ids
        assert len(result.rejections) == len(local_result.rejections)
        # a second run resumes: nothing new, nothing duplicated
        again = analyze_paths_dask(inputs, distributed, engine)
        assert again.new == 0 and again.already_stored == result.new
        assert _snapshot(distributed) == got
    assert got["docs"].keys() == expected["docs"].keys()
    assert got == expected


def test_dask_workers_read_places_with_the_stores_imported_gazetteer(tmp_path: Path, seeds_dir: Path) -> None:
    """With gazetteer entries imported into the store, the workers read places as the local run does."""
    pytest.importorskip("dask.distributed")
    from rasad.engine.dask_engine import DaskEngine, analyze_paths_dask
    from rasad.places.geoparse import use_builtin_gazetteer
    from rasad.places.importers import import_into_store

    ocha = require_shared("data", "gazetteer", "ocha_syria")
    stores = {}
    try:
        for name in ("local", "dask"):
            stores[name] = SQLiteStore(tmp_path / f"{name}.db")
            _read, _new, _merged, saved = import_into_store(stores[name], "ocha", ocha)
            assert saved > 0
        local_result = analyze_paths([seeds_dir], stores["local"], merge=False)
        with DaskEngine(workers=1, batch_size=2) as engine:
            result = analyze_paths_dask([seeds_dir], stores["dask"], engine, merge=False)
        assert result.new == local_result.new == 3
        assert _snapshot(stores["dask"]) == _snapshot(stores["local"])
    finally:
        for store in stores.values():
            store.close()
        use_builtin_gazetteer()  # later tests of this process read places with the built-in gazetteer
