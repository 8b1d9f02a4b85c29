"""Language data: one folder per language (``ar/``, ``fa/``, ``en/``) of YAML/TSV files a linguist can edit.

Adding a language means adding a folder with the same files; no code changes.  Every file kind has a
loader in the module that uses it; this module only finds and reads the files and lists languages.
See docs/language-data.md for the format of each file.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def languages() -> list[str]:
    """Languages that have a data folder."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def data_path(lang: str, name: str) -> Path:
    return LANG_DIR / lang / name


@lru_cache(maxsize=256)
def load_yaml(lang: str, name: str) -> Any:
    """Parsed YAML file ``lang/<lang>/<name>``; ``None`` if the language has no such file."""
    path = data_path(lang, name)
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as fh:
        # libyaml's safe loader when PyYAML has it: the same data, ~6x faster to start a run
        return yaml.load(fh, Loader=_SAFE_LOADER)


@lru_cache(maxsize=256)
def load_tsv(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header line; lines starting with '#' are comments."""
    path = data_path(lang, name)
    if not path.exists():
        return ()
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))
