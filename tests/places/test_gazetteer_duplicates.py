"""One place, one built-in entry: the duplicates fold (``fold_duplicates``) of the built-in gazetteer."""

from __future__ import annotations

from rasad.places.gazetteer import (
    DUPLICATE_KM,
    duplicate_keys,
    find_duplicates,
    haversine_km,
    load_gazetteer,
)


def test_no_two_syrian_entries_of_one_class_share_a_folded_name_nearby() -> None:
    g = load_gazetteer()
    assert find_duplicates(g) == []
    # the rule itself still sees namesakes further out: it is the fold that left none within DUPLICATE_KM
    assert any(d > DUPLICATE_KM for _, _, d in find_duplicates(g, max_km=50.0))


def test_folded_entries_keep_names_and_old_ids() -> None:
    g = load_gazetteer()
    assert len(g.aliases) >= 5
    for old, new in g.aliases.items():
        assert old not in g.places and g.get(old) is g.places[new]
        assert g.canonical_id(old) == new
    # GeoNames' Kafr Baţnā (a village) and the hand-written Kafr Batna (a town): one entry, all names
    kb = g.get("sy:kafr-batna")
    assert kb is not None and kb.id == "gn:168713" and kb.feature == "town"
    assert {"Kafr Batna", "Kafr Baţnā"} <= set(kb.names["en"]) and "كفربطنا" in kb.names["ar"]
    assert [p.id for p in g.lookup("كفربطنا")] == ["gn:168713"]
    # the Yarmouk camp keeps its city (neighbourhood lookups go through ``parent``)
    assert g.get("sy:dam-yarmouk").parent == "gn:170654"  # type: ignore[union-attr]


def test_namesakes_of_different_cities_stay_apart() -> None:
    g = load_gazetteer()
    homs, aleppo = g.get("sy:homs-khalidiya"), g.get("sy:alp-khalidiya")
    assert homs is not None and aleppo is not None and homs.id != aleppo.id
    assert duplicate_keys(homs) & duplicate_keys(aleppo)
    assert haversine_km(homs.lat, homs.lon, aleppo.lat, aleppo.lon) > DUPLICATE_KM  # type: ignore[arg-type]
    # Qusour of Homs and of Hama: same Arabic name, two neighbourhoods
    assert g.get("sy:homs-qusour") is not g.get("sy:hama-qusour")


class _SavedPlaces:
    """A store holding one place entry saved under an id that the built-in gazetteer has since folded."""

    def __init__(self, entry: dict) -> None:
        self.entry = entry

    def iter_places(self):  # type: ignore[no-untyped-def]
        yield self.entry


def test_a_stored_entry_under_a_folded_id_joins_the_kept_entry() -> None:
    from rasad.places.gazetteer import Gazetteer

    base = load_gazetteer()
    entry = {**base.get("sy:kafr-batna").to_entry(), "id": "sy:kafr-batna",  # type: ignore[union-attr]
             "names": {"en": ["Kafar Batna (imported)"]}, "ext": {"pcode": "C0000"}, "source": "ocha"}
    g = Gazetteer.with_store(_SavedPlaces(entry), base)
    assert "sy:kafr-batna" not in g.places and len(g) == len(base)
    kept = g.places["gn:168713"]
    assert "Kafar Batna (imported)" in kept.names["en"] and kept.ext["pcode"] == "C0000"
    assert g.by_external_id("pcode", "C0000") is kept
