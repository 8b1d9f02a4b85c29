"""The analyst's terminal report (rich): stories, then canonical events, then the per-field comparison
with contested fields highlighted and every value shown with its outlet and speaker.

``build_report_data(store)`` gathers everything once; the terminal renderer here and other renderers
(the HTML report) read that structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rasad.merge.compare import speaker_label
from rasad.model import CanonicalEvent, FieldComparison, FieldValue, Story
from rasad.outputs.exports import DocMeta, load_export_data
from rasad.outputs.notes import describe, event_notes, format_date, place_phrase

#: ``update``: a toll that rose from one publication to a later one -- shown apart from a contradiction.
_STATUS_STYLE = {"contradict": "bold red", "update": "cyan", "agree": "green", "single_source": "yellow",
                 "missing": "dim"}
_FIELD_ORDER = ("event_type", "sub_event_type", "location", "date", "fatalities", "actor1", "actor2",
                "outcome", "existence")


@dataclass
class ReportData:
    n_documents: int
    stories: list[Story]
    events: list[CanonicalEvent]
    docs: dict[str, DocMeta] = field(default_factory=dict)

    @property
    def n_reports(self) -> int:
        return sum(len(c.reports) for c in self.events)

    @property
    def contested(self) -> list[CanonicalEvent]:
        return [c for c in self.events if c.contested_fields]


def build_report_data(store: Any) -> ReportData:
    """Everything the report shows, read from the store once."""
    data = load_export_data(store)
    return ReportData(n_documents=store.count_documents(), stories=data.stories, events=data.events,
                      docs=data.docs)


def _dates(d0: Any, d1: Any, precision: str = "day") -> str:
    return format_date(d0, d1, precision) or "date unresolved"


def _source(v: FieldValue) -> str:
    who = speaker_label(v.speaker) if v.speaker and v.speaker.kind != "outlet" else None
    outlet = v.outlet or v.doc_id[:8]
    return f"{outlet} / {who}" if who else outlet


def stories_table(data: ReportData, limit: int | None = None) -> Table:
    by_id = {c.id: c for c in data.events}
    t = Table(title=f"Stories ({len(data.stories)})", show_lines=False, expand=True)
    t.add_column("story", no_wrap=True)
    t.add_column("title")
    t.add_column("dates")
    t.add_column("docs", justify="right")
    t.add_column("outlets")
    t.add_column("events", justify="right")
    t.add_column("contested")
    for s in data.stories[:limit]:
        outlets = sorted({data.docs[d].outlet or "?" for d in s.doc_ids if d in data.docs})
        contested = sorted({f for e in s.event_ids if e in by_id for f in by_id[e].contested_fields})
        t.add_row(s.id, Text(s.title), _dates(s.date_start, s.date_end, "range"), str(len(s.doc_ids)),
                  Text(", ".join(outlets)), str(len(s.event_ids)),
                  Text(", ".join(contested), style="bold red") if contested else Text("-", style="dim"))
    return t


def events_table(events: list[CanonicalEvent], title: str = "Canonical events") -> Table:
    t = Table(title=f"{title} ({len(events)})", expand=True)
    t.add_column("event", no_wrap=True)
    t.add_column("date")
    t.add_column("type")
    t.add_column("location")
    t.add_column("actors")
    t.add_column("fatalities\nlow/best/high", justify="right")
    t.add_column("sources\n(indep.)", justify="right")
    t.add_column("contested")
    for c in events:
        fat = ("-" if c.fatalities_best is None
               else f"{c.fatalities_low}/{c.fatalities_best}/{c.fatalities_high}")
        actors = " vs ".join(a.name for a in (c.actor1, c.actor2) if a) or "-"
        t.add_row(c.id, _dates(c.date_start, c.date_end, c.date_precision), c.sub_event_type,
                  Text(place_phrase(c.location)), Text(actors), fat, f"{c.n_sources} ({c.n_independent_sources})",
                  Text(", ".join(c.contested_fields), style="bold red") if c.contested_fields
                  else Text("-", style="dim"))
    return t


def comparison_table(ce: CanonicalEvent) -> Table:
    """Field | status | consolidated | every value with its outlet and speaker."""
    t = Table(show_header=True, expand=True, box=None, pad_edge=False)
    t.add_column("field", style="bold", no_wrap=True)
    t.add_column("status", no_wrap=True)
    t.add_column("consolidated")
    t.add_column("what each source says (outlet / speaker)")
    comps = {c.field: c for c in ce.comparisons}
    for name in _FIELD_ORDER:
        c = comps.get(name)
        if c is None or c.status == "missing":
            continue
        style = _STATUS_STYLE.get(c.status, "")
        status = c.status + (f" ({c.kind})" if c.kind else "")
        values = Text()
        for k, v in enumerate(c.values):
            if k:
                values.append("\n")
            values.append(describe(v.value, c.field), style="bold" if c.status == "contradict" else "")
            values.append(f"  — {_source(v)}", style="dim")
        t.add_row(Text(name, style=style if c.status == "contradict" else "bold"), Text(status, style=style),
                  Text(describe(c.consolidated, c.field) if c.consolidated is not None else "-"), values)
    return t


def event_panel(ce: CanonicalEvent) -> Panel:
    title = escape(f"{ce.id}  {ce.sub_event_type} — {place_phrase(ce.location)}  "
                   f"[{_dates(ce.date_start, ce.date_end, ce.date_precision)}]")
    border = "red" if ce.contested_fields else "blue"
    return Panel(Group(Text(event_notes(ce)), Text(""), comparison_table(ce)), title=title, border_style=border,
                 title_align="left")


def render_report(data: ReportData, console: Console, limit: int = 50) -> None:
    """Stories, then events, then the per-field comparison of the events told by several sources."""
    contested = data.contested
    console.print(Text(
        f"Rasad report: {data.n_documents} documents, {data.n_reports} reports, {len(data.events)} canonical "
        f"events in {len(data.stories)} stories; {len(contested)} events with contested fields.",
        style="bold"))
    console.print(stories_table(data, limit))
    console.print(events_table(data.events[:limit]))
    if len(data.events) > limit:
        console.print(Text(f"... {len(data.events) - limit} more events (use --limit, or export)", style="dim"))
    detailed = sorted((c for c in data.events if c.n_sources > 1 or c.contested_fields),
                      key=lambda c: (-len(c.contested_fields), -c.n_independent_sources, c.id))
    if detailed:
        console.rule("Field-by-field comparison")
    for ce in detailed[:limit]:
        console.print(event_panel(ce))


def side_by_side(ce: CanonicalEvent, docs: dict[str, DocMeta] | None = None) -> Table:
    """One column per source (document and speaker), one row per field; contested rows in red."""
    docs = docs or {}
    columns: list[tuple[str, str]] = []  # (doc id, speaker label)
    for c in ce.comparisons:
        for v in c.values:
            key = (v.doc_id, speaker_label(v.speaker) if v.speaker else "outlet")
            if key not in columns:
                columns.append(key)
    t = Table(title=escape(f"{ce.id}: {ce.sub_event_type} — {place_phrase(ce.location)}"), expand=True,
              show_lines=True)
    t.add_column("field", style="bold", no_wrap=True)
    for doc_id, who in columns:
        meta = docs.get(doc_id)
        outlet = (meta.outlet if meta else None) or next(
            (r.outlet for r in ce.reports if r.doc_id == doc_id and r.outlet), None) or doc_id[:8]
        lang = meta.lang if meta else next((r.lang for r in ce.reports if r.doc_id == doc_id), "und")
        copy = next((r.copy_of for r in ce.reports if r.doc_id == doc_id and r.copy_of), None)
        header = f"{outlet} [{lang}]\n{who}" + (f"\n(copy of {copy[:8]})" if copy else "")
        t.add_column(escape(header))
    t.add_column("consolidated", style="bold")
    comps: dict[str, FieldComparison] = {c.field: c for c in ce.comparisons}
    for name in _FIELD_ORDER:
        c = comps.get(name)
        if c is None or c.status == "missing":
            continue
        cells: dict[tuple[str, str], list[str]] = {}
        for v in c.values:
            key = (v.doc_id, speaker_label(v.speaker) if v.speaker else "outlet")
            said = describe(v.value, name)
            if name in ("actor1", "actor2") and isinstance(v.value, dict) and v.value.get("text"):
                said += f'\n"{v.value["text"]}"'
            cells.setdefault(key, []).append(said)
        style = _STATUS_STYLE.get(c.status, "")
        row = [Text(f"{name}\n{c.status}" + (f" ({c.kind})" if c.kind else ""), style=style)]
        row += [Text("\n".join(cells.get(col, ["·"])), style="bold red" if c.status == "contradict" else "")
                for col in columns]
        row.append(Text(describe(c.consolidated, name) if c.consolidated is not None else "-"))
        t.add_row(*row)
    return t


def render_event(ce: CanonicalEvent, console: Console, docs: dict[str, DocMeta] | None = None) -> None:
    console.print(Panel(Text(event_notes(ce)), title="Notes", title_align="left",
                        border_style="red" if ce.contested_fields else "blue"))
    console.print(side_by_side(ce, docs))
    console.print(Text(f"{ce.n_sources} documents, {ce.n_independent_sources} independent sources; story "
                       f"{ce.story_id or '-'}", style="dim"))
