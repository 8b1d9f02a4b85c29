"""The cache of parsed language data (``rasad.lang.read_yaml``): a run with unchanged files skips the YAML
parsing, and a linguist's edit is seen by the next run.  Each step is a fresh interpreter, as runs are."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from rasad.lang import LANG_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]

#: prints the top-level keys and the month names of en/dates.yaml as the loader returns them;
#: ``NO_PARSE`` makes YAML parsing fail, so the data can only come from the cache
_CODE = """
    import os, yaml
    if os.environ.get("NO_PARSE"):
        def refuse(*args, **kwargs):
            raise RuntimeError("parsed")
        yaml.load = refuse
    from rasad.lang import load_yaml
    data = load_yaml("en", "dates.yaml")
    print(sorted(data), sorted(data["months"]["gregorian"]))
"""


def _run(lang_path: Path, cache: Path, no_parse: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASAD_LANG_PATH": str(lang_path), "RASAD_CACHE_DIR": str(cache)}
    env.pop("NO_PARSE", None)
    if no_parse:
        env["NO_PARSE"] = "1"
    return subprocess.run([sys.executable, "-c", textwrap.dedent(_CODE)], capture_output=True, text=True,
                          env=env, cwd=REPO_ROOT, timeout=120)


def test_the_parsed_data_is_cached_and_an_edit_is_seen(tmp_path: Path) -> None:
    langs, cache = tmp_path / "langs", tmp_path / "cache"
    (langs / "en").mkdir(parents=True)
    copy = langs / "en" / "dates.yaml"
    shutil.copyfile(LANG_DIR / "en" / "dates.yaml", copy)

    first = _run(langs, cache)
    assert first.returncode == 0, first.stderr
    assert "january" in first.stdout
    assert list(cache.glob("langdata-*.marshal"))
    # unchanged file: served from the cache, the same data
    cached = _run(langs, cache, no_parse=True)
    assert cached.returncode == 0, cached.stderr
    assert cached.stdout == first.stdout

    # a linguist edits the copy: the cache cannot serve it (parsing refused fails) ...
    copy.write_text(copy.read_text(encoding="utf-8") + "\nadded_by_test: [x]\n", encoding="utf-8")
    assert _run(langs, cache, no_parse=True).returncode != 0
    # ... and a normal run parses it and sees the new key
    edited = _run(langs, cache)
    assert edited.returncode == 0, edited.stderr
    assert "added_by_test" in edited.stdout and "added_by_test" not in first.stdout


def test_an_unreadable_cache_file_is_ignored(tmp_path: Path) -> None:
    langs, cache = tmp_path / "langs", tmp_path / "cache"
    (langs / "en").mkdir(parents=True)
    shutil.copyfile(LANG_DIR / "en" / "dates.yaml", langs / "en" / "dates.yaml")
    first = _run(langs, cache)
    assert first.returncode == 0, first.stderr
    for path in cache.glob("langdata-*.marshal"):
        path.write_bytes(b"\x00garbage")
    again = _run(langs, cache)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_a_value_marshal_cannot_hold_is_parsed_each_time(tmp_path: Path) -> None:
    # a YAML timestamp becomes a datetime.date, which the cache cannot keep: the file is simply parsed
    data = tmp_path / "dated.yaml"
    data.write_text("when: 2024-01-31\nwords: [a, b]\n", encoding="utf-8")
    code = f"from rasad.lang import read_yaml; from pathlib import Path; print(read_yaml(Path({str(data)!r})))"
    env = {**os.environ, "RASAD_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO_ROOT,
                           timeout=120) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == "{'when': datetime.date(2024, 1, 31), 'words': ['a', 'b']}"


def test_every_call_gets_its_own_object(tmp_path: Path) -> None:
    # the second call is served from the cache (the first parsed and kept it): a caller that edits what it
    # got must not change what the next caller gets
    from rasad.lang import read_yaml

    data = tmp_path / "words.yaml"
    data.write_text("words: [a, b]\nmap: {x: [1]}\n", encoding="utf-8")
    first = read_yaml(data)
    first["words"].append("edited")
    first["map"]["x"].clear()
    second = read_yaml(data)
    assert second == {"words": ["a", "b"], "map": {"x": [1]}}
    assert second is not first and second["words"] is not first["words"]


def test_a_cache_directory_that_cannot_be_written_costs_only_the_parsing(tmp_path: Path) -> None:
    # RASAD_CACHE_DIR names a regular file: no cache can be read or written there, and the runs still work
    langs, blocked = tmp_path / "langs", tmp_path / "not_a_dir"
    (langs / "en").mkdir(parents=True)
    shutil.copyfile(LANG_DIR / "en" / "dates.yaml", langs / "en" / "dates.yaml")
    blocked.write_text("", encoding="utf-8")
    runs = [_run(langs, blocked) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "january" in run.stdout and not run.stderr
    assert blocked.read_text(encoding="utf-8") == ""
