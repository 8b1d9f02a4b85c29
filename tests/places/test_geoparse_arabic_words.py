"""Arabic words that are also the names of minor places: read as places only with support."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.places.geoparse import default_geoparser


def _uses(text: str) -> dict[str, tuple[str, str | None]]:
    doc = Document.create(text, lang="ar")
    return {m.text: (m.kind, m.attrs.get("role")) for m in default_geoparser().mentions(doc)}


@pytest.mark.parametrize("text, name", [
    ("وهي سلالة نادرة من الأسود تعيش في الغابات", "سلالة"),  # Salalah (Oman): "breed"
    ("وثار بركان قرب الساحل فأخلت السلطات القرى", "بركان"),  # Barkan (West Bank): "volcano"
    ("وأعلن الطرفان الوقف الفوري للعمليات العسكرية", "الوقف"),  # al-Waqf (Egypt): "the halt"
])
def test_less_frequent_word_needs_support(text: str, name: str) -> None:
    # used with and without the article (سلالة/السلالة): an ordinary noun, so the town needs support
    assert name not in _uses(text)


@pytest.mark.parametrize("text, name", [
    ("وأثبتت الصواريخ فعالية كبيرة في المعارك", "عالية"),  # ف + عالية (Aley): "effectiveness"
    ("ويمتاز المنتج بجودته العالية وسعره المعقول", "عالية"),  # the article on a name spelt without it
    ("ودعا إلى التعاون والتضامن بين الدول", "التضامن"),  # al-Tadamon (Damascus) after "and"
])
def test_conjunction_or_article_is_no_support(text: str, name: str) -> None:
    assert name not in _uses(text)


def test_preposition_proclitic_is_support() -> None:
    assert _uses("وسقطت قذائف بعالية صباح اليوم").get("عالية") == ("place", None)
