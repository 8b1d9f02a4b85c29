"""The compiled gazetteer cache gives back exactly the gazetteer built from the data files."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from rasad.places.gazetteer import (
    DATA_DIR,
    STALE_CACHE_AFTER_S,
    build_builtin,
    gazetteer_fingerprint,
    load_compiled,
    save_compiled,
)
from rasad.places.geoparse import Geoparser


def test_compiled_cache_round_trip_keeps_every_entry_and_index(tmp_path: Path) -> None:
    built = build_builtin()
    path = tmp_path / "g.marshal"
    save_compiled(built, path)
    loaded = load_compiled(path)
    assert loaded is not None
    assert list(loaded.places) == list(built.places)
    assert all(loaded.places[k].to_entry() == p.to_entry() and loaded.places[k].source == p.source
               for k, p in built.places.items())
    assert list(loaded.by_name.items()) == list(built.by_name.items())  # candidate order matters
    assert loaded.by_latin == built.by_latin and loaded.by_ext == built.by_ext
    assert loaded.fa_only == built.fa_only and loaded.cue_only == built.cue_only
    assert loaded.common_words == built.common_words and loaded.clitic_words == built.clitic_words
    # and the geoparser reads a text the same way with either
    text = "قصفت قوات النظام حي الخالدية في حمص وبلدة حرستا بريف دمشق، وسقطت قذائف على القنيطرة."
    from rasad.text.normalize import normalize

    norm = normalize(text).text
    read = [[(m.start, m.end, p.id, role) for m, p, role in Geoparser(g).parse_roles(text, norm, "ar")]
            for g in (built, loaded)]
    assert read[0] == read[1] and len(read[0]) >= 4


def test_cache_is_refused_when_unreadable_or_stale(tmp_path: Path) -> None:
    bad = tmp_path / "bad.marshal"
    bad.write_bytes(b"not a gazetteer")
    assert load_compiled(bad) is None
    assert load_compiled(tmp_path / "missing.marshal") is None
    # a changed data file changes the fingerprint, so an old cache is not picked up
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    assert gazetteer_fingerprint(copy) == gazetteer_fingerprint(DATA_DIR)
    with (copy / "stopwords.yaml").open("a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    assert gazetteer_fingerprint(copy) != gazetteer_fingerprint(DATA_DIR)


def test_compiled_geoparser_reads_as_the_built_one(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    from rasad.places.gazetteer import load_gazetteer
    from rasad.text.normalize import normalize

    g = load_gazetteer()
    path = tmp_path / "geoparser-x.pickle"
    stale, recent = tmp_path / "geoparser-stale.pickle", tmp_path / "geoparser-other-checkout.pickle"
    stale.write_bytes(b"older")
    recent.write_bytes(b"another checkout's, still in use")
    day_old = time.time() - STALE_CACHE_AFTER_S - 60
    os.utime(stale, (day_old, day_old))
    built = Geoparser(g, compiled=path)  # no file yet: builds and keeps it, dropping the day-old other one
    assert path.exists() and not stale.exists() and recent.exists()
    loaded = Geoparser(g, compiled=path)
    assert loaded._automaton is not built._automaton
    assert sorted(loaded._automaton.items()) == sorted(built._automaton.items())
    assert loaded._needs_cue == built._needs_cue and loaded._latin_first_words == built._latin_first_words
    # parse_roles drops a cue-needing name by the identity of the automaton's ids tuple
    assert all(loaded._needs_cue[k] is loaded._automaton.get(k)[2] for k in loaded._needs_cue)
    for text in seed_texts.values():
        norm = normalize(text).text
        read = [[(m.start, m.end, p.id, role) for m, p, role in gp.parse_roles(text, norm, "und")]
                for gp in (built, loaded)]
        assert read[0] == read[1] and read[0]


def test_compiled_geoparser_file_is_refused_when_broken_or_of_another_gazetteer(tmp_path: Path) -> None:
    import copy

    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    path = tmp_path / "geoparser-x.pickle"
    path.write_bytes(b"not a pickle")
    gp = Geoparser(g, compiled=path)  # unreadable: built, and the file written anew
    assert gp._automaton.get("دمشق")[2]
    assert gp._load_compiled(path)
    changed = copy.copy(g)
    changed.version = g.version + 1  # a gazetteer changed since the file was written
    gp.gazetteer = changed
    assert not gp._load_compiled(path)


def test_compiled_geoparser_file_writable_by_others_is_not_read(tmp_path: Path) -> None:
    from rasad.places.gazetteer import load_gazetteer

    path = tmp_path / "geoparser-x.pickle"
    gp = Geoparser(load_gazetteer(), compiled=path)
    assert gp._load_compiled(path)
    path.chmod(0o666)  # unpickling runs code: a file another user may have written is not trusted
    assert not gp._load_compiled(path)


def test_stale_caches_go_only_once_a_day_old(tmp_path: Path) -> None:
    from rasad.places.gazetteer import remove_stale_caches

    keep, old, recent, other = (tmp_path / n for n in ("gazetteer-new.marshal", "gazetteer-old.marshal",
                                                        "gazetteer-other-checkout.marshal", "geoparser-x.pickle"))
    for path in (keep, old, recent, other):
        path.write_bytes(b"x")
    day_old = time.time() - STALE_CACHE_AFTER_S - 60
    for path in (keep, old, other):
        os.utime(path, (day_old, day_old))
    remove_stale_caches(keep, "gazetteer-*.marshal")
    assert keep.exists() and recent.exists() and other.exists() and not old.exists()
