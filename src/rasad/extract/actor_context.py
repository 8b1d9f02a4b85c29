"""Actor mentions in context: descriptors and appositions.

Two things a dictionary match cannot see on its own, both decided from the words right next to the
mention:

* a *descriptor* names the owner of a place or a sponsor, not a party to the event: "rebel-held town",
  "held by Daesh", "opposition areas", "the Britain-based Observatory", "Russia-backed forces".  Such
  mentions keep their canonical id but carry ``attrs["descriptor"]`` ("territory" / "base" / "backing"),
  and the events stage does not link them as actor 1 or actor 2;
* a generic label next to a named group is that group ("ISIL terrorists", "militants of the Islamic
  State", "الحوثيين المتمردين"): one mention of the named group spanning both, not a second actor.

An Arabic mention named as the launcher of an attack that its clause says was repelled ("تصدى الجيش
لهجوم شنته ميليشيات فجر ليبيا") carries ``attrs["role"] = "attacker"``: the events stage makes it actor 1
(ACLED's order for a repelled attack) although it does not stand first.

Arabic and Persian descriptors are control phrases that describe a place by its holder: a participle
or relative clause ("المناطق الخاضعة لسيطرة التنظيم"، "الواقعة تحت سيطرة المعارضة"، "التي يسيطر عليها
الثوار"، "مناطق سيطرة") or a Persian "تحت کنترل X" that is not the predicate of a capture ("... تحت
کنترل ارتش درآمد" = came under the army's control stays a party).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasad.lang import LanguageDataError, data_path, load_yaml
from rasad.model import Mention
from rasad.text.normalize import char_replacer

#: Generic wordings that take the name of the specific group next to them.
_GENERIC_IDS = frozenset({"sy_opposition", "unidentified_armed_group"})
#: Generic classes (rasad.extract.actors.GENERIC_CLASSES) of unnamed armed men, whatever id the country gave.
_GENERIC_LABELS = frozenset({"militants", "rebels", "militias"})
DESCRIPTOR_KINDS = ("territory", "base", "backing", "opposed")
#: Letter variants folded for the patterns of a language with ``fold: true`` (the raw text keeps its
#: spelling); the offsets stay those of the raw text (every fold is one character to one).
_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "\u200c": " "}
_fold_letters = char_replacer(_FOLD)
_DIACRITICS = re.compile(r"[\u064b-\u0652\u0640]")
_CLAUSE_BREAK = re.compile(r"[.،؛!?:]")


@dataclass(frozen=True, slots=True)
class _Descriptor:
    kind: str
    pattern: re.Pattern[str]
    requires_after: tuple[re.Pattern[str], int] | None = None  # the words right after the mention must match
    unless_after: tuple[re.Pattern[str], int] | None = None  # ... must not match
    #: strings one of which every match of ``pattern`` contains (:func:`needed_strings`), None if unknown
    needed: frozenset[str] | None = None


def _exact(c: str, ignore_case: bool) -> bool:
    """A character the pattern matches only as itself: any, unless the pattern ignores case; then one
    without case (Arabic and Persian letters), so case-insensitivity cannot hide a match."""
    return not ignore_case or (not c.isascii() and c.lower() == c == c.upper() and c.casefold() == c)


def _better(a: frozenset[str] | None, b: frozenset[str]) -> frozenset[str]:
    """The more selective of two needed-string sets: the longer shortest string, then the fewer strings."""
    if a is None:
        return b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


def _needed_in(items: Any, ignore_case: bool) -> frozenset[str] | None:
    """Needed strings of a parsed pattern sequence (``re._parser``), None when none can be told."""
    from re import _constants as sre

    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL and _exact(chr(av), ignore_case):
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        sub: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            sub = _needed_in(inner, bool(add_flags & re.I) or (ignore_case and not del_flags & re.I))
        elif op is sre.ATOMIC_GROUP:
            sub = _needed_in(av, ignore_case)
        elif op is sre.BRANCH:
            alternatives = [_needed_in(alt, ignore_case) for alt in av[1]]
            if all(alternatives):
                sub = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _needed_in(av[2], ignore_case)
        if sub:
            best = _better(best, sub)
    return best


def needed_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    r"""Strings one of which every match of ``pattern`` contains, read from its parse tree: runs of
    literal characters (:func:`_exact`), through groups, alternations (one string per branch) and repeats
    of at least one.  None when the pattern has no such run or cannot be read.  ``s in window`` for these
    is C-level and far cheaper than a regex search with no literal to start from (the descriptor patterns
    open with ``(?:^|\s)``); every match lies inside the searched span, so a span without any of them
    holds none."""
    try:
        from re import _parser

        return _needed_in(_parser.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.I))
    except Exception:  # noqa: BLE001 - a private module of the standard library: no shortcut then
        return None


@lru_cache(maxsize=64)
def _pattern_needs(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """:func:`needed_strings` of a pattern, read once per process."""
    return needed_strings(pattern)


#: ``(text, {id(pattern): (pattern, its needed strings that occur in the text, or None)})`` for the text
#: :func:`may_match` last read (one tuple, replaced whole)
_PRESENT: list[tuple[str, dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]]] | None] = [None]


def may_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether ``pattern`` may match inside ``text[start:end]``: one of its needed strings stands there (a
    C-level ``str.find`` instead of a regex search tried at every character), or it has none.  The needed
    strings absent from the whole text are left out once per text (most texts hold none of them), and the
    pattern's are looked up once per text too (hashing a compiled pattern, the ``lru_cache`` key, hashes its
    code: ~0.3 us a call).  The remembered text is one tuple, replaced whole, so threads reading other texts
    do not mix their answers."""
    last = _PRESENT[0]
    if last is None or last[0] is not text:
        last = _PRESENT[0] = (text, {})
    got = last[1].get(id(pattern))
    if got is None or got[0] is not pattern:
        needed = _pattern_needs(pattern)
        got = last[1][id(pattern)] = (pattern, None if needed is None else tuple(s for s in needed if s in text))
    present = got[1]
    if present is None:
        return True
    for s in present:
        if text.find(s, start, end) >= 0:
            return True
    return False


@dataclass(frozen=True, slots=True)
class _RepelledAttack:
    window: int
    cues: tuple[str, ...]
    attack_by: re.Pattern[str]
    repel: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ActorContext:
    """Compiled ``actor_context.yaml`` of one language."""

    fold: bool
    apposition_gap: re.Pattern[str]
    after: tuple[_Descriptor, ...]
    before_window: int
    before: tuple[_Descriptor, ...]
    repelled_attack: _RepelledAttack | None
    #: a naming phrase between two actor mentions ("شبه‌نظامیان کرد موسوم به «نیروهای دموکراتیک سوریه»"):
    #: the second names the first, whatever kinds the two are -- one mention of the named actor
    naming_gap: re.Pattern[str] | None = None


def language_regex(value: Any, where: str) -> re.Pattern[str]:
    """A language-data regular expression (case-insensitive), written as one string or as a list of pieces
    joined without separator; anything else, or a pattern that does not compile, is a LanguageDataError
    naming ``where``."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "".join(value)
    if not isinstance(value, str):
        raise LanguageDataError(f"{where}: expected a regular expression (a string or a list of pieces)")
    try:
        return re.compile(value, re.I)
    except re.error as exc:
        raise LanguageDataError(f"{where}: {exc}") from exc


def _after(value: Any, where: str) -> tuple[re.Pattern[str], int] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("window"), int):
        raise LanguageDataError(f"{where}: expected {{pattern, window}}")
    return language_regex(value.get("pattern"), f"{where}.pattern"), value["window"]


def _descriptors(entries: Any, where: str) -> tuple[_Descriptor, ...]:
    if not isinstance(entries, list):
        raise LanguageDataError(f"{where}: expected a list of {{kind, pattern}}")
    out = []
    for i, e in enumerate(entries):
        if not isinstance(e, dict) or e.get("kind") not in DESCRIPTOR_KINDS:
            raise LanguageDataError(f"{where}[{i}]: kind must be one of {', '.join(DESCRIPTOR_KINDS)}")
        pattern = language_regex(e.get("pattern"), f"{where}[{i}].pattern")
        out.append(_Descriptor(e["kind"], pattern, _after(e.get("requires_after"), f"{where}[{i}].requires_after"),
                               _after(e.get("unless_after"), f"{where}[{i}].unless_after"), needed_strings(pattern)))
    return tuple(out)


@lru_cache(maxsize=32)
def actor_context(lang: str) -> ActorContext | None:
    """The context rules of ``lang`` (``lang/<lang>/actor_context.yaml``); None without the file."""
    data = load_yaml(lang, "actor_context.yaml")
    if data is None:
        return None
    where = str(data_path(lang, "actor_context.yaml"))
    if not isinstance(data, dict):
        raise LanguageDataError(f"{where}: expected a mapping at top level")
    repelled = data.get("repelled_attack")
    attack = None
    if repelled is not None:
        if not isinstance(repelled, dict) or not isinstance(repelled.get("window"), int):
            raise LanguageDataError(f"{where}: repelled_attack: expected {{window, cues, attack_by, repel}}")
        attack = _RepelledAttack(repelled["window"], tuple(str(c) for c in repelled.get("cues") or ()),
                                 language_regex(repelled.get("attack_by"), f"{where}: repelled_attack.attack_by"),
                                 language_regex(repelled.get("repel"), f"{where}: repelled_attack.repel"))
    return ActorContext(
        fold=bool(data.get("fold", False)),
        apposition_gap=language_regex(data.get("apposition_gap", r"\s+"), f"{where}: apposition_gap"),
        after=_descriptors(data.get("descriptors_after") or [], f"{where}: descriptors_after"),
        before_window=int(data.get("before_window", 48)),
        before=_descriptors(data.get("descriptors_before") or [], f"{where}: descriptors_before"),
        repelled_attack=attack,
        naming_gap=language_regex(data["naming_gap"], f"{where}: naming_gap") if data.get("naming_gap") else None,
    )


_SPACE_GAP = re.compile(r"\s+")


def _is_label(m: Mention) -> bool:
    return m.canonical_id in _GENERIC_IDS or m.attrs.get("generic") in _GENERIC_LABELS


def absorb_generic_labels(text: str, mentions: list[Mention]) -> list[Mention]:
    """A generic label right next to a named group is that group ("ISIL Terrorists", "militants of the
    Islamic State", "الحوثيين المتمردين"): one mention of the named group spanning both, not a second actor.
    So is any actor followed by a naming phrase and a name (``naming_gap``: "موسوم به"، "known as")."""
    out: list[Mention] = []
    for m in mentions:
        named = _one_actor(text, out[-1], m) if out else None
        if named is not None:
            prev = out[-1]
            out[-1] = Mention(start=prev.start, end=m.end, text=text[prev.start:m.end], kind="actor",
                              canonical_id=named.canonical_id, sentence=prev.sentence, lang=prev.lang,
                              source="actors", attrs=dict(named.attrs))
            continue
        out.append(m)
    return out


def _one_actor(text: str, prev: Mention, m: Mention) -> Mention | None:
    """When ``prev`` and the next mention ``m`` are one actor, the one whose identity the pair takes (the
    name after a naming phrase; the named group beside a generic label); None when they are two."""
    if prev.lang != m.lang or "civilian" in (prev.attrs.get("side"), m.attrs.get("side")):
        return None
    ctx = actor_context(m.lang)
    if ctx is not None and ctx.naming_gap is not None and ctx.naming_gap.fullmatch(text, prev.end, m.start):
        return m
    gap = ctx.apposition_gap if ctx is not None else _SPACE_GAP
    if prev.canonical_id != m.canonical_id and _is_label(prev) != _is_label(m) \
            and gap.fullmatch(text, prev.end, m.start):
        return m if _is_label(prev) else prev
    return None


def _fold(text: str) -> str:
    """Diacritics dropped and letter variants folded (:func:`~rasad.text.normalize.char_replacer`)."""
    return _fold_letters(_DIACRITICS.sub("", text))


def _descriptor(text: str, m: Mention, ctx: ActorContext) -> str | None:
    """The kind of the first descriptor pattern around ``m`` (after it, then before it), if any."""
    for d in ctx.after:
        if d.pattern.match(text, m.end):
            return d.kind
    if not ctx.before:
        return None
    before = text[max(0, m.start - ctx.before_window):m.start]
    if ctx.fold:
        before = _fold(before)
    for d in ctx.before:
        if d.needed is not None and not any(s in before for s in d.needed):
            continue  # none of the strings every match contains: no search needed
        if not d.pattern.search(before):
            continue
        if d.requires_after is not None and not _matches_after(text, m, d.requires_after, ctx.fold):
            continue
        if d.unless_after is not None and _matches_after(text, m, d.unless_after, ctx.fold):
            continue
        return d.kind
    return None


def _matches_after(text: str, m: Mention, rule: tuple[re.Pattern[str], int], fold: bool) -> bool:
    pattern, window = rule
    after = text[m.end:m.end + window]
    return pattern.match(_fold(after) if fold else after) is not None


def _repelled_attacker(text: str, m: Mention, rule: _RepelledAttack, fold: bool) -> bool:
    """Is ``m`` the attacker of an attack the clause says was repelled ("تصدى الجيش لهجوم شنته
    ميليشيات فجر ليبيا")?  ACLED makes the attacker actor 1 of a repelled attack; the agent-first
    rule would make it the repelling force right after the verb."""
    raw = text[max(0, m.start - rule.window):m.start]
    if not any(c in raw for c in rule.cues):
        return False  # no attack noun before it (the common case, checked before folding)
    before = _fold(raw) if fold else raw
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    attack = rule.attack_by.search(before)
    return attack is not None and rule.repel.search(before, 0, attack.start() + 1) is not None


def refine_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Apply the context rules of each mention's language (``actor_context.yaml``) to sorted actor
    mentions of a document: appositions, descriptors, repelled attackers."""
    mentions = absorb_generic_labels(text, mentions)
    for m in mentions:
        ctx = actor_context(m.lang)
        if ctx is None:
            continue
        kind = _descriptor(text, m, ctx)
        if kind is not None:
            m.attrs["descriptor"] = kind
        elif ctx.repelled_attack is not None and _repelled_attacker(text, m, ctx.repelled_attack, ctx.fold):
            m.attrs["role"] = "attacker"
    return mentions
