"""Ingestion on real text from ../shared: every input format, every encoding, every bad-input class."""

from __future__ import annotations

import csv
import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rasad.ingest import MAX_BYTES, Overrides, decode_bytes, iter_paths, parse_published
from rasad.ingest.encoding import UndecodableError
from rasad.model import Document, content_hash
from rasad.store.base import Rejection
from tests.conftest import require_shared


def _docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _rejections(items: list) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


@pytest.fixture(scope="module")
def saudi_records() -> list[dict]:
    path = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(next(fh)) for _ in range(12)]


@pytest.fixture(scope="module")
def fakes_rows() -> list[dict]:
    path = require_shared("data", "news", "fakes_en_dev.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))[:10]


# ---------------------------------------------------------------------------------------------------
# plain text and encodings
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-bom"),
    ("utf-16", "utf-16-le-bom"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("cp1256", "cp1256"),
    ("iso-8859-6", "iso-8859-6"),
])
def test_arabic_seed_in_every_encoding_gives_the_same_document(tmp_path: Path, seed_texts: dict[str, str],
                                                                 encoding: str, expected: str) -> None:
    text = seed_texts["000"]
    path = tmp_path / f"seed.{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = _docs(list(iter_paths([path])))
    assert doc.encoding == expected
    assert doc.text == text
    assert doc.id == content_hash(text)
    assert doc.source_format == "text"


def test_persian_in_utf16_without_bom_and_legacy_cp1256(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    text = seed_texts["001"]
    (tmp_path / "fa16.txt").write_bytes(text.encode("utf-16-le"))
    # legacy Windows files write Persian with the Arabic yeh, which cp1256 can encode
    legacy = text.replace("ی", "ي").replace("\u200c", "")
    (tmp_path / "fa1256.txt").write_bytes(legacy.encode("cp1256", errors="strict"))
    docs = {Path(d.source_path).name: d for d in _docs(list(iter_paths([tmp_path])))}
    assert docs["fa16.txt"].encoding == "utf-16-le" and docs["fa16.txt"].text == text
    assert docs["fa1256.txt"].encoding == "cp1256" and docs["fa1256.txt"].text == legacy


def test_utf8_with_one_corrupt_byte_stays_utf8(seed_texts: dict[str, str]) -> None:
    data = seed_texts["002"].encode("utf-8")
    text, encoding = decode_bytes(data[:301] + b"\xff" + data[301:])
    assert encoding == "utf-8 (repaired)"
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == seed_texts["002"]


def test_front_matter_metadata_and_body_offsets(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    body = seed_texts["002"]
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: معركة الخالدية\noutlet: Al Arabiya\npublished: 2013-07-29\n"
                    "url: https://www.alarabiya.net/x\nsection: news\n---\n" + body, encoding="utf-8")
    (doc,) = _docs(list(iter_paths([path])))
    assert doc.text == body  # offsets point into the body, not the front matter
    assert (doc.title, doc.outlet, doc.url) == ("معركة الخالدية", "Al Arabiya", "https://www.alarabiya.net/x")
    assert doc.published == datetime(2013, 7, 29, tzinfo=UTC) and doc.published_precision == "day"
    assert doc.meta["front_matter"] == {"section": "news"}
    assert doc.id == content_hash(body)


def test_text_starting_with_a_rule_is_not_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "rule.txt"
    path.write_text("---\nThis line is text, not YAML: a report follows.\n---\nThe army shelled Homs.", encoding="utf-8")
    (doc,) = _docs(list(iter_paths([path])))
    assert doc.text.startswith("---\nThis line is text")


def test_overrides_win_over_file_metadata(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\noutlet: Somebody\npublished: 2001-01-01\n---\n" + seed_texts["001"], encoding="utf-8")
    (doc,) = _docs(list(iter_paths([path], Overrides(outlet="Fars", published="2013-07-31", lang="fa"))))
    assert doc.outlet == "Fars"
    assert doc.published == datetime(2013, 7, 31, tzinfo=UTC)
    assert doc.lang == "fa" and doc.meta["lang_override"] == "fa"


def test_same_content_twice_is_one_id(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    text = seed_texts["000"]
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(("\n" + text + "\n\n").encode("cp1256"))
    ids = {d.id for d in _docs(list(iter_paths([tmp_path])))}
    assert len(ids) == 1


# ---------------------------------------------------------------------------------------------------
# HTML, feeds, JSON Lines, CSV
# ---------------------------------------------------------------------------------------------------


def _html_page(record: dict) -> str:
    paragraphs = "".join(f"<p>{p.strip()}</p>\n" for p in record["content"].split(". ") if p.strip())
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{record['title']}</title>"
            f"<meta property='og:site_name' content='{record['source']}'>"
            f"<meta property='article:published_time' content='{record['date'][:10]}'></head>"
            f"<body><nav><ul><li><a href='/'>الرئيسية</a></li><li><a href='/sport'>رياضة</a></li></ul></nav>"
            f"<article><h1>{record['title']}</h1>{paragraphs}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>")


def test_html_main_text_and_metadata(tmp_path: Path, saudi_records: list[dict]) -> None:
    record = max(saudi_records, key=lambda r: len(r["content"]))
    path = tmp_path / "page.html"
    path.write_text(_html_page(record), encoding="utf-8")
    (doc,) = _docs(list(iter_paths([path])))
    first_words = " ".join(record["content"].split()[:8])
    assert first_words in " ".join(doc.text.split())
    assert "جميع الحقوق محفوظة" not in doc.text  # boilerplate dropped
    assert doc.title == record["title"].strip()
    assert doc.outlet.lower() == record["source"].lower()  # trafilatura capitalises site names
    assert doc.published is not None and doc.published.date().isoformat() == record["date"][:10]
    assert doc.source_format == "html"


def test_html_in_cp1256_is_decoded(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    body = "".join(f"<p>{p}</p>" for p in seed_texts["000"].split("\n") if p.strip())
    page = f"<html><head><title>الخالدية</title></head><body><article>{body}</article></body></html>"
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1256"))
    (doc,) = _docs(list(iter_paths([path])))
    assert "حي الخالدية" in doc.text and doc.encoding == "cp1256"


def _rss(rows: list[dict]) -> str:
    items = "".join(
        f"<item><title>{r['article_title']}</title><link>https://example.org/{r['unit_id']}</link>"
        f"<pubDate>Sun, 16 Apr 2017 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{r['article_content'][:600]}</p><p><b>Read more</b></p>]]></description></item>"
        for r in rows)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>FA-KES wire</title>{items}</channel></rss>"


def _atom(rows: list[dict]) -> str:
    entries = "".join(
        f"<entry><title>{r['article_title']}</title><link href='https://example.org/{r['unit_id']}'/>"
        f"<id>urn:{r['unit_id']}</id><updated>2017-04-16T10:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{r['article_content'][:400]}&lt;/p&gt;</content></entry>"
        for r in rows)
    return f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Atom wire</title>{entries}</feed>"


@pytest.mark.parametrize("name,builder", [("wire.rss", _rss), ("wire.atom", _atom), ("feed.xml", _rss)])
def test_feeds_one_document_per_entry_html_stripped(tmp_path: Path, fakes_rows: list[dict], name: str,
                                                     builder) -> None:
    rows = [r for r in fakes_rows if "<" not in r["article_content"] and "&" not in r["article_content"]][:5]
    path = tmp_path / name
    path.write_text(builder(rows), encoding="utf-8")
    docs = _docs(list(iter_paths([path])))
    assert len(docs) == len(rows)
    for doc, row in zip(docs, rows, strict=True):
        assert "<p>" not in doc.text and "<b>" not in doc.text
        assert " ".join(row["article_content"].split()[:10]) in " ".join(doc.text.split())
        assert doc.title == " ".join(row["article_title"].split())
        assert doc.url == f"https://example.org/{row['unit_id']}"
        assert doc.published is not None and doc.published.date().isoformat() == "2017-04-16"
        assert doc.source_format == "feed" and doc.source_path.startswith(str(path) + "#entry")


def test_jsonl_records_and_a_bad_line(tmp_path: Path, saudi_records: list[dict]) -> None:
    path = tmp_path / "news.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in saudi_records[:5]]
    lines.insert(2, '{"title": "broken", "content": "unterminated')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_paths([path]))
    docs, rejections = _docs(items), _rejections(items)
    assert len(docs) == 5
    assert len(rejections) == 1 and rejections[0].source == f"{path}#line3"
    assert "invalid JSON" in rejections[0].reason
    first = saudi_records[0]
    assert docs[0].text == first["content"] and docs[0].outlet == first["source"] and docs[0].url == first["url"]
    assert docs[0].published == datetime.fromisoformat(first["date"]).replace(tzinfo=UTC)


def test_jsonl_with_paragraph_lists(tmp_path: Path) -> None:
    fars = require_shared("data", "news", "fars_fa_dev.jsonl")
    docs = _docs(list(iter_paths([fars])))
    assert len(docs) == sum(1 for ln in fars.open(encoding="utf-8") if ln.strip())
    record = json.loads(fars.open(encoding="utf-8").readline())
    assert docs[0].text.startswith(record["paragraphs"][0])
    assert docs[0].outlet == record["source_name"] and docs[0].url == record["link"]


def test_csv_columns_and_us_dates(tmp_path: Path, fakes_rows: list[dict]) -> None:
    path = tmp_path / "fakes.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(fakes_rows[0]))
        writer.writeheader()
        writer.writerows(fakes_rows)
    docs = _docs(list(iter_paths([path])))
    assert len(docs) == len({content_hash(r["article_content"]) for r in fakes_rows})
    assert docs[0].text == fakes_rows[0]["article_content"]
    assert docs[0].title == fakes_rows[0]["article_title"] and docs[0].outlet == fakes_rows[0]["source"]
    month, day, year = (int(x) for x in fakes_rows[0]["date"].split("/"))
    assert docs[0].published == datetime(year, month, day, tzinfo=UTC) and docs[0].published_precision == "day"
    assert docs[0].source_path == f"{path}#row2"


def test_csv_without_text_column_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (rejection,) = list(iter_paths([path]))
    assert isinstance(rejection, Rejection) and "no text column" in rejection.reason


def test_extensionless_files_are_sniffed(tmp_path: Path, saudi_records: list[dict], fakes_rows: list[dict]) -> None:
    (tmp_path / "page").write_text(_html_page(saudi_records[0]), encoding="utf-8")
    (tmp_path / "feed").write_text(_rss(fakes_rows[:2]), encoding="utf-8")
    formats = sorted(d.source_format for d in _docs(list(iter_paths([tmp_path]))))
    assert formats == ["feed", "feed", "html"]


# ---------------------------------------------------------------------------------------------------
# bad input: each class gives a rejection naming the file; the good files are still read
# ---------------------------------------------------------------------------------------------------


def test_folder_with_every_kind_of_bad_file(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    good = tmp_path / "good"
    (good / "nested" / "deeper").mkdir(parents=True)
    (good / "000.txt").write_text(seed_texts["000"], encoding="utf-8")
    (good / "nested" / "001.txt").write_text(seed_texts["001"], encoding="utf-8")
    (good / "nested" / "deeper" / "002.txt").write_bytes(seed_texts["002"].encode("cp1256"))
    (good / ".hidden.txt").write_text("ignored", encoding="utf-8")
    bad = {
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "empty.txt": b"",
        "blank.txt": b" \n\t\n  \n",
        "noise.txt": bytes(random.Random(0).choices(range(0x80, 0x100), k=3000)),
        "broken_bom.txt": b"\xff\xfe" + "حمص".encode("utf-16-le") + b"\x00\xd8",  # lone surrogate
        "broken.html": b"<html><head><title>x</title></head><body><div></div></body></html>",
        "broken.xml": b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><item><title>cut",
        "objects.jsonl": b'["not", "an", "object"]\n',
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    items = list(iter_paths([tmp_path]))
    docs, rejections = _docs(items), _rejections(items)
    assert sorted(Path(d.source_path).name for d in docs) == ["000.txt", "001.txt", "002.txt"]
    reasons = {Path(r.source.split("#")[0]).name: r.reason for r in rejections}
    assert set(reasons) == set(bad) | {"huge.txt"}
    assert "binary" in reasons["image.txt"] and "PNG" in reasons["image.txt"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "undecodable" in reasons["noise.txt"]
    assert "undecodable" in reasons["broken_bom.txt"] and "utf-16" in reasons["broken_bom.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "HTML" in reasons["broken.html"]
    assert "feed" in reasons["broken.xml"]
    assert "expected an object" in reasons["objects.jsonl"]


def test_missing_path_is_a_rejection(tmp_path: Path) -> None:
    (rejection,) = list(iter_paths([tmp_path / "nope.txt"]))
    assert isinstance(rejection, Rejection) and "no such file" in rejection.reason


def test_random_high_bytes_are_not_text() -> None:
    with pytest.raises(UndecodableError):
        decode_bytes(bytes(random.Random(1).choices(range(0xA0, 0x100), k=5000)))


def test_iter_paths_streams() -> None:
    """A generator: the first document arrives before the folder is exhausted."""
    stream = iter_paths([require_shared("data", "news", "saudinewsnet_ar.jsonl")])
    first = next(stream)
    assert isinstance(first, Document) and first.lang == "und"


# ---------------------------------------------------------------------------------------------------
# publication dates
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value,expected,precision", [
    ("2013-07-29", datetime(2013, 7, 29, tzinfo=UTC), "day"),
    ("2013-07", datetime(2013, 7, 1, tzinfo=UTC), "month"),
    ("2013", datetime(2013, 1, 1, tzinfo=UTC), "year"),
    ("2015-07-22 01:05:35", datetime(2015, 7, 22, 1, 5, 35, tzinfo=UTC), "datetime"),
    ("2016-08-12T18:40:00Z", datetime(2016, 8, 12, 18, 40, tzinfo=UTC), "datetime"),
    ("Sun, 14 Aug 2016 07:15:00 GMT", datetime(2016, 8, 14, 7, 15, tzinfo=UTC), "datetime"),
    ("4/16/2017", datetime(2017, 4, 16, tzinfo=UTC), "day"),
    ("29/7/2013", datetime(2013, 7, 29, tzinfo=UTC), "day"),
    ("۲۰۱۳-۰۷-۲۹", datetime(2013, 7, 29, tzinfo=UTC), "day"),
    ("July 29, 2013", datetime(2013, 7, 29, tzinfo=UTC), "day"),
    ("29 تموز 2013", datetime(2013, 7, 29, tzinfo=UTC), "day"),  # Levantine month names
    ("تشرين الأول 2013", datetime(2013, 10, 1, tzinfo=UTC), "month"),
    ("۷ مرداد ۱۳۹۲", datetime(2013, 7, 29, tzinfo=UTC), "day"),  # Jalali, Persian digits
    ("1392/05/07", datetime(2013, 7, 29, tzinfo=UTC), "day"),  # numeric Jalali (Fars News links)
    ("not a date", None, "unknown"),
])
def test_parse_published(value: str, expected: datetime | None, precision: str) -> None:
    assert parse_published(value) == (expected, precision)


def test_json_files_with_one_pretty_printed_object_or_a_list(tmp_path: Path, saudi_records: list[dict]) -> None:
    (tmp_path / "one.json").write_text(json.dumps(saudi_records[0], ensure_ascii=False, indent=2), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps(saudi_records[1:4], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "broken.json").write_text('[{"text": "x"}, ', encoding="utf-8")
    items = list(iter_paths([tmp_path]))
    docs = _docs(items)
    assert sorted(d.text for d in docs) == sorted(r["content"] for r in saudi_records[:4])
    (rejection,) = _rejections(items)
    assert rejection.source.endswith("broken.json") and "invalid JSON" in rejection.reason


def test_web_page_saved_as_txt_is_read_as_html(tmp_path: Path, saudi_records: list[dict]) -> None:
    (tmp_path / "saved.txt").write_text(_html_page(saudi_records[0]), encoding="utf-8")
    (doc,) = _docs(list(iter_paths([tmp_path])))
    assert doc.source_format == "html" and "<p>" not in doc.text


def test_publication_day_from_the_article_url(tmp_path):
    """A day written in the URL refines missing or month-precision metadata (Jalali ids too)."""
    from rasad.ingest.base import make_document
    from rasad.ingest.dates import published_from_url

    assert published_from_url("https://www.farsnews.ir/news/13920219000414/x").date().isoformat() == "2013-05-09"
    assert published_from_url("https://www.reuters.com/article/2013/07/29/us-syria-crisis").day == 29
    assert published_from_url("https://example.org/news/20150803-aleppo").month == 8
    assert published_from_url("http://sana.sy/en/?p=12345") is None
    assert published_from_url("https://www.farsnews.ir/news/8312010001") is None  # not a date-led id
    doc = make_document("text", "x.jsonl#1", "jsonl", url="https://www.reuters.com/article/2013/07/29/syria",
                        published="2013-07")
    assert (doc.published.date().isoformat(), doc.published_precision) == ("2013-07-29", "day")
    assert doc.meta["published_from"] == "url"
    # a metadata day is kept; a URL day outside a coarse metadata date is ignored
    doc = make_document("text", "x", "jsonl", url="https://x.org/2013/07/29/a", published="2013-07-30")
    assert doc.published.day == 30
    doc = make_document("text", "x", "jsonl", url="https://x.org/2010/01/02/a", published="2013-07")
    assert doc.published_precision == "month"


@pytest.mark.parametrize("value,expected", [
    ("29 تموز 2013", ("2013-07-29", "day")), ("7 مرداد 1392", ("2013-07-29", "day")),
    ("۷ مرداد ۱۳۹۲", ("2013-07-29", "day")), ("تموز 2013", ("2013-07-01", "month")),
    ("12 رمضان 1434", ("2013-07-20", "day")), ("29 July 2013", ("2013-07-29", "day")),
])
def test_metadata_dates_with_month_names_from_the_language_data(value, expected):
    """Publication dates name months in Levantine Arabic, Persian (Jalali), Hijri or English; the names
    come from lang/<lang>/dates.yaml, the same data the dates stage reads."""
    from rasad.ingest.dates import parse_published

    when, precision = parse_published(value)
    assert (when.date().isoformat(), precision) == expected
