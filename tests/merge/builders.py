"""Hand-built documents and events, so merge tests do not depend on the extractors.

Place ids use a "t:" prefix that no gazetteer holds, so containment comes from the PlaceRef fields
and coordinates alone (the gazetteer path is tested separately)."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count

from rasad.model import (
    ActorRef,
    Attribution,
    DateRef,
    Document,
    Event,
    PlaceRef,
    Quantity,
    Span,
    Speaker,
)

HOMS = PlaceRef("t:homs", "Homs", "Homs", feature="city", country="SYR", admin1="Homs", admin2="Homs",
                latitude=34.7308, longitude=36.7094, geo_precision=1)
KHALIDIYA = PlaceRef("t:homs-khalidiya", "Khalidiya", "Khalidiya", feature="neighbourhood", country="SYR",
                     admin1="Homs", admin2="Homs", latitude=34.7475, longitude=36.7150, geo_precision=1)
WAER = PlaceRef("t:homs-waer", "Al-Waer", "al-Waer", feature="neighbourhood", country="SYR", admin1="Homs",
                admin2="Homs", latitude=34.7389, longitude=36.6706, geo_precision=1)
HOMS_GOV = PlaceRef("t:admin1-homs", "Homs", "Homs province", feature="admin1", country="SYR", admin1="Homs",
                    latitude=34.73, longitude=36.71, geo_precision=3)
ALEPPO = PlaceRef("t:aleppo", "Aleppo", "Aleppo", feature="city", country="SYR", admin1="Aleppo",
                  admin2="Jebel Saman", latitude=36.2021, longitude=37.1343, geo_precision=1)
KHAN_ASAL = PlaceRef("t:khan-al-asal", "Khan al-Asal", "Khan al-Asal", feature="town", country="SYR",
                     admin1="Aleppo", admin2="Jebel Saman", latitude=36.1731, longitude=37.0364,
                     geo_precision=1)

GOV = ActorRef("sy_gov_forces", "Military Forces of Syria", "regime forces", inter=1, side="government")
REBELS = ActorRef("sy_opposition", "Syrian opposition fighters", "rebels", inter=2, side="opposition")
TERRORISTS = ActorRef("sy_opposition", "Syrian opposition fighters", "terrorist groups", inter=2,
                      side="opposition", label_kind="pejorative")
FSA = ActorRef("fsa", "Free Syrian Army", "Free Syrian Army", inter=2, side="opposition", label_kind="self")
ISIS = ActorRef("isis", "Islamic State", "Daesh", inter=2, side="jihadist")
YPG = ActorRef("ypg", "YPG", "YPG", inter=2, side="kurdish")
CIVILIANS = ActorRef("civilians", "Civilians (Syria)", "civilians", inter=7, side="civilian")

_ids = count()


def speaker(kind: str, name: str | None = None, canonical_id: str | None = None, role: str | None = None,
            chain: list[Speaker] | None = None, outlet: str | None = None) -> Attribution:
    return Attribution(speaker=Speaker(kind=kind, name=name, canonical_id=canonical_id, role=role),
                       outlet=outlet, chain=chain or [])


def day(s: str | None, precision: str = "day") -> DateRef | None:
    if s is None:
        return None
    d = date.fromisoformat(s)
    return DateRef(d, d, precision=precision, text=s)


def event(sub: str, place: PlaceRef | None, when: str | DateRef | None = None, *, actor1: ActorRef | None = None,
          actor2: ActorRef | None = None, killed: Quantity | int | None = None, polarity: str = "asserted",
          outcome: str | None = None, attribution: Attribution | None = None, lang: str = "en") -> Event:
    from rasad.model import SUB_EVENT_TO_TYPE

    if isinstance(killed, int):
        killed = Quantity(killed, killed, killed, text=str(killed))
    n = next(_ids)
    return Event(id=f"tmp:e{n}", doc_id="tmp", event_type=SUB_EVENT_TO_TYPE[sub], sub_event_type=sub,
                 trigger=Span(0, 1, "x"), sentence=Span(0, 1, "x"), lang=lang, actor1=actor1, actor2=actor2,
                 location=place, date=day(when) if isinstance(when, str) or when is None else when,
                 fatalities=killed, polarity=polarity, outcome=outcome, attribution=attribution)


def document(text: str, events: list[Event], outlet: str, published: str | None = None,
             lang: str = "en") -> Document:
    doc = Document.create(text, outlet=outlet, lang=lang,
                          published=datetime.fromisoformat(published) if published else None)
    for k, ev in enumerate(events):
        ev.id = f"{doc.id}:e{k}"
        ev.doc_id = doc.id
        ev.lang = lang
    doc.events = events
    return doc
