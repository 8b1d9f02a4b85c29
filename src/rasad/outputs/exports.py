"""Exports of canonical events: ACLED-style CSV, UCDP GED-style CSV, JSON and GeoJSON.

The ACLED CSV uses ACLED's column names (so existing analysis scripts read it) plus Rasad's own
columns: UCDP-style fatalities low/best/high, the contested fields, the number of independent
sources and the attributed claims.  Notes are generated in English from the structured fields.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any

from rasad.extract.outlets import display_outlet
from rasad.merge.compare import speaker_label
from rasad.model import DATE_PRECISION_ACLED, CanonicalEvent, Story
from rasad.outputs.notes import describe, event_notes

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities",
    # Rasad's own columns
    "fatalities_low", "fatalities_best", "fatalities_high", "contested_fields", "n_independent_sources",
    "claims",
)

UCDP_COLUMNS: tuple[str, ...] = (
    "id", "year", "type_of_violence", "side_a", "side_b", "dyad_name", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "adm_1", "adm_2",
    "latitude", "longitude", "country", "country_id", "event_clarity", "date_prec", "date_start", "date_end",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low", "number_of_sources",
    "contested_fields",
)

FORMATS = ("csv", "ucdp", "json", "geojson")

#: ISO 3166 numeric codes and English names of the countries the gazetteer covers around Syria.
COUNTRIES: dict[str, tuple[int, str]] = {
    "SYR": (760, "Syria"), "IRQ": (368, "Iraq"), "LBN": (422, "Lebanon"), "JOR": (400, "Jordan"),
    "TUR": (792, "Turkey"), "ISR": (376, "Israel"), "PSE": (275, "Palestine"), "IRN": (364, "Iran"),
    "SAU": (682, "Saudi Arabia"), "EGY": (818, "Egypt"), "YEM": (887, "Yemen"), "RUS": (643, "Russia"),
    "USA": (840, "United States"), "CYP": (196, "Cyprus"), "KWT": (414, "Kuwait"), "QAT": (634, "Qatar"),
    "ARE": (784, "United Arab Emirates"), "BHR": (48, "Bahrain"), "OMN": (512, "Oman"),
    "AFG": (4, "Afghanistan"), "PAK": (586, "Pakistan"), "LBY": (434, "Libya"),
}

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments",
}


@dataclass
class DocMeta:
    """What the exports show about a source document."""

    id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str = "und"


@dataclass
class ExportData:
    events: list[CanonicalEvent]
    stories: list[Story] = field(default_factory=list)
    docs: dict[str, DocMeta] = field(default_factory=dict)


def load_doc_meta(store: Any) -> dict[str, DocMeta]:
    docs = {}
    for row in store.list_documents():
        pub = row.get("published")
        docs[row["id"]] = DocMeta(id=row["id"], outlet=display_outlet(row.get("outlet")), title=row.get("title"),
                                  url=row.get("url"), published=str(pub)[:10] if pub else None,
                                  lang=row.get("lang") or "und")
    return docs


def load_export_data(store: Any) -> ExportData:
    """Canonical events, stories and document metadata from a store."""
    docs = load_doc_meta(store)
    events = sorted(store.iter_canonical_events(), key=lambda c: (c.date_start.isoformat() if c.date_start
                                                                    else "9999", c.id))
    return ExportData(events, list(store.iter_stories()), docs)


def _claims_summary(ce: CanonicalEvent) -> list[dict[str, Any]]:
    """Per field, who says what -- the contested fields first, then outcome and fatalities."""
    out = []
    wanted = [c for c in ce.comparisons if c.status == "contradict" or c.field in ("outcome", "fatalities")]
    for c in wanted:
        for v in c.values:
            out.append({"field": c.field, "value": describe(v.value, c.field), "status": c.status,
                        "outlet": v.outlet, "speaker": speaker_label(v.speaker) if v.speaker else None,
                        "doc_id": v.doc_id, "polarity": v.polarity})
    return out


def acled_row(ce: CanonicalEvent) -> dict[str, Any]:
    loc = ce.location
    iso3 = loc.country if loc else None
    iso_num, country = COUNTRIES.get(iso3 or "", (None, iso3 or ""))
    a1, a2 = ce.actor1, ce.actor2
    assoc = ce.attrs.get("assoc_actors") or {}
    inter1 = a1.inter if a1 else None
    inter2 = a2.inter if a2 else None
    interaction = None
    if inter1 is not None:
        interaction = inter1 * 10 if inter2 is None else min(inter1, inter2) * 10 + max(inter1, inter2)
    acled_fat = ce.attrs.get("fatalities_acled")
    return {
        "event_id_cnty": ce.id,
        "event_date": ce.date_start.isoformat() if ce.date_start else "",
        "year": ce.date_start.year if ce.date_start else "",
        "time_precision": DATE_PRECISION_ACLED.get(ce.date_precision, "") if ce.date_start else "",
        "disorder_type": _DISORDER.get(ce.event_type, ""),
        "event_type": ce.event_type,
        "sub_event_type": ce.sub_event_type,
        "actor1": a1.name if a1 else "",
        "assoc_actor_1": "; ".join(assoc.get("actor1", [])),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": a2.name if a2 else "",
        "assoc_actor_2": "; ".join(assoc.get("actor2", [])),
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction if interaction is not None else "",
        "civilian_targeting": "Civilian targeting" if (inter2 == 7 or ce.event_type ==
                                                       "Violence against civilians") else "",
        "iso": iso_num if iso_num is not None else "",
        "country": country,
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": (loc.admin2 or "") if loc else "",
        "admin3": (loc.admin3 or "") if loc else "",
        "location": loc.name if loc else "",
        "latitude": loc.latitude if loc and loc.latitude is not None else "",
        "longitude": loc.longitude if loc and loc.longitude is not None else "",
        "geo_precision": loc.geo_precision if loc and loc.geo_precision is not None else "",
        "source": "; ".join(ce.attrs.get("outlets") or sorted({r.outlet for r in ce.reports if r.outlet})),
        # ACLED's scale (local/national/international...) needs outlet metadata Rasad does not keep
        "source_scale": "",
        "notes": event_notes(ce),
        "fatalities": acled_fat if acled_fat is not None else (ce.fatalities_low or 0),
        "fatalities_low": ce.fatalities_low if ce.fatalities_low is not None else "",
        "fatalities_best": ce.fatalities_best if ce.fatalities_best is not None else "",
        "fatalities_high": ce.fatalities_high if ce.fatalities_high is not None else "",
        "contested_fields": ";".join(ce.contested_fields),
        "n_independent_sources": ce.n_independent_sources,
        "claims": json.dumps(_claims_summary(ce), ensure_ascii=False),
    }


def _where_prec(ce: CanonicalEvent) -> int:
    """UCDP where_prec: 1 exact place, 2 within ~25 km, 3 second-order admin, 4 first-order, 6 country,
    7 unclear."""
    loc = ce.location
    if loc is None:
        return 7
    if loc.feature == "country":
        return 6
    if loc.feature == "admin1":
        return 4
    if loc.feature in ("admin2", "admin3"):
        return 3
    return 2 if loc.geo_precision == 2 else 1


def _date_prec(ce: CanonicalEvent) -> int | str:
    """UCDP date_prec: 1 exact day, 2 2-6 days, 3 a week, 4 a month, 5 longer."""
    if ce.date_start is None or ce.date_end is None:
        return ""
    days = (ce.date_end - ce.date_start).days + 1
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5


def _type_of_violence(ce: CanonicalEvent) -> int | str:
    """1 state-based, 2 non-state, 3 one-sided (against civilians); blank for non-violent events."""
    if ce.event_type not in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return ""
    inters = [a.inter for a in (ce.actor1, ce.actor2) if a and a.inter is not None]
    if ce.event_type == "Violence against civilians" or 7 in inters:
        return 3
    return 1 if 1 in inters else 2


def ucdp_row(ce: CanonicalEvent, docs: dict[str, DocMeta]) -> dict[str, Any]:
    loc = ce.location
    iso3 = loc.country if loc else None
    iso_num, country = COUNTRIES.get(iso3 or "", (None, iso3 or ""))
    metas = [docs.get(r.doc_id) or DocMeta(r.doc_id, r.outlet) for r in ce.reports]
    metas = list({m.id: m for m in metas}.values())
    side_a = ce.actor1.name if ce.actor1 else ""
    side_b = ce.actor2.name if ce.actor2 else ""
    fat_known = ce.fatalities_best is not None
    originals = sorted({speaker_label(r.speaker) for r in ce.reports if r.speaker and r.speaker.kind != "outlet"})
    return {
        "id": ce.id,
        "year": ce.date_start.year if ce.date_start else "",
        "type_of_violence": _type_of_violence(ce),
        "side_a": side_a, "side_b": side_b,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else side_a or side_b,
        "source_article": "; ".join(m.url or m.id for m in metas),
        "source_office": "; ".join(dict.fromkeys(m.outlet or "" for m in metas if m.outlet)),
        "source_date": "; ".join(m.published or "" for m in metas),
        "source_headline": "; ".join(m.title or "" for m in metas),
        "source_original": "; ".join(originals),
        "where_prec": _where_prec(ce),
        "where_coordinates": f"{loc.name} ({loc.admin1})" if loc and loc.admin1 else (loc.name if loc else ""),
        "adm_1": (loc.admin1 or "") if loc else "",
        "adm_2": (loc.admin2 or "") if loc else "",
        "latitude": loc.latitude if loc and loc.latitude is not None else "",
        "longitude": loc.longitude if loc and loc.longitude is not None else "",
        "country": country,
        "country_id": iso_num if iso_num is not None else "",
        "event_clarity": 2 if ce.contested_fields else 1,
        "date_prec": _date_prec(ce),
        "date_start": ce.date_start.isoformat() if ce.date_start else "",
        "date_end": ce.date_end.isoformat() if ce.date_end else "",
        # Rasad does not split deaths by side: all go to deaths_unknown (civilians when only they were hit)
        "deaths_a": 0 if fat_known else "", "deaths_b": 0 if fat_known else "",
        "deaths_civilians": ce.fatalities_best if fat_known and _type_of_violence(ce) == 3 else (0 if fat_known
                                                                                                 else ""),
        "deaths_unknown": ce.fatalities_best if fat_known and _type_of_violence(ce) != 3 else (0 if fat_known
                                                                                               else ""),
        "best": ce.fatalities_best if fat_known else "",
        "high": ce.fatalities_high if ce.fatalities_high is not None else "",
        "low": ce.fatalities_low if ce.fatalities_low is not None else "",
        "number_of_sources": ce.n_independent_sources,
        "contested_fields": ";".join(ce.contested_fields),
    }


def event_json(ce: CanonicalEvent, docs: dict[str, DocMeta] | None = None) -> dict[str, Any]:
    """One event: the consolidated record, the notes, its reports (with document facts) and the
    per-field values of every source."""
    record = ce.to_dict()
    docs = docs or {}
    for rep in record["reports"]:
        meta = docs.get(rep["doc_id"])
        if meta is not None:
            rep["document"] = {"title": meta.title, "url": meta.url, "published": meta.published,
                               "lang": meta.lang}
    return {"id": ce.id, "notes": event_notes(ce), "acled": {k: v for k, v in acled_row(ce).items()
                                                             if k not in ("notes", "claims")},
            "record": record}


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def geojson(data: ExportData) -> dict[str, Any]:
    features = []
    for ce in data.events:
        loc = ce.location
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        props = {k: v for k, v in acled_row(ce).items() if k not in ("latitude", "longitude")}
        props["claims"] = json.loads(props["claims"])
        props["story_id"] = ce.story_id
        features.append({"type": "Feature", "id": ce.id,
                         "geometry": {"type": "Point", "coordinates": [loc.longitude, loc.latitude]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features,
            "properties": {"generator": "rasad", "n_events": len(data.events),
                           "n_without_coordinates": len(data.events) - len(features)}}


def iter_json_chunks(data: ExportData) -> Iterator[str]:
    """The JSON export, streamed event by event (a large store never sits in memory as one string)."""
    yield ('{"generator": "rasad", "generated": ' + json.dumps(datetime.now(UTC).isoformat(timespec="seconds"))
           + ', "stories": ' + json.dumps([s.to_dict() for s in data.stories], ensure_ascii=False)
           + ', "events": [')
    for k, ce in enumerate(data.events):
        yield ("," if k else "") + "\n" + json.dumps(event_json(ce, data.docs), ensure_ascii=False)
    yield "\n]}\n"


def write_export(data: ExportData, fmt: str, out: IO[str]) -> int:
    """Write ``data`` in ``fmt`` (csv / ucdp / json / geojson); returns the number of events written."""
    if fmt == "csv":
        return _write_csv((acled_row(ce) for ce in data.events), ACLED_COLUMNS, out)
    if fmt == "ucdp":
        return _write_csv((ucdp_row(ce, data.docs) for ce in data.events), UCDP_COLUMNS, out)
    if fmt == "json":
        for chunk in iter_json_chunks(data):
            out.write(chunk)
        return len(data.events)
    if fmt == "geojson":
        doc = geojson(data)
        json.dump(doc, out, ensure_ascii=False)
        out.write("\n")
        return len(doc["features"])
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export_string(data: ExportData, fmt: str) -> str:
    buf = io.StringIO()
    write_export(data, fmt, buf)
    return buf.getvalue()
