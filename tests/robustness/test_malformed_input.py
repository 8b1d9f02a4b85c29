"""Malformed feeds and HTML: ingestion yields documents or clear rejections, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.ingest import iter_paths
from rasad.model import Document
from rasad.store.base import Rejection

ARTICLE = ("اقتحمت قوات النظام السوري حي الخالدية بمدينة حمص إثر أسابيع من القصف بالمدفعية الثقيلة، "
           "مدعومة بمقاتلي حزب الله اللبناني.")

MALFORMED = {
    "truncated.rss": f"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item><title>خبر"
                     f"</title><description>{ARTICLE}</description></item><item><title>نصف",
    "no_items.rss": "<?xml version='1.0'?><rss version='2.0'><channel><title>empty</title></channel></rss>",
    "garbage.xml": "<<<>>>&&&;;; <rss <item> </channel>",
    "wrong_encoding.atom": (b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                            b"<entry><title>t</title><content>") + ARTICLE.encode("cp1256") + b"</content>"
                           b"</entry></feed>",
    "entity_bomb.rss": "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;"
                       "&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]><rss><channel><item>"
                       "<description>&c;&c;&c;</description></item></channel></rss>",
    "unclosed.html": f"<html><head><title>خبر<body><div><p>{ARTICLE}<p><b>{ARTICLE}<script>var x = '</p>",
    "only_script.html": "<html><body><script>alert(1)</script><style>p{}</style></body></html>",
    "nested.html": "<div>" * 3000 + ARTICLE + "</div>" * 10,
    "binary.html": bytes(range(256)) * 40,
    "nul_bytes.html": f"<html><body><p>{ARTICLE}</p>\x00\x00\x00</body></html>",
    "bidi_title.html": f"<html><head><title>\u202e\u200fعنوان</title></head><body><p>{ARTICLE}</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_file_gives_documents_or_a_reason(tmp_path: Path, name: str) -> None:
    content = MALFORMED[name]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    items = list(iter_paths([path]))
    assert items, "every input yields at least a document or a rejection"
    for item in items:
        if isinstance(item, Rejection):
            assert item.reason.strip() and name in item.source
        else:
            assert isinstance(item, Document)
            assert item.text.strip(), "no empty documents"
            assert "\x00" not in item.text


def test_one_malformed_file_does_not_stop_a_folder(tmp_path: Path) -> None:
    for name, content in MALFORMED.items():
        target = tmp_path / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    docs = [i for i in iter_paths([tmp_path]) if isinstance(i, Document)]
    assert any(d.text.strip() == ARTICLE for d in docs)
