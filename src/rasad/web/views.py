"""View models shared by the HTTP API, the web pages and the self-contained HTML report.

Everything here turns model objects into plain dicts.  Article text is *never* turned into markup here:
highlighted passages are returned as a list of ``{"text", "mark"}`` segments that templates escape and
scripts insert with ``textContent``, so a hostile article cannot inject HTML or script.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from rasad.extract.outlets import display_outlet
from rasad.model import CanonicalEvent, Document, Event, Span

RTL_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "he"})

#: Bounding box (lon_min, lat_min, lon_max, lat_max) of the basemap region: the Levant, Iraq, Turkey, Iran.
BASEMAP_BBOX = (24.0, 24.0, 64.0, 44.0)


def text_direction(lang: str | None) -> str:
    return "rtl" if (lang or "") in RTL_LANGS else "ltr"


def highlight_segments(text: str, base: int, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Split ``text`` (which starts at raw offset ``base``) into plain and highlighted segments.

    ``spans`` are raw-text offsets; overlapping spans are merged, spans outside the text ignored.
    """
    rel = sorted((max(0, s - base), min(len(text), e - base)) for s, e in spans if e > base and s < base + len(text))
    merged: list[list[int]] = []
    for s, e in rel:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[dict[str, Any]] = []
    pos = 0
    for s, e in merged:
        if s > pos:
            out.append({"text": text[pos:s], "mark": False})
        out.append({"text": text[s:e], "mark": True})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "mark": False})
    return out


def event_evidence_spans(event: Event) -> list[tuple[int, int]]:
    """Raw offsets worth highlighting for an event: its trigger and the spans of its structured fields."""
    spans: list[tuple[int, int]] = [(event.trigger.start, event.trigger.end)]
    for ref in (event.actor1, event.actor2, event.location, event.fatalities):
        if ref is not None and ref.start is not None and ref.end is not None:
            spans.append((ref.start, ref.end))
    if event.date is not None and event.date.start_offset is not None and event.date.end_offset is not None:
        spans.append((event.date.start_offset, event.date.end_offset))
    if event.attribution is not None:
        sp = event.attribution.speaker
        if sp.start is not None and sp.end is not None:
            spans.append((sp.start, sp.end))
        if event.attribution.verb_start is not None and event.attribution.verb_end is not None:
            spans.append((event.attribution.verb_start, event.attribution.verb_end))
    spans.extend((s.start, s.end) for s in event.evidence)
    return spans


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def speaker_label(event: Event | None, outlet: str | None) -> str:
    """Who says so, in a few English words: 'SOHR director Rami Abdulrahman (via al-Watan)'."""
    if event is None or event.attribution is None:
        return f"{outlet or 'the outlet'} (own reporting)"
    sp = event.attribution.speaker
    if sp.kind == "outlet":
        return f"{sp.name or outlet or 'the outlet'} (own reporting)"
    who = sp.canonical_name or sp.name or (f"an unnamed {sp.role}" if sp.role else "an unnamed source")
    if sp.role and sp.name:
        who = f"{sp.role} {who}"
    from rasad.extract.speakers import organisation_name

    org = organisation_name(sp.organisation)
    if org and org not in who:
        who = f"{who} ({org})"
    return f"{who}, via {outlet}" if outlet else who


def event_summary(ce: CanonicalEvent) -> dict[str, Any]:
    """Compact record for lists, the map and the timeline."""
    loc = ce.location
    return {
        "id": ce.id,
        "event_type": ce.event_type,
        "sub_event_type": ce.sub_event_type,
        "location": loc.name if loc else None,
        "place_id": loc.place_id if loc else None,
        "admin1": loc.admin1 if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "date_start": ce.date_start.isoformat() if ce.date_start else None,
        "date_end": ce.date_end.isoformat() if ce.date_end else None,
        "date_precision": ce.date_precision,
        "actor1": ce.actor1.name if ce.actor1 else None,
        "actor2": ce.actor2.name if ce.actor2 else None,
        "fatalities_low": ce.fatalities_low,
        "fatalities_best": ce.fatalities_best,
        "fatalities_high": ce.fatalities_high,
        "outcome": ce.outcome,
        "contested_fields": list(ce.contested_fields),
        "n_sources": ce.n_sources,
        "n_independent_sources": ce.n_independent_sources,
        "story_id": ce.story_id,
    }


def _passage(doc: Document, event: Event) -> dict[str, Any]:
    """The evidence of one event: its whole sentence(s), with every field's span highlighted."""
    spans = event_evidence_spans(event)
    lo = min([event.sentence.start] + [s for s, _ in spans])
    hi = max([event.sentence.end] + [e for _, e in spans])
    # extend to whole sentences so the reader sees the context of every highlighted span
    first = doc.sentence_at(lo)
    last = doc.sentence_at(max(lo, hi - 1))
    if first is not None:
        lo = min(lo, first.start)
    if last is not None:
        hi = max(hi, last.end)
    return {
        "event_id": event.id,
        "start": lo,
        "end": hi,
        "dir": text_direction(event.lang if event.lang != "und" else doc.lang),
        "segments": highlight_segments(doc.text[lo:hi], lo, spans),
        "speaker": speaker_label(event, display_outlet(doc.outlet)),
        "polarity": event.polarity,
        "sub_event_type": event.sub_event_type,
        "outcome": event.outcome,
        "trigger": _span_dict(event.trigger),
    }


def source_panel(doc: Document, events: list[Event]) -> dict[str, Any]:
    """One document's telling of a merged event: each of its reports' evidence, in the original language.

    A document may tell one happening several times (the assault, then a denial of its outcome); all of
    them are shown, in text order, in one panel."""
    events = sorted(events, key=lambda e: e.sentence.start)
    passages = [_passage(doc, e) for e in events]
    actor_wording = list(dict.fromkeys(a.text for e in events for a in (e.actor1, e.actor2) if a is not None))
    return {
        "doc_id": doc.id,
        "event_ids": [e.id for e in events],
        "outlet": display_outlet(doc.outlet),
        "title": doc.title,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "lang": doc.lang,
        "dir": text_direction(doc.lang),
        "passages": passages,
        "actor_wording": actor_wording,
        "fatalities": next((e.fatalities.text for e in events if e.fatalities), None),
        "missing": not events,
    }


def comparison_rows(ce: CanonicalEvent) -> list[dict[str, Any]]:
    """Per-field comparison: status, kind, consolidated value and each source's value with its speaker."""
    rows = []
    for comp in ce.comparisons:
        rows.append({
            "field": comp.field,
            "status": comp.status,
            "kind": comp.kind,
            "contested": comp.status == "contradict" or comp.field in ce.contested_fields,
            "updated": comp.status == "update",  # a toll rising across publications, not a dispute
            "consolidated": _plain(comp.consolidated),
            "values": [
                {
                    "value": _plain(v.value),
                    "outlet": v.outlet,
                    "speaker": _speaker_short(v.speaker, v.outlet),
                    "doc_id": v.doc_id,
                    "polarity": v.polarity,
                }
                for v in comp.values
            ],
        })
    return rows


def _speaker_short(speaker: Any, outlet: str | None) -> str:
    """A few words naming who gives a value: the person or body, else the outlet's own reporting."""
    if speaker is None or speaker.kind == "outlet":
        return f"{display_outlet(outlet) or 'the outlet'} (own reporting)"
    who = speaker.canonical_name or speaker.name or (f"an unnamed {speaker.role}" if speaker.role else "a source")
    from rasad.extract.speakers import organisation_name

    org = organisation_name(speaker.organisation)
    return f"{who} ({org})" if org and org not in who else who


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        if value.get("name"):  # PlaceRef / ActorRef: show the canonical name
            return value["name"]
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list):
        return ", ".join(str(_plain(v)) for v in value)
    if hasattr(value, "to_dict"):
        return _plain(value.to_dict())
    return str(value)


@lru_cache(maxsize=1)
def basemap_geojson() -> dict[str, Any]:
    """Country outlines around Syria from the geopip package (shipped in its wheel; no tile server).

    Coordinates are rounded to 0.01 degree to keep pages small; only countries whose centroid lies in
    ``BASEMAP_BBOX`` are kept.
    """
    raw = json.loads((resources.files("geopip") / "globe.geo.json").read_text(encoding="utf-8"))
    lon0, lat0, lon1, lat1 = BASEMAP_BBOX
    feats = []
    for f in raw["features"]:
        p = f["properties"]
        lon, lat = p.get("LON") or 0, p.get("LAT") or 0
        if not (lon0 - 8 <= lon <= lon1 + 8 and lat0 - 8 <= lat <= lat1 + 8):
            continue
        feats.append({
            "type": "Feature",
            "properties": {"iso3": p.get("ISO3"), "name": p.get("NAME")},
            "geometry": {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])},
        })
    return {"type": "FeatureCollection", "bbox": list(BASEMAP_BBOX), "features": feats}


def _round(coords: Any) -> Any:
    if coords and isinstance(coords[0], int | float):
        return [round(coords[0], 2), round(coords[1], 2)]
    return [_round(c) for c in coords]


def safe_json_for_script(data: Any) -> str:
    """JSON that can sit inside a <script> element: '<', '>' and '&' escaped so '</script>' can't break out."""
    return (json.dumps(data, ensure_ascii=False, default=str)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
