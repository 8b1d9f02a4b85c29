"""Validate the language data: every file parses, and every stage's loader accepts every language.

``rasad lang-check`` runs this.  A linguist editing ``lang/<lang>/*.yaml`` gets the file and the problem
(YAML syntax with its line, or the loader's own message) before any analysis runs; a new language folder
is checked the same way.  The check runs the whole document pipeline on a short text with the language
forced, which makes each stage load that language's lexicons through its real loader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rasad.lang import lang_folder, languages
from rasad.model import Document

#: Files every language is expected to have (a stage without its file simply finds nothing).
EXPECTED_FILES = ("actors.yaml", "triggers.yaml", "modality.yaml", "dates.yaml", "numbers.yaml",
                  "reporting.yaml", "speakers.yaml", "outlets.yaml", "claims.yaml", "morphology.yaml",
                  "actor_context.yaml")


@dataclass
class LangReport:
    lang: str
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_files(folder: Path, report: LangReport) -> None:
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_")) or not path.is_file():
            continue
        report.files.append(path.name)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            report.errors.append(f"{path.name}: not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        if path.suffix in (".yaml", ".yml"):
            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f" line {mark.line + 1}" if mark is not None else ""
                report.errors.append(f"{path.name}:{where} YAML error: {getattr(exc, 'problem', exc)}")
                continue
            if data is not None and not isinstance(data, dict):
                report.errors.append(f"{path.name}: the top level must be a mapping, not {type(data).__name__}")
        elif path.suffix == ".json":
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                report.errors.append(f"{path.name}: line {exc.lineno}: JSON error: {exc.msg}")
    report.missing = [name for name in EXPECTED_FILES if name not in report.files]


def _run_stages(lang: str, report: LangReport) -> None:
    from rasad.pipeline import build_pipeline

    # a short text in no particular language: with the language forced, every stage loads `lang`'s data
    doc = Document.create(f"Rasad data check ({lang}). 12 ...", lang=lang, meta={"lang_override": lang})
    try:
        build_pipeline()(doc)
        # loaded only when a word or a mention needs them: compile them here so a bad entry shows
        from rasad.extract.actor_context import actor_context
        from rasad.extract.actors import word_shape
        from rasad.extract.events import linking_rules

        word_shape(lang)
        actor_context(lang)
        linking_rules(lang)
    except Exception as exc:  # noqa: BLE001 - any loader failure is reported against the language
        report.errors.append(f"a stage failed to load {lang}'s data: {type(exc).__name__}: {exc}")


def check_languages(langs: list[str] | None = None) -> list[LangReport]:
    reports = []
    for lang in langs or languages():
        report = LangReport(lang)
        folder = lang_folder(lang)
        if not folder.is_dir():
            report.errors.append(f"no data folder {folder}")
            reports.append(report)
            continue
        _parse_files(folder, report)
        if report.ok:
            _run_stages(lang, report)
        reports.append(report)
    return reports
