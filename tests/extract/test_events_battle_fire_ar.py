"""Arabic fire that accompanies a battle ("وسط قصف"، "ترافقت مع قصف متبادل"، "بغطاء جوي") is that battle, one
event, as in English (``linking.accompanying_fire``); a battle set beside a later fire of the sentence does not
join an earlier fire at another place (issue #5: duplicate tellings)."""

from __future__ import annotations

import pytest

from tests.extract.event_runs import events_of


def _coded(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.sub_event_type, e.polarity, e.location.name if e.location else None) for e in events_of(text, "ar")]


@pytest.mark.parametrize(("text", "place"), [
    ("اندلعت اشتباكات عنيفة امس بين الحوثيين والمقاومة الشعبية في مديرية لودر بمحافظة أبين، وسط قصف مكثف "
     "للمليشيا على قرى المنطقة.", "Lawdar"),
    ("دارت اشتباكات عنيفة بين قوات النظام والفصائل المعارضة في حي جوبر بدمشق، ترافقت مع قصف متبادل بين الطرفين.",
     "Jobar"),
])
def test_fire_accompanying_a_battle_is_the_battle(text: str, place: str) -> None:
    assert _coded(text) == [("Armed clash", "asserted", place)]


def test_clashes_beside_a_later_fire_leave_the_first_fire_alone() -> None:
    told = _coded("قصفت قوات النظام مناطق في بلدة بيت جن بريف دمشق الغربي، دون أنباء عن إصابات، كذلك جددت قوات "
                  "النظام قصفها لمناطق في مدينة الزبداني، ترافق مع استمرار الاشتباكات العنيفة بين الفرقة الرابعة "
                  "وحزب الله اللبناني من جهة، والفصائل الاسلامية من جهة أخرى.")
    assert ("Shelling/artillery/missile attack", "asserted", "Beit Jinn") in told
    assert ("Armed clash", "asserted", "Az Zabadānī") in told
