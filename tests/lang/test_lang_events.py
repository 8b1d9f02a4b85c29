"""The events stage reads a new language's triggers.yaml ``linking`` rules: data only, no code.

Builds on the data-only Turkish of ``test_lang_data.py`` (one actor, ışid) with a one-trigger
triggers.yaml, and runs the events stage on the same Turkish sentence with and without the language's
``linking.passive_auxiliaries``.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.lang.test_lang_data import _TURKISH, _rejected_stderr, _run, _write

_EVENTS = """
    import json
    from rasad.extract.actors import actors_stage
    from rasad.extract.events import extract_events
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    doc = Document.create("ışid mevzileri dün saldırıya uğradı.", lang="tr", meta={"lang_override": "tr"})
    build_pipeline(until="sentences")(doc)
    actors_stage(doc)
    events, _ = extract_events(doc)
    print(json.dumps([[e.sub_event_type, e.actor1.canonical_id if e.actor1 else None,
                       e.actor2.canonical_id if e.actor2 else None] for e in events]))
"""


def _turkish_events(tmp_path: Path, linking: str) -> list[list[str | None]]:
    triggers = """
        # "saldırı" (attack) and its case forms ("saldırıya")
        triggers:
          - rule: attack
            terms: [saldırı*]
    """ + linking
    _write(tmp_path / "tr", {**_TURKISH, "triggers.yaml": triggers})
    proc = _run(_EVENTS, tmp_path)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_new_language_brings_its_own_passive(tmp_path: Path) -> None:
    # "X saldırıya uğradı" (X came under attack): with uğradı listed as a passive auxiliary, the actor
    # opening the clause is what was attacked (actor 2) and the attacker is unnamed
    passive = _turkish_events(tmp_path / "with", """
        linking:
          passive_auxiliaries: [uğradı]
    """)
    assert [e[1:] for e in passive] == [[None, "isis"]]
    # without the rule the same sentence reads ışid as the attacker: the behaviour comes from the data
    active = _turkish_events(tmp_path / "without", "")
    assert [e[1:] for e in active] == [["isis", None]]


def test_a_bad_linking_pattern_names_the_file_and_the_key(tmp_path: Path) -> None:
    stderr = _rejected_stderr(tmp_path, "xx", "triggers.yaml", "linking:\n  exposure_verbs: '(?:unclosed'\n",
                              "rasad.extract.events:linking_rules")
    assert "linking.exposure_verbs" in stderr


def test_shipped_languages_spell_out_every_linking_key() -> None:
    from rasad.extract.events import LINKING_KEYS, linking_rules
    from rasad.lang import has_key

    for lang in ("ar", "fa", "en"):
        assert [k for k in LINKING_KEYS if not has_key(lang, "triggers.yaml", "linking." + k)] == []
        linking_rules(lang)  # every pattern compiles


def test_lang_check_reports_a_bad_linking_pattern(tmp_path: Path) -> None:
    _write(tmp_path / "tr", {**_TURKISH, "triggers.yaml": "triggers: []\nlinking:\n  one_killed: '[unclosed'\n"})
    proc = _run("""
        import json
        from rasad.lang.check import check_languages
        print(json.dumps(check_languages(["tr"])[0].errors))
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    errors = json.loads(proc.stdout.strip().splitlines()[-1])
    assert any("linking.one_killed" in e for e in errors)
