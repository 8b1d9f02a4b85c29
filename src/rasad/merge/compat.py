"""What makes two reports possibly the same happening: type groups, actor blocs and place paths.

Everything here works on canonical ids (ACLED sub-event types, actor ids/sides, place ids and admin
areas), never on words, so a Persian and an Arabic report of one battle compare the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rasad.extract.actors import ACTOR_REGISTRY
from rasad.model import ACLED_TAXONOMY, PlaceRef
from rasad.places.gazetteer import flat_km

#: Sub-event types that different sources use for one happening.  The battle group is the key case:
#: one side says "captured" (Government regains territory), another "we withdrew on purpose"
#: (Non-violent transfer of territory), a third "still fighting" (Armed clash) -- one battle with a
#: disputed outcome.  Remote weapons are often named differently (barrel bombs from helicopters vs
#: shelling), and a state "arrest" is an opposition "abduction".
TYPE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Armed clash", "Government regains territory", "Non-state actor overtakes territory",
     "Non-violent transfer of territory"),
    ("Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"),
    ("Suicide bomb", "Remote explosive/landmine/IED", "Grenade"),
    ("Arrests", "Abduction/forced disappearance"),
    ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
     "Violent demonstration"),
)

#: Stable small integer per sub-event type (compact records for the merge core).
SUB_EVENT_CODES: dict[str, int] = {
    sub: i for i, sub in enumerate(s for subs in ACLED_TAXONOMY.values() for s in subs)
}
SUB_EVENT_NAMES: list[str] = list(SUB_EVENT_CODES)


#: Type groups that may still be one happening when the reports are precisely dated and at nested
#: places: outlets often disagree on the weapon of one blast ("a bomb exploded" vs "terrorists shelled
#: the city" vs "an air strike"), so remote weapons and explosive devices are one family.  Across
#: the two groups a merge needs a precise date on both sides and no conflicting perpetrators.
TYPE_FAMILIES: tuple[tuple[int, ...], ...] = ((1, 2),)


def _build_group_of(families: bool) -> list[int]:
    group_of = list(range(len(SUB_EVENT_NAMES)))
    family_of = {gi: fam[0] for fam in TYPE_FAMILIES for gi in fam} if families else {}
    for gi, group in enumerate(TYPE_GROUPS):
        for sub in group:
            group_of[SUB_EVENT_CODES[sub]] = 1000 + family_of.get(gi, gi)
    return group_of


#: sub-event code -> group code (type families joined); sub-events outside ``TYPE_GROUPS`` form a
#: group of their own.  Reports in different groups are never one happening.
GROUP_OF: list[int] = _build_group_of(families=True)
#: sub-event code -> its narrow group in ``TYPE_GROUPS`` (families not joined).
SUBGROUP_OF: list[int] = _build_group_of(families=False)

#: Sub-event types that state a territorial outcome (the "outcome" field of a battle).
TERRITORIAL_OUTCOME: dict[str, str] = {
    "Government regains territory": "captured",
    "Non-state actor overtakes territory": "captured",
    "Non-violent transfer of territory": "withdrew",
}


def type_group(sub_event_type: str, narrow: bool = False) -> int:
    code = SUB_EVENT_CODES.get(sub_event_type)
    if code is None:
        return -1
    return SUBGROUP_OF[code] if narrow else GROUP_OF[code]


def types_compatible(a: str, b: str) -> bool:
    return a == b or (type_group(a) == type_group(b) and type_group(a) != -1)


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------

#: Side and English (ACLED-style) name of each canonical actor id, from the extractor's registry: used
#: when an ActorRef has no side, and for values that arrive as a bare id (e.g. claims).
ACTOR_SIDES: dict[str, str] = {actor_id: side for actor_id, (_, _, side, _) in ACTOR_REGISTRY.items()}
ACTOR_NAMES: dict[str, str] = {actor_id: name for actor_id, (name, _, _, _) in ACTOR_REGISTRY.items()}

#: Sides that one party's sources routinely name differently: Syrian state media call every armed
#: opponent "terrorists" (-> sy_opposition) where others say "Nusra"; for matching reports they are
#: one bloc.  Foreign forces are told apart by the actor id itself.
_SIDE_BLOC = {"government": "G", "opposition": "R", "jihadist": "R", "kurdish": "K", "civilian": "C"}


def actor_bloc(canonical_id: str | None, side: str | None) -> str | None:
    """The bloc used to decide whether two reports can be about the same fight (None: unknown)."""
    side = side or (ACTOR_SIDES.get(canonical_id) if canonical_id else None)
    if side in (None, "unknown"):
        return None
    if side == "foreign":
        return f"F:{canonical_id}" if canonical_id else None
    return _SIDE_BLOC.get(side, f"S:{side}")


def blocs_compatible(a: frozenset[str], b: frozenset[str], strict_pairs: bool) -> bool:
    """Two reports' actor blocs can describe one happening.

    Unknown or one-sided actor information never blocks a merge.  Two fully specified pairs must
    share a bloc; in battles (``strict_pairs``) they must be the same pair -- government vs rebels and
    rebels vs Kurds in one town on one day are two fights -- while for strikes and attacks the
    perpetrator is what sources dispute (a responsibility contradiction, not two events).
    """
    if not a or not b:
        return True
    if len(a) < 2 or len(b) < 2:
        return not strict_pairs or bool(a & b)
    if strict_pairs:
        return a == b
    return bool(a & b)


# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------

_ADMIN_FEATURES = {"country": 0, "admin1": 1, "admin2": 2, "admin3": 3}
#: Features that may contain neighbourhoods and landmarks.
_SETTLEMENTS = {"city", "town"}
_INSIDE_SETTLEMENT = {"neighbourhood", "neighborhood", "landmark", "district", "quarter", "camp"}
#: How far a neighbourhood centroid may lie from its city's centroid (km).
NEIGHBOURHOOD_RADIUS_KM = 8.0


#: How a place path's key names an area rather than a place: a country (``c:``) or an admin level
#: (``a1:`` .. ``a3:``); ``PlacePaths.path`` ends a path with ``p:`` when it reaches an actual place.
AREA_KEY_PREFIXES = ("a1:", "a2:", "a3:", "c:")


@dataclass
class PlacePaths:
    """Turns PlaceRefs into containment paths ``(country, admin1, admin2, admin3, [city], place)``.

    One place is inside another when its path starts with the other's path.  The admin hierarchy
    comes from the PlaceRef fields (filled by the geoparser from the gazetteer); a neighbourhood or
    landmark is placed inside the nearest city/town seen in the corpus within
    ``NEIGHBOURHOOD_RADIUS_KM`` in the same admin1, since admin areas alone do not say that
    Khalidiya is part of the city of Homs.
    """

    settlements: dict[str, list[tuple[str, float, float]]] = field(default_factory=dict)
    use_gazetteer: bool = True
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _refs: dict[str, PlaceRef] = field(default_factory=dict)
    _gazetteer: Any = None

    def learn(self, places: Iterable[PlaceRef]) -> None:
        """Register the cities/towns of a corpus so neighbourhoods can find their parent."""
        for p in places:
            if (p.feature in _SETTLEMENTS and p.place_id and p.place_id not in self._refs
                    and p.latitude is not None and p.longitude is not None):
                self.settlements.setdefault(p.admin1 or "", []).append((p.place_id, p.latitude, p.longitude))
                self._refs[p.place_id] = p
        self._cache.clear()

    def path(self, p: PlaceRef | None) -> tuple[str, ...]:
        if p is None:
            return ()
        key = p.place_id or f"name:{p.name}"
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        level = _ADMIN_FEATURES.get(p.feature or "", 99)
        parent = self._parent_ref(p) if p.feature in _INSIDE_SETTLEMENT else None
        if parent is not None:
            # inside a city: the city's own path, so "Homs" and "Khalidiya, Homs" always nest even when
            # the two gazetteer entries fill their admin fields to different depths
            path = (*self.path(parent), f"p:{key}")
        else:
            country = p.country or "?"
            parts: list[str] = [f"c:{country}"]
            admin_prefix = country
            for depth, name in ((1, p.admin1), (2, p.admin2), (3, p.admin3)):
                if depth > level or not name:
                    break
                admin_prefix = f"{admin_prefix}|{name}"
                parts.append(f"a{depth}:{admin_prefix}")
            if level == 99:
                parts.append(f"p:{key}")
            if not p.country:
                # a country without its code, or an area in no one country ("the Middle East", "the Gulf"):
                # a path of its own, like a country's, so that it is no place to link reports at
                parts = [f"p:{key}"]
            path = tuple(parts)
        self._cache[key] = path
        return path

    def _parent_ref(self, p: PlaceRef) -> PlaceRef | None:
        pid = self._parent_settlement(p)
        if pid is None or pid == p.place_id:
            return None
        ref = self._refs.get(pid)
        if ref is None and self._gazetteer is not None:
            g = self._gazetteer.get(pid)
            if g is not None:
                ref = PlaceRef(place_id=g.id, name=g.name, text=g.name, feature=g.feature, country=g.country,
                               admin1=g.admin1, admin2=g.admin2, admin3=g.admin3, latitude=g.lat,
                               longitude=g.lon)
                self._refs[pid] = ref
        if ref is None or ref.feature in _INSIDE_SETTLEMENT:
            return None
        return ref

    def _gazetteer_parent(self, place_id: str | None) -> str | None:
        """The enclosing city the gazetteer records for a neighbourhood (None when unknown)."""
        if not self.use_gazetteer or not place_id:
            return None
        if self._gazetteer is None:
            try:
                from rasad.places.gazetteer import load_gazetteer

                self._gazetteer = load_gazetteer()
            except Exception:  # gazetteer data missing or broken: fall back to coordinates
                self.use_gazetteer = False
                return None
        place = self._gazetteer.get(place_id)
        return getattr(place, "parent", None) if place is not None else None

    def _parent_settlement(self, p: PlaceRef) -> str | None:
        parent = self._gazetteer_parent(p.place_id)
        if parent:
            return parent
        if p.latitude is None or p.longitude is None:
            return None
        best: tuple[float, str] | None = None
        for pid, lat, lon in self.settlements.get(p.admin1 or "", []):
            if pid == p.place_id:
                continue
            d = flat_km(p.latitude, p.longitude, lat, lon)
            if d <= NEIGHBOURHOOD_RADIUS_KM and (best is None or d < best[0]):
                best = (d, pid)
        return best[1] if best else None


def nested(a: tuple, b: tuple) -> bool:
    """One containment path is a prefix of the other (same place, or one inside the other)."""
    if len(a) > len(b):
        a, b = b, a
    return b[: len(a)] == a
