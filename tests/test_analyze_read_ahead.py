"""``analyze_paths`` asks the store which documents it has a group at a time (``READ_AHEAD``): the same
documents are analysed, skipped and reported, in input order, as with one ``has_document`` per document."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad import analyze
from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.store.sqlite import SQLiteStore

TEXTS = [
    "قتل ثلاثة مدنيين في قصف على مدينة حلب اليوم الجمعة.",
    "اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف إدلب الجنوبي.",
    "Three civilians were killed in shelling on Aleppo on Friday.",
    "درگیری شدید میان نیروهای ارتش و گروه‌های مسلح در حومه حمص.",
    "Protesters gathered in central Beirut on Sunday.",
]


@pytest.mark.parametrize("read_ahead", [1, 2, 32])
def test_stored_documents_skipped_new_ones_analysed_in_input_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_ahead: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "5.txt").write_text(TEXTS[3], encoding="utf-8")  # the same document twice in one run
    (folder / "6.txt").write_bytes(b"")  # rejected: empty
    pipeline = build_pipeline(until="langid")
    analysed: list[str] = []
    real = analyze.process_batch

    def spy(docs: list[Document], pipe):  # type: ignore[no-untyped-def]
        analysed.extend(doc.text for doc in docs)
        return real(docs, pipe)

    with SQLiteStore(tmp_path / "s.db") as store:
        first = analyze.analyze_paths([folder / "1.txt", folder / "3.txt"], store, pipeline=pipeline, merge=False)
        assert first.new == 2
        monkeypatch.setattr(analyze, "process_batch", spy)
        monkeypatch.setattr(analyze, "READ_AHEAD", read_ahead)
        result = analyze.analyze_paths([folder], store, pipeline=pipeline, merge=False)
        assert analysed == [TEXTS[0], TEXTS[2], TEXTS[4]]
        assert (result.new, result.already_stored, len(result.rejections)) == (3, 3, 1)
        assert [store.get_document(i).text for i in result.doc_ids] == TEXTS  # type: ignore[union-attr]
        assert store.count_documents() == 5
