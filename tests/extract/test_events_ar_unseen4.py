"""Arabic press, fourth fresh SaudiNewsNet sample (C): what made false events on unseen text -- a column
recalling an old bombing with its dead, an outcome told as imminent, the terms of an initiative or a call to
stop the strikes told as if they had happened, and idioms built on a trigger word (sentences written for
these tests)."""

from __future__ import annotations

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found
from tests.extract.event_runs import types_and_polarities as _told

# A column of my own writing, long and attributing nothing, that recalls an old bombing with its dead.
_COLUMN = " ".join([
    "لا يمكن فهم ما يجري في المنطقة من دون العودة إلى جذور التطرف الذي صنعته سنوات من الإهمال.",
    "فالتنظيمات المتطرفة لا تعيش إلا في الفراغ، وهي تراهن دائما على عقول الشباب قبل الأرض.",
    "إن المعركة الحقيقية هي معركة الوعي، والمدرسة والأسرة هما خط الدفاع الأول عن المجتمع.",
] * 14)
_RECALLED = "وما زلنا نتذكر تفجير المسجد في مدينة أبها الذي أسفر عن مقتل 15 مصليا وجرح العشرات."


def test_a_column_recalling_an_old_bombing_with_its_dead_reports_no_event() -> None:
    doc = _run(_COLUMN + " " + _RECALLED + " " + _COLUMN)
    assert not doc.events, _found(doc)


def test_a_column_reporting_a_dated_killing_keeps_it() -> None:
    dated = "وقد قتل مسلحون أمس ثلاثة جنود في هجوم على نقطة تفتيش في مدينة العريش."
    doc = _run(_COLUMN + " " + dated + " " + _COLUMN)
    assert [e.sub_event_type for e in doc.events] == ["Armed clash"], _found(doc)
    assert doc.events[0].polarity == "asserted"


def test_an_outcome_told_as_imminent_is_still_to_come() -> None:
    for done, imminent in (
            ("وقال القائد الميداني إن سقوط مدينة الرمادي بيد المقاتلين.",
             "وقال القائد الميداني إن سقوط مدينة الرمادي بيد المقاتلين بات قاب قوسين أو أدنى."),
            ("وأكد المتحدث تحرير بلدة صرين من قبضة المسلحين.",
             "وأكد المتحدث أن تحرير بلدة صرين من قبضة المسلحين أصبح وشيكا.")):
        assert [p for _, p in _told(done)] == ["asserted"], _told(done)
        assert [p for _, p in _told(imminent)] == ["planned"], _told(imminent)


def test_a_call_to_stop_the_strikes_or_an_initiative_is_no_happening() -> None:
    for text in ("ودعا الوسطاء التحالف إلى التدخل لوقف غاراته على مواقع المسلحين في المحافظة.",
                 "وطرح الزعماء القبليون مبادرة تقضي بانسحاب المسلحين من المدينة وتسليم السلاح.",
                 "وتلقت قيادة الجيش مبادرات بالانسحاب من البلدة مقابل رفع الحصار."):
        assert all(p != "asserted" for _, p in _told(text)), _told(text)
    # the same happenings told as done
    assert _told("وشن التحالف غاراته على مواقع المسلحين في المحافظة.") == [("Air/drone strike", "asserted")]
    assert [p for _, p in _told("وانسحب المسلحون من المدينة أمس بعد معارك عنيفة مع الجيش.")][:1] == ["asserted"]


def test_idioms_built_on_a_trigger_word_are_no_events() -> None:
    for text in ("وقالت الصحف إن المرشح الجمهوري خطف الأضواء في المناظرة التلفزيونية الأولى مساء الخميس.",
                 "وحذرت المنظمة من أن حياة المعتقل المضرب عن الطعام في خطر داهم.",
                 "وقال أقارب المسلح إنه كانت لديه ميول انتحارية وكان يعاني من الديون."):
        doc = _run(text)
        assert not doc.events, _found(doc)
    told = _run("فجر انتحاري حزاما ناسفا في سوق شعبية بمدينة الرمادي أمس.")
    assert [e.sub_event_type for e in told.events] == ["Suicide bomb"], _found(told)


_LEAD = "قال مسؤول محلي إن الحياة بدأت تعود إلى المدينة. "


def test_a_capture_told_as_the_time_of_what_follows_is_background() -> None:
    after = _run(_LEAD + "ووصلت أول شاحنة مساعدات إلى مطار عدن بعد تحريره من الحوثيين.")
    assert not after.events, _found(after)
    # told as the news: dated, in a headline, or opening the report ("عقب")
    for text in (_LEAD + "وبعد سيطرة المسلحين على بلدة صرين يوم الجمعة، بدأوا التقدم نحو المدينة.",
                 "الجيش يتقدم نحو الرمادي بعد تحرير الفلوجة من داعش\n\nقال مسؤول عسكري إن القوات تستعد.",
                 _LEAD + "ووصلت أول شاحنة مساعدات إلى مطار عدن عقب تحريره من الحوثيين."):
        assert [p for _, p in _told(text)] == ["asserted"], _told(text)


def test_a_rumour_is_reported_not_asserted() -> None:
    assert _told("وسئل الوزير عما يشاع عن مشاركة مقاتلي القاعدة في المعارك ضد الحوثيين في عدن.") \
        == [("Armed clash", "reported")]


def test_a_short_column_is_commentary_too() -> None:
    # about 350 words: an op-ed of a newspaper's opinion page is often this short
    short = " ".join(_COLUMN.split()[:320])
    doc = _run(short + " " + _RECALLED)
    assert 330 < len(doc.text.split()) < 400
    assert not doc.events, _found(doc)


def test_a_threat_or_a_goal_is_still_to_come_past_the_threatener_and_the_day() -> None:
    threat = _told("هدد الفرع المصري لتنظيم داعش أمس الأربعاء بإعدام رهينة كرواتي خطف في القاهرة.")
    assert ("Attack", "planned") in threat and ("Attack", "asserted") not in threat, threat
    assert _told("وقال المتحدث إن الهدف هو السيطرة على مدينة الحوطة وتطويق المسلحين في القاعدة.") \
        == [("Non-state actor overtakes territory", "planned")]


def test_a_capture_after_after_that_is_a_verb_is_background_too() -> None:
    doc = _run(_LEAD + "ووصلت أول قافلة مساعدات إلى المدينة بعد أن حررها الجيش من المسلحين.")
    assert not doc.events, _found(doc)


def test_clashes_from_time_to_time_are_a_habit() -> None:
    assert _told("وتتواصل الاشتباكات بين المسلحين والجيش من حين لآخر في المنطقة الحدودية.") == []
    assert [p for _, p in _told("واندلعت اشتباكات بين المسلحين والجيش أمس في المنطقة الحدودية.")] == ["asserted"]
