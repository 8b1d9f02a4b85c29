"""Arabic press, fifth fresh SaudiNewsNet sample (E): what made false events on unseen text -- earlier
happenings named as "the previous explosions", "since the launch of the campaign" or "at the time of the
capture", a diplomatic protest note, demining, the other senses of "تقدم" and honorific martyrs (sentences
written for these tests)."""

from __future__ import annotations

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


def _kinds(text: str) -> list[str]:
    return [e.sub_event_type for e in _run(text).events]


def test_an_earlier_happening_named_as_previous_is_background() -> None:
    doc = _run("وتعد هذه التفجيرات رسالة إلى الحركة، بعدما كانت الانفجارات السابقة تستهدف مواقع فارغة قريبة من "
               "مبان حكومية في مدينة غزة.")
    assert not doc.events, _found(doc)
    # the same explosions told as the news
    told = _run("واستهدفت الانفجارات مواقع قريبة من مبان حكومية في مدينة غزة فجر اليوم.")
    assert [e.polarity for e in told.events] == ["asserted"], _found(told)


def test_since_the_launch_of_a_campaign_is_background() -> None:
    for text in ("ولأول مرة منذ انطلاق حملة الضربات الجوية ضد التنظيم في العراق قبل عام تشارك الطائرات التركية.",
                 "وقتل آلاف المدنيين منذ بدء الغارات على المدينة."):
        doc = _run(text)
        assert not doc.events, _found(doc)
    assert _kinds("وشنت المقاتلات ضربات جوية على مواقع التنظيم في العراق أمس.") == ["Air/drone strike"]


def test_a_capture_at_the_time_of_which_something_else_happened_is_background() -> None:
    doc = _run("وظهر الخلاف بين التنظيمين إبان سيطرة المسلحين على مدينة المكلا في أبريل الماضي.")
    assert not doc.events, _found(doc)
    told = _run("وأعلن مصدر محلي سيطرة المسلحين على مدينة المكلا بعد معارك مع الجيش.")
    assert told.events and told.events[0].polarity == "asserted", _found(told)


def test_a_protest_note_is_no_demonstration() -> None:
    doc = _run("واستدعت الخارجية الأردنية السفير الإيراني لدى المملكة يوم الأحد وسلمته مذكرة احتجاج على تصريحات "
               "مسؤولين في طهران.")
    assert not doc.events, _found(doc)
    assert _kinds("ونظم مئات الطلاب احتجاجا أمام مبنى الجامعة في العاصمة أمس.") == ["Peaceful protest"]


def test_demining_is_no_explosion() -> None:
    doc = _run("وتعمل فرق الجيش الهندسية على نزع الألغام التي زرعها المسلحون في أحياء المدينة.")
    assert not doc.events, _found(doc)
    exploded = _run("وقتل جندي وجرح أربعة آخرون عندما انفجر لغم أرضي بقافلة عسكرية على الطريق.")
    assert exploded.events, _found(exploded)


def test_the_other_senses_of_taqaddum_are_no_advance() -> None:
    for text in ("وقال إن ابنه يرعى والده في ظل تقدم العمر به وعدم قدرته على قيادة السيارة رغم خدمته العسكرية.",
                 "وتقدم قائد الجبهة بالشكر لقوات التحالف على الجهود التي بذلتها.",
                 "وأكد المتحدث العسكري أن الحكومة لم تقدم أي ضمانات للمسلحين حتى الآن."):
        doc = _run(text)
        assert not doc.events, _found(doc)
    advanced = _run("وتقدمت قوات الجيش باتجاه مركز المدينة بعد معارك عنيفة مع المسلحين.")
    assert advanced.events, _found(advanced)


def test_an_honorific_martyr_is_no_death() -> None:
    doc = _run('وقال والده: "نهنئ أنفسنا بأن ابننا أحد شهداء الوطن الذين خدموا في الجيش".')
    assert not doc.events, _found(doc)


# A feature of my own writing that quotes its experts in the present tense ("يقول الباحث") and recalls a
# clash in a prison; the same text quoting in the past is a news report.
_ESSAY = " ".join([
    "يقول الباحث في شؤون الجماعات المتطرفة إن السجون تحولت في العقود الأخيرة إلى مدارس للأفكار المتشددة.",
    "ويضيف أن العزلة والظلم يدفعان الشباب إلى البحث عن هوية بديلة تمنحهم شعورا بالقوة والانتماء.",
    "وتشير الدراسات إلى أن برامج التأهيل داخل السجون تبقى محدودة الأثر ما لم ترافقها رعاية بعد الإفراج.",
    "فالمجتمع الذي يهمل خريجي السجون يعيدهم إلى الدائرة نفسها، والأسرة تبقى خط الدفاع الأول عنهم.",
] * 5)
_CLASH = "واشتبكت قوات الأمن مع السجناء داخل سجن المدينة المركزي."


def test_a_feature_quoting_in_the_present_is_commentary() -> None:
    doc = _run(_ESSAY + " " + _CLASH + " " + _ESSAY)
    assert not doc.events, _found(doc)
    news = _ESSAY.replace("يقول", "قال").replace("ويضيف", "وأضاف").replace("وتشير", "وأشارت")
    told = _run(news + " " + _CLASH + " " + news)
    assert [e.sub_event_type for e in told.events] == ["Armed clash"], _found(told)


def test_a_state_offering_something_is_no_advance() -> None:
    doc = _run("وقال دبلوماسيون إن واشنطن تقدم مقترحات جديدة لإنهاء الخلاف مع القاهرة.")
    assert not doc.events, _found(doc)
    # a state named with its weapons and a toll still fights
    told = _run("وقال مصدر إن تركيا هاجمت مواقع المسلحين بالمدفعية وقتلت 12 منهم قرب الحدود.")
    assert told.events, _found(told)


def test_acts_of_violence_are_no_riot() -> None:
    for text in ("وقالت الوزارة إن الجماعة تخطط للقيام بأعمال عنف في العاصمة خلال الأعياد.",
                 "وتشهد البلاد أعمال عنف متزايدة منذ أشهر."):
        assert "Violent demonstration" not in _kinds(text), _kinds(text)
    assert _kinds("واندلعت أعمال شغب في وسط العاصمة بعد مقتل شاب على يد الشرطة.")[:1] == ["Violent demonstration"]


def test_mines_laid_or_lying_in_wait_are_no_explosion() -> None:
    for text in ("وقال المصدر إن خبراء أجانب دربوا عناصر الميليشيات المسلحة على زرع الألغام في محيط المدينة.",
                 "وأكد القائد العسكري أن الطرق المؤدية إلى البلدة التي يتحصن فيها المسلحون ما زالت حقول ألغام."):
        doc = _run(text)
        assert not doc.events, _found(doc)
