"""Language data: one folder per language (``ar/``, ``fa/``, ``en/``) of YAML/TSV files a linguist can edit.

Adding a language means adding a folder with the same files; no code changes.  Every file kind has a
loader in the module that uses it; this module only finds and reads the files and lists languages.
See docs/language-data.md for the format of each file.

``RASAD_LANG_PATH`` (folders separated like ``PATH``) names further folders holding language folders, read
before the package's own: a linguist can build a new language, or try a changed file, outside the
installed package.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def lang_roots() -> list[Path]:
    """Folders holding language folders: ``RASAD_LANG_PATH`` entries first, then the package's own."""
    extra = os.environ.get("RASAD_LANG_PATH", "")
    return [*(Path(p) for p in extra.split(os.pathsep) if p), LANG_DIR]


def languages() -> list[str]:
    """Languages that have a data folder."""
    return sorted({p.name for root in lang_roots() if root.is_dir() for p in root.iterdir()
                   if p.is_dir() and not p.name.startswith(("_", "."))})


def lang_folder(lang: str) -> Path:
    """The folder of ``lang``'s data: the first root that has one (the package's if none has)."""
    for root in lang_roots():
        if (root / lang).is_dir():
            return root / lang
    return LANG_DIR / lang


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """``languages()`` read once per run, for code that asks per document or sentence."""
    return frozenset(languages())


def data_path(lang: str, name: str) -> Path:
    """``<lang>/<name>`` in the first root that has that file (so one changed file can be tried alone)."""
    for root in lang_roots():
        path = root / lang / name
        if path.exists():
            return path
    return LANG_DIR / lang / name


@lru_cache(maxsize=256)
def load_yaml(lang: str, name: str) -> Any:
    """Parsed YAML file ``lang/<lang>/<name>``; ``None`` if the language has no such file."""
    path = data_path(lang, name)
    if not path.exists():
        return None
    return read_yaml(path)


def read_yaml(path: Path) -> Any:
    """Parsed YAML file at ``path``, with libyaml's safe loader when PyYAML has it (the same data, ~6x
    faster to start a run); for data files outside the per-language folders too."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_SAFE_LOADER)


class LanguageDataError(ValueError):
    """A language data file has a value of the wrong shape; the message names the file and the key."""


@lru_cache(maxsize=1024)
def word_list(lang: str, name: str, key: str, *, normalize: bool = True) -> tuple[str, ...]:
    """The list of words under ``key`` of ``lang/<lang>/<name>``, normalized like the texts they match.

    ``key`` may be dotted (``proclitics.conjunction``) to reach into a mapping.  A missing file or key
    gives ``()`` -- a language without the entry simply finds nothing -- but a key holding anything other
    than a list of strings raises ``LanguageDataError`` naming the file and the key, so a linguist's
    typo (an unquoted ``no`` read as a boolean, a mapping where a list belongs) fails loudly.
    ``normalize=False`` keeps entries as written (affixes and proclitics that are compared with
    already-normalized text).
    """
    value: Any = load_yaml(lang, name)
    for part in key.split("."):
        if value is None:
            return ()
        if not isinstance(value, dict):
            raise LanguageDataError(f"{data_path(lang, name)}: {key}: expected a mapping above {part!r}")
        value = value.get(part)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LanguageDataError(f"{data_path(lang, name)}: {key}: expected a list of words (quote yes/no/on/off), "
                                f"got {value!r}")
    if not normalize:
        return tuple(value)
    from rasad.text.normalize import normalize_term  # imported late: keeps rasad.lang free of import cycles

    return tuple(w for w in map(normalize_term, value) if w)


def has_key(lang: str, name: str, key: str) -> bool:
    """Whether ``lang/<lang>/<name>`` spells out ``key`` (dotted), even as an empty list."""
    value: Any = load_yaml(lang, name)
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True
