"""``explain_pair`` says why two reports cannot be one happening (scripts/eval_links_diff.py prints it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rasad.merge.core import MergeRecord, explain_pair

_DAY = date(2013, 7, 29).toordinal()


def _report(doc_id: str, event_id: str, **kw: object) -> MergeRecord:
    base = MergeRecord(doc_id, event_id, "Non-state actor overtakes territory", ("SY", "SY.HM", "homs", "khalidiya"),
                       _DAY, _DAY, frozenset({"G", "O"}), True)
    return replace(base, **kw)


def test_two_tellings_of_one_capture_are_compatible() -> None:
    assert explain_pair(_report("d1", "d1:e0"), _report("d2", "d2:e0")) == []


def test_a_planned_capture_is_kept_apart_and_the_reason_names_it() -> None:
    reasons = explain_pair(_report("d1", "d1:e0"), _report("d2", "d2:e3", polarity="planned"))
    assert reasons == ["modality: d2:e3 is planned, it tells no happening of its own"]
    assert "polarity=planned" in _report("d2", "d2:e3", polarity="planned").describe()


def test_other_reasons_are_still_given_beside_the_modality() -> None:
    reasons = explain_pair(_report("d1", "d1:e0", polarity="hypothetical"),
                           _report("d2", "d2:e0", path=("SY", "SY.DI", "damascus", "jobar")))
    assert reasons[0].startswith("modality: d1:e0 is hypothetical")
    assert any(r.startswith("place: not nested") for r in reasons)
