"""Stories: canonical events (and so documents) about one unfolding situation.

A story is a place and a stretch of time: the battle for Khalidiya is the fighting, shelling and
claims of capture about Khalidiya over a few weeks.  Canonical events at the same place whose dates
lie within ``STORY_WINDOW`` days of the story chain into it; an event at a coarser place (the city of
Homs) joins a story about a place inside it when exactly one such story is running then.  Events
with no usable date join the story at their place when there is only one.  A document belongs to
every story one of its events is in, so a round-up article can sit in several stories.

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
