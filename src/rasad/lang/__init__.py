"""Language data: one folder per language (``ar/``, ``fa/``, ``en/``) of YAML/TSV files a linguist can edit.

Adding a language means adding a folder with the same files; no code changes.  Every file kind has a
loader in the module that uses it; this module only finds and reads the files and lists languages.
See docs/language-data.md for the format of each file.

``RASAD_LANG_PATH`` (folders separated like ``PATH``) names further folders holding language folders, read
before the package's own: a linguist can build a new language, or try a changed file, outside the
installed package.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

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
    faster to start a run); for data files outside the per-language folders too.

    The parsed value is kept in the language-data cache (``_YamlCache``) under a digest of the file's
    bytes, so a run whose files are unchanged skips the parsing (~0.05 CPU-s of a run's start for the ~30
    files the stages read), and a linguist's edit is seen at once: the edited bytes have another digest.
    Every call returns a fresh object, as parsing does."""
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    cached = _YAML_CACHE.get(digest)
    if cached is not None:
        return cached[0]
    value = yaml.load(raw.decode("utf-8"), Loader=_SAFE_LOADER)
    _YAML_CACHE.put(digest, value)
    return value


def default_cache_dir() -> Path:
    """``$RASAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/rasad``, else ``~/.cache/rasad``: the one directory of
    every cache (this module's parsed language data, the gazetteer's and the geoparser's compiled forms).
    Defined here, where nothing reads language data on import, so the gazetteer's module can share it."""
    if os.environ.get("RASAD_CACHE_DIR"):
        return Path(os.environ["RASAD_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rasad"


def write_cache_file(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a cache file atomically: ``write`` fills a temporary file in ``path``'s folder (created when
    missing; ``mkstemp`` makes it readable by its owner only), which then replaces ``path``.  A failure leaves
    no temporary file and raises."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: Bump when what the cache stores changes shape.
_YAML_CACHE_FORMAT = 1
#: Entries kept in the cache file: this run's, then earlier runs' (other checkouts, ``RASAD_LANG_PATH``
#: copies) up to this many.
_YAML_CACHE_MAX_ENTRIES = 400


class _YamlCache:
    """Parsed YAML values as ``marshal`` bytes, keyed by a digest of the file's bytes, in one file of the
    cache directory (``$RASAD_CACHE_DIR``, as the gazetteer's) named by the code that parses them (this
    module, PyYAML's version and loader, Python's version).  Read once per process on the first lookup;
    written back (atomically: temp file + rename) at exit when the run parsed something new.  A missing,
    unreadable or foreign file is ignored (everything is parsed, as without a cache); a value ``marshal``
    cannot hold (a YAML timestamp) is simply parsed every time; cache files of other code versions are
    removed after a day (``remove_stale_caches``)."""

    def __init__(self) -> None:
        self._entries: dict[bytes, bytes] | None = None
        self._used: set[bytes] = set()
        self._dirty = False

    @staticmethod
    def path() -> Path:
        h = hashlib.sha256(f"{_YAML_CACHE_FORMAT}|{sys.version}|{yaml.__version__}|{_SAFE_LOADER.__name__}|"
                           f"{marshal.version}".encode())
        h.update(Path(__file__).read_bytes())
        return default_cache_dir() / f"langdata-{h.hexdigest()[:24]}.marshal"

    def _load(self) -> dict[bytes, bytes]:
        entries: dict[bytes, bytes] = {}
        try:
            state = marshal.loads(self.path().read_bytes())
            if isinstance(state, tuple) and len(state) == 2 and state[0] == _YAML_CACHE_FORMAT \
                    and isinstance(state[1], dict):
                entries = state[1]
        except (OSError, EOFError, ValueError, TypeError):
            pass
        self._entries = entries
        return entries

    def get(self, digest: bytes) -> tuple[Any] | None:
        """``(value,)`` parsed from the file whose bytes have ``digest``, or None when not cached."""
        entries = self._entries if self._entries is not None else self._load()
        data = entries.get(digest)
        if data is None:
            return None
        try:
            value = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None
        self._used.add(digest)
        return (value,)

    def put(self, digest: bytes, value: Any) -> None:
        """Remember ``value`` (parsed from the file whose bytes have ``digest``) for ``flush``."""
        try:
            data = marshal.dumps(value)
        except ValueError:  # a type marshal cannot hold: parsed on every run instead
            return
        entries = self._entries if self._entries is not None else self._load()
        entries[digest] = data
        self._used.add(digest)
        if not self._dirty:
            self._dirty = True
            atexit.register(self.flush)

    def flush(self) -> None:
        """Write the cache file if this process parsed something new (best effort: a read-only cache
        directory only costs the parsing on every start)."""
        if not self._dirty or self._entries is None:
            return
        self._dirty = False
        entries = self._entries
        keep = {d: entries[d] for d in entries if d in self._used}
        for d, data in entries.items():
            if len(keep) >= _YAML_CACHE_MAX_ENTRIES:
                break
            keep.setdefault(d, data)
        try:
            path = self.path()
            write_cache_file(path, lambda fh: marshal.dump((_YAML_CACHE_FORMAT, keep), fh))
            from rasad.places.gazetteer import remove_stale_caches  # loaded by now (at exit)

            remove_stale_caches(path, "langdata-*.marshal")
        except (OSError, ImportError):
            pass


_YAML_CACHE = _YamlCache()


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
