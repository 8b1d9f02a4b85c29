"""Arabic press, seventh fresh SaudiNewsNet sample (G): what made false events on unseen text -- what a side
is able to do and the imperfect of control in the body (sentences written for these tests)."""

from __future__ import annotations

from tests.extract.event_runs import doc_with_events as _run
from tests.extract.event_runs import event_summaries as _found


def test_what_a_side_is_able_to_do_is_no_deed() -> None:
    for text in ("وأكد القيادي أن المقاتلين قادرون على تحرير كل مدن المحافظة من الميليشيات.",
                 "وقال إن أبناء العشائر هم الأقدر على استعادة مدنهم من التنظيم الإرهابي.",
                 "وأضاف أن الجيش يستطيع السيطرة على المدينة خلال أيام إذا توفر الغطاء الجوي."):
        doc = _run(text)
        assert all(e.polarity != "asserted" for e in doc.events), _found(doc)
    # what a side managed to do is the news
    done = _run("وتمكنت قوات الجيش من السيطرة على مدينة زنجبار بعد معارك عنيفة مع الميليشيات أمس.")
    assert [e.polarity for e in done.events] == ["asserted"], _found(done)


def test_the_imperfect_of_control_is_news_in_a_headline_and_a_holding_in_the_body() -> None:
    body = ("وقال مسؤول محلي إن الأوضاع في المحافظة هادئة منذ الصباح. وعمليا، باتت قوات الجيش التي تقاتل بأسلحة "
            "حديثة تسيطر على محافظات عدن ولحج والضالع.")
    doc = _run("تقرير عن الأوضاع في جنوب اليمن\n\n" + body)
    assert not [e for e in doc.events if e.outcome == "captured"], _found(doc)
    headline = _run("المقاومة الشعبية تسيطر على مدينة زنجبار عاصمة محافظة أبين\n\n"
                    "وقال مصدر في المقاومة إن مقاتليها دخلوا المدينة صباح اليوم بعد انسحاب الميليشيات منها.")
    assert [e for e in headline.events if e.outcome == "captured"], _found(headline)
    # after "لم" the imperfect is a past deed anywhere: a negated capture
    negated = _run("تقرير عن المعارك في المدينة\n\nوقال مصدر محلي إن الاشتباكات استمرت طوال الليل. لكن قوات الجيش "
                   "لم تسيطر على حي التواهي رغم القصف المكثف.")
    assert [e.polarity for e in negated.events if e.outcome == "captured"] == ["negated"], _found(negated)
    # after "أن" the imperfect is a deed too, and so is the verb coordinated with the governed one
    before = _run("تقرير عن المعارك في الشمال\n\nوقال مصدر محلي إن الاشتباكات استمرت طوال الليل. وتقدمت الوحدات "
                  "الكردية نحو المدينة قبل أن تتقدم صوب الجنوب وتسيطر على بلدة عين عيسى.")
    assert [e for e in before.events if e.outcome == "captured" and e.polarity == "asserted"], _found(before)


def test_what_happened_since_then_is_no_event() -> None:
    for text in ("وبدلت الحكومة موقفها بعد هجمات دامية. وشن الجيش منذ ذلك الحين سلسلة من الغارات الجوية على مواقع "
                 "المتمردين في شمال البلاد.",
                 "واستعاد الجيش البلدة في فبراير، غير أنها تعرضت منذ ذلك الحين لعدة هجمات من المسلحين."):
        doc = _run(text)
        since = text.index("منذ ذلك")
        assert not [e for e in doc.events if e.polarity == "asserted" and e.trigger.start > since], _found(doc)
    # a strike told on its day is the news
    fresh = _run("وشن الجيش أمس سلسلة من الغارات الجوية على مواقع المتمردين في شمال البلاد.")
    assert [e.sub_event_type for e in fresh.events] == ["Air/drone strike"], _found(fresh)


def test_taqaddam_with_its_object_is_to_offer_not_to_advance() -> None:
    for text in ("وفرضت واشنطن عقوبات على قادة في الجماعة بسبب الدعم العسكري الذي تقدمه لقوات النظام في سوريا.",
                 "وقال المسؤول إن الجيش رفض المقترح الذي تقدمت به الحكومة بشأن انسحاب المسلحين من المدينة.",
                 "وأكد الوزير أن الولايات المتحدة ستقدم دعما عسكريا للقوات العراقية في حربها على التنظيم."):
        doc = _run(text)
        assert "Armed clash" not in [e.sub_event_type for e in doc.events], _found(doc)
    advance = _run("وتقدمت قوات الجيش نحو مدينة الرمادي بعد معارك عنيفة مع مسلحي التنظيم أمس.")
    assert advance.events, _found(advance)
