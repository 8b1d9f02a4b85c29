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

from rasad.model import Mention

#: English words after an actor (participles hyphenated, place nouns not) that make it a descriptor of something else rather
#: than a participant: "rebel-held town", "Britain-based Observatory", "Russia-backed forces",
#: "opposition areas".  Events do not link such mentions as actor 1 or actor 2.
_EN_DESCRIPTOR_AFTER = re.compile(
    r"[-\u2010\u2011\u2013](?:(held|controlled|run|dominated|besieged)|(based)|(backed|supported|allied|aligned|"
    r"affiliated|linked|leaning|sponsored))\b"
    r"|\s+(areas?|territory|territories|strongholds?|enclaves?|pocket|bastion|towns?|city|villages?|"
    r"neighbou?rhoods?|districts?)\b", re.I)
#: "held by Daesh", "backed by Russia", "under rebel control" -- the owner or sponsor, not the doer.
_EN_DESCRIPTOR_BEFORE = re.compile(
    r"\b(?:(held|controlled|besieged)|(backed|supported|sponsored))\s+by\s+(?:the\s+)?$|\bunder\s+(?:the\s+)?$", re.I)
_DESCRIPTOR_KINDS = ("territory", "base", "backing", "territory")
#: Gap between a group's name and a generic label for it ("ISIL terrorists", "militants of the Islamic State").
_APPOSITION_GAP = re.compile(r"\s*(?:-|\s(?:group\s)?|\sof\s(?:the\s)?)?\s*", re.I)
#: Generic wordings that take the name of the specific group next to them.
_GENERIC_IDS = frozenset({"sy_opposition", "unidentified_armed_group"})
#: Generic classes (rasad.extract.actors.GENERIC_CLASSES) of unnamed armed men, whatever id the country gave.
_GENERIC_LABELS = frozenset({"militants", "rebels", "militias"})
#: Arabic and Persian: only a space between the group and its label ("الحوثيين المتمردين", "المسلحين الحوثيين").
_SPACE_GAP = re.compile(r"\s+")


def _is_label(m: Mention) -> bool:
    return m.canonical_id in _GENERIC_IDS or m.attrs.get("generic") in _GENERIC_LABELS


def _en_descriptor(text: str, m: Mention) -> str | None:
    """"territory" / "base" / "backing" when the English mention only describes a place or a sponsor."""
    after = _EN_DESCRIPTOR_AFTER.match(text, m.end)
    if after is not None:
        kind = next(i for i, g in enumerate(after.groups()) if g)
        return _DESCRIPTOR_KINDS[kind]
    before = _EN_DESCRIPTOR_BEFORE.search(text[max(0, m.start - 24):m.start])
    if before is not None:
        if before.group(2):
            return "backing"
        if before.group(1) or text[m.end:m.end + 9].lower().lstrip().startswith("control"):
            return "territory"
    return None


def absorb_generic_labels(text: str, mentions: list[Mention]) -> list[Mention]:
    """A generic label right next to a named group is that group ("ISIL Terrorists", "militants of the
    Islamic State", "الحوثيين المتمردين"): one mention of the named group spanning both, not a second actor."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        gap = _APPOSITION_GAP if m.lang == "en" else _SPACE_GAP
        if prev is not None and prev.lang == m.lang and prev.canonical_id != m.canonical_id \
                and _is_label(prev) != _is_label(m) \
                and "civilian" not in (prev.attrs.get("side"), m.attrs.get("side")) \
                and gap.fullmatch(text, prev.end, m.start):
            named = m if _is_label(prev) else prev
            out[-1] = Mention(start=prev.start, end=m.end, text=text[prev.start:m.end], kind="actor",
                              canonical_id=named.canonical_id, sentence=prev.sentence, lang=prev.lang,
                              source="actors", attrs=dict(named.attrs))
            continue
        out.append(m)
    return out


#: Arabic letter variants folded for the control-phrase patterns (the raw text keeps its spelling).
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "\u200c": " "})
_AR_DIACRITICS = re.compile(r"[\u064b-\u0652\u0640]")
#: Arabic wording right before an actor that makes it the holder of a place: "الخاضعة لسيطرة"، "تخضع
#: (تحت) سيطرة"، "الواقعة تحت سيطرة"، "التي يسيطر عليها"، "مناطق (نفوذ|سيطرة)"، "التي باتت تحت سيطرة".
_AR_DESCRIPTOR_BEFORE = re.compile(
    r"(?:(?:^|\s)(?:ال)?(?:خاضع|خاضعه|خاضعين|خاضعتين)\s+(?:ل|تحت\s+)?(?:سيطره|لسيطره|نفوذ|لنفوذ|سلطه|لسلطه)"
    r"|(?:^|\s)[تي]?خضع\s+(?:ل|تحت\s+)?(?:سيطره|لسيطره|نفوذ|لنفوذ|سلطه|لسلطه)"
    r"|(?:^|\s)(?:ال)?(?:واقع|واقعه|واقعين|تقع|يقع)\s+تحت\s+(?:سيطره|سلطه|نفوذ)"
    r"|(?:^|\s)(?:التي|الذي|الذين|اللتين)\s+(?:\S+\s+){0,2}(?:تحت|ل)\s*(?:سيطره|نفوذ)"
    r"|(?:^|\s)(?:التي|الذي|اللتين|الذين)\s+(?:\S+\s+)?[تي]سيطر\s+عليها?"
    r"|(?:^|\s)[وبل]?(?:ال)?(?:مناطق|منطقه|احياء|الاحياء|معاقل|مدن|قرى|بلدات)\s+(?:سيطره|نفوذ|سلطه)"
    r")\s+$")
#: Persian: "تحت کنترل X"، "تحت سیطره X"، "در کنترل X"، "مناطق تحت تصرف X" -- a descriptor unless a capture
#: verb follows the holder (checked with :data:`_FA_CAPTURE_AFTER`).
_FA_DESCRIPTOR_BEFORE = re.compile(r"(?:^|\s)(?:تحت|در)\s+(?:كنترل|سيطره|تصرف|اشغال)\s+(?:گروه\s+)?$")
#: Forces named by what they oppose ("نیروهای ضد دولت سوریه"، "القوات المناهضة للنظام"): the opposed
#: actor describes the force, it is not a party itself.
_OPPOSING_BEFORE = re.compile(r"(?:نيروهاي|نيروي|گروههاي|گروه|شورشيان|مخالفان|جنگجويان)\s+ضد\s+$"
                              r"|(?:^|\s)(?:ال)?(?:مناهضه|مناهض|مناهضين|معاديه|معادي|معادين)\s+(?:ل|لل)?$")
_FA_CAPTURE_AFTER = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:درآمد|در\s+آمد|درآورد|در\s+آورد|قرار\s+گرفت|افتاد|درامد)")
#: How far before a mention the control phrase may start (characters of raw text).
_CONTROL_WINDOW = 48


def _fold(text: str) -> str:
    return _AR_DIACRITICS.sub("", text).translate(_AR_FOLD)


def _ar_fa_descriptor(text: str, m: Mention) -> str | None:
    """"territory" when an Arabic or Persian control phrase before the mention makes it a place's holder."""
    before = _fold(text[max(0, m.start - _CONTROL_WINDOW):m.start])
    if _OPPOSING_BEFORE.search(before):
        return "opposed"
    if m.lang == "ar":
        return "territory" if _AR_DESCRIPTOR_BEFORE.search(before) else None
    if m.lang == "fa" and _FA_DESCRIPTOR_BEFORE.search(before):
        after = _fold(text[m.end:m.end + 40])
        return None if _FA_CAPTURE_AFTER.match(after) else "territory"
    return None


#: Arabic: the attacker named after an attack noun, as its possessor ("هجوما لداعش") or the subject of a relative
#: "launched it" ("لهجوم شنته ميليشيات فجر ليبيا"); a target after "على/ضد/في" never counts.
_AR_ATTACK_BY = re.compile(
    r"(?:^|\s)[لبو]?(?:ال)?(?:هجوم|هجوما|هجمات|هجمه|محاوله\s+(?:تسلل|اقتحام|تقدم)|محاولات\s+(?:تسلل|اقتحام|تقدم))"
    r"(?:\s+(?!علي|على|ضد|في|من)\S+){0,2}?"
    r"\s+(?:(?:شنه|شنها|شنته|شنتها|شنوه|نفذه|نفذها|نفذته|نفذتها|قام\s+به|قامت\s+به|قاموا\s+به|من\s+قبل)\s+|ل)$")
#: Arabic verbs and nouns of repelling before that attack noun in its clause: "صدت/تصدى/أحبط/أفشل/دحر".
_AR_REPEL = re.compile(r"(?:^|\s)[وف]?(?:صد|صدت|صدوا|يصد|تصد|تصدي|تصدت|تصدوا|يتصدي|التصدي|احبط|احبطت|احبطوا|احباط|"
                       r"افشل|افشلت|افشال|دحر|دحرت|دحروا|تمكن\S*\s+من\s+صد)(?:\s|$)")
_CLAUSE_BREAK = re.compile(r"[.،؛!?:]")
#: How far before a mention the repelled attack may start (characters of raw text).
_REPEL_WINDOW = 90


def _ar_repelled_attacker(text: str, m: Mention) -> bool:
    """Is ``m`` the attacker of an attack the clause says was repelled ("تصدى الجيش لهجوم شنته
    ميليشيات فجر ليبيا")?  ACLED makes the attacker actor 1 of a repelled attack; the Arabic agent-first
    rule would make it the repelling force right after the verb."""
    raw = text[max(0, m.start - _REPEL_WINDOW):m.start]
    if "هج" not in raw and "محاول" not in raw:
        return False  # no attack noun before it (the common case, checked before folding)
    before = _fold(raw)
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    attack = _AR_ATTACK_BY.search(before)
    return attack is not None and _AR_REPEL.search(before, 0, attack.start() + 1) is not None


def refine_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Apply the context rules to sorted actor mentions of a document: English appositions and
    descriptors, Arabic and Persian control descriptors."""
    mentions = absorb_generic_labels(text, mentions)
    for m in mentions:
        kind = _en_descriptor(text, m) if m.lang == "en" else _ar_fa_descriptor(text, m) \
            if m.lang in ("ar", "fa") else None
        if kind is not None:
            m.attrs["descriptor"] = kind
        elif m.lang == "ar" and _ar_repelled_attacker(text, m):
            m.attrs["role"] = "attacker"
    return mentions
