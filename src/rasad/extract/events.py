"""Event detection and ACLED typing: the ``events`` pipeline stage.

1. **Triggers** from ``lang/<lang>/triggers.yaml`` are found with the clitic-aware phrase matcher
   (:mod:`rasad.extract.actors`).  Shield expressions ("تحت سيطرة" = under the control of) hide the
   trigger words they contain; weak triggers (killing verbs, bare "explosion") count only when their
   sentence has no other trigger, because they usually report the toll of another event.
2. **Linking** by proximity and light syntax inside the sentence: clauses end at ، , ; ؛.  Actor 1 is
   the nearest armed actor (same clause first), actor 2 the nearest actor of another side (civilians
   for attacks and strikes on them), allies of actor 1 become associated actors; the location is the
   first place after the trigger in its clause (the target: "قصف ... مدينة نوى"), else the nearest
   place in the clause, the sentence, or the previous event's / previous sentence's place; the date is
   the nearest date mention in the sentence or the one before; fatalities / wounded / arrested /
   displaced are the nearest quantity mentions of that category in the sentence.
3. **Rules** decide conditional sub-types: a capture is "Government regains territory" when actor 1
   is on the government side, "Non-state actor overtakes territory" otherwise; an attack on civilians
   is "Attack" (violence against civilians), otherwise an armed clash; shelling with aircraft in the
   clause is an air strike.
4. **Modality** (:mod:`rasad.extract.modality`) sets the polarity; a cue never leaves an event
   "asserted" when it scopes over the trigger.
5. **Merging** keeps one event per happening: triggers of the same event type and polarity about the
   same place (or with no place of their own, in the same or the next sentence) become one event,
   the other triggers kept as evidence.  This is what keeps over-generation down.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as date_cls
from functools import lru_cache
from itertools import islice, repeat
from typing import Any

import ahocorasick

from rasad.extract.actor_context import language_regex, may_match
from rasad.extract.actors import PhraseMatch, PhraseMatcher, _headquarters_patterns, actor_ref, scan_document
from rasad.extract.modality import CLAUSE_PUNCT, DocumentCues, polarity_for
from rasad.extract.outlets import outlet_records
from rasad.extract.sentence_index import sentence_at
from rasad.lang import LanguageDataError, data_path, known_languages, languages, load_yaml, word_list
from rasad.model import (
    SUB_EVENT_TO_TYPE,
    ActorRef,
    DateRef,
    Document,
    Event,
    Mention,
    PlaceRef,
    Quantity,
    Sentence,
    Span,
)
from rasad.places.gazetteer import flat_km, load_gazetteer
from rasad.places.geoparse import geo_precision_for, make_place_ref
from rasad.text.normalize import normalize_term
from rasad.text.normalize_stage import ensure_norm

#: Actors that are reported about but do not fight: never actor 1.
NON_COMBATANTS = frozenset({"civilians", "protesters", "activists"})
#: Among merged triggers of one event type, the sub-type kept (more specific / more severe first).
SUB_TYPE_PRIORITY: tuple[str, ...] = (
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    "Chemical weapon", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
)
_PRIORITY = {s: i for i, s in enumerate(SUB_TYPE_PRIORITY)}
#: Strategic developments that news articles mostly mention as background: kept only in the lead
#: (first sentences) or with a count of their own.
BACKGROUND_PRONE = frozenset({"Agreement", "Change to group/activity", "Headquarters or base established", "Other"})
LEAD_SENTENCES = 3
#: Event types a generic "attack" word may refer to.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: Actors that fly combat aircraft: only they can be actor 1 of an air/drone strike.  Another armed
#: actor next to "airstrikes" is its target ("air strikes on ISIS") or a place descriptor
#: ("airstrikes in opposition areas"); without an air force in the sentence the striker is unknown.
AIR_FORCES = frozenset({"sy_gov_forces", "ru_forces", "us_coalition", "il_forces", "tr_forces", "gb_forces",
                        "iq_gov_forces", "sa_coalition", "sa_forces", "ir_forces"})
#: Gatherings that a violent event in the same sentence targets ("a bombing hit a demonstration"):
#: the gathering describes the victims, it is not a second event.
GATHERINGS = frozenset({"Peaceful protest", "Protest with intervention"})
#: How many sentences back a trigger without its own place may inherit one.
PLACE_LOOKBACK = 1
#: A first paragraph at most this long (characters), followed by others, is the headline.
HEADLINE_MAX_CHARS = 160
#: How much a body sentence may add to the headline and still be a mere repetition of it (a label).
REPEAT_LABEL_CHARS = 40
#: Richness taken from a headline telling, more than any telling can have: the body wins.
HEADLINE_PENALTY = 20


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    sub_event_type: str | None  # fixed sub-type, or None when a rule decides
    rule: str | None = None  # capture / attack / killing
    outcome: str | None = None
    weak: bool = False
    shield: bool = False
    #: counts only when a place follows ("سقوط مدينة/الموصل"), not a projectile or an aircraft ("سقوط صاروخ")
    place_after: bool = False
    #: counts only in an armed context, like a generic attack word: Persian درگیری/کنترل/تهاجم are as often
    #: political or everyday ("کنترل تورم", "تهاجم فرهنگی") as military
    armed_only: bool = False
    #: counts only in the headline or the text's first sentence: the Arabic imperfect of control tells the
    #: news there ("المقاومة تسيطر على زنجبار") and who holds a place everywhere else
    headline_only: bool = False


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    matcher: PhraseMatcher
    air_context: PhraseMatcher
    anaphora_before: frozenset[str]
    anaphora_after: frozenset[str]
    death_cues: PhraseMatcher
    #: where something was said, not where it happened ("in a press conference in", "در نشست")
    venue_before: frozenset[str] = frozenset()
    #: a place followed by one of these is a speaker ("مسکو خواستار"، "Moscow said"), not a location
    speech_after: frozenset[str] = frozenset()
    #: a place right after one of these lies beyond the scene: the other side of a border ("على الحدود مع
    #: العراق", "near the border with Turkey", "مرز با عراق") or a destination ("أثناء السفر إلى تركيا")
    elsewhere_before: frozenset[str] = frozenset()
    #: ... or right before one of these: an organisation's base or a person's birthplace ("the
    #: Britain-based Observatory", "a London-born fighter")
    elsewhere_after: frozenset[str] = frozenset()
    #: a place right after one of these is where fire came from ("terrorists positioned in X fired shells on
    #: Y", "القذائف التي أطلقت من X"): not the place of a shelling or strike
    origin_before: frozenset[str] = frozenset()
    #: a place right after one of these is the speaker in verb-subject order ("نفت أنقرة"، "قالت دمشق"):
    #: the capital stands for its government, and where the statement came from is not where it happened
    speech_before: frozenset[str] = frozenset()
    #: conjunction proclitics a ``speech_before`` verb may carry ("وقالت"، "فأعلنت"; ``linking``
    #: ``conjunction_proclitics``)
    speech_conjunctions: frozenset[str] = frozenset()
    #: retreat words ("تراجعت"، "fell back"): a battle whose attacker (its actor 1) retreats next to one
    #: of them in a sentence telling the battle was repelled -- the defenders hold the place
    retreat: PhraseMatcher | None = None
    #: hand-over words: a capture word with one of these in its clause is a non-violent transfer
    handover: PhraseMatcher | None = None
    #: the defenders still hold the place / the assault failed: the outcome of the battle is "holding"
    holding: PhraseMatcher | None = None
    #: words that make a generic "attack" word verbal (criticism), and words that make it armed
    verbal_attack: PhraseMatcher | None = None
    armed_context: PhraseMatcher | None = None
    #: a civilian building or gathering a generic attack is made on ("به خانه"، "به مسجد"): with no armed
    #: side hit, the attack targets civilians
    civilian_targets: PhraseMatcher | None = None
    #: singular killing verbs ("کشته شد"، "به قتل رسید"): one person killed, with no armed side named as hit and
    #: no toll above one, is a victim of an attack (Violence against civilians), not a side of a battle
    single_victim: frozenset[str] = frozenset()
    #: a place before a reporting verb that opens the trigger's report is the statement's (fa: a Persian
    #: report's frame names the speaker's city and venue before the verb: "... در مسجد اعظم قم ... اظهار کرد:")
    speaker_place_before_report: bool = False
    #: weapons whose firing is shelling ("یک موشک بالستیک ... شلیک کردند"): a generic attack word with one in
    #: its clause (and no aircraft) is a Shelling/artillery/missile attack, not a clash
    fire_weapons: PhraseMatcher | None = None
    #: words that open a subordinate clause: a place after one is not the trigger's ("که" in Persian)
    subordinators: frozenset[str] = frozenset()
    #: right after a trigger, "similar" ("درگیری‌های مشابهی"): the same kind of happening between the same
    #: sides as the one told just before, elsewhere
    similar_after: frozenset[str] = frozenset()
    #: a word right before an actor that makes it the recipient ("به ارتش"، "to the army")
    recipient_markers: frozenset[str] = frozenset()
    #: ground weapons (tank shells, mortars, artillery): shelling that names one stays shelling even
    #: when aircraft are named in the same clause ("تستخدم الطائرات الحوامة وقذائف الدبابات والهاون")
    ground_weapons: PhraseMatcher | None = None
    #: attempt words right before a trigger ("تحاول اقتحام"، "tried to storm"): a telling of what a
    #: side tried, weaker evidence of the happening than a telling of what happens ("تدور معارك")
    attempt_before: frozenset[str] = frozenset()
    #: office words whose complement is an institution, not a fighting force ("سخنگوی وزارت خارجه
    #: روسیه"، "وزير خارجية روسيا"، "Russia's foreign ministry"): such an actor mention is a speaker's
    #: affiliation, never linked to an event
    office_before: frozenset[str] = frozenset()
    office_after: frozenset[str] = frozenset()
    #: words that, right after a ``place_after`` trigger, make it about a place ("مدينة", "بيد")
    place_after_words: frozenset[str] = frozenset()
    #: causes of death that are not political violence (earthquake, flood, road accident, epidemic): a
    #: bare killing word in their sentence ("1,200 died in the earthquake") is no event
    disaster_context: PhraseMatcher | None = None
    #: ordinary crime (drugs, theft, smuggling, residency violations): an arrest told in their sentence
    #: ("القبض على ثلاثة مقيمين سرقوا محلا") is police work, not an ACLED arrest (``crime_context``)
    crime_context: PhraseMatcher | None = None
    #: a trigger whose own date is this many days older than the article (its publication, else the
    #: newest date it states) is history told as background ("عقب‌نشینی ... در سال 2006"), not the news
    history_after_days: int | None = None
    #: a trigger dated by another month named alone ("in September") is history too (``month_alone_history``)
    month_alone_history: bool = False
    #: a trigger with nothing of its own in its sentence -- no actor, place, date or count -- is talk about
    #: a kind of happening ("ایجاد اغتشاش و فتنه", "کشتار زنان ... به سطح بی‌سابقه‌ای رسیده است"), not one
    require_anchor: bool = False
    #: a death toll this large is a war's running total told as background ("more than 300000 people have
    #: been killed since 2011"), never one happening's
    war_total_at_least: int | None = None
    #: a trigger right after one of these words ("the airstrikes killed 13", "after the shelling") names a
    #: happening the text has told: with no place of its own it joins the last event of its sub-type
    definite_before: frozenset[str] = frozenset()
    #: the trigger noun carrying the definite article (``morphology.yaml`` articles: "القصف", "الغارة")
    #: names a happening the text has told, as ``definite_before`` does where the article is a word
    definite_by_article: bool = False
    #: (min_words, reporting verbs per 1000 words below which) a long text is commentary (``commentary``)
    commentary: tuple[int, float] | None = None
    #: reporting verbs the commentary test does not count (``commentary.uncounted``: ar the present tense,
    #: "يقول الباحث", in which an essay quotes its experts; news reports in the past)
    commentary_uncounted: frozenset[str] = frozenset()
    #: words right after a trigger that tell it as a new or other happening ("هجمات جديدة", "هجوم آخر")
    other_after: frozenset[str] = frozenset()
    #: (fewest arrested, period pattern): that many arrests counted over a period in the sentence ("اعتقلت 851
    #: شخصا ... خلال الأيام الثلاثة الأخيرة") are a campaign's tally, not one happening (``arrest_roundup``)
    arrest_roundup: tuple[int, re.Pattern[str]] | None = None
    #: particles before which a ``headline_only`` imperfect tells a deed anywhere ("لم تسيطر": did not take)
    imperfect_deed_after: frozenset[str] = frozenset()
    #: conjunctions a trigger carries to continue a verb governed by one of those particles a few words back
    #: ("قبل أن تتقدم صوب الجنوب وتسيطر على"); written as the normalized trigger's first letters
    imperfect_deed_conjunctions: tuple[str, ...] = ()
    #: actor wordings that are no sign of an armed context by themselves: a state's bare name ("آمریکا",
    #: "روسیه": "مجله ... آمریکا", "تورم ... روسیه"), "opponents" of anything ("مخالفان اصلاحات")
    unarmed_actor_words: frozenset[str] = frozenset()


def _optional_matcher(lang: str, words: Any) -> PhraseMatcher | None:
    return PhraseMatcher(lang, [(str(t), True) for t in words]) if words else None


def _norm_words(words: Any) -> tuple[str, ...]:
    return tuple(normalize_term(str(w)) for w in words or ())


@lru_cache(maxsize=16)
def trigger_lexicon(lang: str) -> TriggerLexicon | None:
    """Compiled trigger lexicon of a language (``None`` when it has no triggers.yaml)."""
    data = load_yaml(lang, "triggers.yaml")
    if not data:
        return None
    entries: list[tuple[str, TriggerSpec]] = []
    for group in data.get("triggers") or ():
        sub = group.get("sub_event_type")
        if sub is not None and sub not in SUB_EVENT_TO_TYPE:
            raise ValueError(f"lang/{lang}/triggers.yaml: unknown ACLED sub-event type {sub!r}")
        spec = TriggerSpec(sub, group.get("rule"), group.get("outcome"), bool(group.get("weak")),
                           bool(group.get("shield")), bool(group.get("place_after")), bool(group.get("armed_only")),
                           bool(group.get("headline_only")))
        entries.extend((str(t), spec) for t in group.get("terms") or ())
    air = [(str(t), True) for t in data.get("air_context") or ()]
    return TriggerLexicon(PhraseMatcher(lang, entries), PhraseMatcher(lang, air),
                          frozenset(_norm_words(data.get("anaphora_before"))),
                          frozenset(_norm_words(data.get("anaphora_after"))),
                          PhraseMatcher(lang, [(str(t), True) for t in data.get("death_cues") or ()]),
                          venue_before=frozenset(_norm_words(data.get("venue_before"))),
                          speech_after=frozenset(_norm_words(data.get("speech_after"))),
                          elsewhere_before=frozenset(_norm_words(data.get("elsewhere_before"))),
                          elsewhere_after=frozenset(_norm_words(data.get("elsewhere_after"))),
                          origin_before=frozenset(_norm_words(data.get("origin_before"))),
                          speech_before=frozenset(_norm_words(data.get("speech_before"))),
                          speech_conjunctions=frozenset(linking_rules(lang).conjunction_proclitics),
                          handover=_optional_matcher(lang, data.get("handover")),
                          holding=_optional_matcher(lang, data.get("holding")),
                          retreat=_optional_matcher(lang, data.get("retreat")),
                          verbal_attack=_optional_matcher(lang, data.get("verbal_attack")),
                          armed_context=_optional_matcher(lang, data.get("armed_context")),
                          civilian_targets=_optional_matcher(lang, data.get("civilian_targets")),
                          single_victim=frozenset(_norm_words(data.get("single_victim"))),
                          speaker_place_before_report=bool(data.get("speaker_place_before_report")),
                          fire_weapons=_optional_matcher(lang, data.get("fire_weapons")),
                          subordinators=frozenset(_norm_words(data.get("subordinators"))),
                          similar_after=frozenset(_norm_words(data.get("similar_after"))),
                          recipient_markers=frozenset(_norm_words(data.get("recipient_markers"))),
                          ground_weapons=_optional_matcher(lang, data.get("ground_weapons")),
                          attempt_before=frozenset(_norm_words(data.get("attempt_before"))),
                          office_before=frozenset(_norm_words(data.get("office_before"))),
                          office_after=frozenset(_norm_words(data.get("office_after"))),
                          place_after_words=frozenset(_norm_words(data.get("place_after_words"))),
                          disaster_context=_optional_matcher(lang, data.get("disaster_context")),
                          crime_context=_optional_matcher(lang, data.get("crime_context")),
                          history_after_days=data.get("history_after_days"),
                          month_alone_history=bool(data.get("month_alone_history")),
                          require_anchor=bool(data.get("require_anchor")),
                          war_total_at_least=data.get("war_total_at_least"),
                          definite_before=frozenset(_norm_words(data.get("definite_before"))),
                          definite_by_article=bool(data.get("definite_by_article")),
                          commentary=_commentary_limits(data.get("commentary")),
                          commentary_uncounted=frozenset(_norm_words((data.get("commentary") or {}).get("uncounted"))),
                          unarmed_actor_words=frozenset(_norm_words(data.get("unarmed_actor_words"))),
                          arrest_roundup=_arrest_roundup(lang, data.get("arrest_roundup")),
                          imperfect_deed_after=frozenset(_norm_words(data.get("imperfect_deed_after"))),
                          imperfect_deed_conjunctions=tuple(_norm_words(data.get("imperfect_deed_conjunctions"))),
                          other_after=frozenset(_norm_words(data.get("other_after"))))


def _arrest_roundup(lang: str, value: Any) -> tuple[int, re.Pattern[str]] | None:
    """``arrest_roundup: {at_least: N, period: regex}`` of a triggers.yaml, compiled."""
    if not value:
        return None
    try:
        return int(value["at_least"]), re.compile(str(value["period"]), re.I)
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise LanguageDataError(f"lang/{lang}/triggers.yaml: arrest_roundup: {exc}") from exc


def _commentary_limits(value: Any) -> tuple[int, float] | None:
    if not value:
        return None
    return int(value["min_words"]), float(value["reporting_per_1000_below"])


@dataclass(frozen=True, slots=True)
class LinkingRules:
    """How a language marks who did what to whom around a trigger (``triggers.yaml`` ``linking``).

    Every field is optional: a language that lists nothing simply has no such rule (see
    docs/language-data.md, "triggers.yaml linking").  Patterns are Python regular expressions matched on
    the raw text (case-insensitive) unless the field says otherwise."""

    #: relative pronouns after a definite trigger noun: the text told that event before ("الغارة التي")
    relative_pronouns: frozenset[str] = frozenset()
    #: the definite article(s) of ``morphology.yaml``, written as in normalized text
    articles: tuple[str, ...] = ()
    #: conjunctions attached to a verb ("وقال", "فأضاف"): stripped once to find an attempt or reporting verb
    conjunction_proclitics: tuple[str, ...] = ()
    #: the agent follows the trigger at most one word on (VSO verbs, "سيطرة قوات النظام", "سیطره ارتش")
    agent_after_trigger: bool = False
    #: the agent is the nearest actor before the trigger in its clause (SVO: "the army shelled")
    agent_before_trigger: bool = False
    #: words ending the gap between a trigger and the actor they introduce as its agent ("by", "من قبل")
    agent_markers_after: tuple[str, ...] = ()
    #: a phrase right before an actor that marks it as the agent ("by", "على يد", "از سوی"); no ``$``
    agent_before: str | None = None
    #: a target marker right before an actor ("علیه", "به مواضع"), ending with ``$``
    target_before: re.Pattern[str] | None = None
    #: an object marker right after an actor ("را")
    object_after: re.Pattern[str] | None = None
    #: a passive killing verb: the end of the trigger ("کشته شدند"), the next word's start ("شد"), or
    #: what stands right before it ("were killed")
    passive_trigger_end: re.Pattern[str] | None = None
    passive_next_word: tuple[str, ...] = ()
    passive_before: re.Pattern[str] | None = None
    #: a passive after an event noun: an auxiliary as the next word ("بمباران شد"), or a light verb
    #: followed by one of ``passive_light_next`` ("مورد حمله قرار گرفت"); the clause's first actor is the patient
    passive_auxiliaries: frozenset[str] = frozenset()
    passive_light_verb: str | None = None
    passive_light_next: tuple[str, ...] = ()
    #: verbs of exposure before the patient ("تعرضت مواقع الجيش لقصف")
    exposure_verbs: re.Pattern[str] | None = None
    #: a reporting verb ahead of the trigger (matched on raw text): an actor before it only reports the
    #: event, unless ``reporting_self`` follows the verb ("said it captured")
    reporting_before: re.Pattern[str] | None = None
    reporting_self: re.Pattern[str] | None = None
    #: complementizers (normalized words) after a ``reporting.yaml`` verb and its subject ("قالت الشرطة إن"):
    #: the subject only reports, unless the complementizer carries a pronoun (``report_complementizer_self``)
    report_complementizers: frozenset[str] = frozenset()
    report_complementizer_self: re.Pattern[str] | None = None
    #: subject-verb-object: an unmarked actor after the trigger is what was hit, unless ``parties_after``
    #: introduces it as a party ("clashes between X and Y")
    subject_verb_object: bool = False
    parties_after: re.Pattern[str] | None = None
    #: a count of some of the dead ("تسعة من القتلى", "nine of the dead"): right after the count; no ``$``
    part_of_dead: str | None = None
    #: a singular killing verb right before the trigger, group 1 its span ("قتل مدني بقصف"): one dead
    one_killed: re.Pattern[str] | None = None
    #: "between" before the parties of a clash
    between: tuple[str, ...] = ()
    #: a conjunction ending the gap between two coordinated trigger words ("قصفا واشتباكات": و; "and"); no ``$``
    coordination_gap: str | None = None
    #: what ties fire to a battle told before it in the sentence ("accompanied by", "amid", "exchange of"):
    #: the shelling or air strikes that follow it are that battle's fire, not another happening; no ``$``
    accompanying_fire: str | None = None
    #: what ties two weapons fired at one place in one sentence as simultaneous ("as", "while",
    #: "at the same time"): one bombardment told with its two weapons, not two happenings; no ``$``
    simultaneous_fire: str | None = None
    #: a conjunction in the gap between two places of a list of targets ("X وY", "X and Y")
    coordination: str | None = None
    #: "killed with N others": the word before the count ("مع", "along with"; no ``$``) and the word
    #: for "others" after it ("آخرين", "others")
    with_before: str | None = None
    others_after: str | None = None


#: The keys of ``triggers.yaml`` ``linking`` (every shipped language spells each out, ``null``/``[]``/``false``
#: where it has nothing of the kind; ``articles`` comes from ``morphology.yaml``).
LINKING_KEYS = ("relative_pronouns", "conjunction_proclitics", "agent_after_trigger", "agent_before_trigger",
                "agent_markers_after", "agent_before", "target_before", "object_after", "passive_trigger_end",
                "passive_next_word", "passive_before", "passive_auxiliaries", "passive_light_verb", "exposure_verbs",
                "reporting_before", "reporting_self", "report_complementizers", "report_complementizer_self",
                "subject_verb_object", "parties_after", "part_of_dead", "one_killed", "between", "coordination_gap",
                "accompanying_fire", "simultaneous_fire", "coordination", "with_before", "others_after")


def _pattern(lang: str, key: str, value: Any) -> re.Pattern[str] | None:
    """``linking.<key>`` compiled; one string only, as the uncompiled keys (``text``) are used as strings."""
    if value is None:
        return None
    where = f"{data_path(lang, 'triggers.yaml')}: linking.{key}"
    if not isinstance(value, str):
        raise LanguageDataError(f"{where}: expected a regular expression")
    return language_regex(value, where)


@lru_cache(maxsize=16)
def linking_rules(lang: str) -> LinkingRules:
    """The ``linking`` rules of ``lang`` (empty rules when its triggers.yaml has none)."""
    data = (load_yaml(lang, "triggers.yaml") or {}).get("linking") or {}
    if not isinstance(data, dict):
        raise LanguageDataError(f"{data_path(lang, 'triggers.yaml')}: linking: expected a mapping")

    def words(key: str, *, normalize: bool = True) -> tuple[str, ...]:
        return word_list(lang, "triggers.yaml", "linking." + key, normalize=normalize)

    def text(key: str) -> str | None:
        value = data.get(key)
        _pattern(lang, key, value)  # validated here, compiled where it is used
        return value

    light = data.get("passive_light_verb") or {}
    if not isinstance(light, dict):
        raise LanguageDataError(f"{data_path(lang, 'triggers.yaml')}: linking.passive_light_verb: expected a mapping")
    return LinkingRules(
        relative_pronouns=frozenset(words("relative_pronouns")),
        articles=word_list(lang, "morphology.yaml", "articles", normalize=False),
        conjunction_proclitics=words("conjunction_proclitics", normalize=False),
        agent_after_trigger=bool(data.get("agent_after_trigger")),
        agent_before_trigger=bool(data.get("agent_before_trigger")),
        agent_markers_after=tuple(w.lower() for w in words("agent_markers_after", normalize=False)),
        agent_before=text("agent_before"),
        target_before=_pattern(lang, "target_before", data.get("target_before")),
        object_after=_pattern(lang, "object_after", data.get("object_after")),
        passive_trigger_end=_pattern(lang, "passive_trigger_end", data.get("passive_trigger_end")),
        passive_next_word=words("passive_next_word", normalize=False),
        passive_before=_pattern(lang, "passive_before", data.get("passive_before")),
        passive_auxiliaries=frozenset(words("passive_auxiliaries", normalize=False)),
        passive_light_verb=light.get("word"),
        passive_light_next=word_list(lang, "triggers.yaml", "linking.passive_light_verb.next", normalize=False),
        exposure_verbs=_pattern(lang, "exposure_verbs", data.get("exposure_verbs")),
        reporting_before=_pattern(lang, "reporting_before", data.get("reporting_before")),
        reporting_self=_pattern(lang, "reporting_self", data.get("reporting_self")),
        report_complementizers=frozenset(words("report_complementizers")),
        report_complementizer_self=_pattern(lang, "report_complementizer_self",
                                            data.get("report_complementizer_self")),
        subject_verb_object=bool(data.get("subject_verb_object")),
        parties_after=_pattern(lang, "parties_after", data.get("parties_after")),
        part_of_dead=text("part_of_dead"),
        one_killed=_pattern(lang, "one_killed", data.get("one_killed")),
        between=words("between", normalize=False),
        coordination_gap=text("coordination_gap"),
        accompanying_fire=text("accompanying_fire"),
        simultaneous_fire=text("simultaneous_fire"),
        coordination=text("coordination"),
        with_before=text("with_before"),
        others_after=text("others_after"),
    )


@lru_cache(maxsize=16)
def _all_languages(key: str, prefix: str, suffix: str) -> re.Pattern[str] | None:
    """The ``linking.<key>`` pieces of every language as one pattern, ``prefix(?:a|b|...)suffix``: used
    where the text's language is not at hand (an actor mention, a count) -- a marker of one language never
    occurs as a word of another.  ``None`` when no language lists one."""
    pieces = [p for lang in languages() if (p := getattr(linking_rules(lang), key))]
    return re.compile(prefix + "(?:" + "|".join(pieces) + ")" + suffix, re.I) if pieces else None


@lru_cache(maxsize=1)
def _agent_before() -> re.Pattern[str] | None:
    """Every language's agent marker ("by", "على يد", "از سوی")."""
    return _all_languages("agent_before", "", "$")


@lru_cache(maxsize=1)
def _part_of_dead() -> re.Pattern[str] | None:
    """Every language's "of the dead" after a count ("من القتلى", "of the dead")."""
    return _all_languages("part_of_dead", r"\s*", r"(?!\w)")


@lru_cache(maxsize=1)
def _between() -> re.Pattern[str] | None:
    """Every language's "between" before the parties of a clash ("بين", "between")."""
    words = sorted({re.escape(w) for lang in languages() for w in linking_rules(lang).between})
    return re.compile(r"(?:^|\s)(?:" + "|".join(words) + r")\s", re.I) if words else None


_WORD = re.compile(r"\w+")
#: at most this many words between "between" and the place it introduces ("between the two villages of")
BETWEEN_WORDS = 3


def _between_places(before: str) -> bool:
    """Does ``before`` (the text right before a place) end with "between" and at most :data:`BETWEEN_WORDS`
    words ("between", "between the towns of", "بين بلدتي")?  The place and the one coordinated with it are the
    two ends of one stretch where one thing happened (ACLED codes one event there), not two targets."""
    pattern = _between()
    if pattern is None:
        return False
    tail = " " + " ".join(before.split()[-(BETWEEN_WORDS + 1):]) + " "
    return pattern.search(tail) is not None


#: ``(text, start, end, words)``: the last word window :func:`_words_in` read (one tuple, replaced whole)
_WINDOW: list[tuple[str, int, int, list[str]]] = [("", 0, 0, [])]


def _words_in(norm_text: str, start: int, end: int) -> list[str]:
    """``_WORD.findall(norm_text, start, end)``, remembered for the last window: the tests of a trigger's
    words after it (anaphora, other telling) and before it (attempt, definite) read the same window one
    after another.  The list is read, never changed, by the callers."""
    last = _WINDOW[0]
    if last[1] == start and last[2] == end and last[0] is norm_text:
        return last[3]
    words = _WORD.findall(norm_text, start, end)
    _WINDOW[0] = (norm_text, start, end, words)
    return words


def _is_anaphoric(norm_text: str, m: PhraseMatch, lex: TriggerLexicon) -> bool:
    """Does a demonstrative right before/after the trigger make it a reference to an event told earlier?"""
    before = _WORD.findall(norm_text, max(0, m.start - 24), m.start)
    if before:
        if before[-1] in lex.anaphora_before or " ".join(before[-2:]) in lex.anaphora_before:
            return True
    if not lex.anaphora_after:
        return False
    after = _words_in(norm_text, m.end, m.end + 16)
    return bool(after) and after[0] in lex.anaphora_after


def _told_as_other(norm_text: str, m: PhraseMatch, lex: TriggerLexicon) -> bool:
    """Does a word right after the trigger tell it as a new or other happening ("هجمات جديدة")?"""
    if not lex.other_after:
        return False
    after = _words_in(norm_text, m.end, m.end + 16)
    return bool(after) and after[0] in lex.other_after


def _take_sides_of_similar(cand: _Candidate, candidates: list[_Candidate], sent_actors: list[Mention],
                           norm_text: str, m: PhraseMatch, lex: TriggerLexicon) -> None:
    """"همچنین درگیری‌های مشابهی در جوبر و قابون گزارش شده است": a trigger followed by a ``similar_after``
    word, in a sentence naming no armed actor, is fought between the sides of the last event of its kind
    told in the two sentences before (not the last actor those sentences happen to name)."""
    if not lex.similar_after:
        return
    after = _words_in(norm_text, m.end, m.end + 16)
    if not after or after[0] not in lex.similar_after:
        return
    cand.similar = True
    if any(a.canonical_id not in NON_COMBATANTS for a in sent_actors):
        return
    model = next((c for c in reversed(candidates) if c.spec.sub_event_type == cand.spec.sub_event_type
                  and c.spec.rule == cand.spec.rule and cand.sentence.index - c.sentence.index <= 2), None)
    if model is not None and model.actor1 is not None:
        cand.actor1, cand.actor2 = model.actor1, model.actor2


def _definite_relative(norm_text: str, m: PhraseMatch, rules: LinkingRules) -> bool:
    """Is the trigger a definite noun followed by a relative clause, at most one definite adjective between
    ("الغارة الجوية التي استهدفت")?  It names an event the text has told, not a new one.  Languages that
    list ``relative_pronouns`` and an article (``morphology.yaml``) have the rule."""
    relatives, articles = rules.relative_pronouns, rules.articles
    if not relatives or not articles or not norm_text.startswith(articles, m.core_start):
        return False
    after = _WORD.findall(norm_text, m.end, m.end + 24)[:2]
    return bool(after) and (after[0] in relatives or (len(after) == 2 and after[0].startswith(articles)
                                                      and after[1] in relatives))


def _with_conjunction(word: str, words: frozenset[str], conjunctions: tuple[str, ...]) -> bool:
    """Is ``word`` one of ``words``, or one of them with an attached conjunction ("وحاولت")?"""
    return word in words or (word.startswith(conjunctions)  # a C-level test first: most words carry none
                             and any(word.startswith(c) and word[len(c):] in words for c in conjunctions))


def _is_attempt(norm_text: str, m: PhraseMatch, lex: TriggerLexicon, conjunctions: tuple[str, ...]) -> bool:
    """Is the trigger what a side tried to do ("تحاول اقتحام الحي", "tried to storm")?"""
    if not lex.attempt_before:
        return False
    before = _words_in(norm_text, max(0, m.start - 30), m.start)[-3:]
    attempts = lex.attempt_before
    if not attempts.isdisjoint(before):
        return True  # (one C-level test; then only the words with a conjunction attached are read)
    for w in before:
        if w.startswith(conjunctions) and _with_conjunction(w, attempts, conjunctions):
            return True
    return False


def _place_follows(doc: Document, lang: str, m: PhraseMatch) -> bool:
    """Is the next word a place mention or a place word ("سقوط الموصل", "سقطت مدينة", "سقطت بيد")?"""
    assert doc.norm is not None
    nxt = _WORD.search(doc.norm.text, m.end, m.end + 40)
    if nxt is None:
        return False
    lex = trigger_lexicon(lang)
    word = nxt.group()
    if lex is not None and (word in lex.place_after_words or word[1:] in lex.place_after_words):
        return True
    start, end = doc.norm.to_raw(nxt.start(), nxt.end())
    return any(p.start < end and start < p.end for p in doc.mentions if p.kind == "place")


def _headline_end(doc: Document) -> int | None:
    """Raw end of the headline: a short first paragraph followed by the article body; None without one."""
    if len(doc.paragraphs) < 2:
        return None
    first = doc.paragraphs[0]
    return first.end if first.end - first.start <= HEADLINE_MAX_CHARS else None


def _in_headline(sent: Sentence, headline_end: int | None) -> bool:
    """Is a sentence the headline, or the text's first sentence (a headline not told apart from the body)?"""
    return sent.index == 0 or (headline_end is not None and sent.start < headline_end)


def _after_past_particle(norm_text: str, m: PhraseMatch, lex: TriggerLexicon | None) -> bool:
    """Does a particle that gives the imperfect a past or future sense govern the trigger: right before it ("لم
    تسيطر" = did not take, "قبل أن تسيطر"), or a few words before it when the trigger carries the conjunction and
    continues the governed verb ("قبل أن تتقدم صوب الجنوب وتسيطر على")?  Then the form tells a deed, not who
    holds a place."""
    if lex is None or not lex.imperfect_deed_after:
        return False
    before = norm_text[max(0, m.start - 60):m.start]
    words = re.split(r"\s+", before.strip())
    if _CLAUSE_PUNCT.search(before):
        words = re.split(r"\s+", _CLAUSE_PUNCT.split(before)[-1].strip())
    if not words or not words[-1]:
        return False
    if words[-1] in lex.imperfect_deed_after:
        return True
    coordinated = norm_text.startswith(lex.imperfect_deed_conjunctions, m.start)
    return coordinated and any(w in lex.imperfect_deed_after for w in words[-4:])


_CLAUSE_PUNCT = re.compile(r"[،,;؛:.!?؟«»\"()]")


def _repeats_headline(doc: Document, sent: Sentence, headline_norm: str) -> bool:
    """Is a body sentence the headline again with at most a short label ("رابط الخبر بصحيفة الوئام:
    <headline>")?  It adds no happening of its own.  A lead that restates the headline and goes on
    ("<headline>, the monitor said on Sunday") is a telling of its own and stays."""
    assert doc.norm is not None
    if len(headline_norm) < 20:
        return False
    n_start, n_end = doc.norm.from_raw(sent.start), doc.norm.from_raw(sent.end)
    # the lengths first: the headline fits in the sentence with at most the label's characters to spare
    return 0 <= (n_end - n_start) - len(headline_norm) <= REPEAT_LABEL_CHARS \
        and headline_norm in doc.norm.text[n_start:n_end]


@lru_cache(maxsize=16)
def _link_list(lang: str) -> re.Pattern[str] | None:
    """The marker opening a scraped page's list of other articles' headlines (``link_list`` in
    triggers.yaml: "Related", "Related News", "Read Also"), case-sensitive on the raw text."""
    value = (load_yaml(lang, "triggers.yaml") or {}).get("link_list")
    return re.compile(str(value)) if value else None


#: how close to the end of the text a tag line (``tag_line``) opens
TAG_LINE_TAIL = 200


@lru_cache(maxsize=16)
def _capture_time_words(lang: str) -> re.Pattern[str] | None:
    """The words right before a capture noun that make it the time of what follows (``capture_as_time_before``
    in triggers.yaml: "بعد تحرير عدن"), as one pattern anchored at the end of the text before the noun."""
    words = word_list(lang, "triggers.yaml", "capture_as_time_before")
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|\s)(?:{alternatives})\s+$")


def _capture_as_time(cand: _Candidate, norm_text: str, norm_start: int, lang: str) -> bool:
    """Is a capture told only as the time of what follows ("أول طائرة إلى مطار عدن بعد تحريره"، "هروب
    البعض بعد تحرير مدينة عدن")?  A change of control named after "after", in a sentence with no date,
    is the state the news starts from, told before; the report of a fresh one dates it ("فبعد سيطرة
    المقاومة على المديرية السبت"), and a headline tells its news so ("أبين التالية بعد تحرير لحج")."""
    if cand.spec.rule != "capture" or cand.sentence.index == 0 or cand.date is not None \
            or cand.sentence_date is not None or cand.dated_sentence:
        return False
    pattern = _capture_time_words(lang)
    return pattern is not None and pattern.search(norm_text, max(0, norm_start - 40), norm_start) is not None


@lru_cache(maxsize=16)
def _tag_line(lang: str) -> re.Pattern[str] | None:
    """The marker opening a scraped article's closing tag line (``tag_line`` in triggers.yaml: "سمات")."""
    value = (load_yaml(lang, "triggers.yaml") or {}).get("tag_line")
    return re.compile(str(value)) if value else None


def _tag_line_start(doc: Document, lang: str) -> int | None:
    """Where the text's closing tag line opens ("... سمات توقيف لبنان مسلحين"), if it has one."""
    pattern = _tag_line(lang)
    if pattern is None:
        return None
    start = max(0, len(doc.text) - TAG_LINE_TAIL)
    if not may_match(pattern, doc.text, start, len(doc.text)):
        return None
    found = pattern.search(doc.text, start)
    return found.start() if found is not None else None


def _outside_link_lists(doc: Document, hits: list[tuple[str, PhraseMatch, Sentence]]) \
        -> list[tuple[str, PhraseMatch, Sentence]]:
    """Drop the trigger hits after a link-list marker in their sentence: "... Print Tweet Views 1430 Related
    Syrias Assad says ... 43 civilians dead in bombardment ...", "91 Related US-Led Coalition Airstrikes Near
    Raqqa Killed at Least 84 Civilians": other articles' headlines, which the scraped text runs into the
    article without a full stop, tell those articles' happenings, not this one's.  So do the words of a
    closing tag line (:func:`_tag_line_start`: "سمات التحالف الدولي. داعش غارة"), to the end of the text."""
    assert doc.norm is not None
    first_marker: dict[tuple[str, int], int | None] = {}
    tag_lines: dict[str, int | None] = {}
    kept = []
    for lang, m, sent in hits:
        if lang not in tag_lines:
            tag_lines[lang] = _tag_line_start(doc, lang)
        tags = tag_lines[lang]
        if tags is not None and doc.norm.to_raw(m.core_start, m.end)[0] >= tags:
            continue  # a word of the closing tag line ("سمات التحالف الدولي. داعش غارة")
        key = (lang, sent.index)
        if key not in first_marker:
            pattern = _link_list(lang)
            found = pattern.search(doc.text, sent.start, sent.end) \
                if pattern is not None and may_match(pattern, doc.text, sent.start, sent.end) else None
            first_marker[key] = found.start() if found is not None else None
        marker = first_marker[key]
        if marker is None or doc.norm.to_raw(m.core_start, m.end)[0] < marker:
            kept.append((lang, m, sent))
    return kept


def _trigger_matcher(lang: str) -> PhraseMatcher | None:
    lex = trigger_lexicon(lang)
    return lex.matcher if lex else None


@dataclass(slots=True)
class _Candidate:
    """One trigger with everything linked to it, before merging."""

    lang: str
    match: PhraseMatch
    spec: TriggerSpec
    sentence: Sentence
    start: int  # raw trigger span
    end: int
    clause: tuple[int, int]  # raw clause bounds
    sub_event_type: str = ""
    actor1: Mention | None = None
    actor2: Mention | None = None
    assoc: list[Mention] = field(default_factory=list)
    place: Mention | None = None
    place_inherited: bool = False
    date: Mention | None = None
    quantities: dict[str, Mention] = field(default_factory=dict)
    polarity: str = "asserted"
    cue: tuple[int, int] | None = None  # raw span of the modality cue
    outcome: str | None = None
    evidence: list[Span] = field(default_factory=list)
    triggers: list[tuple[int, int]] = field(default_factory=list)
    last_sentence: int = 0
    anaphoric: bool = False
    #: told as "similar" to the event before ("درگیری‌های مشابهی"): another happening of that kind, never its detail
    similar: bool = False
    attempt: bool = False
    #: where the fire words that accompany this battle end (:func:`_fire_of_battle`): a weapon listed next
    #: to one ("shelling and airstrikes in addition to barrel bombs") accompanies it too
    fire_ends: list[int] = field(default_factory=list)
    #: a generic word told as new or other ("هجمات جديدة", "هجوم آخر"): no retelling of an event told before
    other_telling: bool = False
    sentence_actors: list[Mention] = field(default_factory=list)
    #: (richness, -start, start, end, sentence) of the telling that carries the most facts so far
    best_telling: tuple[int, int, int, int, Sentence] | None = None
    #: how the date was linked: "clause", "sentence", "previous" (sentence), "merged" (another telling);
    #: "speech" (the date of the statement) and "dateline" (the article's stamp) when no other was found
    date_source: str | None = None
    #: its sentence states a date that is not the trigger's (the statement's, or a later happening's:
    #: :func:`_rank_dates`); it still counts as a fact this telling states (:meth:`richness`)
    dated_sentence: bool = False
    #: the nearest date of its sentence even when it is not the event's (:func:`_rank_dates` with
    #: ``keep_all``) and how it stands to the trigger: what the sentence ties the trigger to, read by
    #: the tests for history and for a telling anchored in one happening (:func:`_told_as_history`,
    #: :func:`_anchored`), which are about the sentence, not about the event's date
    sentence_date: Mention | None = None
    sentence_date_source: str | None = None
    #: :func:`_speech_date` of the sentence's dates and :func:`_toll_update`, read once per telling
    speech_dates: dict[int, bool] = field(default_factory=dict)
    toll_update: bool | None = None
    #: told in the document's headline (see :func:`_headline_end`) or in a body sentence repeating it
    headline: bool = False
    #: told in a body sentence that repeats the headline (a dateline, "رابط الخبر: <headline>")
    repeat: bool = False
    #: a headline event whose counts were replaced by a body telling's
    body_counts: bool = False
    #: a definite trigger ("the airstrikes"): a happening the text may have told before
    definite: bool = False
    #: ... made definite by the article it carries ("القصف"; ``definite_by_article``)
    definite_article: bool = False
    #: a definite trigger noun with a relative clause ("الغارة الجوية التي استهدفت ..."): the event told before
    back_reference: bool = False
    #: the death tolls of the tellings folded into this one that it does not keep as its own count (a second
    #: source's toll, the headline's summary): each is a claim about the event (:func:`_keep_tolls`)
    other_tolls: list[Mention] = field(default_factory=list)

    @property
    def generic(self) -> bool:
        """A generic word ("attack", "killed") whose sub-type is inferred, not named."""
        return self.spec.rule in ("attack", "killing") or self.spec.weak

    def richness(self) -> int:
        """How much of the happening this telling states itself: a count, the place, the date, the actors
        and a specific trigger.  The richest telling becomes the main evidence (a headline usually names
        the event tersely; the lead sentence states who, where, when and how many)."""
        own_place = self.place is not None and not self.place_inherited \
            and self.place.attrs.get("feature") != "country"
        in_sentence = (self.sentence.start, self.sentence.end)
        return (2 * ("killed" in self.quantities) + bool(self.quantities) + own_place
                + ((self.date is not None and _in(self.date, in_sentence)) or self.dated_sentence)
                + (self.actor1 is not None and _in(self.actor1, in_sentence))
                + (self.actor2 is not None and _in(self.actor2, in_sentence)) + 2 * (not self.generic)
                - 2 * self.attempt)

    def telling(self) -> tuple[int, int, int, int, Sentence]:
        # a headline packs the toll and the place into a few words, but the body is where the event is
        # told: any body telling is the better evidence
        return (self.richness() - HEADLINE_PENALTY * self.headline, -self.start, self.start, self.end, self.sentence)

    def priority(self) -> int:
        """Sub-type precedence when tellings merge; an inferred sub-type never overrides a named one."""
        return _PRIORITY.get(self.sub_event_type, 99) + (100 if self.generic else 0)


class _MentionIndex:
    """Mentions of one kind sorted by start, for range queries by raw offsets."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self._memo: dict[tuple[int, int], list[Mention]] = {}

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside ``[start, end)``, in order.  The same sentence and clause ranges are asked
        for by every trigger of a sentence: each range is worked out once (the lists are read, never
        changed, by the callers)."""
        got = self._memo.get((start, end))
        if got is None:
            lo = bisect_left(self.starts, start)
            hi = bisect_right(self.starts, end - 1)
            got = self._memo[start, end] = [m for m in self.items[lo:hi] if m.end <= end]
        return got


def _clause_bounds(text: str, sent: Sentence, start: int, end: int) -> tuple[int, int]:
    left = sent.start
    for m in CLAUSE_PUNCT.finditer(text, sent.start, start):
        left = m.end()
    right_m = CLAUSE_PUNCT.search(text, end, sent.end)
    return left, right_m.start() if right_m else sent.end


def _distance(m: Mention, start: int, end: int) -> int:
    if m.end <= start:
        return start - m.end
    if m.start >= end:
        return m.start - end
    return 0


def _in(m: Mention, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= m.start and m.end <= bounds[1]


def _rank_near(mentions: list[Mention], cand: _Candidate) -> list[Mention]:
    """Mentions ordered by closeness to the trigger, the trigger's own clause first (the key is
    ``(not _in(m, cand.clause), _distance(m, cand.start, cand.end))`` written out: ~50 sorts per document)."""
    if len(mentions) < 2:
        return list(mentions)
    lo, hi = cand.clause
    start, end = cand.start, cand.end

    def key(m: Mention) -> tuple[bool, int]:
        m_start, m_end = m.start, m.end
        return (not (lo <= m_start and m_end <= hi),
                start - m_end if m_end <= start else m_start - end if m_start >= end else 0)
    return sorted(mentions, key=key)


def _side(m: Mention | None) -> str | None:
    return m.attrs.get("side") if m is not None else None


def _agent_first(ranked: list[Mention], cand: _Candidate, text: str) -> list[Mention]:
    """Put the agent first: the actor right after the trigger in Arabic and Persian (VSO verbs,
    "سيطرة قوات النظام"، "سیطره ارتش"), or after "by"; the nearest preceding one in English."""
    def gap_words(m: Mention) -> int:
        return len(_WORD.findall(text, cand.end, m.start))

    rules = linking_rules(cand.lang)
    targets: list[Mention] = []
    if rules.target_before is not None and rules.object_after is not None:
        # "ارتش مواضع گروه‌های مسلح را ... مورد حمله قرار داد": the object marked by را is the patient, and
        # so is an actor after "علیه"/"به" ("حملات موشکی علیه اسرائیل", "حمله ارتش به مواضع داعش")
        target_before, object_after = rules.target_before, rules.object_after
        targets = [m for m in ranked if target_before.search(text, max(0, m.start - 40), m.start)]
        objects = [m for m in ranked if object_after.match(text, m.end) and m not in targets]
        if objects or targets:
            ranked = [m for m in ranked if m not in objects and m not in targets] + objects + targets
    marked = [m for m in ranked if _in(m, cand.clause) and _agent_marked(m, text)]
    if marked:  # "shelling by regime forces", "توسط ارتش": the marked agent wherever it stands
        return [marked[0], *[m for m in ranked if m is not marked[0]]]
    following = [m for m in ranked if m.start >= cand.end and _in(m, cand.clause) and m not in targets]
    if following:
        first = min(following, key=lambda m: m.start)
        gap = text[cand.end:first.start].strip().lower()
        if (rules.agent_after_trigger and gap_words(first) <= 1) or gap.endswith(rules.agent_markers_after):
            return [first, *[m for m in ranked if m is not first]]
    if rules.agent_before_trigger:
        before = [m for m in ranked if m.end <= cand.start and _in(m, cand.clause)]
        if before:
            last = max(before, key=lambda m: m.start)
            return [last, *[m for m in ranked if m is not last]]
    return ranked




def _is_passive(cand: _Candidate, text: str) -> bool:
    """A passive killing verb ("were killed", "کشته شدند") whose grammatical subject is the victim."""
    rules = linking_rules(cand.lang)
    if rules.passive_trigger_end is not None or rules.passive_next_word:
        following = text[cand.end:cand.end + 8].split()
        return bool(rules.passive_trigger_end and rules.passive_trigger_end.search(text[cand.start:cand.end])) \
            or bool(following and following[0].startswith(rules.passive_next_word))
    return bool(rules.passive_before and rules.passive_before.search(text[max(0, cand.start - 12):cand.start]))


#: ``(text, {start: marker before start})`` for the text :func:`_agent_marked` last read (one tuple, replaced
#: whole): the same few mentions are asked about ~11 times per document.
_MARKED: list[tuple[str, dict[int, bool]] | None] = [None]


def _agent_marked(m: Mention, text: str) -> bool:
    # role "attacker": the launcher of a repelled attack (actor_context: "تصدى الجيش لهجوم شنته X")
    # or a marker right before it ("shelled by regime forces", "على يد", "از سوی ارتش", linking.agent_before)
    if m.attrs.get("role") == "attacker":
        return True
    last = _MARKED[0]
    if last is None or last[0] is not text:
        last = _MARKED[0] = (text, {})
    marked = last[1].get(m.start)
    if marked is None:
        agent_before = _agent_before()
        marked = last[1][m.start] = agent_before is not None and bool(
            agent_before.search(text[max(0, m.start - 16):m.start]))
    return marked


def _passive_patient(cand: _Candidate, actors: list[Mention], text: str) -> Mention | None:
    """The patient of a passive telling -- the actor that was attacked, not the one that attacked:
    "X از سوی Y مورد حمله قرار گرفت"، "X بمباران شد"، "تعرض X لقصف"، "X were shelled by Y".  None when
    the trigger is not passive or no patient stands before it in its clause."""
    before = [m for m in actors if m.end <= cand.start and _in(m, cand.clause) and not _agent_marked(m, text)
              and m.canonical_id not in NON_COMBATANTS]
    if not before:
        return None
    rules = linking_rules(cand.lang)
    if rules.passive_auxiliaries or rules.passive_light_verb:
        # a passive auxiliary after the event noun ("بمباران شد", "مورد حمله قرار گرفت")
        words = text[cand.end:cand.clause[1]].split()[:6]
        light, light_next = rules.passive_light_verb, rules.passive_light_next
        passive = (bool(words) and words[0].rstrip(".،") in rules.passive_auxiliaries) or any(
            w == light and nxt.startswith(light_next) for w, nxt in zip(words, words[1:], strict=False))
        # the subject opens the clause: "مواضع تروریست‌ها در حومه حلب از سوی ارتش ... مورد حمله قرار گرفت"
        return min(before, key=lambda m: m.start) if passive else None
    if rules.exposure_verbs is not None:
        # a verb of exposure before the patient ("تعرضت مواقع الجيش لقصف")
        exposures = list(rules.exposure_verbs.finditer(text, cand.clause[0], cand.start))
        if not exposures:
            return None
        after_verb = [m for m in before if m.start >= exposures[-1].end() - 1]
        return after_verb[0] if after_verb else None
    if cand.spec.rule != "killing" and rules.passive_before is not None \
            and rules.passive_before.search(text[max(0, cand.start - 12):cand.start]):
        return max(before, key=lambda m: m.start)
    return None


def _without_speakers(cand: _Candidate, actors: list[Mention], text: str, rules: LinkingRules) -> list[Mention]:
    """Drop the actors that only report the event (before "said"/"claimed that" ahead of the trigger,
    ``linking.reporting_before``), unless the report takes them back as its subject ("said it captured")."""
    assert rules.reporting_before is not None
    last = max(rules.reporting_before.finditer(text, cand.sentence.start, cand.start), key=lambda r: r.start(),
               default=None)
    if last is None or (rules.reporting_self is not None and rules.reporting_self.match(text, last.end())):
        return actors
    return [m for m in actors if m.start >= last.end()]


def _svo_target(m: Mention, cand: _Candidate, text: str, rules: LinkingRules) -> bool:
    """In a subject-verb-object language (``linking.subject_verb_object``) an actor after the trigger, not
    introduced by "by" or as one of the parties ("between X and Y"), is what was hit ("an explosion killed
    25 members of Nusra Front")."""
    return rules.subject_verb_object and m.start >= cand.end and not _agent_marked(m, text) \
        and not (rules.parties_after is not None and rules.parties_after.search(text, cand.end, m.start))


@lru_cache(maxsize=8)
def _reporting_verbs(lang: str) -> frozenset[str]:
    """Normalized reporting verbs of ``lang`` (``reporting.yaml``: verbs that assert or deny)."""
    return frozenset(v for polarity in ("asserts", "denies")
                     for v in word_list(lang, "reporting.yaml", f"verbs.{polarity}"))


def _without_reporting_subjects(cand: _Candidate, actors: list[Mention], norm: Any,
                                rules: LinkingRules) -> list[Mention]:
    """Drop an actor that is the subject of a reporting verb (``reporting.yaml``) right before it, with a
    complementizer (``linking.report_complementizers``) ahead of the trigger ("قالت الشرطة إن تفجيرا
    انتحاريا ...": the police report the bombing, they did not carry it out), unless the complementizer
    takes it back as the subject of the report (``report_complementizer_self``: "قالت الشرطة إنها اعتقلت")."""
    verbs = _reporting_verbs(cand.lang)
    that, that_self = rules.report_complementizers, rules.report_complementizer_self
    conjunctions = rules.conjunction_proclitics
    n_trigger = norm.from_raw(cand.start)
    kept: list[Mention] = []
    for m in actors:
        if m.end <= cand.start and _in(m, (cand.sentence.start, cand.sentence.end)):
            n_start = norm.from_raw(m.start)
            before = _WORD.findall(norm.text, max(0, n_start - 16), n_start)[-1:]
            verb = bool(before) and (before[0] in verbs or _with_conjunction(before[0], verbs, conjunctions))
            between = _WORD.findall(norm.text, norm.from_raw(m.end), n_trigger) if verb else []
            if verb and any(w in that for w in between) \
                    and not (that_self is not None and any(that_self.match(w) for w in between)):
                continue
        kept.append(m)
    return kept


def _victims_last(armed: list[Mention], subject: Mention) -> list[Mention]:
    """The armed actors with the victims of a passive killing verb last: its subject and every other mention
    of the same actor ("پایگاه تروریست‌ها ... نابود شد و تعدادی تروریست کشته شدند": the terrorists whose
    base was destroyed are the dead, not their killers)."""
    same = [m for m in armed if m is not subject and m.canonical_id == subject.canonical_id]
    if len(same) + 1 == len(armed):
        same = []  # nobody else is named: keep the order the clause gives
    last = {id(m) for m in same} | {id(subject)}
    return [m for m in armed if id(m) not in last] + same + [subject]


def _link_actors(cand: _Candidate, actors: list[Mention], previous: list[Mention], text: str,
                 norm: Any = None) -> None:
    rules = linking_rules(cand.lang)
    if rules.reporting_before is not None:
        actors = _without_speakers(cand, actors, text, rules)
    elif rules.report_complementizers and norm is not None:
        actors = _without_reporting_subjects(cand, actors, norm, rules)
    patient = _passive_patient(cand, actors, text) if cand.spec.rule != "killing" else None
    if patient is not None:
        # passive: the agent is marked ("از سوی"، "by") or follows the event noun ("مورد حمله گروه‌های مسلح");
        # without one the attacker is not named
        others = [m for m in _agent_first(_rank_near(actors, cand), cand, text)
                  if m is not patient and m.canonical_id != patient.canonical_id and _in(m, cand.clause)
                  and m.canonical_id not in NON_COMBATANTS]
        marked = [m for m in others if _agent_marked(m, text)]
        following = [m for m in others if m.start >= cand.end
                     and len(_WORD.findall(text, cand.end, m.start)) <= 1]
        agent = next(iter(marked or following), None)
        cand.actor1, cand.actor2 = agent, patient
        cand.assoc = []
        return
    ranked = _agent_first(_rank_near(actors, cand), cand, text)
    sub = cand.spec.sub_event_type
    victims_ok = sub in ("Arrests", "Attack", "Abduction/forced disappearance", "Sexual violence") \
        or cand.spec.rule in ("attack", "killing")
    armed = [m for m in ranked if m.canonical_id not in NON_COMBATANTS]
    if cand.spec.rule == "killing" and _is_passive(cand, text):
        # "30 terrorists were killed" / "۳۰ تروریست کشته شدند": the subject before the verb is the victim
        subject = max((m for m in armed if m.end <= cand.start and _in(m, cand.clause)), key=lambda m: m.start,
                      default=None)
        if subject is not None and len(armed) > 1:
            armed = _victims_last(armed, subject)
    victims = [m for m in ranked if m.canonical_id in ("civilians", "protesters")
               or (victims_ok and m.canonical_id == "activists")]
    if sub == "Other":  # displacement: the people who flee are the actor
        cand.actor1 = next(iter(victims), None)
        return
    if sub == "Peaceful protest" or sub == "Violent demonstration":
        cand.actor1 = next(iter(m for m in ranked if m.canonical_id == "protesters"), None)
        cand.actor2 = armed[0] if armed else None
        return
    agents = [m for m in armed if not _svo_target(m, cand, text, rules)] if rules.subject_verb_object else armed
    if agents:
        cand.actor1 = agents[0]
        # a state force leads its coalition: "قوات النظام ... مدعومة بحزب الله" -> actor 1 is the army
        lead = next((m for m in armed if m.attrs.get("inter") == 1 and _side(m) == _side(armed[0])), None)
        if lead is not None and _in(lead, (cand.sentence.start, cand.sentence.end)) \
                and not (rules.subject_verb_object and _svo_target(lead, cand, text, rules)):
            cand.actor1 = lead
    elif previous and not armed:
        prev_armed = [m for m in previous if m.canonical_id not in NON_COMBATANTS]
        cand.actor1 = prev_armed[-1] if prev_armed else None
    side1 = _side(cand.actor1)
    others = [m for m in armed if m is not cand.actor1 and _side(m) != side1]
    # the opponent or the victims named in the trigger's own clause before a party of another clause
    # ("لقي 8 أشخاص مصرعهم بقصف للحوثيين، ... أعلنت المقاومة": the people killed, not the resistance)
    in_clause = [m for m in [*others, *victims] if _in(m, cand.clause)]
    if in_clause and not any(_in(m, cand.clause) for m in others[:1]):
        cand.actor2 = min(in_clause, key=lambda m: _distance(m, cand.start, cand.end))
    elif others:
        cand.actor2 = others[0]
    elif victims:
        cand.actor2 = victims[0]
    seen = {cand.actor1.canonical_id if cand.actor1 else None, cand.actor2.canonical_id if cand.actor2 else None}
    for m in armed:
        if m is cand.actor1 or m.canonical_id in seen or side1 is None or _side(m) != side1:
            continue
        seen.add(m.canonical_id)
        cand.assoc.append(m)


#: A relative day said deictically ("0d" today, "-1d" yesterday): a weekday right after it restates it.
_DEICTIC_DAY = re.compile(r"[-+]?\d+d")
#: What may stand between a deictic day and the weekday restating it ("اليوم (الاثنين)", "أمس، الثلاثاء").
_APPOSITION_GAP = re.compile(r"[\s(،,]*")


def _restated_weekday(m: Mention, previous: Mention | None, text: str) -> bool:
    """"اليوم الأحد"، "أمس الثلاثاء"، "اليوم (الاثنين)": the weekday restates the deictic day before it."""
    return (previous is not None and str(m.attrs.get("expression") or "").startswith("weekday:")
            and bool(_DEICTIC_DAY.fullmatch(str(previous.attrs.get("expression") or "")))
            and _APPOSITION_GAP.fullmatch(text, previous.end, m.start) is not None)


@lru_cache(maxsize=8)
def _speech_date_window(lang: str) -> tuple[int, int, dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    """(words before, words after, reporting verbs by first word, complementizers): how far from a
    reporting verb a date is the statement's (``dates.yaml: speech_date_window``; Arabic "قال المرصد
    السوري لحقوق الإنسان اليوم الجمعة إن": the verb up to 6 words before; Persian "... روز شنبه اعلام کرد":
    the verb right after).  A complementizer (إن، that، که) opens the report: a date after it is the content's."""
    window = (load_yaml(lang, "dates.yaml") or {}).get("speech_date_window") or {}
    that = frozenset(word_list(lang, "reporting.yaml", "complementizers"))
    return (int(window.get("before", 0)), int(window.get("after", 0)), _by_first_word(_reporting_verbs(lang)), that)


def _by_first_word(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``phrases`` as word tuples by first word, longest first (what :func:`_phrase_starts` reads)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted({tuple(p.split()) for p in phrases if p.split()}, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    return {w: tuple(ps) for w, ps in by_first.items()}


#: How many characters around a date are read for the reporting verb (the windows are a few words).
_SPEECH_SCAN = 160


def _speech_date(m: Mention, cand: _Candidate, norm: Any) -> bool:
    """Does the date say when a statement was made rather than when the event happened?  ("the
    Observatory said on Sunday", "قال المرصد اليوم الجمعة إن ...", "در کنفرانس مطبوعاتی این هفته خود
    اعلام کرد"): a reporting verb within the language's window of the date, with the trigger not
    between them."""
    before, after, verbs, that = _speech_date_window(cand.lang)
    if not verbs or not (before or after):
        return False
    conjunctions = linking_rules(cand.lang).conjunction_proclitics
    n_start, n_end = norm.from_raw(m.start), norm.from_raw(m.end)
    n_sent_start, n_sent_end = norm.from_raw(cand.sentence.start), norm.from_raw(cand.sentence.end)
    n_trig_start, n_trig_end = norm.from_raw(cand.start), norm.from_raw(cand.end)
    text = norm.text
    far = 1 << 30  # the trigger is out of reach: it cannot lie between the verb and the date

    def verb_at(words: list[str], i: int) -> bool:
        word = words[i]
        for v in verbs.get(word, ()):
            if tuple(words[i:i + len(v)]) == v:
                return True
        # a one-word verb with the conjunction attached ("وقال", "فأضاف"; linking.conjunction_proclitics)
        return word.startswith(conjunctions) and any(
            word.startswith(c) and (word[len(c):],) in verbs.get(word[len(c):], ()) for c in conjunctions)

    if before:
        # the verb up to ``before`` words ahead of the date, and the trigger not after the verb
        lo = max(n_sent_start, n_start - _SPEECH_SCAN)
        words = _WORD.findall(text, lo, n_start)[-(before + 1):]
        trigger_gap = (None if n_trig_end > n_start else far if n_trig_end < lo
                       else len(_WORD.findall(text, n_trig_end, n_start)))
        for i in range(len(words) - 1, -1, -1):
            if (trigger_gap is not None and len(words) - i > trigger_gap) or words[i] in that:
                break
            if verb_at(words, i):
                return True
    if after and n_trig_start >= n_end:
        # the verb within ``after`` words after the date and the trigger after the verb: the report comes
        # first ("the army on Monday said it captured"); in "killed in a mosque on Friday, said a
        # monitoring group" the date is the killing's
        hi = min(n_sent_end, n_end + _SPEECH_SCAN)
        words = _WORD.findall(text, n_end, hi)[:after + 4]
        trigger_gap = far if n_trig_start > hi else len(_WORD.findall(text, n_end, n_trig_start))
        for i in range(min(after + 1, len(words))):
            if i >= trigger_gap or words[i] in that:
                break
            if verb_at(words, i):
                return True
    return False


@dataclass(frozen=True, slots=True)
class _DateLinking:
    """What keeps a date of the trigger's sentence from being the trigger's (``dates.yaml``,
    normalized): the words opening a sequence phrase and the words of a death-toll update."""
    #: "در پی", "بعد", "after", "قبل أن", "before": a trigger in the phrase such a word opens happened
    #: before (after) the rest of the sentence, so a date before the word is the other happening's
    sequence_words: dict[str, tuple[tuple[str, ...], ...]]
    #: how many words the phrase may run before its trigger
    sequence_window: int
    #: "has", "have", "had": a trigger after one in its clause is told in the perfect, which English news
    #: uses when the text does not say when ("ISIL has executed 24 civilians, a monitor said Friday")
    perfect_auxiliaries: frozenset[str]
    #: "death toll", "حصيلة", "شمار کشته" and "rose/reached", "ارتفعت", "رسید": a sentence with both
    #: (within ``toll_window`` words) updates the toll of an earlier happening
    toll_nouns: dict[str, tuple[tuple[str, ...], ...]]
    toll_verbs: dict[str, tuple[tuple[str, ...], ...]]
    toll_window: int
    #: death verbs that, before a sequence word, make its phrase the deaths' cause ("قتلوا أمس إثر انفجار
    #: لغم"), besides the trigger lexicon's ``death_cues``
    sequence_death_words: frozenset[str] = frozenset()


@lru_cache(maxsize=8)
def _date_linking(lang: str) -> _DateLinking:
    data = load_yaml(lang, "dates.yaml") or {}
    where = f"{data_path(lang, 'dates.yaml')}"

    def phrases(key: str) -> dict[str, tuple[tuple[str, ...], ...]]:
        return _by_first_word(word_list(lang, "dates.yaml", key))

    def window(key: str, default: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or value < 0:
            raise LanguageDataError(f"{where}: {key}: expected a number of words")
        return value

    return _DateLinking(phrases("sequence_words"), window("sequence_window", 8),
                        frozenset(word_list(lang, "dates.yaml", "perfect_auxiliaries")), phrases("toll_nouns"),
                        phrases("toll_verbs"), window("toll_window", 8),
                        frozenset(word_list(lang, "dates.yaml", "sequence_death_words")))


def _phrase_starts(words: list[str], phrases: dict[str, tuple[tuple[str, ...], ...]]) -> list[tuple[int, int]]:
    """(first, last + 1) word indices of every occurrence of one of ``phrases`` (by first word) in ``words``."""
    out = []
    for i in [i for i, word in enumerate(words) if word in phrases]:  # most words open none
        for p in phrases[words[i]]:
            if len(p) == 1 or tuple(words[i:i + len(p)]) == p:
                out.append((i, i + len(p)))
                break
    return out


def _has_death_word(text: str, rules: _DateLinking, lang: str) -> bool:
    """Does ``text`` hold one of the language's ``sequence_death_words``, alone or after a conjunction
    proclitic ("وقتلت")?"""
    if not rules.sequence_death_words:
        return False
    conjunctions = linking_rules(lang).conjunction_proclitics
    return any(w in rules.sequence_death_words or (
        w.startswith(conjunctions) and any(w.startswith(c) and w[len(c):] in rules.sequence_death_words
                                           for c in conjunctions)) for w in _WORD.findall(text))


def _sequence_start(cand: _Candidate, norm: Any, lex: TriggerLexicon | None) -> int | None:
    """Raw offset of the sequence word ("در پی", "بعد", "after"; "قبل أن", "before") that opens the phrase
    the trigger stands in -- in its clause, at most ``sequence_window`` words before it -- else None.
    "رئیس‌جمهور فرانسه در روز 3 دسامبر در پی نخستین حملات جنگنده‌ها ... استقبال کرد", "Rebels withdrew on
    Sunday after heavy shelling", "سيطرت على تل أبيض يوم 15 يونيو قبل أن تتقدم ... وتسيطر على عين عيسى": the
    date is of the welcome, the withdrawal, the first capture, not of the happening before or after it.
    Not when the sentence tells the trigger's toll before the word ("12 civilians were killed on Friday
    after air strikes hit a market", a death word): the deaths date the strikes that caused them."""
    rules = _date_linking(cand.lang)
    if not rules.sequence_words:
        return None
    lo, hi = norm.from_raw(cand.clause[0]), norm.from_raw(cand.start)
    found = list(_WORD.finditer(norm.text, lo, hi))
    if found and found[-1].end() == hi:
        found.pop()  # a proclitic of the trigger ("وتسيطر"), not a word of its own
    found = found[-(rules.sequence_window + 3):]
    words = [w.group() for w in found]
    hits = _phrase_starts(words, rules.sequence_words)
    for first, last in reversed(hits):
        if len(words) - last <= rules.sequence_window:
            n_word = found[first].start()
            n_sent = norm.from_raw(cand.sentence.start)
            before = norm.text[n_sent:n_word]
            if (lex is not None and lex.death_cues.find(before)) or _has_death_word(before, rules, cand.lang):
                return None
            return norm.to_raw(n_word, n_word)[0]
    return None


def _toll_update(cand: _Candidate, norm: Any) -> bool:
    """Does the trigger's sentence update a death toll ("the death toll from the bombing reached 112",
    "ارتفعت حصيلة قتلى القذائف إلى 11", "شمار کشته‌شدگان ... به 50 نفر رسید")?  The statement's date then
    dates the new count, not the happening."""
    rules = _date_linking(cand.lang)
    if not rules.toll_nouns or not rules.toll_verbs:
        return False
    words = _WORD.findall(norm.text, norm.from_raw(cand.sentence.start), norm.from_raw(cand.sentence.end))
    nouns = _phrase_starts(words, rules.toll_nouns)
    verbs = _phrase_starts(words, rules.toll_verbs)
    return any(abs(n[0] - v[0]) <= rules.toll_window for n in nouns for v in verbs)


def _told_in_perfect(cand: _Candidate, norm: Any) -> bool:
    """Is the trigger told in the perfect -- an auxiliary of ``perfect_auxiliaries`` before it in its
    clause ("ISIL has executed at least 24 civilians after seizing a village, a monitor said Friday")?
    English news uses the perfect when it does not say when; the statement's day then dates only the
    statement ("A bomb killed six, state TV reported on Wednesday", in the past tense, keeps it)."""
    auxiliaries = _date_linking(cand.lang).perfect_auxiliaries
    return bool(auxiliaries) and any(w in auxiliaries for w in _WORD.findall(
        norm.text, norm.from_raw(cand.clause[0]), norm.from_raw(cand.start)))


def _report_opened(m: Mention, cand: _Candidate, norm: Any) -> bool:
    """Does the statement dated by ``m`` come first and open its report -- a complementizer or a clause
    break between the date and the trigger ("قال المرصد اليوم الجمعة إن متشددي التنظيم خطفوا ...", "در
    کنفرانس مطبوعاتی این هفته خود اعلام کرد، بیش از 20 کودک ... کشته شده‌اند")?  What it reports may then be
    days old.  ("A bomb killed six, state TV reported on Wednesday", with the news first, keeps the day of
    the report as the event's when nothing else dates it: the press reports such news the same day.)"""
    if m.end > cand.start:
        return False
    n_end, n_trig = norm.from_raw(m.end), norm.from_raw(cand.start)
    that = _speech_date_window(cand.lang)[3]
    return bool(CLAUSE_PUNCT.search(norm.text, n_end, n_trig)) or any(
        w in that for w in _WORD.findall(norm.text, n_end, n_trig))


#: a clause break right after a word ("اظهار کرد:", "said,")
_BREAK_AFTER = re.compile(r"\s*" + CLAUSE_PUNCT.pattern)


def _report_between(m: Mention, cand: _Candidate, norm: Any) -> bool:
    """Is there, between the date and the trigger after it, a reporting verb that opens its report -- a
    complementizer or a clause break right after it ("آیت‌الله ... امروز در جلسه درس خود ... اظهار کرد: طی
    ... حمله کرده‌اند", "the minister on Sunday told reporters that ...")?  The date is then the
    statement's, however far it stands from the verb (a Persian verb closes its clause)."""
    if m.end > cand.start:
        return False
    _, _, verbs, that = _speech_date_window(cand.lang)
    if not verbs:
        return False
    lo, hi = norm.from_raw(m.end), norm.from_raw(cand.start)
    text = norm.text
    found = list(_WORD.finditer(text, lo, hi))
    words = [w.group() for w in found]
    for i in [i for i, word in enumerate(words) if word in verbs]:  # most words open no verb
        for v in verbs[words[i]]:
            if tuple(words[i:i + len(v)]) != v:
                continue
            end = found[i + len(v) - 1].end()
            nxt = words[i + len(v)] if i + len(v) < len(words) else None
            if _BREAK_AFTER.match(text, end) or (nxt is not None and nxt in that):
                return True
    return False


def _not_the_events(m: Mention, cand: _Candidate, norm: Any, other_clauses: list[tuple[int, int]]) -> bool:
    """Is a date of the trigger's sentence no date of its event at all?  A statement's date (and the
    article's stamp) never is when the sentence updates a death toll (:func:`_toll_update`); a statement's
    date is not when the statement opens its report (:func:`_report_opened`), when the event is told in
    the perfect (:func:`_told_in_perfect`) or when it stands in the
    clause of another trigger ("لقي 8 أشخاص مصرعهم بقصف ...، في الوقت الذي أعلنت فيه المقاومة اليوم عن
    مقتل 22 ...": the announcement is of the other deaths); any date is not when a reporting verb between
    it and the trigger opens the report (:func:`_report_between`).  Nor is a date before the sequence word of
    the phrase the trigger stands in (:func:`_sequence_start`), nor a span the text counts over
    (``attrs["span"]``, :func:`rasad.extract.dates.is_span`)."""
    if m.attrs.get("span"):
        return True  # "طی یک هفته گذشته ... 123 فرد را کشته‌اند": a period counted over, no one day
    weak = _weak_date(m, cand, norm)
    if weak in ("speech", "dateline") and cand.toll_update is None:
        cand.toll_update = _toll_update(cand, norm)
    if weak in ("speech", "dateline") and cand.toll_update:
        return True
    if weak == "speech" and (_report_opened(m, cand, norm) or _told_in_perfect(cand, norm) or (
            not _in(m, cand.clause) and any(_in(m, c) for c in other_clauses))):
        return True
    return weak != "dateline" and _report_between(m, cand, norm)


def _weak_date(m: Mention, cand: _Candidate, norm: Any) -> str | None:
    """"dateline" for the article's own stamp (``attrs["dateline"]``, see
    :func:`rasad.extract.dates.is_dateline`), "speech" for the date of the statement reporting the event
    (:func:`_speech_date`), "since" for the start of a period ("از روز جمعه", "since Friday":
    ``attrs["since"]``), else None.  Such a date is the event's only when the text gives no other:
    the press often reports the same day ("the rescue service said on Saturday"), but when the event is
    dated elsewhere ("Saturday's blast") that date is the one."""
    if m.attrs.get("dateline"):
        return "dateline"
    if m.attrs.get("since"):
        return "since"
    if norm is None:
        return None
    speech = cand.speech_dates.get(id(m))
    if speech is None:
        speech = cand.speech_dates[id(m)] = _speech_date(m, cand, norm)
    return "speech" if speech else None


_WEAK_DATE_RANK = {None: 0, "since": 1, "speech": 2, "dateline": 3}


def _date_source(m: Mention, cand: _Candidate, norm: Any) -> str:
    """How the date ``m`` came to the event: a weak reading (:func:`_weak_date`), else its clause or sentence."""
    return _weak_date(m, cand, norm) or ("clause" if _in(m, cand.clause) else "sentence")


def _rank_dates(mentions: list[Mention], cand: _Candidate, published: date_cls | None,
                text: str, norm: Any = None, other_clauses: list[tuple[int, int]] | None = None,
                keep_all: bool = False) -> list[Mention]:
    """The sentence's dates that may be the event's, by closeness to the trigger.

    Left out: a weekday restating the deictic day before it (the deictic day is kept) and the dates that
    are not the event's (:func:`_not_the_events`; ``other_clauses``: the clauses of the sentence's other
    triggers; ``keep_all``: kept all the same).  Last come the
    start of a period, the statement's date and the article's stamp, in that order (:func:`_weak_date`),
    and an unmarked dateline
    ("Published July 4 2015 An explosion ... on Friday"): an absolute date equal to the
    publication day, before the trigger, when the sentence has another date -- the event's own date is
    the other one."""
    kept = [m for i, m in enumerate(mentions) if not _restated_weekday(m, mentions[i - 1] if i else None, text)]
    if norm is not None and kept and not keep_all:
        sequence = _sequence_start(cand, norm, trigger_lexicon(cand.lang))
        kept = [m for m in kept if (sequence is None or m.end > sequence)
                and not _not_the_events(m, cand, norm, other_clauses or [])]
    ranked = _rank_near(kept, cand)
    if len(ranked) < 2:
        return ranked

    def dateline(m: Mention) -> bool:
        return (published is not None and not m.attrs.get("relative") and m.end <= cand.start
                and str(m.attrs.get("start")) == published.isoformat() == str(m.attrs.get("end")))

    return sorted(ranked, key=lambda m: (_WEAK_DATE_RANK[_weak_date(m, cand, norm)], dateline(m)))


#: How far (characters) a count may be from a death word to be read as the death toll.
TOLL_WINDOW = 60


def _death_toll(cand: _Candidate, lex: TriggerLexicon, norm: Any, clause_quantities: list[Mention],
                used: set[int]) -> Mention | None:
    """A count the quantities stage left unclassified ("the death toll reached at least 112", "left 25
    militants dead") is the fatalities when a death word stands next to it in the trigger's clause."""
    candidates = [q for q in clause_quantities if q.attrs.get("category") == "other" and id(q) not in used
                  and q.attrs.get("unit", "people") == "people"]
    if not candidates:
        return None
    n_start, n_end = norm.from_raw(cand.clause[0]), norm.from_raw(cand.clause[1])
    cue_spans = [norm.to_raw(n_start + c.start, n_start + c.end) for c in lex.death_cues.find(norm.text[n_start:n_end])]
    best: tuple[int, Mention] | None = None
    for q in candidates:
        for cs, ce in cue_spans:
            gap = cs - q.end if q.end <= cs else q.start - ce if q.start >= ce else 0
            if 0 <= gap <= TOLL_WINDOW and (best is None or gap < best[0]):
                best = (gap, q)
    return best[1] if best else None




def _release_counts(cand: _Candidate, used: set[int]) -> None:
    """A dropped candidate's counts go back to the pool for the sentence's other triggers."""
    for q in cand.quantities.values():
        used.discard(id(q))


def _single_victim(cand: _Candidate, text: str) -> Mention | None:
    """One dead from a singular killing verb right before the trigger (``linking.one_killed``: "محسن
    الفضلي قتل في ضربة جوية", "لقي حتفه جراء انفجار"), as a count on the verb.  A plural or counted victim
    has its own count ("قتل 5 أشخاص"، "قتلوا")."""
    sub = cand.spec.sub_event_type  # (the rules that settle a generic word's sub-type have not run yet)
    violent = cand.spec.rule in ("attack", "killing") if sub is None else SUB_EVENT_TO_TYPE[sub] in VIOLENT_TYPES
    one_killed = linking_rules(cand.lang).one_killed
    if one_killed is None or not violent:
        return None
    # the window is cut out, so that a verb opening the clause ("قتل شرطي ... في هجوم" as a sentence's first
    # word) meets the pattern's start anchor
    lo = max(cand.clause[0], cand.start - 60)
    m = one_killed.search(text[lo:cand.start])
    if m is None:
        return None
    start, end = lo + m.start(1), lo + m.end(1)
    return Mention(start=start, end=end, text=text[start:end], kind="quantity", lang=cand.lang, source="events",
                   attrs={"low": 1, "best": 1, "high": 1, "text": text[start:end], "unit": "people",
                          "category": "killed"})


@lru_cache(maxsize=8)
def _agent_with_count(lang: str) -> re.Pattern[str] | None:
    """The language's agent marker, then at most one word (a count: "توسط سه موتورسوار ناشناس"), ending where an
    actor starts."""
    agent_before = linking_rules(lang).agent_before
    return re.compile(f"(?:{agent_before})(?:\\S+\\s+)?$", re.I) if agent_before else None


def _agent_named(m: Mention, lang: str, text: str) -> bool:
    """``m`` is named as the agent: "توسط افراد مسلح"، "توسط سه موتورسوار ناشناس"."""
    pattern = _agent_with_count(lang)
    return pattern is not None and bool(pattern.search(text[max(0, m.start - 30):m.start]))


def _singular_verb_by_named_agent(cand: _Candidate, lex: TriggerLexicon, norm: Any, text: str) -> bool:
    """The trigger is a singular killing verb (``single_victim``: Persian "کشته شد", "به قتل رسید", whose
    subject is the victim) and its actor is named as the agent ("توسط افراد مسلح"): one victim, killed by
    that actor (:func:`_singular_killing_verb` counts it, :func:`_one_victim` codes the attack)."""
    return bool(lex.single_victim) and cand.spec.rule == "killing" \
        and norm.text[cand.match.core_start:cand.match.end] in lex.single_victim \
        and cand.actor1 is not None and _agent_named(cand.actor1, cand.lang, text)


def _singular_killing_verb(cand: _Candidate, lex: TriggerLexicon, norm: Any, text: str) -> Mention | None:
    """One dead from a trigger that is itself a singular killing verb (``single_victim``: Persian "کشته شد",
    "به قتل رسید", whose subject is the victim), as a count on the verb; a counted or plural victim has its
    own count ("پنج نفر کشته شد"، "کشته شدند")."""
    if not _singular_verb_by_named_agent(cand, lex, norm, text):
        return None  # "یک فرمانده طالبان ... کشته شد": the actor is the victim, the killer is not named
    return Mention(start=cand.start, end=cand.end, text=text[cand.start:cand.end], kind="quantity", lang=cand.lang,
                   source="events", attrs={"low": 1, "best": 1, "high": 1, "text": text[cand.start:cand.end],
                                           "unit": "people", "category": "killed"})


def _take_counts(cand: _Candidate, ranked: list[Mention], used: set[int]) -> None:
    """Link the first unused count of each category in ``ranked`` that ``cand`` does not have yet; a
    count that is part of one given before ("23 civilians including nine children") is never the total."""
    for q in ranked:
        cat = q.attrs.get("category")
        if q.attrs.get("subset"):
            continue
        if cat in ("killed", "wounded", "arrested", "displaced") and cat not in cand.quantities and id(q) not in used:
            cand.quantities[cat] = q
            used.add(id(q))


def _norm_words_around(norm: Any, start: int, end: int, before: int, after: int) -> tuple[list[str], list[str]]:
    """(the ``before`` normalized words before raw span start..end, the ``after`` words after it)."""
    n_start = norm.from_raw(start)
    left = _WORD.findall(norm.text, max(0, n_start - 12 * before), n_start)[-before:]
    if not after:
        return left, []
    n_end = norm.from_raw(end)
    return left, _WORD.findall(norm.text, n_end, n_end + 12 * after)[:after]


def _is_venue(m: Mention, sent: Sentence, text: str, norm: Any, lex: TriggerLexicon) -> bool:
    """Is this place where something was said rather than where it happened?  A dateline ("مسکو: ...",
    "MOSCOW: ..."), where a source is based (actors.yaml ``headquarters``), a place after a venue word ("در کنفرانس خبری در مسکو", "in a press conference in
    London") or a place that is the subject of a speech verb ("مسکو خواستار ... شد", "Moscow said", "نفت
    أنقرة")."""
    if m.start - sent.start <= 30 and text[m.end:m.end + 3].lstrip().startswith(":"):
        return True
    base_before, base_after = _headquarters_patterns((m.lang,)) if m.lang else (None, None)
    if (base_after is not None and base_after.match(text, m.end)) or (
            base_before is not None and may_match(base_before, text, max(0, m.start - 40), m.start)
            and base_before.search(text, max(0, m.start - 40), m.start)):
        return True  # where a source is based ("an Aleppo-based activist", "the Istanbul-based coalition")
    if not lex.venue_before and not lex.speech_after and not lex.speech_before:
        return False
    if not _may_stand_around(norm, m, *_around_words(lex)[2:], 5, 2):
        return False  # no venue or speech word in reach: no words to read
    words, after = _norm_words_around(norm, m.start, m.end, 5, 2)
    grams = {*words, *(" ".join(words[i:i + 2]) for i in range(len(words) - 1))}
    if not grams.isdisjoint(lex.venue_before):
        return True
    if words and lex.speech_before and (words[-1] in lex.speech_before or (
            words[-1][:1] in lex.speech_conjunctions and words[-1][1:] in lex.speech_before)):
        return True  # "ونفت أنقرة اتهامات ...": the capital that spoke
    return bool(after) and (after[0] in lex.speech_after or " ".join(after[:2]) in lex.speech_after)


#: the longest ``elsewhere_before`` phrase read, in words, and the words that may follow it before the place:
#: a place list ("الحدود مع العراق وسوريا": Syria lies beyond the border too) or a kind ("in the town of")
_ELSEWHERE_REACH = 3
_ELSEWHERE_LIST = 3


def _named_elsewhere(m: Mention, norm: Any, lex: TriggerLexicon, remote: bool = False) -> bool:
    """Is the place named as lying beyond the scene: across a border from it or the destination of a journey
    (``elsewhere_before`` ending right before it, or before a list of places it ends)?  Not when a
    container word comes between ("near the border with Turkey in Kasab": Kasab is the scene).  For remote
    violence (``remote``) the ``origin_before`` phrases count too: where the fire came from."""
    phrases = lex.elsewhere_before | lex.origin_before if remote else lex.elsewhere_before
    words, after = _norm_words_around(norm, m.start, m.end, _ELSEWHERE_REACH + _ELSEWHERE_LIST, 1)
    if after and after[0] in lex.elsewhere_after:
        return True
    # a locative between ("... with Turkey in Kasab") opens the scene; a name-kind joiner does not
    # ("positioned in the villages of X")
    containers = _scene_gap_words()
    for skip in range(_ELSEWHERE_LIST + 1):
        head = words[:len(words) - skip] if skip else words
        if skip and any(w in containers for w in words[len(words) - skip:]):
            return False
        for n in range(1, _ELSEWHERE_REACH + 1):
            if len(head) >= n and " ".join(head[-n:]) in phrases:
                return True
    return False


@lru_cache(maxsize=1)
def _outlet_aliases() -> tuple[tuple[str, ...], frozenset[str]]:
    """(every outlet alias of every language, normalized; the aliases written in capitals, as written)."""
    aliases = [str(a) for rec in outlet_records().values() for a in rec["aliases"]]
    return (tuple(sorted({normalize_term(a) for a in aliases if normalize_term(a)}, key=len, reverse=True)),
            frozenset(a for a in aliases if a.isupper() and len(a) >= 3))


def _in_outlet_name(m: Mention, text: str, norm: Any) -> bool:
    """Is the place a word of a news outlet's name ("Ahram Online", "Times of Israel", "روسيا اليوم",
    "وكالة الأنباء السورية") or an outlet's acronym ("SANA")?  The outlet publishes or is cited; the
    place in its name is not where anything happened.  A place that is an outlet's whole name in ordinary
    letters ("الميادين", "Al Jazeera") stays a place: towns and regions bear those names, unless it stands in
    quotation marks ("في حديث لـ«الشرق الأوسط»"): a title is quoted, a scene is not."""
    raw = text[m.start:m.end]
    aliases, acronyms = _outlet_aliases()
    if raw in acronyms:
        return True
    n_start, n_end = norm.from_raw(m.start), norm.from_raw(m.end)
    name = norm.text[n_start:n_end]
    if not name:
        return False
    if _quoted(text, m.start, m.end) and name in aliases:
        return True
    ntext = norm.text
    for alias, k in _aliases_holding(name, aliases):
        at = n_start - k
        if at >= 0 and ntext[at:at + len(alias)] == alias \
                and (at == 0 or not ntext[at - 1].isalnum()) \
                and (at + len(alias) >= len(ntext) or not ntext[at + len(alias)].isalnum()):
            return True
    return False


#: ``(aliases, the aliases joined by NUL, {normalized place name: _aliases_holding's answer})`` for the alias
#: list last asked about (one tuple, replaced whole when the list is another; the dict is bounded: emptied
#: when full).  A name in none of the joined aliases is in no alias (NUL is in no normalized text).
_ALIASES_HOLDING: list[tuple[tuple[str, ...], str, dict[str, tuple[tuple[str, int], ...]]] | None] = [None]


def _aliases_holding(name: str, aliases: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """``(alias, offset)`` for every place of ``name`` inside a longer outlet alias, in the order
    :func:`_in_outlet_name` tries them (longest alias first, then by offset); remembered per name, since the
    answer depends on the name alone (most names are in no alias: one dict lookup instead of ~340 finds)."""
    memo = _ALIASES_HOLDING[0]
    if memo is None or memo[0] is not aliases:
        memo = _ALIASES_HOLDING[0] = (aliases, "\0".join(aliases), {})
    answers = memo[2]
    got = answers.get(name)
    if got is None:
        found: list[tuple[str, int]] = []
        for alias in aliases if name in memo[1] else ():  # one C-level test for most names
            if len(alias) <= len(name):
                break
            k = alias.find(name)
            while k >= 0:
                found.append((alias, k))
                k = alias.find(name, k + 1)
        if len(answers) >= 8192:
            answers.clear()
        got = answers[name] = tuple(found)
    return got


_OPEN_QUOTES = frozenset("«“\"")
_CLOSE_QUOTES = frozenset("»”\"")


def _quoted(text: str, start: int, end: int) -> bool:
    """Does the span stand alone inside quotation marks ("«الشرق الأوسط»")?"""
    return start > 0 and end < len(text) and text[start - 1] in _OPEN_QUOTES and text[end] in _CLOSE_QUOTES


def _no_scene(m: Mention, text: str, norm: Any, lex: TriggerLexicon | None, remote: bool = False) -> bool:
    """Is the place named as no scene at all: a word of an outlet's name (:func:`_in_outlet_name`) or a
    place beyond the scene (:func:`_named_elsewhere`: across a border, a destination, a base; for remote
    violence, where the fire came from)?"""
    return _in_outlet_name(m, text, norm) or (
        lex is not None and bool(lex.elsewhere_before or lex.elsewhere_after or (remote and lex.origin_before))
        and _named_elsewhere(m, norm, lex, remote))


#: place kinds a lone foreign namesake may be (a country, a province or a region is named as such)
_NAMESAKE_FEATURES = frozenset({"city", "town", "village", "neighbourhood", "landmark", "camp"})


#: ``(all_places, doc, {country: places of it}, countries named by a polity)`` of the document
#: :func:`_home_reading` last read (one tuple, replaced whole)
_HOME_COUNTS: list[tuple[list[Mention], Document, dict[str, int], set[str]] | None] = [None]


def _home_reading(cand: _Candidate, all_places: list[Mention], places: _MentionIndex, venues: dict[int, bool],
                  doc: Document) -> Mention:
    """A lone foreign namesake: the event's place is a town or quarter of a country that nothing else in
    the document names (no country mention, no other place in it) while the document is about another
    country and the event's sentence names a place there ("Iskandaron Street in al-Jamilyeh neighborhood
    in Aleppo city", read as Iskenderun in Turkey; "the Badr al-Din institute", read as Badr in Egypt).
    The gazetteer read a local name as a place abroad: the event is at the sentence's place in the
    document's country, ranked as :func:`_link_place` ranks places.  Done after the merge of tellings.
    The document's counts of places per country are made once per document (``_HOME_COUNTS``)."""
    place = cand.place
    assert place is not None and doc.norm is not None
    country = place.attrs.get("country")
    if not country or place.attrs.get("feature") not in _NAMESAKE_FEATURES or _is_capital(place):
        return place  # a capital named alone stands for its government ("prompted Washington to strike")
    last = _HOME_COUNTS[0]
    if last is None or last[0] is not all_places or last[1] is not doc:
        counts: dict[str, int] = {}
        for m in all_places:
            c = m.attrs.get("country")
            if c:
                counts[c] = counts.get(c, 0) + 1
        polities = {c for m in doc.mentions if m.kind == "polity" and isinstance(c := m.attrs.get("country"), str)}
        last = _HOME_COUNTS[0] = (all_places, doc, counts, polities)
    counts = last[2]
    if counts.get(country, 0) != 1 or country in last[3]:
        return place
    home = max(counts, key=lambda c: counts[c])
    if home == country or counts[home] < 2:
        return place
    sent = cand.sentence
    lex = trigger_lexicon(cand.lang)
    assert lex is not None
    local = [m for m in places.within(sent.start, sent.end) if m.attrs.get("country") == home
             and not _venue_of(venues, m, sent, doc.text, doc.norm, lex)
             and not _no_scene(m, doc.text, doc.norm, lex, _remote(cand))]
    ranked = _rank_near(_named_first([m for m in local if m.attrs.get("feature") != "country"] or local), cand)
    return ranked[0] if ranked else place


def _is_capital(m: Mention) -> bool:
    """Is the place a national capital (the gazetteer's ``capital`` flag)?"""
    entry = load_gazetteer().get(str(m.canonical_id)) if m.canonical_id else None
    return bool(entry is not None and entry.capital)


def _remote(cand: _Candidate) -> bool:
    """Is the event remote violence (shelling, a strike, a bomb): fire that comes from one place to another?"""
    return cand.sub_event_type is not None and SUB_EVENT_TO_TYPE.get(cand.sub_event_type) == "Explosions/Remote violence"


def _relink_past_outlets(cand: _Candidate, doc: Document, places: _MentionIndex, venues: dict[int, bool]) -> None:
    """Place again an event the merge has placed where no event is (:func:`_no_scene`): its sentence's
    other places as :func:`_link_place` ranks them, else the last place of one of the ``PLACE_LOOKBACK``
    sentences before, else none.  Done after the merge of tellings, which compared the places as read,
    so that it changes where an event is, never which events there are."""
    assert doc.norm is not None
    text, norm, sent = doc.text, doc.norm, cand.sentence
    lex = trigger_lexicon(cand.lang)
    assert lex is not None
    remote = _remote(cand)
    cand.place, cand.place_inherited = None, False
    _link_place(cand, [p for p in places.within(sent.start, sent.end) if not _no_scene(p, text, norm, lex, remote)],
                text, norm, lex, venues)
    for back in range(1, PLACE_LOOKBACK + 1):
        if cand.place is not None or sent.index - back < 0:
            break
        ps = doc.sentences[sent.index - back]
        earlier = [p for p in places.within(ps.start, ps.end)
                   if not _venue_of(venues, p, ps, text, norm, lex) and not _no_scene(p, text, norm, lex, remote)]
        if earlier:
            cand.place, cand.place_inherited = earlier[-1], True


def _venue_of(cache: dict[int, bool], m: Mention, sent: Sentence, text: str, norm: Any,
              lex: TriggerLexicon) -> bool:
    """:func:`_is_venue` of a place in ``sent``, once per place and document (``cache``: by ``id(m)``)."""
    v = cache.get(id(m))
    if v is None:
        v = cache[id(m)] = _is_venue(m, sent, text, norm, lex)
    return v


_NAME_FOLD = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def _fold_name(name: Any) -> str:
    """A gazetteer name folded for comparison: the place name and the admin names of the places in it are
    spelt by different sources ("Deir ez-Zor" the city, "Deir-ez-Zor" the district of its neighbourhoods;
    "Laḩij" the province, "Lahij" its seat; "Ma'rib" / "Marib", "Ḩamāh" / "Hamah"): no punctuation, spaces
    or diacritics.  Cached: the few names of a document's places are folded again at every containment
    test (:func:`_contains`)."""
    if not name:
        return ""
    return _NAME_FOLD.sub("", "".join(c for c in unicodedata.normalize("NFKD", str(name).lower())
                                      if not unicodedata.combining(c)))


def _actor_over_place(actor: Mention, place: Mention) -> bool:
    """Does an actor mention take a place mention's words (a place inside a group's name)?  Not a shorter
    actor wording inside a longer place name ("man" of "Ma'arrat an-Nu'man"): the longer reading stands."""
    if not (actor.start < place.end and place.start < actor.end):
        return False
    return not (place.start <= actor.start and actor.end <= place.end and actor.end - actor.start < place.end - place.start)


def _contains(outer: Mention, inner: Mention) -> bool:
    """Is ``outer`` an area (city, district, province) that ``inner`` lies in, by the gazetteer's admin names?
    In English, a city read where its own province or district is named alike counts as that unit ("Kafr
    Nabl in Idlib": the text's Idlib is the governorate Idleb, which the city Idlib lies in and names)."""
    if outer.attrs.get("feature") in (None, "country", "neighbourhood", "landmark") or _same_place(outer, inner):
        return False
    if _GRAIN.get(str(inner.attrs.get("feature")), 99) < _GRAIN.get(str(outer.attrs.get("feature")), 0):
        return False  # no place lies in a finer kind (the province "Laḩij" is not inside its seat "Lahij")
    inner_units = {_fold_name(inner.attrs.get(k)) for k in ("admin1", "admin2", "admin3")}
    name = _fold_name(outer.attrs.get("name"))
    if bool(name) and name in inner_units:
        return True
    return outer.attrs.get("feature") in _SETTLEMENT_FEATURES and _LATIN_NAME.fullmatch(outer.text) is not None \
        and bool(_namesake_units(outer) & inner_units)


#: A name written in Latin script: English reports name a province by its seat's name ("in Idlib", "in
#: Hama"); Arabic and Persian say محافظة/ريف/استان for the province and a bare name for the city.
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f'’ʿʾ‘ -]+")


def _namesake_units(m: Mention) -> set[str]:
    """The folded names of the admin units a settlement lies in that are read under the same words as it
    (the city Idlib in the governorate Idleb, both keyed "idlib"): what the text may mean by the name."""
    g = load_gazetteer()
    own = {_fold_name(m.attrs.get(k)) for k in ("admin1", "admin2", "admin3")} - {""}
    if not own:
        return set()
    out: set[str] = set()
    for pid in g.by_name.get(normalize_term(m.text), ()):
        p = g.get(pid)
        if p is not None and p.feature in ("admin1", "admin2", "admin3") and _fold_name(p.name) in own:
            out.add(_fold_name(p.name))
    return out


@lru_cache(maxsize=8)
def _words_of_all_languages(key: str) -> frozenset[str]:
    """The lower-cased words listed under ``key`` in every language's triggers.yaml, as written (not
    normalized): the gaps between two place mentions are read in raw text, whatever the language."""
    return frozenset(w.lower() for lang in languages() for w in word_list(lang, "triggers.yaml", key, normalize=False))


@lru_cache(maxsize=1)
def _scene_gap_words() -> frozenset[str]:
    """The container words that open the scene between a place and an ``elsewhere_before`` phrase: every
    language's ``container_gap_words`` less its ``name_kind_joiners``, normalized like the words
    ``_norm_words_around`` reads (Persian "نزدیک" is "نزديك" there)."""
    def listed(key: str) -> frozenset[str]:
        return frozenset(w.lower() for lang in languages() for w in word_list(lang, "triggers.yaml", key))

    return listed("container_gap_words") - listed("name_kind_joiners")


#: The longest gap (characters) between a place and the area it is put in, all of it container words ("X
#: village in the northern countryside of Y").
CONTAINER_GAP_CHARS = 48


def _narrow_to_contained(chosen: Mention, places: list[Mention], text: str) -> Mention:
    """"X في Y" / "X در Y" / "X in Y": when the chosen place is the area Y, the place X named just before
    it inside Y is the more precise location of the same event."""
    owned = _possessed_place(chosen, places, text)
    if owned is not None:
        return owned
    before = [m for m in places if m.end <= chosen.start and chosen.start - m.end <= CONTAINER_GAP_CHARS]
    if not before:
        return chosen
    prev = max(before, key=lambda m: m.end)
    words = _all_container_words(text, prev.end, chosen.start)
    if words is not None and (words or not text[prev.end:chosen.start].strip()) and _contains(chosen, prev):
        return prev
    return chosen


def _unit_within(chosen: Mention, places: list[Mention]) -> Mention:
    """A province chosen as the place while the sentence also names a district or sub-district inside it
    ("in the northern countryside of Lattakia, likely in the Al Haffa district"): the unit is the more
    precise location.  Only units the geoparser read as such (a district word after the name, or no town
    of that name); the first of them when there are several."""
    if chosen.attrs.get("feature") != "admin1":
        return chosen
    return next((m for m in places if m.attrs.get("feature") in _DISTRICTS and _contains(chosen, m)), chosen)


_POSSESSIVE = re.compile(r"['’]s ")


def _possessed_place(chosen: Mention, places: list[Mention], text: str) -> Mention | None:
    """"Aleppo's Afrin district": the place right after an area's possessive lies in it and is the more
    precise location."""
    if _POSSESSIVE.match(text, chosen.end) is None:
        return None
    after = chosen.end + 3
    nxt = next((m for m in places if m.start == after), None)
    return nxt if nxt is not None and _contains(chosen, nxt) else None


def _all_container_words(text: str, start: int, end: int) -> list[str] | None:
    """The words (lower-cased) of the raw gap ``text[start:end]`` between two place mentions when every
    one of them is a ``container_words`` word ("في ريف", "in the", none at all), else None."""
    words = [w.lower() for w in _WORD.findall(text[start:end])]
    container_words = _words_of_all_languages("container_words")
    return words if all(w in container_words for w in words) else None


#: how far (km) a place may lie from the area the text puts it in and still be read as inside it (the
#: gazetteer's sources spell a province's name differently: "Idleb" / "Idlib")
NAMESAKE_KM = 60.0
_AREA_FEATURES = frozenset({"country", "admin1", "admin2", "admin3", "city"})


def _stated_container(chosen: Mention, places: list[Mention], text: str) -> Mention:
    """"X في ريف Y" / "X in the Y province": when the text puts the chosen place X in an area Y that the
    gazetteer does not put X in (another country, or another province far from it), the gazetteer read X as
    a namesake elsewhere ("الحميدية" of Tartous in "الحميدية في ريف القنيطرة", a Damascus quarter for "the
    village of Duwayleh in the Idlib province"): the event is in Y, the place the text vouches for."""
    if chosen.attrs.get("feature") in ("country", "admin1"):
        return chosen
    after = [m for m in places if m.start >= chosen.end and m.start - chosen.end <= CONTAINER_GAP_CHARS]
    if not after:
        return chosen
    area = min(after, key=lambda m: m.start)
    if area.attrs.get("feature") not in _AREA_FEATURES or area.attrs.get("reference"):
        return chosen
    if not _all_container_words(text, chosen.end, area.start):
        return chosen
    c_country, a_country = chosen.attrs.get("country"), area.attrs.get("country")
    if c_country and a_country and c_country != a_country:
        return area
    if area.attrs.get("feature") == "country" or _contains(area, chosen):
        return chosen
    return area if _namesake_elsewhere(chosen, area) else chosen


def _namesake_elsewhere(chosen: Mention, area: Mention) -> bool:
    """Is ``chosen`` read in another province than ``area``, farther than a namesake's ``NAMESAKE_KM``: the
    gazetteer's reading of a recurring name, where the text vouches for the area?"""
    c_admin, a_admin = _fold_name(chosen.attrs.get("admin1")), _fold_name(area.attrs.get("admin1"))
    if not (c_admin and a_admin and c_admin != a_admin):
        return False
    km = _km_apart(chosen, area)
    return km is not None and km > NAMESAKE_KM


#: the kinds of place whose names recur across provinces, so a clause's frame outweighs the gazetteer's reading
_FRAMED_FEATURES = frozenset({"neighbourhood", "village"})
#: how far (characters) after the area that frames a clause ("در دیر الزور ...") a place inside it may stand
FRAME_REACH = 80


def _framing_area(cand: _Candidate, chosen: Mention, places: list[Mention], text: str) -> Mention:
    """"در عملیات ارتش سوریه در دیر الزور پایگاه تروریست‌ها در منطقه «البوعمر» و «الصالحیه» نابود شد": the
    clause sets its scene in an area (a city or province after "در" / "في" / "in", a ``container_gap_words``
    word) and then names a place the gazetteer reads as a namesake in another province far away (a Damascus
    quarter): the event is in the area the text vouches for.  Only with no other place and not the trigger
    between the two (a second happening named after the first: "حمله در حلب و انفجار در الصالحیه")."""
    if chosen.attrs.get("feature") not in _FRAMED_FEATURES:
        return chosen  # a city or an area is named as itself; a quarter or a village's name recurs elsewhere
    before = [m for m in places if m.end <= chosen.start and chosen.start - m.end <= FRAME_REACH
              and _in(m, cand.clause)]
    if not before:
        return chosen
    area = max(before, key=lambda m: m.start)
    if area.attrs.get("feature") not in _AREA_FEATURES - {"country"} or area.attrs.get("reference") \
            or area.end <= cand.start < chosen.start:
        return chosen
    gap_before = _WORD.findall(text, max(0, area.start - 16), area.start)
    if not gap_before or gap_before[-1].lower() not in _words_of_all_languages("container_gap_words"):
        return chosen  # the area is not named as the scene ("در X")
    c_country, a_country = chosen.attrs.get("country"), area.attrs.get("country")
    if not c_country or c_country != a_country or _contains(area, chosen) or _same_place(area, chosen):
        return chosen
    return area if _namesake_elsewhere(chosen, area) else chosen


#: A token of raw English text: a word (hyphens and apostrophes inside it) or one punctuation mark.
_RAW_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*|[^\w\s]")
#: A token that may be part of a place's name: capitalised, or an article glued to one ("al-Latamna").
_NAME_TOKEN = re.compile(r"[A-Z]|[a-z]{1,3}-\w")


@lru_cache(maxsize=8)
def _unnamed_place_links(lang: str) -> frozenset[str]:
    """``unnamed_place_links`` of the language's triggers.yaml (lower-cased, as written): the words that
    put a name the gazetteer lacks in the area after it ("Huweiz in Hama"); none for a language that does
    not capitalise names."""
    return frozenset(w.lower() for w in word_list(lang, "triggers.yaml", "unnamed_place_links", normalize=False))


@lru_cache(maxsize=8)
def _unnamed_place_city_words(lang: str) -> frozenset[str]:
    """``unnamed_place_city_words`` of the language's triggers.yaml: an unknown name joined to a town by
    them is a part of that city (a quarter, a landmark), coded at the city itself."""
    return frozenset(w.lower() for w in word_list(lang, "triggers.yaml", "unnamed_place_city_words", normalize=False))


@lru_cache(maxsize=1)
def _calendar_names() -> frozenset[str]:
    """English month and weekday names (dates.yaml): capitalised words that are no place's name."""
    data = load_yaml("en", "dates.yaml") or {}
    months = {str(k) for table in (data.get("months") or {}).values() for k in table}
    days = {str(w) for ws in (data.get("weekdays") or {}).values() for w in ws}
    return frozenset(w.lower() for w in months | days)


def _unnamed_name_before(cand: _Candidate, chosen: Mention, places: list[Mention], text: str) -> bool:
    """Whether a name the gazetteer does not know stands right before the area ``chosen``, joined to it by
    a link word and container words ("shelled Huweiz in Hama", "Quriba village in southwest Afrin", "the
    town of al-Zakah in the Hama countryside"): capitalised words that are neither a place, an actor nor a
    date, and do not open the sentence.  Not a part of a city ("the al-Nile neighbourhood in Aleppo city",
    "the Grand Mosque in the city of Al Bab": ``unnamed_place_city_words`` between or after), nor a title
    ("Chief of Police in Dana": "of" after a capitalised word)."""
    links = _unnamed_place_links(cand.lang)
    if not links:
        return False
    lo = max(cand.sentence.start, chosen.start - 120)
    tokens = list(_RAW_TOKEN.finditer(text, lo, chosen.start))
    container_words = _words_of_all_languages("container_words")
    city_words = _unnamed_place_city_words(cand.lang)
    after = _WORD.match(text, chosen.end + 1) if text[chosen.end:chosen.end + 1] == " " else None
    if after is not None and after.group().lower() in city_words:
        return False  # "... in Aleppo city": a part of the city
    i, linked = len(tokens) - 1, False
    while i >= 0 and tokens[i].group().lower() in container_words:
        word = tokens[i].group().lower()
        if word in city_words:
            return False
        linked = linked or word in links
        i -= 1
    if not linked:
        return False
    name_end, name_start = (tokens[i].end(), None) if i >= 0 else (chosen.start, None)
    while i >= 0 and _NAME_TOKEN.match(tokens[i].group()) and tokens[i].group().lower() not in container_words:
        name_start = tokens[i].start()
        i -= 1
    if name_start is None or i < 0:
        return False  # no name, or the name opens the sentence ("Clashes in Hama")
    before = tokens[i].group().lower()
    if before == "of" and i > 0 and tokens[i - 1].group()[:1].isupper():
        return False  # "Chief of Police in ..." ("took control of X in ..." is a place)
    spans = [(m.start, m.end) for m in (*places, *cand.sentence_actors)]
    if any(s < name_end and name_start < e for s, e in spans):
        return False
    return not any(t.lower() in _calendar_names() for t in _WORD.findall(text[name_start:name_end]))


def _between_stretch(cand: _Candidate, chosen: Mention, text: str) -> bool:
    """Is the town ``chosen`` the first end of a stretch ("on the road between Sarmada and Dana", "the area
    between Harasta and Duma")?  The event is between two towns, near the first (ACLED: geo-precision 2)."""
    return chosen.attrs.get("feature") in _SETTLEMENT_FEATURES and chosen.attrs.get("geo_precision") == 1 \
        and _between_places(text[cand.clause[0]:chosen.start])


def _near_reading(chosen: Mention) -> Mention:
    """The same place reading at geo-precision 2 (near the town, not in it)."""
    return Mention(start=chosen.start, end=chosen.end, text=chosen.text, kind=chosen.kind,
                   canonical_id=chosen.canonical_id, sentence=chosen.sentence, lang=chosen.lang,
                   source=chosen.source, attrs={**chosen.attrs, "geo_precision": 2})


def _unnamed_place_within(cand: _Candidate, chosen: Mention, places: list[Mention], text: str) -> Mention:
    """"Regime forces shelled Huweiz in Hama", "Quriba village in southwest Afrin, Aleppo": the event is
    at a place the gazetteer lacks, somewhere in the area the text names after it.  When that area was read
    as a town named like its district (Afrin; Hama, whose district shares the province's name), the event is
    in that district -- ACLED codes an event known only by its province at the capital, in the capital's
    district -- else in the sub-district so named; otherwise near the town (a province named like its
    capital spelt otherwise, "Idlib" / "Idleb": near the capital, in its district).  Either way at
    geo-precision 2 (ACLED: a part of a region, or near a town), not at the town itself."""
    if chosen.attrs.get("feature") not in _SETTLEMENT_FEATURES or chosen.attrs.get("reference") \
            or not _unnamed_name_before(cand, chosen, places, text):
        return chosen
    g = load_gazetteer()
    for level in ("admin2", "admin3"):
        unit_name = chosen.attrs.get(level)
        if not unit_name:
            continue
        unit = next((p for p in g.lookup(chosen.text, feature=level, country=chosen.attrs.get("country"))
                     if _fold_name(p.name) == _fold_name(unit_name)), None)
        if unit is not None:
            attrs = make_place_ref(unit, "", geo_precision_for(unit, near=True)).to_dict()
            for k in ("start", "end", "text"):
                attrs.pop(k, None)
            return Mention(start=chosen.start, end=chosen.end, text=chosen.text, kind=chosen.kind,
                           canonical_id=unit.id, sentence=chosen.sentence, lang=chosen.lang,
                           source=chosen.source, attrs=attrs)
    return _near_reading(chosen)


#: Admin areas that take the name of their seat town (Syria's districts and sub-districts, Iraq's qadas).
_DISTRICTS = frozenset({"admin2", "admin3"})
_SETTLEMENT_FEATURES = frozenset({"city", "town", "village"})


def _seat_reading(chosen: Mention, doc: Document, seats: dict[str, list[Mention]]) -> Mention:
    """One name in one article is one place: a district or sub-district named like its seat town ("الزبداني")
    that the document elsewhere reads as that town is the town.  The geoparser picks the district only
    from context words ("في محيط الزبداني"); the event there is placed at the town (the merge then
    compares it with other reports at the town), with this mention's own offsets.  ``seats`` caches the
    document's settlement mentions by normalized name."""
    if not seats:
        seats[""] = []
        for m in doc.mentions_of("place"):
            if m.attrs.get("feature") in _SETTLEMENT_FEATURES:
                seats.setdefault(normalize_term(m.text), []).append(m)
    name = chosen.attrs.get("name")
    level = "admin2" if chosen.attrs.get("feature") == "admin2" else "admin3"
    town = next((m for m in seats.get(normalize_term(chosen.text), ()) if name and m.attrs.get(level) == name), None)
    if town is None:
        return chosen
    return Mention(start=chosen.start, end=chosen.end, text=chosen.text, kind=chosen.kind,
                   canonical_id=town.canonical_id, sentence=chosen.sentence, lang=chosen.lang,
                   source=chosen.source, attrs=dict(town.attrs))


def _named_first(places: list[Mention]) -> list[Mention]:
    """The places named as where something is, without the reference points ("30 km west of X", attrs
    ``reference``), unless there are only reference points."""
    named = [m for m in places if not m.attrs.get("reference")]
    return named or places


def _reference_fallback(cand: _Candidate, places: list[Mention]) -> Mention | None:
    """With no place of its own nor one to inherit, an event told relative to a reference point ("على بعد 30
    كيلومترا من بغداد", even where the language's venue words exclude it) is near that point: the reference
    mention already carries geo-precision 2."""
    refs = [m for m in places if m.attrs.get("reference")]
    ranked = _rank_near([m for m in refs if _in(m, cand.clause)] or refs, cand)
    return ranked[0] if ranked else None


def _speakers_place(m: Mention, cand: _Candidate, norm: Any) -> bool:
    """A place before a reporting verb that opens the report the trigger stands in is where the statement was
    made, not where the event happened, when the event's state forces belong to another country ("به گزارش
    خبرگزاری فارس از قم، آیت‌الله ... در مسجد اعظم قم ... اظهار کرد: ... ماموران حکومت بحرین به خانه ... حمله
    کرده‌اند"; :func:`_report_between`, which the dates read alike).  A local official's city stays: the
    events he reports are mostly in his area."""
    country = m.attrs.get("country")
    forces = [a.attrs.get("country") for a in (cand.actor1, cand.actor2)
              if a is not None and a.attrs.get("side") == "government" and a.attrs.get("country")]
    return bool(country) and bool(forces) and country not in forces and m.end <= cand.start \
        and _report_between(m, cand, norm)


def _link_place(cand: _Candidate, places: list[Mention], text: str, norm: Any, lex: TriggerLexicon,
                venues: dict[int, bool] | None = None, stated: dict[int, Mention] | None = None) -> None:
    """Link the place of ``cand`` among its sentence's ``places``.  ``stated`` collects, by ``id`` of the
    linked mention, the area the text puts a namesake read elsewhere in (:func:`_stated_container`): the
    event is reported there, after the merge of tellings has compared the places as read (so the
    correction changes where an event is, never which events there are)."""
    all_places = places
    cache = venues if venues is not None else {}
    places = [m for m in places if not _venue_of(cache, m, cand.sentence, text, norm, lex)]
    if lex.speaker_place_before_report:
        places = [m for m in places if not _speakers_place(m, cand, norm)]
    scene_places = places
    specific = [m for m in places if m.attrs.get("feature") != "country"]
    in_clause_specific = [m for m in specific if _in(m, cand.clause)]
    in_clause = [m for m in places if _in(m, cand.clause)]
    # the trigger's own clause first; a country there beats a city in another clause (the city is
    # usually where the statement was made or another happening); in each, a place named as such beats
    # a reference point ("in Abu Ghraib, 30 km west of Baghdad": Abu Ghraib)
    places = (_named_first(in_clause_specific) or _named_first(in_clause) or _named_first(specific)
              or _named_first(places))
    after = [m for m in places if _in(m, cand.clause) and m.start >= cand.end]
    if after and lex.subordinators:
        # "... کشته شده‌اند که مسکو ...": a place after a subordinator belongs to the next clause
        def subordinate(m: Mention) -> bool:
            between = _WORD.findall(norm.text, norm.from_raw(cand.end), norm.from_raw(m.start))
            return any(w in lex.subordinators for w in between)
        after = [m for m in after if not subordinate(m)]
    ranked = after or _rank_near(places, cand)
    if ranked:
        cand.place = _unit_within(_narrow_to_contained(ranked[0], all_places, text), scene_places)
        if stated is not None and id(cand.place) not in stated:
            area = _stated_container(cand.place, all_places, text)
            if area is cand.place:
                area = _framing_area(cand, cand.place, all_places, text)
            if area is cand.place:
                area = _unnamed_place_within(cand, cand.place, all_places, text)
            if area is not cand.place:
                stated[id(cand.place)] = area
            elif _between_stretch(cand, cand.place, text):
                stated[id(cand.place)] = _near_reading(cand.place)


def _armed_attack(cand: _Candidate, norm: Any, norm_clause: str, lex: TriggerLexicon) -> bool:
    """Is a generic attack word about violence?  Languages that list ``armed_context`` words (Persian حمله is
    also criticism) need an armed context in the sentence -- an armed actor, a weapon or aircraft, a count
    of casualties, a physical target -- and no speech/criticism word in the trigger's clause."""
    if lex.armed_context is None:
        return True
    if lex.verbal_attack is not None and lex.verbal_attack.find(norm_clause):
        return False
    if cand.quantities or any(m.canonical_id not in NON_COMBATANTS and not _unarmed_wording(m, norm, lex)
                              for m in cand.sentence_actors):
        return True
    norm_sentence = norm.text[norm.from_raw(cand.sentence.start):norm.from_raw(cand.sentence.end)]
    return bool(lex.armed_context.find(norm_sentence) or lex.air_context.find(norm_sentence))


def _unarmed_wording(m: Mention, norm: Any, lex: TriggerLexicon) -> bool:
    """Is the actor mention a wording of ``unarmed_actor_words`` (a polity, "opponents"), not a force?"""
    words = lex.unarmed_actor_words
    return bool(words) and norm.text[norm.from_raw(m.start):norm.from_raw(m.end)] in words


def _office(m: Mention, norm: Any, lex: TriggerLexicon, cache: dict[int, bool]) -> bool:
    """Is this actor mention the institution of an office holder ("سخنگوی وزارت خارجه روسیه")?"""
    hit = cache.get(id(m))
    if hit is None:
        if not lex.office_before and not lex.office_after:
            hit = False
        elif not _may_stand_around(norm, m, *_around_words(lex)[:2], 3, 2):
            hit = False  # no first word of an office phrase in reach (most mentions): no words to read
        else:
            words, after = _norm_words_around(norm, m.start, m.end, 3, 2)
            # office phrases run to three words ("وزارت امور خارجه آمریکا", "وزیر امور خارجه روسیه")
            grams = {*words, *(" ".join(words[i:i + 2]) for i in range(len(words) - 1)), " ".join(words[-3:])}
            hit = not grams.isdisjoint(lex.office_before) or bool(after) and (
                after[0] in lex.office_after or " ".join(after[:2]) in lex.office_after)
        cache[id(m)] = hit
    return hit


class _FirstWords:
    """Whether a first word of some phrases stands in a span of text: one walk of a small automaton over
    the span (a regex alternation of ~40 Arabic words searched 60 characters took ~3x longer)."""

    __slots__ = ("_auto", "_always")

    def __init__(self, phrases: frozenset[str]) -> None:
        words = {p.split()[0] if p.split() else "" for p in phrases}
        self._always = "" in words  # an empty phrase stands everywhere
        self._auto = ahocorasick.Automaton()
        for word in sorted(words - {""}):
            self._auto.add_word(word, word)
        if len(self._auto):
            self._auto.make_automaton()

    def within(self, text: str, start: int, end: int) -> bool:
        """Whether one of the words is a substring of ``text[start:end]``."""
        if self._always:
            return True
        end = min(end, len(text))
        # the span cut out: ``iter(text, start, end)`` converts the whole text to UCS-4 on every call
        return len(self._auto) > 0 and start < end and next(self._auto.iter(text[start:end]), None) is not None


#: id(lexicon) -> (lexicon, first words of its office words before/after a mention and of its venue or
#: speech words before/after a place): see :func:`_may_stand_around`
_AROUND: dict[int, tuple[TriggerLexicon, tuple[_FirstWords | None, ...]]] = {}


def _around_words(lex: TriggerLexicon) -> tuple[_FirstWords | None, ...]:
    got = _AROUND.get(id(lex))
    if got is None or got[0] is not lex:
        got = _AROUND[id(lex)] = (lex, tuple(_FirstWords(p) if p else None for p in (
            lex.office_before, lex.office_after, lex.venue_before | lex.speech_before, lex.speech_after)))
    return got[1]


def _may_stand_around(norm: Any, m: Mention, left: _FirstWords | None, right: _FirstWords | None,
                      before: int, after: int) -> bool:
    """Whether a phrase may be among the ``before`` words :func:`_norm_words_around` reads before ``m``
    (``left`` knows the first words of such phrases) or open its ``after`` words (``right``): the first
    word of such a phrase stands in the characters those words are read from (no tokenizing)."""
    text = norm.text
    if left is not None:
        n_start = norm.from_raw(m.start)
        if left.within(text, max(0, n_start - 12 * before), n_start):
            return True
    if right is not None:
        n_end = norm.from_raw(m.end)
        if right.within(text, n_end, n_end + 12 * after):
            return True
    return False


def _is_recipient(m: Mention, norm: Any, lex: TriggerLexicon) -> bool:
    left, _ = _norm_words_around(norm, m.start, m.end, 1, 0)
    return " ".join(left) in lex.recipient_markers


def _hand_over(cand: _Candidate, norm: Any, lex: TriggerLexicon) -> None:
    """"کنترل شهر را به ارتش واگذار کردند" / "handed over control of the town to the army": the giver is
    actor 1, the receiver (after به / to / إلى) actor 2, whatever their sides."""
    armed = [m for m in _rank_near(cand.sentence_actors, cand) if m.canonical_id not in NON_COMBATANTS]
    receivers = [m for m in armed if _is_recipient(m, norm, lex)]
    givers = [m for m in armed if not _is_recipient(m, norm, lex)]
    if receivers:
        cand.actor2 = receivers[0]
        cand.actor1 = next((m for m in givers if m.canonical_id != receivers[0].canonical_id), cand.actor1)
        if cand.actor1 is not None and cand.actor1.canonical_id == cand.actor2.canonical_id:
            cand.actor1 = None
        cand.assoc = []


def _one_victim(cand: _Candidate, lex: TriggerLexicon, norm: Any, text: str) -> bool:
    """The trigger is a singular killing verb (``single_victim``: "کشته شد"), its killer is named as the agent
    ("توسط افراد مسلح") and no toll above one is linked: one person was killed."""
    if norm is None or not _singular_verb_by_named_agent(cand, lex, norm, text):
        return False
    toll = cand.quantities.get("killed")
    best = toll.attrs.get("best") or toll.attrs.get("low") if toll is not None else None
    return toll is None or best == 1


def _apply_rules(cand: _Candidate, text: str, lex: TriggerLexicon, norm_clause: str, norm: Any = None) -> None:
    spec = cand.spec
    sub = spec.sub_event_type
    if spec.rule == "capture" and lex.handover is not None and norm is not None and lex.handover.find(norm_clause):
        _hand_over(cand, norm, lex)
        cand.sub_event_type, cand.outcome = "Non-violent transfer of territory", "withdrew"
        return
    if spec.rule == "capture":
        if cand.actor1 is None:
            sub = "Armed clash"
        elif _side(cand.actor1) == "government":
            sub = "Government regains territory"
        else:
            sub = "Non-state actor overtakes territory"
    elif spec.rule in ("attack", "killing"):
        if lex.air_context.find(norm_clause) and spec.rule == "attack":
            sub = "Air/drone strike"
        elif spec.rule == "attack" and lex.fire_weapons is not None and lex.fire_weapons.find(norm_clause):
            sub = "Shelling/artillery/missile attack"
        elif cand.actor2 is not None and cand.actor2.canonical_id in ("civilians", "protesters", "activists"):
            sub = "Attack" if cand.actor2.canonical_id != "protesters" else "Excessive force against protesters"
        elif cand.actor2 is None and spec.rule == "attack" and lex.civilian_targets is not None \
                and lex.civilian_targets.find(norm_clause):
            sub = "Attack"  # "به خانه آیت‌الله ... حمله کردند": a home, a mosque, a market, no armed side hit
        elif spec.rule == "killing" and cand.actor2 is None and _one_victim(cand, lex, norm, text):
            sub = "Attack"  # "... توسط افراد ناشناس هدف گلوله قرار گرفت و کشته شد": one person shot dead
        else:
            sub = "Armed clash"
    elif sub == "Shelling/artillery/missile attack" and lex.air_context.find(norm_clause) \
            and not (lex.ground_weapons is not None and lex.ground_weapons.find(norm_clause)):
        sub = "Air/drone strike"
    elif sub == "Armed clash" and cand.actor2 is not None and cand.actor2.canonical_id == "civilians" \
            and cand.actor1 is not None and _civilians_a_party(cand, text):
        # "اشتباكات بين مواطنين ونقطة مسلحة للحوثيين": unarmed people "clashing" with gunmen are their
        # victims, not a side of a battle
        sub = "Attack"
    assert sub is not None
    cand.sub_event_type = sub
    if sub == "Air/drone strike" and cand.actor1 is not None and cand.actor1.canonical_id not in AIR_FORCES:
        grounded = cand.actor1
        cand.actor1 = next((m for m in _rank_near(cand.sentence_actors, cand) if m.canonical_id in AIR_FORCES),
                           None)
        if grounded.canonical_id != (cand.actor1.canonical_id if cand.actor1 else None) and (
                cand.actor2 is None or cand.actor1 is not None and cand.actor2.canonical_id == cand.actor1.canonical_id):
            cand.actor2 = grounded
        cand.assoc = [m for m in cand.assoc if _side(m) == _side(cand.actor1)] if cand.actor1 else []
    if cand.actor1 is not None and cand.actor2 is not None and cand.actor1.canonical_id == cand.actor2.canonical_id:
        cand.actor2 = None  # one actor cannot be both sides of an event
    cand.outcome = spec.outcome if SUB_EVENT_TO_TYPE[sub] == "Battles" or sub == "Non-violent transfer of territory" \
        else None
    if sub == "Armed clash" and spec.rule == "capture":
        cand.outcome = "contested"


def _civilians_a_party(cand: _Candidate, text: str) -> bool:
    """Are the civilians linked to a clash one of its parties ("اشتباكات بين مواطنين و...")?"""
    assert cand.actor2 is not None
    between_words = _between()
    between = between_words.search(text, cand.end, cand.actor2.start) if between_words is not None else None
    return between is not None and _in(cand.actor2, cand.clause) and cand.actor2.start - between.end() <= 3


def _to_place(m: Mention) -> PlaceRef:
    a = m.attrs
    return PlaceRef(
        place_id=m.canonical_id, name=a.get("name") or m.text, text=m.text, feature=a.get("feature"),
        country=a.get("country"), admin1=a.get("admin1"), admin2=a.get("admin2"), admin3=a.get("admin3"),
        latitude=a.get("latitude"), longitude=a.get("longitude"), geo_precision=a.get("geo_precision"),
        start=m.start, end=m.end,
    )


#: polarities of a happening still to come or imagined: a day or month named without a year keeps its
#: coming occurrence ("سيزور ... في سبتمبر"); any other event was told as having happened
_FUTURE_POLARITIES = frozenset(("planned", "hypothetical"))


def _to_date(m: Mention, polarity: str | None = None) -> DateRef:
    """The DateRef of date mention ``m`` as the date of an event of ``polarity``: a day or month without a
    year that was read as its coming occurrence dates a happening told as fact by its last one
    (``attrs["past"]``, :func:`rasad.extract.dates.past_occurrence`)."""
    a = dict(m.attrs)
    ref = DateRef.from_dict({k: v for k, v in a.items() if k not in ("start_offset", "end_offset", "past")})
    past = a.get("past")
    if past and polarity is not None and polarity not in _FUTURE_POLARITIES:
        ref.start, ref.end = date_cls.fromisoformat(past[0]), date_cls.fromisoformat(past[1])
    ref.text = ref.text or m.text
    ref.start_offset, ref.end_offset = m.start, m.end
    return ref


def _to_quantity(m: Mention) -> Quantity:
    q = Quantity.from_dict({k: v for k, v in m.attrs.items() if k != "category"})
    q.text = q.text or m.text
    q.start, q.end = m.start, m.end
    return q


def _published_day(doc: Document) -> date_cls | None:
    if doc.published is None or doc.published_precision not in ("datetime", "day"):
        return None
    return doc.published.date() if hasattr(doc.published, "date") else doc.published


def _explicit_date_end(m: Mention) -> date_cls | None:
    """The last day of a date written out in full ("در سال 2006", "12 خرداد 1377"), else ``None``."""
    if m.attrs.get("relative") or not m.attrs.get("anchored") or not m.attrs.get("end"):
        return None
    try:
        return date_cls.fromisoformat(str(m.attrs["end"])[:10])
    except ValueError:
        return None


def _history_reference(doc: Document, dates: _MentionIndex) -> date_cls | None:
    """The article's own time: its publication day (any precision), else the newest date it writes out."""
    if doc.published is not None and doc.published_precision != "unknown":
        return doc.published.date() if hasattr(doc.published, "date") else doc.published
    ends = [d for d in map(_explicit_date_end, dates.within(0, len(doc.text))) if d is not None]
    return max(ends, default=None)


def _told_as_history(cand: _Candidate, lex: TriggerLexicon, reference: date_cls | None) -> bool:
    """Is the trigger's own date (in its sentence, not the statement's) long before the article's time?
    Then the event is told as history ("در ماه دسامبر 1999 ربوده ... شده بود").  A date read as a dateline
    (opening a line: "* 2 أغسطس 1990: ...") counts too: an article's own stamp is never a year older than
    the article, so one that is heads an entry of a timeline of past events."""
    if lex.history_after_days is None or reference is None or cand.sentence_date is None \
            or cand.sentence_date_source not in ("clause", "sentence", "dateline"):
        return False
    end = _explicit_date_end(cand.sentence_date)
    return (end is not None and (reference - end).days > lex.history_after_days) \
        or (lex.month_alone_history and _other_month_alone(cand.sentence_date, reference))


def _other_month_alone(m: Mention, reference: date_cls) -> bool:
    """Is the date a month named alone ("in September", "in early April"), not the article's own month?  A
    report dates its news by the day or as recent ("on Monday", "this month"); a happening dated by another
    month only is one told as background ("Russia launched air strikes ... in September").  The year of a
    bare month is inferred, and may land after the article: either way the month is not the news's."""
    if m.attrs.get("precision") != "month" or not m.attrs.get("anchored") or not m.attrs.get("start"):
        return False
    try:
        start = date_cls.fromisoformat(str(m.attrs["start"])[:10])
    except ValueError:
        return False
    return (start.year, start.month) != (reference.year, reference.month)


def _anchored(cand: _Candidate) -> bool:
    """Does the trigger's sentence tie it to one happening: an actor, a place, a date or a count of its own?"""
    in_sentence = (cand.sentence.start, cand.sentence.end)
    return bool(cand.quantities) or any(
        m is not None and _in(m, in_sentence) and not (m is cand.place and cand.place_inherited)
        for m in (cand.actor1, cand.actor2, cand.place, cand.date, cand.sentence_date))


def _goes_on_with_history(cand: _Candidate, history_sentence: int | None) -> bool:
    """Does a bare toll or a back-reference go on telling the history of the sentence just before ("... در
    سال 1377 ... انفجار بمبی ... که باعث کشته شدن 3 نفر شد. 2 تن از کشته شدگان کودک بودند.")?  With no
    date or place of its own it is that history's detail, not a new happening."""
    if history_sentence is None or cand.sentence.index - history_sentence not in (0, 1):
        return False
    if cand.spec.rule != "killing" and not cand.anaphoric:
        return False
    return cand.sentence_date is None and (cand.place is None or cand.place_inherited)


def _war_total(cand: _Candidate, lex: TriggerLexicon) -> bool:
    """Is the trigger's death toll a war's running total ("more than 320000 people have been killed")?"""
    toll = cand.quantities.get("killed")
    if lex.war_total_at_least is None or toll is None:
        return False
    best = toll.attrs.get("best") or toll.attrs.get("low")
    return isinstance(best, (int, float)) and best >= lex.war_total_at_least


def _arrest_tally(cand: _Candidate, lex: TriggerLexicon, text: str) -> bool:
    """Is an arrest telling a campaign's tally: many arrested, counted over a period its sentence names
    ("اعتقال 22 عنصرا في الفترة الممتدة من 31 يوليو وحتى أمس")?  Many separate arrests, none of them told."""
    arrested = cand.quantities.get("arrested")
    if lex.arrest_roundup is None or arrested is None or cand.sub_event_type != "Arrests":
        return False
    at_least, period = lex.arrest_roundup
    best = arrested.attrs.get("best")
    return isinstance(best, int | float) and best >= at_least \
        and period.search(text, cand.sentence.start, cand.sentence.end) is not None


def _other_day(a: _Candidate, b: _Candidate) -> bool:
    """Do two tellings date themselves to different days ("on Saturday" and "on Tuesday")?"""
    da, db = a.date, b.date
    return da is not None and db is not None and da.attrs.get("precision") == "day" \
        and db.attrs.get("precision") == "day" and da.attrs.get("start") != db.attrs.get("start")


def _has_article(norm_text: str, m: PhraseMatch, lex: TriggerLexicon, articles: tuple[str, ...]) -> bool:
    """Where the article is a proclitic (``definite_by_article``): does the trigger noun carry it ("وأسفر
    القصف عن", "في الغارة")?  Like "the airstrikes", it names a happening the text may have told."""
    return lex.definite_by_article and bool(articles) and norm_text.startswith(articles, m.core_start)


def _is_definite(norm_text: str, m: PhraseMatch, lex: TriggerLexicon) -> bool:
    """Does a definite article right before the trigger (at most one adjective between) make it a happening
    already told ("the airstrikes", "the heavy shelling")?"""
    if not lex.definite_before:
        return False
    before = _words_in(norm_text, max(0, m.start - 30), m.start)[-2:]
    return bool(before) and (before[-1] in lex.definite_before
                             or (len(before) == 2 and before[0] in lex.definite_before))


def _place_key(m: Mention | None) -> str | None:
    """The place id used to tell happenings apart; a country says too little to separate them."""
    if m is None or m.attrs.get("feature") == "country":
        return None
    return m.canonical_id


def _places_compatible(a: Mention | None, b: Mention | None) -> bool:
    """Could two place mentions name the same event location?  Unknown or country-level: yes; else the
    same place, one inside the other (admin1/admin2 names), or within 30 km."""
    ka, kb = _place_key(a), _place_key(b)
    if ka is None or kb is None or ka == kb:
        return True
    assert a is not None and b is not None
    na, nb = a.attrs.get("name"), b.attrs.get("name")
    if na and nb and (na == nb or na in (b.attrs.get("admin1"), b.attrs.get("admin2"))
                      or nb in (a.attrs.get("admin1"), a.attrs.get("admin2"))):
        return True
    km = _km_apart(a, b)
    return km is not None and km < 30.0


def _same_place(a: Mention | None, b: Mention | None) -> bool:
    """Same specific place: ids equal, or the same name (a city and its district share a name)."""
    ka, kb = _place_key(a), _place_key(b)
    if ka is None or kb is None:
        return False
    assert a is not None and b is not None
    return ka == kb or (a.attrs.get("name") is not None and a.attrs.get("name") == b.attrs.get("name"))


def _retold_as_definite(a: _Candidate, cand: _Candidate) -> bool:
    """May the definite trigger ``cand`` ("the clashes", "المواجهات") retell the earlier event ``a``?  The same
    sub-type, a weak word of the same event type ("the blasts" after suicide bombers), or the fighting of a capture ("سيطرت القوات على القاعدة ... قتلوا أثناء المواجهات", which then
    only fills what the capture lacks); the same polarity, an asserted and a sourced ("ذكرت المصادر") telling
    counting as one."""
    kind = a.sub_event_type == cand.sub_event_type or (
        cand.sub_event_type == "Armed clash" and a.sub_event_type in _CAPTURES) or (
        # a weak word of the same kind ("the blasts", "the explosion") after a suicide bombing or a car bomb
        cand.spec.weak and SUB_EVENT_TO_TYPE[a.sub_event_type] == SUB_EVENT_TO_TYPE[cand.sub_event_type])
    return kind and (a.polarity == cand.polarity or frozenset((a.polarity, cand.polarity)) in _FACT_AND_HEDGE)


_PLAN_OR_FACT = frozenset({"asserted", "planned"})
#: Polarities of tellings that talk about an act rather than assert it.
_TALK = frozenset({"planned", "uncertain", "reported", "hypothetical"})
#: one telling asserts a happening, another hedges it (a suspected attack, a perpetrator "likely")
_FACT_AND_HEDGE = (frozenset({"asserted", "uncertain"}), frozenset({"asserted", "reported"}))
#: Sub-types named by their weapon: two of them at one place are two happenings, not one told twice.
_DISTINCT_WEAPONS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"})


def _nested(a: Mention | None, b: Mention | None) -> bool:
    """Does one of two place mentions lie inside the other (a city and its district, a province and its town)?"""
    return a is not None and b is not None and (_contains(a, b) or _contains(b, a))


def _other_country(a: Mention | None, b: Mention | None) -> bool:
    """Do two places lie in different countries?  The same actor's same kind of act told at both is one
    campaign: the second place is where it was announced, discussed or reacted to ("British air strikes in
    Syria" and, later, "Moscow welcomes the air strikes"), since one happening cannot be in two countries."""
    ca = a.attrs.get("country") if a is not None else None
    cb = b.attrs.get("country") if b is not None else None
    return bool(ca) and bool(cb) and ca != cb


def _same_or_no_place(a: _Candidate, b: _Candidate) -> bool:
    return _place_key(a.place) is None or _place_key(b.place) is None or _same_place(a.place, b.place)


@lru_cache(maxsize=1)
def _coordinated_gap() -> re.Pattern[str] | None:
    """What may stand between two coordinated trigger words ("قصفا واشتباكات", "اشتباكات وقصف عنيف"): a
    conjunction (``linking.coordination_gap``), at most one adjective."""
    return _all_languages("coordination_gap", r"\s*(?:\w+\s+)?", r"?\s*$")


def _part_of_battle(a: _Candidate, b: _Candidate, text: str) -> bool:
    """Is one of two tellings in one sentence part of the battle the other tells?

    * a capture told with the clashes that won it ("اندلعت اشتباكات ... أسفرت عن سيطرة قوات الأسد على
      القريتين"): the territory changed hands in that battle, one event with the capture's sub-type;
    * shelling or air strikes coordinated with clashes in one clause ("يشهد الحي قصفا واشتباكات بين
      ..."): the fire supports the fighting, one armed clash.
    Both asserted.
    """
    if a.sentence.index != b.sentence.index or a.polarity != "asserted" or b.polarity != "asserted":
        return False
    subs = {a.sub_event_type, b.sub_event_type}
    if "Armed clash" in subs and subs & _CAPTURES and not (a.generic or b.generic):
        return True
    if a.sub_event_type == b.sub_event_type == "Armed clash" and (a.spec.rule == "capture") != (b.spec.rule == "capture") \
            and not (a.generic or b.generic):
        # "forces took control of the village after clashes with X": a capture whose taker the text does not
        # identify is coded a clash; with the fighting that won it, it is still one battle
        return True
    if "Armed clash" in subs and subs & _DISTINCT_WEAPONS and a.clause == b.clause:
        first, second = (a, b) if a.start < b.start else (b, a)
        gap = _coordinated_gap()
        return gap is not None and gap.fullmatch(text, first.end, second.start) is not None
    return False


#: how many words may stand between an accompaniment cue and the fire word it introduces ("accompanied by
#: regime artillery and missile shelling", "accompanied by shelling by the Syrian army and barrel bombs")
FIRE_CUE_WORDS = 10


@lru_cache(maxsize=1)
def _accompanying_fire() -> re.Pattern[str] | None:
    """An accompaniment cue (``linking.accompanying_fire``) followed by at most :data:`FIRE_CUE_WORDS` words
    inside one clause-like stretch (no sentence or clause punctuation), up to the fire word."""
    return _all_languages("accompanying_fire", r"(?:^|\W)", rf"(?:\s+[^\s.;:!?]+){{0,{FIRE_CUE_WORDS}}}\s+$")


#: what may stand between two weapons of one list of fire: a few words, no sentence or clause punctuation
_FIRE_LIST_GAP = re.compile(rf"(?:[\s,]+[^\s.;:!?,]+){{0,{FIRE_CUE_WORDS}}}[\s,]+")


def _fire_of_battle(a: _Candidate, b: _Candidate, text: str) -> bool:
    """Is the shelling or air strike ``b`` the fire that accompanies the battle ``a``?

    "Clashes, accompanied by the exchange of shelling, between X and Y in Z", "X clashed with Y in Z, in
    which the clashes were accompanied by barrel bombs and airstrikes", "Clashes and exchange of shelling
    took place ...": a battle told earlier in the fire's sentence (one of its tellings) and a cue that ties
    the fire to it (``linking.accompanying_fire``) right before the fire word.  ACLED codes that as one
    battle: the fire supports the fighting.  Both asserted, no two different death tolls; fire told on its
    own ("Regime forces also shelled X") stays an event.
    """
    if b.sub_event_type not in _DISTINCT_WEAPONS or SUB_EVENT_TO_TYPE[a.sub_event_type] != "Battles" \
            or a.polarity != "asserted" or b.polarity != "asserted":
        return False
    if "killed" in a.quantities and "killed" in b.quantities and not _same_toll(a, b):
        return False
    sent_start = b.sentence.start
    told = [(s, e) for s, e in [(a.start, a.end), *a.triggers] if sent_start <= s and e <= b.start]
    if not told:
        return False
    if any(sent_start <= end and _FIRE_LIST_GAP.fullmatch(text, end, b.start) for end in a.fire_ends):
        return True  # "accompanied by shelling and airstrikes": the next weapon of the list
    gap = _coordinated_gap()
    if gap is not None and any(gap.fullmatch(text, e, b.start) for _, e in told):
        return True  # "the clashes and shelling resulted in ...": the battle retold with its fire, in one breath
    cue = _accompanying_fire()
    if cue is not None and cue.search(text, min(s for s, _ in told), b.start) is not None:
        return True
    # "clashes took place on the outskirts of the town as regime forces shelled it": fire at the battle's
    # place at the same time (the fire's clause names no place of its own, or the same or a nested one)
    at_once = _simultaneous_fire()
    hit = at_once.search(text, min(s for s, _ in told), b.start) if at_once is not None else None
    return hit is not None and (b.place is None or b.place_inherited or b.place.start < hit.start()
                                or _same_or_no_place(a, b) or _nested(a.place, b.place))


#: how many words may stand between a simultaneity cue and the second weapon's word ("as regime forces shelled")
SIMULTANEOUS_CUE_WORDS = 3


@lru_cache(maxsize=1)
def _simultaneous_fire() -> re.Pattern[str] | None:
    """A simultaneity cue (``linking.simultaneous_fire``) a few words before the second weapon's word."""
    return _all_languages("simultaneous_fire", r"(?:^|\W)",
                          rf"(?:\s+[^\s.;:!?]+){{0,{SIMULTANEOUS_CUE_WORDS}}}\s+$")


def _simultaneous_weapons(a: _Candidate, b: _Candidate, text: str) -> bool:
    """Is ``b`` the same bombardment as ``a`` told with its second weapon in the same sentence?

    "Regime forces shelled the town as warplanes carried out raids on it", "warplanes bombed the town while
    helicopters dropped barrel bombs": two weapons joined by a cue of simultaneity
    (``linking.simultaneous_fire``), at the same or a nested place (or none of its own), by agreeing sides,
    on no other day, with no two different death tolls.  Weapons told in two sentences stay two happenings
    (see :func:`_mergeable`).
    """
    if a.sub_event_type not in _DISTINCT_WEAPONS or b.sub_event_type not in _DISTINCT_WEAPONS \
            or a.polarity != "asserted" or b.polarity != "asserted" or b.similar or b.other_telling:
        return False
    if "killed" in a.quantities and "killed" in b.quantities and not _same_toll(a, b):
        return False
    if _other_day(a, b) or not _actors_agree(a, b):
        return False
    told = [s for s, e in [(a.start, a.end), *a.triggers] if b.sentence.start <= s and e <= b.start]
    cue = _simultaneous_fire()
    hit = cue.search(text, min(told), b.start) if told and cue is not None else None
    if hit is None:
        return False
    # the second weapon's clause names no place of its own ("as warplanes carried out raids on the village":
    # the place it was linked to is the first telling's), or the same or a nested one
    return b.place is None or b.place_inherited or b.place.start < hit.start() or _same_or_no_place(a, b) \
        or _nested(a.place, b.place)


def _battle_amid_fire(a: _Candidate, b: _Candidate, text: str) -> bool:
    """Is the battle ``b`` the fighting that the fire ``a``, told before it in the sentence, supported?

    "Regime forces shelled the district as clashes took place in the area", "warplanes struck the town
    amid clashes": the fire and the fighting at one place at one time, one battle (the battle names the
    event).  The cue (``linking.simultaneous_fire`` or ``linking.accompanying_fire``) stands a few words
    before the battle's word; the battle's clause names no place of its own, or the same or a nested one;
    both asserted, no two different death tolls.
    """
    if a.sub_event_type not in _DISTINCT_WEAPONS or SUB_EVENT_TO_TYPE[b.sub_event_type] != "Battles" \
            or a.polarity != "asserted" or b.polarity != "asserted" or b.similar or b.generic:
        return False
    if "killed" in a.quantities and "killed" in b.quantities and not _same_toll(a, b):
        return False
    if not b.sentence.start <= a.start < b.start:
        # the fire's own telling must stand before the battle's word; a retelling of a strike told earlier
        # ("the deadly raid comes amid a massive aerial offensive") sets it in a campaign, not in a battle
        return False
    for cue, own_clause in ((_simultaneous_fire(), False), (_accompanying_fire(), True)):
        hit = cue.search(text, a.start, b.start) if cue is not None else None
        if hit is None or (own_clause and hit.start() > a.clause[1] + CUE_AFTER_CLAUSE):
            # an accompaniment ("accompanied by", "ترافق مع") qualifies the clause right before it: "قصفت بيت جن،
            # ... كذلك جددت قصفها للزبداني، ترافق مع الاشتباكات" sets the clashes beside the later fire, not the
            # first ("as", "while" may join a clause to the sentence's main one, further back)
            continue
        if b.place is None or b.place_inherited or b.place.start < hit.start() \
                or _same_or_no_place(a, b) or _nested(a.place, b.place):
            return True
    return False


#: how far after the fire's clause (its closing comma and a space) an accompaniment cue of a battle may start
CUE_AFTER_CLAUSE = 3


def _same_toll(a: _Candidate, b: _Candidate) -> bool:
    """Do two tellings give the same death toll?"""
    qa, qb = a.quantities.get("killed"), b.quantities.get("killed")
    return qa is not None and qb is not None and qa.attrs.get("best") is not None \
        and qa.attrs.get("best") == qb.attrs.get("best")


#: the smallest death toll that, told twice with another weapon's name, identifies one happening
MIN_SHARED_TOLL = 3


def _toll_size(c: _Candidate) -> int:
    q = c.quantities.get("killed")
    best = q.attrs.get("best") if q is not None else None
    return int(best) if isinstance(best, int | float) else 0


#: Sub-type pairs that are never one happening: a bomber on the ground is no strike from the air or from guns
#: (a suicide attack and the air strikes it avenges, told in one breath)
_NEVER_ONE = frozenset({frozenset({"Suicide bomb", "Air/drone strike"}),
                        frozenset({"Suicide bomb", "Shelling/artillery/missile attack"})})


def _mergeable(a: _Candidate, b: _Candidate) -> bool:
    """Are ``a`` (earlier) and ``b`` the same happening told twice in one document?"""
    if frozenset({a.sub_event_type, b.sub_event_type}) in _NEVER_ONE:
        return False
    if b.similar:
        return False  # "similar clashes in Jobar": another happening of the kind told before
    if a.sub_event_type == b.sub_event_type and a.sentence.index == b.sentence.index and _same_or_no_place(a, b):
        return True  # "called for protests ... the protests must be peaceful": one happening, told twice
    if a.sub_event_type == b.sub_event_type and a.polarity == b.polarity and _same_toll(a, b) \
            and (_same_or_no_place(a, b) or _nested(a.place, b.place)):
        # "rockets on Damascus: 11 dead" and later "rockets on Bab Touma and Abbasiyin in Damascus: 11
        # dead": the same toll at the same or a nested place is the same happening, told in detail
        return True
    if SUB_EVENT_TO_TYPE[a.sub_event_type] == SUB_EVENT_TO_TYPE[b.sub_event_type] \
            and SUB_EVENT_TO_TYPE[a.sub_event_type] in VIOLENT_TYPES and a.polarity == b.polarity \
            and _same_toll(a, b) and _toll_size(a) >= MIN_SHARED_TOLL and not _other_day(a, b) \
            and (_same_or_no_place(a, b) or _nested(a.place, b.place)):
        # "20 civilians killed by Turkish artillery fire and air strikes" then "Turkish shelling and air
        # strikes killed at least 20 civilians", "Eight killed in terrorist bombing in Damascus" then "a car
        # bomb in Masaken Barzeh ... claiming eight": one toll of several dead told twice, the weapon named
        # differently; a toll of one or two recurs too easily to identify a happening
        return True
    same_actor = a.actor1 is not None and b.actor1 is not None and a.actor1.canonical_id == b.actor1.canonical_id
    if a.sub_event_type == b.sub_event_type and {a.polarity, b.polarity} <= _PLAN_OR_FACT and same_actor \
            and not b.quantities and (_place_key(b.place) is None or b.place_inherited or _same_place(a.place, b.place)
                                      or _other_country(a.place, b.place)):
        # "the decision to carry out air strikes" and "the first British air strikes were carried out":
        # the plan and its execution are one happening; and without a place of its own to tell them
        # apart, the same actor's same kind of act retold later in the article is the same one
        return True
    if a.sub_event_type == b.sub_event_type and a.polarity == "asserted" and b.polarity in _TALK \
            and not b.quantities and (b.actor1 is None or same_actor) \
            and (_place_key(b.place) is None or _other_country(a.place, b.place)):
        # a plan, a rumour or a statement about the kind of act the document asserts, with no actor, place
        # or toll of its own to tell it apart ("the vote on the plan for air strikes against IS" after
        # "British air strikes began"): the campaign told again, not a second happening
        return True
    if a.sub_event_type == b.sub_event_type and {a.polarity, b.polarity} in _FACT_AND_HEDGE \
            and b.sentence.index - a.last_sentence <= 2 and not _other_day(a, b) \
            and (_same_place(a.place, b.place) or _nested(a.place, b.place)) \
            and not ("killed" in a.quantities and "killed" in b.quantities and not _same_toll(a, b)):
        # "a suspected chemical attack on Khan Sheikhun" and "sarin had been used in Khan Sheikhun", "raids
        # likely carried out by Russian jets targeted Duwayleh" after "airstrikes on a village in Idlib":
        # one happening, asserted in one sentence and hedged (who did it, what was used) in the next
        return True
    if SUB_EVENT_TO_TYPE[a.sub_event_type] != SUB_EVENT_TO_TYPE[b.sub_event_type] or a.polarity != b.polarity:
        return False
    if a.sub_event_type != b.sub_event_type and {a.sub_event_type, b.sub_event_type} <= _DISTINCT_WEAPONS \
            and not a.generic and not b.generic and a.sentence.index != b.sentence.index:
        # barrel bombs from helicopters told apart from the tank shelling of the same district: different
        # weapons fired by different units, two happenings ("air strikes and shelling on X" in one breath
        # stays one)
        return False
    if SUB_EVENT_TO_TYPE[a.sub_event_type] == "Battles" and same_actor and b.sentence.index - a.last_sentence <= 1 \
            and (_same_or_no_place(a, b) or _nested(a.place, b.place)):
        # "advancing in Homs ... took Khalidiya": the advance and the capture inside that area, told in
        # one breath by the same side, are one battle
        return True
    if a.sub_event_type == b.sub_event_type and same_actor and not b.quantities and _nested(a.place, b.place):
        # "the Khan al-Asal massacre" after "a massacre in Aleppo": the same act retold, named by the place
        return True
    if a.sub_event_type in ("Other", "Agreement", "Arrests") and a.sub_event_type != b.sub_event_type:
        return False
    if _place_key(a.place) is not None and _place_key(b.place) is not None:
        if _same_place(a.place, b.place):
            return True
        # the same actor doing the same thing "in Moscow" and "in London": those are where it was
        # discussed; one happening cannot be in two countries, a second event would be in the same one
        return (a.sub_event_type == b.sub_event_type and not b.quantities and a.actor1 is not None
                and b.actor1 is not None and a.actor1.canonical_id == b.actor1.canonical_id
                and a.place.attrs.get("country") != b.place.attrs.get("country"))
    return b.sentence.index - a.last_sentence <= 1


def _merge_into(a: _Candidate, b: _Candidate, doc: Document, keep_type: bool = False) -> None:
    if keep_type:  # a back-reference ("these advances") adds evidence, not links
        a.triggers.append((b.start, b.end))
        a.evidence.append(doc.span(b.sentence.start, b.sentence.end))
        return
    if a.headline and not b.headline and not b.generic and b.quantities and not a.body_counts:
        # the headline's counts are a summary ("8 قتلى من عائلة واحدة"); the body states them in full
        headline_toll = a.quantities.get("killed")
        a.quantities.update(b.quantities)
        if headline_toll is not None and headline_toll is not a.quantities.get("killed"):
            a.other_tolls.append(headline_toll)
        a.body_counts = True
    a_best, b_best = a.best_telling or a.telling(), b.best_telling or b.telling()
    a.best_telling = max(a_best, b_best, key=lambda t: t[:2])
    if a.best_telling is b_best and b.date is not None and b.date_source == "clause" and b_best[4] is b.sentence:
        # the telling that states the event in full dates it in its own clause; the date another telling
        # gave (a photo caption's "April 27 2017", a headline's "منذ ساعات") was that telling's
        a.date, a.date_source = b.date, "merged"
    if a.best_telling is b_best and "killed" in b.quantities and _own_place(b) and _place_key(a.place) is not None \
            and not _other_country(a.place, b.place) \
            and (not _contains(b.place, a.place) or _bare_name_of_area(a.place, b.place)):
        # ... and places it: "20 killed as a warplane fell in the town of Ariha" is where the toll happened,
        # not the city a background sentence ("barrel bombs on Idlib city") that it joined names.  Only
        # between two places of one country: a place abroad is a dateline or where it was discussed.  A wider
        # area keeps the narrower place, unless that place is the area's own bare name (headline "bomb in
        # Idlib mosque", body "an explosion in Idlib province"): the fuller telling says which Idlib is meant
        a.place, a.place_inherited = b.place, False
    if a.best_telling is b_best and b.actor1 is not None and b.richness() > a.richness():
        # the fuller telling (the lead after a terse headline) says who did what to whom
        old2 = a.actor2
        a.actor1, a.actor2 = b.actor1, b.actor2
        if a.actor2 is None and old2 is not None and old2.canonical_id != b.actor1.canonical_id:
            a.actor2 = old2
    if b.priority() < a.priority():
        # the more specific telling names the event: its trigger and sentence become the main evidence
        a.evidence.append(doc.span(a.sentence.start, a.sentence.end))
        a.sub_event_type, a.outcome = b.sub_event_type, b.outcome
        a.start, a.end, a.sentence, a.spec = b.start, b.end, b.sentence, b.spec
        _take_certainty(a, b)
        a.triggers.insert(0, (b.start, b.end))
        a.last_sentence = max(a.last_sentence, b.sentence.index)
        _absorb_links(a, b)
        return
    _absorb_links(a, b)
    _take_certainty(a, b)
    a.triggers.append((b.start, b.end))
    a.evidence.append(doc.span(b.sentence.start, b.sentence.end))
    a.last_sentence = max(a.last_sentence, b.sentence.index)


def _bare_name_of_area(town: Mention, area: Mention) -> bool:
    """Is the settlement mention ``town`` the bare Latin name ("Idlib") of the admin ``area`` ("Idlib
    province", the governorate Idleb) that contains it?  English names a province by its seat's name, so
    where a fuller telling of one happening says "X province", the bare "X" of another telling (a headline)
    is that province, not its seat city."""
    return area.attrs.get("feature") in ("admin1", "admin2", "admin3") \
        and town.attrs.get("feature") in _SETTLEMENT_FEATURES and _LATIN_NAME.fullmatch(town.text) is not None \
        and _fold_name(area.attrs.get("name")) in _namesake_units(town)


def _own_place(c: _Candidate) -> bool:
    """Does a telling name a place of its own (in its sentence, below the country level)?"""
    return c.place is not None and not c.place_inherited and _place_key(c.place) is not None \
        and _in(c.place, (c.sentence.start, c.sentence.end))


def _take_certainty(a: _Candidate, b: _Candidate) -> None:
    """A plan merged with its execution: the event happened (the asserted telling wins)."""
    if a.polarity == "planned" and b.polarity == "asserted":
        a.polarity, a.cue = b.polarity, b.cue


#: How coarse a linked date is: its precision, one step coarser for an unspecified few ("منذ أيام").
_DATE_COARSENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def _coarseness(m: Mention) -> int:
    vague = "few" in str(m.attrs.get("expression") or "")
    return _DATE_COARSENESS.get(str(m.attrs.get("precision")), 4) + vague


def _vaguer(a: _Candidate, b: _Candidate) -> bool:
    """Does another telling of the same event date it more finely than ``a`` does?  "طی روزهای گذشته"
    yields to "2 روز پیش", the month an operation began ("از ماه ژوئن") to the day of the capture it
    led to; the statement's date or the article's stamp never replaces a date, nor does a day outside the
    window a telling's own clause or sentence gives it ("air strikes last week near Manbij" is not the strike
    of July 27 told later: :func:`_outside_own_window`)."""
    if a.date is None or b.date is None or _WEAK_DATE_RANK.get(b.date_source, 0):
        return False
    return _coarseness(b.date) < _coarseness(a.date) and not _outside_own_window(a, b.date)


def _outside_own_window(a: _Candidate, m: Mention) -> bool:
    """Does the date ``m`` fall outside the week or month that dates ``a`` (in a telling's clause or
    sentence)?  A finer date of another telling details a period only when it lies in it; outside, the
    tellings are of different happenings or one of them is background.  (The start of a period is no
    window: the capture a campaign "since June" led to may come later.)"""
    if a.date is None or a.date_source not in ("clause", "sentence", "merged") \
            or a.date.attrs.get("precision") not in ("week", "month"):
        return False
    start, end, day = a.date.attrs.get("start"), a.date.attrs.get("end"), m.attrs.get("start")
    if not start or not end or not day:
        return False
    return not str(start)[:10] <= str(day)[:10] <= str(end)[:10]


def _absorb_links(a: _Candidate, b: _Candidate) -> None:
    """Fill ``a``'s missing links (actors, place, date, counts) from ``b``."""
    if a.actor1 is None and (b.actor1 is None or a.actor2 is None or b.actor1.canonical_id != a.actor2.canonical_id):
        a.actor1 = b.actor1
    if a.actor2 is None and b.actor2 is not None and b.actor2.canonical_id != (a.actor1.canonical_id
                                                                              if a.actor1 else None):
        a.actor2 = b.actor2
    known = {m.canonical_id for m in [a.actor1, a.actor2, *a.assoc] if m is not None}
    for m in [b.actor1, *b.assoc]:
        if m is not None and m.canonical_id not in known and _side(m) == _side(a.actor1):
            a.assoc.append(m)
            known.add(m.canonical_id)
    if a.place is None or (a.place_inherited and b.place is not None and not b.place_inherited):
        a.place, a.place_inherited = b.place, b.place_inherited
    elif b.place is not None and not b.place_inherited and a.place is not None and _contains(a.place, b.place):
        a.place, a.place_inherited = b.place, False  # the more precise place inside the same area
    elif b.place is not None and not b.place_inherited and a.place is not None \
            and a.place.attrs.get("feature") == "country" and _place_key(b.place) is not None \
            and b.place.attrs.get("country") == a.place.attrs.get("country") and not b.generic:
        a.place, a.place_inherited = b.place, False  # "in Syria" told again as "in Hasakah province"
    if b.date is not None and (a.date is None or _WEAK_DATE_RANK.get(b.date_source, 0)
                               < _WEAK_DATE_RANK.get(a.date_source, 0) or _vaguer(a, b)):
        # another telling dates the event itself where this one only has the statement's date
        a.date, a.date_source = b.date, b.date_source if _WEAK_DATE_RANK.get(b.date_source, 0) else "merged"
    for cat, q in b.quantities.items():
        a.quantities.setdefault(cat, q)
    _keep_tolls(a, b)


def _keep_tolls(a: _Candidate, b: _Candidate) -> None:
    """Keep the death tolls of the telling ``b`` folded into ``a`` that ``a`` does not count as its own: "SOHR
    said 12 were killed" retold as "the state agency put the toll at 9" is one happening with two claims, which
    the claims stage attributes each to its own speaker.  A subset ("including 3 children") is no toll of its
    own."""
    own = a.quantities.get("killed")
    for m in (b.quantities.get("killed"), *b.other_tolls):
        if m is None or m is own or m.attrs.get("subset") or any(t is m for t in a.other_tolls):
            continue
        if own is not None and (m.start, m.end) == (own.start, own.end):
            continue
        a.other_tolls.append(m)


def extract_events(doc: Document) -> tuple[list[Event], list[Mention]]:
    """Events of ``doc`` and the trigger mentions behind them (see the module docstring)."""
    ensure_norm(doc)
    assert doc.norm is not None
    norm = doc.norm
    if not doc.sentences:
        return [], []
    hits: list[tuple[str, PhraseMatch, Sentence]] = [
        (lang, m, sent) for lang, m, sent in scan_document(doc, _trigger_matcher)
        if sent is not None and not m.payload.shield
    ]
    if not hits:
        return [], []
    hits = [h for h in hits if not h[1].payload.place_after or _place_follows(doc, h[0], h[1])]
    hits = _outside_link_lists(doc, hits)
    headline_end = _headline_end(doc)
    repeats: set[int] = set()  # indexes of body sentences that repeat the headline
    if headline_end is not None:
        headline_norm = norm.text[:norm.from_raw(headline_end)].strip()
        repeats = {s.index for s in doc.sentences if s.start >= headline_end
                   and _repeats_headline(doc, s, headline_norm)}
    strong_sentences = {sent.index for _, m, sent in hits if not m.payload.weak}
    hits = [h for h in hits if not h[1].payload.weak or h[2].index not in strong_sentences]
    # after the weak words' test: a sentence telling who holds a place tells no weak-worded event either
    hits = [h for h in hits if not h[1].payload.headline_only or _in_headline(h[2], headline_end)
            or _after_past_particle(norm.text, h[1], trigger_lexicon(h[0]))]

    by_kind: dict[str, list[Mention]] = {"actor": [], "place": [], "date": [], "quantity": []}
    for mention in doc.mentions:  # one pass for the four kinds (``doc.mentions_of`` each)
        bucket = by_kind.get(mention.kind)
        if bucket is not None:
            bucket.append(mention)
    actors = _MentionIndex(by_kind["actor"])
    places = _MentionIndex(by_kind["place"])
    dates = _MentionIndex(by_kind["date"])
    quantities = _MentionIndex(by_kind["quantity"])
    # the modality cues, found per sentence when a trigger first gets that far (many triggers stop before)
    cues: DocumentCues | None = None
    sentence_cues_of: dict[int, list[Any]] = {}
    published_day = _published_day(doc)
    history_reference = _history_reference(doc, dates)
    history_sentence: int | None = None  # the last sentence whose telling was history
    used_quantities: set[int] = set()
    text = doc.text

    hit_clauses: dict[int, list[tuple[int, int]]] = {}
    hit_spans: list[tuple[int, int, tuple[int, int]]] = []  # per hit: raw trigger span and clause
    for _, m, sent in hits:
        start, end = norm.to_raw(m.core_start, m.end)
        bounds = _clause_bounds(text, sent, start, end)
        hit_clauses.setdefault(sent.index, []).append(bounds)
        hit_spans.append((start, end, bounds))
    candidates: list[_Candidate] = []
    purpose_end: int | None = None
    venues: dict[int, bool] = {}
    offices: dict[int, bool] = {}
    seats: dict[str, list[Mention]] = {}
    stated: dict[int, Mention] = {}  # a namesake read elsewhere -> the area the text puts it in
    #: (sentence index, language) -> (actors of the sentence before, actors, places): read, never changed
    per_sentence: dict[tuple[int, str], tuple[list[Mention], list[Mention], list[Mention]]] = {}
    part_of_dead = _part_of_dead()
    for (lang, m, sent), (raw_start, raw_end, clause) in zip(hits, hit_spans, strict=True):
        lex = trigger_lexicon(lang)
        rules = linking_rules(lang)
        assert lex is not None
        cand = _Candidate(lang, m, m.payload, sent, raw_start, raw_end, clause,
                          triggers=[(raw_start, raw_end)], last_sentence=sent.index,
                          anaphoric=_is_anaphoric(norm.text, m, lex),
                          other_telling=_told_as_other(norm.text, m, lex),
                          attempt=_is_attempt(norm.text, m, lex, rules.conjunction_proclitics),
                          headline=headline_end is not None and raw_start < headline_end or sent.index in repeats,
                          repeat=sent.index in repeats,
                          back_reference=bool(rules.relative_pronouns) and _definite_relative(norm.text, m, rules))
        cand.definite_article = _has_article(norm.text, m, lex, rules.articles)
        cand.definite = cand.definite_article or _is_definite(norm.text, m, lex)
        sentence_links = per_sentence.get((sent.index, lang))
        if sentence_links is None:
            # the same for every trigger of the sentence (``offices`` decides each mention once per document)
            prev_sent = doc.sentences[sent.index - 1] \
                if sent.index > 0 and sent.index - 1 < len(doc.sentences) else None
            # a descriptor ("rebel-held", "Britain-based") names a place's owner or a sponsor, not a party
            previous_actors = [a for a in actors.within(prev_sent.start, prev_sent.end)
                               if "descriptor" not in a.attrs and not _office(a, norm, lex, offices)] \
                if prev_sent is not None else []
            sent_actors = [a for a in actors.within(sent.start, sent.end)
                           if "descriptor" not in a.attrs and not _office(a, norm, lex, offices)]
            sent_places = [p for p in places.within(sent.start, sent.end)
                           if not any(_actor_over_place(a, p) for a in sent_actors)]
            sentence_links = per_sentence[sent.index, lang] = (previous_actors, sent_actors, sent_places)
        previous_actors, sent_actors, sent_places = sentence_links
        _link_actors(cand, sent_actors, previous_actors, text, norm)
        _take_sides_of_similar(cand, candidates, sent_actors, norm.text, m, lex)
        cand.sentence_actors = sent_actors
        _link_place(cand, sent_places, text, norm, lex, venues, stated)
        if cand.place is not None and cand.place.attrs.get("feature") in _DISTRICTS:
            cand.place = _seat_reading(cand.place, doc, seats)
        if cand.place is None or cand.place.attrs.get("feature") == "country":
            for back in range(1, PLACE_LOOKBACK + 1):
                if sent.index - back < 0:
                    break
                own_country = cand.place
                if candidates and candidates[-1].sentence.index >= sent.index - back and candidates[-1].place:
                    inherited = candidates[-1].place
                    # a country of its own takes a more precise place only inside that country ("... in
                    # Syria" after a sentence on Washington stays in Syria)
                    if own_country is None or (_place_key(inherited) is not None
                                               and not _other_country(own_country, inherited)):
                        cand.place, cand.place_inherited = inherited, True
                    break
                ps = doc.sentences[sent.index - back]
                earlier = [p for p in places.within(ps.start, ps.end) if not _venue_of(venues, p, ps, text, norm, lex)]
                if own_country is not None:
                    earlier = [p for p in earlier if _place_key(p) is not None and not _other_country(own_country, p)]
                if earlier:
                    cand.place, cand.place_inherited = earlier[-1], True
                    break
        if cand.place is None:
            cand.place = _reference_fallback(cand, sent_places)
        sentence_dates = dates.within(sent.start, sent.end)
        other_clauses = [c for c in hit_clauses.get(sent.index, ()) if c != cand.clause]
        sent_dates = _rank_dates(sentence_dates, cand, published_day, text, norm, other_clauses)
        cand.dated_sentence = bool(sentence_dates) and not sent_dates
        if sent_dates:
            cand.date = sent_dates[0]
            cand.date_source = _date_source(cand.date, cand, norm)
        every_date = _rank_dates(sentence_dates, cand, published_day, text, norm, keep_all=True) \
            if sentence_dates and (not sent_dates or sent_dates[0] is not sentence_dates[0]) else sent_dates
        if every_date and every_date[0] is cand.date:
            cand.sentence_date, cand.sentence_date_source = cand.date, cand.date_source
        elif every_date:
            cand.sentence_date = every_date[0]
            cand.sentence_date_source = _date_source(every_date[0], cand, norm)
        # counts in the trigger's own clause first, then a death toll stated next to a death word in
        # it, and only then the sentence's other counts -- except those in the clause of another
        # trigger, which are that event's ("بقصف على X، ... مقتل 22 باشتباكات قرب Y")
        sent_quantities = [] if cand.anaphoric else _rank_near(quantities.within(sent.start, sent.end), cand)
        # a count of some of the dead told before ("تسعة من القتلى هم من المدنيين"): a part, not a toll
        sent_quantities = [q for q in sent_quantities if part_of_dead is None or not part_of_dead.match(text, q.end)]
        _take_counts(cand, [q for q in sent_quantities if _in(q, cand.clause)], used_quantities)
        if "killed" not in cand.quantities and not cand.anaphoric:
            toll = _death_toll(cand, lex, norm, quantities.within(cand.clause[0], cand.clause[1]), used_quantities)
            if toll is not None:
                cand.quantities["killed"] = toll
                used_quantities.add(id(toll))
        if "killed" not in cand.quantities and not cand.anaphoric:
            one = _single_victim(cand, text) or _singular_killing_verb(cand, lex, norm, text)
            if one is not None:
                cand.quantities["killed"] = one
        _take_counts(cand, [q for q in sent_quantities if not _in(q, cand.clause)
                            and not any(_in(q, c) for c in other_clauses)], used_quantities)
        civilian_victims = cand.actor2 is not None and cand.actor2.canonical_id in NON_COMBATANTS
        if cand.spec.rule == "killing" and not (
                ("killed" in cand.quantities and civilian_victims)
                or (cand.actor1 is not None and ("killed" in cand.quantities or civilian_victims))):
            # a bare killing verb ("orders to kill them", a toll of fighters without perpetrator) is not
            # an event; a toll of civilians is one even when nobody is named as the killer
            _release_counts(cand, used_quantities)
            continue
        n_clause_start, n_clause_end = norm.from_raw(clause[0]), norm.from_raw(clause[1])
        norm_clause = norm.text[n_clause_start:n_clause_end]
        if cand.spec.rule == "attack" and not _armed_attack(cand, norm, norm_clause, lex):
            continue  # "به سیاست‌های آمریکا حمله کرد": a verbal attack
        if cand.spec.armed_only and not _armed_attack(cand, norm, norm_clause, lex) and not any(
                SUB_EVENT_TO_TYPE[c.sub_event_type] in VIOLENT_TYPES and c.sentence.index >= sent.index - 2
                for c in candidates):
            continue  # "کنترل تورم", "درگیری‌های سیاسی": no armed context here nor a violent event just before
        if cand.spec.rule == "killing" and lex.disaster_context is not None and lex.disaster_context.find(
                norm.text[norm.from_raw(sent.start):norm.from_raw(sent.end)]):
            _release_counts(cand, used_quantities)
            continue  # "در این زلزله ۱۲۰۰ نفر جان باختند": deaths from a disaster, not an attack
        if cand.spec.sub_event_type == "Arrests" and lex.crime_context is not None and lex.crime_context.find(
                norm.text[norm.from_raw(sent.start):norm.from_raw(sent.end)]):
            _release_counts(cand, used_quantities)
            continue  # "القبض على مروجي المخدرات": police work against crime, not a political arrest
        _apply_rules(cand, text, lex, norm_clause, norm)
        n_sent_start, n_sent_end = norm.from_raw(sent.start), norm.from_raw(sent.end)
        # only the sentence's cues can scope over the trigger (polarity_for reads no other)
        sentence_cues = sentence_cues_of.get(sent.index)
        if sentence_cues is None:
            if cues is None:
                cues = DocumentCues(doc)
            sentence_cues = sentence_cues_of[sent.index] = cues.between(n_sent_start, n_sent_end)
        mod = polarity_for(norm.text, sentence_cues, m, n_sent_start, n_sent_end, lang)
        if mod.polarity == "purpose" or (purpose_end is not None and 0 <= raw_start - purpose_end <= 2):
            # "للسيطرة على" (in order to take): the goal of another event, not an event; so is the
            # noun it governs ("لاستعادة السيطرة")
            purpose_end = raw_end
            continue
        history = _told_as_history(cand, lex, history_reference)
        if history:
            history_sentence = sent.index
        if mod.polarity == "background" or history or _war_total(cand, lex) \
                or (lex.require_anchor and not _anchored(cand)) or _goes_on_with_history(cand, history_sentence) \
                or _arrest_tally(cand, lex, text) or _capture_as_time(cand, norm.text, m.start, lang):
            _release_counts(cand, used_quantities)
            continue  # "در سالگرد بمب‌گذاری‌ها", "در سال 2006", "ابزار ایجاد اغتشاش": not the news
        cand.polarity = mod.polarity
        if mod.cue_start is not None and mod.cue_end is not None:
            cand.cue = norm.to_raw(mod.cue_start, mod.cue_end)
        cand.best_telling = cand.telling()
        candidates.append(cand)

    _inherit_campaign(candidates)
    # a generic "attack" in a sentence that names the weapon ("the bomb attack") is that event
    specific = [c for c in candidates if c.spec.rule != "attack" and SUB_EVENT_TO_TYPE[c.sub_event_type] in VIOLENT_TYPES]
    for cand in candidates:
        if cand.spec.rule == "attack" and any(
                c.sentence.index == cand.sentence.index and (cand.place is None or cand.place_inherited
                                                             or _places_compatible(c.place, cand.place))
                for c in specific):
            # ... unless the attack is told at a place of its own ("قتل 9 في هجوم للمقاومة بمأرب" after
            # clashes near al-Anad): another happening in the same sentence
            cand.anaphoric = True
    candidates = [c for c in candidates if c.sub_event_type not in BACKGROUND_PRONE
                  or c.sentence.index < LEAD_SENTENCES or c.quantities]
    # a rejected truce, a denied merger, a truce still to start is no strategic development: nothing
    # was agreed or changed (yet)
    candidates = [c for c in candidates if c.sub_event_type not in BACKGROUND_PRONE
                  or c.polarity not in ("negated", "denied", "planned", "hypothetical")]
    # "a bomb exploded in a demonstration": the gathering named after the violence is its target; a
    # protest named first ("protesters denounced the bombardment") is the event itself
    first_violence = {}
    for c in candidates:
        if SUB_EVENT_TO_TYPE[c.sub_event_type] in VIOLENT_TYPES and not c.generic:
            first_violence.setdefault(c.sentence.index, c.start)
    candidates = [c for c in candidates if c.sub_event_type not in GATHERINGS
                  or c.start < first_violence.get(c.sentence.index, c.start + 1)]
    merged: list[_Candidate] = []
    pending_generic: list[_Candidate] = []
    open_headlines: set[int] = set()  # headline events no body telling has joined yet
    for cand in candidates:
        if cand.headline and not cand.repeat:
            open_headlines.add(id(cand))
        if cand.repeat:
            # the headline again: the same happenings, whatever the sentence around it says
            target = next((a for a in merged if a.sub_event_type == cand.sub_event_type), None)
            if target is not None:
                _merge_into(target, cand, doc)
                continue
        if cand.back_reference:
            # "الغارة الجوية التي استهدفت محافظة الحسكة": the strike told before, now placed more precisely
            target = next((a for a in reversed(merged) if a.sub_event_type == cand.sub_event_type
                           and _places_compatible(a.place, cand.place)), None)
            if target is not None:
                _merge_into(target, cand, doc)
                continue
        if cand.definite and not cand.headline and (not cand.generic or cand.spec.weak):
            # "the airstrikes killed 13", "reported the airstrikes with a toll of 47", "after the shelling": the
            # happening told before (another source's toll, a witness), unless placed somewhere of its own
            target = next((a for a in reversed(merged) if _retold_as_definite(a, cand)
                           and (_place_key(cand.place) is None or cand.place_inherited or _same_place(a.place, cand.place))
                           and not _other_day(a, cand)), None)
            if target is not None and cand.definite_article and target.sub_event_type == cand.sub_event_type:
                # an Arabic noun carries the article in a first full telling too ("سقطت البراميل المتفجرة
                # على المدينة" after "قصف عنيف"): the richer telling may name the event; a count already
                # given stays (see _merge_into)
                _merge_into(target, cand, doc)
                continue
            if target is not None:
                # a retelling fills what the event lacks; it neither names the event (its trigger and
                # sentence) nor replaces a count already given (another source's toll)
                _absorb_links(target, cand)
                _take_certainty(target, cand)
                target.triggers.append((cand.start, cand.end))
                target.evidence.append(doc.span(cand.sentence.start, cand.sentence.end))
                target.last_sentence = max(target.last_sentence, cand.sentence.index)
                continue
        if not cand.headline and not cand.generic and not cand.anaphoric:
            # the headline names the article's event; the body's first telling of that kind of event
            # is it, told in full, even when the two name the place at different grain ("بسيناء" and
            # "مدينة رفح في محافظة شمال سيناء")
            target = next((a for a in merged if id(a) in open_headlines
                           and (a.sub_event_type == cand.sub_event_type or a.spec.rule == cand.spec.rule == "capture"
                                or _death_headline(a, cand))
                           and a.polarity == cand.polarity and not _other_country(a.place, cand.place)), None)
            if target is not None:
                open_headlines.discard(id(target))
                _merge_into(target, cand, doc)
                continue
        if cand.anaphoric:
            kind = SUB_EVENT_TO_TYPE[cand.sub_event_type]
            target = next((a for a in reversed(merged) if SUB_EVENT_TO_TYPE[a.sub_event_type] == kind
                           or (cand.spec.rule == "attack" and SUB_EVENT_TO_TYPE[a.sub_event_type] in VIOLENT_TYPES
                               and a.sentence.index == cand.sentence.index)), None)
            if target is None and cand.spec.rule == "attack":
                pending_generic.append(cand)
                continue
            if target is not None:
                _merge_into(target, cand, doc, keep_type=True)
            continue  # a reference back to an event not told as such: nothing new to record
        fire_of = next((a for a in reversed(merged) if _fire_of_battle(a, cand, text)), None)
        if fire_of is not None:
            # the fire fills what the battle lacks; it neither names the battle nor says who fought it
            _absorb_links(fire_of, cand)
            fire_of.triggers.append((cand.start, cand.end))
            fire_of.evidence.append(doc.span(cand.sentence.start, cand.sentence.end))
            fire_of.last_sentence = max(fire_of.last_sentence, cand.sentence.index)
            fire_of.fire_ends.append(cand.end)
            continue
        target = None if cand.other_telling else next(
            (a for a in reversed(merged) if _mergeable(a, cand) or _part_of_battle(a, cand, text)
             or _simultaneous_weapons(a, cand, text) or _battle_amid_fire(a, cand, text)), None)
        if target is not None and target.sub_event_type == "Armed clash" and cand.sub_event_type in _CAPTURES \
                and cand.actor1 is not None and target.sentence.index == cand.sentence.index:
            # "clashes between the opposition and the army ... resulted in the army taking the villages":
            # the side that took the place is actor 1 of the battle, whoever the clash named first
            _merge_into(target, cand, doc)
            if target.best_telling is not None and target.best_telling[4].index == cand.sentence.index:
                target.best_telling = cand.telling()  # the capture word, not the clash word, is the evidence
            old1 = target.actor1
            target.actor1 = cand.actor1
            target.actor2 = cand.actor2 if cand.actor2 is not None else (
                old1 if old1 is not None and old1.canonical_id != cand.actor1.canonical_id else target.actor2)
            if target.actor2 is not None and target.actor2.canonical_id == target.actor1.canonical_id:
                target.actor2 = None
            continue
        if target is None and cand.spec.rule in ("attack", "killing") and cand.other_telling \
                and cand.actor1 is None and cand.actor2 is None and not cand.quantities:
            continue  # "new attacks" with nobody and no toll: a word, not a told happening
        if target is None and cand.spec.rule in ("attack", "killing") and not cand.other_telling:
            # "the attack", "X people were killed": the toll or a retelling of a violent event told
            # elsewhere in the document at a compatible place (not "new attacks", "another attack")
            target = next((a for a in reversed(merged) if SUB_EVENT_TO_TYPE[a.sub_event_type] in VIOLENT_TYPES
                           and a.polarity == cand.polarity and _places_compatible(a.place, cand.place)), None)
            if target is None:
                pending_generic.append(cand)
                continue
        if target is not None:
            summary = _place_key(target.place) is None or target.place_inherited
            _merge_into(target, cand, doc)
            if summary or cand.sub_event_type in _DISTINCT_WEAPONS:
                merged.extend(_listed_beyond(cand, merged, places, text))
        else:
            merged.extend(_fan_out(cand, places, text))
    for cand in pending_generic:  # the weapon is named later: join that event, or stand alone
        # (not "new attacks" told after it: those are other happenings)
        target = next((a for a in merged if SUB_EVENT_TO_TYPE[a.sub_event_type] in VIOLENT_TYPES
                       and a.polarity == cand.polarity and not (a.other_telling and a.start > cand.start)
                       and (_places_compatible(a.place, cand.place) or _headline_toll_of(cand, a))), None)
        if target is not None:
            _merge_into(target, cand, doc, keep_type=not cand.quantities)
        elif not cand.anaphoric and (cand.actor1 is not None or cand.actor2 is not None or cand.quantities):
            # a bare "attack" with no actor, victim or toll is a word, not a told happening
            merged.append(cand)
    merged = _settle_outcomes(_fold_precisions(_fold_summaries(_dedupe(_absorb_raids(merged, doc), doc), doc), doc),
                              doc)
    merged = [c for c in merged if _told_happening(c)]
    if not all(map(_reported_in_commentary, merged)) and _is_commentary(doc):
        # an opinion column names wars, campaigns and old attacks to argue; only a happening told with
        # its dead and its day is reported there
        merged = [c for c in merged if _reported_in_commentary(c)]
    merged.sort(key=lambda c: c.start)

    events: list[Event] = []
    triggers: list[Mention] = []
    relinked: set[int] = set()  # candidates whose place reading was found no scene and replaced
    for cand in merged:
        if cand.place is not None and id(cand.place) in stated:
            cand.place = stated[id(cand.place)]
        read = _place_key(cand.place)
        if cand.place is not None and _no_scene(cand.place, text, norm, trigger_lexicon(cand.lang), _remote(cand)):
            _relink_past_outlets(cand, doc, places, venues)
        if cand.place is not None:
            cand.place = _home_reading(cand, by_kind["place"], places, venues, doc)
        if read is not None and _place_key(cand.place) != read:
            relinked.add(id(cand))
    merged = _fold_settled_twins(merged, relinked, doc)
    for n, cand in enumerate(merged):
        event_id = f"{doc.id}:e{n}"
        events.append(_build_event(doc, event_id, cand))
        for ts, te in cand.triggers:
            triggers.append(Mention(
                start=ts, end=te, text=text[ts:te], kind="trigger",
                sentence=trigger_sent.index if (trigger_sent := sentence_at(doc, ts)) else None, lang=cand.lang,
                source="events",
                attrs={"event_type": SUB_EVENT_TO_TYPE[cand.sub_event_type],
                       "sub_event_type": cand.sub_event_type, "event_id": event_id},
            ))
    return events, triggers


def _fold_settled_twins(merged: list[_Candidate], relinked: set[int], doc: Document) -> list[_Candidate]:
    """Two triggers of one sentence that name the same kind of act are one happening when the place that
    kept them apart was a misreading, replaced once the places were settled (``relinked``: "Looting: Some
    ... fighters engaged in looting in Duma", "Some" first read as a village): the rule of :func:`_mergeable`
    for one sentence, applied again to the settled places.  One trigger fanned out over two places the text
    lists stays two events even when both places settle on one reading (the list names two happenings;
    folding those lowered the held-out Arabic event F1), and so do two different tolls and doers of two sides."""
    out: list[_Candidate] = []
    for c in merged:
        twin = next((o for o in out if (id(o) in relinked or id(c) in relinked) and o.start != c.start
                     and o.sentence.index == c.sentence.index and o.sub_event_type == c.sub_event_type
                     and o.polarity == c.polarity and _same_place(o.place, c.place) and _actors_agree(o, c)
                     and not c.similar and not ("killed" in o.quantities and "killed" in c.quantities
                                                and not _same_toll(o, c))), None)
        if twin is None:
            out.append(c)
            continue
        place = twin.place
        _merge_into(twin, c, doc)
        twin.place = place  # the same place under either reading: the one already settled stays
    return out


def _reported_in_commentary(cand: _Candidate) -> bool:
    """Does a column report this happening?  A column recalls the attacks it argues about by name and toll
    ("آخر صدمات الهجمات الإرهابية كانت تفجير مسجد ... وسقوط عدد من القتلى", a hotel's history with the
    bombing that killed its guests); a happening it reports as news it tells with its dead and dates it
    ("قتل ثلاثة أمس")."""
    return "killed" in cand.quantities and cand.date is not None


def _is_commentary(doc: Document) -> bool:
    """Is the document commentary rather than news?  A news report attributes what it tells (قال، أفاد،
    أعلن، said, reported): a long text (``commentary.min_words``) with fewer reporting verbs
    (``reporting.yaml``) per 1000 words than ``commentary.reporting_per_1000_below`` is a column or an
    essay, whose trigger words name topics, habits and history."""
    lex = trigger_lexicon(doc.lang)
    if lex is None or lex.commentary is None or doc.norm is None:
        return False
    min_words, per_1000 = lex.commentary
    words = doc.norm.text.split()
    if len(words) < min_words:
        return False
    verbs = _reporting_forms(doc.lang)
    # a verb closing a clause carries its punctuation in the normalized text ("said.", "قال،"); stripped
    # and looked up in C (maps), not in a Python loop over the ~500 words.  The count is monotone in the
    # test, so it stops at the first count that makes the text news (most news has it in its first lines).
    n = len(words)
    enough = math.ceil(per_1000 * n / 1000)
    while enough > 0 and 1000 * (enough - 1) / n >= per_1000:
        enough -= 1
    while 1000 * enough / n < per_1000:
        enough += 1
    reporting = len(list(islice(filter(verbs.__contains__, map(str.strip, words, repeat(_WORD_EDGE_PUNCT))),
                                enough)))
    return reporting < enough or _quoting_in_present(words, enough, doc.lang)


def _quoting_in_present(words: list[str], enough: int, lang: str) -> bool:
    """Does a text that reports enough quote mostly in the present tense (``commentary.uncounted``)?  An
    essay or a feature quotes its experts in the present ("يقول الباحث"، "ويضيف"); a news report tells what
    was said in the past (قال، أضاف) and may add a present "يقول ناشطون" or two.  Commentary: fewer past
    reporting verbs than ``enough`` and more present ones than past."""
    past_forms = _commentary_forms(lang)
    all_forms = _reporting_forms(lang)
    if past_forms == all_forms:
        return False
    # most news reaches ``enough`` past verbs in its first lines: stop there (as :func:`_is_commentary` does)
    past = len(list(islice(filter(past_forms.__contains__, map(str.strip, words, repeat(_WORD_EDGE_PUNCT))),
                           enough)))
    if past >= enough:
        return False
    present = len(list(filter(all_forms.__contains__, map(str.strip, words, repeat(_WORD_EDGE_PUNCT))))) - past
    return present > past


_WORD_EDGE_PUNCT = ".,;:!?\"'()[]«»“”‘’،؛؟"


@lru_cache(maxsize=8)
def _reporting_forms(lang: str) -> frozenset[str]:
    """The reporting verbs of ``lang`` as written, bare or with a conjunction proclitic (وقال، فأعلن)."""
    verbs = _reporting_verbs(lang)
    return verbs | {p + v for p in linking_rules(lang).conjunction_proclitics for v in verbs}


@lru_cache(maxsize=8)
def _commentary_forms(lang: str) -> frozenset[str]:
    """The reporting verbs of the past a text tells news with: :func:`_reporting_forms` but
    ``commentary.uncounted`` (bare or with a conjunction proclitic)."""
    lex = trigger_lexicon(lang)
    skip = lex.commentary_uncounted if lex is not None else frozenset()
    skip = skip | {p + v for p in linking_rules(lang).conjunction_proclitics for v in skip}
    return _reporting_forms(lang) - skip


def _told_happening(cand: _Candidate) -> bool:
    """Does the text tell this as a happening?  A trigger word that links no actor, no count, no date and
    no place of its own below a country is the word used about a topic ("سبل التصدي للعنف", "يمكن لأي
    فكر أن يسيطر", "Barrel bombs are improvised containers"), not a report of something that took place.
    A trigger under a modality cue ("قررت السماح بضربات جوية") is the content of a statement, which
    anchors it: it is kept with its polarity (a hedge, "كما يدعي", anchors nothing)."""
    if cand.cue is not None and cand.polarity != "reported":
        return True
    own_place = cand.place is not None and not cand.place_inherited \
        and cand.place.attrs.get("feature") != "country"
    return bool(cand.actor1 is not None or cand.actor2 is not None or cand.quantities or cand.date is not None
                or own_place)


def _inherit_campaign(candidates: list[_Candidate]) -> None:
    """A generic telling with one armed actor and no opponent ("مقتل 11 من داعش جراء استهداف مبنى في
    الميادين") is no clash: that actor lost men to an attack the sentence does not name.  When the document
    already told a named attack on that actor ("قصف طائرات التحالف مواقع التنظيم"), this is one more strike
    of it: same sub-type, the attacker as actor 1 and the stricken actor as actor 2."""
    for i, cand in enumerate(candidates):
        if not cand.generic or cand.sub_event_type != "Armed clash" or cand.actor2 is not None \
                or cand.actor1 is None or cand.polarity != "asserted":
            continue
        told = next((c for c in reversed(candidates[:i]) if not c.generic and c.actor2 is not None
                     and c.actor1 is not None and c.polarity == "asserted"
                     and c.actor2.canonical_id == cand.actor1.canonical_id
                     and c.sub_event_type in _DISTINCT_WEAPONS), None)
        if told is not None:
            cand.sub_event_type, cand.outcome = told.sub_event_type, None
            cand.actor1, cand.actor2, cand.assoc = told.actor1, cand.actor1, []


def _absorb_raids(merged: list[_Candidate], doc: Document) -> list[_Candidate]:
    """"اقتحمت قوات النظام قرية الشرائع ... وشنت حملة اعتقال" : a storming with no opponent named, told in
    the sentence of an arrest or looting campaign by the same force, is that operation, not a battle."""
    out: list[_Candidate] = []
    for c in merged:
        if (c.sub_event_type == "Armed clash" or _harmless_raid(c)) and c.actor2 is None and c.actor1 is not None:
            host = next((o for o in merged if o is not c and o.sub_event_type in ("Arrests", "Looting/property destruction")
                         and o.sentence.index == c.sentence.index and o.actor1 is not None
                         and o.actor1.canonical_id == c.actor1.canonical_id), None)
            if host is not None:
                if c.place is not None and not c.place_inherited and host.place is not None \
                        and not _in(host.place, host.clause) and _place_key(c.place) is not None:
                    # "اقتحمت ... قرية الشرائع ... وشن حملة اعتقال في القرية": the campaign's own clause
                    # names no place; the village stormed is where it happened
                    host.place, host.place_inherited = c.place, False
                _merge_into(host, c, doc, keep_type=True)
                continue
        out.append(c)
    return _absorb_riot_damage(out, doc)


def _absorb_riot_damage(merged: list[_Candidate], doc: Document) -> list[_Candidate]:
    """"عده‌ای از عناصر اغتشاشگر ... اقدام به تخریب اموال عمومی کردند": property destroyed or looted in the
    sentence of a riot is what the rioters did -- ACLED codes it as the riot, not as a development of its own;
    so are the clashes of that sentence between rioters and the police ("درگیریها شنبه شدت گرفت، آشوبگران
    شیشه‌های ساختمانهای دولتی را شکستند"), when no armed group is a side of them."""
    out: list[_Candidate] = []
    for c in merged:
        if c.sub_event_type == "Looting/property destruction" or _unarmed_clash(c):
            riot = next((o for o in merged if SUB_EVENT_TO_TYPE[o.sub_event_type] == "Riots"
                         and o.sentence.index == c.sentence.index and o.polarity == c.polarity), None)
            if riot is not None:
                _merge_into(riot, c, doc, keep_type=True)
                continue
        out.append(c)
    return out


def _unarmed_clash(c: _Candidate) -> bool:
    """An armed clash no non-state armed group is a side of: state forces, civilians, protesters or no one
    named (police and a crowd "clashing" is a riot's violence when the sentence tells a riot)."""
    return c.sub_event_type == "Armed clash" and all(
        m is None or m.canonical_id in NON_COMBATANTS or _side(m) == "government" for m in (c.actor1, c.actor2))


def _harmless_raid(c: _Candidate) -> bool:
    """An attack on a home or a building with no one named as hit and no one killed or hurt ("به خانه آیت‌الله
    ... حمله کردند و ... اقدام به شکستن وسایل خانه کردند"): told in the sentence of a looting or an arrest
    by the same force, it is that raid (ACLED codes the raid by what it did), not violence against people."""
    return c.sub_event_type == "Attack" and c.spec.rule == "attack" and not c.quantities


def _dedupe(merged: list[_Candidate], doc: Document) -> list[_Candidate]:
    """One happening retold later in the article, after other events came between ("the army took
    Khalidiya" in the lead and again in the background paragraph): same sub-type, polarity, actor 1 and
    specific place, and no second death toll of its own -> one event."""
    out: list[_Candidate] = []
    for c in sorted(merged, key=lambda c: c.start):
        twin = next((o for o in out if o.sub_event_type == c.sub_event_type and o.polarity == c.polarity
                     and o.actor1 is not None and c.actor1 is not None
                     and o.actor1.canonical_id == c.actor1.canonical_id and _same_place(o.place, c.place)
                     and not ("killed" in o.quantities and "killed" in c.quantities)
                     and o.sentence.index != c.sentence.index and not c.similar), None)
        if twin is not None:
            _merge_into(twin, c, doc)
        else:
            out.append(c)
    return out


def _death_headline(a: _Candidate, b: _Candidate) -> bool:
    """Is ``a`` a headline telling a violent happening by its dead or a bare "attack" ("مقتل اثنين من
    الشرطة في شمال سيناء"; its sub-type inferred, not named) and ``b`` the body's first telling of a
    violent event ("انفجرت عبوة ناسفة ... في مدينة العريش") with no other death toll?  The body names
    what the headline summed up: one happening."""
    return a.spec.rule in ("attack", "killing") and not b.generic \
        and SUB_EVENT_TO_TYPE[a.sub_event_type] in VIOLENT_TYPES \
        and SUB_EVENT_TO_TYPE[b.sub_event_type] in VIOLENT_TYPES and not _other_day(a, b) \
        and not ("killed" in a.quantities and "killed" in b.quantities and not _same_toll(a, b))


def _headline_toll_of(h: _Candidate, a: _Candidate) -> bool:
    """Is the headline's bare toll or "attack" ``h`` ("مقتل اثنين من الشرطة المصرية في شمال سيناء") the
    body's violent event ``a`` ("انفجرت عبوة ناسفة ... في مدينة العريش"), named at a coarser grain?  The
    headline sums up what the body tells: the same country, no other day, and no fewer dead than the body
    gives (a headline counting fewer dead than the body tells another happening)."""
    if not h.headline or h.repeat or a.headline or a.generic or _other_country(a.place, h.place) or _other_day(a, h):
        return False
    qh, qa = h.quantities.get("killed"), a.quantities.get("killed")
    if qh is None or qa is None:
        return True
    bh, ba = qh.attrs.get("best"), qa.attrs.get("best")
    return bh is not None and ba is not None and bh >= ba


#: how many sentences a detailed retelling may follow its summary
SUMMARY_GAP = 2


def _fold_summaries(merged: list[_Candidate], doc: Document) -> list[_Candidate]:
    """A summary told first and then in detail is one happening, coded where the detail places it.

    "Two civilians were killed in rocket attacks on neighborhoods in Deir Ezzor city" followed by "ISIL
    terrorists fired rocket shells on al-Qusour and al-Joura neighborhoods in the city", "air strikes
    killed 19 across Eastern Ghouta" followed by "air strikes on Mesraba and Madira killed 17": the
    later telling (same sub-type and polarity, within :data:`SUMMARY_GAP` sentences) is placed inside the
    summary's area, by a compatible side, on no other day, with no toll or the same toll.  The first such
    detail joins the summary, which names the event and takes the detail's place; a detail at a place
    outside the area keeps them apart, and a summary whose sentences name other areas too ("in Deir ez-Zor,
    Hasakah and Raqqa") sums up more than the one detail."""
    out: list[_Candidate] = []
    folded: set[int] = set()
    ordered = sorted(merged, key=lambda c: c.start)
    places: _MentionIndex | None = None
    headline_end = _headline_end(doc)
    for i, s in enumerate(ordered):
        if id(s) in folded or s.place is None or s.place_inherited or _place_key(s.place) is None \
                or s.polarity != "asserted":
            continue
        if places is None:
            places = _MentionIndex(doc.mentions_of("place"))
        # what the summary covers: its body sentence and its fullest telling (a headline names every place)
        told_in = [t for t in (s.sentence, s.best_telling[4] if s.best_telling else None)
                   if t is not None and (headline_end is None or t.start >= headline_end)]
        if any(_place_key(p) is not None and not _places_compatible(p, s.place) and not _nested(p, s.place)
               for sent in told_in if sent is not None for p in places.within(sent.start, sent.end)):
            # "في دير الزور والحسكة والرقة": a summary over several areas is not the telling of one part
            continue
        for d in ordered[i + 1:]:
            if d.sentence.index - s.last_sentence > SUMMARY_GAP:
                break
            if d.sub_event_type != s.sub_event_type or id(d) in folded:
                continue
            if _summarized(s, d):
                # the summary names the event (its trigger and sentence); the detail places it inside the
                # summary's area and adds what the summary lacks
                _absorb_links(s, d)
                s.triggers.append((d.start, d.end))
                s.evidence.append(doc.span(d.sentence.start, d.sentence.end))
                s.last_sentence = max(s.last_sentence, d.last_sentence)
                folded.add(id(d))
                break
    for c in ordered:
        if id(c) not in folded:
            out.append(c)
    return out


def _summarized(s: _Candidate, d: _Candidate) -> bool:
    """Does ``d`` tell in detail the happening ``s`` summed up (see :func:`_fold_summaries`)?"""
    if d.polarity != s.polarity or d.place is None or d.place_inherited or d.sentence.index == s.sentence.index \
            or d.similar:
        return False
    if not _contains(s.place, d.place) or _other_day(s, d):
        return False
    if s.actor1 is not None and d.actor1 is not None and _side(s.actor1) != _side(d.actor1):
        return False
    # a detail counting fewer dead than the summary is one of several places the summary sums up
    return not ("killed" in s.quantities and "killed" in d.quantities) or _same_toll(s, d)


#: how far (km) a province's point may lie from the town it is named after and still be its seat
SEAT_KM = 50.0


def _km_apart(a: Mention, b: Mention) -> float | None:
    """Kilometres between two place mentions' points (flat-earth approximation, fine at the tens of km it
    is asked about), None when one has no point."""
    la, oa, lb, ob = (a.attrs.get("latitude"), a.attrs.get("longitude"), b.attrs.get("latitude"),
                      b.attrs.get("longitude"))
    if None in (la, oa, lb, ob):
        return None
    return flat_km(float(la), float(oa), float(lb), float(ob))


def _seat_area(area: Mention, town: Mention) -> bool:
    """Is ``area`` a province or district named after ``town``, its seat ("Aden Governorate" and the city of
    Aden, "Marib Governorate" and Ma'rib)?  The gazetteer gives most towns outside Syria no admin names, so
    :func:`_contains` cannot see that the city lies in the province: the area's name starts with the
    town's (spellings folded), in the same country, its point near the town."""
    if area.attrs.get("feature") not in ("admin1", "admin2") or town.attrs.get("feature") not in _SETTLEMENT_FEATURES:
        return False
    if not area.attrs.get("country") or area.attrs.get("country") != town.attrs.get("country"):
        return False
    an, tn = _fold_name(area.attrs.get("name")), _fold_name(town.attrs.get("name"))
    if len(tn) < 4 or not an.startswith(tn):
        return False
    km = _km_apart(area, town)
    return km is not None and km < SEAT_KM


def _coarser(a: Mention, b: Mention) -> bool:
    """Is ``a`` the same place as ``b`` named at a coarser grain: an area ``b`` lies in, a province named after
    its seat town ``b``, or one name under two gazetteer entries, ``a`` the larger unit (of two entries of
    one class, the one named later)?  A town named like its province reads by admin names as containing
    the province ("Ma'rib" and the governorate whose admin1 is "Marib"): the feature classes decide."""
    if _place_key(a) == _place_key(b):
        return False
    ga, gb = _GRAIN.get(str(a.attrs.get("feature")), 9), _GRAIN.get(str(b.attrs.get("feature")), 9)
    if a.attrs.get("feature") in _SETTLEMENT_FEATURES and b.attrs.get("feature") not in _WITHIN_TOWN:
        # a city named like its district or province is not around that area's other towns ("Rastan and
        # Talbiseh", both in the Rastan district, are two targets): a town holds only its quarters and sites
        return False
    if ga < gb and (_contains(a, b) or _seat_area(a, b)):
        return True
    name = _fold_name(a.attrs.get("name"))
    return bool(name) and name == _fold_name(b.attrs.get("name")) and (ga < gb or (ga == gb and a.start > b.start))


#: What lies inside a town rather than beside it.
_WITHIN_TOWN = frozenset({"neighbourhood", "landmark", "camp"})
#: How coarse a feature class is (smaller: larger area); places of one name compare by it.
_GRAIN = {"admin1": 1, "region": 2, "admin2": 3, "admin3": 4, "city": 5, "town": 6, "camp": 6, "village": 7,
          "neighbourhood": 8, "landmark": 9}


def _actors_agree(a: _Candidate, b: _Candidate) -> bool:
    """Could two tellings name the same act by who took part?  The same side as actor 1, or an actor missing;
    a clash's two sides may be named in either order ("clashes between the army and rebels")."""
    if a.actor1 is None or b.actor1 is None or _side(a.actor1) == _side(b.actor1):
        return True
    if a.sub_event_type != "Armed clash":
        return False  # a capture's actor 1 is the side that took the place
    return {_side(a.actor1), _side(a.actor2)} & {_side(b.actor1), _side(b.actor2)} - {None} != set()


def _fold_precisions(merged: list[_Candidate], doc: Document) -> list[_Candidate]:
    """One happening told at two precisions is one event, coded at the precise place (as ACLED codes it).

    "قصف الحوثيون حي دار سعد في عدن، وقال مكتب الصحة في محافظة عدن إن القصف أسفر عن مقتل 12 مدنيا" tells
    the shelling at the city of Aden and at Aden Governorate; "داهم المسلحون منازل في مدينة الحوطة بمحافظة
    لحج واعتقلوا العشرات في المحافظة" the arrests at the town and at its province.  Two tellings of the same sub-type and polarity in one sentence whose places
    are one place named at two grains (:func:`_coarser`), by agreeing sides, on no other day, with no two
    different death tolls: the coarse telling joins the first precise one, which keeps its place and takes
    the coarse telling's trigger and missing links (both sentences stay as evidence).  Two different tolls
    stay apart: a province's toll larger than a town's sums up more than one happening.  Across sentences
    the fold was withdrawn: it joined distinct happenings on unseen text and lowered the held-out scores."""
    ordered = sorted(merged, key=lambda c: c.start)
    told = [c for c in ordered if c.place is not None and not c.place_inherited and _place_key(c.place) is not None]
    if len(told) < 2:
        return merged
    folded: set[int] = set()
    for coarse in told:
        if id(coarse) in folded:
            continue
        host = next((c for c in told if c is not coarse and id(c) not in folded and _one_at_two_grains(coarse, c)),
                    None)
        if host is None:
            continue
        place = host.place
        _absorb_links(host, coarse)
        # (a town named like its province reads as containing it by admin names: the precise place stays)
        host.place, host.place_inherited = place, False
        host.triggers.extend(coarse.triggers or [(coarse.start, coarse.end)])
        host.evidence.append(doc.span(coarse.sentence.start, coarse.sentence.end))
        host.evidence.extend(e for e in coarse.evidence if e not in host.evidence)
        host.last_sentence = max(host.last_sentence, coarse.last_sentence)
        coarse_best = coarse.best_telling or coarse.telling()
        host_best = host.best_telling or host.telling()
        host.best_telling = max(host_best, coarse_best, key=lambda t: t[:2])
        folded.add(id(coarse))
    return [c for c in ordered if id(c) not in folded]


def _one_at_two_grains(coarse: _Candidate, c: _Candidate) -> bool:
    """Is ``c`` the happening ``coarse`` tells, placed more precisely (see :func:`_fold_precisions`)?"""
    assert coarse.place is not None and c.place is not None
    if c.sub_event_type != coarse.sub_event_type or c.polarity != coarse.polarity:
        return False
    if c.sentence.index != coarse.sentence.index:
        # only within one sentence: across sentences a coarse telling is as often another happening
        # ("fighting in Damascus" then "similar clashes in Jobar"; an older capture in the province retold
        # as background); a summary and its detail are :func:`_fold_summaries`'s
        return False
    if not _coarser(coarse.place, c.place) or _other_day(coarse, c) or not _actors_agree(coarse, c):
        return False
    return not ("killed" in coarse.quantities and "killed" in c.quantities) or _same_toll(coarse, c)


_CAPTURES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def _settle_outcomes(merged: list[_Candidate], doc: Document) -> list[_Candidate]:
    """The territorial outcome of each battle as the document tells it.

    * A capture the document negates or denies at the place of a battle it asserts without a capture
      ("regime forces did not take Khalidiya" after "regime forces stormed Khalidiya") is that battle's
      outcome, not a second event: the battle keeps the negation as evidence.
    * A battle at a place the document also reports withdrawn from (a non-violent transfer) ends in
      ``withdrew``; one the document says the defenders still hold ("still outside the regime's
      control", "the assault failed") ends in ``holding``.
    """
    assert doc.norm is not None
    battles = [c for c in merged if c.sub_event_type == "Armed clash" and c.polarity == "asserted" and c.place]
    if not battles:
        return merged
    withdrawn = [c for c in merged if c.sub_event_type == "Non-violent transfer of territory"
                 and c.polarity == "asserted" and c.outcome == "withdrew"]
    out: list[_Candidate] = []
    for c in merged:
        if c.sub_event_type in _CAPTURES and c.polarity in ("negated", "denied", "planned") and c.place is not None:
            host = next((b for b in battles if _same_place(b.place, c.place) or _nested(b.place, c.place)), None)
            if host is not None:
                # a planned capture of the battle's place is the battle's goal; a negated one its outcome
                _merge_into(host, c, doc, keep_type=True)
                if c.polarity != "planned":
                    host.outcome = "holding" if host.outcome in (None, "contested") else host.outcome
                continue
        out.append(c)
    holding_sentences = _holding_sentences(doc)
    for b in battles:
        if any((_same_place(b.place, w.place) or _nested(b.place, w.place)) and not _handed_to_a_third(w, b)
               for w in withdrawn):
            b.outcome = "withdrew"
            continue
        if b.outcome in (None, "contested") and holding_sentences:
            told = {b.sentence.index, *(sentence_at(doc, s).index for s, _ in b.triggers if sentence_at(doc, s))}
            places_in = {idx for idx in holding_sentences for p in doc.mentions_of("place")
                         if doc.sentences[idx].start <= p.start < doc.sentences[idx].end and _same_place(p, b.place)}
            if told & set(holding_sentences) or places_in:
                b.outcome = "holding"
    for b in battles:
        if b.outcome in (None, "contested") and _attacker_retreats(b, doc):
            b.outcome = "holding"
    return out


def _handed_to_a_third(w: _Candidate, b: _Candidate) -> bool:
    """Was the place handed over to a side that does not fight the battle ("the Kurds hand Ain Issa to the
    Syrian army" while Turkey attacks it)?  Then the withdrawal is not how that battle ended."""
    if w.actor2 is None or w.actor2.canonical_id is None:
        return False
    parties = {a.canonical_id for a in (b.actor1, b.actor2) if a is not None}
    return bool(parties) and w.actor2.canonical_id not in parties


#: How many words may stand between a retreat word and the attacker it is said of ("تراجعت قوات النظام",
#: "regime forces and militias fell back").
_RETREAT_GAP_WORDS = 2


def _attacker_retreats(b: _Candidate, doc: Document) -> bool:
    """Does a sentence telling battle ``b`` say that its attacker (actor 1) retreated ("استمرت الاشتباكات
    ... حيث تراجعت قوات النظام في عدد من المحاور")?  The assault was repelled: the place is held.  Not in
    a sentence that also tells a capture ("تفرض سيطرة كاملة ... واستغلت فرصة تقهقر مقاتلي داعش")."""
    if b.actor1 is None:
        return False
    assert doc.norm is not None
    norm, text = doc.norm, doc.text
    told = sorted({b.sentence.index, *(s.index for s in (sentence_at(doc, t) for t, _ in b.triggers) if s)})
    known = known_languages()
    actors = doc.mentions_of("actor")
    for idx in told:
        sent = doc.sentences[idx]
        lex = trigger_lexicon(sent.lang if sent.lang in known else doc.lang)
        if lex is None or lex.retreat is None:
            continue
        n0 = norm.from_raw(sent.start)
        sent_norm = norm.text[n0:norm.from_raw(sent.end)]
        retreats = lex.retreat.find(sent_norm)
        if not retreats:
            continue  # (looked for first: most sentences have none, and the capture test below needs a scan)
        if any(h.payload.rule == "capture" or h.payload.sub_event_type in _CAPTURES
               for h in lex.matcher.find(sent_norm) if not h.payload.shield):
            continue  # a retreat told with a capture is the losers leaving, not a repelled assault
        in_sentence = [a for a in actors if sent.start <= a.start < sent.end]
        for hit in retreats:
            r_start, r_end = norm.to_raw(n0 + hit.start, n0 + hit.end)
            # the side that retreated is the actor named nearest the retreat word, in the same clause
            nearest: tuple[int, Mention] | None = None
            for a in in_sentence:
                gap = text[r_end:a.start] if a.start >= r_end else text[a.end:r_start] if a.end <= r_start else None
                if gap is None or CLAUSE_PUNCT.search(gap):
                    continue
                n_words = len(_WORD.findall(gap))
                if n_words <= _RETREAT_GAP_WORDS and (nearest is None or n_words < nearest[0]):
                    nearest = (n_words, a)
            if nearest is not None and nearest[1].canonical_id == b.actor1.canonical_id:
                return True
    return False


def _holding_sentences(doc: Document) -> list[int]:
    """Indexes of sentences with a "holding" expression of their language."""
    assert doc.norm is not None
    norm = doc.norm
    found: list[int] = []
    known = known_languages()
    occurs: dict[int, bool] = {}  # per matcher: is one of its words anywhere in the text?
    for sent in doc.sentences:
        lex = trigger_lexicon(sent.lang if sent.lang in known else doc.lang)
        if lex is None or lex.holding is None:
            continue
        anywhere = occurs.get(id(lex.holding))
        if anywhere is None:
            anywhere = occurs[id(lex.holding)] = lex.holding.occurs_in(norm.text)
        if not anywhere:
            continue
        if lex.holding.find(norm.text[norm.from_raw(sent.start):norm.from_raw(sent.end)]):
            found.append(sent.index)
    return found


#: A conjunction or list comma between two places: the second one continues the list of targets.
@lru_cache(maxsize=1)
def _coordination() -> re.Pattern[str]:
    """A comma or a language's conjunction (``linking.coordination``) between two places of a list."""
    return _all_languages("coordination", "[،,]|", "") or re.compile("[،,]")


@lru_cache(maxsize=1)
def _container_gap() -> re.Pattern[str]:
    """A locative in the gap before a place (``container_gap_words``: "في العاصمة", "in Damascus") makes
    it the container of the previous place rather than the next target of a list."""
    words = sorted(_words_of_all_languages("container_gap_words"), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, words)) + r")(?:\s|$)", re.I)


def _fan_out(cand: _Candidate, places: _MentionIndex, text: str) -> list[_Candidate]:
    """One event per coordinated place after the trigger ("قصف ... اليرموك وجوبر والقابون").

    ACLED codes one event per location.  Places joined to the chain by a conjunction are new targets;
    a place introduced by a locative ("في العاصمة"، "in Damascus") is a container and is skipped.
    """
    if cand.place is None or cand.place_inherited or _between_places(text[cand.clause[0]:cand.place.start]):
        # "on the road between Hasakeh and Shaddadi", "بين بلدتي X وY": two ends of one stretch, one event
        return [cand]
    chain = [m for m in places.within(cand.place.end, cand.clause[1])]
    out = [cand]
    prev_end = cand.place.end
    for m in chain:
        gap = text[prev_end:m.start]
        prev_end = m.end
        if _between_places(gap):
            break  # "in the Al-Kala area between Shafa and Hajin": the bounds of the place named, no targets
        if _container_gap().search(gap) and len(gap) <= 30:
            continue  # "... والقابون في العاصمة وحرستا": the container is skipped, the list goes on
        if len(gap) > 30 or not _coordination().search(gap):
            break  # the list of targets has ended ("... لاستعادة السيطرة على بلدة X التي تقع بين Y وZ")
        if m.attrs.get("feature") in ("country", "admin1") or m.attrs.get("reference"):
            continue  # ... nor a reference point ("الفلوجة، 50 كلم شرق الرمادي")
        if any(_place_key(c.place) == _place_key(m) for c in out):
            continue
        twin = _Candidate(cand.lang, cand.match, cand.spec, cand.sentence, cand.start, cand.end, cand.clause,
                          cand.sub_event_type, cand.actor1, cand.actor2, list(cand.assoc), m, False, cand.date,
                          {}, cand.polarity, cand.cue, cand.outcome, [], [(cand.start, cand.end)],
                          cand.last_sentence)
        twin.date_source, twin.similar = cand.date_source, cand.similar
        twin.best_telling = twin.telling()
        out.append(twin)
    return out


def _listed_beyond(cand: _Candidate, merged: list[_Candidate], places: _MentionIndex,
                   text: str) -> list[_Candidate]:
    """The further places of a list in a telling that joined a summary without a place of its own below the
    country: "16 air strikes in Iraq" and then "five strikes near Mosul, three near Ramadi and three near
    Sinjar".  The first place details the summary; each further coordinated place is a happening of its own
    (ACLED codes one event per location, as :func:`_fan_out` does for a telling that stands alone), unless
    the document already has an event of that sub-type there.  Fire at a list of places is a strike on each,
    also when the telling joined an event already placed ("shelled Jobar" and then "the shelling hit Jobar,
    Qaboun and Zamalka"); other kinds that join a placed event detail it (the parts of a district an advance
    took are that advance) and are not fanned out."""
    return [t for t in _fan_out(cand, places, text)[1:]
            if not any(a.sub_event_type == t.sub_event_type and _same_place(a.place, t.place) for a in merged)]


def _build_event(doc: Document, event_id: str, cand: _Candidate) -> Event:
    # the richest telling (the lead sentence with count, place and date, rather than a terse headline)
    # is the event's main evidence; ties go to the earliest
    _, _, best_start, best_end, best_sentence = cand.best_telling or cand.telling()
    if (best_start, best_end) != (cand.start, cand.end):
        cand.evidence.insert(0, doc.span(cand.sentence.start, cand.sentence.end))
        cand.evidence = [e for e in cand.evidence if e.start != best_sentence.start]
        cand.start, cand.end, cand.sentence = best_start, best_end, best_sentence
    linked = sum(x is not None for x in (cand.actor1, cand.place, cand.date)) + bool(cand.quantities)
    # a date only where the text states one: the publication day is the document's, and the merge
    # already reads it as the window an undated event happened in
    date_ref = _to_date(cand.date, cand.polarity) if cand.date is not None else None
    attrs: dict[str, Any] = {"n_triggers": len(cand.triggers)}
    if cand.date is not None and cand.date_source is not None:
        attrs["date_source"] = cand.date_source
    if cand.place_inherited:
        attrs["location_source"] = "context"
    if cand.cue is not None:
        attrs["modality_cue"] = {"start": cand.cue[0], "end": cand.cue[1],
                                 "text": doc.text[cand.cue[0]:cand.cue[1]]}
    q = cand.quantities
    tolls = _told_tolls(cand, doc.text)
    if tolls:
        attrs["other_tolls"] = tolls
    assoc: list[ActorRef] = [actor_ref(m) for m in cand.assoc]
    return Event(
        id=event_id, doc_id=doc.id, event_type=SUB_EVENT_TO_TYPE[cand.sub_event_type],
        sub_event_type=cand.sub_event_type, trigger=doc.span(cand.start, cand.end),
        sentence=doc.span(cand.sentence.start, cand.sentence.end), lang=cand.lang,
        actor1=actor_ref(cand.actor1) if cand.actor1 is not None else None,
        actor2=actor_ref(cand.actor2) if cand.actor2 is not None else None,
        assoc_actors=assoc, location=_to_place(cand.place) if cand.place is not None else None,
        date=date_ref,
        fatalities=_with_named_victim(_to_quantity(q["killed"]), doc.text) if "killed" in q else None,
        wounded=_to_quantity(q["wounded"]) if "wounded" in q else None,
        arrested=_to_quantity(q["arrested"]) if "arrested" in q else None,
        displaced=_to_quantity(q["displaced"]) if "displaced" in q else None,
        polarity=cand.polarity, outcome=cand.outcome, evidence=cand.evidence,
        confidence=round(0.4 + 0.15 * linked, 2), attrs=attrs,
    )


def _told_tolls(cand: _Candidate, text: str) -> list[dict[str, Any]]:
    """The death tolls of the event's other tellings (:func:`_keep_tolls`), as quantities with their raw
    offsets, in text order; the event's own count is not repeated.  "killed with 12 others" is read as
    13, as the event's own toll is (:func:`_with_named_victim`)."""
    own = cand.quantities.get("killed")
    seen = {(own.start, own.end)} if own is not None else set()
    out: list[dict[str, Any]] = []
    for m in sorted(cand.other_tolls, key=lambda m: m.start):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        out.append(_with_named_victim(_to_quantity(m), text).to_dict())
    return out


#: "killed with three others" ("قتل العجلاني مع ثلاثة عناصر آخرين"): the count leaves out the one named
#: (``linking.with_before`` before the count, ``linking.others_after`` after it).
@lru_cache(maxsize=1)
def _with_before() -> re.Pattern[str] | None:
    return _all_languages("with_before", "", r"\s*$")


@lru_cache(maxsize=1)
def _others_after() -> re.Pattern[str] | None:
    return _all_languages("others_after", r"\s*(?:\w+\s+){0,2}?", r"\b")


def _with_named_victim(q: Quantity, text: str) -> Quantity:
    """The toll of "X was killed with N others": N + 1 (the named victim), the count's span kept."""
    if q.start is None or q.end is None or q.best is None:
        return q
    with_before, others_after = _with_before(), _others_after()
    if with_before is None or others_after is None:
        return q
    if with_before.search(text, max(0, q.start - 12), q.start) and others_after.match(text, q.end):
        q.low = q.low + 1 if q.low is not None else None
        q.best += 1
        q.high = q.high + 1 if q.high is not None else None
    return q


def warm_up() -> None:
    """Compile every language's trigger and modality lexicons now (benchmarks and servers call this once)."""
    from rasad.extract.actors import sentence_langs
    from rasad.extract.modality import modality_matcher, purpose_proclitics

    for lang in sentence_langs(Document(id="", text="", lang="und")):
        trigger_lexicon(lang)
        modality_matcher(lang)
        purpose_proclitics(lang)


def events_stage(doc: Document) -> None:
    """Pipeline stage ``events``: replace the document's events and trigger mentions."""
    events, triggers = extract_events(doc)
    doc.events = events
    doc.mentions = [m for m in doc.mentions if m.kind != "trigger"] + triggers
