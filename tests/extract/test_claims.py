"""Claims on the real seed texts: the disputed control of Khalidiya, and event claims."""

from __future__ import annotations

import pytest

from rasad.extract.claims import claims_for_event, claims_stage, fold_place_name
from rasad.model import Document
from rasad.pipeline import build_pipeline


@pytest.fixture(scope="module")
def seed_docs(seed_texts: dict[str, str]) -> dict[str, Document]:
    pipe = build_pipeline()
    outlets = {"000": "Al-Watan", "001": "Persian outlet", "002": "Al Arabiya"}
    return {k: pipe(Document.create(t, outlet=outlets[k])) for k, t in seed_texts.items()}


def _khalidiya_control(doc: Document) -> list:
    """Control claims found in the text about a place the document calls Khalidiya."""
    return [c for c in doc.claims if c.predicate == "control" and c.attrs.get("source") == "text"
            and fold_place_name("الخالدية") in fold_place_name(str(c.attrs.get("place_words")))]


def test_khalidiya_dispute_separate_claims_and_speakers(seed_docs: dict[str, Document]) -> None:
    fa = _khalidiya_control(seed_docs["001"])
    ar_watan = _khalidiya_control(seed_docs["000"])
    ar_arabiya = _khalidiya_control(seed_docs["002"])
    # 001: captured by government forces, per an anonymous Syrian military official
    official = [c for c in fa if c.speaker.kind == "anonymous" and c.speaker.role == "military official"]
    assert official and official[0].value == "captured" and official[0].polarity == "asserts"
    assert official[0].speaker.organisation == "org:sy_military"
    assert official[0].attrs["side"] == "government"
    # ... and the armed groups deny it in the same report
    assert any(c.polarity == "denies" and c.speaker.kind == "unnamed_group" for c in fa)
    # 000: the SNC member denies the capture and says the rebels withdrew
    khalaf = [c for c in ar_watan if c.speaker.canonical_id == "person:khaled_al_khalaf"]
    assert {(c.value, c.polarity) for c in khalaf} >= {("captured", "denies"), ("withdrew", "asserts")}
    assert all(c.speaker.organisation == "org:snc" and c.speaker.role == "member" for c in khalaf)
    # 002: still outside government control, per activists
    holding = [c for c in ar_arabiya if c.value == "holding"]
    assert holding and holding[0].attrs["side"] == "opposition"
    assert holding[0].speaker.role in ("activist", "activists")
    # the same subject key across languages, different values and speakers
    assert {c.subject for c in official + khalaf + holding} == {official[0].subject}
    assert len({c.value for c in official + khalaf + holding}) == 3
    # evidence spans point at the raw text
    for doc, claims in ((seed_docs["001"], fa), (seed_docs["000"], ar_watan)):
        for c in claims:
            assert doc.text[c.evidence.start:c.evidence.end] == c.evidence.text
            assert c.sentence.start <= c.evidence.start < c.sentence.end


def test_goals_and_conditions_are_not_control_claims(seed_docs: dict[str, Document]) -> None:
    # "لاستعادة السيطرة على بلدة خربة غزالة" (000) and "في حال سقوط الخالدية" (002) are not claims
    texts = [c.evidence.text for d in seed_docs.values() for c in d.claims if c.predicate == "control"]
    assert not any("لاستعادة" in t for t in texts)
    assert not any(t == "سقوط" for t in texts)


def test_every_event_has_attributed_event_claim(seed_docs: dict[str, Document]) -> None:
    assert all(doc.events for doc in seed_docs.values())  # each seed reports events: the loop checks something
    for doc in seed_docs.values():
        for ev in doc.events:
            claims = claims_for_event(doc, ev.id)
            preds = {c["predicate"] for c in claims}
            assert {"event", "occurred"} <= preds
            ev_claim = next(c for c in claims if c["predicate"] == "event")
            assert ev_claim["value"] == ev.sub_event_type
            assert ev_claim["speaker"] == ev.attribution.to_dict()["speaker"]
            assert ev_claim["subject"].startswith(f"event:{ev.sub_event_type}@")


def test_control_claims_without_other_stages() -> None:
    # hand-built document: no places/actors/events stages -- the text alone yields the claims
    text = ("Government forces captured the district of Karm al-Zeitoun on Monday, a military source said. "
            "Rebels denied that the army took control of Karm al-Zeitoun.")
    doc = Document.create(text, lang="en", outlet="Reuters")
    build_pipeline(only=["normalize", "sentences"])(doc)
    for s in doc.sentences:
        s.lang = "en"
    claims_stage(doc)
    control = [c for c in doc.claims if c.predicate == "control"]
    assert [(c.value, c.polarity) for c in control] == [("captured", "asserts"), ("captured", "denies")]
    assert control[0].speaker.kind == "anonymous" and control[0].speaker.role == "military source"
    assert control[1].speaker.kind == "unnamed_group" and control[1].speaker.role == "rebels"
    assert control[0].subject == control[1].subject
