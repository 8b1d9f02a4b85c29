"""A self-contained HTML report: one file, no network, opens in any browser.

CSS, the map script and the data are inlined; the basemap is the country outlines from the geopip
package.  Article text is escaped by Jinja's autoescaping and the data block is JSON with '<', '>' and
'&' escaped, so hostile text cannot break out of it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from rasad.store.base import Store
from rasad.web import views
from rasad.web.app import event_detail

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
#: Events detailed with their sources side by side; beyond this the report lists them in the table only.
MAX_DETAILED = 2000


def render_html_report(store: Store, max_detailed: int = MAX_DETAILED) -> str:
    env = Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")), autoescape=select_autoescape(["html"]))
    canon = list(store.iter_canonical_events())
    canon.sort(key=lambda ce: (ce.date_start.isoformat() if ce.date_start else "9999", ce.id))
    summaries = [views.event_summary(ce) for ce in canon]
    doc_cache: dict = {}
    details = [event_detail(store, ce, doc_cache) for ce in canon[:max_detailed]]
    data = {"basemap": views.basemap_geojson(), "events": summaries, "linkPrefix": "#event-", "onPickDate": False}
    return env.get_template("report.html").render(
        css=Markup((WEB_DIR / "static" / "app.css").read_text(encoding="utf-8")),
        js=Markup((WEB_DIR / "static" / "map.js").read_text(encoding="utf-8").replace("</", "<\\/")),
        data_json=Markup(views.safe_json_for_script(data)),
        events=summaries,
        details=details,
        stories=list(store.iter_stories()),
        n_docs=store.count_documents(),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        truncated=max(0, len(canon) - max_detailed),
    )


def write_html_report(store: Store, path: str | Path, max_detailed: int = MAX_DETAILED) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(render_html_report(store, max_detailed), encoding="utf-8")
    tmp.replace(out)
    return out
