"""Every language's data loads in every stage; broken files are reported with file and line."""

from __future__ import annotations

import shutil

from typer.testing import CliRunner

from rasad.cli import app
from rasad.lang import LANG_DIR, languages
from rasad.lang.check import EXPECTED_FILES, LangReport, _parse_files, check_languages


def test_every_shipped_language_loads_in_every_stage():
    reports = check_languages()
    assert {r.lang for r in reports} == set(languages()) >= {"ar", "fa", "en"}
    for rep in reports:
        assert rep.ok, (rep.lang, rep.errors)
        assert not rep.missing, (rep.lang, rep.missing)


def test_yaml_errors_name_the_file_and_line(tmp_path):
    folder = tmp_path / "xx"
    shutil.copytree(LANG_DIR / "en", folder)
    lines = (folder / "triggers.yaml").read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  - [unclosed, list")
    (folder / "triggers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "modality.yaml").write_text("- just a list\n", encoding="utf-8")
    rep = LangReport("xx")
    _parse_files(folder, rep)
    assert any(e.startswith("triggers.yaml: line") for e in rep.errors), rep.errors
    assert any(e.startswith("modality.yaml: the top level must be a mapping") for e in rep.errors)
    assert set(EXPECTED_FILES) <= set(rep.files)


def test_lang_check_command():
    result = CliRunner().invoke(app, ["lang-check", "fa"])
    assert result.exit_code == 0 and "fa: ok" in result.output
    assert CliRunner().invoke(app, ["lang-check", "zz"]).exit_code == 1
