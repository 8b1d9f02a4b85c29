"""Stories: canonical events (and so documents) about one unfolding situation.

Two steps.  ``cluster_stories`` builds *threads*: a place and a stretch of time -- the fighting,
shelling and claims of capture about Khalidiya over a few weeks.  Canonical events at the same place
whose dates lie within ``STORY_WINDOW`` days chain into a thread; an event at a coarser place (the city
of Homs) joins a thread about a place inside it when exactly one such thread is running then.  Events
with no usable date join the thread at their place when there is only one.

``fold_threads`` then turns threads into stories of documents.  Each document has a *focus*: the
thread most of its reports are in (ties: the thread of its first report, the lead).  Every focus
thread is a story; a thread that is no document's focus -- the side happenings a round-up or a battle
report also mentions -- joins the story of the document that tells it most.  So the three reports on
the battle for Khalidiya are one story even though each also reports shelling elsewhere, while a
place that some document is about keeps its own story.  A document belongs to every story one of its
events is in.

Works on compact columns (paths of interned place keys, date ordinals) like the coreference core.
"""

from __future__ import annotations

from rasad.merge.coref import UNKNOWN_DATE

STORY_WINDOW = 21


def cluster_stories(paths: list[tuple[int, ...]], starts: list[int], ends: list[int],
                    window: int = STORY_WINDOW) -> list[int]:
    """Story label for every canonical event (given by its place path and date range)."""
    n = len(paths)
    labels = [-1] * n
    s_start: list[int] = []
    s_end: list[int] = []
    at_key: dict[int, list[int]] = {}
    under_key: dict[int, list[int]] = {}

    def new_story(i: int) -> int:
        sid = len(s_start)
        s_start.append(starts[i])
        s_end.append(ends[i])
        path = paths[i]
        if path:
            at_key.setdefault(path[-1], []).append(sid)
            for k in path[:-1]:
                under_key.setdefault(k, []).append(sid)
        return sid

    def overlaps(sid: int, i: int) -> bool:
        if starts[i] == UNKNOWN_DATE or s_start[sid] == UNKNOWN_DATE:
            return True
        return starts[i] - window <= s_end[sid] and ends[i] + window >= s_start[sid]

    def join(sid: int, i: int) -> None:
        labels[i] = sid
        if starts[i] == UNKNOWN_DATE:
            return
        if s_start[sid] == UNKNOWN_DATE:
            s_start[sid], s_end[sid] = starts[i], ends[i]
        else:
            s_start[sid] = min(s_start[sid], starts[i])
            s_end[sid] = max(s_end[sid], ends[i])

    order = sorted(range(n), key=lambda i: (-len(paths[i]), starts[i] == UNKNOWN_DATE, starts[i]))
    for i in order:
        path = paths[i]
        if len(path) <= 1:
            labels[i] = new_story(i)
            continue
        key = path[-1]
        here = at_key.get(key)
        if here:
            if starts[i] == UNKNOWN_DATE:
                if len(here) == 1:
                    join(here[0], i)
                    continue
            elif overlaps(here[-1], i):
                join(here[-1], i)
                continue
        inside = under_key.get(key)
        if inside:
            running = {sid for sid in inside[-64:] if overlaps(sid, i)}
            if len(running) == 1:
                join(running.pop(), i)
                continue
        labels[i] = new_story(i)
    return labels


def fold_threads(thread_of: list[int], reports_of: list[list[tuple[int, int]]]) -> list[int]:
    """Story label (a focus thread's label) for every canonical event.

    ``thread_of[k]`` is the thread of canonical event ``k``; ``reports_of[k]`` its reports as
    ``(document, position)`` where ``position`` orders a document's reports (the lead first).
    """
    counts: dict[int, dict[int, int]] = {}  # document -> thread -> reports
    lead: dict[int, tuple[int, int]] = {}  # document -> (position, thread) of its first report
    for k, reports in enumerate(reports_of):
        t = thread_of[k]
        for doc, pos in reports:
            per_doc = counts.setdefault(doc, {})
            per_doc[t] = per_doc.get(t, 0) + 1
            if doc not in lead or pos < lead[doc][0]:
                lead[doc] = (pos, t)
    focus: dict[int, int] = {}
    for doc, per_doc in counts.items():
        lead_thread = lead[doc][1]
        focus[doc] = max(per_doc, key=lambda t: (per_doc[t], t == lead_thread, -t))
    focus_threads = set(focus.values())
    story_of_thread: dict[int, int] = {t: t for t in focus_threads}
    for k, reports in enumerate(reports_of):
        t = thread_of[k]
        if t in story_of_thread or not reports:
            continue
        # the document that tells this side thread most (then the first document) takes it in
        tally: dict[int, int] = {}
        for doc, _pos in reports:
            tally[doc] = tally.get(doc, 0) + 1
        host = max(tally, key=lambda d: (tally[d], -d))
        story_of_thread[t] = focus[host]
    return [story_of_thread.get(t, t) for t in thread_of]
