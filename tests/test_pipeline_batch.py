"""``Pipeline.run_batch`` (stage by stage over a batch) leaves every document as the document-by-document
runner does, and ``analyze_paths`` (which uses it) keeps its bookkeeping: input order, failures, copies."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import islice
from pathlib import Path

from rasad.analyze import analyze_paths
from rasad.ingest import Overrides
from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, Pipeline, StageSpec, build_pipeline
from rasad.store.base import open_store
from tests.conftest import require_shared


def fail_on_marked(doc: Document) -> None:
    """A stage that breaks on documents whose text holds the marker (to test failures inside a batch)."""
    if "@@BREAK@@" in doc.text:
        raise ValueError("marked document")


def _news(n: int) -> list[tuple[str, str]]:
    """(id, text) of real Arabic, Persian and English news articles, read in place."""
    news = require_shared("data", "news")
    out: list[tuple[str, str]] = []
    for name, key in (("saudinewsnet_ar.jsonl", "content"), ("fars_fa_dev.jsonl", "paragraphs")):
        with (news / name).open(encoding="utf-8") as fh:
            for k, line in enumerate(islice(fh, n)):
                value = json.loads(line).get(key) or ""
                text = "\n\n".join(p for p in value if isinstance(p, str)) if isinstance(value, list) else value
                if text.strip():
                    out.append((f"{name}-{k}", text))
    return out


def test_run_batch_leaves_each_document_as_one_by_one() -> None:
    texts = _news(12)
    assert len(texts) >= 20
    one_by_one, batched = build_pipeline(), build_pipeline()
    docs_a = [Document(id=i, text=t) for i, t in texts]
    docs_b = [Document(id=i, text=t) for i, t in texts]
    for doc in docs_a:
        one_by_one(doc)
    assert batched.run_batch(docs_b) == [None] * len(docs_b)
    for a, b in zip(docs_a, docs_b, strict=True):
        assert json.dumps(a.to_dict(), sort_keys=True, default=str) == json.dumps(b.to_dict(), sort_keys=True, default=str)
    assert sum(len(d.events) for d in docs_b) > 0 and all(d.stages_done == one_by_one.names for d in docs_b)
    assert {name: t.calls for name, t in batched.timings.items()} == {s.name: len(docs_b) for s in DEFAULT_STAGES}


def test_run_batch_reports_the_failing_document_and_runs_the_others() -> None:
    specs = (*DEFAULT_STAGES[:3], StageSpec("boom", f"{__name__}:fail_on_marked"), DEFAULT_STAGES[3])
    pipeline = Pipeline(specs)
    docs = [Document(id=str(k), text=t + (" @@BREAK@@" if k == 1 else "")) for k, (_, t) in enumerate(_news(2)[:3])]
    errors = pipeline.run_batch(docs)
    assert errors[0] is None and errors[2] is None and isinstance(errors[1], ValueError)
    assert docs[1].stages_done == ["langid", "normalize", "sentences"]  # the later stages skipped it
    assert docs[0].stages_done == docs[2].stages_done == ["langid", "normalize", "sentences", "boom", "places"]
    assert pipeline.timings["places"].calls == 2


def test_run_batch_document_by_document_stages_skip_a_failed_document() -> None:
    # two stages run document by document (``batched=False``, as attribution and claims): a document that
    # breaks the first of them skips the second, the others go through both
    specs = (*DEFAULT_STAGES[:3], StageSpec("boom", f"{__name__}:fail_on_marked", batched=False),
             replace(DEFAULT_STAGES[3], batched=False))
    pipeline = Pipeline(specs)
    docs = [Document(id=str(k), text=t + (" @@BREAK@@" if k == 1 else "")) for k, (_, t) in enumerate(_news(2)[:3])]
    errors = pipeline.run_batch(docs)
    assert errors[0] is None and errors[2] is None and isinstance(errors[1], ValueError)
    assert docs[1].stages_done == ["langid", "normalize", "sentences"]
    assert docs[0].stages_done == docs[2].stages_done == ["langid", "normalize", "sentences", "boom", "places"]
    assert (pipeline.timings["boom"].calls, pipeline.timings["places"].calls) == (2, 2)


def test_analyze_paths_keeps_input_order_failures_and_copies(tmp_path: Path) -> None:
    texts = [t for _, t in _news(4)][:5]
    folder = tmp_path / "in"
    folder.mkdir()
    # a copy of the first article later in the input, a document that breaks a stage in the middle
    names = []
    for k, text in enumerate([texts[0], texts[1], texts[2] + " @@BREAK@@", texts[0], texts[3]]):
        names.append(f"{k}.txt")
        (folder / names[-1]).write_text(text, encoding="utf-8")
    specs = (*DEFAULT_STAGES[:3], StageSpec("boom", f"{__name__}:fail_on_marked"))
    with open_store(str(tmp_path / "r.db")) as store:
        result = analyze_paths([folder], store, Overrides(), Pipeline(specs), merge=False)
        assert (result.new, result.already_stored, len(result.failed)) == (3, 1, 1)
        assert "stage failed: ValueError: marked document" in result.failed[0].reason
        stored = {store.get_document(i).source_path for i in result.doc_ids}  # type: ignore[union-attr]
        assert [Path(p).name for p in stored] and len(result.doc_ids) == 3
        order = [Path(store.get_document(i).source_path).name for i in result.doc_ids]  # type: ignore[union-attr]
        assert order == ["0.txt", "1.txt", "4.txt"]  # input order; the copy of 0.txt counted as stored
        again = analyze_paths([folder], store, Overrides(), Pipeline(specs), merge=False)
        assert (again.new, again.already_stored, len(again.failed)) == (0, 4, 1)
